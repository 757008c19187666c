"""An order change recomputes the figures of the customers it touches, with version bumps.

In-process on a fresh copy of the seeded chain (SQLite and PostgreSQL), and once
through a real server pull: a guide of the store sees the new figures and the order.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from guide_server.db import Database
from guide_server.models import Customer, User
from guide_server.services.orders import save_orders
from guide_server.sync.versions import current_version
from tests.server.api import Api

PAID_AT = datetime(2099, 1, 2, 3, 4, 5, tzinfo=UTC)  # later than any seeded order


@pytest.fixture
def db(demo_template, tmp_path):
    url, _ = demo_template.fresh_copy(tmp_path)
    database = Database(url)
    yield database
    database.dispose()


def _store_and_customers(db: Database) -> tuple[str, str, str]:
    """The store of s001-g1 and two of its customers."""
    with db.read() as s:
        store_id = s.scalar(select(User.store_id).where(User.username == "s001-g1"))
        ids = s.scalars(
            select(Customer.id).where(Customer.store_id == store_id).order_by(Customer.id).limit(2)
        ).all()
    return store_id, ids[0], ids[1]


def _figures(db: Database, customer_id: str) -> tuple:
    with db.read() as s:
        c = s.get(Customer, customer_id)
        return (c.order_count, c.total_spent_cents, c.first_purchase_at, c.last_purchase_at)


def _version(db: Database, entity: str, entity_id: str) -> int:
    with db.read() as s:
        found = current_version(s, entity, entity_id)
    return found[0] if found else 0


def _order(store_id: str, customer_id: str | None, **kw) -> dict:
    order = {
        "id": str(uuid.uuid4()),
        "channel": "pos",
        "channel_order_no": "T-" + uuid.uuid4().hex[:12],
        "store_id": store_id,
        "customer_id": customer_id,
        "status": "paid",
        "amount_cents": 123_456,
        "items": [{"sku": "SKU-1", "name": "测试商品", "qty": 1, "price_cents": 123_456}],
        "paid_at": PAID_AT,
    }
    order.update(kw)
    return order


def _save(db: Database, *orders: dict):
    with db.write() as s:
        return save_orders(s, list(orders))


def test_new_paid_order_then_refund_recomputes_and_bumps(db):
    store_id, c, _ = _store_and_customers(db)
    count, total, first, last = before = _figures(db, c)
    v0 = _version(db, "customer", c)

    order = _order(store_id, c)
    result = _save(db, order)
    assert result.created == [order["id"]] and result.customers_changed == [c]
    assert _figures(db, c) == (count + 1, total + 123_456, first or PAID_AT, PAID_AT)
    v1 = _version(db, "customer", c)
    assert v1 > v0
    assert _version(db, "order", order["id"]) > 0

    refunded = dict(order, status="refunded")
    result = _save(db, refunded)
    assert result.updated == [order["id"]]
    assert _figures(db, c) == before
    assert _version(db, "customer", c) > v1


def test_moving_an_order_recomputes_both_customers(db):
    store_id, c, d = _store_and_customers(db)
    c_before, d_before = _figures(db, c), _figures(db, d)
    order = _order(store_id, c)
    _save(db, order)
    vc, vd = _version(db, "customer", c), _version(db, "customer", d)

    # The import sends the order again under its channel number; its id is the stored one.
    moved = dict(order, id=str(uuid.uuid4()), customer_id=d)
    result = _save(db, moved)
    assert result.updated == [order["id"]]
    assert sorted(result.customers_changed) == sorted([c, d])
    assert _figures(db, c) == c_before
    assert _figures(db, d)[:2] == (d_before[0] + 1, d_before[1] + 123_456)
    assert _version(db, "customer", c) > vc and _version(db, "customer", d) > vd


def test_resaving_the_same_order_bumps_nothing(db):
    store_id, c, _ = _store_and_customers(db)
    order = _order(store_id, c)
    _save(db, order)
    vo, vc = _version(db, "order", order["id"]), _version(db, "customer", c)

    result = _save(db, dict(order))
    assert result.unchanged == [order["id"]] and not result.customers_changed
    assert (_version(db, "order", order["id"]), _version(db, "customer", c)) == (vo, vc)


def test_an_order_without_customer_touches_no_customer(db):
    store_id, c, _ = _store_and_customers(db)
    vc = _version(db, "customer", c)
    order = _order(store_id, None)
    result = _save(db, order)
    assert result.created == [order["id"]] and not result.customers_changed
    assert _version(db, "order", order["id"]) > 0
    assert _version(db, "customer", c) == vc


def test_a_cancelled_order_changes_no_figure(db):
    store_id, c, _ = _store_and_customers(db)
    before, vc = _figures(db, c), _version(db, "customer", c)
    result = _save(db, _order(store_id, c, status="cancelled"))
    assert not result.customers_changed
    assert (_figures(db, c), _version(db, "customer", c)) == (before, vc)


def test_a_guide_pulls_the_new_figures_and_the_order(server_factory):
    # The write happens outside the server process, so its scope-counter cache (reused for
    # up to 0.1 s) is switched off rather than waited out.
    server = server_factory(env={"GUIDE_SERVER_COUNTER_CACHE_SECONDS": "0"})
    db = Database(server.database_url)
    try:
        store_id, c, _ = _store_and_customers(db)
        api = Api(server, "s001-g1")
        held, cursor = api.state()
        old = held[("customer", c)]

        order = _order(store_id, c)
        _save(db, order)
        changes, _ = api.pull_all(cursor)
    finally:
        db.dispose()
    got = {(ch["entity"], ch["id"]): ch["data"] for ch in changes}
    assert got[("order", order["id"])]["amount_cents"] == 123_456
    new = got[("customer", c)]
    assert new["order_count"] == old["order_count"] + 1
    assert new["total_spent_cents"] == old["total_spent_cents"] + 123_456
    assert datetime.fromisoformat(new["last_purchase_at"]) == PAID_AT


def test_resending_a_seeded_order_unchanged_bumps_nothing(db):
    from guide_core.protocol import OrderData
    from guide_server.models import Order

    with db.read() as s:
        seeded = s.scalars(select(Order).where(Order.customer_id.is_not(None)).limit(1)).one()
        data = OrderData.model_validate(
            {n: getattr(seeded, n) for n in OrderData.model_fields}
        ).model_dump()
    vo, vc = _version(db, "order", seeded.id), _version(db, "customer", seeded.customer_id)
    result = _save(db, data)
    assert result.unchanged == [seeded.id] and not result.customers_changed
    assert (_version(db, "order", seeded.id), _version(db, "customer", seeded.customer_id)) == (
        vo,
        vc,
    )


def test_targeted_recompute_agrees_with_the_bulk_load(db):
    from guide_server.customer_figures import refresh_customer_figures

    store_id, _, _ = _store_and_customers(db)
    with db.write() as s:
        ids = s.scalars(select(Customer.id).where(Customer.store_id == store_id)).all()
        assert refresh_customer_figures(s, ids) == []
