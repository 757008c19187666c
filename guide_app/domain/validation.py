"""Turning protocol validation into :class:`ValidationFailed` for the screens."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from guide_app.sync.protocol import MUTATION_FIELDS, InvalidMutation, validate_fields

from .errors import ValidationFailed

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_NAME_FIELDS = ("name", "remark_name", "title")


def checked_fields(entity: str, op: str, fields: dict[str, Any]) -> dict[str, Any]:
    """``validate_fields`` plus our domain rules; raises ValidationFailed naming the field."""
    try:
        out = validate_fields(entity, op, fields)
    except InvalidMutation as exc:
        raise ValidationFailed(str(exc), field=_first_field(entity, op, fields)) from None
    for key in _NAME_FIELDS:
        value = out.get(key)
        if isinstance(value, str) and _CONTROL.search(value):
            raise ValidationFailed(f"{key}: 不能包含控制字符", field=key)
    return out


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
