"""Which schema a file has, and bringing it to the current one.

The check is a plain sqlite3 query so that opening an up-to-date box costs no ORM import; Alembic
is loaded only when there is something to migrate.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

from cardbox.domain.errors import StoreError

REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0007", "0006", "0008", "0009", "0010")
"""Every schema revision in the order applied (0006 was chained after 0007). A test checks
this against the Alembic scripts."""
HEAD = REVISIONS[-1]


def current_revision(conn: sqlite3.Connection) -> str | None:
    """The file's Alembic revision, or ``None`` for a new, empty file."""
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


def backup(conn: sqlite3.Connection, path: Path, revision: str) -> Path:
    """Copy the box with ``VACUUM INTO`` before a migration from ``revision``, as an automatic
    snapshot (reason ``upgrade``) in the box's backup folder, thinned by the same rotation as
    the snapshots before a sync, an import or a restore (`cardbox.store.backup.rotate`).

    The copy is written under a temporary name (``.<name>.partial-<pid>``, created 0600 so the
    copy is the user's alone), flushed to disk and renamed when complete, so a kill during the
    copy never leaves something that looks like a backup; what such a kill left (the partial
    file and its ``-journal``, also beside the box where older cardbox versions wrote them) is
    removed by the next backup once its process is gone. Only complete backups count in the
    rotation.

    Raises:
        StoreError: the copy cannot be written (disk full, read-only folder).
    """
    from cardbox.store import backup as snapshots
    from cardbox.store.files import private_file

    where = snapshots.folder(path)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = where / f"{path.stem}-{stamp}-upgrade.sqlite"
    partial = where / f".{target.name}.partial-{os.getpid()}"
    strays = list(path.parent.glob(f"{_glob_safe(path.name)}.backup-*"))
    strays += where.glob(".*.partial-*") if where.is_dir() else []
    for stray in strays:
        writer = _PARTIAL.search(stray.name)
        if writer is not None:
            left = not _alive(int(writer[1]))  # a copy whose writer is gone
        else:
            left = _broken(stray) and _stale(stray)  # what an older cardbox left
        if left:
            stray.unlink(missing_ok=True)
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        private_file(partial)
        conn.execute("VACUUM INTO ?", (str(partial),))
        with open(partial, "rb+") as copy:
            os.fsync(copy.fileno())
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        reason = getattr(exc, "strerror", None) or exc
        raise StoreError("store.no_upgrade_backup", path=path, reason=reason) from None
    snapshots.rotate(path)
    return target


_PARTIAL = re.compile(r"\.partial-([0-9]+)(?:-journal)?$")
_BACKUP = re.compile(r"\.backup-[0-9A-Za-z_]+-[0-9]{8}T[0-9]+$")


def complete_backups(path: Path) -> list[Path]:
    """The complete upgrade backups of the box at ``path``, oldest first: those in its backup
    folder, after those older cardbox versions left beside it (``<box>.backup-<rev>-<time>``)."""
    from cardbox.store import backup as snapshots

    legacy = sorted(
        p
        for p in path.parent.glob(f"{_glob_safe(path.name)}.backup-*")
        if _BACKUP.fullmatch(p.name[len(path.name) :]) and not _broken(p)
    )
    found = sorted(snapshots.snapshots(path), key=lambda s: s.at)
    return legacy + [s.path for s in found if s.reason == "upgrade" and s.path not in legacy]


def _broken(p: Path) -> bool:
    """A stray from an older cardbox killed during its backup: ``-journal`` beside a backup,
    or a backup of 0 bytes (a box with data never is)."""
    if p.name.endswith("-journal"):
        return True
    try:
        return p.is_file() and p.stat().st_size == 0
    except OSError:
        return False


def _alive(pid: int) -> bool:
    """True while the process that writes a partial copy runs (on this machine)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _stale(p: Path) -> bool:
    """Untouched for a minute (not a copy another process is writing right now)."""
    try:
        return time.time() - p.stat().st_mtime > 60
    except OSError:
        return False


def _glob_safe(name: str) -> str:
    return "".join(f"[{ch}]" if ch in "*?[]" else ch for ch in name)


def ensure_current(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the file at ``path`` to `HEAD`, with a backup first when it holds data."""
    revision = current_revision(conn)
    if revision == HEAD:
        return
    if revision is not None and revision not in REVISIONS:
        raise StoreError("store.newer", path=path, revision=revision)

    if revision is not None:
        backup(conn, path, revision)
    from cardbox.store.migrate import upgrade  # Alembic only when needed

    upgrade(path, HEAD)
