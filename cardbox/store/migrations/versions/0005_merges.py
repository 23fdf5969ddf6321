"""merges that can be undone

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "merge_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kept_id", sa.Integer(), nullable=False),
        sa.Column("gone_id", sa.Integer(), nullable=False),
        sa.Column("before", sa.String(), nullable=False),
        sa.Column("moved", sa.String(), nullable=False, server_default="{}"),
        sa.Column("at", sa.String(), nullable=False),
        sa.Column("undone_at", sa.String(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("merge_log")
