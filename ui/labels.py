"""Display labels of the protocol's enum codes, through Qt's translator.

The Chinese words live once, in ``guide_app.domain.labels``; here they are only
passed through ``QCoreApplication.translate`` (context ``"Labels"``) so English
ships in the .qm. lupdate cannot see strings held in a dict, so
``resources/translations/fill_en.py`` writes the ``Labels`` context of the .ts
from :data:`TRANSLATED_TABLES`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from guide_app.domain import labels as domain

CONTEXT = "Labels"

#: Every domain table the UI shows, by name (fill_en.py adds each word to the .ts).
TRANSLATED_TABLES: dict[str, dict[str, str]] = {
    "levels": domain.LEVELS,
    "stages": domain.STAGES,
    "follow_up_channels": domain.FOLLOW_UP_CHANNELS,
    "order_channels": domain.ORDER_CHANNELS,
    "order_statuses": domain.ORDER_STATUSES,
    "roles": domain.ROLES,
}

#: The codes in the order the UI lists them (combo boxes, filter check boxes).
LEVELS = tuple(domain.LEVELS)
STAGES = tuple(domain.STAGES)
FOLLOW_UP_CHANNELS = tuple(domain.FOLLOW_UP_CHANNELS)


def translated(table: dict[str, str], code: str | None) -> str:
    """The label of ``code`` in the current language; an unknown code shows as itself."""
    chinese = table.get(code) if code is not None else ""
    if chinese is None:
        return code
    return QCoreApplication.translate(CONTEXT, chinese) if chinese else ""


def level_label(code: str | None) -> str:
    return translated(domain.LEVELS, code)


def stage_label(code: str | None) -> str:
    return translated(domain.STAGES, code)


def channel_label(code: str | None) -> str:
    return translated(domain.FOLLOW_UP_CHANNELS, code)


def order_channel_label(code: str | None) -> str:
    return translated(domain.ORDER_CHANNELS, code)


def order_status_label(code: str | None) -> str:
    return translated(domain.ORDER_STATUSES, code)


def role_label(code: str | None) -> str:
    return translated(domain.ROLES, code)


def local_time(value: object, with_time: bool = True) -> str:
    """A time from the cache (UTC text or datetime) in the PC's local time."""
    from datetime import UTC, datetime

    if value in (None, ""):
        return ""
    if not isinstance(value, datetime):
        try:
            value = datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)[:16]
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone().strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")
