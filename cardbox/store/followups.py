"""Reminders, interactions and keep-in-touch cadences: storage only (the rules are the box's).

Reads are plain sqlite3 on the store's read connection; writes run in the writer's
``BEGIN IMMEDIATE`` transactions. Times are stored as UTC ISO strings and come back aware.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime

from cardbox.domain.model import Interaction, Reminder

_REMINDER = "SELECT r.id, r.contact_id, r.due_at, r.zone, r.note, r.rule, r.start_at, r.done_at"


def stamp(when: datetime) -> str:
    """An aware time as stored: UTC, ISO 8601."""
    return when.astimezone(UTC).isoformat()


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _reminder(r: tuple[object, ...]) -> Reminder:
    due = _when(str(r[2]))
    assert due is not None
    return Reminder(
        id=int(str(r[0])),
        contact_id=int(str(r[1])),
        due=due,
        zone=str(r[3]),
        note=str(r[4]),
        rule=str(r[5]) if r[5] else None,
        start=_when(str(r[6])),
        done=_when(str(r[7])) if r[7] else None,
    )


def reminders(
    conn: sqlite3.Connection,
    *,
    contact_id: int | None = None,
    until: datetime | None = None,
    open_only: bool = True,
) -> list[Reminder]:
    """Reminders of live contacts, soonest first; open ones only unless asked."""
    where, params = ["c.deleted_at IS NULL"], list[object]()
    if open_only:
        where.append("r.done_at IS NULL")
    if contact_id is not None:
        where.append("r.contact_id = ?")
        params.append(contact_id)
    if until is not None:
        where.append("r.due_at <= ?")
        params.append(stamp(until))
    rows = conn.execute(
        f"{_REMINDER} FROM reminder r JOIN contact c ON c.id = r.contact_id"
        f" WHERE {' AND '.join(where)} ORDER BY r.due_at, r.id",
        params,
    ).fetchall()
    return [_reminder(r) for r in rows]


def reminder(conn: sqlite3.Connection, reminder_id: int) -> Reminder | None:
    row = conn.execute(f"{_REMINDER} FROM reminder r WHERE r.id = ?", (reminder_id,)).fetchone()
    return None if row is None else _reminder(row)


def interactions(conn: sqlite3.Connection, contact_id: int) -> list[Interaction]:
    """A contact's interactions, newest first."""
    rows = conn.execute(
        "SELECT id, contact_id, kind, at, text FROM interaction WHERE contact_id = ?"
        " ORDER BY at DESC, id DESC",
        (contact_id,),
    ).fetchall()
    return [
        Interaction(id=r[0], contact_id=r[1], kind=r[2], at=datetime.fromisoformat(r[3]), text=r[4])
        for r in rows
    ]


def last_contact(conn: sqlite3.Connection, ids: Sequence[int] | None = None) -> dict[int, datetime]:
    """When each contact was last in touch (its newest interaction), for ``ids`` or everyone."""
    sql = "SELECT contact_id, max(at) FROM interaction"
    params: list[object] = []
    if ids is not None:
        sql += f" WHERE contact_id IN ({','.join('?' * len(ids))})"
        params = list(ids)
    rows = conn.execute(sql + " GROUP BY contact_id", params).fetchall()
    return {int(r[0]): datetime.fromisoformat(r[1]) for r in rows}


def cadence_defaults(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """Every default cadence: (``tag`` or ``industry``, key, cadence)."""
    return [
        (r[0], r[1], r[2])
        for r in conn.execute("SELECT kind, key, cadence FROM cadence_default ORDER BY kind, key")
    ]


def cadence_candidates(
    conn: sqlite3.Connection,
) -> list[tuple[int, str, datetime, list[str], list[str]]]:
    """Live contacts that have a cadence of their own or may get one from a tag or industry:
    (id, own cadence, created, normalised tags, industry codes).

    The candidates are found through the indexes (own cadence, or a tag or industry that has a
    default), so a box of 100,000 where few have cadences costs little.
    """
    ids = {
        int(r[0])
        for r in conn.execute(
            "SELECT id FROM contact WHERE cadence != '' AND deleted_at IS NULL"
            " UNION SELECT ct.contact_id FROM contact_tag ct WHERE ct.tag_id IN"
            "  (SELECT t.id FROM tag t JOIN cadence_default d ON d.kind = 'tag'"
            "   AND d.key = t.name_norm)"
            " UNION SELECT ci.contact_id FROM contact_industry ci WHERE ci.industry_id IN"
            "  (SELECT i.id FROM industry i JOIN cadence_default d ON d.kind = 'industry'"
            "   AND d.key = i.code)"
        )
    }
    out: list[tuple[int, str, datetime, list[str], list[str]]] = []
    ordered = sorted(ids)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        marks = ",".join("?" * len(chunk))
        tags: dict[int, list[str]] = {}
        for cid, name in conn.execute(
            "SELECT ct.contact_id, t.name_norm FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
            f" WHERE ct.contact_id IN ({marks})",
            chunk,
        ):
            tags.setdefault(cid, []).append(name)
        codes: dict[int, list[str]] = {}
        for cid, code in conn.execute(
            "SELECT ci.contact_id, i.code FROM contact_industry ci"
            f" JOIN industry i ON i.id = ci.industry_id WHERE ci.contact_id IN ({marks})",
            chunk,
        ):
            codes.setdefault(cid, []).append(code)
        for cid, own, created in conn.execute(
            f"SELECT id, cadence, created_at FROM contact WHERE id IN ({marks})"
            " AND deleted_at IS NULL",
            chunk,
        ):
            out.append(
                (cid, own, datetime.fromisoformat(created), tags.get(cid, []), codes.get(cid, []))
            )
    return out


# -- writes: each takes the connection of a write transaction (`Store.transact`) ---------------


def add_reminder(conn: sqlite3.Connection, r: Reminder, created: datetime) -> int:
    """Store a new reminder; returns its id."""
    cur = conn.execute(
        "INSERT INTO reminder (contact_id, due_at, zone, note, rule, start_at, done_at,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)",
        (
            r.contact_id,
            stamp(r.due),
            r.zone,
            r.note,
            r.rule,
            stamp(r.start or r.due),
            stamp(created),
        ),
    )
    return int(cur.lastrowid or 0)


def log_reminder(
    conn: sqlite3.Connection, reminder_id: int, kind: str, occurrence: datetime, at: datetime
) -> bool:
    """Record that an occurrence was done (or snoozed); False if it already was."""
    cur = conn.execute(
        "INSERT OR IGNORE INTO reminder_log (reminder_id, kind, occurrence, at)"
        " VALUES (?, ?, ?, ?)",
        (reminder_id, kind, stamp(occurrence), stamp(at)),
    )
    return cur.rowcount == 1


def move_reminder(conn: sqlite3.Connection, reminder_id: int, due: datetime) -> None:
    """Set when a reminder is next due."""
    conn.execute("UPDATE reminder SET due_at = ? WHERE id = ?", (stamp(due), reminder_id))


def finish_reminder(conn: sqlite3.Connection, reminder_id: int, at: datetime) -> None:
    """Mark a reminder done for good (it stays, as history)."""
    conn.execute("UPDATE reminder SET done_at = ? WHERE id = ?", (stamp(at), reminder_id))


def add_interaction(conn: sqlite3.Connection, i: Interaction) -> int:
    """Store an interaction; returns its id."""
    cur = conn.execute(
        "INSERT INTO interaction (contact_id, kind, at, text) VALUES (?, ?, ?, ?)",
        (i.contact_id, i.kind, stamp(i.at), i.text),
    )
    return int(cur.lastrowid or 0)


def set_cadence_default(conn: sqlite3.Connection, kind: str, key: str, cadence: str) -> None:
    """Set (or, with an empty cadence, remove) the default cadence of a tag or industry."""
    if cadence:
        conn.execute(
            "INSERT OR REPLACE INTO cadence_default (kind, key, cadence) VALUES (?, ?, ?)",
            (kind, key, cadence),
        )
    else:
        conn.execute("DELETE FROM cadence_default WHERE kind = ? AND key = ?", (kind, key))


def set_contact_cadence(conn: sqlite3.Connection, contact_id: int, cadence: str) -> None:
    """Set (or clear) a contact's own cadence."""
    conn.execute("UPDATE contact SET cadence = ? WHERE id = ?", (cadence, contact_id))
