"""The box's files on disk: private to the user, and never anything but a regular file.

A box holds people's phone numbers and addresses, so everything cardbox creates for it is for the
user alone: the folders it creates 0700, the SQLite file 0600 (SQLite gives its ``-wal`` and
``-shm`` files the database's own mode), the migration backups 0600. A box made before this
(0644, world-readable under the usual umask) is made private when it is opened, and the user is
told once (the next open finds nothing to fix).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cardbox.domain.errors import StoreError

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
SIDE_FILES = ("-wal", "-shm", "-journal")


def prepare(path: Path, *, own_folder: bool = False) -> list[str]:
    """Make ready to open the box at ``path``: create missing folders (0700) and a new, empty
    file (0600); refuse what is not a regular file; make an existing box's files private.
    ``own_folder``: the folder is cardbox's own (the default data folder), made private too.

    Returns notices for the user (what was made private).

    Raises:
        StoreError: ``path`` is a folder, a device or another special file, or cannot be made.
    """
    try:
        found = path.stat()
    except FileNotFoundError:
        found = None
    except OSError as exc:
        raise StoreError("store.unopenable", path=path, reason=exc.strerror or exc) from None
    if found is not None and not stat.S_ISREG(found.st_mode):
        raise StoreError("store.not_a_file", path=path)
    try:
        _make_folders(path.parent)
        if found is None:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
            os.close(fd)
    except FileExistsError:
        pass  # another process created it meanwhile
    except OSError as exc:
        raise StoreError("store.uncreatable", path=path, reason=exc.strerror or exc) from None

    notices = []
    if own_folder and _tighten(path.parent, PRIVATE_DIR):
        notices.append(f"{path.parent}: the box's folder was open to other users; now yours alone")
    candidates = [path, *(path.with_name(path.name + s) for s in SIDE_FILES)]
    candidates += sorted(path.parent.glob(f"{_glob_safe(path.name)}.backup-*"))
    fixed = [p.name for p in candidates if _tighten(p, PRIVATE_FILE)]
    if fixed:
        notices.append(
            f"{path}: the box was readable by other users; {len(fixed)} file(s) made private"
            f" to you (mode 0600): {', '.join(fixed)}"
        )
    return notices


def private_file(path: Path) -> None:
    """Create an empty file readable by the user alone (it must not exist)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))


def _make_folders(folder: Path) -> None:
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        try:
            new.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            continue


def _tighten(path: Path, most: int) -> bool:
    """Take group and other permissions away from ``path`` (owned by the user); True if any
    were there. A file of another user, a symlink or a special file is left alone."""
    try:
        info = path.lstat()
    except OSError:
        return False
    if stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid():
        return False
    mode = stat.S_IMODE(info.st_mode)
    if not mode & 0o077:
        return False
    try:
        os.chmod(path, mode & most & ~0o077)
    except OSError:
        return False
    return True


def _glob_safe(name: str) -> str:
    return "".join(f"[{ch}]" if ch in "*?[]" else ch for ch in name)
