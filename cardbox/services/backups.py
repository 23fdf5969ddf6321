"""Backups of a box: the service behind ``cardbox backup``, ``backups`` and ``restore``, and
the automatic snapshot taken before a sync or an import (see `cardbox.store.backup`)."""

from __future__ import annotations

from pathlib import Path

from cardbox.services.box import CardBox
from cardbox.store import backup as store_backup
from cardbox.store.backup import BackupError, Snapshot

__all__ = ["BackupError", "Snapshot", "backup", "before", "restore", "snapshots"]


def backup(box: CardBox, to: Path | None = None) -> Path:
    """A checked snapshot of ``box``: into the folder ``to`` if given, else into the box's
    backup folder (kept by the rotation; reason ``manual``)."""
    if to is None:
        made = store_backup.take(box.path, store_backup.MANUAL)
        assert made is not None  # an open box has a file
        return made
    from datetime import UTC, datetime

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return store_backup.write(box.path, to / f"{box.path.stem}-{stamp}-manual.sqlite")


def before(box: CardBox, reason: str) -> Path | None:
    """The automatic snapshot before a change (``sync``, ``import``); none for a throwaway box."""
    if box.throwaway:
        return None
    return store_backup.take(box.path, reason)


def snapshots(path: Path) -> list[Snapshot]:
    """The snapshots of the box at ``path``, newest first."""
    return store_backup.snapshots(path)


def restore(path: Path, source: Path) -> Path | None:
    """Put the snapshot ``source`` back as the box at ``path`` (the box as it was is saved
    first; that snapshot is returned)."""
    return store_backup.restore(path, source)
