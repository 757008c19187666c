"""HQ reads store data online, not by pull (issue 9 §2), on SQLite and PostgreSQL.

HQ's pull holds ``global``, every store's accounts (the ``staff`` scope, walked by the
chain-wide ``sync_row.staff_version``) and its own personal rows: no store's customers,
orders or tasks, and a cursor of three scopes however many stores there are. A cursor
naming a scope the reader no longer pulls (an HQ cache from before) answers ``409
resync``, so the client drops those rows. ``/admin/customers`` searches customers of
every store (paged) and gives one card, for HQ only.
"""

from __future__ import annotations

from collections import Counter

import httpx
import pytest
from sqlalchemy import select, text

from guide_server.db import Database
from guide_server.models import Customer, ScopeCounter, Store, SyncRow, User
from guide_server.sync.cursor import CursorState, encode_cursor
from tests.server.api import API, Api

CUSTOMERS = "/admin/customers"
STORE_ENTITIES = {"customer", "customer_tag", "follow_up", "order", "assignment", "item_check"}


@pytest.fixture(scope="module")
def server(db_kind, demo_template, tmp_path_factory):
    """One server per database kind for the tests that only read."""
    from tests.support.server import ServerProcess

    url, data_dir = demo_template.fresh_copy(tmp_path_factory.mktemp(f"hq-{db_kind}"))
    proc = ServerProcess(url, data_dir)
    proc.start()
    yield proc
    proc.stop()


@pytest.fixture(scope="module")
def truth(server):
    """What the database holds: customers, stores and accounts."""
    db = Database(server.database_url)
    try:
        with db.read() as s:
            stores = {st.id: st for st in s.scalars(select(Store))}
            return {
                "stores": stores,
                "store_by_code": {st.code: st.id for st in stores.values()},
                "customers": {c.id: c for c in s.scalars(select(Customer))},
                "users": {u.id: u for u in s.scalars(select(User))},
            }
    finally:
        db.dispose()


@pytest.fixture(scope="module")
def apis(server):
    """Signed in once per module. Idle connections are dropped after 1 s, well before the
    server's 5 s keep-alive ends: reusing one the server is closing at that very moment
    fails with "Server disconnected" (seen once under load between two tests)."""
    made = {name: Api(server, name) for name in ("hq", "s001-g1", "s001-mgr")}
    for api in made.values():
        api.http.close()
        api.http = httpx.Client(
            base_url=server.url + API,
            headers={"Authorization": f"Bearer {api.token}"},
            timeout=30,
            limits=httpx.Limits(keepalive_expiry=1.0),
        )
    return made


def _keys(server) -> tuple[str, bytes]:
    db = Database(server.database_url)
    try:
        with db.read() as s:
            meta = dict(s.execute(text("SELECT key, value FROM server_meta")).all())
        return meta["epoch"], bytes.fromhex(meta["cursor_secret"])
    finally:
        db.dispose()


# ------------------------------------------------------------------ pull


def test_hq_pull_holds_accounts_and_stores_but_no_store_data(apis, truth):
    held, cursor = apis["hq"].state()
    kinds = Counter(entity for entity, _ in held)
    assert not STORE_ENTITIES & set(kinds), kinds
    assert {i for e, i in held if e == "store"} == set(truth["stores"])
    assert {i for e, i in held if e == "user"} == set(truth["users"])  # every store's staff
    assert kinds["tag_group"] > 0 and kinds["script"] > 0  # global content as before
    # three scopes, whatever the number of stores (it named every store before)
    assert len(cursor) < 200, cursor


def test_guide_and_supervisor_pulls_keep_their_whole_store(apis, truth):
    s001 = truth["store_by_code"]["S001"]
    mine = {i for i, c in truth["customers"].items() if c.store_id == s001}
    for name in ("s001-g1", "s001-mgr"):
        held, _ = apis[name].state()
        assert {i for e, i in held if e == "customer"} == mine, name
        users = {i for e, i in held if e == "user"}
        assert users == {i for i, u in truth["users"].items() if u.store_id in (None, s001)}, (
            name
        )  # own store's staff and HQ, no other store's
        assert any(e == "order" for e, _ in held)


def test_an_hq_cursor_naming_stores_must_resync(server, apis, truth):
    """An HQ cache from before this change holds store rows: its cursor gets 409 resync."""
    epoch, secret = _keys(server)
    stores = {f"store:{s}": 3 for s in truth["stores"]}
    old = encode_cursor(CursorState(epoch, {"global": 5, **stores}), secret)
    r = apis["hq"].http.get("/sync/pull", params={"cursor": old})
    assert (r.status_code, r.json()["detail"]) == (409, "resync")

    # a guide's own cursor is fine; one naming another store (moved away) starts over
    s001, s002 = truth["store_by_code"]["S001"], truth["store_by_code"]["S002"]
    own = encode_cursor(CursorState(epoch, {"global": 1, f"store:{s001}": 1}), secret)
    assert apis["s001-g1"].http.get("/sync/pull", params={"cursor": own}).status_code == 200
    other = encode_cursor(CursorState(epoch, {"global": 1, f"store:{s002}": 1}), secret)
    r = apis["s001-g1"].http.get("/sync/pull", params={"cursor": other})
    assert (r.status_code, r.json()["detail"]) == (409, "resync")


def test_a_new_account_of_a_store_reaches_hq_by_pull(live_server):
    hq = Api(live_server, "hq")
    before, cursor = hq.state()
    db = Database(live_server.database_url)
    try:
        with db.read() as s:
            s002 = s.scalars(select(Store.id).where(Store.code == "S002")).one()
    finally:
        db.dispose()
    r = hq.http.post(
        "/admin/users",
        json={"username": "s002-new", "role": "guide", "store_id": s002, "password": "secret99"},
    )
    assert r.status_code == 201, r.text
    new_id = r.json()["id"]
    changes, cursor2 = hq.pull_all(cursor)
    assert [(c["entity"], c["id"]) for c in changes] == [("user", new_id)]
    assert changes[0]["data"]["store_id"] == s002
    assert hq.http.post(f"/admin/users/{new_id}/deactivate").status_code == 200
    changes, _ = hq.pull_all(cursor2)
    assert [(c["entity"], c["id"], c["data"]["active"]) for c in changes] == [
        ("user", new_id, False)
    ]
    assert changes[0]["version"] > 0
    # the guide of S001 does not see S002's staff, the colleague of S002 does
    assert ("user", new_id) not in Api(live_server, "s001-g1").state()[0]
    assert ("user", new_id) in Api(live_server, "s002-g1").state()[0]


def test_hq_push_results_carry_no_store_rows(live_server):
    """HQ still writes store data (customer.update), but its cache gets no store row back."""
    hq = Api(live_server, "hq")
    db = Database(live_server.database_url)
    try:
        with db.read() as s:
            customer = s.scalars(select(Customer).order_by(Customer.id).limit(1)).one()
    finally:
        db.dispose()
    result = hq.push_one("customer", "update", customer.id, {"notes": "总部备注"})
    assert result["status"] == "applied", result
    assert result["row"] is None
    card = hq.http.get(f"{CUSTOMERS}/{customer.id}").json()
    assert card["customer"]["customer"]["notes"] == "总部备注"


def test_migration_gives_existing_accounts_their_staff_places(db_kind, demo_template, tmp_path):
    """0004 on a database written before it: every store account gets a place, counter past."""
    from alembic import command

    from guide_server.migrate import alembic_config, upgrade

    url, _ = demo_template.fresh_copy(tmp_path)
    command.downgrade(alembic_config(url), "0003")
    upgrade(url)
    db = Database(url)
    try:
        with db.read() as s:
            places = dict(
                s.execute(
                    select(SyncRow.entity_id, SyncRow.staff_version).where(SyncRow.entity == "user")
                ).all()
            )
            homes = dict(s.execute(select(User.id, User.store_id)).all())
            top = s.scalar(select(ScopeCounter.v).where(ScopeCounter.scope == "staff"))
    finally:
        db.dispose()
    in_stores = [places[u] for u, store in homes.items() if store is not None]
    assert sorted(in_stores) == list(range(1, len(in_stores) + 1))
    assert all(places[u] is None for u, store in homes.items() if store is None)
    assert top == len(in_stores)


# ------------------------------------------------------------------ online customers


def _page(api: Api, **params) -> httpx.Response:
    return api.http.get(CUSTOMERS, params=params)


def test_hq_pages_through_customers_of_every_store(apis, truth):
    seen: list[str] = []
    offset = 0
    while True:
        r = _page(apis["hq"], limit=7, offset=offset)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["offset"] == offset and len(body["customers"]) <= 7
        seen += [row["customer"]["id"] for row in body["customers"]]
        if not body["has_more"]:
            break
        offset += 7
    assert sorted(seen) == sorted(truth["customers"]) and len(seen) == len(set(seen))
    names = [truth["customers"][i].name for i in seen]
    assert names == sorted(names)
    assert {truth["customers"][i].store_id for i in seen} == set(truth["stores"])


def test_hq_search_matches_name_phone_tail_member_no_and_store(apis, truth):
    zhang = next(c for c in truth["customers"].values() if c.name == "张三")
    got = _page(apis["hq"], q="张三").json()["customers"]
    assert [row["customer"]["id"] for row in got] == [zhang.id]
    row = got[0]
    assert row["customer"]["phone"] == zhang.phone and not row["customer"]["phone_masked"]
    assert row["store_code"] == "S001" and row["store_name"]
    assert row["owner_name"] == truth["users"][zhang.owner_id].display_name

    tail = _page(apis["hq"], q="1234").json()["customers"]
    assert zhang.id in [r["customer"]["id"] for r in tail]
    assert all(r["customer"]["phone"].endswith("1234") for r in tail)
    whole = _page(apis["hq"], q=zhang.phone[:3] + "-" + zhang.phone[3:]).json()["customers"]
    assert [r["customer"]["id"] for r in whole] == [zhang.id]

    member = next(c for c in truth["customers"].values() if c.member_no)
    got = _page(apis["hq"], q=member.member_no[:8].lower()).json()["customers"]
    assert member.id in [r["customer"]["id"] for r in got]
    assert all(r["customer"]["member_no"].startswith(member.member_no[:8]) for r in got)

    s002 = truth["store_by_code"]["S002"]
    got = _page(apis["hq"], store_id=s002, limit=100).json()["customers"]
    assert {r["customer"]["id"] for r in got} == {
        i for i, c in truth["customers"].items() if c.store_id == s002
    }
    assert _page(apis["hq"], q="没有这个人").json() == {
        "customers": [],
        "offset": 0,
        "has_more": False,
    }
    # a LIKE wildcard is taken literally
    assert _page(apis["hq"], q="%").json()["customers"] == []


def test_hq_opens_a_customer_card_of_another_store(apis, truth):
    s002 = truth["store_by_code"]["S002"]
    any_s002 = next(c for c in truth["customers"].values() if c.store_id == s002 and c.order_count)
    r = apis["hq"].http.get(f"{CUSTOMERS}/{any_s002.id}")
    assert r.status_code == 200, r.text
    card = r.json()
    assert card["customer"]["customer"]["id"] == any_s002.id
    assert card["customer"]["store_code"] == "S002"
    db_orders = card["orders"]
    assert 0 < len(db_orders) <= 20 and all(o["customer_id"] == any_s002.id for o in db_orders)
    paid = [o["paid_at"] for o in db_orders if o["paid_at"]]
    assert paid == sorted(paid, reverse=True)

    zhang = next(c for c in truth["customers"].values() if c.name == "张三")
    card = apis["hq"].http.get(f"{CUSTOMERS}/{zhang.id}").json()
    assert all(f["customer_id"] == zhang.id for f in card["follow_ups"])
    assert all(t["name"] and t["group_name"] for t in card["tags"])

    r = apis["hq"].http.get(f"{CUSTOMERS}/no-such-customer")
    assert r.status_code == 404 and "客户不存在" in r.json()["detail"]


@pytest.mark.parametrize("name", ["s001-g1", "s001-mgr"])
def test_guides_and_supervisors_are_refused(apis, truth, name):
    r = _page(apis[name])
    assert r.status_code == 403 and "仅总部" in r.json()["detail"], r.text
    own = next(iter(truth["customers"]))
    r = apis[name].http.get(f"{CUSTOMERS}/{own}")
    assert r.status_code == 403 and "仅总部" in r.json()["detail"]


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"limit": 0}, ["limit", "不小于 1"]),
        ({"limit": 101}, ["limit", "不大于 100"]),
        ({"offset": -1}, ["offset", "不小于 0"]),
        ({"offset": 10_001}, ["offset", "不大于 10000"]),
        ({"limit": "many"}, ["limit", "整数"]),
        ({"q": "张" * 65}, ["q", "最多64字"]),
        ({"q": "a\x00b"}, ["q", "控制字符"]),
        ({"store_id": ""}, ["store_id", "至少1字"]),
    ],
)
def test_bad_search_parameters_are_422_in_chinese(apis, params, words):
    r = _page(apis["hq"], **params)
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert all(w in detail for w in words), detail


def test_unknown_store_is_404(apis):
    r = _page(apis["hq"], store_id="no-such-store")
    assert r.status_code == 404 and "门店不存在" in r.json()["detail"]


def test_only_get_is_allowed(apis):
    r = apis["hq"].http.post(CUSTOMERS, json={})
    assert r.status_code == 405 and r.headers["allow"] == "GET"
    paths = httpx.get(f"{apis['hq'].server.url}/openapi.json").json()["paths"]
    assert set(paths[f"{API}{CUSTOMERS}"]) == {"get"}
    assert set(paths[f"{API}{CUSTOMERS}/{{customer_id}}"]) == {"get"}


def test_purged_account_tombstones_raise_the_staff_floor(live_server):
    """An account's tombstone purged from a store scope is gone from ``staff`` too: an HQ
    cursor from before it must resync (else HQ would keep the account for good)."""
    import time

    from guide_server.reader import store_scope
    from guide_server.sync.tombstones import purge_tombstones
    from guide_server.sync.versions import touch

    hq = Api(live_server, "hq")
    _, cursor = hq.state()
    db = Database(live_server.database_url)
    try:
        with db.write() as s:
            guide = s.scalars(select(User).where(User.username == "s002-g2")).one()
            touch(s, "user", guide.id, store_scope(guide.store_id), deleted=True)
        time.sleep(0.05)
        assert purge_tombstones(db, days=0) == 1
    finally:
        db.dispose()
    time.sleep(0.3)  # the server re-reads scope counters every 0.1 s
    r = hq.http.get("/sync/pull", params={"cursor": cursor})
    assert (r.status_code, r.json()["detail"]) == (409, "resync")
