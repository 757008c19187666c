"""Search a script, see it filled in for the customer, Enter copies it.

The card's script picker and the quick panel are this widget. The box
searches as one types (on a worker; a stale answer is dropped); a long text
(a customer's message pasted in) ranks the scripts that answer it
(``library.answers``); an empty box lists favourites, then recently used.
Enter copies the highlighted row for the customer in context — pressed
before the answer arrived, it copies the first row of that answer. A script
of several items: Enter again (or Ctrl+Shift+C) copies the next one.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QLineEdit, QSplitter, QVBoxLayout, QWidget

from ui.background import run_in_background
from ui.library_widgets.copy_flow import BLOCKED, MISSING, CopyFlow, Outcome
from ui.library_widgets.hit_list import (
    HitList,
    Row,
    row_of_hit,
    row_of_material,
    row_of_script,
)
from ui.library_widgets.preview import PreviewPane

log = logging.getLogger(__name__)

#: A text this long (or with a question mark) is a customer's message, not a title.
MESSAGE_CHARS = 12
#: A shorter text that matches nothing as typed is tried as a message too.
FALLBACK_CHARS = 4
NEXT_ITEM_KEYS = "Ctrl+Shift+C"
DEBOUNCE_MS = 80
LIMIT = 50


def is_message(text: str) -> bool:
    return len(text) >= MESSAGE_CHARS or any(c in text for c in "?？")


def default_rows(library: Any, limit: int = 20) -> list[Row]:
    """Favourites, then recently used (each once)."""
    rows: list[Row] = []
    seen: set[tuple[str, str]] = set()
    star = "★"
    for script in library.scripts(view="favorites", limit=limit):
        rows.append(row_of_script(script, star))
        seen.add(("script", script.id))
    for material in library.materials(view="favorites", limit=limit):
        rows.append(row_of_material(material, star))
        seen.add(("material", material.id))
    for kind, item_id in library.recent(limit=limit):
        if (kind, item_id) in seen:
            continue
        seen.add((kind, item_id))
        item = library.script(item_id) if kind == "script" else library.material(item_id)
        if item is not None:
            rows.append(row_of_script(item) if kind == "script" else row_of_material(item))
    return rows


class SearchLine(QLineEdit):
    """Arrows move the list, Enter copies, Esc asks the container to hide."""

    sig_move = Signal(int)
    sig_enter = Signal()
    sig_escape = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.sig_enter.emit()
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.sig_move.emit(1 if key == Qt.Key.Key_Down else -1)
        elif key == Qt.Key.Key_Escape:
            self.sig_escape.emit()
        else:
            super().keyPressEvent(event)


class ScriptPicker(QWidget):
    """Search box, rows, preview; copies for ``customer_id``.

    Signals: ``sig_done`` once everything of a copy is on the clipboard (the
    container may hide), ``sig_escape``, ``sig_results_shown(text)``.
    """

    sig_done = Signal()
    sig_escape = Signal()
    sig_results_shown = Signal(str)

    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.library = session.library
        self.customer_id: str | None = None
        self.flow = CopyFlow(session, self)
        self.search = SearchLine()
        self.search.setObjectName("pickerSearch")
        self.search.setClearButtonEnabled(True)
        self.list = HitList()
        self.preview = PreviewPane()
        self.status = QLabel()
        self.status.setObjectName("pickerStatus")
        self.status.setWordWrap(True)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        split.addWidget(self.preview)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._dispatch)
        self._in_flight: str | None = None
        self._shown_text: str | None = None
        self._enter_pending = False
        self._last_copied: tuple[str, str] | None = None
        self.search.textEdited.connect(self._edited)
        self.search.sig_move.connect(self.list.move)
        self.search.sig_enter.connect(self.enter)
        self.search.sig_escape.connect(self.sig_escape)
        self.list.sig_row_chosen.connect(self._preview)
        self.list.sig_row_activated.connect(lambda _row: self.enter())
        self.flow.sig_changed.connect(lambda: self.status.setText(self.flow.message))
        QShortcut(
            QKeySequence(NEXT_ITEM_KEYS),
            self,
            self.copy_next,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(self.tr("搜索话术、素材，或粘贴客户的消息"))

    # ------------------------------------------------------------------ context

    def set_customer(self, customer_id: str | None) -> None:
        self.customer_id = customer_id
        self._preview(self.list.current_row())

    def begin(self, text: str = "") -> None:
        """Fresh start: box focused (and ``text`` in it), favourites/recent or results."""
        self.flow.reset()
        self._last_copied = None
        self._shown_text = None
        self.list.show_rows([])
        self.search.setText(text)
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.search.selectAll()
        if text.strip():
            self._dispatch()
        else:
            self.show_defaults()

    def begin_with_script(self, script_id: str) -> None:
        """Fresh start with ``script_id`` chosen (今日: the script fitting the entry), shown
        filled in for the customer; Enter copies it, typing searches as usual."""
        self.begin()
        script = self.library.script(script_id)
        if script is None:
            return
        self._timer.stop()
        self._shown_text = ""  # the box is empty: this row is the current answer
        self.list.show_rows([row_of_script(script, "➤")])

    def show_defaults(self) -> None:
        """Favourites and recent, read on a worker (the box takes keys meanwhile)."""
        library = self.library
        run_in_background(lambda: default_rows(library), self._defaults_read, self._no_defaults)

    def _defaults_read(self, rows: list[Row]) -> None:
        if self.search.text().strip():
            return  # the guide is already searching
        chosen = [r for r in self.list.rows() if r.badge == "➤"] if self._shown_text == "" else []
        if chosen:
            rows = chosen + [r for r in rows if (r.kind, r.id) != (chosen[0].kind, chosen[0].id)]
        self._shown_text = ""
        self.list.show_rows(rows, self.tr("还没有收藏或最近使用的话术，输入文字搜索"))
        self.sig_results_shown.emit("")

    def _no_defaults(self, exc: BaseException) -> None:
        log.warning("favourites not listed: %s", exc)  # the box still searches
        self._defaults_read([])

    # ------------------------------------------------------------------ search

    def _edited(self, _text: str) -> None:
        self._enter_pending = False
        if not self.search.text().strip():
            self._timer.stop()
            self.show_defaults()
            return
        if self._in_flight is None and not self._timer.isActive():
            self._dispatch()
        else:
            self._timer.start()

    def _dispatch(self) -> None:
        text = self.search.text().strip()
        if not text:
            return
        if self._in_flight is not None:
            self._timer.start()
            return
        self._in_flight = text
        library = self.library

        def ask() -> list:
            if is_message(text):
                return library.answers(text, LIMIT)
            hits = library.search(text, LIMIT)
            if not hits and len(text) >= FALLBACK_CHARS:
                hits = library.answers(text, LIMIT)
            return hits

        run_in_background(
            ask,
            lambda hits: self._answered(text, hits),
            lambda exc: self._failed(text, exc),
        )

    def _answered(self, text: str, hits: list) -> None:
        self._in_flight = None
        if text != self.search.text().strip():
            if self.search.text().strip() and not self._timer.isActive():
                self._dispatch()
            return
        self._shown_text = text
        self.list.show_rows([row_of_hit(h) for h in hits], self.tr("没有找到“{0}”").format(text))
        self.sig_results_shown.emit(text)
        if self._enter_pending:
            self._enter_pending = False
            self.enter()

    def _failed(self, text: str, exc: BaseException) -> None:
        self._in_flight = None
        self._enter_pending = False
        self.status.setText(self.tr("搜索失败：{0}").format(exc))

    def results_current(self) -> bool:
        return self._shown_text == self.search.text().strip()

    # ------------------------------------------------------------------ preview

    def _preview(self, row: Row | None) -> None:
        if row is None:
            self.preview.clear_preview()
            return
        try:
            if row.kind == "script":
                rendered = self.library.render(row.id, self.customer_id)
                self.preview.show_rendered(rendered, preview_message(rendered))
            else:
                material = self.library.material(row.id)
                text = "" if material is None else (material.text or material.description)
                self.preview.show_text(text or row.title, editable=False)
        except Exception as exc:
            log.warning("preview of %s failed: %s", row.id, exc)
            self.preview.clear_preview(self.tr("无法预览：{0}").format(exc))

    # ------------------------------------------------------------------ copy

    def enter(self) -> None:
        """Copy the highlighted row (or its next item); wait for results still coming."""
        if not self.results_current():
            self._enter_pending = True
            if self._in_flight is None:
                self._dispatch()
            return
        row = self.list.current_row()
        if row is None:
            return
        if self._last_copied == (row.kind, row.id) and self.flow.has_next():
            self.copy_next()
            return
        self.copy_row(row)

    def copy_row(self, row: Row) -> Outcome:
        if row.kind == "script":
            edited = self.preview.current_text() if self.preview.edited() else None
            outcome = self.flow.copy_script(row.id, self.customer_id, edited)
        else:
            outcome = self.flow.copy_material(row.id, self.customer_id)
        if outcome.status in (BLOCKED, MISSING) and outcome.check is not None:
            self.preview.show_check(outcome.check, outcome.message)
            self.status.setText("")  # said once, under the marked text
        if outcome.copied:
            self._last_copied = (row.kind, row.id)
            if not self.flow.has_next():
                self.sig_done.emit()
        return outcome

    def copy_next(self) -> None:
        outcome = self.flow.copy_next()
        if outcome.copied and not self.flow.has_next():
            self.sig_done.emit()


def preview_message(rendered: Any) -> str:
    """What the preview says under a rendering: missing variables, blocking and warning words."""

    parts = []
    if rendered.missing:
        parts.append(
            QCoreApplication.translate(
                "ScriptPicker", "缺少变量：{0}（请选择客户或在此补上）"
            ).format("、".join(rendered.missing))
        )
    if rendered.check.blocked:
        parts.append(
            QCoreApplication.translate("ScriptPicker", "包含禁用词：{0}，不能复制").format(
                "、".join(rendered.check.words("block"))
            )
        )
    warn = rendered.check.words("warn")
    if warn:
        parts.append(
            QCoreApplication.translate("ScriptPicker", "包含需注意的词：{0}").format(
                "、".join(warn)
            )
        )
    return "；".join(parts)
