"""Wall time in a zone: DST gaps and repeated hours resolved one way, for every date rule."""

from __future__ import annotations

from datetime import UTC, datetime, time, tzinfo
from typing import Final

DEFAULT_TIME: Final = time(9, 0)
"""The time of day of a date typed without one (``12/1``, ``tomorrow``, ``next monday``)."""

LEAP_DAY_FALLBACK: Final = "02-28"
"""Where 29 February falls in other years, for yearly reminders and birthdays: ``02-28`` or
``03-01``."""


def resolve_local(naive: datetime, zone: tzinfo) -> datetime:
    """The aware time in ``zone`` for a wall-clock time, defined even on a DST change day.

    A wall time in a spring-forward gap is moved forward by the length of the gap (02:30 in
    New York on 2026-03-08 is 03:30 EDT); a wall time that happens twice is its first occurrence
    (01:30 on 2026-11-01 is 01:30 EDT, ``fold=0``). The result is normalised: its wall time is
    one that really happens in ``zone``.
    """
    if naive.tzinfo is not None:
        raise ValueError("resolve_local takes a naive wall-clock time")
    # fold=0 reads a gap or an overlap with the offset in force before the change (PEP 495);
    # the round trip through UTC turns that into a real wall time.
    return naive.replace(tzinfo=zone, fold=0).astimezone(UTC).astimezone(zone)


def require_aware(value: datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime")


def is_later(a: datetime, b: datetime) -> bool:
    """``a`` is a later instant than ``b``. (Aware times in one zone compare by wall clock, which
    is wrong in the repeated hour, so compare in UTC.)"""
    return a.astimezone(UTC) > b.astimezone(UTC)


def wall_time(value: datetime, zone: tzinfo) -> datetime:
    """The naive wall time of an aware ``value`` in ``zone``."""
    return value.astimezone(zone).replace(tzinfo=None, fold=0)
