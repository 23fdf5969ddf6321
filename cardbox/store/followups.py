"""Reminders, interactions and keep-in-touch cadences: storage only (the rules are in
`cardbox.domain.followups`; `cadence_due` applies them in SQL, for speed, and is tested against
them).

Reads are plain sqlite3 on the store's read connection; writes run in the writer's
``BEGIN IMMEDIATE`` transactions. Times are stored as UTC ISO strings and come back aware.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from cardbox.domain.followups import CADENCE_PRECEDENCE
from cardbox.domain.model import Interaction, Reminder
from cardbox.store import rows as _rows
from cardbox.store.batches import batches

_REMINDER = f"SELECT {_rows.columns(_rows.REMINDER, 'r')}"
_PERSON = _rows.columns(_rows.PERSON, "c")
"""The columns of `person`, read along with an agenda line so that no second lookup is needed."""

Person = tuple[object, ...]
"""A contact's names, company and title as read (`person` makes the `Contact`)."""

person = _rows.person


def stamp(when: datetime) -> str:
    """An aware time as stored: UTC, ISO 8601."""
    return when.astimezone(UTC).isoformat()


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


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
    return [_rows.reminder(r) for r in rows]


def reminder(conn: sqlite3.Connection, reminder_id: int) -> Reminder | None:
    row = conn.execute(f"{_REMINDER} FROM reminder r WHERE r.id = ?", (reminder_id,)).fetchone()
    return None if row is None else _rows.reminder(row)


def reminders_by_id(conn: sqlite3.Connection, ids: Sequence[int]) -> list[Reminder]:
    """The reminders with these ids (done or not)."""
    out: list[Reminder] = []
    for chunk in batches(ids):
        marks = ",".join("?" * len(chunk))
        out += [
            _rows.reminder(r)
            for r in conn.execute(f"{_REMINDER} FROM reminder r WHERE r.id IN ({marks})", chunk)
        ]
    return out


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


def own_cadences(conn: sqlite3.Connection) -> list[str]:
    """The distinct cadences contacts have of their own, as typed (``60d``, ``3m``)."""
    rows = conn.execute("SELECT DISTINCT cadence FROM contact WHERE cadence != ''")
    return [str(r[0]) for r in rows]


def _values(pairs: Mapping[str, int]) -> tuple[str, list[object]]:
    """A ``VALUES`` list (or an empty select) for a small text -> days table, and its params."""
    if not pairs:
        return "SELECT NULL, NULL WHERE 0", []
    params: list[object] = []
    for key, days in pairs.items():
        params += [key, days]
    return "VALUES " + ",".join(["(?, ?)"] * len(pairs)), params


_RANK_STEP = 10000  # more days than any cadence has (ten years at most)
_RANK = {source: i * _RANK_STEP for i, source in enumerate(CADENCE_PRECEDENCE)}
"""A candidate cadence's rank: its source's place in `CADENCE_PRECEDENCE`, then its days; the
lowest rank is the contact's cadence (`cardbox.domain.followups.chosen_cadence`)."""


def cadence_due(
    conn: sqlite3.Connection,
    own: Mapping[str, int],
    tags: Mapping[str, int],
    industries: Mapping[str, int],
    until: datetime,
) -> list[tuple[int, datetime, datetime | None, Person]]:
    """Live contacts whose keep-in-touch contact is due by ``until``:
    (cadence in days, created, last interaction or None, the person).

    ``own`` maps the contacts' own cadences (as typed) to days, ``tags`` normalised tag names and
    ``industries`` industry codes to the days of their default. A contact's own cadence wins;
    else the shortest of its tags' defaults; else the shortest of its industries'. The database
    picks the cadence, finds the last interaction and keeps only what is due, through the
    indexes, so a box of 100,000 where a few thousand have cadences costs milliseconds.
    """
    own_sql, own_params = _values(own)
    tag_sql, tag_params = _values(tags)
    ind_sql, ind_params = _values(industries)
    sql = f"""
        WITH own(text, days) AS ({own_sql}),
        tagd(key, days) AS ({tag_sql}),
        indd(code, days) AS ({ind_sql}),
        cand(id, rank) AS (
            SELECT c.id, {_RANK["own"]} + o.days FROM contact c JOIN own o ON o.text = c.cadence
             WHERE c.cadence != ''
            UNION ALL
            SELECT ct.contact_id, {_RANK["tag"]} + d.days FROM tagd d
              JOIN tag t ON t.name_norm = d.key JOIN contact_tag ct ON ct.tag_id = t.id
            UNION ALL
            SELECT ci.contact_id, {_RANK["industry"]} + d.days FROM indd d
              JOIN industry i ON i.code = d.code
              JOIN contact_industry ci ON ci.industry_id = i.id
        ),
        chosen(id, days) AS (SELECT id, min(rank) % {_RANK_STEP} FROM cand GROUP BY id),
        timed(id, days, last) AS (
            SELECT ch.id, ch.days,
                   (SELECT max(i.at) FROM interaction i WHERE i.contact_id = ch.id)
              FROM chosen ch
        ),
        due(id, days, last) AS (
            SELECT id, days, last FROM timed
             WHERE julianday(coalesce(last, (SELECT created_at FROM contact WHERE id = timed.id)))
                   + days <= julianday(?) + 0.0001
        )
        SELECT d.days, c.created_at, d.last, {_PERSON}
          FROM due d JOIN contact c ON c.id = d.id WHERE c.deleted_at IS NULL
    """
    rows = conn.execute(sql, [*own_params, *tag_params, *ind_params, stamp(until)])
    return [(int(r[0]), datetime.fromisoformat(r[1]), _when(r[2]), r[3:]) for r in rows]


def open_due(
    conn: sqlite3.Connection,
    after: datetime | None,
    before: datetime,
    limit: int | None = None,
) -> tuple[list[tuple[int, datetime, str, Person]], int]:
    """Open reminders of live contacts due in [``after``, ``before``), soonest first, at most
    ``limit``: (reminder id, due, note, the person), and how many there are in all."""
    where = "r.done_at IS NULL AND r.due_at < ?" + (" AND r.due_at >= ?" if after else "")
    params: list[object] = [stamp(before)]
    if after:
        params.append(stamp(after))
    # The partial index of open reminders by due time (0007); without the hint the planner,
    # having no statistics, prefers the index on done_at and sorts every open reminder.
    indexed = " FROM reminder r INDEXED BY ix_reminder_open_due"
    sql = (
        f"SELECT r.id, r.due_at, r.note, {_PERSON}{indexed} JOIN contact c ON c.id = r.contact_id"
        f" WHERE {where} AND c.deleted_at IS NULL ORDER BY r.due_at, r.id"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    found = [
        (int(r[0]), datetime.fromisoformat(r[1]), str(r[2]), r[3:])
        for r in conn.execute(sql, params)
    ]
    if limit is None or len(found) < limit:
        return found, len(found)
    # Counted in the index alone (it holds the contact id): the trash is small.
    count = (
        f"SELECT count(*){indexed} WHERE {where} AND r.contact_id NOT IN"
        " (SELECT id FROM contact WHERE deleted_at IS NOT NULL)"
    )
    return found, int(conn.execute(count, params).fetchone()[0])


def birthdays_on(conn: sqlite3.Connection, days: Sequence[str]) -> list[tuple[str, Person]]:
    """Live contacts whose birthday falls on one of ``days`` (``MM-DD``): (birthday, person)."""
    if not days:
        return []
    # `+deleted_at`: look up by the index of birthdays by day (0007), not the one on deleted_at.
    rows = conn.execute(
        f"SELECT c.birthday, {_PERSON} FROM contact c WHERE c.birthday != ''"
        f" AND substr(c.birthday, -5) IN ({','.join('?' * len(days))}) AND +c.deleted_at IS NULL",
        list(days),
    )
    return [(str(r[0]), r[1:]) for r in rows]


def done_history(
    conn: sqlite3.Connection, *, contact_id: int | None = None, limit: int = 500
) -> list[tuple[int, int, datetime, datetime, str]]:
    """Occurrences marked done, newest first: (reminder id, contact id, occurrence, done at,
    note). A repeating reminder has one line per occurrence done."""
    where = "l.kind = 'done' AND c.deleted_at IS NULL"
    params: list[object] = []
    if contact_id is not None:
        where += " AND r.contact_id = ?"
        params.append(contact_id)
    rows = conn.execute(
        "SELECT r.id, r.contact_id, l.occurrence, l.at, r.note FROM reminder_log l"
        " JOIN reminder r ON r.id = l.reminder_id JOIN contact c ON c.id = r.contact_id"
        f" WHERE {where} ORDER BY l.at DESC, l.id DESC LIMIT {int(limit)}",
        params,
    )
    return [
        (
            int(r[0]),
            int(r[1]),
            datetime.fromisoformat(r[2]),
            datetime.fromisoformat(r[3]),
            str(r[4]),
        )
        for r in rows
    ]


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


def move_reminder(
    conn: sqlite3.Connection,
    reminder_id: int,
    due: datetime,
    *,
    restart: bool = False,
    zone: str | None = None,
) -> None:
    """Set when a reminder is next due; with ``restart``, a repeating one's series starts there;
    with ``zone``, the reminder is in that zone from then on."""
    conn.execute("UPDATE reminder SET due_at = ? WHERE id = ?", (stamp(due), reminder_id))
    if restart:
        conn.execute("UPDATE reminder SET start_at = ? WHERE id = ?", (stamp(due), reminder_id))
    if zone is not None:
        conn.execute("UPDATE reminder SET zone = ? WHERE id = ?", (zone, reminder_id))


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
