"""Pulling: scopes, per-reader visibility, phone masking, paging, row shapes."""

from __future__ import annotations

import time

from guide_core.protocol import ENTITY_DATA
from guide_server.db import Database
from guide_server.models import Material
from guide_server.reader import GLOBAL
from guide_server.sync.versions import touch
from tests.server.api import Api, of

STORE_ENTITIES = ("customer", "customer_tag", "follow_up", "order", "assignment", "item_check")


def test_guide_sees_only_own_store_and_hq_no_store_data(live_server):
    g1 = Api(live_server, "s001-g1")
    other = Api(live_server, "s002-g1")
    hq = Api(live_server, "hq")
    mine, _ = g1.state()
    theirs, _ = other.state()
    hq_held, _ = hq.state()
    own_store = g1.user["store_id"]
    for entity in STORE_ENTITIES:
        rows = of(mine, entity)
        assert all(r["store_id"] == own_store for r in rows), entity
        assert not of(hq_held, entity), entity  # HQ reads store data online (issue 9)
    assert of(mine, "customer") and of(theirs, "customer")
    mine_ids = {k for k in mine if k[0] in STORE_ENTITIES}
    theirs_ids = {k for k in theirs if k[0] in STORE_ENTITIES}
    assert not mine_ids & theirs_ids
    users = of(mine, "user")
    assert all(u["store_id"] in (own_store, None) for u in users)
    # HQ holds every store's accounts (its ``staff`` scope)
    assert {u["id"] for u in of(hq_held, "user")} >= {
        u["id"] for u in of(mine, "user") + of(theirs, "user")
    }
    assert len(of(mine, "store")) == 2  # stores are global


def test_every_pulled_row_fits_the_wire_model(live_server):
    held, _ = Api(live_server, "hq").state()
    held.update(Api(live_server, "s001-mgr").state()[0])  # store rows: HQ pulls none
    assert {e for e, _ in held} >= {"store", "user", "customer", "order", "task", "material"}
    for (entity, _), data in held.items():
        model = ENTITY_DATA[entity]
        model.model_validate(data)
        assert set(data) == set(model.model_fields), entity


def test_phone_is_whole_for_owner_and_supervisor_masked_for_colleague(live_server):
    g1 = Api(live_server, "s001-g1")
    g2 = Api(live_server, "s001-g2")
    mgr = Api(live_server, "s001-mgr")
    by_g1 = {d["id"]: d for d in of(g1.state()[0], "customer")}
    by_g2 = {d["id"]: d for d in of(g2.state()[0], "customer")}
    by_mgr = {d["id"]: d for d in of(mgr.state()[0], "customer")}
    owned = [c for c in by_g1.values() if c["owner_id"] == g1.user["id"] and c["phone"]]
    assert owned
    for c in owned:
        assert not c["phone_masked"] and len(c["phone"]) == 11 and "*" not in c["phone"]
        seen_by_g2 = by_g2[c["id"]]
        assert seen_by_g2["phone_masked"] and "****" in seen_by_g2["phone"]
        assert seen_by_g2["phone"][-4:] == c["phone"][-4:]
        assert by_mgr[c["id"]]["phone"] == c["phone"]


def test_paging_gives_the_same_rows_as_one_big_page(live_server):
    api = Api(live_server, "s001-g1")
    small, cursor_small = api.pull_all(limit=7)
    big, _ = api.pull_all(limit=5000)
    assert len(small) > 7
    assert {(c["entity"], c["id"]) for c in small} == {(c["entity"], c["id"]) for c in big}
    again = api.http.get("/sync/pull", params={"cursor": cursor_small}).json()
    assert again["changes"] == [] and again["has_more"] is False


def _expected_material_ids(held_by_hq, reader_region, reader_store, role):
    out = set()
    for m in of(held_by_hq, "material"):
        v = m["visibility"]
        if v["region_ids"] and reader_region not in v["region_ids"]:
            continue
        if v["store_ids"] and reader_store not in v["store_ids"]:
            continue
        if v["roles"] and role not in v["roles"]:
            continue
        out.add(m["id"])
    return out


def test_global_rows_follow_per_reader_visibility(live_server):
    hq_held, _ = Api(live_server, "hq").state()
    g1 = Api(live_server, "s001-g1")
    held, cursor = g1.state()
    store = next(s for s in of(hq_held, "store") if s["id"] == g1.user["store_id"])
    expected = _expected_material_ids(hq_held, store["region_id"], store["id"], "guide")
    assert {m["id"] for m in of(held, "material")} == expected
    tasks = of(held, "task")
    assert all(
        not t["store_ids"] or store["id"] in t["store_ids"] for t in tasks if t["scope"] == "hq"
    )

    # HQ narrows a material the guide already holds to another store: the
    # guide's next pull carries a tombstone for it.
    victim = sorted(expected)[0]
    db = Database(live_server.database_url)
    with db.write() as s:
        s.get(Material, victim).visibility = {"store_ids": ["somewhere-else"]}
        touch(s, "material", victim, GLOBAL)
    db.dispose()
    time.sleep(0.3)  # the server re-reads scope counters every 0.1 s
    changes, _ = g1.pull_all(cursor)
    assert [(c["id"], c["deleted"], c["data"]) for c in changes] == [(victim, True, None)]
    # a first pull of the same guide does not mention it at all
    fresh, _ = Api(live_server, "s001-g2").pull_all()
    assert not [c for c in fresh if c["id"] == victim]
