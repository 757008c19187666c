"""Every user preference, declared once (Picard's ``options.py`` pattern).

Values live in ``QSettings(IniFormat, UserScope)``. Secrets never go here: the
session token is kept in the OS keyring by ``guide_app.auth``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from guide_app.services.reminders import DEFAULT_TIMES as DEFAULT_REMINDER_TIMES
from guide_app.sync.engine import DEFAULT_INTERVAL_S

ORG = "GuideWorkstation"
APP = "guide-app"


@dataclass(frozen=True)
class Option:
    key: str
    default: Any
    title: str  # Chinese; shown in the settings dialog where relevant


OPTIONS: dict[str, Option] = {
    o.key: o
    for o in (
        Option("server_url", "http://127.0.0.1:8765", "服务器地址"),
        Option("last_username", "", "上次登录的账号"),
        # The engine's default: one home (edits reach other PCs by long-poll regardless).
        Option("sync_interval_s", DEFAULT_INTERVAL_S, "同步间隔(秒)"),
        Option("cache_budget_mb", 512, "离线素材缓存上限(MB)"),
        Option("language", "zh", "界面语言"),
        # Before 2026-12 one list per computer; moved into the first account that
        # opens the list (nothing recorded who saved them).
        Option("saved_filters", {}, "保存的筛选(旧, 本机共用)"),
        #: account key (paths.account_key: server|username) -> {name: selection}
        Option("saved_filters_by_account", {}, "保存的筛选(按账号)"),
        Option("contacts_scope_mine", True, "只看我的客户"),
        # 提醒 (ui.tray, guide_app.services.reminders): tray notices and their times of day
        Option("reminders_enabled", True, "桌面提醒"),
        Option("reminder_times", DEFAULT_REMINDER_TIMES, "提醒时间"),
    )
}


def settings() -> QSettings:
    """The app's settings file (ini, per user)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG, APP)


def get(key: str) -> Any:
    """The stored value of a declared option, converted to its default's type."""
    opt = OPTIONS[key]
    value = settings().value(key, opt.default)
    default = opt.default
    try:
        if isinstance(default, bool):
            return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")
        if isinstance(default, int):
            return int(value)
        if isinstance(default, dict):
            # Stored as JSON: ini files lose the types of nested values.
            loaded = json.loads(value) if isinstance(value, str) else value
            return loaded if isinstance(loaded, dict) else dict(default)
        return str(value)
    except (TypeError, ValueError):  # json.JSONDecodeError is a ValueError
        return default


def put(key: str, value: Any) -> None:
    """Store a declared option (unknown keys are a programming error)."""
    if key not in OPTIONS:
        raise KeyError(key)
    if isinstance(OPTIONS[key].default, dict):
        value = json.dumps(value, ensure_ascii=False)
    s = settings()
    s.setValue(key, value)
    s.sync()


def save_layout(name: str, state: QByteArray) -> None:
    """Window geometry or header state, keyed by the widget's class name."""
    s = settings()
    s.setValue(f"layout/{name}", state)


def load_layout(name: str) -> QByteArray | None:
    value = settings().value(f"layout/{name}")
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None
