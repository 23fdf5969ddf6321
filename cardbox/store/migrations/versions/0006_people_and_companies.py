"""companies as entities, job history, and indexes for matching people

Revision ID: 0006
Revises: 0007
Create Date: 2026-11-24

Numbered 0006 but applied after 0007 (both were written at the same time; 0007 was the head when
this one was chained to it). Order of application is what ``down_revision`` says.

* ``contact.company_key``: the matching key of the company (`company_key`: 株式会社ABC, ABC(株),
  ㈱ABC and ABC Inc. are one key), filled here for every existing contact and kept by the writer.
* ``company``: what the user said about a company as a whole (its display name, reading and
  industry), by key. Who works there is derived from the contacts, never copied.
* ``job_change``: a known person arrived with another company or title; the job before and after,
  when, and where the news came from (an import run, so that undoing the import removes it).
* Indexes on names and readings, for finding the person a card is about.
"""

import sqlalchemy as sa
from alembic import op

from cardbox.domain.companies import company_key

revision = "0006"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contact") as batch:
        batch.add_column(sa.Column("company_key", sa.String(), nullable=False, server_default=""))
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, company FROM contact WHERE company != ''")).fetchall()
    keys = [{"id": cid, "key": company_key(company)} for cid, company in rows if company.strip()]
    if keys:
        conn.execute(sa.text("UPDATE contact SET company_key = :key WHERE id = :id"), keys)
    op.create_index("ix_contact_company_key", "contact", ["company_key"])
    op.create_index("ix_contact_names", "contact", ["family_name", "given_name"])
    op.create_index("ix_contact_readings", "contact", ["family_reading", "given_reading"])
    op.create_table(
        "company",
        sa.Column("key", sa.String(), primary_key=True),
        sa.Column("name", sa.String(), nullable=False, server_default=""),
        sa.Column("reading", sa.String(), nullable=False, server_default=""),
        sa.Column("industry", sa.String(), nullable=False, server_default=""),
        sa.Column("updated_at", sa.String(), nullable=False, server_default=""),
    )
    op.create_table(
        "job_change",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "contact_id",
            sa.Integer(),
            sa.ForeignKey("contact.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("at", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False, server_default=""),
        sa.Column("run_id", sa.Integer(), nullable=True, index=True),
        sa.Column("old_company", sa.String(), nullable=False, server_default=""),
        sa.Column("old_company_key", sa.String(), nullable=False, server_default="", index=True),
        sa.Column("old_department", sa.String(), nullable=False, server_default=""),
        sa.Column("old_title", sa.String(), nullable=False, server_default=""),
        sa.Column("new_company", sa.String(), nullable=False, server_default=""),
        sa.Column("new_company_key", sa.String(), nullable=False, server_default=""),
        sa.Column("new_department", sa.String(), nullable=False, server_default=""),
        sa.Column("new_title", sa.String(), nullable=False, server_default=""),
    )


def downgrade() -> None:
    op.drop_table("job_change")
    op.drop_table("company")
    op.drop_index("ix_contact_readings", "contact")
    op.drop_index("ix_contact_names", "contact")
    op.drop_index("ix_contact_company_key", "contact")
    with op.batch_alter_table("contact") as batch:
        batch.drop_column("company_key")
