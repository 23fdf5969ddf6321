"""The write path: one ``BEGIN IMMEDIATE`` transaction per unit of work, on SQLModel's tables.

Rows are written as SQLAlchemy Core bulk statements on the SQLModel tables (``executemany``), not
as ORM objects one by one: a batch of a thousand cards is a handful of statements. Contact ids are
given out inside the transaction, which holds the write lock, so they are known before any child
row is written. The search document of every contact written is refreshed in the same transaction.
Nothing ORM leaves the write path: callers pass domain values in and get ids back.

`Writer` holds the contact writes; an import batch and its undo are `imports`, merges `merges`,
events, the taxonomy and settings `catalog` (single rows, through the ORM); what they share is
`writing`. One style per kind of work: Core bulk statements for contact rows, raw
SQL on the same connection only for per-row bookkeeping (hashes, moved follow-ups, counters),
the ORM for single catalog rows.
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, insert, update
from sqlmodel import Session

from cardbox.domain.companies import JobChange, with_job
from cardbox.domain.model import Contact, Industry, Meeting
from cardbox.store import catalog as _catalog
from cardbox.store import companies, read
from cardbox.store import imports as _imports
from cardbox.store import merges as _merges
from cardbox.store.engine import make_engine
from cardbox.store.imports import ImportCounts
from cardbox.store.index import remove_documents, write_documents
from cardbox.store.merges import Repeats
from cardbox.store.uow import Transaction
from cardbox.store.writing import (
    CHILDREN,
    CONTACT,
    FOLLOW_UP_ROWS,
    Lookups,
    Then,
    contact_values,
    guarded,
    job_news,
    now_text,
    raw,
)


class Writer:
    """Units of work on one engine."""

    def __init__(self, engine: Engine, taxonomy: Callable[[], Mapping[str, Industry]]) -> None:
        self._engine = engine
        self.taxonomy = taxonomy
        self._open = threading.local()
        """The session of the transaction this thread has open, if any (`session` joins it)."""

    @classmethod
    def on_path(cls, path: Path, taxonomy: Callable[[], Mapping[str, Industry]]) -> Writer:
        """A writer with its own engine on the file at ``path``."""
        return cls(make_engine(path), taxonomy)

    @property
    def engine(self) -> Engine:
        """The engine writes go through."""
        return self._engine

    @property
    def where(self) -> str:
        """The file written, for messages."""
        return str(self._engine.url.database or "")

    def dispose(self) -> None:
        """Close the engine's connections."""
        self._engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose transaction has begun (``BEGIN IMMEDIATE``) and commits on success.

        Inside another `session` of the same thread, the outer one is returned: the work joins
        its transaction, which commits or rolls back as a whole (a service use case of several
        steps is one unit of work: `cardbox.store.Store.transaction`).
        """
        outer: Session | None = getattr(self._open, "session", None)
        if outer is not None:
            yield outer
            return
        from cardbox.store import quick

        if quick.open_here() is not None:
            raise RuntimeError(
                "an ORM write inside a plain transaction: open it with Store.transaction()"
            )
        with guarded(self.where), Session(self._engine, expire_on_commit=False) as session:
            session.connection()  # begin now: take the write lock before reading anything
            self._open.session = session
            try:
                yield session
                session.commit()
            finally:
                self._open.session = None

    def open_connection(self) -> sqlite3.Connection | None:
        """The connection of the transaction this thread has open (None when there is none)."""
        outer: Session | None = getattr(self._open, "session", None)
        return None if outer is None else raw(outer)

    # -- contacts -----------------------------------------------------------------------------

    def add(self, contacts: Sequence[Contact], then: Then | None = None) -> list[int]:
        """Insert new contacts in one transaction; returns their ids in order. ``then`` runs
        in that transaction with the new ids."""
        if not contacts:
            return []
        with self.session() as s:
            stamp = now_text()
            first = raw(s).execute("SELECT coalesce(max(id), 0) + 1 FROM contact").fetchone()[0]
            joined = companies.with_company_industries(raw(s), contacts, self.taxonomy())
            saved = [replace(c, id=first + n) for n, c in enumerate(joined)]
            s.execute(
                insert(CONTACT),
                [
                    {
                        "id": c.id,
                        "uid": c.uid or str(uuid.uuid4()),
                        "created_at": stamp,
                        **contact_values(c, stamp),
                    }
                    for c in saved
                ],
            )
            self.write_children(s, saved)
            ids = [c.id for c in saved if c.id is not None]
            if then is not None:
                then(Transaction(raw(s)), ids)
        return ids

    def update(
        self, contact_id: int, change: Callable[[Contact], Contact], *, job_source: str = ""
    ) -> JobChange | None:
        """Read-modify-write one contact; the write lock is held from the read to the commit.

        With ``job_source`` (``edit``), a new company or title is recorded as a job change in
        the same transaction, the old job going to the history; returns that change.
        """
        with self.session() as s:
            conn = raw(s)
            (current,) = read.load_contacts(conn, [contact_id], photos=True)
            new = replace(change(current), id=contact_id)
            stamp = now_text()
            moved = job_news(conn, current, new, job_source, stamp) if job_source else None
            if moved is not None:
                # The new company's industry comes along, as for a job change by import.
                (new,) = companies.with_company_industries(conn, [new], self.taxonomy())
                companies.record_job_changes(conn, [moved], at=stamp, source=job_source)
            self.rewrite(s, [new], stamp)
            return moved

    def take_job(
        self,
        contact_id: int,
        card: Contact,
        merge: Callable[[Contact, Contact], Contact],
        source: str,
        then: Then | None = None,
    ) -> JobChange | None:
        """Bring ``card`` (about the live contact ``contact_id``) in when it shows a job change:
        the contact takes the new job, ``merge`` adds the rest, the change is recorded (and
        ``then`` runs), all in one transaction. Returns the change, or None (and writes
        nothing) when the card shows no job change."""
        with self.session() as s:
            conn = raw(s)
            (current,) = read.load_contacts(conn, [contact_id], photos=True)
            stamp = now_text()
            change = job_news(conn, current, card, source, stamp)
            if change is None:
                return None
            moved = with_job(current, change, card)
            (moved,) = companies.with_company_industries(conn, [moved], self.taxonomy())
            (moved,) = companies.with_known_readings(conn, [moved])
            self.rewrite(s, [replace(merge(moved, card), id=contact_id)], stamp)
            companies.record_job_changes(conn, [change], at=stamp, source=source)
            if then is not None:
                then(Transaction(conn), [contact_id])
            return change

    def save_company(
        self, key: str, *, name: str | None, reading: str | None, industry: str | None
    ) -> list[int]:
        """Set what is given about the company with ``key``; a new industry is added to each of
        its live people. Returns the ids of the people it was added to."""
        with self.session() as s:
            conn = raw(s)
            stamp = now_text()
            companies.save_company(
                conn, key, at=stamp, name=name, reading=reading, industry=industry
            )
            if not industry:
                return []
            industry_id = Lookups(s).industry(industry)
            ids = [
                cid
                for cid in companies.people(conn, key)
                if conn.execute(
                    "INSERT OR IGNORE INTO contact_industry (contact_id, industry_id)"
                    " VALUES (?, ?)",
                    (cid, industry_id),
                ).rowcount
            ]
            if ids:
                s.execute(update(CONTACT).where(CONTACT.c.id.in_(ids)).values(updated_at=stamp))
                write_documents(conn, read.load_contacts(conn, ids), self.taxonomy())
            return ids

    def rewrite(self, s: Session, contacts: Sequence[Contact], stamp: str) -> None:
        """Replace the rows of contacts that exist (with ids): the contact, its children, index."""
        for c in contacts:
            s.execute(
                update(CONTACT).where(CONTACT.c.id == c.id).values(**contact_values(c, stamp))
            )
            for table in CHILDREN:
                s.execute(delete(table).where(table.c.contact_id == c.id))
        self.write_children(s, contacts)

    def write_children(self, s: Session, contacts: Sequence[Contact]) -> None:
        """Insert the child rows of ``contacts`` (which have ids) and refresh their documents."""
        look = Lookups(s)
        rows: dict[str, list[dict[str, Any]]] = {t.name: [] for t in CHILDREN}
        indexed = []
        for c in contacts:
            cid = c.id
            for i, p in enumerate(c.phones):
                rows["phone"].append(
                    {
                        "contact_id": cid,
                        "position": i,
                        "label": p.label,
                        "e164": p.e164,
                        "text": p.text,
                    }
                )
            for i, e in enumerate(c.emails):
                rows["email"].append(
                    {"contact_id": cid, "position": i, "label": e.label, "address": e.address}
                )
            for i, a in enumerate(c.addresses):
                rows["address"].append(
                    {
                        "contact_id": cid,
                        "position": i,
                        "label": a.label,
                        "postal_code": a.postal_code,
                        "region": a.region,
                        "locality": a.locality,
                        "street": a.street,
                        "building": a.building,
                        "country": a.country,
                    }
                )
            for i, u in enumerate(c.urls):
                rows["url"].append(
                    {"contact_id": cid, "position": i, "label": u.label, "url": u.url}
                )
            meetings: list[Meeting] = []
            for i, m in enumerate({m.event: m for m in c.meetings}.values()):
                event_id = look.event(m.event)
                order = m.position if m.position is not None else look.order(event_id)
                meetings.append(m if m.position == order else replace(m, position=order))
                rows["meeting"].append(
                    {
                        "contact_id": cid,
                        "event_id": event_id,
                        "position": i,
                        "met_order": order,
                        "talked_about": m.talked_about,
                        "introduced_by": m.introduced_by,
                    }
                )
            for code in dict.fromkeys(c.industries):
                rows["contact_industry"].append(
                    {"contact_id": cid, "industry_id": look.industry(code)}
                )
            if c.photo is not None:
                rows["photo"].append(
                    {"contact_id": cid, "mime": c.photo.mime, "data": c.photo.data}
                )
            tags = dict.fromkeys(t.strip() for t in c.tags if t.strip())
            tag_ids = dict.fromkeys(look.tag(t) for t in tags)
            for tag_id in tag_ids:
                rows["contact_tag"].append({"contact_id": cid, "tag_id": tag_id})
            new_meetings, new_tags = tuple(meetings), tuple(tags)
            if new_meetings != c.meetings or new_tags != c.tags:
                c = replace(c, meetings=new_meetings, tags=new_tags)
            indexed.append(c)
        conn = raw(s)
        for table in CHILDREN:
            if rows[table.name]:
                # Plain executemany: SQLAlchemy's per-row parameter handling costs more than the
                # insert itself when an import writes tens of thousands of rows.
                columns = list(rows[table.name][0])
                conn.executemany(
                    f"INSERT INTO {table.name} ({', '.join(columns)})"
                    f" VALUES ({', '.join('?' * len(columns))})",
                    [tuple(r[k] for k in columns) for r in rows[table.name]],
                )
        write_documents(conn, indexed, self.taxonomy())

    def set_deleted(self, ids: Sequence[int], deleted: bool) -> None:
        """Move contacts to the trash, or bring them back."""
        with self.session() as s:
            stamp = now_text()
            s.execute(
                update(CONTACT)
                .where(CONTACT.c.id.in_(ids))
                .values(deleted_at=stamp if deleted else None, updated_at=stamp)
            )
            conn = raw(s)
            if deleted:
                remove_documents(conn, ids)
            else:
                write_documents(conn, read.load_contacts(conn, ids), self.taxonomy())

    def confirm_readings(self, ids: Sequence[int]) -> int:
        """Mark the readings of these live contacts (name and company) as the user's own.
        Returns how many had a suggestion to confirm."""
        with self.session() as s:
            stamp = now_text()
            result = s.execute(
                update(CONTACT)
                .where(
                    CONTACT.c.id.in_(ids),
                    CONTACT.c.deleted_at.is_(None),
                    (CONTACT.c.reading_confirmed.is_(False))
                    | (CONTACT.c.company_reading_confirmed.is_(False)),
                )
                .values(reading_confirmed=True, company_reading_confirmed=True, updated_at=stamp)
            )
            return int(getattr(result, "rowcount", 0) or 0)

    def purge(self, ids: Sequence[int]) -> int:
        """Delete contacts for good (children and search documents go with them)."""
        with self.session() as s:
            remove_documents(raw(s), ids)
            result = s.execute(delete(CONTACT).where(CONTACT.c.id.in_(ids)))
            return int(getattr(result, "rowcount", 0) or 0)

    def reindex(self, ids: Sequence[int] | None = None) -> None:
        """Recompute search documents (all of them when ``ids`` is None)."""
        with self.session() as s:
            conn = raw(s)
            todo = list(read.all_ids(conn)) if ids is None else list(ids)
            for start in range(0, len(todo), 1000):
                chunk = read.load_contacts(conn, todo[start : start + 1000])
                write_documents(conn, chunk, self.taxonomy())

    # -- imports ------------------------------------------------------------------------------

    # -- imports and merges (`cardbox.store.imports`, `cardbox.store.merges`) -----------------

    import_batch = _imports.import_batch
    start_import = _imports.start_import
    undo_import = _imports.undo_import
    merge = _merges.merge
    undo_merge = _merges.undo_merge

    # -- events, industries, settings (`cardbox.store.catalog`) -------------------------------

    save_event = _catalog.save_event
    save_industries = _catalog.save_industries
    set_setting = _catalog.set_setting


__all__ = ["FOLLOW_UP_ROWS", "ImportCounts", "Repeats", "Then", "Writer", "now_text", "raw"]
