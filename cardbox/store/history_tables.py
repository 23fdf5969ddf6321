"""SQLModel tables of what happened to the contacts: imports (runs, changes, failures, card
hashes), reminders and their log, interactions, cadence defaults, merges, companies and job
changes. Split from `cardbox.store.tables` (the contacts and what they hold), which imports this
module at its end so that importing either fills the whole metadata.

No ``from __future__ import annotations`` here, as in `cardbox.store.tables`.
"""

from sqlalchemy import Column, ForeignKey, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel


class ImportRunRow(SQLModel, table=True):
    """One `cardbox import`: what it read and what it did (migration 0003)."""

    __tablename__ = "import_run"

    id: int | None = Field(default=None, primary_key=True)
    started_at: str = ""
    sources: str = ""
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    undone_at: str | None = None


class ImportChangeRow(SQLModel, table=True):
    """A contact an import added, or updated (with its state before, as JSON, for undo)."""

    __tablename__ = "import_change"

    id: int | None = Field(default=None, primary_key=True)
    run_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("import_run.id", ondelete="CASCADE"), index=True),
    )
    contact_id: int = 0
    action: str = ""
    before: str | None = None


class ImportFailureRow(SQLModel, table=True):
    """A card an import could not take, with where, why, and its raw text."""

    __tablename__ = "import_failure"

    id: int | None = Field(default=None, primary_key=True)
    run_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("import_run.id", ondelete="CASCADE"), index=True),
    )
    source: str = ""
    line: int = 0
    reason: str = ""
    raw: str = ""


class CardHashRow(SQLModel, table=True):
    """The hash of a card's text, for every contact an import made or updated from it."""

    __tablename__ = "card_hash"

    hash: str = Field(primary_key=True)
    contact_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("contact.id", ondelete="CASCADE"), nullable=False, index=True
        ),
    )


def _contact_fk() -> Column:  # type: ignore[type-arg]
    return Column(Integer, ForeignKey("contact.id", ondelete="CASCADE"), nullable=False, index=True)


class ReminderRow(SQLModel, table=True):
    """A follow-up (migration 0004). Times are UTC ISO strings; ``zone`` is the IANA zone."""

    __tablename__ = "reminder"

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int | None = Field(default=None, sa_column=_contact_fk())
    due_at: str = Field(index=True)
    zone: str = ""
    note: str = ""
    rule: str | None = None
    start_at: str = ""
    done_at: str | None = Field(default=None, index=True)
    created_at: str = ""


class ReminderLogRow(SQLModel, table=True):
    """Each occurrence done or snoozed, once (the unique key is what prevents firing twice)."""

    __tablename__ = "reminder_log"
    __table_args__ = (UniqueConstraint("reminder_id", "kind", "occurrence"),)

    id: int | None = Field(default=None, primary_key=True)
    reminder_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("reminder.id", ondelete="CASCADE"), nullable=False, index=True
        ),
    )
    kind: str = ""
    occurrence: str = ""
    at: str = ""


class InteractionRow(SQLModel, table=True):
    """Something that happened with a contact (migration 0004)."""

    __tablename__ = "interaction"
    __table_args__ = (Index("ix_interaction_contact_at", "contact_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int | None = Field(default=None, sa_column=_contact_fk())
    kind: str = ""
    at: str = ""
    text: str = ""


class CadenceDefaultRow(SQLModel, table=True):
    """A default keep-in-touch cadence for everyone with a tag or in an industry."""

    __tablename__ = "cadence_default"

    kind: str = Field(primary_key=True)
    key: str = Field(primary_key=True)
    cadence: str = ""


class MergeLogRow(SQLModel, table=True):
    """A merge of two contacts (migration 0005): the kept one's state before, and what moved."""

    __tablename__ = "merge_log"

    id: int | None = Field(default=None, primary_key=True)
    kept_id: int = 0
    gone_id: int = 0
    before: str = ""
    moved: str = "{}"
    at: str = ""
    undone_at: str | None = None


class CompanyRow(SQLModel, table=True):
    """What the user said about a company as a whole, by `company_key` (migration 0006).

    Its people are the contacts with that key; nothing about them is copied here.
    """

    __tablename__ = "company"

    key: str = Field(primary_key=True)
    name: str = ""
    """The display name chosen by the user (else the most common spelling among its people)."""
    reading: str = ""
    industry: str = ""
    """An industry code; its people get it (and so does anyone who joins later)."""
    updated_at: str = ""


class JobChangeRow(SQLModel, table=True):
    """A known person arrived with another company or title (migration 0006)."""

    __tablename__ = "job_change"

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int | None = Field(default=None, sa_column=_contact_fk())
    at: str = ""
    source: str = ""
    run_id: int | None = Field(default=None, index=True)
    """The import that brought the news: undoing it removes the change."""
    old_company: str = ""
    old_company_key: str = Field(default="", index=True)
    old_department: str = ""
    old_title: str = ""
    new_company: str = ""
    new_company_key: str = ""
    new_department: str = ""
    new_title: str = ""
