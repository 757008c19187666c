"""library (issue 11): script visibility, retiring, 朋友圈/poster materials, suggestions,
favorites, usage events, the guide's WeCom QR code

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 08:00:00

``script.visibility`` (``{}``: no restriction) and ``retired_at`` (a retired script or
material reaches counter apps as a removal; the usage report keeps it); ``material.text``,
``images`` (朋友圈) and ``poster`` (where a poster takes the QR code, name and store);
``script_suggestion`` and ``favorite`` (synced in ``user:<id>``); ``usage_event`` (one
row per copy, the guide's clock in ``at``) and ``app_user.wecom_qr_sha256``.
"""

import sqlalchemy as sa
from alembic import op

import guide_server.models.base

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_TIME = guide_server.models.base.UTCDateTime(timezone=True)


def _entity_width(length: int, was: int) -> None:
    """``sync_row.entity`` holds ``script_suggestion`` (17 characters): 16 → 32. SQLite does not
    enforce a VARCHAR's length, so only PostgreSQL's column changes (no table rebuild)."""
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column(
            "sync_row",
            "entity",
            type_=sa.String(length=length),
            existing_type=sa.String(length=was),
            existing_nullable=False,
        )


def upgrade() -> None:
    _entity_width(32, was=16)
    # Plain ALTER TABLE … ADD/DROP COLUMN on both databases (SQLite ≥ 3.35): a batch
    # rebuild of app_user would drop a table the tokens' foreign key points at.
    op.add_column("script", sa.Column("visibility", sa.JSON(), nullable=False, server_default="{}"))
    op.add_column("script", sa.Column("retired_at", _TIME, nullable=True))
    op.add_column("material", sa.Column("text", sa.Text(), nullable=False, server_default=""))
    op.add_column("material", sa.Column("images", sa.JSON(), nullable=False, server_default="[]"))
    op.add_column("material", sa.Column("poster", sa.JSON(), nullable=True))
    op.add_column("material", sa.Column("retired_at", _TIME, nullable=True))
    op.add_column("app_user", sa.Column("wecom_qr_sha256", sa.String(length=64), nullable=True))

    op.create_table(
        "script_suggestion",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("script_id", sa.String(length=64), nullable=False),
        sa.Column("owner_id", sa.String(length=64), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("group_id", sa.String(length=64), nullable=True),
        sa.Column("accepted_script_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("decided_at", _TIME, nullable=True),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_script_suggestion")),
    )
    with op.batch_alter_table("script_suggestion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_script_suggestion_script_id"), ["script_id"])
        batch_op.create_index(batch_op.f("ix_script_suggestion_status"), ["status"])

    op.create_table(
        "favorite",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("item_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_favorite")),
    )
    with op.batch_alter_table("favorite", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_favorite_user_id"), ["user_id"])

    op.create_table(
        "usage_event",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=16), nullable=False),
        sa.Column("item_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=True),
        sa.Column("customer_id", sa.String(length=64), nullable=True),
        sa.Column("at", _TIME, nullable=False),
        sa.Column("received_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_usage_event")),
    )
    op.create_index("ix_usage_event_at", "usage_event", ["at"])
    op.create_index("ix_usage_event_store_at", "usage_event", ["store_id", "at"])


def downgrade() -> None:
    _entity_width(16, was=32)
    op.drop_index("ix_usage_event_store_at", table_name="usage_event")
    op.drop_index("ix_usage_event_at", table_name="usage_event")
    op.drop_table("usage_event")
    op.drop_table("favorite")
    op.drop_table("script_suggestion")
    op.drop_column("app_user", "wecom_qr_sha256")
    for column in ("retired_at", "poster", "images", "text"):
        op.drop_column("material", column)
    op.drop_column("script", "retired_at")
    op.drop_column("script", "visibility")
