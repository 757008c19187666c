"""handover (issue 14, 离职继承): handover record, grace tokens, customer columns

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 11:55:00

``handover``: one row per applied ``user.handover`` (HQ's report). ``handover_grace``:
the leaving guide's tokens the handover revoked, which may still push their last edits
of the handed-over customers until ``until``. ``customer.handed_over_at`` and
``customer.previous_owner_id`` (on the wire): plain nullable ``ADD COLUMN``.
"""

import sqlalchemy as sa
from alembic import op

import guide_server.models.base

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_TIME = guide_server.models.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "handover",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("leaving_user_id", sa.String(length=64), nullable=False),
        sa.Column("by_user_id", sa.String(length=64), nullable=False),
        sa.Column("at", _TIME, nullable=False),
        sa.Column("receivers", sa.JSON(), nullable=False),
        sa.Column("customer_count", sa.Integer(), nullable=False),
        sa.Column("assignments_withdrawn", sa.Integer(), nullable=False),
        sa.Column("deactivated", sa.Boolean(), nullable=False),
        sa.Column("tokens_revoked", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_handover_store_id_store")
        ),
        sa.ForeignKeyConstraint(
            ["leaving_user_id"],
            ["app_user.id"],
            name=op.f("fk_handover_leaving_user_id_app_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover")),
    )
    op.create_index(op.f("ix_handover_store_id"), "handover", ["store_id"])
    op.create_index(op.f("ix_handover_leaving_user_id"), "handover", ["leaving_user_id"])
    op.create_index(op.f("ix_handover_at"), "handover", ["at"])
    op.create_table(
        "handover_grace",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("handover_id", sa.String(length=64), nullable=False),
        sa.Column("until", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_handover_grace")),
    )
    op.create_index(op.f("ix_handover_grace_user_id"), "handover_grace", ["user_id"])
    op.add_column("customer", sa.Column("handed_over_at", _TIME, nullable=True))
    op.add_column("customer", sa.Column("previous_owner_id", sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.drop_column("customer", "previous_owner_id")
    op.drop_column("customer", "handed_over_at")
    op.drop_index(op.f("ix_handover_grace_user_id"), table_name="handover_grace")
    op.drop_table("handover_grace")
    op.drop_index(op.f("ix_handover_at"), table_name="handover")
    op.drop_index(op.f("ix_handover_leaving_user_id"), table_name="handover")
    op.drop_index(op.f("ix_handover_store_id"), table_name="handover")
    op.drop_table("handover")
