"""One guide's assignment on the 审核 page: its checklist as the guide left it (note,
evidence photos, outreach counts) and the reviewer's decision.

The decision is queued through ``ReviewService`` (the outbox: works offline and
syncs later). 退回 needs a reason; the shared rule (``rules.assignments``) is asked
as the reason is typed, so the button says why before anything is queued. A review
the server refused (another PC reviewed first) shows the server's reason on top.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from guide_app.domain.errors import ValidationFailed
from ui.background import run_in_background
from ui.pages.review.evidence import EvidenceDialog, EvidenceThumb

if TYPE_CHECKING:
    from guide_app.services.review import GuideRow, ItemRow, RefusedReview, ReviewService


def short_time(value: str | None) -> str:
    """``2026-12-02T10:05:00+08:00`` → ``12-02 10:05``."""
    if not value:
        return ""
    return f"{value[5:10]} {value[11:16]}".strip()


class ItemWidget(QFrame):
    """One checklist item: text, done or not (and when), note, count, photo."""

    def __init__(self, item: ItemRow, blobs: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName("reviewItem")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        text = QLabel(("✓ " if item.done else "○ ") + item.text)
        text.setWordWrap(True)
        text.setStyleSheet("font-weight: 600;" if item.done else "color: #8a96a3;")
        column = QVBoxLayout()
        column.addWidget(text)
        facts = []
        if item.done:
            facts.append(self.tr("完成于 {0}").format(short_time(item.done_at)))
        else:
            facts.append(self.tr("未完成"))
        if item.kind == "outreach":
            facts.append(self.tr("已联系 {0} / {1}").format(item.contacted, item.targets))
        if item.requires_evidence and not item.evidence_sha256:
            facts.append(self.tr("缺少凭证照片"))
        self.facts = QLabel(" · ".join(facts))
        column.addWidget(self.facts)
        self.note = QLabel(self.tr("备注: {0}").format(item.note) if item.note else "")
        self.note.setWordWrap(True)
        self.note.setVisible(bool(item.note))
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.note)
        row = QHBoxLayout(self)
        row.addLayout(column, 1)
        self.thumb: EvidenceThumb | None = None
        if item.evidence_sha256:
            self.thumb = EvidenceThumb(blobs, item.evidence_sha256)
            self.thumb.sig_open.connect(self.open_evidence)
            row.addWidget(self.thumb)
        self.dialog: EvidenceDialog | None = None

    def open_evidence(self, _sha256: str = "") -> EvidenceDialog:
        path = self.thumb.path if self.thumb else None
        self.dialog = EvidenceDialog(path, self)
        self.dialog.show()
        return self.dialog


class AssignmentPanel(QWidget):
    """The selected assignment; ``sig_reviewed`` after a decision was queued."""

    sig_reviewed = Signal(str)  # assignment id

    def __init__(self, service: ReviewService, blobs: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.blobs = blobs
        self.row: GuideRow | None = None
        #: True while a decision is being written (tests wait for it).
        self.busy = False
        self.refusal: RefusedReview | None = None
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: 600; font-size: 12pt;")
        self.heading.setWordWrap(True)
        self.refused = QLabel()
        self.refused.setObjectName("reviewRefused")
        self.refused.setWordWrap(True)
        self.refused.setStyleSheet(
            "background: #fdecea; color: #8a1c12; border-radius: 4px; padding: 6px;"
        )
        self.dismiss = QPushButton()
        self.dismiss.clicked.connect(self._dismiss_refusal)
        refused_row = QHBoxLayout()
        refused_row.addWidget(self.refused, 1)
        refused_row.addWidget(self.dismiss)
        self.previous = QLabel()
        self.previous.setWordWrap(True)
        self.items_box = QVBoxLayout()
        self.items_box.addStretch(1)
        holder = QWidget()
        holder.setLayout(self.items_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        self.item_widgets: list[ItemWidget] = []
        self.approve_button = QPushButton()
        self.approve_button.setObjectName("approve")
        self.approve_button.clicked.connect(self.approve)
        self.reason = QLineEdit()
        self.reason.textChanged.connect(self._update_buttons)
        self.reason.returnPressed.connect(self.send_back)
        self.send_back_button = QPushButton()
        self.send_back_button.setObjectName("sendBack")
        self.send_back_button.clicked.connect(self.send_back)
        self.message = QLabel()
        self.message.setWordWrap(True)
        decide = QHBoxLayout()
        decide.addWidget(self.approve_button)
        decide.addSpacing(16)
        decide.addWidget(self.reason, 1)
        decide.addWidget(self.send_back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(refused_row)
        layout.addWidget(self.previous)
        layout.addWidget(scroll, 1)
        layout.addLayout(decide)
        layout.addWidget(self.message)
        self.retranslate_ui()
        self.show_assignment(None, [], None)

    def retranslate_ui(self) -> None:
        self.approve_button.setText(self.tr("通过"))
        self.send_back_button.setText(self.tr("退回"))
        self.reason.setPlaceholderText(self.tr("退回原因 (导购会看到)"))
        self.dismiss.setText(self.tr("知道了"))
        self._update_buttons()

    def show_assignment(
        self, row: GuideRow | None, items: list[ItemRow], refusal: RefusedReview | None
    ) -> None:
        """Show ``row`` (None: nothing selected) with its items and any refused review."""
        changed = row is None or self.row is None or row.assignment_id != self.row.assignment_id
        self.row = row
        self.refusal = refusal
        for w in self.item_widgets:
            w.setParent(None)
            w.deleteLater()
        self.item_widgets = []
        if changed:
            self.reason.clear()
            self.message.clear()
        if row is None:
            self.heading.setText(self.tr("选择一位导购的任务查看"))
        else:
            parts = [row.guide_name, row.day or "", row.status_label]
            self.heading.setText(" · ".join(p for p in parts if p))
        for item in items:
            w = ItemWidget(item, self.blobs)
            self.items_box.insertWidget(self.items_box.count() - 1, w)
            self.item_widgets.append(w)
        self.refused.setVisible(refusal is not None)
        self.dismiss.setVisible(refusal is not None)
        if refusal is not None:
            self.refused.setText(self.tr("服务器未接受这次审核: {0}").format(refusal.reason))
        reason = row.review_reason if row else ""
        self.previous.setVisible(bool(reason))
        self.previous.setText(self.tr("上次退回原因: {0}").format(reason) if reason else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        may = self.row is not None and self.service.may_review(self.row)
        self.approve_button.setEnabled(may)
        self.reason.setEnabled(may)
        problem = self.service.reason_problem(self.reason.text())
        self.send_back_button.setEnabled(may and problem is None)
        if may and problem is not None:
            self.send_back_button.setToolTip(problem)
        else:
            self.send_back_button.setToolTip("")

    def approve(self) -> None:
        self._decide(True)

    def send_back(self) -> None:
        if not self.send_back_button.isEnabled():
            problem = self.service.reason_problem(self.reason.text())
            if problem and self.row is not None:
                self.message.setText(problem)
            return
        self._decide(False)

    def _decide(self, approve: bool) -> None:
        if self.row is None:
            return
        aid, reason = self.row.assignment_id, self.reason.text()
        self.approve_button.setEnabled(False)
        self.send_back_button.setEnabled(False)
        self.busy = True

        def write() -> None:
            if approve:
                self.service.approve(aid)
            else:
                self.service.send_back(aid, reason)

        def done(_result: object) -> None:
            self.busy = False
            self.reason.clear()
            self.message.setText(
                self.tr("已通过，将同步到服务器") if approve else self.tr("已退回，将同步到服务器")
            )
            self.sig_reviewed.emit(aid)

        def failed(exc: BaseException) -> None:
            self.busy = False
            if self.service.closed:
                return
            self._update_buttons()
            if not isinstance(exc, ValidationFailed):
                raise exc
            self.message.setText(exc.message)

        run_in_background(write, done, failed, kind="write")

    def _dismiss_refusal(self) -> None:
        if self.refusal is not None:
            self.service.dismiss_refusal(self.refusal.attention_id)
            self.refusal = None
            self.refused.hide()
            self.dismiss.hide()
            self.sig_reviewed.emit(self.row.assignment_id if self.row else "")
