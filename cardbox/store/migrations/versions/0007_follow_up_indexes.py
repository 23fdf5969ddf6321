"""indexes for the agenda: open reminders by due time, own cadences, birthdays by day

Revision ID: 0007
Revises: 0005
Create Date: 2026-11-24

Partial indexes, so each holds only the rows the agenda asks about: `cardbox due` on 100,000
contacts reads a few thousand index entries instead of scanning the contact table three times.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_reminder_open_due",
        "reminder",
        ["due_at", "contact_id"],
        sqlite_where=sa.text("done_at IS NULL"),
    )
    op.create_index(
        "ix_contact_cadence", "contact", ["cadence"], sqlite_where=sa.text("cadence != ''")
    )
    op.execute(
        "CREATE INDEX ix_contact_birthday_day ON contact (substr(birthday, -5))"
        " WHERE birthday != ''"
    )


def downgrade() -> None:
    op.drop_index("ix_contact_birthday_day", "contact")
    op.drop_index("ix_contact_cadence", "contact")
    op.drop_index("ix_reminder_open_due", "reminder")
