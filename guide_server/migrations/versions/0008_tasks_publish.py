"""tasks (issue 13): targets, schedule, withdrawal, edit note; item kinds and segments;
assignments per occurrence with their resolved outreach targets; contacted customers

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 09:00:00

``task``: region_ids, roles, start_at, until, status, edit_note, edited_at, revision,
withdrawn_at, withdraw_reason. ``task_item``: kind, segment, requires_note.
``assignment``: occurrence (its day, chain time), start_at, due_at, targets, created_at;
the unique key becomes (task, guide, occurrence), one assignment per occurrence.
Existing assignments get the task's due time; their occurrence stays empty, which
the server reads as the task's first occurrence.
``item_check``: contacted_ids. Plain ``ADD COLUMN`` on both databases.
"""

import sqlalchemy as sa
from alembic import op

import guide_server.models.base

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_TIME = guide_server.models.base.UTCDateTime(timezone=True)

_COLUMNS = {
    "task": (
        sa.Column("region_ids", sa.JSON(), nullable=True),
        sa.Column("roles", sa.JSON(), nullable=True),
        sa.Column("start_at", _TIME, nullable=True),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False, server_default="active"),
        sa.Column("edit_note", sa.Text(), nullable=False, server_default=""),
        sa.Column("edited_at", _TIME, nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("withdrawn_at", _TIME, nullable=True),
        sa.Column("withdraw_reason", sa.String(length=200), nullable=False, server_default=""),
    ),
    "task_item": (
        sa.Column("kind", sa.String(length=12), nullable=False, server_default="check"),
        sa.Column("segment", sa.JSON(), nullable=True),
        sa.Column("requires_note", sa.Boolean(), nullable=False, server_default=sa.false()),
    ),
    "assignment": (
        sa.Column("occurrence", sa.Date(), nullable=True),
        sa.Column("start_at", _TIME, nullable=True),
        sa.Column("due_at", _TIME, nullable=True),
        sa.Column("targets", sa.JSON(), nullable=True),
        sa.Column("created_at", _TIME, nullable=True),
    ),
    "item_check": (sa.Column("contacted_ids", sa.JSON(), nullable=True),),
}


def upgrade() -> None:
    for table, columns in _COLUMNS.items():
        for column in columns:
            op.add_column(table, column)
    op.execute(
        "UPDATE assignment SET due_at = (SELECT t.due_at FROM task t WHERE t.id = assignment.task_id)"
    )
    op.drop_index("ix_assignment_task_guide", table_name="assignment")
    op.create_index(
        "ix_assignment_task_guide_day",
        "assignment",
        ["task_id", "guide_id", "occurrence"],
        unique=True,
    )
    op.create_index("ix_assignment_store_due", "assignment", ["store_id", "due_at"])


def downgrade() -> None:
    op.drop_index("ix_assignment_store_due", table_name="assignment")
    op.drop_index("ix_assignment_task_guide_day", table_name="assignment")
    op.create_index("ix_assignment_task_guide", "assignment", ["task_id", "guide_id"], unique=True)
    for table, columns in _COLUMNS.items():
        for column in reversed(columns):
            op.drop_column(table, column.name)
