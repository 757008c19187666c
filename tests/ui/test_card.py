"""Customer card: tag edits reach the server; bad input is refused inline, nothing written."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from tests.ui.conftest import WAIT_MS, close_session, open_session


def open_card(window, qtbot, customer_id: str):
    card = window.open_customer(customer_id)
    qtbot.waitUntil(lambda: card.card is not None, timeout=WAIT_MS)
    return card


def my_customer(session):
    from guide_app.services.customers import CustomerQuery

    return session.customers.page(CustomerQuery(mine_only=True), 0, 1)[0]


def test_tag_edit_in_the_card_reaches_the_server(window, qtbot, session, server, tmp_path):
    row = my_customer(session)
    card = open_card(window, qtbot, row.id)
    current = {t.id for t in card.card.tags}
    groups = session.tags.groups()
    multi = next(
        g for g in groups if str(g.choice) == "multi" and any(t.id not in current for t in g.tags)
    )
    new_tag = next(t for t in multi.tags if t.id not in current)
    card.tags.set_checked(new_tag.id, True)
    with qtbot.waitSignal(card.sig_saved, timeout=WAIT_MS):
        qtbot.keyClick(card, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: session.sync.status.pending == 0, timeout=WAIT_MS)
    assert session.attention.count() == 0

    other = open_session(server.url, "s001-mgr", tmp_path / "client-mgr")
    try:
        seen = other.customers.get(row.id)
        assert new_tag.id in {t.id for t in seen.tags}
    finally:
        close_session(other)


def test_single_choice_group_keeps_one_tag(window, qtbot, session):
    row = my_customer(session)
    card = open_card(window, qtbot, row.id)
    single = next(
        g for g in session.tags.groups() if str(g.choice) == "single" and len(g.tags) >= 2
    )
    first, second = single.tags[0].id, single.tags[1].id
    card.tags.set_checked(first, True)
    card.tags.set_checked(second, True)  # radio buttons: the first is unchecked
    assert card.tags.selected()[single.id] == {second}
    with qtbot.waitSignal(card.sig_saved, timeout=WAIT_MS):
        card.save()
    tags = {t.id for t in session.customers.get(row.id).tags}
    assert second in tags and first not in tags


def test_invalid_phone_and_huge_note_are_refused_inline(window, qtbot, session):
    row = my_customer(session)
    card = open_card(window, qtbot, row.id)
    before = session.cache.outbox.count()
    card.profile.phone_edit.setText("12345")
    with qtbot.waitSignal(card.sig_failed, timeout=WAIT_MS):
        card.save()
    assert card.profile.fields["phone"].error.isVisible()
    assert card.profile.fields["phone"].error.text()
    card.profile.phone_edit.setText(card.card.phone)
    card.profile.notes_edit.setPlainText("备" * 5000)
    with qtbot.waitSignal(card.sig_failed, timeout=WAIT_MS):
        card.save()
    assert "2000" in card.profile.fields["notes"].error.text() + card.profile.general_error.text()
    card.profile.name_edit.setText("   ")
    card.profile.notes_edit.setPlainText("")
    with qtbot.waitSignal(card.sig_failed, timeout=WAIT_MS):
        card.save()
    assert session.cache.outbox.count() == before
    assert session.customers.get(row.id).name == row.name
    card.profile.mark_saved()  # let the dialog close without asking


def test_follow_up_added_from_the_card_shows_in_the_timeline(window, qtbot, session):
    row = my_customer(session)
    card = open_card(window, qtbot, row.id)
    n = len(card.card.follow_ups)
    card.follow_ups.text_edit.setPlainText("到店试用了新品面霜 😊")
    with qtbot.waitSignal(card.sig_loaded, timeout=WAIT_MS):
        card.save_button.click()  # the follow-up is saved with the card's 保存
    assert len(card.card.follow_ups) == n + 1
    assert "面霜" in card.follow_ups.timeline.item(0).text()
    deadline = time.monotonic() + WAIT_MS / 1000
    while session.sync.status.pending and time.monotonic() < deadline:
        qtbot.wait(50)
    assert session.sync.status.pending == 0
