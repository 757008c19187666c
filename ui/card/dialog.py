"""The customer card: loads on a worker, saves through the write worker, errors inline."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from guide_app.domain.errors import ValidationFailed
from guide_app.services.customers import FollowUpDraft
from ui import options
from ui.background import run_in_background
from ui.card.duplicates import DuplicateBanner, DuplicateWarning
from ui.card.elided import ElidedLabel
from ui.card.figures import FiguresStrip
from ui.card.follow_ups import FollowUpPanel
from ui.card.orders import OrdersTable
from ui.card.profile import ProfileForm
from ui.card.script_picker import PICKER_KEYS, ScriptPickerDialog
from ui.card.tags_editor import TagsEditor
from ui.labels import level_label, stage_label

if TYPE_CHECKING:
    from guide_app.services.customer_views import CustomerCard
    from guide_app.session import Session

log = logging.getLogger(__name__)

#: What a card shows: it reloads when the sync brings changes of these.
CARD_ENTITIES = frozenset({"customer", "customer_tag", "follow_up", "order"})
#: Follow-up fields a refusal may name (shown under the follow-up form).
FOLLOW_UP_FIELDS = frozenset({"channel", "text", "next_follow_up_on", "at"})
#: How long "已保存" stays after a save.
SAVED_NOTE_MS = 4000


class CustomerCardDialog(QDialog):
    """Profile, tags by group, follow-ups and recent orders of one customer.

    Signals: ``sig_loaded`` once the card is shown, ``sig_saved`` after a save
    reached the local cache (the sync engine pushes it), ``sig_order_opened(id)``,
    ``sig_customer_opened(id)`` (another customer's card: a suspected duplicate).

    One way to save: everything edited in the card — profile, tags and the new
    follow-up's form — is written by 保存 (Ctrl+S / Ctrl+Enter) in one core call
    (``CustomerService.save_card``), then "已保存" shows for a few seconds next to
    the button. Closing with edits asks 保存 / 放弃 / 取消.

    What may be edited follows the shared rules: the profile needs
    ``card.can_edit`` (a guide's own customers; the store's for a supervisor),
    tags and follow-ups ``card.can_tag`` (any customer of one's store). A
    colleague's customer therefore opens with the profile read-only and the
    status line saying whose customer it is; a card with nothing editable has
    保存 disabled.

    A save that changes the phone or member no. first looks for other customers
    of the store with the same one and, if any, shows them (打开已有客户 /
    仍然保存) instead of saving.
    """

    sig_loaded = Signal()
    sig_saved = Signal()
    sig_failed = Signal(str)
    sig_order_opened = Signal(str)
    sig_customer_opened = Signal(str)

    def __init__(self, session: Session, customer_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.customer_id = customer_id
        self.card = None
        self.setObjectName("CustomerCardDialog")
        self._close_after_save = False
        self._filling = False  # True while a load fills the editors (not the user's edit)
        self.title = ElidedLabel()
        self.title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.title.setMinimumWidth(180)  # a long name ends in "…", never below a few characters
        self.badges = QLabel()
        self.badges.setProperty("role", "hint")
        # In the title's row, its place kept while hidden: the fields never move
        # when the customer joins the group (the banner goes away on the next load).
        self.group_banner = QLabel()
        self.group_banner.setProperty("role", "banner")
        policy = self.group_banner.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.group_banner.setSizePolicy(policy)
        self.group_banner.hide()
        self.figures = FiguresStrip()
        self.duplicate_banner = DuplicateBanner()
        self.duplicate_banner.sig_open.connect(self.sig_customer_opened)
        self.duplicate_banner.sig_dismiss.connect(self.dismiss_duplicate)
        self.duplicate_warning = DuplicateWarning(self.tr("仍然保存"))
        self.duplicate_warning.sig_open.connect(self.sig_customer_opened)
        self.duplicate_warning.sig_proceed.connect(self.save_anyway)
        self.profile = ProfileForm()
        self.profile.sig_edited.connect(self.duplicate_warning.hide)
        self.tags = TagsEditor()
        self.follow_ups = FollowUpPanel()
        self.orders = OrdersTable()
        self.orders.sig_order_opened.connect(self.sig_order_opened)
        for part in (self.profile, self.tags, self.follow_ups):
            part.sig_edited.connect(self._edited)
        self.tabs = QTabWidget()
        tags_scroll = QScrollArea()
        tags_scroll.setWidgetResizable(True)
        tags_scroll.setWidget(self.tags)
        self.tabs.addTab(self.profile, "")
        self.tabs.addTab(tags_scroll, "")
        self.tabs.addTab(self.follow_ups, "")
        self.tabs.addTab(self.orders, "")
        self.status = QLabel()
        self.status.setProperty("role", "hint")
        self.status.setWordWrap(True)
        self.saved_note = QLabel()
        self.saved_note.setObjectName("saved_note")
        self.saved_note.setStyleSheet("color: #1e8449; font-weight: 600;")
        self.saved_note.hide()
        self._saved_timer = QTimer(self)
        self._saved_timer.setSingleShot(True)
        self._saved_timer.setInterval(SAVED_NOTE_MS)
        self._saved_timer.timeout.connect(self.saved_note.hide)
        self.save_button = QPushButton()
        self.save_button.setProperty("primary", True)
        self.save_button.clicked.connect(lambda _checked=False: self.save())
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.badges)
        head.addStretch(0)
        head.addWidget(self.group_banner)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.saved_note)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.figures)
        layout.addWidget(self.duplicate_banner)
        layout.addWidget(self.duplicate_warning)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        for seq in ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S"):
            QShortcut(QKeySequence(seq), self, lambda: self.save())
        self.picker: ScriptPickerDialog | None = None
        QShortcut(QKeySequence(PICKER_KEYS), self, lambda: self.open_script_picker())
        self.scripts_button = QPushButton()
        self.scripts_button.clicked.connect(lambda _checked=False: self.open_script_picker())
        bottom.insertWidget(2, self.scripts_button)
        self.resize(720, 600)
        geometry = options.load_layout("CustomerCardDialog")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.retranslate_ui()
        self.reload()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("客户卡片"))
        for i, text in enumerate(
            (self.tr("资料"), self.tr("标签"), self.tr("跟进记录"), self.tr("最近订单"))
        ):
            self.tabs.setTabText(i, text)
        self.save_button.setText(self.tr("保存"))
        self.save_button.setToolTip("Ctrl+Enter")
        self.close_button.setText(self.tr("关闭"))
        self.scripts_button.setText(self.tr("话术"))
        self.scripts_button.setToolTip(PICKER_KEYS)
        self.group_banner.setText(self.tr("未进社群 · 可邀请加入门店社群"))
        self.saved_note.setText(self.tr("✓ 已保存"))
        for part in (self.profile, self.follow_ups, self.orders, self.figures):
            part.retranslate_ui()
        if self.card is not None:
            self._show_header(self.card)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # ------------------------------------------------------------------ load

    def reload(self) -> None:
        session, cid = self.session, self.customer_id
        if self.card is None:
            self.status.setText(self.tr("正在读取…"))

        def load() -> tuple:
            card = session.customers.get(cid)
            groups = session.tags.groups()
            staff = {u.id: u.display_name for u in session.users.store_staff()}
            return card, groups, staff

        run_in_background(load, self._loaded, self._load_failed)

    def on_entities_changed(self, _entities: set[str]) -> None:
        """The sync brought changes of what the card shows: reload, unless edits are open."""
        if self.isVisible() and not self.has_unsaved_changes():
            self.reload()

    def _loaded(self, result: tuple) -> None:
        card, groups, staff = result
        if card is None:
            self.status.setText(self.tr("本地没有这位客户（可能已转给其他门店）"))
            self.save_button.setEnabled(False)
            self.sig_failed.emit("not found")
            return
        self.card = card
        self._filling = True
        try:
            self._fill(card, groups, staff)
        finally:
            self._filling = False
        self.sig_loaded.emit()

    def _fill(self, card: CustomerCard, groups: list, staff: dict[str, str]) -> None:
        taggable = bool(card.can_tag)
        self._show_header(card)
        self.figures.show_figures(card.figures)
        self.profile.show_card(card)
        self.tags.show_tags(
            groups,
            {t.id for t in card.tags},
            editable=taggable,
            auto_tag_ids={t.id for t in card.tags if t.auto},
        )
        self.follow_ups.show_follow_ups(list(card.follow_ups), staff)
        self.follow_ups.set_editable(taggable)
        self.orders.show_orders(list(card.recent_orders))
        self.duplicate_banner.show_card(card)
        self.save_button.setEnabled(bool(card.can_edit) or taggable)
        self.status.setText("" if card.can_edit else self.read_only_reason(card))

    def read_only_reason(self, card: CustomerCard) -> str:
        if card.can_tag and card.owner_name:
            return self.tr("资料只读：这位客户归 {0} 负责（可以加标签和跟进）").format(
                card.owner_name
            )
        if card.owner_name:
            return self.tr("只读：这位客户归 {0} 负责").format(card.owner_name)
        return self.tr("只读：你不能修改这位客户")

    def _show_header(self, card: CustomerCard) -> None:
        name = f"{card.name}（{card.remark_name}）" if card.remark_name else card.name
        self.title.setText(name)
        bits = [level_label(str(card.level)), stage_label(str(card.stage))]
        if card.member_no:
            bits.append(self.tr("会员号 {0}").format(card.member_no))
        self.badges.setText("  ·  ".join(b for b in bits if b))
        self.group_banner.setVisible(not card.in_group)
        self.setWindowTitle(self.tr("客户卡片 - {0}").format(card.name))

    def _load_failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("读取失败：{0}").format(exc))
        self.sig_failed.emit(str(exc))

    # ------------------------------------------------------------------ save

    def has_unsaved_changes(self) -> bool:
        return self.card is not None and (
            self.profile.has_changes()
            or bool(self.tags.changed_groups())
            or self.follow_ups.has_draft()
        )

    def _edited(self) -> None:
        if not self._filling:
            self.saved_note.hide()

    def save_anyway(self) -> None:
        """仍然保存: the person saw the customers with the same phone/member no."""
        self.save(check_duplicates=False)

    def save(self, check_duplicates: bool = True) -> None:
        """Validate and write on the write worker; errors come back under their field."""
        if self.card is None or not self.save_button.isEnabled():
            return  # read-only, or a save already under way
        try:
            changes = self.profile.changes()
        except ValueError as exc:
            self._close_after_save = False
            self.profile.show_error(str(exc), "birthday")
            self.tabs.setCurrentWidget(self.profile)
            return
        tag_changes = self.tags.changed_groups()
        draft = self.follow_ups.draft()
        follow_up = FollowUpDraft(*draft) if draft is not None else None
        if not changes and not tag_changes and follow_up is None:
            self.status.setText(self.tr("没有需要保存的修改"))
            return
        session, cid = self.session, self.customer_id
        self.duplicate_warning.hide()
        keys = {k: changes[k] for k in ("phone", "member_no") if changes.get(k)}
        if check_duplicates and keys:
            self.save_button.setEnabled(False)
            self.status.setText(self.tr("正在检查是否已有这位客户…"))
            run_in_background(
                lambda: session.customers.find_duplicates(exclude_id=cid, **keys),
                lambda found: self._checked(found, changes, tag_changes, follow_up),
                self._save_failed,
            )
            return
        self._write(changes, tag_changes, follow_up)

    def _checked(
        self, found: list, changes: dict, tag_changes: dict, follow_up: FollowUpDraft | None
    ) -> None:
        if not found:
            self._write(changes, tag_changes, follow_up)
            return
        self._close_after_save = False
        self.save_button.setEnabled(True)
        self.status.setText(self.tr("未保存：本店可能已有这位客户"))
        self.duplicate_warning.show_matches(found)
        self.sig_failed.emit("duplicates")

    def _write(self, changes: dict, tag_changes: dict, follow_up: FollowUpDraft | None) -> None:
        session, cid = self.session, self.customer_id

        def write() -> list[str]:  # one transaction: all of it is saved, or nothing
            return session.customers.save_card(
                cid, profile=changes, group_tags=tag_changes, follow_up=follow_up
            )

        self.save_button.setEnabled(False)
        self.status.setText(self.tr("正在保存…"))
        run_in_background(write, self._saved, self._save_failed, kind="write")

    def _saved(self, _mutation_ids: list[str]) -> None:
        self.profile.mark_saved()
        self.tags.mark_saved()
        self.follow_ups.added()
        self.save_button.setEnabled(True)
        self.status.setText(self.tr("将自动同步到服务器"))
        self.saved_note.show()
        self._saved_timer.start()
        self.sig_saved.emit()
        if self._close_after_save:
            self._close_after_save = False
            self.close()
            return
        self.reload()

    def _save_failed(self, exc: BaseException) -> None:
        self._close_after_save = False
        self.save_button.setEnabled(True)
        self.saved_note.hide()
        if isinstance(exc, ValidationFailed) and exc.field in FOLLOW_UP_FIELDS:
            self.follow_ups.show_error(exc.message)
            self.tabs.setCurrentWidget(self.follow_ups)
            self.status.setText(self.tr("未保存：请按提示修改"))
        elif isinstance(exc, ValidationFailed):
            field = exc.field if exc.field in self.profile.fields else None
            self.profile.show_error(exc.message, field)
            self.tabs.setCurrentWidget(self.profile)
            self.status.setText(self.tr("未保存：请按提示修改"))
        else:
            log.exception("保存客户失败", exc_info=exc)
            self.status.setText(self.tr("保存失败：{0}").format(exc))
        self.sig_failed.emit(str(exc))

    # ------------------------------------------------------------------ scripts

    def open_script_picker(self, script_id: str | None = None) -> ScriptPickerDialog:
        """Ctrl+T: the script picker for this customer, its search box focused;
        ``script_id`` (今日's entry): that script already chosen, filled in."""
        name = self.card.name if self.card is not None else ""
        if self.picker is None:
            self.picker = ScriptPickerDialog(self.session, self.customer_id, name, self)
        self.picker.open_for_search()
        if script_id is not None:
            self.picker.picker.begin_with_script(script_id)
        return self.picker

    # ------------------------------------------------------------------ duplicates

    def dismiss_duplicate(self) -> None:
        """不是同一人: clear the server's flag (the store's supervisor or HQ; server-checked)."""
        session, cid = self.session, self.customer_id
        self.duplicate_banner.dismiss_button.setEnabled(False)
        run_in_background(
            lambda: session.customers.dismiss_duplicate(cid),
            lambda _r: (self.sig_saved.emit(), self._refresh_banner()),
            self._dismiss_failed,
            kind="write",
        )

    def _refresh_banner(self) -> None:
        """Only the banner: a full reload would drop profile edits not yet saved."""
        session, cid = self.session, self.customer_id
        run_in_background(
            lambda: session.customers.get(cid),
            lambda card: card is not None and self.duplicate_banner.show_card(card),
        )

    def _dismiss_failed(self, exc: BaseException) -> None:
        message = exc.message if isinstance(exc, ValidationFailed) else str(exc)
        self.duplicate_banner.dismiss_button.setEnabled(True)
        self.status.setText(self.tr("未能忽略：{0}").format(message))
        self.sig_failed.emit(message)

    # ------------------------------------------------------------------ closing

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.has_unsaved_changes() and self.save_button.isEnabled():
            answer = self.ask_unsaved()
            if answer == QMessageBox.StandardButton.Save:
                self._close_after_save = True
                event.ignore()
                self.save()  # closes once saved; a refusal shows under its field
                return
            if answer != QMessageBox.StandardButton.Discard:
                event.ignore()
                return
        options.save_layout("CustomerCardDialog", self.saveGeometry())
        super().closeEvent(event)

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """保存 / 放弃 / 取消 for edits not saved yet (取消 keeps the card open)."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("未保存的修改"),
            self.tr("这位客户的修改还没有保存。关闭前要保存吗？"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("unsaved_box")
        texts = {
            QMessageBox.StandardButton.Save: self.tr("保存"),
            QMessageBox.StandardButton.Discard: self.tr("放弃"),
            QMessageBox.StandardButton.Cancel: self.tr("取消"),
        }
        for which, text in texts.items():
            box.button(which).setText(text)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        return QMessageBox.StandardButton(box.exec())

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)
