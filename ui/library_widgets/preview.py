"""The rendered text before it is copied: missing variables and sensitive words marked.

The guide may edit the text here (a missing variable typed in by hand); the
copy then takes the edited text, checked again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

MISSING_COLOR = "#ffe58f"
BLOCK_COLOR = "#ffb3b3"
WARN_COLOR = "#ffd8a8"


def _selection(
    edit: QPlainTextEdit, start: int, end: int, color: str, underline: bool = False
) -> QTextEdit.ExtraSelection:
    sel = QTextEdit.ExtraSelection()
    cursor = QTextCursor(edit.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    sel.cursor = cursor
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(color))
    if underline:
        fmt.setFontUnderline(True)
        fmt.setUnderlineColor(QColor("#c0392b"))
    sel.format = fmt
    return sel


class PreviewPane(QWidget):
    """Text (editable), a message line under it, and where each mark is.

    ``marks``: ``(kind, start, end)`` with kind ``missing`` / ``block`` / ``warn``
    (what the tests and the screen reader look at, same as the colours).
    """

    sig_edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QPlainTextEdit()
        self.text.setObjectName("previewText")
        self.message = QLabel()
        self.message.setObjectName("previewMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("role", "hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.message)
        self.marks: list[tuple[str, int, int]] = []
        self._shown = ""
        self._missing: list[str] = []
        self._filling = False
        self.text.textChanged.connect(self._changed)

    def clear_preview(self, message: str = "") -> None:
        self._filling = True
        self.text.setPlainText("")
        self._filling = False
        self._shown = ""
        self._missing = []
        self.marks = []
        self.text.setExtraSelections([])
        self.message.setText(message)

    def show_text(self, text: str, editable: bool = True) -> None:
        """A text with nothing to mark (a material's description)."""
        self.clear_preview()
        self._filling = True
        self.text.setPlainText(text)
        self._filling = False
        self._shown = text
        self.text.setReadOnly(not editable)

    def show_rendered(self, rendered: Any, message: str = "") -> None:
        """A rendered script: its missing variables and sensitive words marked."""
        self._filling = True
        self.text.setPlainText(rendered.text)
        self._filling = False
        self.text.setReadOnly(False)
        self._shown = rendered.text
        self._missing = list(rendered.missing)
        marks = [("missing", s, e) for s, e in rendered.missing_spans]
        marks += [
            ("block" if h.severity == "block" else "warn", h.start, h.end)
            for h in rendered.check.hits
        ]
        self.show_marks(marks)
        self.message.setText(message)

    def show_check(self, check: Any, message: str = "") -> None:
        """Marks for the sensitive words found in the current (edited) text."""
        marks = [m for m in self.marks if m[0] == "missing" and not self.edited()]
        marks += [
            ("block" if h.severity == "block" else "warn", h.start, h.end) for h in check.hits
        ]
        self.show_marks(marks)
        if message:
            self.message.setText(message)

    def show_marks(self, marks: list[tuple[str, int, int]]) -> None:
        self.marks = marks
        colors = {"missing": MISSING_COLOR, "block": BLOCK_COLOR, "warn": WARN_COLOR}
        self.text.setExtraSelections(
            [_selection(self.text, s, e, colors[k], underline=k == "block") for k, s, e in marks]
        )

    def marked_words(self, kind: str) -> list[str]:
        body = self.text.toPlainText()
        return [body[s:e] for k, s, e in self.marks if k == kind]

    def current_text(self) -> str:
        return self.text.toPlainText()

    def edited(self) -> bool:
        return self.text.toPlainText() != self._shown

    def missing(self) -> list[str]:
        """Variables still unfilled: all of the rendering's, or those left ``{…}`` in an edit."""
        if not self.edited():
            return list(self._missing)
        body = self.text.toPlainText()
        return [name for name in self._missing if "{" + name + "}" in body]

    def _changed(self) -> None:
        if not self._filling:
            self.sig_edited.emit()
