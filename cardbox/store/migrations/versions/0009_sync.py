"""CardDAV sync: accounts and what the last sync agreed on per card

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03

* ``sync_account``: one address book on a server (name, URL, the address book found from it,
  user, how to get the password, the sync token, when it last synced and what that did).
* ``sync_card``: per account and card UID, the contact it is (NULL once purged), its href and
  ETag, a content hash of each side, the last synced card text (the base of the merge) and the
  contact's ``updated_at`` when it was hashed (an unchanged contact is not hashed again).
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_account",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(), nullable=False, unique=True),
        sa.Column("url", sa.String(), nullable=False),
        sa.Column("book", sa.String(), nullable=False, server_default=""),
        sa.Column("username", sa.String(), nullable=False, server_default=""),
        sa.Column("password_command", sa.String(), nullable=False, server_default=""),
        sa.Column("sync_token", sa.String(), nullable=True),
        sa.Column("last_synced", sa.String(), nullable=True),
        sa.Column("last_report", sa.String(), nullable=False, server_default=""),
    )
    op.create_table(
        "sync_card",
        sa.Column(
            "account_id",
            sa.Integer(),
            sa.ForeignKey("sync_account.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("uid", sa.String(), primary_key=True),
        sa.Column(
            "contact_id",
            sa.Integer(),
            sa.ForeignKey("contact.id", ondelete="SET NULL"),
            nullable=True,
            index=True,
        ),
        sa.Column("href", sa.String(), nullable=False),
        sa.Column("etag", sa.String(), nullable=True),
        sa.Column("local_hash", sa.String(), nullable=False, server_default=""),
        sa.Column("remote_hash", sa.String(), nullable=False, server_default=""),
        sa.Column("base", sa.Text(), nullable=False, server_default=""),
        sa.Column("local_stamp", sa.String(), nullable=False, server_default=""),
    )
    op.create_index("ix_sync_card_href", "sync_card", ["account_id", "href"])


def downgrade() -> None:
    op.drop_index("ix_sync_card_href", "sync_card")
    op.drop_table("sync_card")
    op.drop_table("sync_account")
