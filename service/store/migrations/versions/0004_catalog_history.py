"""Catalog edit history: one row per entry changed by a catalog write.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "catalog_history",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("locale", sa.String(35), nullable=False),
        sa.Column("msgid", sa.Text(), nullable=False),
        sa.Column("msgctxt", sa.Text(), nullable=True),
        sa.Column("old_value", sa.JSON(), nullable=False),
        sa.Column("new_value", sa.JSON(), nullable=False),
        sa.Column("old_fuzzy", sa.Boolean(), nullable=False),
        sa.Column("new_fuzzy", sa.Boolean(), nullable=False),
        sa.Column("author", sa.String(100), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("revision", sa.String(40), nullable=False),
        sa.Column("reverts", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_catalog_history_locale_id", "catalog_history", ["locale", "id"])


def downgrade() -> None:
    op.drop_index("ix_catalog_history_locale_id", table_name="catalog_history")
    op.drop_table("catalog_history")
