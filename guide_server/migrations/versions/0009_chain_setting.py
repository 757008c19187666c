"""chain settings (issue 12): the lifecycle thresholds HQ edits

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 09:10:00

``chain_setting``: one synced row (``global``, id ``chain``) with the day thresholds of
新客/活跃/沉睡/流失. No row until HQ saves them; readers use the defaults meanwhile.
"""

import sqlalchemy as sa
from alembic import op

import guide_server.models.base

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_TIME = guide_server.models.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "chain_setting",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("lifecycle_new_days", sa.Integer(), nullable=False),
        sa.Column("lifecycle_new_max_orders", sa.Integer(), nullable=False),
        sa.Column("lifecycle_active_days", sa.Integer(), nullable=False),
        sa.Column("lifecycle_dormant_days", sa.Integer(), nullable=False),
        sa.Column("updated_at", _TIME, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_setting")),
    )


def downgrade() -> None:
    op.drop_table("chain_setting")
