"""话术素材: group tree | list | preview; views 全部/收藏/最近使用/我的话术/素材.

Search filters as one types (hits highlighted); the customer field fills the
variables; Enter (or 复制) copies the current row for that customer after the
checks (``ui.library_widgets.copy_flow``); Ctrl+Shift+C copies a script's next
item. 我的话术 can be written, edited, deleted and suggested to HQ, and shows
what became of each suggestion.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from ui.background import run_in_background
from ui.library_widgets.copy_flow import BLOCKED, MISSING, CopyFlow
from ui.library_widgets.customer_field import CustomerField
from ui.library_widgets.group_tree import GroupTree
from ui.library_widgets.hit_list import HitList, Row, row_of_hit, row_of_material, row_of_script
from ui.library_widgets.material_view import MaterialView
from ui.library_widgets.personal_dialog import PersonalScriptDialog
from ui.library_widgets.picker import NEXT_ITEM_KEYS, SearchLine, preview_message
from ui.library_widgets.preview import PreviewPane
from ui.pages.registry import PageWidget

if TYPE_CHECKING:
    from guide_app.session import Session
    from ui.pages.registry import PageHost

log = logging.getLogger(__name__)

VIEWS = ("all", "favorites", "recent", "mine", "materials")
LIMIT = 500
DEBOUNCE_MS = 80


def suggestion_text(suggestion: Any) -> str:
    """待处理 / 已采纳 / 未采纳：reason (the guide's view of an HQ decision)."""
    status = str(suggestion.status)
    if status == "accepted":
        return QCoreApplication.translate("LibraryPage", "已采纳")
    if status == "declined":
        reason = suggestion.reason.strip()
        return (
            QCoreApplication.translate("LibraryPage", "未采纳：{0}").format(reason)
            if reason
            else QCoreApplication.translate("LibraryPage", "未采纳")
        )
    return QCoreApplication.translate("LibraryPage", "待处理")


def load_rows(library: Any, view: str, group_id: str | None, text: str) -> list[Row]:
    """The list's rows for a view, a group and the search text (worker thread)."""
    if text:
        return [row_of_hit(h) for h in library.search(text, LIMIT)]
    if view == "materials":
        return [row_of_material(m) for m in library.materials(view="all", limit=LIMIT)]
    if view == "recent":
        rows = []
        for kind, item_id in library.recent(limit=50):
            item = library.script(item_id) if kind == "script" else library.material(item_id)
            if item is not None:
                rows.append(row_of_script(item) if kind == "script" else row_of_material(item))
        return rows
    scripts = library.scripts(group_id=group_id, view=view, limit=LIMIT)
    if view == "favorites":
        materials = library.materials(view="favorites", limit=LIMIT)
        return [row_of_script(s, "★") for s in scripts] + [
            row_of_material(m, "★") for m in materials
        ]
    if view == "mine":
        latest = {s.script_id: s for s in library.suggestions()}
        return [
            row_of_script(s, suggestion_text(latest[s.id]) if s.id in latest else "")
            for s in scripts
        ]
    return [row_of_script(s) for s in scripts]


class LibraryPage(PageWidget):
    def __init__(self, session: Session, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LibraryPage")
        self.session = session
        self.host = host
        self.library = session.library
        self.flow = CopyFlow(session, self)
        self._focus: tuple[str, str] | None = None
        self._request = 0
        self.shown_request = 0  # the refresh whose rows the list shows
        self.shown_text = ""
        self._last_copied: tuple[str, str] | None = None
        self._closed = False  # the window closed: answers still arriving are dropped
        self._previewed: tuple[str, str] | None = None  # the row the preview shows

        self.groups = GroupTree()
        self.views = QTabBar()
        self.views.setObjectName("libraryViews")
        for _ in VIEWS:
            self.views.addTab("")
        self.search = SearchLine()
        self.search.setObjectName("librarySearch")
        self.search.setClearButtonEnabled(True)
        self.list = HitList()
        self.new_button = QPushButton()
        self.edit_button = QPushButton()
        self.delete_button = QPushButton()
        self.suggest_button = QPushButton()
        self.favorite_button = QPushButton()
        self.favorite_button.setCheckable(True)
        actions = QHBoxLayout()
        for b in (
            self.favorite_button,
            self.new_button,
            self.edit_button,
            self.delete_button,
            self.suggest_button,
        ):
            actions.addWidget(b)
        actions.addStretch(1)
        middle = QWidget()
        mid = QVBoxLayout(middle)
        mid.setContentsMargins(0, 0, 0, 0)
        mid.addWidget(self.views)
        mid.addWidget(self.search)
        mid.addWidget(self.list, 1)
        mid.addLayout(actions)

        self.customer = CustomerField(session)
        self.preview = PreviewPane()
        self.material_view = MaterialView(session)
        self.suggestion = QLabel()
        self.suggestion.setObjectName("suggestionStatus")
        self.suggestion.setWordWrap(True)
        self.progress = QLabel()
        self.progress.setObjectName("copyProgress")
        self.progress.setWordWrap(True)
        self.copy_button = QPushButton()
        self.copy_button.setProperty("primary", True)
        self.next_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.copy_button)
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.customer)
        side.addWidget(self.material_view)
        side.addWidget(self.preview, 1)
        side.addWidget(self.suggestion)
        side.addLayout(buttons)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.groups)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([180, 420, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 8)
        layout.addWidget(self.splitter)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        self.search.sig_move.connect(self.list.move)
        self.search.sig_enter.connect(self.copy_current)
        self.search.sig_escape.connect(self._clear_search)
        self.views.currentChanged.connect(lambda _i: self.refresh())
        self.groups.sig_group_chosen.connect(self._group_chosen)
        self.list.sig_row_chosen.connect(self._row_chosen)
        self.list.sig_row_activated.connect(lambda _row: self.copy_current())
        self.customer.sig_customer_changed.connect(lambda *_a: self._customer_changed())
        self.preview.sig_edited.connect(lambda: self.progress.setText(""))
        self.copy_button.clicked.connect(lambda _c=False: self.copy_current())
        self.next_button.clicked.connect(lambda _c=False: self.copy_next())
        self.new_button.clicked.connect(lambda _c=False: self.new_personal())
        self.edit_button.clicked.connect(lambda _c=False: self.edit_personal())
        self.delete_button.clicked.connect(lambda _c=False: self.delete_personal())
        self.suggest_button.clicked.connect(lambda _c=False: self.suggest())
        self.favorite_button.clicked.connect(lambda on: self.set_favorite(on))
        self.flow.sig_changed.connect(self._flow_changed)
        QShortcut(
            QKeySequence(NEXT_ITEM_KEYS),
            self,
            self.copy_next,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self._update_actions(None)
        self.retranslate_ui()

    # ------------------------------------------------------------------ text

    def retranslate_ui(self) -> None:
        titles = (
            self.tr("全部"),
            self.tr("收藏"),
            self.tr("最近使用"),
            self.tr("我的话术"),
            self.tr("素材"),
        )
        for i, title in enumerate(titles):
            self.views.setTabText(i, title)
        self.search.setPlaceholderText(self.tr("搜索标题、内容、关键词（支持拼音）"))
        self.new_button.setText(self.tr("新建"))
        self.edit_button.setText(self.tr("编辑"))
        self.delete_button.setText(self.tr("删除"))
        self.suggest_button.setText(self.tr("建议加入总部话术库"))
        self.copy_button.setText(self.tr("复制"))
        self.copy_button.setToolTip("Enter")
        self.next_button.setText(self.tr("复制下一项"))
        self.next_button.setToolTip(NEXT_ITEM_KEYS)
        self.groups.retranslate_ui()
        self.customer.retranslate_ui()
        self.material_view.retranslate_ui()
        self._show_favorite(self.favorite_button.isChecked())

    def _show_favorite(self, on: bool) -> None:
        self.favorite_button.setText(self.tr("★ 已收藏") if on else self.tr("☆ 收藏"))

    # ------------------------------------------------------------------ loading

    def load(self) -> None:
        self.refresh_groups()
        self.refresh()

    def on_entities_changed(self, entities: set[str]) -> None:
        if {"script_group"} & entities:
            self.refresh_groups()
        self.refresh()

    def refresh_groups(self) -> None:
        library = self.library
        run_in_background(library.groups, self.groups.show_groups, self._failed)

    def view(self) -> str:
        return VIEWS[max(0, self.views.currentIndex())]

    def set_view(self, view: str) -> None:
        self.views.setCurrentIndex(VIEWS.index(view))

    def refresh(self) -> None:
        self._request += 1
        request, library = self._request, self.library
        view, group, text = self.view(), self.groups.current_group(), self.search.text().strip()
        run_in_background(
            lambda: load_rows(library, view, group, text),
            lambda rows: self._rows_loaded(request, text, rows),
            self._failed,
        )

    def save_layout(self) -> None:
        self._closed = True

    def _rows_loaded(self, request: int, text: str, rows: list[Row]) -> None:
        if request != self._request or self._closed:
            return  # a newer view, group or text was asked for meanwhile
        focus, self._focus = self._focus, None
        keep = self.current()
        if focus is None and keep is not None:  # a refresh keeps the row the guide is on
            focus = (keep.kind, keep.id) if any(r.id == keep.id for r in rows) else None
        if focus is not None and not any((r.kind, r.id) == focus for r in rows):
            kind, item_id = focus
            item = (
                self.library.script(item_id) if kind == "script" else self.library.material(item_id)
            )
            if item is not None:
                rows.insert(0, row_of_script(item) if kind == "script" else row_of_material(item))
        empty = self.tr("没有找到“{0}”").format(text) if text else self.tr("这里还没有内容")
        self.list.show_rows(rows, empty, select=focus)
        self.shown_text = text
        self.shown_request = request

    def _failed(self, exc: BaseException) -> None:
        log.warning("library page: %s", exc)
        self.progress.setText(self.tr("读取失败：{0}").format(exc))

    def _group_chosen(self, _group: object) -> None:
        if self.view() not in ("all", "mine"):
            self.set_view("all")  # refreshes
        else:
            self.refresh()

    def _clear_search(self) -> None:
        if self.search.text():
            self.search.clear()
            self.refresh()

    # ------------------------------------------------------------------ unified search

    def open_item(self, kind: str, item_id: str) -> None:
        """Show one script or material (the unified search's Enter), selected and previewed."""
        self._focus = (kind, item_id)
        self.search.clear()
        self.groups.blockSignals(True)
        self.groups.choose_all()
        self.groups.blockSignals(False)
        view = "materials" if kind == "material" else "all"
        if self.view() != view:
            self.views.blockSignals(True)
            self.set_view(view)
            self.views.blockSignals(False)
        self.refresh()
        self.search.setFocus()

    # ------------------------------------------------------------------ preview

    def current(self) -> Row | None:
        return self.list.current_row()

    def _row_chosen(self, row: Row | None) -> None:
        if row is None or self._closed:
            self._previewed = None
            self.suggestion.setText("")
            self._update_actions(None)
            self.preview.clear_preview()
            return
        try:
            self._update_actions(row)
            if (row.kind, row.id) == self._previewed and self.preview.edited():
                return  # a refresh must not throw away what the guide typed
            self._previewed = (row.kind, row.id)
            self.suggestion.setText("")
            if row.kind == "script":
                self.material_view.hide()
                rendered = self.library.render(row.id, self.customer.customer_id)
                self.preview.show_rendered(rendered, preview_message(rendered))
                self._show_suggestion(row.id)
            else:
                material = self.library.material(row.id)
                if material is None:
                    self.material_view.hide()
                    self.preview.show_text(row.title, editable=False)
                    return
                self.material_view.show_material(material)
                text = material.text or material.description or material.url or row.title
                self.preview.show_text(text, editable=False)
        except Exception as exc:
            log.warning("preview of %s failed: %s", row.id, exc)
            self.preview.clear_preview(self.tr("无法预览：{0}").format(exc))

    def _customer_changed(self) -> None:
        self._previewed = None  # render again for the new customer
        self._row_chosen(self.current())

    def _show_suggestion(self, script_id: str) -> None:
        latest = [s for s in self.library.suggestions() if s.script_id == script_id]
        if latest:
            self.suggestion.setText(
                self.tr("已建议加入总部话术库 · {0}").format(suggestion_text(latest[-1]))
            )

    def _update_actions(self, row: Row | None) -> None:
        script = None
        if row is not None and row.kind == "script":
            script = self.library.script(row.id)
        mine = script is not None and str(script.scope) == "personal"
        self.edit_button.setEnabled(mine)
        self.delete_button.setEnabled(mine)
        self.suggest_button.setEnabled(mine)
        self.copy_button.setEnabled(row is not None)
        self.favorite_button.setEnabled(row is not None)
        on = row is not None and bool(self.library.is_favorite(row.kind, row.id))
        self.favorite_button.setChecked(on)
        self._show_favorite(on)

    # ------------------------------------------------------------------ copy

    def copy_current(self) -> None:
        row = self.current()
        if row is None:
            return
        if self._last_copied == (row.kind, row.id) and self.flow.has_next():
            self.copy_next()
            return
        cid = self.customer.customer_id
        if row.kind == "script":
            edited = self.preview.current_text() if self.preview.edited() else None
            outcome = self.flow.copy_script(row.id, cid, edited)
        else:
            outcome = self.flow.copy_material(row.id, cid)
        if outcome.status in (BLOCKED, MISSING) and outcome.check is not None:
            self.preview.show_check(outcome.check, outcome.message)
            self.progress.setText("")  # said once, under the marked text
        self._last_copied = (row.kind, row.id) if outcome.copied else None

    def copy_next(self) -> None:
        self.flow.copy_next()

    def _flow_changed(self) -> None:
        self.progress.setText(self.flow.message)
        self.next_button.setEnabled(self.flow.has_next())

    # ------------------------------------------------------------------ favourites, 我的话术

    def set_favorite(self, on: bool) -> None:
        row = self.current()
        if row is None:
            return
        library, kind, item_id = self.library, row.kind, row.id
        self._show_favorite(on)
        run_in_background(
            lambda: library.set_favorite(kind, item_id, on),
            lambda _r: self.view() == "favorites" and self.refresh(),
            self._write_failed,
            kind="write",
        )

    def new_personal(self) -> PersonalScriptDialog:
        dialog = PersonalScriptDialog(self.library, None, self)
        dialog.accepted.connect(lambda: self._personal_saved(dialog.saved_id))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def edit_personal(self) -> PersonalScriptDialog | None:
        row = self.current()
        script = self.library.script(row.id) if row is not None else None
        if script is None:
            return None
        dialog = PersonalScriptDialog(self.library, script, self)
        dialog.accepted.connect(lambda: self._personal_saved(dialog.saved_id))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _personal_saved(self, script_id: str | None) -> None:
        if script_id:
            self._focus = ("script", script_id)
        self.search.clear()
        if self.view() != "mine":
            self.set_view("mine")  # refreshes
        else:
            self.refresh()
        self.progress.setText(self.tr("已保存，将自动同步"))

    def delete_personal(self, confirm: bool = True) -> None:
        row = self.current()
        if row is None:
            return
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("删除话术"),
                self.tr("删除“{0}”？").format(row.title),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        library, sid = self.library, row.id
        run_in_background(
            lambda: library.delete_personal(sid),
            lambda _r: self.refresh(),
            self._write_failed,
            kind="write",
        )

    def suggest(self) -> None:
        row = self.current()
        if row is None:
            return
        library, sid = self.library, row.id
        run_in_background(
            lambda: library.suggest(sid),
            lambda _r: self._suggested(sid),
            self._write_failed,
            kind="write",
        )

    def _suggested(self, script_id: str) -> None:
        self.progress.setText(self.tr("已提交给总部，结果会显示在这里"))
        current = self.current()
        if current is not None and current.id == script_id:
            self._show_suggestion(script_id)
        self.refresh()

    def _write_failed(self, exc: BaseException) -> None:
        message = getattr(exc, "message", None) or str(exc)
        self.progress.setText(self.tr("未完成：{0}").format(message))


def make_page(session: Session, host: PageHost) -> LibraryPage:
    """``PageSpec.factory`` of 话术素材."""
    return LibraryPage(session, host)
