"""离职继承 tab: choose the leaving guide, the mode and the receivers, preview who gets
whom, confirm (saying plainly what will happen), and undo while it waits to be synced.

Everything runs on this PC's cache (``guide_app.services.handover``), offline too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guide_app.domain.errors import ValidationFailed
from guide_app.services.handover import HandoverPreview, intro_script, tags_in_use
from guide_core.rules import Refusal
from guide_core.rules import handover as rules
from ui.background import run_in_background

if TYPE_CHECKING:
    from guide_app.session import Session

ID_ROLE = Qt.ItemDataRole.UserRole


class HandoverTab(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.service = session.handover
        self.preview: HandoverPreview | None = None
        #: asked before queuing (a test answers for the person): text → yes/no
        self.confirm = self._ask
        self._tag_names: dict[str, str] = {}
        self._asked = 0  # previews asked for; only the newest is shown

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.leaving = QComboBox()
        self.mode = QComboBox()
        for _ in rules.MODE_EVEN, rules.MODE_TAG, rules.MODE_HAND:
            self.mode.addItem("")
        self.receivers = QListWidget()
        self.receivers.setMaximumHeight(140)
        # 按标签: one tag → one receiver (the rest evenly over the receivers ticked)
        self.rule_tag = QComboBox()
        self.rule_to = QComboBox()
        self.add_rule = QPushButton()
        self.rules = QListWidget()
        self.rules.setMaximumHeight(80)
        self.tag_row = QWidget()
        tag_layout = QHBoxLayout(self.tag_row)
        tag_layout.setContentsMargins(0, 0, 0, 0)
        tag_layout.addWidget(self.rule_tag, 1)
        tag_layout.addWidget(self.rule_to, 1)
        tag_layout.addWidget(self.add_rule)

        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.table = QTableWidget(0, 2)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.go = QPushButton()
        self.undo = QPushButton()
        self.report_button = QPushButton()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        self.leaving_label, self.mode_label = QLabel(), QLabel()
        self.receivers_label, self.rules_label = QLabel(), QLabel()
        form.addRow(self.leaving_label, self.leaving)
        form.addRow(self.mode_label, self.mode)
        form.addRow(self.receivers_label, self.receivers)
        form.addRow(self.rules_label, self.tag_row)
        form.addRow("", self.rules)
        buttons = QHBoxLayout()
        buttons.addWidget(self.go)
        buttons.addWidget(self.undo)
        buttons.addStretch(1)
        buttons.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

        self.leaving.currentIndexChanged.connect(self._leaving_changed)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.receivers.itemChanged.connect(lambda _i: self.refresh_preview())
        self.add_rule.clicked.connect(self._add_rule)
        self.go.clicked.connect(self.hand_over)
        self.undo.clicked.connect(self.take_back)
        self.report_button.clicked.connect(self.show_report)
        self.retranslate_ui()
        self._mode_changed()

    # ------------------------------------------------------------------ texts

    def retranslate_ui(self) -> None:
        self.intro.setText(
            self.tr(
                "导购离职时，把TA的客户（连同备注、标签、跟进记录和订单）交给本店同事。"
                "可以离线办理，同步之前可以撤销。"
            )
        )
        self.leaving_label.setText(self.tr("离职导购"))
        self.mode_label.setText(self.tr("分配方式"))
        self.receivers_label.setText(self.tr("接收人"))
        self.rules_label.setText(self.tr("按标签"))
        for i, text in enumerate((self.tr("平均分配"), self.tr("按标签"), self.tr("手动选择"))):
            self.mode.setItemText(i, text)
        self.add_rule.setText(self.tr("添加规则"))
        self.table.setHorizontalHeaderLabels([self.tr("客户"), self.tr("接收人")])
        self.go.setText(self.tr("确认交接…"))
        self.undo.setText(self.tr("撤销（尚未同步）"))
        self.report_button.setText(self.tr("交接记录"))

    # ------------------------------------------------------------------ filling

    def load(self) -> None:
        self._fill_leaving()

    def on_entities_changed(self, entities: set[str]) -> None:
        if "user" in entities:
            self._fill_leaving()
        elif entities & {"customer", "customer_tag"}:
            self.refresh_preview()
        self._show_pending()

    def _fill_leaving(self) -> None:
        current = self.leaving.currentData()
        self.leaving.blockSignals(True)
        self.leaving.clear()
        self.leaving.addItem(self.tr("（请选择）"), None)
        for u in self.service.leaving_candidates():
            label = u.display_name or u.username
            if not u.active:
                label += self.tr("（已停用）")
            self.leaving.addItem(label, u.id)
        at = self.leaving.findData(current)
        self.leaving.setCurrentIndex(max(at, 0))
        self.leaving.blockSignals(False)
        self._leaving_changed()

    def _leaving_changed(self) -> None:
        leaving = self.leaving.currentData()
        self.receivers.blockSignals(True)
        self.receivers.clear()
        self.rule_to.clear()
        self.rule_tag.clear()
        self.rules.clear()
        if leaving:
            for u in self.service.receivers_for(leaving):
                item = QListWidgetItem(u.display_name or u.username)
                item.setData(ID_ROLE, u.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.receivers.addItem(item)
                self.rule_to.addItem(u.display_name or u.username, u.id)
            self._tag_names = {
                t.id: f"{g.name}·{t.name}" for g in self.session.tags.groups() for t in g.tags
            }
            used = tags_in_use(self.service.customers_of(leaving))
            for tid, n in sorted(used.items(), key=lambda kv: -kv[1]):
                self.rule_tag.addItem(f"{self._tag_names.get(tid, tid)} ({n})", tid)
        self.receivers.blockSignals(False)
        self.refresh_preview()
        self._show_pending()

    def _mode_changed(self) -> None:
        tag_mode = self.mode.currentIndex() == 1
        self.tag_row.setVisible(tag_mode)
        self.rules.setVisible(tag_mode)
        self.rules_label.setVisible(tag_mode)
        self.refresh_preview()

    def _add_rule(self) -> None:
        tid, rid = self.rule_tag.currentData(), self.rule_to.currentData()
        if not tid or not rid:
            return
        item = QListWidgetItem(f"{self.rule_tag.currentText()} → {self.rule_to.currentText()}")
        item.setData(ID_ROLE, (tid, rid))
        self.rules.addItem(item)
        self.refresh_preview()

    def checked_receivers(self) -> list[str]:
        return [
            self.receivers.item(i).data(ID_ROLE)
            for i in range(self.receivers.count())
            if self.receivers.item(i).checkState() == Qt.CheckState.Checked
        ]

    def check_receivers(self, ids: set[str]) -> None:
        for i in range(self.receivers.count()):
            item = self.receivers.item(i)
            on = item.data(ID_ROLE) in ids
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    # ------------------------------------------------------------------ preview

    def _hand_choices(self) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for row in range(self.table.rowCount()):
            cid = self.table.item(row, 0).data(ID_ROLE)
            box = self.table.cellWidget(row, 1)
            out[cid] = box.currentData() if isinstance(box, QComboBox) else None
        return out

    def refresh_preview(self) -> None:
        leaving = self.leaving.currentData()
        if not leaving:
            self.preview = None
            self.table.setRowCount(0)
            self.counts.setText("")
            return
        mode = (rules.MODE_EVEN, rules.MODE_TAG, rules.MODE_HAND)[self.mode.currentIndex()]
        receivers = self.checked_receivers()
        tag_rules = [self.rules.item(i).data(ID_ROLE) for i in range(self.rules.count())]
        by_hand = self._hand_choices() if mode == rules.MODE_HAND else None
        service = self.service
        self._asked += 1
        asked = self._asked

        def work() -> HandoverPreview:
            return service.preview(
                leaving, mode, receivers, tag_rules=tag_rules, by_hand=by_hand or {}
            )

        run_in_background(work, lambda p: self._show_preview(p, asked), self._failed)

    def _show_preview(self, preview: HandoverPreview, asked: int | None = None) -> None:
        if asked is not None and asked != self._asked:
            return  # a newer preview was asked for meanwhile
        self.preview = preview
        hand = self.mode.currentIndex() == 2
        keep = self._hand_choices() if hand else {}
        everyone = sorted(preview.customers.values(), key=lambda c: (c.name, c.id))
        self.table.setRowCount(len(everyone))
        choices = [
            (self.receivers.item(i).text(), self.receivers.item(i).data(ID_ROLE))
            for i in range(self.receivers.count())
        ]
        for row, c in enumerate(everyone):
            item = QTableWidgetItem(c.name)
            item.setData(ID_ROLE, c.id)
            self.table.setItem(row, 0, item)
            self.table.removeCellWidget(row, 1)
            if hand:
                box = QComboBox()
                box.addItem(self.tr("（不交接）"), None)
                for text, rid in choices:
                    box.addItem(text, rid)
                box.setCurrentIndex(max(box.findData(keep.get(c.id)), 0))
                box.currentIndexChanged.connect(lambda _i: self.refresh_preview())
                self.table.setCellWidget(row, 1, box)
                self.table.setItem(row, 1, QTableWidgetItem(""))
            else:
                who = preview.plan.get(c.id)
                text = preview.names.get(who, who) if who else self.tr("（未分配）")
                self.table.setItem(row, 1, QTableWidgetItem(text))
        per = "，".join(
            self.tr("{0} {1} 位").format(preview.names.get(r, r), n)
            for r, n in preview.counts().items()
        )
        text = self.tr("共 {0} 位客户，已分配 {1} 位").format(
            len(preview.customers), len(preview.plan)
        )
        if per:
            text += self.tr("：") + per
        if preview.left_out and preview.plan:
            text += self.tr("；{0} 位未分配，仍归离职导购").format(len(preview.left_out))
        self.counts.setText(text)

    def _failed(self, exc: BaseException) -> None:
        text = exc.message if isinstance(exc, ValidationFailed) else str(exc)
        self.message.setText(self.tr("未完成：{0}").format(text))

    # ------------------------------------------------------------------ hand over / undo

    @staticmethod
    def _ask(text: str) -> bool:
        answer = QMessageBox.question(None, "离职继承", text)
        return answer == QMessageBox.StandardButton.Yes

    def hand_over(self) -> None:
        preview = self.preview
        if preview is None:
            self.message.setText(self.tr("未完成：请先选择离职导购"))
            return
        service, cache = self.service, self.session.cache
        run_in_background(
            lambda: (service.refusal(preview), intro_script(cache)),
            lambda got: self._checked(preview, *got),
            self._failed,
        )

    def _checked(
        self, preview: HandoverPreview, refusal: Refusal | None, script: tuple[str, str] | None
    ) -> None:
        """The server's rule answered over this PC's rows: say why not, or ask, then queue."""
        if refusal is not None:  # say it now, before asking
            self.message.setText(self.tr("未完成：{0}").format(refusal.reason))
            return
        text = preview.summary()
        if script is not None:
            text += "\n" + self.tr("建议接收人用话术「{0}」向客户介绍自己。").format(script[1])
        if not self.confirm(text):
            return
        service = self.service
        name = preview.leaving_name

        def done(_ids: list[str]) -> None:
            self.message.setText(
                self.tr("已交接：{0} 的 {1} 位客户（等待同步，同步前可撤销）").format(
                    name, len(preview.plan)
                )
            )
            self._show_pending()
            self.refresh_preview()

        run_in_background(lambda: service.queue(preview), done, self._failed, kind="write")

    def take_back(self) -> None:
        leaving = self.leaving.currentData()
        if not leaving:
            return
        service = self.service

        def done(n: int) -> None:
            self.message.setText(self.tr("已撤销：{0} 位客户已归还").format(n))
            self._show_pending()
            self.refresh_preview()

        run_in_background(lambda: service.undo(leaving), done, self._failed, kind="write")

    def _show_pending(self) -> None:
        leaving = self.leaving.currentData()
        waiting = {p.leaving_id for p in self.service.pending()}
        self.undo.setEnabled(bool(leaving) and leaving in waiting)
        self.go.setEnabled(bool(leaving) and leaving not in waiting)

    def show_report(self) -> None:
        from ui.pages.handover.report_dialog import HandoverReportDialog

        HandoverReportDialog(self.session, self).open()
