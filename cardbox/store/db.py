"""Opening the SQLite file: version check, pragmas, and the write-transaction rule.

Every connection, whether plain sqlite3 (the fast read path) or SQLAlchemy (writes and migrations),
goes through `configure`, and every write transaction starts with ``BEGIN IMMEDIATE``: deferred
transactions gave 925 "database is locked" failures out of 1,200 with four writers, immediate ones
none (``../shared/notes/hostile-input.md`` D3).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from cardbox.domain.errors import InvalidInput, StoreError


class CardConflict(InvalidInput):
    """A card could not be stored (a constraint of the box refused it); the batch it came in
    was rolled back, and the importer retries its cards one by one."""


MIN_SQLITE = (3, 34, 0)
"""The FTS5 trigram tokenizer arrived in SQLite 3.34."""
BUSY_TIMEOUT_MS = 30_000


def check_sqlite_version() -> None:
    """Fail with a clear message when the SQLite library is too old for the search index."""
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        need = ".".join(map(str, MIN_SQLITE))
        raise StoreError("store.old_sqlite", version=sqlite3.sqlite_version, need=need)


def configure(conn: sqlite3.Connection) -> None:
    """Apply the pragmas every cardbox connection uses."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    # 32 MiB of page cache (the default is 2 MiB): the full-text indexes touch many pages on
    # every write, and a bulk import writes thousands of documents a transaction.
    conn.execute("PRAGMA cache_size = -32768")
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    if mode != "wal":
        conn.execute("PRAGMA journal_mode = WAL")


def connect(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection in autocommit mode (reads, and explicit BEGIN IMMEDIATE).

    A box in a folder cardbox cannot write to cannot make the ``-shm`` file WAL needs; it is
    opened read-only (see `read_only`), and every write is then refused with a message.
    """
    check_sqlite_version()
    if read_only(path):
        return _connect_read_only(path)
    conn = None
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        configure(conn)
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        if read_only(path):
            return _connect_read_only(path)
        raise StoreError("store.unopenable", path=path, reason=exc) from None
    return conn


def read_only(path: Path) -> bool:
    """True when the box at ``path`` exists but cardbox cannot write to it or to its folder."""
    folder = path.parent if str(path.parent) else Path(".")
    return path.is_file() and not (os.access(path, os.W_OK) and os.access(folder, os.W_OK))


def _connect_read_only(path: Path) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not path.with_name(path.name + "-shm").exists():
        uri += "&immutable=1"  # nothing can write it meanwhile: the -wal cannot be made either
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise StoreError("store.unopenable", path=path, reason=exc) from None
    return conn
