"""The write path: one ``BEGIN IMMEDIATE`` transaction per unit of work, on SQLModel's tables.

Rows are written as SQLAlchemy Core bulk statements on the SQLModel tables (``executemany``), not
as ORM objects one by one: a batch of a thousand cards is a handful of statements. Contact ids are
given out inside the transaction, which holds the write lock, so they are known before any child
row is written. The search document of every contact written is refreshed in the same transaction.
Nothing ORM leaves this module: callers pass domain values in and get ids back.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, delete, insert, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session

from cardbox.domain.companies import JobChange, company_key, job_change, with_job
from cardbox.domain.errors import InvalidInput, StoreError
from cardbox.domain.merge import FollowUps, same
from cardbox.domain.model import Contact, Event, Industry, Meeting
from cardbox.domain.serial import from_data, to_data
from cardbox.domain.text import normalise
from cardbox.store import companies, identity, read
from cardbox.store.db import CardConflict
from cardbox.store.engine import make_engine
from cardbox.store.index import contact_sort_key, remove_documents, write_documents
from cardbox.store.tables import (
    AddressRow,
    ContactIndustryRow,
    ContactRow,
    ContactTagRow,
    EmailRow,
    EventRow,
    ImportChangeRow,
    ImportFailureRow,
    ImportRunRow,
    IndustryRow,
    MeetingRow,
    PhoneRow,
    PhotoRow,
    SettingRow,
    TagRow,
    UrlRow,
)


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


CONTACT = _table(ContactRow)
CHILDREN = [
    _table(m)
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


MOVED_BY_MERGE = ("interaction", "reminder", "job_change")
"""Rows of the merged-away contact that move to the kept one (and back on undo)."""

FOLLOW_UP_ROWS = ("interaction", "reminder")
"""Rows a `Then` hook may add: an import logs them so that its undo removes them."""

Then = Callable[[sqlite3.Connection, Sequence[int]], Sequence[tuple[str, int, int]]]
"""Work done in the same transaction as the contacts it follows (the "met" interaction and the
event's follow-up reminder of cards logged at an event): called with the ids written, it returns
the rows it added as (table, contact id, row id), one of `FOLLOW_UP_ROWS`."""

Repeats = Callable[[Contact, Contact, FollowUps, FollowUps], tuple[set[int], set[int]]]
"""Given the kept and the merged-away contact and their follow-ups, the ids of the merged-away
one's interactions and reminders that stay with it (`cardbox.domain.merge.repeated`)."""


def _follow_ups(conn: sqlite3.Connection, contact_id: int) -> FollowUps:
    from cardbox.store import followups

    return FollowUps(
        followups.interactions(conn, contact_id),
        followups.reminders(conn, contact_id=contact_id, open_only=False),
    )


def _without(extra: dict[str, str], key: str) -> dict[str, str]:
    return {k: v for k, v in extra.items() if k != key} if key in extra else extra


@dataclass
class ImportCounts:
    """What one import batch did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: int = 0
    """Cards folded into another card of the same batch (same person twice in one file)."""
    failed: int = 0
    ids: list[int] = field(default_factory=list)
    """The contacts added or changed."""
    actions: list[str] = field(default_factory=list)
    """Per card, in order: ``added``, ``updated``, ``unchanged`` or ``merged`` (into an earlier
    card of the batch)."""
    uncertain: list[tuple[int, int, str, int]] = field(default_factory=list)
    """Cards added as new that may be someone known: (card index, contact id, why, the new
    contact's id)."""
    job_changes: list[tuple[int, JobChange]] = field(default_factory=list)
    """Known people who arrived with another company or title: (card index, the change)."""
    restored: list[tuple[int, int]] = field(default_factory=list)
    """Cards whose UID belonged to a contact in the trash, which they brought back (with what
    they hold added, as for any known person): (card index, contact id). Counted as updated."""

    def add(self, other: ImportCounts, offset: int) -> None:
        """Count ``other`` (a batch whose first card was card ``offset`` of this one) in."""
        self.added += other.added
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.merged += other.merged
        self.failed += other.failed
        self.ids += other.ids
        self.actions += other.actions
        self.uncertain += [(i + offset, c, why, n) for i, c, why, n in other.uncertain]
        self.job_changes += [(i + offset, change) for i, change in other.job_changes]
        self.restored += [(i + offset, c) for i, c in other.restored]


def _job_news(
    conn: sqlite3.Connection, current: Contact, card: Contact, source: str, stamp: str
) -> JobChange | None:
    """The job change ``card`` brings to the stored contact ``current``, dated ``stamp`` and
    credited to ``source``; None when it brings none."""
    assert current.id is not None
    change = job_change(current, card, companies.past_jobs(conn, current.id))
    if change is None:
        return None
    return replace(change, contact_id=current.id, at=datetime.fromisoformat(stamp), source=source)


def _uid_holder(conn: sqlite3.Connection, uid: str) -> int | None:
    """The contact a card with ``uid`` is about when no live contact holds that UID: the one in
    the trash that holds it, or, if that one was merged into another (and the merge is not
    undone), the live contact it was merged into. None when no contact has the UID."""
    row = conn.execute("SELECT id FROM contact WHERE uid = ?", (uid,)).fetchone()
    if row is None:
        return None
    cid = int(row[0])
    seen = {cid}
    while True:
        kept = conn.execute(
            "SELECT m.kept_id, c.deleted_at FROM merge_log m JOIN contact c ON c.id = m.kept_id"
            " WHERE m.gone_id = ? AND m.undone_at IS NULL ORDER BY m.id DESC LIMIT 1",
            (cid,),
        ).fetchone()
        if kept is None or int(kept[0]) in seen:
            return cid
        cid = int(kept[0])
        if kept[1] is None:
            return cid
        seen.add(cid)


@contextmanager
def _guarded(path: str) -> Iterator[None]:
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


class _Lookups:
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
                .returning(_table(EventRow).c.id)
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
                insert(TagRow).values(name=name, name_norm=norm).returning(_table(TagRow).c.id)
            ).scalar_one()
        return self.tags[norm]

    def industry(self, code: str) -> int:
        if code not in self.industries:
            raise InvalidInput("industry.unknown", name=code, field="industries")
        return self.industries[code]


def _contact_values(c: Contact, stamp: str) -> dict[str, Any]:
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


class Writer:
    """Units of work on one engine."""

    def __init__(self, engine: Engine, taxonomy: Callable[[], Mapping[str, Industry]]) -> None:
        self._engine = engine
        self._taxonomy = taxonomy

    @classmethod
    def on_path(cls, path: Path, taxonomy: Callable[[], Mapping[str, Industry]]) -> Writer:
        """A writer with its own engine on the file at ``path``."""
        return cls(make_engine(path), taxonomy)

    @property
    def where(self) -> str:
        """The file written, for messages."""
        return str(self._engine.url.database or "")

    def dispose(self) -> None:
        """Close the engine's connections."""
        self._engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose transaction has begun (``BEGIN IMMEDIATE``) and commits on success."""
        with _guarded(self.where), Session(self._engine, expire_on_commit=False) as session:
            session.connection()  # begin now: take the write lock before reading anything
            yield session
            session.commit()

    # -- contacts -----------------------------------------------------------------------------

    def add(self, contacts: Sequence[Contact], then: Then | None = None) -> list[int]:
        """Insert new contacts in one transaction; returns their ids in order. ``then`` runs
        in that transaction with the new ids."""
        if not contacts:
            return []
        with self.session() as s:
            stamp = now_text()
            first = raw(s).execute("SELECT coalesce(max(id), 0) + 1 FROM contact").fetchone()[0]
            joined = companies.with_company_industries(raw(s), contacts, self._taxonomy())
            saved = [replace(c, id=first + n) for n, c in enumerate(joined)]
            s.execute(
                insert(CONTACT),
                [
                    {
                        "id": c.id,
                        "uid": c.uid or str(uuid.uuid4()),
                        "created_at": stamp,
                        **_contact_values(c, stamp),
                    }
                    for c in saved
                ],
            )
            self._write_children(s, saved)
            ids = [c.id for c in saved if c.id is not None]
            if then is not None:
                then(raw(s), ids)
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
            moved = _job_news(conn, current, new, job_source, stamp) if job_source else None
            if moved is not None:
                # The new company's industry comes along, as for a job change by import.
                (new,) = companies.with_company_industries(conn, [new], self._taxonomy())
                companies.record_job_changes(conn, [moved], at=stamp, source=job_source)
            self._rewrite(s, [new], stamp)
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
            change = _job_news(conn, current, card, source, stamp)
            if change is None:
                return None
            moved = with_job(current, change, card)
            (moved,) = companies.with_company_industries(conn, [moved], self._taxonomy())
            (moved,) = companies.with_known_readings(conn, [moved])
            self._rewrite(s, [replace(merge(moved, card), id=contact_id)], stamp)
            companies.record_job_changes(conn, [change], at=stamp, source=source)
            if then is not None:
                then(conn, [contact_id])
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
            industry_id = _Lookups(s).industry(industry)
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
                write_documents(conn, read.load_contacts(conn, ids), self._taxonomy())
            return ids

    def _rewrite(self, s: Session, contacts: Sequence[Contact], stamp: str) -> None:
        """Replace the rows of contacts that exist (with ids): the contact, its children, index."""
        for c in contacts:
            s.execute(
                update(CONTACT).where(CONTACT.c.id == c.id).values(**_contact_values(c, stamp))
            )
            for table in CHILDREN:
                s.execute(delete(table).where(table.c.contact_id == c.id))
        self._write_children(s, contacts)

    def _write_children(self, s: Session, contacts: Sequence[Contact]) -> None:
        """Insert the child rows of ``contacts`` (which have ids) and refresh their documents."""
        look = _Lookups(s)
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
        write_documents(conn, indexed, self._taxonomy())

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
                write_documents(conn, read.load_contacts(conn, ids), self._taxonomy())

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
                write_documents(conn, chunk, self._taxonomy())

    # -- imports ------------------------------------------------------------------------------

    def import_batch(
        self,
        run_id: int | None,
        cards: Sequence[Contact],
        merge: Callable[[Contact, Contact], Contact],
        failures: Sequence[tuple[str, int, str, str]] = (),
        *,
        dry_run: bool = False,
        then: Then | None = None,
    ) -> ImportCounts:
        """Add or update the contacts ``cards`` are about, in one transaction.

        Each card is matched (`identity.find`, or an earlier card of the same batch); a match is
        updated with ``merge(existing, card)``, recording the state before for undo; the rest are
        added. A card whose UID belongs to a contact in the trash (after ``undo-import`` or
        ``rm``) brings that contact back, updated the same way (see `_uid_holder`). ``then``
        runs in the same transaction with the ids added or changed; the rows it adds are logged
        with the run. With ``dry_run`` everything is worked out and then rolled back.

        Raises:
            CardConflict: the box refused a card; nothing of the batch was written.
        """
        counts = ImportCounts()
        with _guarded(self.where), Session(self._engine, expire_on_commit=False) as s:
            conn = raw(s)
            pending: list[Contact] = []
            by_key: dict[str, int] = {}
            updates: dict[int, tuple[Contact, Contact]] = {}
            slot_hashes: dict[int, list[str]] = {}
            seen_hash: dict[str, int] = {}
            actions: list[int | str] = []  # per card: "added", "merged" or the id it matched
            jobs: dict[int, tuple[int, JobChange]] = {}
            revived: set[int] = set()
            for index, card in enumerate(cards):
                digest = card.extra.get(identity.HASH_KEY, "")
                slot = next(
                    (
                        by_key[k]
                        for k in identity.keys(card)
                        if k in by_key and identity.compatible(k, pending[by_key[k]], card)
                    ),
                    None,
                )
                if identity.HASH_KEY in card.extra:
                    card = replace(card, extra=_without(card.extra, identity.HASH_KEY))
                if slot is not None:
                    pending[slot] = merge(pending[slot], card)
                    slot_hashes[slot].append(digest)
                    counts.merged += 1
                    actions.append("merged")
                    continue
                hit = identity.match(conn, replace(card, extra={identity.HASH_KEY: digest}))
                found = hit.contact_id
                if found is None and card.uid:
                    found = _uid_holder(conn, card.uid)
                    if found is not None:
                        hit = identity.Identity(found, "uid")
                        if (
                            found not in revived
                            and conn.execute(
                                "SELECT 1 FROM contact WHERE id = ? AND deleted_at IS NOT NULL",
                                (found,),
                            ).fetchone()
                        ):
                            revived.add(found)
                            counts.restored.append((index, found))
                if found is None and hit.maybe is not None:
                    maybe = (index, hit.maybe.contact_id, hit.maybe.reason, len(pending))
                    counts.uncertain.append(maybe)
                elif found is None and (near := identity.near(card, pending, by_key)):
                    # An earlier card of this file it may be (not yet stored): its slot, as
                    # -(slot + 1), becomes its contact id below.
                    counts.uncertain.append((index, -(near[0] + 1), near[1], len(pending)))
                if found is None:
                    by_key.update(dict.fromkeys(identity.keys(card), len(pending)))
                    if digest:
                        by_key[f"hash:{digest}"] = len(pending)
                    slot_hashes[len(pending)] = [digest]
                    pending.append(card)
                    actions.append("added")
                    continue
                actions.append(found)
                seen_hash[digest] = found
                if found in updates:
                    before, current = updates[found]
                else:
                    before = read.load_contacts(conn, [found], photos=True)[0]
                    current = replace(before, deleted=None)  # out of the trash if it was there
                change = (
                    None
                    if hit.how == "card"  # the very same card again is no news
                    else job_change(current, card, companies.past_jobs(conn, found))
                )
                if change is not None:
                    current = with_job(current, change, card)
                    (current,) = companies.with_company_industries(
                        conn, [current], self._taxonomy()
                    )
                    (current,) = companies.with_known_readings(conn, [current])
                    jobs[found] = (index, replace(change, contact_id=found))
                updates[found] = (before, merge(current, card))
            stamp = now_text()
            changed = {k: v for k, v in updates.items() if k in revived or not same(v[0], v[1])}
            counts.unchanged = len(updates) - len(changed)
            counts.updated = len(changed)
            counts.added = len(pending)
            counts.failed = len(failures)
            counts.actions = [
                a if isinstance(a, str) else ("updated" if a in changed else "unchanged")
                for a in actions
            ]
            if pending:
                first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM contact").fetchone()[0]
                pending = companies.with_company_industries(conn, pending, self._taxonomy())
                pending = companies.with_known_readings(conn, pending)
                pending = [replace(c, id=first + n) for n, c in enumerate(pending)]
                counts.uncertain = [
                    (i, c if c > 0 else first - c - 1, why, first + slot)
                    for i, c, why, slot in counts.uncertain
                ]
                s.execute(
                    insert(CONTACT),
                    [
                        {
                            "id": c.id,
                            "uid": c.uid or str(uuid.uuid4()),
                            "created_at": stamp,
                            **_contact_values(c, stamp),
                        }
                        for c in pending
                    ],
                )
            self._write_children(s, pending)
            self._rewrite(s, [replace(a, id=cid) for cid, (_b, a) in changed.items()], stamp)
            if revived:
                s.execute(update(CONTACT).where(CONTACT.c.id.in_(revived)).values(deleted_at=None))
            # Remember each card's text, so the very same card is known again next time.
            for slot, digests in slot_hashes.items():
                seen_hash.update(dict.fromkeys(digests, pending[slot].id or 0))
            conn.executemany(
                "INSERT OR REPLACE INTO card_hash (hash, contact_id) VALUES (?, ?)",
                [(d, cid) for d, cid in seen_hash.items() if d],
            )
            counts.ids = [c.id for c in pending if c.id is not None] + list(changed)
            source = f"import #{run_id}" if run_id is not None else "import"
            counts.job_changes = [
                (index, replace(change, at=datetime.fromisoformat(stamp), source=source))
                for cid, (index, change) in jobs.items()
                if cid in changed
            ]
            companies.record_job_changes(
                conn,
                [change for _, change in counts.job_changes],
                at=stamp,
                source=source,
                run_id=run_id,
            )
            follow_ups = then(conn, counts.ids) if then is not None and counts.ids else ()
            if run_id is not None:
                log = (
                    [
                        {"run_id": run_id, "contact_id": c.id, "action": "added", "before": None}
                        for c in pending
                    ]
                    + [
                        {
                            "run_id": run_id,
                            "contact_id": cid,
                            "action": "updated",
                            "before": json.dumps(to_data(before), ensure_ascii=False),
                        }
                        for cid, (before, _after) in changed.items()
                    ]
                    + [
                        {"run_id": run_id, "contact_id": cid, "action": table, "before": str(row)}
                        for table, cid, row in follow_ups
                    ]
                )
                if log:
                    s.execute(insert(_table(ImportChangeRow)), log)
                if failures:
                    s.execute(
                        insert(_table(ImportFailureRow)),
                        [
                            {
                                "run_id": run_id,
                                "source": f[0],
                                "line": f[1],
                                "reason": f[2],
                                "raw": f[3],
                            }
                            for f in failures
                        ],
                    )
                conn.execute(
                    "UPDATE import_run SET added = added + ?, updated = updated + ?,"
                    " unchanged = unchanged + ?, failed = failed + ? WHERE id = ?",
                    (counts.added, counts.updated, counts.unchanged, counts.failed, run_id),
                )
            if dry_run:
                s.rollback()
            else:
                s.commit()
        return counts

    def start_import(self, sources: Sequence[str]) -> int:
        """Record the start of an import; returns its run id."""
        with self.session() as s:
            return int(
                s.execute(
                    insert(_table(ImportRunRow))
                    .values(started_at=now_text(), sources="\n".join(sources))
                    .returning(_table(ImportRunRow).c.id)
                ).scalar_one()
            )

    def undo_import(self, run_id: int) -> tuple[int, int]:
        """Undo an import in one transaction: the box is left as it was before the import.

        The contacts it added go to the trash (with their search documents gone, and the card
        hashes that pointed at them); the ones it changed get back their state from before the
        run, the earliest one recorded when several batches of the run changed them (a contact
        the run brought back from the trash goes back there); the interactions and reminders
        it logged (``--event``) and the job changes it recorded are removed. A contact the run
        added and a later batch of it updated simply goes to the trash. Returns (trashed,
        restored).
        """
        with self.session() as s:
            conn = raw(s)
            row = conn.execute(
                "SELECT undone_at FROM import_run WHERE id = ?", (run_id,)
            ).fetchone()
            if row is None:
                raise InvalidInput("import.not_found", id=run_id)
            if row[0] is not None:
                raise InvalidInput("import.undone", id=run_id, when=row[0][:19])
            changes = conn.execute(
                "SELECT contact_id, action, before FROM import_change WHERE run_id = ? ORDER BY id",
                (run_id,),
            ).fetchall()
            stamp = now_text()
            added = list(dict.fromkeys(cid for cid, action, _ in changes if action == "added"))
            fresh = set(added)
            earliest: dict[int, str] = {}
            for cid, action, before in changes:
                if action == "updated" and cid not in fresh:
                    earliest.setdefault(cid, before)
                elif action in FOLLOW_UP_ROWS:
                    conn.execute(f"DELETE FROM {action} WHERE id = ?", (int(before),))
            if added:
                s.execute(
                    update(CONTACT)
                    .where(CONTACT.c.id.in_(added), CONTACT.c.deleted_at.is_(None))
                    .values(deleted_at=stamp, updated_at=stamp)
                )
                remove_documents(conn, added)
                for start in range(0, len(added), 500):
                    chunk = added[start : start + 500]
                    conn.execute(
                        f"DELETE FROM card_hash WHERE contact_id IN ({','.join('?' * len(chunk))})",
                        chunk,
                    )
            olds = [replace(from_data(json.loads(b)), id=cid) for cid, b in earliest.items()]
            self._rewrite(s, olds, stamp)
            for old in olds:
                when = old.updated.isoformat() if old.updated is not None else stamp
                gone = old.deleted.isoformat() if old.deleted is not None else None
                conn.execute(
                    "UPDATE contact SET updated_at = ?, deleted_at = ? WHERE id = ?",
                    (when, gone, old.id),
                )
            companies.forget_run(conn, run_id)
            conn.execute("UPDATE import_run SET undone_at = ? WHERE id = ?", (stamp, run_id))
            return len(added), len(olds)

    # -- merges -------------------------------------------------------------------------------

    def merge(
        self,
        kept_id: int,
        gone_id: int,
        merge: Callable[[Contact, Contact], Contact],
        repeats: Repeats | None = None,
    ) -> int:
        """Merge ``gone`` into ``kept`` in one transaction; ``gone`` goes to the trash. Its
        interactions and reminders move to ``kept``, except those ``repeats`` names (ids of
        interactions, ids of reminders), which stay with it. Returns the merge's id (for undo)."""
        with self.session() as s:
            conn = raw(s)
            kept, gone = read.load_contacts(conn, [kept_id, gone_id], photos=True)
            merged = replace(merge(kept, gone), id=kept_id)
            stamp = now_text()
            left: dict[str, set[int]] = {}
            if repeats is not None:
                left["interaction"], left["reminder"] = repeats(
                    kept, gone, _follow_ups(conn, kept_id), _follow_ups(conn, gone_id)
                )
            moved = {
                table: [
                    r[0]
                    for r in conn.execute(
                        f"SELECT id FROM {table} WHERE contact_id = ?", (gone_id,)
                    )
                    if r[0] not in left.get(table, ())
                ]
                for table in MOVED_BY_MERGE
            }
            for table, ids in moved.items():
                for start in range(0, len(ids), 500):
                    chunk = ids[start : start + 500]
                    conn.execute(
                        f"UPDATE {table} SET contact_id = ? WHERE id IN"
                        f" ({','.join('?' * len(chunk))})",
                        (kept_id, *chunk),
                    )
            self._rewrite(s, [merged], stamp)
            s.execute(
                update(CONTACT)
                .where(CONTACT.c.id == gone_id)
                .values(deleted_at=stamp, updated_at=stamp)
            )
            remove_documents(conn, [gone_id])
            cur = conn.execute(
                "INSERT INTO merge_log (kept_id, gone_id, before, moved, at)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    kept_id,
                    gone_id,
                    json.dumps(to_data(kept), ensure_ascii=False),
                    json.dumps(moved),
                    stamp,
                ),
            )
            return int(cur.lastrowid or 0)

    def undo_merge(self, merge_id: int) -> tuple[int, int]:
        """Undo a merge: the kept contact gets its state back, the other leaves the trash with
        its interactions and reminders. Returns (kept id, restored id)."""
        with self.session() as s:
            conn = raw(s)
            row = conn.execute(
                "SELECT kept_id, gone_id, before, moved, undone_at FROM merge_log WHERE id = ?",
                (merge_id,),
            ).fetchone()
            if row is None:
                raise InvalidInput("merge.not_found", id=merge_id)
            kept_id, gone_id, before, moved, undone = row
            if undone is not None:
                raise InvalidInput("merge.undone", id=merge_id, when=undone[:19])

            stamp = now_text()
            self._rewrite(s, [replace(from_data(json.loads(before)), id=kept_id)], stamp)
            for table, ids in json.loads(moved).items():
                if table in MOVED_BY_MERGE and ids:
                    marks = ",".join("?" * len(ids))
                    conn.execute(
                        f"UPDATE {table} SET contact_id = ? WHERE id IN ({marks})", (gone_id, *ids)
                    )
            s.execute(
                update(CONTACT)
                .where(CONTACT.c.id == gone_id)
                .values(deleted_at=None, updated_at=stamp)
            )
            write_documents(conn, read.load_contacts(conn, [gone_id]), self._taxonomy())
            conn.execute("UPDATE merge_log SET undone_at = ? WHERE id = ?", (stamp, merge_id))
            return int(kept_id), int(gone_id)

    # -- events, industries, settings ---------------------------------------------------------

    def save_event(self, event: Event) -> None:
        """Create an event, or update the details of the one with that name."""
        with self.session() as s:
            event_id = _Lookups(s).event(event.name)
            changes = {
                "date": event.date.isoformat() if event.date else None,
                "venue": event.venue,
                "organiser": event.organiser,
                "notes": event.notes,
                "follow_up": event.follow_up,
                "follow_up_note": event.follow_up_note,
            }
            changes = {k: v for k, v in changes.items() if v}
            if changes:
                s.execute(
                    update(_table(EventRow))
                    .where(_table(EventRow).c.id == event_id)
                    .values(**changes)
                )

    def save_industries(self, industries: Sequence[Industry]) -> None:
        """Insert or update taxonomy nodes by code."""
        with self.session() as s:
            known = dict(raw(s).execute("SELECT code, id FROM industry").fetchall())
            for ind in industries:
                found = s.get(IndustryRow, known[ind.code]) if ind.code in known else None
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
