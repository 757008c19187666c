"""Translators: Chinese source strings, English from ``resources/translations``.

Qt's own ``qtbase_zh_CN`` (or ``qt_zh_CN``) is installed for Chinese so that
standard dialogs (OK/Cancel, file dialogs) speak the same language.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ui.paths import translations_dir

log = logging.getLogger(__name__)
LANGUAGES = {"zh": "中文", "en": "English"}
_installed: list[QTranslator] = []


def install_translators(lang: str) -> str:
    """Replace the installed translators with those of ``lang``; return the language used."""
    app = QCoreApplication.instance()
    if lang not in LANGUAGES:
        lang = "zh"
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if lang == "zh":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        for base in ("qtbase_zh_CN", "qt_zh_CN"):
            tr = QTranslator()
            if tr.load(base, qt_dir):
                app.installTranslator(tr)
                _installed.append(tr)
                break
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        tr = QTranslator()
        if tr.load(f"guide_{lang}", str(translations_dir())):
            app.installTranslator(tr)
            _installed.append(tr)
        else:
            log.warning("找不到界面翻译 guide_%s.qm", lang)
    return lang
