"""Imported orders and the customers' new figures reach the store's counter PCs by sync.

A real server on loopback over a copy of the demo chain; ``import-orders`` (the command's
implementation) writes into its database from this process, as an operator's command
line would; the store's guide then pulls. SQLite and PostgreSQL.
"""

from __future__ import annotations

import argparse
import time

from sqlalchemy import select

from guide_server import order_cli
from guide_server.db import Database
from guide_server.models import Customer, Store
from tests.server import order_samples as S
from tests.server.api import Api


def test_guide_pulls_imported_orders_and_figures(live_server, tmp_path):
    db = Database(live_server.database_url)
    try:
        with db.read() as s:
            store = s.scalar(select(Store.id).where(Store.code == "S001"))
            customer = s.scalars(
                select(Customer).where(Customer.store_id == store, Customer.phone != "").limit(1)
            ).one()
            count_before = customer.order_count
    finally:
        db.dispose()
    guide = Api(live_server, "s001-g1")
    _, cursor = guide.state()

    path = S.tmall_orders(
        tmp_path / "t.csv",
        [
            S.SampleOrder("SYNC-1", "交易成功", "520.00", phone=customer.phone, name=customer.name),
            S.SampleOrder("SYNC-2", "交易成功", "1.00", phone=""),
        ],
        masked=False,
    )
    parser = argparse.ArgumentParser()
    order_cli.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(
        ["import-orders", "--channel", "tmall", "--store", "S001",
         "--database-url", live_server.database_url, str(path)]
    )  # fmt: skip
    assert order_cli.run(args) == 0

    deadline = time.monotonic() + 10
    while True:  # another process wrote: this server sees it once its counter cache expires
        held, _ = guide.state(cursor)
        orders = {d["channel_order_no"]: d for (e, _), d in held.items() if e == "order"}
        if "SYNC-1" in orders or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert set(orders) >= {"SYNC-1", "SYNC-2"}
    assert orders["SYNC-1"]["customer_id"] == customer.id
    assert orders["SYNC-1"]["amount_cents"] == 52000 and orders["SYNC-1"]["status"] == "finished"
    pulled = held[("customer", customer.id)]
    assert pulled["order_count"] == count_before + 1
    assert "buyer_phone" not in orders["SYNC-1"]  # server-only columns stay on the server
