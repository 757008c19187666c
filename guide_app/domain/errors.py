"""Errors the client core raises to the screens, with messages a guide can read.

A refusal by the shared rules (``guide_core.rules``) carries its ``code`` — the
same code the server would answer the write with — so callers match codes,
never the Chinese text.
"""

from __future__ import annotations

from guide_core.rules import Code, Refusal


class ValidationFailed(ValueError):
    """Input refused before anything was written; ``field`` names the culprit if one,
    ``code`` says why (``guide_core.rules.Code``)."""

    def __init__(self, message: str, field: str | None = None, code: Code | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


class Forbidden(ValidationFailed):
    """The signed-in user may not do this (the shared rules said so; the server agrees)."""


class NotFound(ValidationFailed):
    """The row the write refers to is not in the local cache."""


class InvalidServerData(ValueError):
    """A pulled row or push result that does not fit the protocol; nothing was applied."""


#: Codes that mean "not allowed" (raised as :class:`Forbidden`) and "not there" (:class:`NotFound`).
_FORBIDDEN = frozenset({Code.FORBIDDEN, Code.NOT_OWNER, Code.OTHER_STORE})
_NOT_FOUND = frozenset(c for c in Code if c.value.startswith("unknown_"))


def refused(refusal: Refusal, field: str | None = None) -> ValidationFailed:
    """The domain error for a rule's refusal (raise it)."""
    kind = (
        Forbidden
        if refusal.code in _FORBIDDEN
        else NotFound
        if refusal.code in _NOT_FOUND
        else ValidationFailed
    )
    return kind(refusal.reason, field=field, code=refusal.code)


def raise_if(refusal: Refusal | None, field: str | None = None) -> None:
    """Raise the domain error for ``refusal`` (``None``: allowed, nothing happens)."""
    if refusal is not None:
        raise refused(refusal, field)


def not_found(code: Code, detail: str = "", field: str | None = None) -> NotFound:
    return NotFound(Refusal(code, detail).reason, field=field, code=code)
