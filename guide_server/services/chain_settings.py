"""HQ's chain settings: the lifecycle thresholds (one ``chain_setting`` row in ``global``).

Saving bumps the row's version in ``global`` (``sync.versions.touch``) so every counter PC
pulls it and derives stages with it; the server derives them with the same function
(:func:`stage_thresholds` → ``guide_core.lifecycle.stage_of`` / ``thresholds_from``).
"""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy.orm import Session

from guide_core.lifecycle import CHAIN_SETTING_ID, SETTING_FIELDS, StageThresholds, thresholds_from
from guide_core.settings_api import (
    LifecycleSettings,
    LifecycleSettingsWrite,
    TodaySettings,
    TodaySettingsWrite,
)
from guide_server.audit import record
from guide_server.models import ChainSetting
from guide_server.models.base import utcnow
from guide_server.reader import GLOBAL, Reader
from guide_server.sync.versions import touch


def stage_thresholds(session: Session) -> StageThresholds:
    """The chain's thresholds; the defaults until HQ saves them."""
    row = session.get(ChainSetting, CHAIN_SETTING_ID)
    if row is None:
        return thresholds_from(None)
    return thresholds_from({key: getattr(row, key) for key in SETTING_FIELDS})


def lifecycle_settings(session: Session) -> LifecycleSettings:
    row = session.get(ChainSetting, CHAIN_SETTING_ID)
    return LifecycleSettings(
        **asdict(stage_thresholds(session)), updated_at=row.updated_at if row else None
    )


def _save(
    session: Session, reader: Reader, values: dict[str, int], action: str, detail: str
) -> None:
    """Store ``values`` (columns of the one row, the others keep what they have, or their
    defaults on a first save) with a new version and an audit row; the same values again
    move no version."""
    row = session.get(ChainSetting, CHAIN_SETTING_ID)
    if row is not None and all(getattr(row, k) == v for k, v in values.items()):
        return
    if row is None:
        row = ChainSetting(id=CHAIN_SETTING_ID)
        session.add(row)
    for key, value in values.items():
        setattr(row, key, value)
    row.updated_at = utcnow()
    session.flush()
    touch(session, "chain_setting", CHAIN_SETTING_ID, GLOBAL)
    record(session, reader, action, detail)


def save_lifecycle(
    session: Session, reader: Reader, body: LifecycleSettingsWrite
) -> LifecycleSettings:
    """Store HQ's thresholds."""
    values = {key: getattr(body.thresholds, attr) for key, attr in SETTING_FIELDS.items()}
    detail = " ".join(
        f"{attr}={getattr(body.thresholds, attr)}" for attr in SETTING_FIELDS.values()
    )
    _save(session, reader, values, "lifecycle_settings", detail)
    return lifecycle_settings(session)


def today_settings(session: Session) -> TodaySettings:
    """今日's contact guard (the default until HQ saves it)."""
    row = session.get(ChainSetting, CHAIN_SETTING_ID)
    if row is None:
        return TodaySettings()
    return TodaySettings(contact_guard_days=row.contact_guard_days, updated_at=row.updated_at)


def save_today(session: Session, reader: Reader, body: TodaySettingsWrite) -> TodaySettings:
    """Store HQ's contact guard days (the thresholds keep theirs)."""
    days = body.contact_guard_days
    _save(
        session,
        reader,
        {"contact_guard_days": days},
        "today_settings",
        f"contact_guard_days={days}",
    )
    return today_settings(session)
