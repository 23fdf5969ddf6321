"""Snapshots of a box: consistent copies made by SQLite itself, checked, kept in a rotation.

A snapshot is written with ``VACUUM INTO`` (one compacted file with no ``-wal``/``-shm``, safe
while other connections write), to a temporary name first, then checked with
``PRAGMA integrity_check`` and given its name; it is readable by its owner alone (0600).

Automatic snapshots (before a sync, an import, a restore, a schema upgrade) go to the box's
backup folder, ``<box stem>-backups`` beside the box, named ``<stem>-<UTC time>-<reason>.sqlite``,
and are thinned together by `keep`: the 10 newest, then the newest of each day for two weeks,
then the newest of each month for a year. Snapshots a person asked for (reason ``manual``) are
never thinned.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cardbox.domain.errors import CardboxError, StoreError

LAST = 10
DAILY_DAYS = 14
MONTHLY_DAYS = 366
MANUAL = "manual"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{12}Z)-(?P<reason>[a-z-]+)\.sqlite$")


class BackupError(CardboxError):
    """A snapshot could not be written, checked or put back."""


@dataclass(frozen=True)
class Snapshot:
    """One snapshot file."""

    path: Path
    at: datetime
    reason: str
    size: int


def folder(box: Path) -> Path:
    """Where the automatic snapshots of the box at ``box`` live."""
    return box.with_name(f"{box.stem}-backups")


def check(path: Path) -> None:
    """Raise `BackupError` unless ``path`` is an intact SQLite file holding a cardbox box."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError("backup.unopenable", path=path, reason=exc) from None
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            problems = "; ".join(str(r[0]) for r in result[:3])
            raise BackupError("backup.damaged", path=path, problems=problems)
        conn.execute("SELECT version_num FROM alembic_version").fetchone()
        conn.execute("SELECT count(*) FROM contact").fetchone()
    except sqlite3.DatabaseError as exc:
        raise BackupError("backup.not_a_box", path=path, reason=exc) from None
    finally:
        conn.close()


def write(box: Path, target: Path) -> Path:
    """Write a checked snapshot of the box at ``box`` to ``target`` (which must not exist)."""
    if target.exists() or target.is_symlink():
        raise BackupError("backup.exists", path=target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=target.parent, prefix=".cardbox-", suffix=".tmp")
    os.close(handle)
    temp = Path(temp_name)
    temp.unlink()  # VACUUM INTO wants a new file; the name stays ours (a random one)
    try:
        conn = sqlite3.connect(box)
        try:
            conn.execute("VACUUM INTO ?", (str(temp),))
        except sqlite3.Error as exc:
            raise BackupError("backup.uncopyable", path=box, reason=exc) from None
        finally:
            conn.close()
        os.chmod(temp, 0o600)
        check(temp)
        with open(temp, "rb") as handle_:
            os.fsync(handle_.fileno())
        os.link(temp, target)  # never over a file that appeared meanwhile
    except FileExistsError:
        raise BackupError("backup.exists", path=target) from None
    finally:
        temp.unlink(missing_ok=True)
    return target


def take(box: Path, reason: str, *, now: datetime | None = None) -> Path | None:
    """Snapshot the box into its backup folder and thin the folder; None when there is no box
    yet (nothing to lose). ``reason`` is a lower-case word: ``sync``, ``import``, ``manual``."""
    if not box.exists() or box.stat().st_size == 0:
        return None
    at = now or datetime.now(UTC)
    where = folder(box)
    where.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(where, 0o700)
    stamp = at.strftime("%Y%m%dT%H%M%S%fZ")
    target = write(box, where / f"{box.stem}-{stamp}-{reason}.sqlite")
    rotate(box, now=at)
    return target


def snapshots(box: Path) -> list[Snapshot]:
    """The snapshots in the box's backup folder, and the copies older cardbox versions made
    beside the box before schema upgrades (``<box>.backup-*``, reason ``upgrade``), newest
    first."""
    found: list[Snapshot] = []
    where = folder(box)
    for path in where.glob("*.sqlite") if where.is_dir() else ():
        m = _NAME.match(path.name)
        if m is None:
            continue
        at = datetime.strptime(m["stamp"], "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
        found.append(Snapshot(path, at, m["reason"], path.stat().st_size))
    for path in box.parent.glob(f"{box.name}.backup-*"):
        if ".partial-" in path.name or path.name.endswith("-journal"):
            continue  # a copy being written, or what a killed one left
        stat = path.stat()
        found.append(
            Snapshot(path, datetime.fromtimestamp(stat.st_mtime, UTC), "upgrade", stat.st_size)
        )
    found.sort(key=lambda s: s.at, reverse=True)
    return found


def keep(times: Iterable[datetime], now: datetime) -> set[datetime]:
    """Which of these snapshot times the rotation keeps: the `LAST` newest, the newest of each
    day of the last `DAILY_DAYS` days and the newest of each month of the last year."""
    ordered = sorted(set(times), reverse=True)
    kept = set(ordered[:LAST])
    days: set[str] = set()
    months: set[str] = set()
    for at in ordered:  # newest first, so the first seen of a day or month is its newest
        age = now - at
        day, month = at.strftime("%Y-%m-%d"), at.strftime("%Y-%m")
        if age <= timedelta(days=DAILY_DAYS) and day not in days:
            days.add(day)
            kept.add(at)
        if age <= timedelta(days=MONTHLY_DAYS) and month not in months:
            months.add(month)
            kept.add(at)
    return kept


def rotate(box: Path, *, now: datetime | None = None) -> list[Path]:
    """Delete the automatic snapshots `keep` does not keep; returns what was deleted."""
    automatic = [s for s in snapshots(box) if s.reason != MANUAL]
    kept = keep((s.at for s in automatic), now or datetime.now(UTC))
    gone = [s.path for s in automatic if s.at not in kept]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def restore(box: Path, source: Path) -> Path | None:
    """Put the snapshot ``source`` in place of the box at ``box``, after snapshotting the box
    as it is (reason ``restore``; returned). Close the app and other commands on the box first.

    Raises:
        BackupError: ``source`` is not an intact cardbox box (nothing is changed).
    """
    if not source.is_file():
        raise BackupError("backup.missing", path=source)
    check(source)
    saved = take(box, "restore")
    if box.exists():
        try:
            conn = sqlite3.connect(box)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
        except sqlite3.Error as exc:
            raise StoreError("store.unclosable", path=box, reason=exc) from None

    box.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=box.parent, prefix=".cardbox-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out, open(source, "rb") as src:
            while chunk := src.read(1 << 20):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o600)
        for side in ("-wal", "-shm"):  # frames of the old box must never meet the new file
            Path(f"{box}{side}").unlink(missing_ok=True)
        os.replace(temp, box)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return saved
