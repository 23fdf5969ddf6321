"""What every part of the write path shares: the tables as Core tables, the transaction's
guard, timestamps, the raw connection under a session, and contact rows as column values.

The write path (`write.Writer`, `imports`, `merges`) writes with SQLAlchemy Core bulk statements
on the SQLModel tables and, where a statement is simpler as text or runs per row in a loop that
must stay fast (card hashes, moving follow-ups, the import log's counters), raw SQL on the same
connection (`raw`), in the same transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session

from cardbox.domain.companies import JobChange, company_key, job_change
from cardbox.domain.errors import InvalidInput, StoreError
from cardbox.domain.model import Contact
from cardbox.domain.text import normalise
from cardbox.store import companies
from cardbox.store.db import CardConflict
from cardbox.store.index import contact_sort_key
from cardbox.store.tables import (
    AddressRow,
    ContactIndustryRow,
    ContactRow,
    ContactTagRow,
    EmailRow,
    EventRow,
    MeetingRow,
    PhoneRow,
    PhotoRow,
    TagRow,
    UrlRow,
)
from cardbox.store.uow import Transaction


def table_of(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


CONTACT = table_of(ContactRow)
CHILDREN = [
    table_of(m)
    for m in (
        PhoneRow,
        EmailRow,
        AddressRow,
        UrlRow,
        MeetingRow,
        ContactIndustryRow,
        ContactTagRow,
        PhotoRow,
    )
]


FOLLOW_UP_ROWS = ("interaction", "reminder")
"""Rows a `Then` hook may add: an import logs them so that its undo removes them."""

Then = Callable[[Transaction, Sequence[int]], Sequence[tuple[str, int, int]]]
"""Work done in the same transaction as the contacts it follows (the "met" interaction and the
event's follow-up reminder of cards logged at an event): called with the ids written, it returns
the rows it added as (table, contact id, row id), one of `FOLLOW_UP_ROWS`."""


def job_news(
    conn: sqlite3.Connection, current: Contact, card: Contact, source: str, stamp: str
) -> JobChange | None:
    """The job change ``card`` brings to the stored contact ``current``, dated ``stamp`` and
    credited to ``source``; None when it brings none."""
    assert current.id is not None
    change = job_change(current, card, companies.past_jobs(conn, current.id))
    if change is None:
        return None
    return replace(change, contact_id=current.id, at=datetime.fromisoformat(stamp), source=source)


@contextmanager
def guarded(path: str) -> Iterator[None]:
    """Errors of a write transaction (rolled back) as messages: a constraint the box refused
    becomes `CardConflict`, a storage failure (disk full, read-only file or folder, I/O
    error, lock held too long) `StoreError`."""
    try:
        yield
    except (IntegrityError, sqlite3.IntegrityError) as exc:
        raise CardConflict(f"the box refused it ({_reason(exc)})") from None
    except (OperationalError, sqlite3.OperationalError) as exc:
        raise StoreError("store.unwritable", path=path, reason=_reason(exc)) from None


def _reason(exc: Exception) -> str:
    return (str(getattr(exc, "orig", None) or exc).splitlines() or ["unknown error"])[0]


def now_text() -> str:
    """The current UTC time as stored: ``2026-11-24T10:00:00.123456+00:00``."""
    return datetime.now(UTC).isoformat()


def raw(session: Session) -> sqlite3.Connection:
    """The sqlite3 connection under a session's transaction (for the plain-SQL read path)."""
    conn = session.connection().connection.dbapi_connection
    assert isinstance(conn, sqlite3.Connection)
    return conn


class Lookups:
    """Event, tag and industry ids for one transaction, created on first use."""

    def __init__(self, s: Session) -> None:
        self.s = s
        conn = raw(s)
        self.events: dict[str, int] = dict(conn.execute("SELECT name, id FROM event").fetchall())
        self.tags: dict[str, int] = dict(conn.execute("SELECT name_norm, id FROM tag").fetchall())
        self.industries: dict[str, int] = dict(
            conn.execute("SELECT code, id FROM industry").fetchall()
        )
        self.next_order: dict[int, int] = {}

    def event(self, name: str) -> int:
        if name not in self.events:
            self.events[name] = self.s.execute(
                insert(EventRow)
                .values(name=name, name_norm=normalise(name), created_at=now_text())
                .returning(table_of(EventRow).c.id)
            ).scalar_one()
        return self.events[name]

    def order(self, event_id: int) -> int:
        """The next card number at an event (1 for the first card of the evening)."""
        if event_id not in self.next_order:
            row = raw(self.s).execute(
                "SELECT coalesce(max(met_order), 0) FROM meeting WHERE event_id = ?", (event_id,)
            )
            self.next_order[event_id] = int(row.fetchone()[0])
        self.next_order[event_id] += 1
        return self.next_order[event_id]

    def tag(self, name: str) -> int:
        norm = normalise(name)
        if norm not in self.tags:
            self.tags[norm] = self.s.execute(
                insert(TagRow).values(name=name, name_norm=norm).returning(table_of(TagRow).c.id)
            ).scalar_one()
        return self.tags[norm]

    def industry(self, code: str) -> int:
        if code not in self.industries:
            raise InvalidInput("industry.unknown", name=code, field="industries")
        return self.industries[code]


def contact_values(c: Contact, stamp: str) -> dict[str, Any]:
    return {
        "family_name": c.family_name,
        "given_name": c.given_name,
        "middle_name": c.middle_name,
        "name_prefix": c.name_prefix,
        "name_suffix": c.name_suffix,
        "formatted_name": c.formatted_name,
        "family_reading": c.family_reading,
        "given_reading": c.given_reading,
        "reading_confirmed": c.reading_confirmed,
        "company": c.company,
        "company_reading": c.company_reading,
        "company_reading_confirmed": c.company_reading_confirmed,
        "company_key": company_key(c.company) if c.company.strip() else "",
        "department": c.department,
        "title": c.title,
        "notes": c.notes,
        "extra": json.dumps(c.extra, ensure_ascii=False, sort_keys=True),
        "sort_key": contact_sort_key(c),
        "birthday": c.birthday,
        "cadence": c.cadence,
        "updated_at": stamp,
    }


def without_key(extra: dict[str, str], key: str) -> dict[str, str]:
    return {k: v for k, v in extra.items() if k != key} if key in extra else extra
