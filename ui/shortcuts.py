"""Every keyboard shortcut, declared once; the Help → 快捷键 dialog lists them."""

from __future__ import annotations

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


@dataclass(frozen=True)
class Shortcut:
    action: str  # name of the main window's QAction attribute (or "card.save" etc.)
    keys: str  # QKeySequence portable text
    title: str  # Chinese source text; translated when shown


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("search", "Ctrl+K", QT_TRANSLATE_NOOP("Shortcuts", "搜索 (客户/订单/话术…)")),
    Shortcut("page_today", "Ctrl+1", QT_TRANSLATE_NOOP("Shortcuts", "今日")),
    Shortcut("page_contacts", "Ctrl+2", QT_TRANSLATE_NOOP("Shortcuts", "客户")),
    Shortcut("page_scripts", "Ctrl+3", QT_TRANSLATE_NOOP("Shortcuts", "话术素材")),
    Shortcut("page_orders", "Ctrl+4", QT_TRANSLATE_NOOP("Shortcuts", "订单")),
    Shortcut("page_tasks", "Ctrl+5", QT_TRANSLATE_NOOP("Shortcuts", "任务")),
    Shortcut("page_review", "Ctrl+6", QT_TRANSLATE_NOOP("Shortcuts", "审核 (店长)")),
    Shortcut("new_customer", "Ctrl+N", QT_TRANSLATE_NOOP("Shortcuts", "新建客户")),
    Shortcut("filters", "Ctrl+F", QT_TRANSLATE_NOOP("Shortcuts", "显示/隐藏客户筛选")),
    Shortcut("open_customer", "Return", QT_TRANSLATE_NOOP("Shortcuts", "打开选中的客户")),
    Shortcut("sync_now", "F5", QT_TRANSLATE_NOOP("Shortcuts", "立即同步")),
    Shortcut("attention", "Ctrl+Shift+A", QT_TRANSLATE_NOOP("Shortcuts", "需要处理的修改")),
    Shortcut("settings", "Ctrl+,", QT_TRANSLATE_NOOP("Shortcuts", "设置")),
    Shortcut("logs", "Ctrl+Shift+L", QT_TRANSLATE_NOOP("Shortcuts", "运行日志")),
    Shortcut("help_shortcuts", "F1", QT_TRANSLATE_NOOP("Shortcuts", "快捷键一览")),
    Shortcut("quit", "Ctrl+Q", QT_TRANSLATE_NOOP("Shortcuts", "退出")),
    Shortcut("card.save", "Ctrl+Enter", QT_TRANSLATE_NOOP("Shortcuts", "客户卡片：保存")),
    Shortcut("card.close", "Esc", QT_TRANSLATE_NOOP("Shortcuts", "关闭卡片/对话框、收起搜索结果")),
)


def keys_of(action: str) -> str:
    return next(s.keys for s in SHORTCUTS if s.action == action)


class ShortcutsDialog(QDialog):
    """Help → 快捷键."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("快捷键"))
        table = QTableWidget(len(SHORTCUTS), 2)
        table.setHorizontalHeaderLabels([self.tr("按键"), self.tr("功能")])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, s in enumerate(SHORTCUTS):
            table.setItem(row, 0, QTableWidgetItem(s.keys))
            table.setItem(
                row, 1, QTableWidgetItem(QCoreApplication.translate("Shortcuts", s.title))
            )
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        self.resize(420, 560)
