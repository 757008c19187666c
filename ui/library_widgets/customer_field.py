"""The customer in context, picked by typing (name, pinyin, phone tail) — optional."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from ui.background import run_in_background

LIMIT = 8


class CustomerField(QLineEdit):
    """Type a few letters, pick from the list: ``sig_customer_changed(id | None, name)``.

    Clearing the box (or typing over a chosen name) drops the customer, so a
    script is never filled with someone the guide no longer means.
    """

    sig_customer_changed = Signal(object, str)

    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerField")
        self.setClearButtonEnabled(True)
        self.session = session
        self.customer_id: str | None = None
        self.customer_name = ""
        self._choices: list[tuple[str, str]] = []  # (label, id)
        self.model = QStringListModel(self)
        completer = QCompleter(self.model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated[str].connect(self._picked)
        self.setCompleter(completer)
        self.textEdited.connect(self._edited)
        # HQ reads customers online only: none in the cache to fill a script from
        if getattr(session, "reads_customers_online", False):
            self.hide()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setPlaceholderText(self.tr("客户（可选）：姓名/拼音/手机尾号"))

    def set_customer(self, customer_id: str | None, name: str = "") -> None:
        self.customer_id, self.customer_name = customer_id, name
        self.setText(name)
        self.sig_customer_changed.emit(customer_id, name)

    def choices(self) -> list[str]:
        return [label for label, _ in self._choices]

    def choose(self, index: int) -> None:
        label, cid = self._choices[index]
        self.completer().popup().hide()
        self.set_customer(cid, label.split("  ")[0])

    def _edited(self, text: str) -> None:
        if self.customer_id is not None:
            self.customer_id, self.customer_name = None, ""
            self.sig_customer_changed.emit(None, "")
        text = text.strip()
        if not text:
            self._choices = []
            self.model.setStringList([])
            return
        session = self.session
        run_in_background(
            lambda: [
                h for h in session.search(text, limit_per_kind=LIMIT).hits() if h.kind == "customer"
            ],
            lambda hits: self._found(text, hits),
        )

    def _found(self, text: str, hits: list) -> None:
        if text != self.text().strip():
            return
        self._choices = [
            (f"{h.title}  {h.subtitle}" if h.subtitle else h.title, h.id) for h in hits
        ]
        self.model.setStringList(self.choices())
        if self._choices and self.hasFocus():
            self.completer().complete()

    def _picked(self, label: str) -> None:
        for i, (choice, _cid) in enumerate(self._choices):
            if choice == label:
                self.choose(i)
                return
