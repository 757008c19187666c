"""kill -9 in the middle of an order import, then the same import again: the database ends
exactly as after one uninterrupted import (no half order, no duplicate, same figures).

The import runs in a subprocess (the real engine, batches of 200 orders); it is killed
once some batches have committed and others have not. SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from guide_server.db import Database
from guide_server.models import Customer, Order, SyncRow
from guide_server.order_import import import_orders
from tests.server import order_samples as S

ROWS = 20_000
PREFIX = "7"  # big_tmall_csv numbers orders "<seed><12 digits>"
_RUN = """
import sys
from guide_server.db import Database
from guide_server.order_import import import_orders
db = Database(sys.argv[1])
import_orders(db, "tmall", [sys.argv[2]], store_code="S001", batch_orders=200)
"""


def _state(db: Database) -> tuple:
    with db.read() as s:
        orders = sorted(
            tuple(r)
            for r in s.execute(
                select(
                    Order.channel_order_no,
                    Order.status,
                    Order.amount_cents,
                    Order.customer_id,
                    Order.store_id,
                    Order.paid_at,
                    Order.logistics_no,
                ).where(Order.channel_order_no.like(f"{PREFIX}%"))
            )
        )
        ids = select(Order.id).where(Order.channel_order_no.like(f"{PREFIX}%"))
        index = s.scalar(
            select(func.count())
            .select_from(SyncRow)
            .where(SyncRow.entity == "order", SyncRow.entity_id.in_(ids))
        )
        figures = sorted(
            tuple(r)
            for r in s.execute(
                select(
                    Customer.id,
                    Customer.order_count,
                    Customer.total_spent_cents,
                    Customer.first_purchase_at,
                    Customer.last_purchase_at,
                )
            )
        )
    return orders, index, figures


def _imported(db: Database) -> int:
    try:
        with db.read() as s:
            return s.scalar(
                select(func.count())
                .select_from(Order)
                .where(Order.channel_order_no.like(f"{PREFIX}%"))
            )
    except OperationalError:  # SQLite: the writer holds the file for a moment
        return 0


def test_kill_mid_import_then_rerun_converges(demo_template, tmp_path):
    url_a, _ = demo_template.fresh_copy(tmp_path / "a")
    url_b, _ = demo_template.fresh_copy(tmp_path / "b")
    db_a, db_b = Database(url_a), Database(url_b)
    try:
        with db_a.read() as s:
            phones = s.scalars(select(Customer.phone).where(Customer.phone != "").limit(10)).all()
        path = S.big_tmall_csv(tmp_path / "big.csv", ROWS, seed=int(PREFIX), phones=phones)
        proc = subprocess.Popen(
            [sys.executable, "-c", _RUN, url_a, str(path)],
            cwd=Path(__file__).resolve().parents[2],
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        )
        deadline = time.monotonic() + 120
        while _imported(db_a) < 1000:
            assert proc.poll() is None, "the import ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        half = _imported(db_a)
        assert 1000 <= half < ROWS, half
        assert half % 200 == 0  # whole batches only: no half-written order

        rerun = import_orders(db_a, "tmall", [path], store_code="S001")
        assert rerun.orders_imported == ROWS - half
        assert rerun.orders_unchanged == half
        once = import_orders(db_b, "tmall", [path], store_code="S001")
        assert once.orders_imported == ROWS and once.rejected == 0
        a, b = _state(db_a), _state(db_b)
        assert a[1] == b[1] == ROWS  # one change-index row per order
        assert a[0] == b[0]  # the same orders, customers and stores (copies of one chain)
        assert sum(r[3] is not None for r in a[0]) == ROWS // 10  # every 10th phone is whole
        assert a[2] == b[2]  # customers' figures as after one import
    finally:
        db_a.dispose()
        db_b.dispose()
