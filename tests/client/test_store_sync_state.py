"""Applying pulled pages: upserts, tombstones, FTS, cursor, pending edits on top."""

from __future__ import annotations

import pytest

from guide_app.domain.errors import InvalidServerData
from guide_app.search import search
from guide_app.services.customers import CustomerQuery, CustomerService

from .conftest import G1, change, customer_data


def _names(cache, text):
    groups = search(cache, G1, text).groups
    return [h.title for g in groups if g.kind == "customer" for h in g.hits]


def test_upsert_then_tombstone_and_fts_follow(cache):
    data = customer_data("欧阳娜娜", phone="13811112222")
    changed = cache.apply_pull_page([change("customer", data)], "c1")
    assert changed == {"customer"} and cache.cursor() == "c1"
    assert _names(cache, "欧阳娜") == ["欧阳娜娜"]
    cache.apply_pull_page([change("customer", {**data, "name": "欧阳菲菲"})], "c2")
    assert _names(cache, "欧阳娜") == []
    assert _names(cache, "欧阳菲") == ["欧阳菲菲"]
    assert _names(cache, "oyff") == ["欧阳菲菲"]
    cache.apply_pull_page([change("customer", None, id=data["id"], deleted=True)], "c3")
    assert _names(cache, "欧阳菲") == [] and _names(cache, "oy") == []
    assert CustomerService(cache, G1).get(data["id"]) is None
    assert cache.cursor() == "c3"


def test_tombstone_for_unknown_row_is_a_no_op(cache):
    cache.apply_pull_page([change("customer", None, id="never-seen", deleted=True)], "c1")
    assert cache.cursor() == "c1"


def test_last_change_of_an_id_in_a_page_wins(cache):
    data = customer_data("周一")
    cache.apply_pull_page(
        [change("customer", data), change("customer", {**data, "name": "周二"})], "c1"
    )
    assert CustomerService(cache, G1).get(data["id"]).name == "周二"


@pytest.mark.parametrize(
    "bad",
    [
        {"entity": "customer", "data": {"id": "x", "store_id": "s"}},  # name missing
        {
            "entity": "customer",
            "data": {"id": "other", "store_id": "s", "name": "n"},
        },  # id mismatch
        {"entity": "customer", "data": None},  # not a tombstone, no data
        {"entity": "order", "data": {"id": "x", "channel": "ebay"}},
    ],
)
def test_bad_row_refuses_the_whole_page(cache, bad):
    good = customer_data("好数据")
    from guide_core.protocol import Change

    bad_change = Change(entity=bad["entity"], id="x", version=9, data=bad["data"])
    with pytest.raises(InvalidServerData) as err:
        cache.apply_pull_page([change("customer", good), bad_change], "c9")
    assert bad["entity"] in str(err.value) and "x" in str(err.value)
    assert cache.cursor() is None
    assert CustomerService(cache, G1).count(CustomerQuery(mine_only=False)) == 0


def test_pending_edit_stays_visible_over_a_pulled_row(seeded):
    cache, s = seeded
    svc = CustomerService(cache, G1)
    svc.update(s["zhangsan"], notes="本地备注", level="black")
    server_row = customer_data(
        "张三(服务器改名)", id=s["zhangsan"], phone="13800001234", member_no="M0001", level="gold"
    )
    changed = cache.apply_pull_page([change("customer", server_row)], "c2")
    assert "customer" in changed
    card = svc.get(s["zhangsan"])
    assert card.name == "张三(服务器改名)"  # the server's other fields arrive
    assert card.notes == "本地备注" and card.level == "black"  # our pending edit stays on top
    assert card.pending


def test_pending_tag_add_survives_a_pulled_tombstone_of_the_link(seeded):
    cache, s = seeded
    svc = CustomerService(cache, G1)
    svc.remove_tag(s["zhangsan"], "t-yoga")
    svc.add_tag(s["zhangsan"], "t-run")
    from guide_core.protocol import customer_tag_id

    link = customer_tag_id(s["zhangsan"], "t-run")
    cache.apply_pull_page([change("customer_tag", None, id=link, deleted=True)], "c2")
    tags = {t.id for t in svc.get(s["zhangsan"]).tags}
    assert "t-run" in tags and "t-yoga" not in tags


def test_reset_for_resync_keeps_outbox_attention_and_local_creates(seeded):
    cache, s = seeded
    svc = CustomerService(cache, G1)
    new_id = svc.create(name="新客户")
    svc.update(s["zhangsan"], notes="x")
    before = cache.outbox.count()
    with cache.write() as conn:
        conn.exec_driver_sql(
            "INSERT INTO attention (mutation_id, entity, op, entity_id, fields, reason, created_at)"
            " VALUES ('m', 'customer', 'update', 'c', '{}', 'forbidden', 'now')"
        )
    cache.reset_for_resync()
    assert cache.cursor() is None
    assert cache.outbox.count() == before and cache.attention.count() == 1
    assert svc.count(CustomerQuery(mine_only=False)) == 1
    assert svc.get(new_id).name == "新客户"
    assert _names(cache, "新客户") == ["新客户"]
    assert _names(cache, "张三") == []  # FTS emptied with the rows
    # the full pull brings rows back and the pending update lands on top again
    from .conftest import seed_changes

    rows, _ = seed_changes()
    cache.apply_pull_page(rows, "c-new")
    assert _names(cache, "张三") == ["张三"]


def _kinds(cache, text):
    return {g.kind: [h.title for h in g.hits] for g in search(cache, G1, text).groups}


def _triggers(cache) -> set[str]:
    with cache.read() as conn:
        return {
            r[0]
            for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }


def _indexes(cache) -> set[str]:
    with cache.read() as conn:
        return {
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            )
        }


def test_first_multi_page_pull_fills_fts_in_bulk_and_rebuilds_at_the_end(cache):
    from guide_app.cache.tables import BULK_FILL_INDEXES

    from .conftest import seed_changes

    rows, _ = seed_changes()
    before, indexes = _triggers(cache), _indexes(cache)
    bulk = {i.name for i in BULK_FILL_INDEXES}
    assert "orders_fts_ai" in before and bulk < indexes
    half = len(rows) // 2
    cache.apply_pull_page(rows[:half], "c1", more=True)
    assert cache.meta_get("bulk_fill") == "1"
    assert not {t for t in _triggers(cache) if "_fts_" in t}  # row-by-row FTS upkeep is off
    assert _indexes(cache) == indexes - bulk  # and so is the upkeep of the big indexes
    assert "ix_customer_search_keys_customer_id" in _indexes(cache)  # needed while filling
    cache.apply_pull_page(rows[half:], "c2", more=False)
    assert cache.meta_get("bulk_fill") is None
    assert _triggers(cache) == before and _indexes(cache) == indexes
    with cache.read() as conn:  # the indexes are complete: the planner uses them and finds
        plan = conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM orders WHERE channel_order_no = 'TM20261101001'"
        ).fetchall()
        found = conn.exec_driver_sql(
            "SELECT id FROM orders WHERE channel_order_no = 'TM20261101001'"
        ).fetchall()
    assert "ix_orders_channel_order_no" in str(plan) and found == [("o-1",)]
    # every FTS index was rebuilt from its table: item names, script bodies, material text
    assert _kinds(cache, "羊绒围")["order"]
    assert _kinds(cache, "生日快乐")["script"] == ["生日祝福"]
    assert _kinds(cache, "全场满减")["material"] == ["双十二海报"]
    # from now on the triggers keep FTS in step again, row by row
    order = next(r for r in rows if r.entity == "order")
    renamed = {**order.data, "items": [{**order.data["items"][0], "name": "真丝衬衫"}]}
    cache.apply_pull_page([change("order", renamed)], "c3", more=False)
    assert _kinds(cache, "真丝衬")["order"] and "order" not in _kinds(cache, "羊绒围")


def test_bulk_fill_cut_off_goes_on_after_reopen(tmp_path):
    from guide_app.cache.database import open_cache

    from .conftest import seed_changes

    rows, _ = seed_changes()
    path = tmp_path / "c.db"
    cache = open_cache(path)
    cache.apply_pull_page(rows[:3], "c1", more=True)
    cache.close()
    cache = open_cache(path)  # opening recreates the triggers ...
    cache.apply_pull_page(rows[3:-1], "c2", more=True)
    assert cache.meta_get("bulk_fill") == "1"  # ... the fill drops them again and goes on
    assert not {t for t in _triggers(cache) if "_fts_" in t}
    assert "ix_orders_channel_order_no" not in _indexes(cache)  # reopening did not bring it
    cache.apply_pull_page(rows[-1:], "c3", more=False)
    assert cache.meta_get("bulk_fill") is None
    assert _kinds(cache, "羊绒围")["order"]
    assert "ix_orders_channel_order_no" in _indexes(cache)
    cache.close()


def test_later_pulls_and_single_page_fills_keep_the_triggers(cache):
    from .conftest import seed_changes

    rows, _ = seed_changes()
    cache.apply_pull_page(rows, "c1", more=False)  # one page: no bulk mode
    assert cache.meta_get("bulk_fill") is None
    cache.apply_pull_page(rows[:2], "c2", more=True)  # a cursor exists: incremental
    assert cache.meta_get("bulk_fill") is None and "orders_fts_ai" in _triggers(cache)


def test_resync_during_a_bulk_fill_starts_over_cleanly(cache):
    from .conftest import seed_changes

    rows, _ = seed_changes()
    cache.apply_pull_page(rows[:3], "c1", more=True)
    cache.reset_for_resync()
    assert cache.meta_get("bulk_fill") is None and "orders_fts_ai" in _triggers(cache)
    assert "ix_customers_pinyin" in _indexes(cache)
    cache.apply_pull_page(rows, "c2", more=False)
    assert _kinds(cache, "羊绒围")["order"]


def test_stored_row_json_is_complete_whether_or_not_the_server_sent_every_field(cache):
    import orjson

    from guide_app.cache.rows import read_row
    from guide_core.protocol import CustomerData

    partial = customer_data("王五", id="c-partial")
    full = CustomerData.model_validate(customer_data("赵六", id="c-full")).model_dump(mode="json")
    assert set(full) > set(partial)  # the helper leaves out fields that have defaults
    cache.apply_pull_page([change("customer", partial), change("customer", full)], "c1")
    with cache.read() as conn:
        _, stored_partial = read_row(conn, "customer", "c-partial")
        _, stored_full = read_row(conn, "customer", "c-full")
        raw_full = conn.exec_driver_sql("SELECT data FROM customers WHERE id = 'c-full'").scalar()
    assert set(stored_partial) == set(full)  # defaults written out
    assert CustomerData.model_validate(stored_partial) == CustomerData.model_validate(partial)
    assert orjson.loads(raw_full) == full and isinstance(raw_full, str)  # text, not a blob


def test_only_bulk_fill_pages_skip_waiting_for_the_disk(cache):
    from guide_app.cache.sync_state import _filling

    from .conftest import seed_changes

    def level(**kw):
        with cache.write(**kw) as conn:
            return (
                conn.exec_driver_sql("PRAGMA synchronous").scalar(),
                conn.exec_driver_sql("PRAGMA cache_size").scalar(),
            )

    from guide_app.cache.database import BULK_CACHE_KIB, CACHE_KIB

    # NORMAL and a big page cache for that one, FULL and the default again after
    assert level(bulk=True) == (1, -BULK_CACHE_KIB) and level() == (2, -CACHE_KIB)
    assert _filling(cache)  # empty cache: a multi-page pull would be a fill
    rows, _ = seed_changes()
    cache.apply_pull_page(rows[:3], "c1", more=True)
    assert _filling(cache)
    cache.apply_pull_page(rows[3:], "c2", more=False)
    assert not _filling(cache)  # caught up: later pages are durable again
    assert level() == (2, -CACHE_KIB)
