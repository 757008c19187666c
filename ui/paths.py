"""Where the app finds its resources: the repo checkout, or the PyInstaller bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon


def is_frozen() -> bool:
    """True inside a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


@cache
def resources_dir() -> Path:
    """The ``resources/`` folder (bundle dir when frozen, else next to ``ui/``)."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def translations_dir() -> Path:
    return resources_dir() / "translations"


@cache
def icon(name: str) -> QIcon:
    """A line icon from ``resources/icons/<name>.svg`` (SVG scales cleanly on HiDPI)."""
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def style_sheet() -> str:
    """The one application style sheet (empty if missing, so the app still starts)."""
    path = resources_dir() / "style.qss"
    return path.read_text(encoding="utf-8") if path.exists() else ""
