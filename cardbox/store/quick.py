"""Plain-SQL write transactions: the one style for single-row writes (a reminder, a log line,
a cadence).

Why not the ORM: a cold ``cardbox cadence 1 30d``, ``remind``, ``done``, ``snooze`` or ``log``
writes one or two rows through the plain-SQL functions of `cardbox.store.followups` (and the sync
state of `cardbox.store.syncstate`), which only ever need a sqlite3 connection. Taking that
connection from a SQLAlchemy session meant importing SQLModel, SQLAlchemy, pydantic and building
every table class (`cardbox.store.tables`): two thirds of such a command's time, for nothing the
write uses (bench/README.md, "where a cold write's time goes"). Here the transaction is a sqlite3
connection of its own, configured like every other (`db.configure`: WAL, ``synchronous = FULL``,
foreign keys, busy timeout), begun with ``BEGIN IMMEDIATE`` and committed when the work returns;
errors become the same messages as the ORM writer's (`write._guarded`).

It is a connection of its own rather than the store's read connection so that the store's
``PRAGMA data_version`` still changes on these commits (the app notices them as it did).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from cardbox.domain.errors import StoreError
from cardbox.store.db import CardConflict, connect

T = TypeVar("T")


_open = threading.local()
"""The plain transaction this thread has open (``conn``), if any."""


def open_here() -> sqlite3.Connection | None:
    """The connection of the plain transaction this thread has open (None when there is none)."""
    conn: sqlite3.Connection | None = getattr(_open, "conn", None)
    return conn


@contextmanager
def transaction(path: Path) -> Iterator[sqlite3.Connection]:
    """One ``BEGIN IMMEDIATE`` transaction on the box at ``path``, on a connection of its own;
    commits when the ``with`` block ends, rolls back when it raises. A nested one (same thread)
    joins it.

    Raises:
        CardConflict: a constraint of the box refused the write (nothing was written).
        StoreError: the box cannot be written (disk full, read-only, I/O error, lock held too
            long); nothing was written.
    """
    outer = open_here()
    if outer is not None:
        yield outer
        return
    conn = connect(path)
    try:
        try:
            conn.execute("BEGIN IMMEDIATE")
            _open.conn = conn
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            finally:
                _open.conn = None
        except sqlite3.IntegrityError as exc:
            raise CardConflict(f"the box refused it ({_reason(exc)})") from None
        except sqlite3.OperationalError as exc:
            raise StoreError("store.unwritable", path=path, reason=_reason(exc)) from None
    finally:
        conn.close()


def transact(path: Path, fn: Callable[[sqlite3.Connection], T]) -> T:
    """Run ``fn`` in one `transaction` on the box at ``path`` and return what it returns."""
    with transaction(path) as conn:
        return fn(conn)


def set_setting(conn: sqlite3.Connection, key: str, value: str) -> None:
    """Store a setting (``config region JP``, ``config zone``, the language): the row
    ``SettingRow(key=key, value=value)`` merged by the ORM would be."""
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def _reason(exc: Exception) -> str:
    return (str(exc).splitlines() or ["unknown error"])[0]
