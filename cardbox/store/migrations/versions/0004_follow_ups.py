"""follow-ups: reminders, interactions, keep-in-touch cadences, event follow-up defaults

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24

Times are ISO 8601 strings in UTC; every reminder also keeps the IANA zone it was set in, so
that "every month at 09:00" stays 09:00 local time across daylight-saving changes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _owner() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(
        "contact_id",
        sa.Integer(),
        sa.ForeignKey("contact.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


def upgrade() -> None:
    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), primary_key=True),
        _owner(),
        sa.Column("due_at", sa.String(), nullable=False, index=True),
        sa.Column("zone", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False, server_default=""),
        sa.Column("rule", sa.String(), nullable=True),
        sa.Column("start_at", sa.String(), nullable=False),
        sa.Column("done_at", sa.String(), nullable=True, index=True),
        sa.Column("created_at", sa.String(), nullable=False),
    )
    op.create_table(
        "reminder_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "reminder_id",
            sa.Integer(),
            sa.ForeignKey("reminder.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("occurrence", sa.String(), nullable=False),
        sa.Column("at", sa.String(), nullable=False),
        sa.UniqueConstraint("reminder_id", "kind", "occurrence"),
    )
    op.create_table(
        "interaction",
        sa.Column("id", sa.Integer(), primary_key=True),
        _owner(),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("at", sa.String(), nullable=False),
        sa.Column("text", sa.String(), nullable=False, server_default=""),
    )
    op.create_index("ix_interaction_contact_at", "interaction", ["contact_id", "at"])
    with op.batch_alter_table("contact") as batch:
        batch.add_column(sa.Column("cadence", sa.String(), nullable=False, server_default=""))
    op.create_table(
        "cadence_default",
        sa.Column("kind", sa.String(), primary_key=True),
        sa.Column("key", sa.String(), primary_key=True),
        sa.Column("cadence", sa.String(), nullable=False),
    )
    with op.batch_alter_table("event") as batch:
        batch.add_column(sa.Column("follow_up", sa.String(), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("follow_up_note", sa.String(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("event") as batch:
        batch.drop_column("follow_up_note")
        batch.drop_column("follow_up")
    op.drop_table("cadence_default")
    with op.batch_alter_table("contact") as batch:
        batch.drop_column("cadence")
    op.drop_index("ix_interaction_contact_at", "interaction")
    op.drop_table("interaction")
    op.drop_table("reminder_log")
    op.drop_table("reminder")
