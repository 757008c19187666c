"""What can go wrong talking to the server, as one small hierarchy.

Every error carries a Chinese ``message`` a person can read in the window's
status bar; the engine decides from the class what to do next (back off,
sign out, rebuild, stop the cycle).
"""

from __future__ import annotations


class SyncError(Exception):
    """Base: ``message`` is displayable text (Chinese first)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Unreachable(SyncError):
    """Could not connect, or the server did not answer in time."""


class Unauthorized(SyncError):
    """401: the token is unknown, expired or revoked (or the password is wrong)."""


class Throttled(SyncError):
    """429: too many attempts; ``retry_after`` seconds to wait."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ResyncRequired(SyncError):
    """409 resync: the cursor is from another epoch or too old; rebuild and keep the outbox."""


class ProtocolMismatch(SyncError):
    """426, or a 2xx/4xx reply without the protocol header (a proxy's page, another
    service): client and server disagree. A 5xx without the header is a
    :class:`ServerError` (an unhandled error may leave the header out)."""


class BadReply(SyncError):
    """The reply is not what the protocol says (malformed JSON, truncated, wrong shape)."""


class ReplyCut(BadReply):
    """The connection broke after the status line, mid-body: a network failure, so the
    engine never blames the edits of a push batch for it (see ``sync.push_failures``)."""


class ServerError(SyncError):
    """5xx: the server failed; try again later. ``status_code`` and ``detail`` as sent."""

    def __init__(self, message: str, status_code: int = 500, detail: str = "") -> None:
        super().__init__(message)
        self.status_code = status_code
        self.detail = detail


class Rejected4xx(SyncError):
    """Any other 4xx, with the server's own detail."""

    def __init__(self, message: str, status_code: int, detail: object = None) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.detail = detail


class BlobMismatch(SyncError):
    """A downloaded blob does not hash to its name (the file was discarded)."""
