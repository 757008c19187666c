"""Two counter PCs of one store edit the same customer concurrently and converge.

Real server on loopback, two real Sessions with their own cache files.
Rules: customer fields last-writer-wins per field in server arrival order,
tags are add/remove operations, follow-ups are append-only.
"""

from __future__ import annotations

import pytest

from guide_app.services.customer_query import CustomerQuery


@pytest.fixture
def server(live_server):
    """Both server databases (SQLite and PostgreSQL) for this module."""
    return live_server


def _multi_group_tags(session, n=3):
    for group in session.tags.groups():
        if group.choice == "multi" and len(group.tags) >= n:
            return [t.id for t in group.tags[:n]]
    raise AssertionError("demo chain has no multi-choice tag group with enough tags")


def test_concurrent_edits_converge(clients):
    a = clients("s001-g1")
    b = clients("s001-mgr")
    assert a.sync.sync_once() and b.sync.sync_once()
    cid = a.customers.page(CustomerQuery(mine_only=True), 0, 1)[0].id
    t1, t2, t3 = _multi_group_tags(a)
    before = a.customers.get(cid)
    start_tags = {t.id for t in before.tags}

    # both offline from each other: edit the same customer
    a.customers.update(cid, notes="A 写的备注", level="gold")
    b.customers.update(cid, notes="B 写的备注", remark_name="B改名")
    a.customers.add_tag(cid, t1)
    b.customers.add_tag(cid, t2)
    if t3 not in start_tags:
        a.customers.add_tag(cid, t3)
    fa = a.customers.add_follow_up(cid, "chat", "A 微信沟通了新品")
    fb = b.customers.add_follow_up(cid, "phone", "B 电话回访")
    assert a.customers.get(cid).notes == "A 写的备注"  # visible locally at once

    assert a.sync.sync_once()  # A's edits arrive first …
    assert b.sync.sync_once()  # … B's second, so B wins the field both wrote
    b.customers.remove_tag(cid, t3)
    assert b.sync.sync_once() and a.sync.sync_once()

    card_a, card_b = a.customers.get(cid), b.customers.get(cid)
    for card in (card_a, card_b):
        assert card.notes == "B 写的备注"
        assert card.level == "gold" and card.remark_name == "B改名"
        tags = {t.id for t in card.tags}
        assert {t1, t2} <= tags and t3 not in tags
        ids = [f.id for f in card.follow_ups]
        assert fa in ids and fb in ids and len(ids) == len(set(ids))
        assert not card.pending
    assert {t.id for t in card_a.tags} == {t.id for t in card_b.tags}
    assert [f.id for f in card_a.follow_ups] == [f.id for f in card_b.follow_ups]
    assert a.sync.status.pending == 0 and b.sync.status.pending == 0
    assert a.attention.count() == 0 and b.attention.count() == 0
