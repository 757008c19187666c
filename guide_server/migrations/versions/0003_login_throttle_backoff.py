"""login throttle: backoff and known addresses

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 12:00:00

``login_throttle.next_allowed_at`` (a username's backoff across addresses) and
``login_throttle.last_success_at`` (a username's last sign-in from an address, which
makes that address known to them). The keys change meaning (``user:``/``addr:`` rows
are now counted differently, and ``pair:``/``dev:`` rows are new), so the old rows —
short-lived counters only — are dropped.
"""

import sqlalchemy as sa
from alembic import op

import guide_server.models.base

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM login_throttle")
    with op.batch_alter_table("login_throttle", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "next_allowed_at",
                guide_server.models.base.UTCDateTime(timezone=True),
                nullable=True,
            )
        )
        batch_op.add_column(
            sa.Column(
                "last_success_at",
                guide_server.models.base.UTCDateTime(timezone=True),
                nullable=True,
            )
        )


def downgrade() -> None:
    op.execute("DELETE FROM login_throttle")
    with op.batch_alter_table("login_throttle", schema=None) as batch_op:
        batch_op.drop_column("last_success_at")
        batch_op.drop_column("next_allowed_at")
