"""Catalogs in the database (PO text per locale, and the template) for nodes sharing no disk.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "catalog_documents",
        sa.Column("locale", sa.String(35), primary_key=True),
        sa.Column("po", sa.LargeBinary(), nullable=False),
        sa.Column("revision", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "catalog_templates",
        sa.Column("domain", sa.String(50), primary_key=True),
        sa.Column("pot", sa.LargeBinary(), nullable=False),
        sa.Column("revision", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("catalog_templates")
    op.drop_table("catalog_documents")
