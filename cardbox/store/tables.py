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


# The tables of what happened to the contacts (imports, reminders, merges ...) live beside these;
# importing them here keeps `cardbox.store.tables` the one import that fills the metadata.
from cardbox.store.history_tables import (  # noqa: E402
    CadenceDefaultRow,
    CardHashRow,
    CompanyRow,
    ImportChangeRow,
    ImportFailureRow,
    ImportRunRow,
    InteractionRow,
    JobChangeRow,
    MergeLogRow,
    ReminderLogRow,
    ReminderRow,
)

__all__ = [
    "AddressRow",
    "CadenceDefaultRow",
    "CardHashRow",
    "CompanyRow",
    "ContactIndustryRow",
    "ContactRow",
    "ContactTagRow",
    "EmailRow",
    "EventRow",
    "ImportChangeRow",
    "ImportFailureRow",
    "ImportRunRow",
    "IndustryRow",
    "InteractionRow",
    "JobChangeRow",
    "MeetingRow",
    "MergeLogRow",
    "PhoneRow",
    "PhotoRow",
    "ReminderLogRow",
    "ReminderRow",
    "SearchRow",
    "SettingRow",
    "TagRow",
    "UrlRow",
]
