"""Every keyboard shortcut, declared once; the Help → 快捷键 dialog lists them.

The page shortcuts (``page_<key>``, 今日 … 审核) and page actions (Ctrl+F) come
from the page registry (``ui.pages.registry``): titles are the pages' own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guide_app.navigation import Audience, roles_seeing
from ui.labels import role_label
from ui.pages import registry
from ui.pages.registry import PageSpec


@dataclass(frozen=True)
class Shortcut:
    action: str  # name of the main window's QAction (or "card.save" etc.)
    keys: str  # QKeySequence portable text
    title: str  # Chinese source text; translated (in ``context``) when shown
    context: str = "Shortcuts"
    roles: tuple[str, ...] = ()  # a page only these roles see (named in the help)

    def translated_title(self) -> str:
        text = QCoreApplication.translate(self.context, self.title)
        if self.roles:
            text += f" ({'/'.join(role_label(r) for r in self.roles)})"
        return text


#: The window's own shortcuts around the pages' (``page_<key>`` and page actions
#: come from the page registry, between ``_BEFORE_PAGES`` and ``_AFTER_PAGES``).
_BEFORE_PAGES: tuple[Shortcut, ...] = (
    Shortcut("search", "Ctrl+K", QT_TRANSLATE_NOOP("Shortcuts", "搜索 (客户/订单/话术…)")),
)
_NEW_CUSTOMER = Shortcut("new_customer", "Ctrl+N", QT_TRANSLATE_NOOP("Shortcuts", "新建客户"))
_AFTER_PAGES: tuple[Shortcut, ...] = (
    Shortcut("sync_now", "F5", QT_TRANSLATE_NOOP("Shortcuts", "立即同步")),
    Shortcut("attention", "Ctrl+Shift+A", QT_TRANSLATE_NOOP("Shortcuts", "需要处理的修改")),
    Shortcut("settings", "Ctrl+,", QT_TRANSLATE_NOOP("Shortcuts", "设置")),
    Shortcut("logs", "Ctrl+Shift+L", QT_TRANSLATE_NOOP("Shortcuts", "运行日志")),
    Shortcut("help_shortcuts", "F1", QT_TRANSLATE_NOOP("Shortcuts", "快捷键一览")),
    Shortcut("quit", "Ctrl+Q", QT_TRANSLATE_NOOP("Shortcuts", "退出")),
    Shortcut("card.save", "Ctrl+Enter", QT_TRANSLATE_NOOP("Shortcuts", "客户卡片：保存")),
    Shortcut("card.scripts", "Ctrl+T", QT_TRANSLATE_NOOP("Shortcuts", "客户卡片：选话术并复制")),
    Shortcut("quick_panel", "Ctrl+Shift+K", QT_TRANSLATE_NOOP("Shortcuts", "快捷话术面板")),
    Shortcut(
        "scripts.copy_next", "Ctrl+Shift+C", QT_TRANSLATE_NOOP("Shortcuts", "复制下一项 (多项话术)")
    ),
    Shortcut("card.close", "Esc", QT_TRANSLATE_NOOP("Shortcuts", "关闭卡片/对话框、收起搜索结果")),
)


def page_action_name(key: str) -> str:
    return f"page_{key}"


def shortcuts(specs: Iterable[PageSpec] | None = None) -> tuple[Shortcut, ...]:
    """Every shortcut: the window's, each page's (``specs``: the registry's pages)."""
    specs = tuple(registry.pages() if specs is None else specs)
    goto = tuple(
        Shortcut(
            page_action_name(s.key),
            s.shortcut,
            s.title,
            registry.CONTEXT,
            () if s.audience is Audience.EVERYONE else tuple(roles_seeing(s.audience)),
        )
        for s in specs
    )
    actions = tuple(Shortcut(a.name, a.keys, a.title) for s in specs for a in s.actions)
    return _BEFORE_PAGES + goto + (_NEW_CUSTOMER,) + actions + _AFTER_PAGES


def keys_of(action: str) -> str:
    return next(s.keys for s in shortcuts() if s.action == action)


class ShortcutsDialog(QDialog):
    """Help → 快捷键."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("快捷键"))
        listed = shortcuts()
        table = QTableWidget(len(listed), 2)
        table.setHorizontalHeaderLabels([self.tr("按键"), self.tr("功能")])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, s in enumerate(listed):
            table.setItem(row, 0, QTableWidgetItem(s.keys))
            table.setItem(row, 1, QTableWidgetItem(s.translated_title()))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        self.resize(420, 560)
