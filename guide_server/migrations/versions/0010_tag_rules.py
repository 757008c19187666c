"""auto-tag rules (issue 12): tag_rule, tag_removal, customer_tag.source

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 09:20:00

``tag_rule``: HQ's rules (name, tag, condition JSON, active). ``customer_tag.source``:
"" set by a person, "rule:<id>" by a rule (plain ``ADD COLUMN``). ``tag_removal``: a
tag a person took off a customer, which no rule adds again.
"""

import sqlalchemy as sa
from alembic import op

import guide_server.models.base

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_TIME = guide_server.models.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "tag_rule",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("tag_id", sa.String(length=64), nullable=False),
        sa.Column("condition", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.ForeignKeyConstraint(["tag_id"], ["tag.id"], name=op.f("fk_tag_rule_tag_id_tag")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tag_rule")),
    )
    op.create_index(op.f("ix_tag_rule_tag_id"), "tag_rule", ["tag_id"])
    op.create_table(
        "tag_removal",
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("tag_id", sa.String(length=64), nullable=False),
        sa.Column("removed_by", sa.String(length=64), nullable=True),
        sa.Column("removed_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("customer_id", "tag_id", name=op.f("pk_tag_removal")),
    )
    op.add_column(
        "customer_tag",
        sa.Column("source", sa.String(length=80), nullable=False, server_default=""),
    )


def downgrade() -> None:
    op.drop_column("customer_tag", "source")
    op.drop_table("tag_removal")
    op.drop_index(op.f("ix_tag_rule_tag_id"), table_name="tag_rule")
    op.drop_table("tag_rule")
