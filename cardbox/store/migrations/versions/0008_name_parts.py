"""N's five parts and the company reading's flag

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-03

* ``contact.middle_name``, ``name_prefix``, ``name_suffix``: vCard N's additional names,
  honorific prefixes and suffixes as fields of their own. Prefixes and suffixes that imports kept
  in ``extra`` (``name_prefix`` / ``name_suffix``) move here. Middle names that older imports
  joined onto the given name stay there: they cannot be told apart from a two-word given name.
* ``contact.formatted_name``: the card's FN when it differs from the name the parts give (empty
  otherwise); it is the display name.
* ``contact.company_reading_confirmed``: False while the company reading is only a suggestion.
  Existing readings are taken as confirmed.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0006"
branch_labels = None
depends_on = None

_TEXT = ("middle_name", "name_prefix", "name_suffix", "formatted_name")


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN: a batch (copy and rename) would drop the contact
    # table's triggers and make SQLite rebuild what depends on it.
    for name in _TEXT:
        op.add_column("contact", sa.Column(name, sa.String(), nullable=False, server_default=""))
    op.add_column(
        "contact",
        sa.Column(
            "company_reading_confirmed", sa.Boolean(), nullable=False, server_default=sa.text("1")
        ),
    )
    op.execute(
        "UPDATE contact SET"
        " name_prefix = coalesce(json_extract(extra, '$.name_prefix'), ''),"
        " name_suffix = coalesce(json_extract(extra, '$.name_suffix'), ''),"
        " extra = json_remove(extra, '$.name_prefix', '$.name_suffix')"
        " WHERE json_valid(extra) AND (json_extract(extra, '$.name_prefix') IS NOT NULL"
        " OR json_extract(extra, '$.name_suffix') IS NOT NULL)"
    )


def downgrade() -> None:
    op.execute(
        "UPDATE contact SET extra = json_set(extra, '$.name_prefix', name_prefix)"
        " WHERE name_prefix != '' AND json_valid(extra)"
    )
    op.execute(
        "UPDATE contact SET extra = json_set(extra, '$.name_suffix', name_suffix)"
        " WHERE name_suffix != '' AND json_valid(extra)"
    )
    for name in ("company_reading_confirmed", *reversed(_TEXT)):
        op.drop_column("contact", name)
