"""Errors the client core raises to the screens, with messages a guide can read."""

from __future__ import annotations


class ValidationFailed(ValueError):
    """Input refused before anything was written; ``field`` names the culprit if one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class Forbidden(ValidationFailed):
    """The signed-in user may not do this (mirrors the server's permission rules)."""


class NotFound(ValidationFailed):
    """The row the write refers to is not in the local cache."""


class InvalidServerData(ValueError):
    """A pulled row or push result that does not fit the protocol; nothing was applied."""
