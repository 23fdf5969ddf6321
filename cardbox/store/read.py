"""The read path: plain sqlite3 queries that build domain values.

Scripted commands (``cardbox search ... --json``) must start in a fraction of a second, and
importing SQLAlchemy alone costs more than that, so reads never touch the ORM. Every function takes
a sqlite3 connection: the box's own read connection, or the raw connection of a write transaction
(which is how a read-modify-write sees exactly what it is about to change).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from cardbox.domain.errors import NotFound
from cardbox.domain.model import (
    Address,
    Contact,
    Email,
    Event,
    Industry,
    Meeting,
    Phone,
    Photo,
    Url,
)
from cardbox.store.batches import batches, marks
from cardbox.store.ordering import order_by
from cardbox.store.rows import CONTACT, columns, contact

if TYPE_CHECKING:
    pass


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _children(
    conn: sqlite3.Connection | None, sql: str, ids: Sequence[int]
) -> dict[int, list[tuple[Any, ...]]]:
    found: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    if conn is None:
        return found
    for row in conn.execute(sql.format(marks(len(ids))), tuple(ids)):
        found[row[0]].append(row[1:])
    return found


def load_contacts(
    conn: sqlite3.Connection, ids: Sequence[int], *, photos: bool = False, children: bool = True
) -> list[Contact]:
    """The contacts with these ids, in the order given; ids that do not exist are skipped.

    Photos are loaded only when asked for: listings do not need megabytes of JPEG. Without
    ``children`` only the contact's own fields are read (names, company, ...): for long lists.
    """
    result: dict[int, Contact] = {}
    for chunk in batches(ids):
        result.update(_load_chunk(conn, chunk, photos, children))
    return [result[i] for i in ids if i in result]


def _load_chunk(
    conn: sqlite3.Connection, ids: Sequence[int], photos: bool, children: bool = True
) -> dict[int, Contact]:
    places = marks(len(ids))
    rows = conn.execute(
        f"SELECT {columns(CONTACT)} FROM contact WHERE id IN ({places})", tuple(ids)
    ).fetchall()
    phones = _children(
        conn if children else None,
        "SELECT contact_id, e164, text, label FROM phone WHERE contact_id IN ({})"
        " ORDER BY contact_id, position",
        ids,
    )
    emails = _children(
        conn if children else None,
        "SELECT contact_id, address, label FROM email WHERE contact_id IN ({})"
        " ORDER BY contact_id, position",
        ids,
    )
    addresses = _children(
        conn if children else None,
        "SELECT contact_id, label, postal_code, region, locality, street, building, country"
        " FROM address WHERE contact_id IN ({}) ORDER BY contact_id, position",
        ids,
    )
    urls = _children(
        conn if children else None,
        "SELECT contact_id, url, label FROM url WHERE contact_id IN ({})"
        " ORDER BY contact_id, position",
        ids,
    )
    meetings = _children(
        conn if children else None,
        "SELECT m.contact_id, e.name, m.met_order, m.talked_about, m.introduced_by"
        " FROM meeting m JOIN event e ON e.id = m.event_id WHERE m.contact_id IN ({})"
        " ORDER BY m.contact_id, m.position",
        ids,
    )
    industries = _children(
        conn if children else None,
        "SELECT ci.contact_id, i.code FROM contact_industry ci"
        " JOIN industry i ON i.id = ci.industry_id WHERE ci.contact_id IN ({})"
        " ORDER BY ci.contact_id, i.code",
        ids,
    )
    tags = _children(
        conn if children else None,
        "SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
        " WHERE ct.contact_id IN ({}) ORDER BY ct.contact_id, t.name_norm",
        ids,
    )
    pictures = (
        _children(conn, "SELECT contact_id, data, mime FROM photo WHERE contact_id IN ({})", ids)
        if photos
        else {}
    )
    out: dict[int, Contact] = {}
    for r in rows:
        cid = r[0]
        out[cid] = contact(
            r,
            phones=tuple(Phone(e164=p[0], text=p[1], label=p[2]) for p in phones[cid]),
            emails=tuple(Email(address=e[0], label=e[1]) for e in emails[cid]),
            addresses=tuple(Address(*a) for a in addresses[cid]),
            urls=tuple(Url(url=u[0], label=u[1]) for u in urls[cid]),
            meetings=tuple(
                Meeting(event=m[0], position=m[1], talked_about=m[2], introduced_by=m[3])
                for m in meetings[cid]
            ),
            industries=tuple(i[0] for i in industries[cid]),
            tags=tuple(t[0] for t in tags[cid]),
            photo=Photo(data=bytes(pictures[cid][0][0]), mime=pictures[cid][0][1])
            if pictures.get(cid)
            else None,
        )
    return out


def resolve(conn: sqlite3.Connection, ref: str | int, *, trash: bool | None = False) -> int:
    """The id of the contact ``ref`` names: its number, or its UID (or a unique UID start).

    A ref of digits only is always an id; a UID start needs at least four characters.

    Args:
        trash: ``False`` for live contacts only, ``True`` for trashed ones only, ``None`` for both.
    """
    text = str(ref).strip()
    state = {
        False: " AND deleted_at IS NULL",
        True: " AND deleted_at IS NOT NULL",
        None: "",
    }
    where = state[trash]
    if text.isdigit():
        row = conn.execute(f"SELECT id FROM contact WHERE id = ?{where}", (int(text),)).fetchone()
        if row:
            return int(row[0])
        # A number is an id, never the start of a UID: `purge 7` must not hit a UID "7…".
        raise NotFound("contact.not_found_id_trash" if trash else "contact.not_found_id", id=text)
    if text:
        row = conn.execute(f"SELECT id FROM contact WHERE uid = ?{where}", (text,)).fetchone()
        if row:
            return int(row[0])
        rows = conn.execute(
            f"SELECT id FROM contact WHERE substr(uid, 1, ?) = ?{where} LIMIT 2",
            (len(text), text),
        ).fetchall()
        rows = rows if len(text) >= 4 else []
        if len(rows) == 1:
            return int(rows[0][0])
        if len(rows) > 1:
            raise NotFound("contact.uid_prefix", text=text)
    raise NotFound("contact.not_found_trash" if trash else "contact.not_found", text=text)


SORTS = {
    "name": order_by("name"),  # the table's orders (`cardbox.domain.ordering`), and two more
    "company": order_by("company"),
    "created": "c.created_at DESC, c.id DESC",
    "updated": "c.updated_at DESC, c.id DESC",
}


def list_ids(
    conn: sqlite3.Connection,
    *,
    trash: bool = False,
    sort: str = "name",
    limit: int | None = None,
    offset: int = 0,
) -> tuple[list[int], int]:
    """Ids of live (or trashed) contacts in ``sort`` order, and how many there are in all."""
    if not trash and sort == "name":
        # Live contacts in reading order: the search table's (sort_key, id) index walks it.
        total = conn.execute("SELECT count(*) FROM contact_search").fetchone()[0]
        sql = "SELECT contact_id FROM contact_search ORDER BY sort_key, contact_id LIMIT ? OFFSET ?"
        ids = [r[0] for r in conn.execute(sql, (-1 if limit is None else limit, offset))]
        return ids, int(total)
    where = "c.deleted_at IS NOT NULL" if trash else "c.deleted_at IS NULL"
    order = "c.deleted_at DESC, c.id DESC" if trash else SORTS[sort]
    total = conn.execute(f"SELECT count(*) FROM contact c WHERE {where}").fetchone()[0]
    sql = f"SELECT c.id FROM contact c WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
    ids = [r[0] for r in conn.execute(sql, (-1 if limit is None else limit, offset))]
    return ids, int(total)


def events(conn: sqlite3.Connection) -> list[Event]:
    """Every event, newest first, with how many live contacts were met there."""
    rows = conn.execute(
        "SELECT e.id, e.name, e.date, e.venue, e.organiser, e.notes, e.follow_up,"
        " e.follow_up_note, (SELECT count(*) FROM meeting m JOIN contact c ON c.id = m.contact_id"
        "  WHERE m.event_id = e.id AND c.deleted_at IS NULL)"
        " FROM event e ORDER BY e.date IS NULL, e.date DESC, e.name"
    ).fetchall()
    return [
        Event(
            id=r[0],
            name=r[1],
            date=date.fromisoformat(r[2]) if r[2] else None,
            venue=r[3],
            organiser=r[4],
            notes=r[5],
            follow_up=r[6],
            follow_up_note=r[7],
            contact_count=r[8],
        )
        for r in rows
    ]


def industries(conn: sqlite3.Connection, *, counts: bool = True) -> list[Industry]:
    """The whole taxonomy in code order, each with how many live contacts carry it or an
    industry below it (each person once): the number an ``industry:CODE`` filter shows."""
    tally: dict[str, int] = {}
    if counts:
        tally = {
            str(code): int(n)
            for code, n in conn.execute(
                "WITH RECURSIVE up(code, above) AS ("
                " SELECT code, code FROM industry"
                " UNION SELECT up.code, i.parent_code FROM up JOIN industry i ON i.code = up.above"
                " WHERE i.parent_code IS NOT NULL)"
                " SELECT up.above, count(DISTINCT ci.contact_id) FROM contact_industry ci"
                " JOIN contact c ON c.id = ci.contact_id AND c.deleted_at IS NULL"
                " JOIN industry i ON i.id = ci.industry_id JOIN up ON up.code = i.code"
                " GROUP BY up.above"
            )
        }
    rows = conn.execute(
        "SELECT i.code, i.name_en, i.name_ja, i.parent_code, i.aliases, i.user_defined"
        " FROM industry i ORDER BY i.code"
    ).fetchall()
    return [
        Industry(
            code=r[0],
            name_en=r[1],
            name_ja=r[2],
            parent=r[3],
            aliases=tuple(a for a in r[4].split("\n") if a),
            user_defined=bool(r[5]),
            contact_count=tally.get(r[0], 0),
        )
        for r in rows
    ]


def tags(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Every tag in use by a live contact, with its count."""
    rows = conn.execute(
        "SELECT t.name, count(*) FROM tag t JOIN contact_tag ct ON ct.tag_id = t.id"
        " JOIN contact c ON c.id = ct.contact_id WHERE c.deleted_at IS NULL"
        " GROUP BY t.id ORDER BY t.name_norm"
    ).fetchall()
    return [(r[0], int(r[1])) for r in rows]


def setting(conn: sqlite3.Connection, key: str) -> str | None:
    """A stored setting, or ``None``."""
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def all_ids(conn: sqlite3.Connection) -> Iterable[int]:
    """Every contact id, live or trashed."""
    return [r[0] for r in conn.execute("SELECT id FROM contact ORDER BY id")]


@dataclass(frozen=True)
class ImportRun:
    """One import, as recorded."""

    id: int
    started: str
    sources: tuple[str, ...]
    added: int
    updated: int
    unchanged: int
    failed: int
    undone: str | None


@dataclass(frozen=True)
class ImportFailure:
    """A card an import could not take."""

    source: str
    line: int
    reason: str
    raw: str


def import_runs(conn: sqlite3.Connection) -> list[ImportRun]:
    """Every import, newest first."""
    rows = conn.execute(
        "SELECT id, started_at, sources, added, updated, unchanged, failed, undone_at"
        " FROM import_run ORDER BY id DESC"
    ).fetchall()
    return [ImportRun(r[0], r[1], tuple(r[2].split("\n")), *r[3:]) for r in rows]


def import_failures(conn: sqlite3.Connection, run_id: int) -> list[ImportFailure]:
    """The cards one import could not take, in file order."""
    rows = conn.execute(
        "SELECT source, line, reason, raw FROM import_failure WHERE run_id = ? ORDER BY id",
        (run_id,),
    ).fetchall()
    return [ImportFailure(*r) for r in rows]
