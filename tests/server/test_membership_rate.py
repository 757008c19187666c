"""非会员入会率 (issue 12) on a small known dataset, SQLite and PostgreSQL, over HTTP:
counts per store and per owner guide, the Beijing-day bounds, who may ask."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from guide_server.models import Customer, Order, Store, User
from tests.server.settings_server import serve

PATH = "/admin/reports/membership-rate"
MARCH = {"date_from": "2031-03-01", "date_to": "2031-03-31"}


@pytest.fixture
def settings_server(demo_template, tmp_path):
    yield from serve(demo_template, tmp_path)


@pytest.fixture
def dataset(settings_server):
    """S001: 7 counted POS orders in March 2031 (4 with a member), S002: 1 without."""
    with settings_server.db.write() as s:
        stores = dict(s.execute(select(Store.code, Store.id)).all())
        users = dict(s.execute(select(User.username, User.id)).all())
        g1, g2 = users["s001-g1"], users["s001-g2"]

        def customer_of(owner):
            return s.scalar(
                select(Customer.id).where(Customer.owner_id == owner).order_by(Customer.id)
            )

        c1, c2 = customer_of(g1), customer_of(g2)

        def order(store, status, at, customer=None, member_no="", channel="pos"):
            s.add(
                Order(
                    id=str(uuid.uuid4()),
                    channel=channel,
                    channel_order_no=f"T{uuid.uuid4().hex[:12]}",
                    store_id=stores[store],
                    customer_id=customer,
                    status=status,
                    amount_cents=1000,
                    items=[],
                    paid_at=at,
                    member_no=member_no,
                )
            )

        mid = datetime(2031, 3, 15, 4, tzinfo=UTC)
        order("S001", "paid", mid, customer=c1)
        order("S001", "finished", mid, customer=c1)
        order("S001", "shipped", mid, customer=c2)
        order("S001", "paid", mid, member_no="M999")  # member no. on the ticket only
        order("S001", "paid", mid)
        order("S001", "finished", mid)
        order("S001", "paid", datetime(2031, 2, 28, 16, 30, tzinfo=UTC))  # 3-01 00:30 北京
        order("S001", "cancelled", mid)  # not a sale
        order("S001", "refunded", mid, customer=c1)  # not a sale
        order("S001", "paid", mid, channel="tmall")  # not POS
        order("S001", "paid", datetime(2031, 3, 31, 16, 30, tzinfo=UTC))  # 4-01 北京
        order("S002", "paid", mid)
    return stores, g1, g2


def _rows(rows, key="store_id"):
    return {r[key]: r for r in rows}


def test_rates_by_store_and_guide(settings_server, dataset):
    stores, g1, g2 = dataset
    r = settings_server.client("hq").get(PATH, params=MARCH)
    assert r.status_code == 200, r.text
    by_store = _rows(r.json()["stores"])
    s1 = by_store[stores["S001"]]
    assert (s1["pos_orders"], s1["member_orders"], s1["non_member_orders"]) == (7, 4, 3)
    assert s1["non_member_rate"] == round(3 / 7, 4) and s1["member_rate"] == round(4 / 7, 4)
    assert s1["store_code"] == "S001"
    s2 = by_store[stores["S002"]]
    assert (s2["pos_orders"], s2["non_member_rate"], s2["member_rate"]) == (1, 1.0, 0.0)

    guides = {(g["store_id"], g["guide_id"]): g for g in r.json()["guides"]}
    assert guides[(stores["S001"], g1)]["pos_orders"] == 2
    assert guides[(stores["S001"], g1)]["non_member_rate"] == 0.0
    assert guides[(stores["S001"], g2)]["member_orders"] == 1
    nobody = guides[(stores["S001"], None)]
    assert (nobody["pos_orders"], nobody["member_orders"], nobody["guide_name"]) == (4, 1, "未归属")

    one = settings_server.client("hq").get(PATH, params={**MARCH, "store_id": stores["S002"]})
    assert [x["store_id"] for x in one.json()["stores"]] == [stores["S002"]]

    # one day: only the ticket of Beijing 3-01 00:30
    day = settings_server.client("hq").get(
        PATH, params={"date_from": "2031-03-01", "date_to": "2031-03-01"}
    )
    assert [(x["pos_orders"], x["non_member_orders"]) for x in day.json()["stores"]] == [(1, 1)]

    empty = settings_server.client("hq").get(
        PATH,
        params={"date_from": "2031-05-01", "date_to": "2031-05-02", "store_id": stores["S001"]},
    )
    assert empty.json()["stores"][0]["non_member_rate"] is None


def test_who_may_ask(settings_server, dataset):
    stores, _, _ = dataset
    assert settings_server.client("s001-g1").get(PATH, params=MARCH).status_code == 403
    mgr = settings_server.client("s001-mgr")
    own = mgr.get(PATH, params=MARCH)
    assert own.status_code == 200
    assert [x["store_id"] for x in own.json()["stores"]] == [stores["S001"]]
    assert {g["store_id"] for g in own.json()["guides"]} == {stores["S001"]}
    assert mgr.get(PATH, params={**MARCH, "store_id": stores["S001"]}).status_code == 200
    assert mgr.get(PATH, params={**MARCH, "store_id": stores["S002"]}).status_code == 403
    bad = settings_server.client("hq").get(
        PATH, params={"date_from": "2031-03-02", "date_to": "2031-03-01"}
    )
    assert bad.status_code == 422 and "开始日期" in bad.json()["detail"]
    far = settings_server.client("hq").get(
        PATH, params={"date_from": "9999-12-30", "date_to": "9999-12-31"}
    )
    assert far.status_code == 422 and "2099-12-31" in far.json()["detail"]
