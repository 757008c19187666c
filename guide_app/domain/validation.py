"""Turning protocol validation into :class:`ValidationFailed` for the screens."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from guide_core.protocol import MUTATION_FIELDS, InvalidMutation, validate_fields
from guide_core.rules import Code

from .errors import ValidationFailed


def checked_fields(entity: str, op: str, fields: dict[str, Any]) -> dict[str, Any]:
    """``validate_fields`` (the server's own check); raises ValidationFailed naming the field."""
    try:
        return validate_fields(entity, op, fields)
    except InvalidMutation as exc:
        field = _first_field(entity, op, fields)
        raise ValidationFailed(str(exc), field=field, code=Code.INVALID_FIELD) from None


def _first_field(entity: str, op: str, fields: dict[str, Any]) -> str | None:
    model = MUTATION_FIELDS.get((entity, op))
    if model is None:
        return None
    try:
        model.model_validate(fields)
    except ValidationError as exc:
        errors = exc.errors()
        if errors and errors[0]["loc"]:
            return str(errors[0]["loc"][0])
    return None
