"""合并重复客户 through real sessions and the real server (SQLite and PostgreSQL): the
supervisor sees the group, merges offline (the PC shows the result at once), a guide
keeps editing the merged card offline, and after syncing nothing is lost."""

from __future__ import annotations

import random

import pytest

from guide_app.domain.errors import Forbidden, NotFound, ValidationFailed
from guide_core.rules import Code


@pytest.fixture
def server(live_server):
    return live_server


def _tag_of_a_multi_group(session) -> str:
    with session.cache.read() as conn:
        return conn.exec_driver_sql(
            "SELECT t.id FROM tags t JOIN tag_groups g ON g.id = t.group_id "
            "WHERE json_extract(g.data, '$.choice') = 'multi' "
            "AND json_extract(g.data, '$.visible_roles') = '[]' ORDER BY t.id LIMIT 1"
        ).scalar_one()


def test_an_offline_merge_shows_at_once_and_keeps_a_guides_offline_edits(clients, server):
    g2 = clients("s001-g2")
    assert g2.sync.sync_once()
    phone = f"199{random.randrange(10**8):08d}"
    kept = g2.customers.create(name="周小芳", phone=phone)
    merged = g2.customers.create(name="周晓芳", phone=phone, member_no="MERGE-1")
    g2.customers.add_follow_up(kept, "chat", "保留卡的跟进")
    g2.customers.add_follow_up(merged, "chat", "合并卡的跟进一")
    g2.customers.add_follow_up(merged, "phone", "合并卡的跟进二")
    tag = _tag_of_a_multi_group(g2)
    g2.customers.add_tag(merged, tag)
    assert g2.sync.sync_once() and g2.sync.status.pending == 0

    mgr = clients("s001-mgr")
    assert mgr.sync.sync_once()
    groups = mgr.customer_merge.groups()
    group = next(g for g in groups if {c.id for c in g.cards} == {kept, merged})
    assert group.by == "phone" and "*" in group.key
    preview = mgr.customer_merge.preview(kept, merged)
    assert (preview.follow_ups, preview.tags, preview.orders) == (2, 1, 0)
    assert preview.filled["member_no"] == "MERGE-1" and preview.refusal is None

    with pytest.raises(Forbidden):  # a guide may not, on the PC already
        g2.customer_merge.merge(kept, merged)

    server.stop()
    mgr.customer_merge.merge(kept, merged)  # offline
    assert mgr.customers.get(merged) is None
    card = mgr.customers.get(kept)
    assert card.member_no == "MERGE-1" and card.pending
    assert len(card.follow_ups) == 3 and tag in {t.id for t in card.tags}
    assert not any({c.id for c in g.cards} == {kept, merged} for g in mgr.customer_merge.groups())
    with pytest.raises(NotFound):  # merged already, on this PC
        mgr.customer_merge.merge(kept, merged)
    # the guide's PC, offline too, still has the merged card and writes on it
    late = g2.customers.add_follow_up(merged, "visit", "离线时在合并卡上的跟进")
    g2.customers.update(merged, notes="离线改的备注")

    server.start()
    assert mgr.sync.sync_once() and mgr.sync.status.pending == 0
    assert mgr.attention.count() == 0
    assert g2.sync.sync_once() and g2.sync.status.pending == 0 and g2.attention.count() == 0
    assert g2.sync.sync_once() and mgr.sync.sync_once()
    for pc in (mgr, g2):
        assert pc.customers.get(merged) is None
        card = pc.customers.get(kept)
        texts = {f.text for f in card.follow_ups}
        assert texts == {
            "保留卡的跟进",
            "合并卡的跟进一",
            "合并卡的跟进二",
            "离线时在合并卡上的跟进",
        }
        assert late in {f.id for f in card.follow_ups}
        assert tag in {t.id for t in card.tags}
        assert card.member_no == "MERGE-1" and card.notes == "离线改的备注"


def test_refusals_on_the_pc_say_why(clients, server):
    mgr = clients("s001-mgr")
    assert mgr.sync.sync_once()
    a = mgr.customers.create(name="甲", phone=f"199{random.randrange(10**8):08d}")
    b = mgr.customers.create(name="乙", phone=f"199{random.randrange(10**8):08d}")
    with pytest.raises(ValidationFailed) as not_dup:
        mgr.customer_merge.merge(a, b)
    assert not_dup.value.code == Code.NOT_DUPLICATES
    assert "手机号和会员号都不相同" in not_dup.value.message
    with pytest.raises(ValidationFailed) as same:
        mgr.customer_merge.merge(a, a)
    assert same.value.code == Code.SAME_CUSTOMER
    assert mgr.customer_merge.preview(a, b).refusal.code == Code.NOT_DUPLICATES
    assert mgr.cache.outbox.count() == 2  # the two creates only


def test_a_merge_the_server_refuses_puts_the_pc_back_as_it_was(clients, server):
    """Offline, the supervisor merges; meanwhile a guide gives the merged card another
    number: the server refuses (no longer duplicates) and the PC shows both cards again,
    each with its own follow-ups and tags, and says why in the attention list."""
    g1 = clients("s001-g1")
    assert g1.sync.sync_once()
    phone = f"199{random.randrange(10**8):08d}"
    kept = g1.customers.create(name="吴敏", phone=phone)
    merged = g1.customers.create(name="吴敏", phone=phone)
    g1.customers.add_follow_up(merged, "chat", "合并卡的跟进")
    tag = _tag_of_a_multi_group(g1)
    g1.customers.add_tag(merged, tag)
    assert g1.sync.sync_once() and g1.sync.status.pending == 0

    mgr = clients("s001-mgr")
    assert mgr.sync.sync_once()
    server.stop()
    mgr.customer_merge.merge(kept, merged)
    assert mgr.customers.get(merged) is None
    assert tag in {t.id for t in mgr.customers.get(kept).tags}
    server.start()
    g1.customers.update(merged, phone=f"199{random.randrange(10**8):08d}")
    assert g1.sync.sync_once() and g1.sync.status.pending == 0

    assert mgr.sync.sync_once() and mgr.sync.status.pending == 0
    assert mgr.sync.sync_once()
    [item] = mgr.attention.list()
    assert (item.entity, item.op, item.code) == ("customer", "merge", "not_duplicates")
    back = mgr.customers.get(merged)
    assert back is not None and [f.text for f in back.follow_ups] == ["合并卡的跟进"]
    assert tag in {t.id for t in back.tags}
    card = mgr.customers.get(kept)
    assert card.follow_ups == [] and tag not in {t.id for t in card.tags}
