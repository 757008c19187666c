"""Duplicate customers in the window: Ctrl+N and the card warn before saving a
phone or member no. the store already has (打开已有客户 / 仍然新建 / 仍然保存);
the server's flag shows on the card, in the supervisor's 疑似重复 filter, and
only the supervisor may dismiss it."""

from __future__ import annotations

import random
import uuid
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from guide_core.phone import mask_phone
from tests.ui.conftest import WAIT_MS, close_session, open_session


def own_cards_with_phone(session, n: int) -> list:
    from guide_app.services.customers import CustomerQuery

    out = []
    for row in session.customers.page(CustomerQuery(mine_only=True), 0, 100):
        card = session.customers.get(row.id)
        if card.phone and not card.phone_masked:
            out.append(card)
            if len(out) == n:
                return out
    raise AssertionError("the demo store has too few customers with a phone")


def new_customer_dialog(window, qtbot):
    from ui.new_customer import NewCustomerDialog

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.findChild(NewCustomerDialog) is not None, timeout=WAIT_MS)
    dialog = window.findChild(NewCustomerDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    return dialog


def card_for(window, customer_id: str):
    return next((c for c in window.open_cards if c.customer_id == customer_id), None)


def spaced(phone: str) -> str:
    return f"{phone[:3]} {phone[3:7]} {phone[7:]}"


def test_new_customer_with_a_known_phone_warns_and_opens_the_existing_card(
    window, qtbot, session, tmp_path: Path
):
    (existing,) = own_cards_with_phone(session, 1)
    dialog = new_customer_dialog(window, qtbot)
    before = session.cache.outbox.count()
    dialog.name_edit.setText("重复的客户")  # keyClicks: ASCII only
    qtbot.keyClicks(dialog.phone_edit, spaced(existing.phone))
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(dialog.duplicates.isVisible, timeout=WAIT_MS)

    text = dialog.duplicates.rows.labels[0].text()
    assert existing.name in text and mask_phone(existing.phone) in text
    assert existing.owner_name in text and "手机号相同" in text
    assert existing.phone not in text  # never the whole number on screen
    assert dialog.duplicates.open_buttons[0].text() == "打开已有客户"
    assert dialog.duplicates.proceed_button.text() == "仍然新建"
    assert session.cache.outbox.count() == before  # nothing saved yet
    ok, cancel = (
        dialog.buttons.button(b)
        for b in (QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel)
    )
    assert not ok.isEnabled() and cancel.isEnabled()  # a choice first (or an edit)
    shot = tmp_path / "duplicate_warning.png"
    assert dialog.grab().save(str(shot)) and shot.stat().st_size > 0

    qtbot.mouseClick(dialog.duplicates.open_buttons[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: card_for(window, existing.id) is not None, timeout=WAIT_MS)
    assert not dialog.isVisible()
    assert session.cache.outbox.count() == before


def test_create_anyway_saves_the_second_customer(window, qtbot, session):
    (existing,) = own_cards_with_phone(session, 1)
    dialog = new_customer_dialog(window, qtbot)
    dialog.name_edit.setText("同号的家人")
    qtbot.keyClicks(dialog.phone_edit, existing.phone)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(dialog.duplicates.isVisible, timeout=WAIT_MS)
    qtbot.keyClicks(dialog.remark_edit, "x")  # an edit: the warning no longer applies
    assert not dialog.duplicates.isVisible()
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(dialog.duplicates.isVisible, timeout=WAIT_MS)
    with qtbot.waitSignal(dialog.sig_created, timeout=WAIT_MS) as created:
        qtbot.mouseClick(dialog.duplicates.proceed_button, Qt.MouseButton.LeftButton)
    new_id = created.args[0]
    qtbot.waitUntil(lambda: card_for(window, new_id) is not None, timeout=WAIT_MS)
    same = {m.id for m in session.customers.find_duplicates(phone=existing.phone)}
    assert {existing.id, new_id} <= same


def test_the_card_warns_before_saving_a_phone_another_customer_has(
    window, qtbot, session, tmp_path: Path
):
    first, second = own_cards_with_phone(session, 2)
    card = window.open_customer(second.id)
    qtbot.waitUntil(lambda: card.card is not None, timeout=WAIT_MS)
    before = session.cache.outbox.count()
    card.profile.phone_edit.setText(first.phone)
    with qtbot.waitSignal(card.sig_failed, timeout=WAIT_MS):
        qtbot.keyClick(card, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert card.duplicate_warning.isVisible()
    assert first.name in card.duplicate_warning.rows.labels[0].text()
    assert card.duplicate_warning.proceed_button.text() == "仍然保存"
    assert session.cache.outbox.count() == before and card.has_unsaved_changes()
    card.grab().save(str(tmp_path / "card_duplicate_warning.png"))

    qtbot.mouseClick(card.duplicate_warning.open_buttons[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: card_for(window, first.id) is not None, timeout=WAIT_MS)
    assert card.isVisible()  # the edited card stays open with its edit
    with qtbot.waitSignal(card.sig_saved, timeout=WAIT_MS):
        qtbot.mouseClick(card.duplicate_warning.proceed_button, Qt.MouseButton.LeftButton)
    assert session.customers.get(second.id).phone == first.phone


def flagged_pair(server) -> tuple[str, str]:
    """s001-g2 then s001-g1 create the same phone from two PCs: g1's is flagged."""
    from tests.server.api import Api

    phone = f"199{random.randrange(10**8):08d}"
    ids = []
    for user, device in (("s001-g2", "pc-2"), ("s001-g1", "pc-1")):
        cid = str(uuid.uuid4())
        r = Api(server, user, device_id=device).push_one(
            "customer", "create", cid, {"name": f"双卡{user[-2:]}", "phone": phone}
        )
        assert r["status"] == "applied"
        ids.append(cid)
    return ids[0], ids[1]


def test_a_guide_sees_the_flag_but_cannot_dismiss_it(window, qtbot, session, server):
    earlier, flagged = flagged_pair(server)
    qtbot.waitUntil(lambda: session.customers.get(flagged) is not None, timeout=WAIT_MS)
    assert window.contacts.filters.duplicates_box.isHidden()  # the filter is the supervisor's
    card = window.open_customer(flagged)
    qtbot.waitUntil(lambda: card.card is not None, timeout=WAIT_MS)
    banner = card.duplicate_banner
    assert banner.isVisible() and "双卡g2" in banner.rows.labels[0].text()
    assert banner.dismiss_button.isHidden() and banner.note.text()
    qtbot.mouseClick(banner.open_buttons[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: card_for(window, earlier) is not None, timeout=WAIT_MS)


def test_the_supervisor_filters_the_flagged_and_dismisses_a_flag(app, qtbot, server, tmp_path):
    from tests.server.api import Api
    from ui.main_window import MainWindow
    from ui.pages.contacts.model import ID_ROLE

    earlier, flagged = flagged_pair(server)
    mgr = open_session(server.url, "s001-mgr", tmp_path / "client-mgr")
    w = MainWindow(mgr)
    qtbot.addWidget(w)
    try:
        w.show()
        w.start()
        page = w.contacts
        qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=WAIT_MS)
        assert not page.filters.duplicates_box.isHidden()
        page.filters.duplicates_box.setChecked(True)
        qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
        assert page.model.index(0, 0).data(ID_ROLE) == flagged

        card = w.open_customer(flagged)
        qtbot.waitUntil(lambda: card.card is not None, timeout=WAIT_MS)
        assert card.duplicate_banner.isVisible()
        assert not card.duplicate_banner.dismiss_button.isHidden()
        card.grab().save(str(tmp_path / "card_duplicate_banner.png"))
        with qtbot.waitSignal(card.sig_saved, timeout=WAIT_MS):
            qtbot.mouseClick(card.duplicate_banner.dismiss_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not card.duplicate_banner.isVisible(), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: mgr.sync.status.pending == 0, timeout=WAIT_MS)
        assert mgr.attention.count() == 0
        held, _ = Api(server, "s001-g1").state()
        assert held[("customer", flagged)]["duplicate_of"] is None
        # the earlier card no longer lists it either
        other = w.open_customer(earlier)
        qtbot.waitUntil(lambda: other.card is not None, timeout=WAIT_MS)
        assert not other.duplicate_banner.isVisible()
    finally:
        w.close()
        close_session(mgr)
