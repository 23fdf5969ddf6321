"""Work on many ids a batch at a time: one statement per `BATCH` ids stays far under SQLite's
limit on bound variables, and a batch of contacts (with their photos) stays small in memory."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Final, TypeVar

T = TypeVar("T")

BATCH: Final = 500
"""Ids per statement, and contacts per batch when contacts are streamed."""


def batches(items: Sequence[T], size: int = BATCH) -> Iterator[list[T]]:
    """``items`` in consecutive lists of at most ``size``, in order."""
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def marks(n: int) -> str:
    """``n`` SQL placeholders, comma-separated (``?,?,?``)."""
    return ",".join("?" * n)
