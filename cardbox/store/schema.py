"""Which schema a file has, and bringing it to the current one.

The check is a plain sqlite3 query so that opening an up-to-date box costs no ORM import; Alembic
is loaded only when there is something to migrate.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from cardbox.domain.errors import StoreError

REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0007", "0006", "0008")
"""Every schema revision in the order applied (0006 was chained after 0007). A test checks
this against the Alembic scripts."""
HEAD = REVISIONS[-1]
KEEP_BACKUPS = 3


def current_revision(conn: sqlite3.Connection) -> str | None:
    """The file's Alembic revision, or ``None`` for a new, empty file."""
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


def backup(conn: sqlite3.Connection, path: Path, revision: str) -> Path:
    """Copy the box with ``VACUUM INTO`` before a migration; keep the last few copies."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = path.with_name(f"{path.name}.backup-{revision}-{stamp}")
    conn.execute("VACUUM INTO ?", (str(target),))
    olds = sorted(path.parent.glob(f"{path.name}.backup-*"))
    for old in olds[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)
    return target


def ensure_current(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the file at ``path`` to `HEAD`, with a backup first when it holds data."""
    revision = current_revision(conn)
    if revision == HEAD:
        return
    if revision is not None and revision not in REVISIONS:
        raise StoreError(
            f"{path}: this box was written by a newer cardbox (schema {revision}); "
            "upgrade cardbox to open it"
        )
    if revision is not None:
        backup(conn, path, revision)
    from cardbox.store.migrate import upgrade  # Alembic only when needed

    upgrade(path, HEAD)
