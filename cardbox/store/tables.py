"""SQLModel tables: the schema's single source of truth (Alembic migrations are written from it).

No ``from __future__ import annotations`` here: SQLModel relationships do not work with it
(fastapi/sqlmodel#196). Timestamps are ISO 8601 UTC strings (``2026-11-24T10:00:00Z``) so that the
plain-sqlite3 read path and the ORM write path agree on them byte for byte.
"""

from sqlalchemy import Column, ForeignKey, Index, Integer, LargeBinary, UniqueConstraint, text
from sqlmodel import Field, SQLModel


def _owner() -> Column:  # type: ignore[type-arg]
    return Column(
        Integer,
        ForeignKey("contact.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


class ContactRow(SQLModel, table=True):
    __tablename__ = "contact"
    # Finding the person a card is about, by name or reading (migration 0006).
    __table_args__ = (
        Index("ix_contact_names", "family_name", "given_name"),
        Index("ix_contact_readings", "family_reading", "given_reading"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(unique=True)
    family_name: str = ""
    given_name: str = ""
    middle_name: str = ""
    """N's additional names (migration 0008), as are the prefix, suffix and formatted name."""
    name_prefix: str = ""
    name_suffix: str = ""
    formatted_name: str = ""
    family_reading: str = ""
    given_reading: str = ""
    reading_confirmed: bool = True
    company: str = ""
    company_reading: str = ""
    company_reading_confirmed: bool = True
    company_key: str = Field(default="", index=True)
    """`company_key` of ``company`` (migration 0006): the company as an entity."""
    department: str = ""
    title: str = ""
    notes: str = ""
    sort_key: str = Field(default="", index=True)
    birthday: str = ""
    cadence: str = ""
    extra: str = "{}"
    created_at: str = ""
    updated_at: str = ""
    deleted_at: str | None = Field(default=None, index=True)


class PhoneRow(SQLModel, table=True):
    __tablename__ = "phone"

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int | None = Field(default=None, sa_column=_owner())
    position: int = 0
    label: str = ""
    e164: str = Field(index=True)
    text: str = ""


class EmailRow(SQLModel, table=True):
    __tablename__ = "email"
    # Import matches people by e-mail whatever its case (migration 0003).
    __table_args__ = (Index("ix_email_address_lower", text("lower(address)")),)

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int | None = Field(default=None, sa_column=_owner())
    position: int = 0
    label: str = ""
    address: str = Field(index=True)


class AddressRow(SQLModel, table=True):
    __tablename__ = "address"

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int | None = Field(default=None, sa_column=_owner())
    position: int = 0
    label: str = ""
    postal_code: str = ""
    region: str = ""
    locality: str = ""
    street: str = ""
    building: str = ""
    country: str = ""


class UrlRow(SQLModel, table=True):
    __tablename__ = "url"

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int | None = Field(default=None, sa_column=_owner())
    position: int = 0
    label: str = ""
    url: str = ""


class EventRow(SQLModel, table=True):
    __tablename__ = "event"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    name_norm: str = Field(default="", index=True)
    date: str | None = None
    venue: str = ""
    organiser: str = ""
    notes: str = ""
    created_at: str = ""
    follow_up: str = ""
    follow_up_note: str = ""


class MeetingRow(SQLModel, table=True):
    """A contact met at an event, in a given order, with what was talked about."""

    __tablename__ = "meeting"
    __table_args__ = (
        UniqueConstraint("contact_id", "event_id"),
        # Search walks an event's contacts newest first (migration 0002).
        Index("ix_meeting_event_contact", "event_id", "contact_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int | None = Field(default=None, sa_column=_owner())
    event_id: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("event.id", ondelete="RESTRICT"),
            nullable=False,
            index=True,
        )
    )
    position: int = 0
    """Where this meeting sits among the contact's meetings (display order)."""
    met_order: int | None = None
    """The order the card was met in at the event."""
    talked_about: str = ""
    introduced_by: str = ""


class IndustryRow(SQLModel, table=True):
    __tablename__ = "industry"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True)
    parent_code: str | None = Field(default=None, index=True)
    name_en: str = ""
    name_ja: str = ""
    aliases: str = ""
    """Aliases separated by newlines."""
    user_defined: bool = False


class ContactIndustryRow(SQLModel, table=True):
    __tablename__ = "contact_industry"
    __table_args__ = (Index("ix_contact_industry_industry_contact", "industry_id", "contact_id"),)

    contact_id: int = Field(
        sa_column=Column(Integer, ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True)
    )
    industry_id: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("industry.id", ondelete="RESTRICT"),
            primary_key=True,
            index=True,
        )
    )


class TagRow(SQLModel, table=True):
    __tablename__ = "tag"

    id: int | None = Field(default=None, primary_key=True)
    name: str = ""
    name_norm: str = Field(unique=True)


class ContactTagRow(SQLModel, table=True):
    __tablename__ = "contact_tag"
    __table_args__ = (Index("ix_contact_tag_tag_contact", "tag_id", "contact_id"),)

    contact_id: int = Field(
        sa_column=Column(Integer, ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True)
    )
    tag_id: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("tag.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        )
    )


class SettingRow(SQLModel, table=True):
    __tablename__ = "setting"

    key: str = Field(primary_key=True)
    value: str = ""


class SearchRow(SQLModel, table=True):
    """Normalised text of one live contact, indexed by ``contact_fts`` (migration 0002)."""

    __tablename__ = "contact_search"
    __table_args__ = (Index("ix_contact_search_sort", "sort_key", "contact_id"),)

    contact_id: int = Field(
        sa_column=Column(Integer, ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True)
    )
    sort_key: str = ""
    name: str = ""
    company: str = ""
    role: str = ""
    labels: str = ""
    reach: str = ""
    notes: str = ""


class PhotoRow(SQLModel, table=True):
    __tablename__ = "photo"

    contact_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True),
    )
    mime: str = "image/jpeg"
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


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
