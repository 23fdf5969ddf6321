"""Figures for the dashboard: counts by industry, by event and by month, and who has gone
quiet longest. Plain sqlite3 like `cardbox.store.read`; every figure is one ``GROUP BY`` or one
ordered scan, never a Python loop over every contact, so a box of 100,000 costs a few queries.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime

from cardbox.domain.views import Quiet, Stats
from cardbox.store.candidates import summaries

LIVE = "c.deleted_at IS NULL"


def contact_count(conn: sqlite3.Connection) -> int:
    """How many live contacts the box holds."""
    return int(conn.execute("SELECT count(*) FROM contact c WHERE " + LIVE).fetchone()[0])


def by_industry(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Live contacts per industry they carry (not rolled up to parents), most first."""
    rows = conn.execute(
        "SELECT i.code, count(*) FROM contact_industry ci"
        " JOIN contact c ON c.id = ci.contact_id JOIN industry i ON i.id = ci.industry_id"
        f" WHERE {LIVE} GROUP BY i.id ORDER BY count(*) DESC, i.code"
    )
    return [(str(code), int(n)) for code, n in rows]


def by_event(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Live contacts met at each event, most first (newest event first among equals)."""
    rows = conn.execute(
        "SELECT e.name, count(*) FROM meeting m"
        " JOIN contact c ON c.id = m.contact_id JOIN event e ON e.id = m.event_id"
        f" WHERE {LIVE} GROUP BY e.id"
        " ORDER BY count(*) DESC, e.date IS NULL, e.date DESC, e.name"
    )
    return [(str(name), int(n)) for name, n in rows]


def added_per_month(
    conn: sqlite3.Connection, months: Sequence[str], offset_minutes: int = 0
) -> list[tuple[str, int]]:
    """Live contacts added in each of ``months`` (``YYYY-MM``, oldest first), read in a zone
    ``offset_minutes`` east of UTC."""
    if not months:
        return []
    shift = f"{offset_minutes:+d} minutes"
    rows = conn.execute(
        "SELECT strftime('%Y-%m', c.created_at, ?) AS month, count(*) FROM contact c"
        f" WHERE {LIVE} AND month BETWEEN ? AND ? GROUP BY month",
        (shift, months[0], months[-1]),
    )
    found = {str(month): int(n) for month, n in rows}
    return [(month, found.get(month, 0)) for month in months]


def met_per_month(conn: sqlite3.Connection, months: Sequence[str]) -> list[tuple[str, int]]:
    """Live contacts met at events dated in each of ``months`` (events without a date are left
    out)."""
    if not months:
        return []
    rows = conn.execute(
        "SELECT substr(e.date, 1, 7) AS month, count(*) FROM meeting m"
        " JOIN contact c ON c.id = m.contact_id JOIN event e ON e.id = m.event_id"
        f" WHERE {LIVE} AND e.date IS NOT NULL AND month BETWEEN ? AND ? GROUP BY month",
        (months[0], months[-1]),
    )
    found = {str(month): int(n) for month, n in rows}
    return [(month, found.get(month, 0)) for month in months]


def quiet(conn: sqlite3.Connection, limit: int = 10) -> list[Quiet]:
    """The live contacts nobody has been in touch with for longest: ordered by their last
    interaction, oldest first; a contact with none counts from when its card was added."""
    rows = conn.execute(
        "SELECT c.id, coalesce(t.last, c.created_at) AS since, t.last IS NOT NULL"
        " FROM contact c LEFT JOIN"
        " (SELECT contact_id, max(julianday(at)) AS day, max(at) AS last FROM interaction"
        "  GROUP BY contact_id) t ON t.contact_id = c.id"
        f" WHERE {LIVE} ORDER BY coalesce(t.day, julianday(c.created_at)), c.id LIMIT ?",
        (limit,),
    ).fetchall()
    people = {p.id: p for p in summaries(conn, [r[0] for r in rows])}
    return [
        Quiet(people[cid], datetime.fromisoformat(since), bool(logged))
        for cid, since, logged in rows
        if cid in people and since
    ]


def stats(
    conn: sqlite3.Connection, months: Sequence[str], offset_minutes: int = 0, quiet_limit: int = 10
) -> Stats:
    """Every dashboard figure, read on one connection."""
    return Stats(
        contacts=contact_count(conn),
        by_industry=by_industry(conn),
        by_event=by_event(conn),
        added=added_per_month(conn, months, offset_minutes),
        met=met_per_month(conn, months),
        quiet=quiet(conn, quiet_limit),
    )
