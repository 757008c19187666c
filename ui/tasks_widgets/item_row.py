"""One checklist item: tick box, note, evidence photo, and (outreach) the customer list.

A tick goes through ``TaskService.check_item`` on the write worker; that call asks
the shared rule first, so a tick missing its required note or photo comes back
refused at once (``note_missing`` / ``evidence_missing``). The row then asks for
what is missing and completes the tick as soon as it is given (note + Enter, or
a photo chosen, pasted with Ctrl+V on the item, or dropped on the page).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QImage, QKeyEvent, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guide_app.domain.errors import ValidationFailed
from guide_core.rules import Code
from ui.background import run_in_background
from ui.materials.thumbs import thumbnail
from ui.tasks_widgets import evidence
from ui.tasks_widgets.evidence import EvidenceRefused

if TYPE_CHECKING:
    from guide_app.services.tasks_query import AssignmentView, ItemView

log = logging.getLogger(__name__)

THUMB = 72


def _short_time(value: str | None) -> str:
    if not value:
        return ""
    try:
        return datetime.fromisoformat(value).astimezone().strftime("%m-%d %H:%M")
    except ValueError:
        return value


class ItemRow(QFrame):
    """Signals: ``sig_message(str)`` for the page's status line."""

    sig_message = Signal(str)

    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("taskItem")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.item: ItemView | None = None
        self.assignment: AssignmentView | None = None
        self.editable = True
        #: a photo taken for this item, in the blob cache, not yet part of a saved tick
        self.pending_sha: str | None = None
        #: the guide ticked; the tick waits for a required note or photo
        self.wants_tick = False
        self.busy = False

        self.box = QCheckBox()
        self.box.clicked.connect(self._box_clicked)
        self.needs = QLabel()
        self.needs.setStyleSheet("color: #8a6d3b;")
        self.done_at = QLabel()
        self.done_at.setStyleSheet("color: #6b7785;")
        self.note = QLineEdit()
        self.note.returnPressed.connect(self._note_entered)
        self.note.installEventFilter(self)
        self.thumb = QLabel()
        self.thumb.setFixedSize(THUMB, THUMB)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setStyleSheet("border: 1px dashed #c4ccd6; color: #8a96a3;")
        self.choose = QPushButton()
        self.choose.clicked.connect(self.choose_file)
        self.paste_button = QPushButton()
        self.paste_button.clicked.connect(self.paste)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b;")
        self.message.hide()
        self.outreach: QWidget | None = None

        top = QHBoxLayout()
        top.addWidget(self.box, 1)
        top.addWidget(self.needs)
        top.addWidget(self.done_at)
        tools = QHBoxLayout()
        tools.addWidget(self.note, 1)
        tools.addWidget(self.thumb)
        side = QVBoxLayout()
        side.addWidget(self.choose)
        side.addWidget(self.paste_button)
        tools.addLayout(side)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(top)
        self.layout_.addLayout(tools)
        self.layout_.addWidget(self.message)

        # Ctrl+V anywhere on the item pastes a photo (the note field keeps its own paste).
        self.paste_shortcut = QShortcut(QKeySequence.StandardKey.Paste, self)
        self.paste_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.paste_shortcut.activated.connect(self.paste)
        self.retranslate_ui()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Ctrl+V in the note with a picture (and no text) on the clipboard: the photo."""
        if (
            watched is self.note
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Paste)
        ):
            mime = QGuiApplication.clipboard().mimeData()
            if mime is not None and mime.hasImage() and not mime.hasText():
                self.take_mime(mime)
                return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ display

    def retranslate_ui(self) -> None:
        self.note.setPlaceholderText(self.tr("备注（完成情况、客户反馈等）"))
        self.choose.setText(self.tr("选择图片…"))
        self.paste_button.setText(self.tr("粘贴图片"))
        self.paste_button.setToolTip(self.tr("Ctrl+V 粘贴截图，也可以把图片拖到窗口上"))
        if self.item is not None:
            self._show_state()
        if self.outreach is not None:
            self.outreach.retranslate_ui()

    def show_item(self, assignment: AssignmentView, item: ItemView, editable: bool) -> None:
        """Show ``item`` (fresh from the cache); keeps what the guide is typing."""
        self.assignment, self.item, self.editable = assignment, item, editable
        self.box.setText(item.text)
        if not self.note.hasFocus() and not self.wants_tick:
            self.note.setText(item.note)
        if item.evidence_sha256 and item.evidence_sha256 == self.pending_sha:
            self.pending_sha = None
        self._show_state()
        if item.is_outreach:
            if self.outreach is None:
                from ui.tasks_widgets.outreach import OutreachList

                self.outreach = OutreachList(self.session, self)
                self.outreach.sig_message.connect(self.sig_message)
                self.layout_.insertWidget(2, self.outreach)
            self.outreach.show_item(assignment, item, editable)

    def _show_state(self) -> None:
        item = self.item
        assert item is not None
        self.box.setChecked(item.done)
        needs = []
        if item.requires_note:
            needs.append(self.tr("需备注"))
        if item.requires_evidence:
            needs.append(self.tr("需照片"))
        self.needs.setText(" · ".join(needs))
        self.done_at.setText(
            self.tr("完成于 {0}").format(_short_time(item.done_at)) if item.done else ""
        )
        for w in (self.box, self.choose, self.paste_button):
            w.setEnabled(self.editable and not self.busy)
        self.note.setEnabled(self.editable)  # typing goes on while a tick is saved
        self.paste_shortcut.setEnabled(self.editable)
        self._show_thumb(self.pending_sha or item.evidence_sha256)

    def _show_thumb(self, sha: str | None) -> None:
        if not sha:
            self.thumb.setPixmap(QPixmap())
            self.thumb.setText(self.tr("无照片"))
            self.thumb.setProperty("sha", None)
            return
        if self.thumb.property("sha") == sha:
            return
        self.thumb.setProperty("sha", sha)
        self.thumb.setText(self.tr("照片"))
        blobs = self.session.blobs

        def make() -> QImage | None:
            path = blobs.path_for(sha)
            if path is None:
                if self.session.offline or not self.session.sync.status.online:
                    return None
                path = blobs.fetch(sha)
            return thumbnail(path, "image/*", THUMB, sha256=sha)

        def done(image: QImage | None) -> None:
            if image is not None and self.thumb.property("sha") == sha:
                self.thumb.setPixmap(QPixmap.fromImage(image))

        run_in_background(make, done, lambda exc: log.info("凭证缩略图失败: %s", exc), kind="net")

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        if text:
            self.sig_message.emit(text)

    # ------------------------------------------------------------------ evidence

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择凭证照片"), "", evidence.image_filter()
        )
        if path:
            from pathlib import Path

            self._take(lambda: evidence.read_file(Path(path)))

    def paste(self) -> None:
        """Ctrl+V on the item: the clipboard's picture (or copied image file) as evidence."""
        mime = QGuiApplication.clipboard().mimeData()
        self.take_mime(mime)

    def take_mime(self, mime: QMimeData | None) -> None:
        """A paste or a drop: checked here (GUI thread: QMimeData is not thread-safe)."""
        try:
            data = evidence.from_mime(mime)
        except EvidenceRefused as exc:
            self.show_message(str(exc))
            return
        self._take(lambda: data)

    def _take(self, read: Any) -> None:
        if not self.editable or self.item is None:
            return
        blobs = self.session.blobs

        def job() -> str:
            return evidence.store(blobs, read())  # read() checked the bytes already

        def stored(sha: str) -> None:
            self.pending_sha = sha
            self.show_message("")
            self._show_thumb(sha)
            if self.item is not None and (self.item.done or self.wants_tick):
                self.tick(True)
            else:
                self.sig_message.emit(self.tr("照片已添加，勾选后生效"))

        def refused(exc: BaseException) -> None:
            self.show_message(str(exc) or self.tr("无法使用这张图片"))

        run_in_background(job, stored, refused, kind="write")

    # ------------------------------------------------------------------ ticks

    def _box_clicked(self, checked: bool) -> None:
        self.box.setChecked(not checked)  # shown as saved only when the write is done
        self.tick(checked)

    def _note_entered(self) -> None:
        if self.item is not None and (self.item.done or self.wants_tick):
            self.tick(True)

    def tick(self, done: bool) -> None:
        """Save the tick (or untick) with the note and photo shown on the row."""
        if self.item is None or self.assignment is None or not self.editable:
            return
        tasks = self.session.tasks
        aid, iid = self.assignment.id, self.item.id
        note = self.note.text()
        sha = self.pending_sha or self.item.evidence_sha256  # an untick keeps the photo
        self.busy = True
        self._show_state()

        def saved(_: object) -> None:
            stamp = datetime.now(UTC).isoformat() if done else None
            self.busy = False
            self.wants_tick = False
            self.show_message("")
            if self.item is not None and self.item.id == iid:
                # the row shows what was saved at once; the page's re-read (after the
                # sync signal) may come later, and a photo pasted meanwhile must see
                # the item as done to replace the evidence (not wait for a new tick)
                self.item = replace(
                    self.item, done=done, note=note, evidence_sha256=sha,
                    done_at=self.item.done_at if self.item.done == done else stamp,
                )  # fmt: skip
                self._show_state()
            self.box.setChecked(done)
            self.sig_message.emit(self.tr("已保存") if done else self.tr("已取消勾选"))

        def refused(exc: BaseException) -> None:
            self.busy = False
            if self.item is not None:
                self._show_state()
            if isinstance(exc, ValidationFailed):
                self.show_message(self._ask(exc))
            else:
                log.warning("勾选失败: %s", exc)
                self.show_message(self.tr("保存失败：{0}").format(exc))

        run_in_background(
            lambda: tasks.check_item(aid, iid, done, note, sha), saved, refused, kind="write"
        )

    def _ask(self, exc: ValidationFailed) -> str:
        """What the rule refused, with how to give it; the tick waits for it."""
        if exc.code == Code.NOTE_MISSING:
            self.wants_tick = True
            self.note.setFocus()
            return self.tr("{0}：请填写备注后按回车，勾选才会生效").format(exc.message)
        if exc.code == Code.EVIDENCE_MISSING:
            self.wants_tick = True
            return self.tr(
                "{0}：请选择图片、在此项上按 Ctrl+V 粘贴截图或把图片拖到窗口上，勾选才会生效"
            ).format(exc.message)
        return exc.message
