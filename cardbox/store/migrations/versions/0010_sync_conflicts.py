"""CardDAV sync: conflicts kept until the user resolves them; the vCard version to send

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03

* ``sync_conflict``: a field both sides changed since the last sync. The card holds the server's
  value; this row keeps cardbox's (shown as text, and the whole card cardbox had, to put the
  value back exactly) until ``cardbox sync resolve`` or the app's merge screen settles it. One
  row per account, card UID and field (a newer conflict on the same field replaces it).
* ``sync_account.vcard_version``: ``4.0`` when the address book says it takes vCard 4.0
  (``supported-address-data``), ``3.0`` otherwise, ``""`` until asked.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "sync_account",
        sa.Column("vcard_version", sa.String(), nullable=False, server_default=""),
    )
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "account_id",
            sa.Integer(),
            sa.ForeignKey("sync_account.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("uid", sa.String(), nullable=False),
        sa.Column(
            "contact_id",
            sa.Integer(),
            sa.ForeignKey("contact.id", ondelete="SET NULL"),
            nullable=True,
            index=True,
        ),
        sa.Column("name", sa.String(), nullable=False, server_default=""),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("here", sa.Text(), nullable=False, server_default=""),
        sa.Column("there", sa.Text(), nullable=False, server_default=""),
        sa.Column("here_card", sa.Text(), nullable=False, server_default=""),
        sa.Column("at", sa.String(), nullable=False, server_default=""),
        sa.UniqueConstraint("account_id", "uid", "field", name="uq_sync_conflict_field"),
        sqlite_autoincrement=True,  # a resolved conflict's number is never given to another
    )


def downgrade() -> None:
    op.drop_table("sync_conflict")
    with op.batch_alter_table("sync_account") as batch:
        batch.drop_column("vcard_version")
