"""``/orders/lookup`` and the match decisions over HTTP: who finds which order, the
other store's mark and masked phone, confirm / reject / choose another customer (the
order's new version and the customer's figures). SQLite and PostgreSQL.

The router is not in ``guide_server.app`` yet: the app is built as the server builds it
(``create_app``) with the router included the same way, and driven in-process.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from guide_core.protocol import API_PREFIX, PROTOCOL_HEADER
from guide_server.api.openapi import EVERY_OPERATION
from guide_server.api.routes import orders_lookup
from guide_server.app import create_app
from guide_server.config import Settings
from guide_server.db import Database
from guide_server.models import Customer, Order, User
from guide_server.models.orders import OrderMatchSuggestion
from guide_server.sync.versions import current_version
from tests.server import order_lookup_seed as seed

URL = f"{API_PREFIX}/orders"


@pytest.fixture
def client(demo_template, tmp_path):
    url, data_dir = demo_template.fresh_copy(tmp_path)
    app = create_app(Settings(database_url=url, data_dir=data_dir))
    app.include_router(orders_lookup.router, prefix=API_PREFIX, responses=EVERY_OPERATION)
    with TestClient(app, headers={PROTOCOL_HEADER: "1"}) as c:
        c.db = Database(url)
        yield c
        c.db.dispose()


def _token(client, username: str) -> dict:
    r = client.post(
        f"{API_PREFIX}/auth/login",
        json={"username": username, "password": "demo1234", "device_id": "t"},
    )
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def _lookup(client, who, **params):
    r = client.get(f"{URL}/lookup", params=params, headers=who)
    assert r.status_code == 200, r.text
    return r.json()


def _nos(page) -> set[str]:
    return {i["order"]["channel_order_no"] for i in page["items"]}


def test_own_store_any_query_other_store_only_exact(client):
    db = client.db
    own = seed.a_customer(db, "S001")
    other = seed.a_customer(db, "S002")
    old = datetime.now(UTC) - timedelta(days=365 * 3)
    seed.add_order(db, "S001", "LK-OWN-OLD", customer_id=own.id, paid_at=old, member_no="M-77")
    seed.add_order(
        db,
        "S002",
        "LK-OTHER-1",
        customer_id=other.id,
        buyer_phone=other.phone,
        buyer_name="外店买家",
        logistics_company="顺丰速运",
    )
    g1 = _token(client, "s001-g1")
    # own store: by the tail of the customer's phone, by member no., by name
    assert "LK-OWN-OLD" in _nos(_lookup(client, g1, q=own.phone[-4:]))
    assert _nos(_lookup(client, g1, q="M-77")) == {"LK-OWN-OLD"}
    assert "LK-OWN-OLD" in _nos(_lookup(client, g1, q=own.name))
    # another store's order: not by tail or name ...
    assert "LK-OTHER-1" not in _nos(_lookup(client, g1, q=other.phone[-4:]))
    assert "LK-OTHER-1" not in _nos(_lookup(client, g1, q="外店买家"))
    # ... but by exact order no. and whole phone, marked, phone masked, no customer
    for q in ("LK-OTHER-1", other.phone):
        page = _lookup(client, g1, q=q)
        (row,) = [i for i in page["items"] if i["order"]["channel_order_no"] == "LK-OTHER-1"]
        assert row["other_store"] is True
        assert row["buyer_phone"] == f"{other.phone[:3]}****{other.phone[-4:]}"
        assert row["order"]["customer_id"] is None and row["customer_name"] == ""
        assert row["logistics_company"] == "顺丰速运"
    # a prefix of another store's order no. is not enough
    assert "LK-OTHER-1" not in _nos(_lookup(client, g1, q="LK-OTHER"))
    # own store: the buyer's whole phone as the customer's (owner guide, supervisor);
    # a colleague's customer's order shows it masked
    colleague = seed.a_customer(db, "S001", skip=1)
    seed.add_order(db, "S001", "LK-OWN-2", customer_id=colleague.id, buyer_phone=colleague.phone)
    with db.read() as s:
        owner = s.scalar(select(User.username).where(User.id == colleague.owner_id))
    masked = f"{colleague.phone[:3]}****{colleague.phone[-4:]}"
    for who, phone in ((owner, colleague.phone), ("s001-mgr", colleague.phone)):
        (row,) = _lookup(client, _token(client, who), q="LK-OWN-2")["items"]
        assert row["buyer_phone"] == phone and row["other_store"] is False
    other_guide = "s001-g2" if owner == "s001-g1" else "s001-g1"
    (row,) = _lookup(client, _token(client, other_guide), q="LK-OWN-2")["items"]
    assert row["buyer_phone"] == masked
    # HQ: anything, whole phone, not marked
    hq = _token(client, "hq")
    page = _lookup(client, hq, q=other.phone[-4:])
    (row,) = [i for i in page["items"] if i["order"]["channel_order_no"] == "LK-OTHER-1"]
    assert row["other_store"] is False and row["buyer_phone"] == other.phone
    assert row["order"]["customer_id"] == other.id


def test_filters_and_paging(client):
    db = client.db
    c = seed.a_customer(db, "S001")
    day = datetime(2021, 3, 10, 4, 0, tzinfo=UTC)
    for i in range(5):
        seed.add_order(
            db, "S001", f"LK-F-{i}", customer_id=c.id, paid_at=day + timedelta(days=i),
            channel="jd" if i % 2 else "pos", status="refunded" if i == 4 else "finished",
        )  # fmt: skip
    g1 = _token(client, "s001-g1")
    got = _lookup(client, g1, q="LK-F", channel="jd")
    assert _nos(got) == {"LK-F-1", "LK-F-3"}
    got = _lookup(client, g1, q="LK-F", status="refunded")
    assert _nos(got) == {"LK-F-4"}
    got = _lookup(client, g1, q="LK-F", date_from="2021-03-11", date_to="2021-03-12")
    assert _nos(got) == {"LK-F-1", "LK-F-2"}
    first = _lookup(client, g1, q="LK-F", limit=2)
    second = _lookup(client, g1, q="LK-F", limit=2, offset=2)
    assert first["total"] == 5 and [i["order"]["channel_order_no"] for i in first["items"]] == [
        "LK-F-4",
        "LK-F-3",
    ]
    assert [i["order"]["channel_order_no"] for i in second["items"]] == ["LK-F-2", "LK-F-1"]
    edges = {"date_from": "2000-01-01", "date_to": "2099-12-31", "q": "LK-F"}
    assert _lookup(client, g1, **edges)["total"] == 5
    for far in ({"date_from": "0001-01-01"}, {"date_to": "9999-12-31"}):
        assert _lookup(client, g1, q="LK-F", **far)["total"] == 5  # bounds nothing
    r = client.get(f"{URL}/lookup", params={"q": "LK-F", "date_to": "0"}, headers=g1)
    assert r.status_code == 422 and "date_to" in r.text, r.text
    r = client.get(f"{URL}/lookup", params={"limit": 500}, headers=g1)
    assert r.status_code == 422
    r = client.get(f"{URL}/lookup", params={"channel": "taobao"}, headers=g1)
    assert r.status_code == 422
    assert client.get(f"{URL}/lookup").status_code == 401


def _pending_order(db, code="S001", no="LK-SUG-1"):
    c = seed.a_customer(db, code)
    oid = seed.add_order(db, code, no, buyer_name=c.name, buyer_phone="138****0000")
    sid = seed.add_suggestion(db, oid, c.id, "手机号后4位和姓名相同")
    return oid, sid, c


def test_suggestions_who_may_see_and_decide(client):
    db = client.db
    oid, sid, c = _pending_order(db)
    mgr = _token(client, "s001-mgr")
    page = client.get(f"{URL}/suggestions", headers=mgr).json()
    (row,) = [i for i in page["items"] if i["id"] == sid]
    assert row["customer_id"] == c.id and row["reason"] == "手机号后4位和姓名相同"
    assert row["order"]["channel_order_no"] == "LK-SUG-1"
    for who in ("s001-g1", "s002-mgr"):
        t = _token(client, who)
        assert client.get(f"{URL}/suggestions", headers=t).status_code in (200, 403)
        assert client.post(f"{URL}/suggestions/{sid}/confirm", headers=t).status_code in (403, 404)
    assert client.get(f"{URL}/suggestions", headers=_token(client, "s001-g1")).status_code == 403
    other = client.get(
        f"{URL}/suggestions", params={"store_id": seed.store_id(db, "S001")},
        headers=_token(client, "s002-mgr"),
    )  # fmt: skip
    assert other.status_code == 403
    with db.read() as s:
        assert s.get(Order, oid).customer_id is None


def test_confirm_links_order_new_version_and_figures(client):
    db = client.db
    oid, sid, c = _pending_order(db)
    with db.read() as s:
        before_version = current_version(s, "order", oid)[0]
        before_count = s.get(Customer, c.id).order_count
    mgr = _token(client, "s001-mgr")
    r = client.post(f"{URL}/suggestions/{sid}/confirm", headers=mgr)
    assert r.status_code == 200, r.text
    assert r.json()["outcome"] == "confirmed" and r.json()["order"]["customer_id"] == c.id
    with db.read() as s:
        assert s.get(Order, oid).customer_id == c.id
        assert current_version(s, "order", oid)[0] > before_version
        assert s.get(Customer, c.id).order_count == before_count + 1
        assert s.get(OrderMatchSuggestion, sid).status == "confirmed"
    again = client.post(f"{URL}/suggestions/{sid}/confirm", headers=mgr)
    assert again.status_code == 409
    page = client.get(f"{URL}/suggestions", headers=mgr).json()
    assert sid not in {i["id"] for i in page["items"]}


def test_reject_and_choose_another_customer(client):
    db = client.db
    oid, sid, c = _pending_order(db)
    mgr = _token(client, "s001-mgr")
    r = client.post(f"{URL}/suggestions/{sid}/reject", headers=mgr)
    assert r.status_code == 200 and r.json()["outcome"] == "rejected"
    with db.read() as s:
        assert s.get(Order, oid).customer_id is None
        assert (
            s.scalar(select(OrderMatchSuggestion.status).where(OrderMatchSuggestion.id == sid))
            == "rejected"
        )
    chosen = seed.a_customer(db, "S001", skip=1)
    r = client.post(f"{URL}/{oid}/customer", json={"customer_id": chosen.id}, headers=mgr)
    assert r.status_code == 200, r.text
    assert r.json()["outcome"] == "chosen"
    with db.read() as s:
        assert s.get(Order, oid).customer_id == chosen.id
    # a customer of another store cannot be chosen; a guide may not choose
    stranger = seed.a_customer(db, "S002")
    r = client.post(f"{URL}/{oid}/customer", json={"customer_id": stranger.id}, headers=mgr)
    assert r.status_code == 422 and "门店" in r.json()["detail"]
    g1 = _token(client, "s001-g1")
    r = client.post(f"{URL}/{oid}/customer", json={"customer_id": c.id}, headers=g1)
    assert r.status_code == 403
    hq = _token(client, "hq")
    r = client.post(f"{URL}/{oid}/customer", json={"customer_id": c.id}, headers=hq)
    assert r.status_code == 200
    r = client.post(f"{URL}/no-such/customer", json={"customer_id": c.id}, headers=hq)
    assert r.status_code == 404


def test_other_methods_answer_405_with_allow(client):
    hq = _token(client, "hq")
    r = client.delete(f"{URL}/lookup", headers=hq)
    assert r.status_code == 405 and r.headers["allow"] == "GET"
    r = client.get(f"{URL}/suggestions/x/confirm", headers=hq)
    assert r.status_code == 405 and r.headers["allow"] == "POST"
    r = client.put(f"{URL}/some-order/customer", headers=hq)
    assert r.status_code == 405 and r.headers["allow"] == "POST"
    assert "不支持 PUT" in r.json()["detail"]
