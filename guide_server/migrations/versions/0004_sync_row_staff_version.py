"""sync_row.staff_version: HQ's chain-wide view of every store's accounts

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 05:00:00

HQ no longer pulls every ``store:*`` scope (issue 9): it pulls ``global``, ``staff``
and ``user:<self>``. ``staff`` is not a scope any row lives in; an account row of a
store (entity ``user`` in ``store:<id>``) also gets a place in it, ``staff_version``,
taken from the ``staff`` counter in the same transaction as its store version
(``guide_server.sync.versions``). This gives the existing account rows their places,
in (scope, version) order, and sets the counter past them.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_row", schema=None) as batch_op:
        batch_op.add_column(sa.Column("staff_version", sa.BigInteger(), nullable=True))
        batch_op.create_index("ix_sync_row_staff_version", ["staff_version"], unique=False)
    conn = op.get_bind()
    ids = [
        row[0]
        for row in conn.execute(
            sa.text(
                "SELECT entity_id FROM sync_row WHERE entity = 'user' AND scope LIKE 'store:%'"
                " ORDER BY scope, version"
            )
        )
    ]
    if ids:
        conn.execute(
            sa.text(
                "UPDATE sync_row SET staff_version = :v WHERE entity = 'user' AND entity_id = :i"
            ),
            [{"v": n, "i": i} for n, i in enumerate(ids, start=1)],
        )
    top = len(ids)
    updated = conn.execute(
        sa.text("UPDATE scope_counter SET v = :v WHERE scope = 'staff'"), {"v": top}
    ).rowcount
    if not updated:
        conn.execute(
            sa.text("INSERT INTO scope_counter (scope, v, floor) VALUES ('staff', :v, 0)"),
            {"v": top},
        )


def downgrade() -> None:
    op.execute("DELETE FROM scope_counter WHERE scope = 'staff'")
    with op.batch_alter_table("sync_row", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_row_staff_version")
        batch_op.drop_column("staff_version")
