"""Sync accounts and per-card sync state (tables ``sync_account`` and ``sync_card``), plain SQL.

Functions take a sqlite3 connection: reads through `Store.read`, writes through
`Store.transact` (one ``BEGIN IMMEDIATE`` transaction).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

CardRow = tuple[str, int | None, str, str | None, str, str, str, str]
"""(uid, contact_id, href, etag, local_hash, remote_hash, base, local_stamp)."""


@dataclass(frozen=True)
class Account:
    """One address book to sync with."""

    id: int
    name: str
    url: str
    book: str
    username: str
    password_command: str
    sync_token: str | None
    last_synced: str | None
    last_report: str
    cards: int = 0
    vcard_version: str = ""
    """The vCard version sent: ``4.0`` or ``3.0`` (``""`` until the server was asked)."""


_COLUMNS = (
    "a.id, a.name, a.url, a.book, a.username, a.password_command, a.sync_token, "
    "a.last_synced, a.last_report, (SELECT count(*) FROM sync_card s WHERE s.account_id = a.id), "
    "a.vcard_version"
)


def accounts(conn: sqlite3.Connection) -> list[Account]:
    rows = conn.execute(f"SELECT {_COLUMNS} FROM sync_account a ORDER BY a.name").fetchall()
    return [Account(*row) for row in rows]


def add_account(
    conn: sqlite3.Connection, name: str, url: str, book: str, username: str, command: str
) -> None:
    conn.execute(
        "INSERT INTO sync_account (name, url, book, username, password_command) "
        "VALUES (?, ?, ?, ?, ?)",
        (name, url, book, username, command),
    )


def set_version(conn: sqlite3.Connection, account_id: int, version: str) -> None:
    conn.execute("UPDATE sync_account SET vcard_version = ? WHERE id = ?", (version, account_id))


def remove_account(conn: sqlite3.Connection, name: str) -> int:
    return conn.execute("DELETE FROM sync_account WHERE name = ?", (name,)).rowcount


def load(conn: sqlite3.Connection, account_id: int) -> list[CardRow]:
    return conn.execute(
        "SELECT uid, contact_id, href, etag, local_hash, remote_hash, base, local_stamp "
        "FROM sync_card "
        "WHERE account_id = ?",
        (account_id,),
    ).fetchall()


def save(
    conn: sqlite3.Connection, account_id: int, rows: Sequence[CardRow], forget: Sequence[str]
) -> None:
    conn.executemany(
        "DELETE FROM sync_card WHERE account_id = ? AND uid = ?",
        [(account_id, uid) for uid in forget],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO sync_card "
        "(account_id, uid, contact_id, href, etag, local_hash, remote_hash, base, local_stamp) "
        "VALUES (?, ?, (SELECT id FROM contact WHERE id = ?), ?, ?, ?, ?, ?, ?)",
        [(account_id, *row) for row in rows],
    )


def finish(
    conn: sqlite3.Connection, account_id: int, token: str | None, at: str | None, report: str
) -> None:
    """Record a run: its token (None keeps the old one), when, and what it did."""
    if token is not None:
        conn.execute("UPDATE sync_account SET sync_token = ? WHERE id = ?", (token, account_id))
    if at is not None:
        conn.execute(
            "UPDATE sync_account SET last_synced = ?, last_report = ? WHERE id = ?",
            (at, report, account_id),
        )


def live_index(conn: sqlite3.Connection) -> list[tuple[int, str, str | None]]:
    """(id, uid, updated_at) of every live contact: what a sync needs to see what changed."""
    return conn.execute(
        "SELECT id, uid, updated_at FROM contact WHERE deleted_at IS NULL"
    ).fetchall()


@dataclass(frozen=True)
class ConflictRow:
    """A field both sides changed, kept until the user resolves it (table ``sync_conflict``)."""

    id: int
    account: str
    uid: str
    contact_id: int | None
    name: str
    field: str
    here: str
    """cardbox's value, as text."""
    there: str
    """The server's value (the one in the card now), as text."""
    here_card: str
    """The card cardbox had (vCard), to put its value back exactly."""
    at: str


NewConflict = tuple[str, int | None, str, str, str, str, str]
"""(uid, contact_id, name, field, here, there, here_card)."""


def add_conflicts(
    conn: sqlite3.Connection, account_id: int, rows: Sequence[NewConflict], at: str
) -> None:
    """Keep these conflicts (a newer one on the same card and field replaces the older)."""
    conn.executemany(
        "INSERT OR REPLACE INTO sync_conflict "
        "(account_id, uid, contact_id, name, field, here, there, here_card, at) "
        "VALUES (?, ?, (SELECT id FROM contact WHERE id = ?), ?, ?, ?, ?, ?, ?)",
        [(account_id, *row, at) for row in rows],
    )


def conflicts(conn: sqlite3.Connection, ids: Sequence[int] | None = None) -> list[ConflictRow]:
    """The unresolved conflicts (only ``ids`` when given), oldest first."""
    query = (
        "SELECT c.id, a.name, c.uid, c.contact_id, c.name, c.field, c.here, c.there, "
        "c.here_card, c.at FROM sync_conflict c JOIN sync_account a ON a.id = c.account_id"
    )
    args: list[int] = []
    if ids is not None:
        query += f" WHERE c.id IN ({', '.join('?' * len(ids))})"
        args = list(ids)
    rows = conn.execute(query + " ORDER BY c.id", args).fetchall()
    return [ConflictRow(*row) for row in rows]


def drop_conflicts(conn: sqlite3.Connection, ids: Sequence[int]) -> None:
    """Forget resolved conflicts."""
    conn.executemany("DELETE FROM sync_conflict WHERE id = ?", [(i,) for i in ids])
