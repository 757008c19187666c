"""customer (name, id) and (store_id, name, id): HQ's online customer search, in order

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 05:40:00

``GET /admin/customers`` lists customers of every store (or one) by name, then id, a page
at a time. Without these indexes every request sorted all matching customers of the chain;
with them the first page stops after 50 rows in name order.
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_customer_name_id", "customer", ["name", "id"], unique=False)
    op.create_index(
        "ix_customer_store_name_id", "customer", ["store_id", "name", "id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_customer_store_name_id", table_name="customer")
    op.drop_index("ix_customer_name_id", table_name="customer")
