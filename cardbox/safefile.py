"""Writing a file the safe way: never half-written, never over something unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from cardbox.domain.errors import CardboxError


class ExistsError(CardboxError):
    """The target exists (or is a symlink) and overwriting was not asked for."""


def atomic_write(target: Path, data: bytes, *, overwrite: bool) -> None:
    """Write ``data`` to a temporary file beside ``target``, flush it to disk, then give it the
    name: an interrupted write leaves the old file (or none), never a truncated one. Without
    ``overwrite`` an existing file or symlink is never replaced or followed.

    Raises:
        ExistsError: ``target`` exists and ``overwrite`` is False.
        OSError: the folder cannot be written.
    """
    if target.is_symlink() or (target.exists() and not overwrite):
        raise ExistsError(f"{target}: already exists (use --overwrite to replace it)")
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".cardbox-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if overwrite:
            os.replace(temp, target)
        else:
            # Claim the name without following or replacing anything that appeared meanwhile.
            os.link(temp, target)
            os.unlink(temp)
    except FileExistsError:
        os.unlink(temp)
        raise ExistsError(f"{target}: already exists (use --overwrite to replace it)") from None
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
