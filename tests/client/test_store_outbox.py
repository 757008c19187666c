"""Push answers: applied, duplicate, rejected → attention → retry or discard."""

from __future__ import annotations

import uuid

from guide_app.services.customers import CustomerService
from guide_core.protocol import MutationResult

from .conftest import G1, applied, change, customer_data, rejected


def test_pending_is_in_seq_order_with_wire_shaped_fields(seeded):
    cache, s = seeded
    svc = CustomerService(cache, G1)
    svc.update(s["zhangsan"], birthday="1990-02-03")
    svc.add_follow_up(s["zhangsan"], "chat", "聊了新款")
    pending = cache.outbox.pending()
    assert [m.seq for m in pending] == sorted(m.seq for m in pending)
    assert pending[0].fields == {"birthday": "1990-02-03"}
    assert pending[0].base_version is not None and pending[0].entity_id == s["zhangsan"]
    assert pending[1].entity == "follow_up" and pending[1].base_version is None
    assert isinstance(pending[1].fields["at"], str)
    assert len(cache.outbox.pending(limit=1)) == 1


def test_applied_and_duplicate_remove_outbox_rows_and_store_server_row(seeded):
    cache, s = seeded
    svc = CustomerService(cache, G1)
    cid = svc.create(name="赵六")
    svc.update(s["zhangsan"], notes="a")
    m_create, m_update = cache.outbox.pending()
    server_row = change("customer", customer_data("赵六", id=cid, member_no="M9999"))
    changed = cache.apply_push_results(
        [
            applied(m_create.mutation_id, server_row),
            MutationResult(mutation_id=m_update.mutation_id, status="duplicate"),
        ]
    )
    assert "customer" in changed
    assert cache.outbox.count() == 0 and cache.attention.count() == 0
    card = svc.get(cid)
    assert card.member_no == "M9999" and card.version == server_row.version and not card.pending
    # an answer for something no longer in the outbox changes nothing
    assert cache.apply_push_results([applied(m_create.mutation_id)]) == set()
    assert cache.apply_push_results([applied(uuid.uuid4())]) == set()


def test_rejected_update_reverts_to_server_row_and_keeps_later_edits(seeded):
    cache, s = seeded
    svc = CustomerService(cache, G1)
    svc.update(s["zhangsan"], level="black")
    svc.update(s["zhangsan"], notes="后来的备注")
    first, second = cache.outbox.pending()
    server_row = change(
        "customer", customer_data("张三", id=s["zhangsan"], level="gold", notes="服务器备注")
    )
    refusal = rejected(first.mutation_id, "只能操作自己负责的客户或任务", server_row, "not_owner")
    changed = cache.apply_push_results([refusal])
    assert {"customer", "attention"} <= changed
    card = svc.get(s["zhangsan"])
    assert card.level == "gold"  # reverted to the server's
    assert card.notes == "后来的备注"  # the other pending edit re-applied
    assert [m.mutation_id for m in cache.outbox.pending()] == [second.mutation_id]
    (item,) = cache.attention.list()
    assert item.code == "not_owner" and item.fields == {"level": "black"}
    assert "张三" in item.summary and "只能操作自己负责的客户" in item.summary
    assert item.server_row["data"]["level"] == "gold"


def test_rejected_create_without_row_disappears_then_retry_and_discard(seeded):
    cache, s = seeded
    svc = CustomerService(cache, G1)
    cid = svc.create(name="孙八", phone="13912345678")
    (m,) = cache.outbox.pending()
    cache.apply_push_results([rejected(m.mutation_id, "invalid phone: 号段不存在")])
    assert svc.get(cid) is None and cache.outbox.count() == 0
    (item,) = cache.attention.list()
    assert item.op == "create" and "孙八" in item.summary
    cache.attention.retry(item.id)
    (again,) = cache.outbox.pending()
    assert again.mutation_id != m.mutation_id and again.seq > m.seq
    assert again.fields == m.fields and again.entity_id == cid
    assert svc.get(cid).name == "孙八" and cache.attention.count() == 0
    cache.apply_push_results([rejected(again.mutation_id, "still no")])
    (item,) = cache.attention.list()
    cache.attention.discard(item.id)
    assert cache.attention.count() == 0 and cache.outbox.count() == 0


def test_bad_server_row_in_results_changes_nothing(seeded):
    cache, s = seeded
    CustomerService(cache, G1).update(s["zhangsan"], notes="x")
    (m,) = cache.outbox.pending()
    from guide_app.domain.errors import InvalidServerData
    from guide_core.protocol import Change

    bad = Change(entity="customer", id=s["zhangsan"], version=99, data={"id": s["zhangsan"]})
    import pytest

    with pytest.raises(InvalidServerData):
        cache.apply_push_results([applied(m.mutation_id, bad)])
    assert cache.outbox.count() == 1


def test_write_listener_hears_committed_edits(seeded):
    cache, s = seeded
    heard = []
    cache.add_write_listener(heard.append)
    CustomerService(cache, G1).update(s["zhangsan"], notes="x")
    assert heard == [{"customer"}]  # with the entities the edit changed
