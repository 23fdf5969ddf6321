"""birthdays, photos, and import runs that can be undone

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contact") as batch:
        batch.add_column(sa.Column("birthday", sa.String(), nullable=False, server_default=""))
    op.create_table(
        "photo",
        sa.Column(
            "contact_id",
            sa.Integer(),
            sa.ForeignKey("contact.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("mime", sa.String(), nullable=False, server_default="image/jpeg"),
        sa.Column("data", sa.LargeBinary(), nullable=False),
    )
    op.create_table(
        "import_run",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("started_at", sa.String(), nullable=False),
        sa.Column("sources", sa.String(), nullable=False, server_default=""),
        sa.Column("added", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("updated", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("unchanged", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("failed", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("undone_at", sa.String(), nullable=True),
    )
    op.create_table(
        "import_change",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "run_id", sa.Integer(), sa.ForeignKey("import_run.id", ondelete="CASCADE"), index=True
        ),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("before", sa.String(), nullable=True),
    )
    op.create_table(
        "import_failure",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "run_id", sa.Integer(), sa.ForeignKey("import_run.id", ondelete="CASCADE"), index=True
        ),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("raw", sa.String(), nullable=False),
    )
    # A card imported before is known by the hash of its text, even with no UID, e-mail or phone.
    op.create_table(
        "card_hash",
        sa.Column("hash", sa.String(), primary_key=True),
        sa.Column(
            "contact_id",
            sa.Integer(),
            sa.ForeignKey("contact.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
    )
    # Import matches people by e-mail whatever its case.
    op.execute("CREATE INDEX ix_email_address_lower ON email (lower(address))")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_email_address_lower")
    op.drop_table("card_hash")
    op.drop_table("import_failure")
    op.drop_table("import_change")
    op.drop_table("import_run")
    op.drop_table("photo")
    with op.batch_alter_table("contact") as batch:
        batch.drop_column("birthday")
