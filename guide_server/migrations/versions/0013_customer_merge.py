"""customer merge (issue 14, 合并重复客户): where each merged customer went

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 12:00:00

``customer_merge``: one row per merged-away customer (its row is deleted; this one
sends later edits naming it to the kept customer and keeps what its card said).
A new table only: nothing existing changes.
"""

import sqlalchemy as sa
from alembic import op

import guide_server.models.base

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_TIME = guide_server.models.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "customer_merge",
        sa.Column("merged_id", sa.String(length=64), nullable=False),
        sa.Column("kept_id", sa.String(length=64), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("merged_by", sa.String(length=64), nullable=False),
        sa.Column("merged_at", _TIME, nullable=False),
        sa.Column("mutation_id", sa.String(length=36), nullable=True),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("merged_id", name=op.f("pk_customer_merge")),
    )
    op.create_index(op.f("ix_customer_merge_kept_id"), "customer_merge", ["kept_id"])
    op.create_index(op.f("ix_customer_merge_store_id"), "customer_merge", ["store_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_customer_merge_store_id"), table_name="customer_merge")
    op.drop_index(op.f("ix_customer_merge_kept_id"), table_name="customer_merge")
    op.drop_table("customer_merge")
