"""Articles' images (URL, alt text, caption, whether AI-generated) as one JSON list.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as table:
        table.add_column(sa.Column("images", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("articles") as table:
        table.drop_column("images")
