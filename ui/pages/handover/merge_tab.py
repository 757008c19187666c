"""重复客户合并 tab: the store's customers sharing a phone or member no., two cards side
by side with what each holds, the supervisor chooses the card to keep, confirms, and the
other card's follow-ups, tags and orders move onto it.

Everything runs on this PC's cache (``guide_app.services.customer_merge``): offline
too; the server applies the merge when the PC syncs (and refuses it, saying why, if
the two are no longer the same person's cards).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from guide_app.domain.errors import ValidationFailed
from guide_core.rules import Actor, Target, check
from ui.background import run_in_background

if TYPE_CHECKING:
    from guide_app.services.customer_merge import DuplicateGroup, MergeCard, MergePreview
    from guide_app.session import Session

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole
#: Entities whose change may change the groups or the counts shown.
WATCHED = frozenset({"customer", "follow_up", "customer_tag", "order"})


class _CardBox(QGroupBox):
    """One customer of the pair: choose which one of the group, and whether to keep it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = QComboBox()
        self.keep = QRadioButton()
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(self.choice)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.keep)

    def current_id(self) -> str | None:
        return self.choice.currentData(ID_ROLE)


class MergeTab(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.service = session.customer_merge
        #: asked before queuing (a test answers for the person): text → yes/no
        self.confirm = self._ask
        self.groups: list[DuplicateGroup] = []
        self.preview: MergePreview | None = None
        self._loads = 0  # loads asked for; only the newest is shown
        self._previews = 0  # previews asked for (read on a worker); only the newest shows
        self._filling = False

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.group_list = QListWidget()
        self.group_list.setMinimumWidth(260)
        self.group_list.setWordWrap(True)
        self.left, self.right = _CardBox(), _CardBox()
        self.keep_group = QButtonGroup(self)  # one card is kept: the two boxes exclude
        self.keep_group.addButton(self.left.keep)
        self.keep_group.addButton(self.right.keep)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.merge_button = QPushButton()
        self.status = QLabel()
        self.status.setWordWrap(True)

        cards = QHBoxLayout()
        cards.addWidget(self.left, 1)
        cards.addWidget(self.right, 1)
        side = QVBoxLayout()
        side.addLayout(cards, 1)
        side.addWidget(self.summary)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.merge_button)
        side.addLayout(buttons)
        body = QHBoxLayout()
        body.addWidget(self.group_list, 1)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)

        self.group_list.currentRowChanged.connect(self._show_group)
        for box in (self.left, self.right):
            box.choice.currentIndexChanged.connect(self._pair_changed)
            box.keep.toggled.connect(self._pair_changed)
        self.merge_button.clicked.connect(self.merge)
        self.left.keep.setChecked(True)
        self.retranslate_ui()

    # ------------------------------------------------------------------ texts

    @property
    def may_merge(self) -> bool:
        user = self.session.user
        actor = Actor(str(user.role), user.id, user.store_id)
        return check("customer", "merge", actor, Target(store_id=user.store_id)) is None

    def retranslate_ui(self) -> None:
        if self.may_merge:
            self.intro.setText(
                self.tr(
                    "同一手机号或会员号的客户可能是同一个人。选出要保留的那张卡，"
                    "另一张的跟进、标签和订单会全部并入，空着的资料也会补全。"
                )
            )
        else:
            self.intro.setText(self.tr("只有店长或总部可以合并重复客户"))
        for box, title in ((self.left, self.tr("客户一")), (self.right, self.tr("客户二"))):
            box.setTitle(title)
            box.keep.setText(self.tr("保留这张卡"))
        self.merge_button.setText(self.tr("合并…"))
        self._fill_groups()
        self._update_summary()

    # ------------------------------------------------------------------ loading

    def load(self) -> None:
        if not self.may_merge:
            self.groups = []
            self._fill_groups()
            return
        self._loads += 1
        asked = self._loads
        run_in_background(
            self.service.groups,
            lambda groups: self._loaded(asked, groups),
            lambda exc: self._failed(self.tr("读取重复客户失败：{0}").format(exc)),
        )

    def on_entities_changed(self, entities: set[str]) -> None:
        if entities & WATCHED:
            self.load()

    def _loaded(self, asked: int, groups: list[DuplicateGroup]) -> None:
        if asked != self._loads:
            return  # a newer load is on its way
        self.groups = groups
        self._fill_groups()

    def _failed(self, text: str) -> None:
        log.warning("%s", text)
        self.status.setText(text)

    def _group_text(self, group: DuplicateGroup) -> str:
        key = (
            self.tr("手机 {0}").format(group.key)
            if group.by == "phone"
            else self.tr("会员号 {0}").format(group.key)
        )
        names = "、".join(
            f"{c.name}（{c.owner_name}）" if c.owner_name else c.name for c in group.cards
        )
        return self.tr("{0}：{1} 位 — {2}").format(key, len(group.cards), names)

    def _fill_groups(self) -> None:
        keep = self.group_list.currentItem()
        was = keep.data(ID_ROLE) if keep is not None else None
        self.group_list.blockSignals(True)
        self.group_list.clear()
        for group in self.groups:
            item = QListWidgetItem(self._group_text(group))
            item.setToolTip(item.text())
            item.setData(ID_ROLE, tuple(c.id for c in group.cards))
            self.group_list.addItem(item)
        self.group_list.blockSignals(False)
        row = next(
            (i for i, g in enumerate(self.groups) if was and set(was) & {c.id for c in g.cards}),
            0,
        )
        pair = self.pair()
        self.group_list.blockSignals(True)
        self.group_list.setCurrentRow(row if self.groups else -1)
        self.group_list.blockSignals(False)
        self._show_group(row if self.groups else -1)
        if pair is not None and self.groups:  # a reload keeps the pair being looked at
            ids = {c.id for c in self.groups[row].cards}
            if set(pair) <= ids and pair[0] != pair[1]:
                self.choose(*pair)

    def _show_group(self, row: int) -> None:
        group = self.groups[row] if 0 <= row < len(self.groups) else None
        self._filling = True
        for index, box in enumerate((self.left, self.right)):
            box.choice.clear()
            for card in group.cards if group else []:
                box.choice.addItem(self._card_title(card), card.id)
            box.choice.setCurrentIndex(min(index, box.choice.count() - 1))
            box.setEnabled(group is not None)
        self._filling = False
        if group is None:
            self.summary.setText(self.tr("本店没有疑似重复的客户") if self.may_merge else "")
        self._pair_changed()

    def _card_title(self, card: MergeCard) -> str:
        return f"{card.remark_name or card.name} · {card.phone_display or card.member_no}"

    # ------------------------------------------------------------------ the pair

    def pair(self) -> tuple[str, str] | None:
        """(kept id, merged id) as chosen, or None."""
        a, b = self.left.current_id(), self.right.current_id()
        if not a or not b:
            return None
        return (a, b) if self.left.keep.isChecked() else (b, a)

    def choose(self, kept_id: str, merged_id: str) -> None:
        """Show ``kept_id`` left (kept) and ``merged_id`` right (as a person would)."""
        for box, cid in ((self.left, kept_id), (self.right, merged_id)):
            box.choice.setCurrentIndex(box.choice.findData(cid))
        self.left.keep.setChecked(True)
        self._pair_changed()

    def _pair_changed(self, *_args: object) -> None:
        if self._filling:
            return
        self.preview = None
        self._previews += 1
        asked, pair = self._previews, self.pair()
        if pair is None:
            self._show_preview()
            return
        self.merge_button.setEnabled(False)
        service = self.service
        run_in_background(
            lambda: service.preview(*pair),
            lambda preview: self._previewed(asked, preview),
            lambda exc: self._preview_failed(asked, exc),
        )

    def _previewed(self, asked: int, preview: MergePreview) -> None:
        if asked == self._previews:  # else another pair was chosen meanwhile
            self.preview = preview
            self._show_preview()

    def _preview_failed(self, asked: int, exc: BaseException) -> None:
        if asked != self._previews:
            return
        if isinstance(exc, ValidationFailed):  # gone meanwhile (synced, merged elsewhere)
            self.status.setText(exc.message)
        else:
            self._failed(self.tr("读取客户失败：{0}").format(exc))
        self._show_preview()

    def _show_preview(self) -> None:
        for box in (self.left, self.right):
            cid = box.current_id()
            card = None
            if self.preview is not None:
                card = {
                    self.preview.kept.id: self.preview.kept,
                    self.preview.merged.id: (self.preview.merged),
                }.get(cid or "")
            box.details.setText(self._card_text(card) if card else "")
        self._update_summary()

    def _card_text(self, card: MergeCard) -> str:
        lines = [
            self.tr("姓名：{0}").format(card.name),
            self.tr("备注名：{0}").format(card.remark_name or "—"),
            self.tr("手机：{0}").format(card.phone_display or "—"),
            self.tr("会员号：{0}").format(card.member_no or "—"),
            self.tr("负责导购：{0}").format(card.owner_name or "—"),
            self.tr("建档：{0}").format((card.created_at or "—")[:10]),
            self.tr("跟进 {0} 条 · 标签 {1} 个 · 订单 {2} 个").format(
                card.follow_ups, card.tags, card.orders
            ),
        ]
        return "\n".join(lines)

    def _update_summary(self) -> None:
        p = self.preview
        ok = p is not None and p.refusal is None and self.may_merge
        self.merge_button.setEnabled(ok)
        if p is None:
            return
        if p.refusal is not None:
            self.summary.setText(self.tr("不能合并：{0}").format(p.refusal.reason))
            return
        text = self.tr(
            "合并后保留「{0}」，另一位的 {1} 条跟进、{2} 个标签、{3} 个订单将并入"
        ).format(p.kept.name, p.follow_ups, p.tags, p.orders)
        filled = [self._field_label(k) for k in p.filled if self._field_label(k)]
        if filled:
            text += self.tr("；补全：{0}").format("、".join(filled))
        self.summary.setText(text)

    def _field_label(self, key: str) -> str:
        return {
            "remark_name": self.tr("备注名"),
            "phone": self.tr("手机号"),
            "member_no": self.tr("会员号"),
            "source_channel": self.tr("来源渠道"),
            "birthday": self.tr("生日"),
            "member_since": self.tr("入会日期"),
            "level": self.tr("等级"),
            "in_group": self.tr("社群"),
            "owner_id": self.tr("负责导购"),
            "notes": self.tr("备注"),
        }.get(key, "")

    # ------------------------------------------------------------------ the merge

    def merge(self) -> None:
        p = self.preview
        if p is None or p.refusal is not None:
            return
        text = self.tr(
            "合并后保留「{0}」，另一位（{1}）的 {2} 条跟进、{3} 个标签、{4} 个订单将并入，"
            "「{1}」这张卡会被删除。确定合并吗？"
        ).format(p.kept.name, p.merged.name, p.follow_ups, p.tags, p.orders)
        if not self.confirm(text):
            return
        kept, merged = p.kept, p.merged
        self.merge_button.setEnabled(False)
        run_in_background(
            lambda: self.service.merge(kept.id, merged.id),
            lambda _mid: self._merged(kept, merged),
            self._merge_failed,
            kind="write",
        )

    def _merged(self, kept: MergeCard, merged: MergeCard) -> None:
        done = self.tr("已合并：「{0}」已并入「{1}」，同步后其他电脑也会看到")
        self.status.setText(done.format(merged.name, kept.name))
        self.load()

    def _merge_failed(self, exc: BaseException) -> None:
        message = exc.message if isinstance(exc, ValidationFailed) else str(exc)
        self.status.setText(self.tr("合并失败：{0}").format(message))
        self._update_summary()

    def _ask(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.tr("重复客户合并"), text)
        return answer == QMessageBox.StandardButton.Yes
