"""customer duplicate flag

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 10:00:00

``customer.duplicate_of`` (on the wire: the earlier customer of the store with
the same phone or member no.) and ``customer.duplicate_dismissed_of`` (server
only: the pair a supervisor dismissed). Both NULL for existing rows: customers
that were already duplicates before this revision are not flagged (nothing
re-versions them); only creates and phone/member no. edits from now on are.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("duplicate_of", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("duplicate_dismissed_of", sa.String(length=64), nullable=True)
        )
        batch_op.create_index(
            batch_op.f("ix_customer_duplicate_of"), ["duplicate_of"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_duplicate_of"))
        batch_op.drop_column("duplicate_dismissed_of")
        batch_op.drop_column("duplicate_of")
