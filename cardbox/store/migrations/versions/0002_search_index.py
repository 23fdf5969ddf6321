"""search index: contact_search, its FTS5 trigram table, and a 1-2 character gram table

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24

Only live contacts have a document (the trash is not searched), so searches never join
``contact`` to leave trashed cards out. The documents themselves are computed in Python; the box
fills them after any upgrade (`CardBox.open` re-indexes when the stored index version is not the
current one).

``contact_fts`` (trigram, external content, kept in step by triggers) answers terms of three
characters or more. ``contact_grams`` (contentless, ``detail=column``) holds every one- and
two-character gram of the short fields (names, readings, companies, roles, labels) as unicode61
tokens, so that 山田 or 林 are an index look-up too; the store maintains it in Python.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = ("name", "company", "role", "labels", "reach", "notes")
GRAMS = ("g_name", "g_company", "g_more")


def upgrade() -> None:
    op.create_table(
        "contact_search",
        sa.Column(
            "contact_id",
            sa.Integer(),
            sa.ForeignKey("contact.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("sort_key", sa.String(), nullable=False, server_default=""),
        *(sa.Column(col, sa.String(), nullable=False, server_default="") for col in COLUMNS),
    )
    op.create_index("ix_contact_search_sort", "contact_search", ["sort_key", "contact_id"])
    # Filters walk an event's, tag's or industry's contacts newest first.
    op.create_index("ix_meeting_event_contact", "meeting", ["event_id", "contact_id"])
    op.create_index("ix_contact_tag_tag_contact", "contact_tag", ["tag_id", "contact_id"])
    op.create_index(
        "ix_contact_industry_industry_contact", "contact_industry", ["industry_id", "contact_id"]
    )
    cols = ", ".join(COLUMNS)
    new = ", ".join(f"new.{c}" for c in COLUMNS)
    old = ", ".join(f"old.{c}" for c in COLUMNS)
    op.execute(
        f"CREATE VIRTUAL TABLE contact_fts USING fts5({cols}, content='contact_search',"
        " content_rowid='contact_id', tokenize='trigram')"
    )
    op.execute(
        "CREATE TRIGGER contact_search_ai AFTER INSERT ON contact_search BEGIN"
        f" INSERT INTO contact_fts (rowid, {cols}) VALUES (new.contact_id, {new}); END"
    )
    op.execute(
        "CREATE TRIGGER contact_search_ad AFTER DELETE ON contact_search BEGIN"
        f" INSERT INTO contact_fts (contact_fts, rowid, {cols})"
        f" VALUES ('delete', old.contact_id, {old}); END"
    )
    op.execute(
        "CREATE TRIGGER contact_search_au AFTER UPDATE ON contact_search BEGIN"
        f" INSERT INTO contact_fts (contact_fts, rowid, {cols})"
        f" VALUES ('delete', old.contact_id, {old});"
        f" INSERT INTO contact_fts (rowid, {cols}) VALUES (new.contact_id, {new}); END"
    )
    op.execute(
        f"CREATE VIRTUAL TABLE contact_grams USING fts5({', '.join(GRAMS)}, content='',"
        " detail=column, columnsize=0, tokenize='unicode61 remove_diacritics 0')"
    )
    op.execute("DELETE FROM setting WHERE key = 'index_version'")


def downgrade() -> None:
    for trigger in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS contact_search_{trigger}")
    op.execute("DROP TABLE IF EXISTS contact_fts")
    op.execute("DROP TABLE IF EXISTS contact_grams")
    for index in ("ix_meeting_event_contact", "ix_contact_tag_tag_contact"):
        op.execute(f"DROP INDEX IF EXISTS {index}")
    op.execute("DROP INDEX IF EXISTS ix_contact_industry_industry_contact")
    op.drop_table("contact_search")
