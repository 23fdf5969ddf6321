"""Writing a file the safe way: never half-written, never over something unless asked, and
only ever a regular file (a device, socket or folder is never replaced; a FIFO is written into).
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from cardbox.domain.errors import CardboxError


class ExistsError(CardboxError):
    """The target exists (or is a symlink) and overwriting was not asked for, or it is not
    something cardbox writes to (a device, a socket, a folder)."""


def atomic_write(target: Path, data: bytes, *, overwrite: bool, follow_links: bool = False) -> None:
    """Write ``data`` to a temporary file beside ``target``, flush it to disk, then give it the
    name: an interrupted write leaves the old file (or none), never a truncated one. The file
    is readable by the user alone (0600). Without ``overwrite`` an existing file or symlink is
    never replaced or followed.

    A symlink is refused, unless ``follow_links`` and ``overwrite`` are both given (a file the
    user named on the command line): then the file it points to is replaced, the same way, and
    the link stays. A FIFO is written into (a reader on its other end gets the data), never
    replaced; a device, socket or folder is refused.

    Raises:
        ExistsError: ``target`` exists and ``overwrite`` is False, or it is not a regular file.
        OSError: the folder cannot be written.
    """
    path = target
    if target.is_symlink():
        if not follow_links:
            raise ExistsError("file.symlink", path=target)
        if not overwrite:
            raise ExistsError("file.exists", path=target)
        path = Path(os.path.realpath(target))
    try:
        found = os.stat(path)
    except FileNotFoundError:
        found = None
    if found is not None:
        if stat.S_ISFIFO(found.st_mode):
            _into_fifo(path, data)
            return
        if not stat.S_ISREG(found.st_mode):
            raise ExistsError("file.not_regular", path=target)
        if not overwrite:
            raise ExistsError("file.exists", path=target)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".cardbox-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if overwrite:
            os.replace(temp, path)
        else:
            # Claim the name without following or replacing anything that appeared meanwhile.
            os.link(temp, path)
            os.unlink(temp)
    except FileExistsError:
        os.unlink(temp)
        raise ExistsError("file.exists", path=target) from None
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def _into_fifo(path: Path, data: bytes) -> None:
    """Write into a FIFO (waits for a reader, as a shell redirection does)."""
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        if not stat.S_ISFIFO(os.fstat(fd).st_mode):  # swapped since it was looked at
            raise ExistsError("file.not_fifo", path=path)

        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
