"""The write path: SQLModel rows in one ``BEGIN IMMEDIATE`` transaction per unit of work.

Nothing ORM leaves this module: callers pass domain values in and get ids back. The search
document of every contact written is refreshed in the same transaction.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, col, delete, select

from cardbox.domain.errors import InvalidInput
from cardbox.domain.model import Contact, Event, Industry
from cardbox.domain.text import normalise
from cardbox.store import read
from cardbox.store.engine import make_engine
from cardbox.store.index import contact_sort_key, write_documents
from cardbox.store.tables import (
    AddressRow,
    ContactIndustryRow,
    ContactRow,
    ContactTagRow,
    EmailRow,
    EventRow,
    IndustryRow,
    MeetingRow,
    PhoneRow,
    SettingRow,
    TagRow,
    UrlRow,
)


def now_text() -> str:
    """The current UTC time as stored: ``2026-11-24T10:00:00.123456+00:00``."""
    return datetime.now(UTC).isoformat()


def raw(session: Session) -> sqlite3.Connection:
    """The sqlite3 connection under a session's transaction (for the plain-SQL read path)."""
    conn = session.connection().connection.dbapi_connection
    assert isinstance(conn, sqlite3.Connection)
    return conn


class Writer:
    """Units of work on one engine."""

    def __init__(self, engine: Engine, taxonomy: Callable[[], Mapping[str, Industry]]) -> None:
        self._engine = engine
        self._taxonomy = taxonomy

    @classmethod
    def on_path(cls, path: Path, taxonomy: Callable[[], Mapping[str, Industry]]) -> Writer:
        """A writer with its own engine on the file at ``path``."""
        return cls(make_engine(path), taxonomy)

    def dispose(self) -> None:
        """Close the engine's connections."""
        self._engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose transaction has begun (``BEGIN IMMEDIATE``) and commits on success."""
        with Session(self._engine, expire_on_commit=False) as session:
            session.connection()  # begin now: take the write lock before reading anything
            yield session
            session.commit()

    # -- contacts -----------------------------------------------------------------------------

    def add(self, contacts: Sequence[Contact]) -> list[int]:
        """Insert new contacts in one transaction; returns their ids in order."""
        with self.session() as s:
            stamp = now_text()
            rows: list[ContactRow] = []
            for c in contacts:
                row = ContactRow(uid=c.uid or str(uuid.uuid4()), created_at=stamp)
                self._fill(s, row, c, stamp)
                s.add(row)
                rows.append(row)
            s.flush()
            ids = [r.id for r in rows if r.id is not None]
            for row, c in zip(rows, contacts, strict=True):
                assert row.id is not None
                self._links(s, row.id, c)
            self._index(s, ids)
        return ids

    def update(self, contact_id: int, change: Callable[[Contact], Contact]) -> None:
        """Read-modify-write one contact; the write lock is held from the read to the commit."""
        with self.session() as s:
            (current,) = read.load_contacts(raw(s), [contact_id])
            new = change(current)
            row = s.get(ContactRow, contact_id)
            assert row is not None
            self._fill(s, row, new, now_text())
            s.flush()
            self._links(s, contact_id, new)
            self._index(s, [contact_id])

    def set_deleted(self, ids: Sequence[int], deleted: bool) -> None:
        """Move contacts to the trash, or bring them back."""
        with self.session() as s:
            stamp = now_text()
            for cid in ids:
                row = s.get(ContactRow, cid)
                if row is not None:
                    row.deleted_at = stamp if deleted else None
                    row.updated_at = stamp

    def purge(self, ids: Sequence[int]) -> int:
        """Delete contacts for good (children and search documents go with them)."""
        with self.session() as s:
            result = s.execute(delete(ContactRow).where(col(ContactRow.id).in_(ids)))
            return int(getattr(result, "rowcount", 0) or 0)

    def reindex(self, ids: Sequence[int] | None = None) -> None:
        """Recompute search documents (all of them when ``ids`` is None)."""
        with self.session() as s:
            todo = list(read.all_ids(raw(s))) if ids is None else list(ids)
            for start in range(0, len(todo), 1000):
                self._index(s, todo[start : start + 1000])

    def _fill(self, s: Session, row: ContactRow, c: Contact, stamp: str) -> None:
        row.family_name = c.family_name
        row.given_name = c.given_name
        row.family_reading = c.family_reading
        row.given_reading = c.given_reading
        row.reading_confirmed = c.reading_confirmed
        row.company = c.company
        row.company_reading = c.company_reading
        row.department = c.department
        row.title = c.title
        row.notes = c.notes
        row.extra = json.dumps(c.extra, ensure_ascii=False, sort_keys=True)
        row.sort_key = contact_sort_key(c)
        row.updated_at = stamp
        row.phones = [
            PhoneRow(position=i, label=p.label, e164=p.e164, text=p.text)
            for i, p in enumerate(c.phones)
        ]
        row.emails = [
            EmailRow(position=i, label=e.label, address=e.address) for i, e in enumerate(c.emails)
        ]
        row.addresses = [
            AddressRow(
                position=i,
                label=a.label,
                postal_code=a.postal_code,
                region=a.region,
                locality=a.locality,
                street=a.street,
                building=a.building,
                country=a.country,
            )
            for i, a in enumerate(c.addresses)
        ]
        row.urls = [UrlRow(position=i, label=u.label, url=u.url) for i, u in enumerate(c.urls)]
        meetings = []
        for i, m in enumerate({m.event: m for m in c.meetings}.values()):
            event = self._event(s, m.event)
            assert event.id is not None
            order = m.position
            if order is None:  # a new meeting: the next card of that event's evening
                order = self._next_order(s, event)
            meetings.append(
                MeetingRow(
                    position=i,
                    event_id=event.id,
                    met_order=order,
                    talked_about=m.talked_about,
                    introduced_by=m.introduced_by,
                )
            )
        row.meetings = meetings

    def _next_order(self, s: Session, event: EventRow) -> int:
        s.flush()
        row = (
            raw(s)
            .execute(
                "SELECT coalesce(max(met_order), 0) + 1 FROM meeting WHERE event_id = ?",
                (event.id,),
            )
            .fetchone()
        )
        return int(row[0])

    def _links(self, s: Session, contact_id: int, c: Contact) -> None:
        s.execute(
            delete(ContactIndustryRow).where(col(ContactIndustryRow.contact_id) == contact_id)
        )
        s.execute(delete(ContactTagRow).where(col(ContactTagRow.contact_id) == contact_id))
        for code in dict.fromkeys(c.industries):
            industry = s.exec(select(IndustryRow).where(IndustryRow.code == code)).first()
            if industry is None:
                raise InvalidInput(f"unknown industry {code!r} (see `cardbox industries`)")
            assert industry.id is not None
            s.add(ContactIndustryRow(contact_id=contact_id, industry_id=industry.id))
        for name in dict.fromkeys(t.strip() for t in c.tags if t.strip()):
            s.add(ContactTagRow(contact_id=contact_id, tag_id=self._tag(s, name)))
        s.flush()

    def _index(self, s: Session, ids: Sequence[int]) -> None:
        s.flush()
        conn = raw(s)
        write_documents(conn, read.load_contacts(conn, ids), self._taxonomy())

    def _tag(self, s: Session, name: str) -> int:
        norm = normalise(name)
        found = s.exec(select(TagRow).where(TagRow.name_norm == norm)).first()
        if found is not None:
            return int(found.id)  # type: ignore[arg-type]
        tag = TagRow(name=name, name_norm=norm)
        s.add(tag)
        s.flush()
        assert tag.id is not None
        return tag.id

    def _event(self, s: Session, name: str) -> EventRow:
        found = s.exec(select(EventRow).where(EventRow.name == name)).first()
        if found is not None:
            return found
        event = EventRow(name=name, name_norm=normalise(name), created_at=now_text())
        s.add(event)
        s.flush()
        return event

    # -- events, industries, settings ---------------------------------------------------------

    def save_event(self, event: Event) -> None:
        """Create an event, or update the details of the one with that name."""
        with self.session() as s:
            row = self._event(s, event.name)
            row.date = event.date.isoformat() if event.date else row.date
            row.venue = event.venue or row.venue
            row.organiser = event.organiser or row.organiser
            row.notes = event.notes or row.notes

    def save_industries(self, industries: Sequence[Industry]) -> None:
        """Insert or update taxonomy nodes by code."""
        with self.session() as s:
            for ind in industries:
                found = s.exec(select(IndustryRow).where(IndustryRow.code == ind.code)).first()
                row = found if found is not None else IndustryRow(code=ind.code)
                row.parent_code = ind.parent
                row.name_en = ind.name_en
                row.name_ja = ind.name_ja
                row.aliases = "\n".join(ind.aliases)
                row.user_defined = ind.user_defined
                s.add(row)

    def set_setting(self, key: str, value: str) -> None:
        """Store a setting."""
        with self.session() as s:
            s.merge(SettingRow(key=key, value=value))
