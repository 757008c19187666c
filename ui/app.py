"""Building the QApplication: style, translators, logging (shared by main, tests, benches)."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

# The client core before Qt: once PySide6 is loaded, its import hook reads the
# source of every module imported after it (looking for "PySide6"), which for
# SQLAlchemy, pydantic and httpx's ~500 modules cost ~60 ms of each start.
# Every window needs these anyway (the session, its services, the search).
import guide_app.search  # noqa: E402, F401
import guide_app.session  # noqa: E402, F401

# isort: split

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from ui import options
from ui.i18n import install_translators
from ui.logs import setup_logging
from ui.paths import icon, style_sheet


def tune_gc() -> None:
    """Keep full garbage collections short: they stop every thread, the GUI's too.

    Measured with bench/gui_stall.py: during a first sync the sync thread
    allocates millions of short-lived objects, and each full collection then
    walked every long-lived object (modules, pinyin tables, Qt wrappers) for
    up to ~450 ms while holding the GIL. Freezing what exists after start-up
    takes those out of every later collection, and a larger young-generation
    threshold makes full collections rarer. No full collection before freezing:
    it found no garbage at this point and cost ~40 ms of every start.
    """
    try:
        from guide_app.cache.pinyin_index import pinyin_of

        pinyin_of("张三")  # load the pinyin tables now, so they are frozen too
    except ImportError:
        pass
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def tune_thread_switching() -> None:
    """Hand the GIL over sooner: the GUI thread re-acquires it for every Python
    slot and delegate call, and each wait behind the busy sync thread costs up to
    one switch interval (5 ms by default). bench/gui_stall.py measures the effect."""
    sys.setswitchinterval(0.001)


def make_app(
    argv: list[str] | None = None, lang: str | None = None, data_dir: Path | None = None
) -> QApplication:
    """The one QApplication, styled and translated (re-used if one exists)."""
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        QCoreApplication.setOrganizationName(options.ORG)
        QCoreApplication.setApplicationName(options.APP)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setWindowIcon(icon("app"))
    app.setStyleSheet(style_sheet())
    setup_logging(data_dir=data_dir)
    install_translators(lang or options.get("language"))
    tune_gc()
    tune_thread_switching()
    return app


def apply_language(lang: str) -> str:
    """Switch language live: translators are swapped; windows re-label on LanguageChange."""
    lang = install_translators(lang)
    options.put("language", lang)
    return lang
