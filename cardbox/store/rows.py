"""Rows of the read path to domain values, by column name, in one place.

Reads run on plain sqlite3 (no ORM at import time), which returns tuples; each read selects the
columns listed here and converts the tuple here, by name, so a column added or moved is one edit
and a test checks every name against the schema (`tests/store/test_rows.py`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from cardbox.domain.model import Contact, Reminder

CONTACT = (
    "id",
    "uid",
    "family_name",
    "given_name",
    "middle_name",
    "name_prefix",
    "name_suffix",
    "formatted_name",
    "family_reading",
    "given_reading",
    "reading_confirmed",
    "company",
    "company_reading",
    "company_reading_confirmed",
    "department",
    "title",
    "notes",
    "extra",
    "created_at",
    "updated_at",
    "deleted_at",
    "birthday",
    "cadence",
)
"""The contact table's own columns a whole `Contact` is read from (children are other tables)."""

PERSON = (
    "id",
    "uid",
    "family_name",
    "given_name",
    "family_reading",
    "given_reading",
    "company",
    "company_reading",
    "department",
    "title",
)
"""The columns of a light `Contact` (names, readings, company, department, title): agenda lines
read them along with their own, so that no second lookup is needed."""

LIGHT = (*PERSON, "middle_name")
"""`PERSON` and the middle name: the contacts of long lists and identity candidates."""

REMINDER = ("id", "contact_id", "due_at", "zone", "note", "rule", "start_at", "done_at")
"""The reminder table's columns a `Reminder` is read from."""


def columns(names: Sequence[str], alias: str = "") -> str:
    """``names`` as a select list, each prefixed with ``alias.`` when given."""
    return ", ".join(f"{alias}.{n}" if alias else n for n in names)


def when(text: str | None) -> datetime | None:
    """A stored time (UTC ISO text) as an aware datetime; None for none."""
    return datetime.fromisoformat(text) if text else None


def contact(r: Sequence[Any], **children: Any) -> Contact:
    """A `Contact` from a row of `CONTACT` columns, with ``children`` (phones, emails ...)."""
    v = dict(zip(CONTACT, r, strict=True))
    return Contact(
        id=v["id"],
        uid=v["uid"],
        family_name=v["family_name"],
        given_name=v["given_name"],
        middle_name=v["middle_name"],
        name_prefix=v["name_prefix"],
        name_suffix=v["name_suffix"],
        formatted_name=v["formatted_name"],
        family_reading=v["family_reading"],
        given_reading=v["given_reading"],
        reading_confirmed=bool(v["reading_confirmed"]),
        company=v["company"],
        company_reading=v["company_reading"],
        company_reading_confirmed=bool(v["company_reading_confirmed"]),
        department=v["department"],
        title=v["title"],
        notes=v["notes"],
        extra=json.loads(v["extra"] or "{}"),
        created=when(v["created_at"]),
        updated=when(v["updated_at"]),
        deleted=when(v["deleted_at"]),
        birthday=v["birthday"],
        cadence=v["cadence"],
        **children,
    )


def person(r: Sequence[object]) -> Contact:
    """A light `Contact` from a row of `PERSON` columns."""
    v = {k: str(x) for k, x in zip(PERSON, r, strict=True)}
    return Contact(
        id=int(v["id"]),
        uid=v["uid"],
        family_name=v["family_name"],
        given_name=v["given_name"],
        family_reading=v["family_reading"],
        given_reading=v["given_reading"],
        company=v["company"],
        company_reading=v["company_reading"],
        department=v["department"],
        title=v["title"],
    )


def light(r: Sequence[object]) -> Contact:
    """A light `Contact` from a row of `LIGHT` columns."""
    v = dict(zip(LIGHT, r, strict=True))
    return replace(person(r[: len(PERSON)]), middle_name=str(v["middle_name"]))


def reminder(r: Sequence[object]) -> Reminder:
    """A `Reminder` from a row of `REMINDER` columns."""
    v = dict(zip(REMINDER, r, strict=True))
    due = when(str(v["due_at"]))
    assert due is not None
    return Reminder(
        id=int(str(v["id"])),
        contact_id=int(str(v["contact_id"])),
        due=due,
        zone=str(v["zone"]),
        note=str(v["note"]),
        rule=str(v["rule"]) if v["rule"] else None,
        start=when(str(v["start_at"])),
        done=when(str(v["done_at"])) if v["done_at"] else None,
    )
