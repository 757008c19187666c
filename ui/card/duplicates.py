"""Duplicate customers in the window: the warning before a save, and the server's
flag on a card (see ``guide_app.services.customer_duplicates`` for what a PC can match)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from guide_app.services.customer_views import CustomerCard

#: Matches named one by one; more are counted.
SHOWN = 3
#: Longest name (with remark) shown in a match line.
NAME_CHARS = 18

_BOX_STYLE = (
    "QFrame#duplicateBox { background: #fff4e0; border: 1px solid #f5d39a; border-radius: 4px; }"
    "QFrame#duplicateBox QLabel { color: #6b4500; background: transparent; border: none; }"
)


def _box(widget: QFrame) -> None:
    widget.setObjectName("duplicateBox")
    widget.setStyleSheet(_BOX_STYLE)


class _Rows(QWidget):
    """One line per customer (name · masked phone · owner · why) with an 打开 button."""

    sig_open = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # one grid, no widget per line: a wrapped label nested one level deeper
        # beside a button is given too little height and gets cut off
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(0, 1)
        self.labels: list[QLabel] = []
        self.buttons: list[QPushButton] = []

    def show_matches(self, matches: list, button_text: str, owner_text, why_text) -> None:
        for widget in (*self.labels, *self.buttons):
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self.labels, self.buttons = [], []
        for row, m in enumerate(matches[:SHOWN]):
            name = f"{m.name}（{m.remark_name}）" if m.remark_name else m.name
            name = name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + "…"
            plain = (m.phone_display, owner_text(m), why_text(m))
            bits = [f"<b>{_escape(name)}</b>", *(_escape(b) for b in plain)]
            label = QLabel(" · ".join(b for b in bits if b))
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            button = QPushButton(button_text)
            button.clicked.connect(lambda _c=False, cid=m.id: self.sig_open.emit(cid))
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(button, row, 1, Qt.AlignmentFlag.AlignVCenter)
            self.labels.append(label)
            self.buttons.append(button)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class DuplicateWarning(QFrame):
    """Shown before a save when the store may already have this customer.

    ``sig_open(id)``: 打开已有客户; ``sig_proceed``: save anyway (the button's text
    is the caller's: 仍然新建 or 仍然保存).
    """

    sig_open = Signal(str)
    sig_proceed = Signal()

    def __init__(self, proceed_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _box(self)
        self.matches: list = []
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: 600;")
        self.title.setWordWrap(True)
        self.rows = _Rows()
        self.rows.sig_open.connect(self.sig_open)
        self.more = QLabel()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.proceed_button = QPushButton(proceed_text)
        self.proceed_button.clicked.connect(self.sig_proceed)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.proceed_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.rows)
        layout.addWidget(self.more)
        layout.addLayout(bottom)
        self.hide()

    @property
    def open_buttons(self) -> list[QPushButton]:
        return self.rows.buttons

    def show_matches(self, matches: list) -> None:
        self.matches = list(matches)
        certain = any(m.certain for m in matches)
        self.title.setText(
            self.tr("⚠ 本店已有相同手机号或会员号的客户，可能是同一人：")
            if certain
            else self.tr("⚠ 本店可能已有这位客户：")
        )
        self.rows.show_matches(matches, self.tr("打开已有客户"), self._owner_text, self._why_text)
        extra = len(matches) - SHOWN
        self.more.setText(self.tr("另有 {0} 位相同的客户").format(extra) if extra > 0 else "")
        self.more.setVisible(extra > 0)
        self.hint.setText(
            self.tr("其他导购的客户只显示手机号前三位和后四位，未必是同一人。")
            if not all(m.certain for m in matches)
            else self.tr("确认不是同一人时，可以继续。")
        )
        self.show()

    def _owner_text(self, m) -> str:
        return self.tr("导购 {0}").format(m.owner_name) if m.owner_name else self.tr("无所属导购")

    def _why_text(self, m) -> str:
        if m.by_member_no:
            return self.tr("会员号相同")
        if m.certain:
            return self.tr("手机号相同")
        return self.tr("手机号前三后四位相同")


class DuplicateBanner(QFrame):
    """The server's flag on a card: which customer this one may duplicate (or which
    customers may duplicate it), a button to open that card and, for the store's
    supervisor and HQ, one to dismiss the flag."""

    sig_open = Signal(str)
    sig_dismiss = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _box(self)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.rows = _Rows()
        self.rows.sig_open.connect(self.sig_open)
        self.dismiss_button = QPushButton()
        self.dismiss_button.setAutoDefault(False)  # never by Enter: the card's save is
        self.dismiss_button.clicked.connect(self.sig_dismiss)
        self.note = QLabel()
        self.note.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.text)
        layout.addWidget(self.rows)
        layout.addLayout(bottom)
        self.hide()

    @property
    def open_buttons(self) -> list[QPushButton]:
        return self.rows.buttons

    def show_card(self, card: CustomerCard) -> None:
        target = card.duplicate_of
        others = list(card.duplicated_by)
        if target is None and not others:
            self.hide()
            return
        if target is not None:
            self.text.setText(
                self.tr("⚠ 疑似重复：服务器发现这位客户与下面这位客户的手机号或会员号相同。")
            )
            matches = [target]
        else:
            self.text.setText(self.tr("⚠ 疑似重复：下面的客户与这位客户的手机号或会员号相同。"))
            matches = others
        self.rows.show_matches(matches, self.tr("打开"), self._owner_text, self._why_text)
        can_dismiss = target is not None and bool(card.can_dismiss_duplicate)
        self.dismiss_button.setText(self.tr("不是同一人，忽略提示"))
        self.dismiss_button.setVisible(can_dismiss)
        self.dismiss_button.setEnabled(True)
        self.note.setText("" if can_dismiss else self.tr("请店长核对（合并客户暂不支持）"))
        self.show()

    def _owner_text(self, m) -> str:
        if not m.name:
            return self.tr("（本地还没有这位客户）")
        return self.tr("导购 {0}").format(m.owner_name) if m.owner_name else self.tr("无所属导购")

    def _why_text(self, m) -> str:
        if m.by_member_no:
            return self.tr("会员号相同")
        if m.by_phone:
            return self.tr("手机号相同")
        return ""
