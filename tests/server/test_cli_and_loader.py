"""The command line (init-db, create-user, demo --no-serve) and the demo loader's bookkeeping."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import func, select

from guide_server.db import Database
from guide_server.models import ENTITY_MODELS, Customer, Order, ScopeCounter, SyncRow, User
from tests.support.server import ServerProcess, sign_in


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "guide_server", *args], capture_output=True, text=True, timeout=120
    )


def test_demo_no_serve_then_create_user_then_run(tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    demo = _cli(
        "demo",
        "--stores",
        "2",
        "--customers",
        "15",
        "--orders",
        "30",
        "--guides",
        "2",
        "--no-serve",
        "--database-url",
        url,
        "--data-dir",
        str(tmp_path),
    )
    assert demo.returncode == 0, demo.stderr
    assert "s001-g1" in demo.stdout and "demo1234" in demo.stdout
    made = _cli(
        "create-user",
        "s001-g9",
        "--role",
        "guide",
        "--store-code",
        "S001",
        "--password",
        "secret99",
        "--database-url",
        url,
    )
    assert made.returncode == 0, made.stderr
    bad = _cli(
        "create-user",
        "x",
        "--role",
        "guide",
        "--store-code",
        "S999",
        "--password",
        "secret99",
        "--database-url",
        url,
    )
    assert bad.returncode != 0 and "S999" in bad.stderr
    with ServerProcess(url, tmp_path) as server:
        token, user = sign_in(server.url, "s001-g9", "secret99")
        assert user["role"] == "guide" and token


def test_loader_versions_and_index_are_consistent(demo_template):
    db = Database(demo_template.database_url)
    with db.read() as s:
        for entity, model in ENTITY_MODELS.items():
            rows = s.scalar(select(func.count()).select_from(model))
            indexed = s.scalar(
                select(func.count())
                .select_from(SyncRow)
                .where(SyncRow.entity == entity, SyncRow.deleted.is_(False))
            )
            assert rows == indexed, entity
        dupes = s.execute(
            select(SyncRow.scope, SyncRow.version)
            .group_by(SyncRow.scope, SyncRow.version)
            .having(func.count() > 1)
        ).all()
        assert dupes == []
        for scope, top in s.execute(
            select(SyncRow.scope, func.max(SyncRow.version)).group_by(SyncRow.scope)
        ):
            assert s.get(ScopeCounter, scope).v == top
        assert s.scalar(select(func.count()).select_from(User).where(User.username == "hq")) == 1
        # derived purchase figures agree with the loaded orders
        counted = dict(
            s.execute(
                select(Order.customer_id, func.count())
                .where(
                    Order.status.in_(["paid", "shipped", "finished"]),
                    Order.customer_id.is_not(None),
                )
                .group_by(Order.customer_id)
            ).all()
        )
        for customer in s.scalars(select(Customer)):
            assert customer.order_count == counted.get(customer.id, 0), customer.id
    db.dispose()


def test_head_revision_constant_matches_the_migration_scripts():
    from alembic.script import ScriptDirectory

    from guide_server.migrate import HEAD_REVISION, alembic_config

    assert (
        ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head() == HEAD_REVISION
    )


def test_customer_figures_are_recomputed_from_orders(demo_template, tmp_path):
    from sqlalchemy import update

    from guide_server.customer_figures import refresh_customer_figures

    url, _ = demo_template.fresh_copy(tmp_path)
    db = Database(url)
    with db.read() as s:
        before = {
            c.id: (c.order_count, c.total_spent_cents, c.first_purchase_at, c.last_purchase_at)
            for c in s.scalars(select(Customer))
        }
    assert any(v[0] for v in before.values())
    with db.write() as s:
        s.execute(
            update(Customer).values(order_count=7, total_spent_cents=1, first_purchase_at=None)
        )
        refresh_customer_figures(s)
    with db.read() as s:
        after = {
            c.id: (c.order_count, c.total_spent_cents, c.first_purchase_at, c.last_purchase_at)
            for c in s.scalars(select(Customer))
        }
    db.dispose()
    assert after == before


def test_loader_is_fed_by_the_real_generator_not_the_fallback(caplog):
    from guide_server.demo.load import chain_source

    batches, assets = chain_source(
        materialize=True, stores=1, customers_per_store=5, orders_per_store=5, guides_per_store=1
    )
    entities = [entity for entity, _ in batches]
    assert "demo generator unavailable" not in caplog.text
    assert entities[0] == "store" and "order" in entities
    assert assets and all(len(a) == 4 for a in assets)
