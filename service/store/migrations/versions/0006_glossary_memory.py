"""Glossary entries, translation-memory units and the revision counters of both.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _now(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False)


def upgrade() -> None:
    revisions = op.create_table(
        "known_revisions",
        sa.Column("name", sa.String(20), primary_key=True),
        sa.Column("revision", sa.Integer(), nullable=False),
    )
    # Present from the start, so that concurrent first writes only ever update them.
    op.bulk_insert(revisions, [{"name": name, "revision": 0} for name in ("glossary", "memory")])
    op.create_table(
        "glossary_entries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source", sa.String(35), nullable=False),
        sa.Column("term", sa.String(500), nullable=False),
        sa.Column("target", sa.String(35), nullable=False),
        sa.Column("translation", sa.String(500), nullable=True),
        sa.Column("case_sensitive", sa.Boolean(), nullable=False),
        sa.Column("whole_word", sa.Boolean(), nullable=False),
        sa.Column("do_not_translate", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        _now("updated_at"),
    )
    op.create_index("ix_glossary_pair", "glossary_entries", ["source", "target"])
    op.create_table(
        "memory_units",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source", sa.String(35), nullable=False),
        sa.Column("target", sa.String(35), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=False),
        sa.Column("source_key", sa.String(64), nullable=False),
        sa.Column("target_text", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(20), nullable=False),
        sa.Column("author", sa.String(100), nullable=False),
        _now("created_at"),
    )
    op.create_index("ix_memory_lookup", "memory_units", ["target", "source_key"])


def downgrade() -> None:
    op.drop_index("ix_memory_lookup", "memory_units")
    op.drop_table("memory_units")
    op.drop_index("ix_glossary_pair", "glossary_entries")
    op.drop_table("glossary_entries")
    op.drop_table("known_revisions")
