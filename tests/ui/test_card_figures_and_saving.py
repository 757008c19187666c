"""Customer card (issue 10): figures strip, whose order, read-only cards, one way to save
with a confirmation, no layout jump when the group banner goes, long texts end in "…"."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QHeaderView, QMessageBox

from tests.ui.conftest import WAIT_MS
from tests.ui.test_card import open_card


def _yuan(cents: int) -> str:
    return f"¥{cents // 100:,}.{cents % 100:02d}"


def _mine(session, **query):
    from guide_app.services.customers import CustomerQuery

    return session.customers.page(CustomerQuery(mine_only=True, **query), 0, 200)


def _with_orders(session):
    for row in _mine(session):
        card = session.customers.get(row.id)
        if card.order_count >= 2 and card.recent_orders:
            return card
    raise AssertionError("no customer of s001-g1 with two orders")


def test_figures_strip_shows_the_synced_figures(window, qtbot, session):
    data = _with_orders(session)
    card = open_card(window, qtbot, data.id)
    shown = {k: v.full_text() for k, v in card.figures.values.items()}
    assert shown["total"] == _yuan(data.total_spent_cents)
    assert shown["orders"] == str(data.order_count)
    average = (data.total_spent_cents + data.order_count // 2) // data.order_count
    assert shown["average"] == _yuan(average)
    assert shown["last"].startswith(str(data.figures.last_purchase_on))
    assert "天前" in shown["last"] or "今天" in shown["last"]
    assert shown["source"] == (data.source_channel or "—")
    assert shown["owner"] == session.user.display_name
    assert card.figures.isVisible()

    new_id = session.customers.create(name="测试新客", phone="13900001234")
    fresh = open_card(window, qtbot, new_id)
    values = {k: v.full_text() for k, v in fresh.figures.values.items()}
    assert values["total"] == "¥0.00" and values["orders"] == "0"
    assert values["average"] == values["last"] == values["source"] == "—"


def test_order_detail_names_and_links_its_customer(window, qtbot, session):
    data = _with_orders(session)
    order_id = data.recent_orders[0].id
    with qtbot.waitSignal(window.sig_order_opened, timeout=WAIT_MS) as opened:
        window.open_order(order_id)
    dialog = opened.args[0]
    assert data.name in dialog.customer_label.text()
    assert dialog.customer_label.isVisible()
    with qtbot.waitSignal(window.sig_customer_card_opened, timeout=WAIT_MS) as card_opened:
        dialog.customer_label.linkActivated.emit(f"customer:{data.id}")
    assert card_opened.args[0].customer_id == data.id
    dialog.close()


def test_a_colleagues_customer_opens_with_the_profile_read_only(window, qtbot, session):
    """The rules: a guide edits the profile of own customers only, but tags and follows up
    any customer of the store; the card offers exactly that and says why."""
    from guide_app.services.customers import CustomerQuery

    rows = session.customers.page(CustomerQuery(mine_only=False), 0, 500)
    other = next(r for r in rows if r.owner_id and r.owner_id != session.user.id)
    card = open_card(window, qtbot, other.id)
    assert card.status.text() == f"资料只读：这位客户归 {other.owner_name} 负责（可以加标签和跟进）"
    assert not card.profile.name_edit.isEnabled()
    assert card.follow_ups.text_edit.isEnabled()
    assert all(b.isEnabled() for group in card.tags.buttons.values() for b in group.values())
    assert card.save_button.isEnabled()
    card.follow_ups.text_edit.setPlainText("同事的客户, 到店看了新款")
    card.save_button.click()

    def saved() -> bool:
        return any(
            f.text == "同事的客户, 到店看了新款" for f in session.customers.get(other.id).follow_ups
        )

    qtbot.waitUntil(saved, timeout=WAIT_MS)


def test_a_card_with_nothing_editable_has_save_disabled(window, qtbot, session):
    from dataclasses import replace

    from guide_app.services.customers import CustomerQuery

    mine = session.customers.page(CustomerQuery(mine_only=True), 0, 1)[0]
    card = open_card(window, qtbot, mine.id)
    card._fill(replace(card.card, can_edit=False, can_tag=False), session.tags.groups(), {})
    assert not card.save_button.isEnabled()
    assert card.status.text().startswith("只读：")
    assert not card.follow_ups.text_edit.isEnabled()


def _untagged(card, session):
    current = {t.id for t in card.card.tags}
    group = next(
        g
        for g in session.tags.groups()
        if str(g.choice) == "multi" and any(t.id not in current for t in g.tags)
    )
    return next(t for t in group.tags if t.id not in current)


def test_tags_and_follow_up_are_saved_by_save_and_confirmed(window, qtbot, session):
    row = _mine(session)[0]
    card = open_card(window, qtbot, row.id)
    tag = _untagged(card, session)
    n = len(card.card.follow_ups)
    before = session.cache.outbox.count()
    card.tags.set_checked(tag.id, True)
    card.follow_ups.text_edit.setPlainText("试用装已寄出")
    qtbot.wait(100)
    assert session.cache.outbox.count() == before  # nothing written before 保存
    assert card.has_unsaved_changes()
    assert not card.saved_note.isVisible()
    with qtbot.waitSignal(card.sig_loaded, timeout=WAIT_MS):
        qtbot.keyClick(card, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert session.cache.outbox.count() >= before  # pushed soon; the cache holds both:
    saved = session.customers.get(row.id)
    assert tag.id in {t.id for t in saved.tags}
    assert len(saved.follow_ups) == n + 1 and saved.follow_ups[0].text == "试用装已寄出"
    assert card.saved_note.isVisible() and "已保存" in card.saved_note.text()
    assert not card.has_unsaved_changes()
    assert card.follow_ups.text_edit.toPlainText() == ""


def _answer_unsaved(qtbot, button_text: str) -> list[str]:
    """Click ``button_text`` in the 保存/放弃/取消 box once it shows; returns its buttons."""
    seen: list[str] = []
    tries = [250]  # 5 s at most

    def click() -> None:
        boxes = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()
        ]
        if not boxes:
            tries[0] -= 1
            if tries[0] > 0:
                QTimer.singleShot(20, click)
            return
        box = boxes[0]
        seen.extend(b.text() for b in box.buttons())
        wanted = [b for b in box.buttons() if b.text() == button_text]
        if wanted:
            wanted[0].click()
        else:
            box.reject()  # no such choice: keep the card open (the test then fails)

    QTimer.singleShot(20, click)
    return seen


def test_closing_with_edits_asks_save_discard_cancel(window, qtbot, session):
    row = _mine(session)[0]
    card = open_card(window, qtbot, row.id)
    card.profile.notes_edit.setPlainText("喜欢无香型")
    try:
        seen = _answer_unsaved(qtbot, "取消")
        card.close()
        assert sorted(seen) == sorted(["保存", "放弃", "取消"])
        assert card.isVisible()
        _answer_unsaved(qtbot, "保存")
        with qtbot.waitSignal(card.finished, timeout=WAIT_MS):
            card.close()
    finally:
        card.profile.mark_saved()  # whatever happened, the window may close without asking
    assert session.customers.get(row.id).notes == "喜欢无香型"


def test_first_field_stays_put_when_the_group_banner_goes(window, qtbot, session):
    row = next(r for r in _mine(session) if not r.in_group)
    card = open_card(window, qtbot, row.id)
    qtbot.waitUntil(lambda: card.group_banner.isVisible(), timeout=WAIT_MS)
    y_before = card.profile.name_edit.mapTo(card, QPoint(0, 0)).y()
    card.profile.in_group_box.setChecked(True)
    with qtbot.waitSignal(card.sig_loaded, timeout=WAIT_MS):
        card.save()
    qtbot.waitUntil(lambda: not card.group_banner.isVisible(), timeout=WAIT_MS)
    QApplication.processEvents()
    assert card.profile.name_edit.mapTo(card, QPoint(0, 0)).y() == y_before


def test_long_names_and_item_names_end_in_an_ellipsis(window, qtbot, session):
    from guide_app.services.orders import OrderBrief, OrderDetail
    from guide_core.protocol import OrderData, OrderItem
    from ui.card.orders import ITEMS_COLUMN, OrderDialog

    row = _mine(session)[0]
    long_name = "欧阳" + "慧" * 30
    session.customers.update(row.id, name=long_name, remark_name="老客户")
    card = open_card(window, qtbot, row.id)
    card.resize(720, 600)
    QApplication.processEvents()
    assert card.title.full_text().startswith(long_name)
    assert card.title.text().endswith("…") and card.title.toolTip() == card.title.full_text()
    assert card.title.geometry().right() < card.badges.geometry().left()  # no overlap

    item = "限量版" + "玫瑰精华修护面霜" * 8
    brief = OrderBrief("o1", "tmall", "天猫", "TM1", "paid", "已付款", 123450, None, item)
    card.orders.show_orders([brief])
    card.tabs.setCurrentWidget(card.orders)
    QApplication.processEvents()
    table = card.orders
    header = table.horizontalHeader()
    assert header.sectionResizeMode(ITEMS_COLUMN) == QHeaderView.ResizeMode.Stretch
    widths = sum(table.columnWidth(c) for c in range(table.columnCount()))
    assert widths <= table.viewport().width()  # every column shown, the item name shortened
    assert table.columnWidth(ITEMS_COLUMN) < table.fontMetrics().horizontalAdvance(item)
    assert table.textElideMode() == Qt.TextElideMode.ElideRight
    assert table.item(0, ITEMS_COLUMN).toolTip() == item
    assert table.item(0, ITEMS_COLUMN + 1).text() == "¥1,234.50"
    card.profile.mark_saved()

    order = OrderData(
        id="o1",
        channel="tmall",
        channel_order_no="TM1",
        store_id=session.user.store_id,
        status="paid",
        amount_cents=123450,
        items=[OrderItem(sku="SKU-1", name=item, qty=1, price_cents=123450)],
    )
    dialog = OrderDialog(OrderDetail(order, row.id, long_name), window)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    items = dialog.items
    widths = sum(items.columnWidth(c) for c in range(items.columnCount()))
    assert widths <= items.viewport().width()
    assert items.item(0, 0).toolTip() == item
