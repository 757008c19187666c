"""Today (issue 14): the contact guard HQ sets, and a guide's actions on Today entries

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 11:35:00

``chain_setting.contact_guard_days``: a customer followed up within this many days is
left off Today (plain ``ADD COLUMN`` with a server default). ``today_action``: a user's
done / snoozed / dismissed mark on one Today entry (synced in ``user:<id>``; id
``protocol.today_action_id``).
"""

import sqlalchemy as sa
from alembic import op

import guide_server.models.base

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_TIME = guide_server.models.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.add_column(
        "chain_setting",
        sa.Column("contact_guard_days", sa.Integer(), nullable=False, server_default="7"),
    )
    op.create_table(
        "today_action",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("entry_key", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_today_action")),
    )
    with op.batch_alter_table("today_action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_today_action_user_id"), ["user_id"])


def downgrade() -> None:
    with op.batch_alter_table("today_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_today_action_user_id"))
    op.drop_table("today_action")
    with op.batch_alter_table("chain_setting", schema=None) as batch_op:
        batch_op.drop_column("contact_guard_days")
