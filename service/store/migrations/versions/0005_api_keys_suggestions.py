"""API keys with their own limits, and suggestions waiting for review.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _created_at() -> sa.Column:
    return sa.Column(
        "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("req_limit", sa.Integer(), nullable=True),
        sa.Column("char_limit", sa.Integer(), nullable=True),
        sa.Column("origin", sa.String(300), nullable=True),
        _created_at(),
    )
    op.create_table(
        "suggestions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source_text", sa.Text(), nullable=False),
        sa.Column("source_hash", sa.String(64), nullable=False),
        sa.Column("suggestion", sa.Text(), nullable=False),
        sa.Column("source", sa.String(35), nullable=False),
        sa.Column("target", sa.String(35), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("submitted_by", sa.String(100), nullable=True),
        sa.Column("reviewed_by", sa.String(100), nullable=True),
        _created_at(),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_suggestions_lookup", "suggestions", ["state", "target", "source_hash"])


def downgrade() -> None:
    op.drop_index("ix_suggestions_lookup", "suggestions")
    op.drop_table("suggestions")
    op.drop_table("api_keys")
