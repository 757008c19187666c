"""orders import (issue 12): what the export file said about an order, suggested matches

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 08:30:00

``orders`` gains server-only columns the import fills from the platforms' files
(``logistics_company``, ``ordered_at``, ``buyer_name``, ``buyer_phone`` as given — often
masked —, ``member_no``) and an index on ``(store_id, customer_id)`` for a store's
unmatched orders. ``order_match_suggestion``: a customer an import only suggests for an
order (masked phone + name), pending until a supervisor confirms or rejects it.
Plain ``ADD COLUMN`` (no table rebuild on SQLite: ``orders`` is the biggest table).
"""

import sqlalchemy as sa
from alembic import op

import guide_server.models.base

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_TIME = guide_server.models.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    for name, length in (
        ("logistics_company", 64),
        ("buyer_name", 64),
        ("buyer_phone", 20),
        ("member_no", 32),
    ):
        op.add_column(
            "orders", sa.Column(name, sa.String(length=length), nullable=False, server_default="")
        )
    op.add_column("orders", sa.Column("ordered_at", _TIME, nullable=True))
    op.create_index("ix_orders_store_customer", "orders", ["store_id", "customer_id"])
    op.create_table(
        "order_match_suggestion",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.String(length=128), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("decided_at", _TIME, nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_order_match_suggestion_order_id_orders")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_order_match_suggestion_customer_id_customer"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_match_suggestion")),
    )
    op.create_index(
        "ix_order_match_suggestion_pair",
        "order_match_suggestion",
        ["order_id", "customer_id"],
        unique=True,
    )
    op.create_index(
        "ix_order_match_suggestion_customer_id", "order_match_suggestion", ["customer_id"]
    )


def downgrade() -> None:
    op.drop_table("order_match_suggestion")
    op.drop_index("ix_orders_store_customer", table_name="orders")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        for name in ("ordered_at", "member_no", "buyer_phone", "buyer_name", "logistics_company"):
            batch_op.drop_column(name)
