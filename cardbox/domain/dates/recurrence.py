"""Repeating reminders: RFC 5545 RRULEs expanded on the wall time of their zone."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import Any, Final

from dateutil.rrule import rrulestr  # type: ignore[import-untyped, unused-ignore]

from cardbox.domain.dates.wall import (
    LEAP_DAY_FALLBACK,
    require_aware,
    resolve_local,
    wall_time,
)
from cardbox.domain.dates.words import Lazy


@dataclass(frozen=True)
class Recurrence:
    """How a reminder repeats: an RFC 5545 RRULE value such as ``FREQ=MONTHLY;BYDAY=2TU``."""

    rule: str


FREQS: Final = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
# How far ahead a series is searched, and the largest interval, per frequency. A rule that has no
# occurrence that far ahead is treated as ended (dateutil would otherwise search to year 9999).
_HORIZON_YEARS: Final = {"DAILY": 5, "WEEKLY": 5, "MONTHLY": 30, "YEARLY": 30}
_MAX_INTERVAL: Final = {"DAILY": 730, "WEEKLY": 104, "MONTHLY": 120, "YEARLY": 20}
# Day 60 is 29 February in leap years and 1 March in others; -1 in February is the 28th or 29th.
_LEAP_DAY_RULES: Final[dict[str, str]] = {
    "02-28": "BYMONTH=2;BYMONTHDAY=-1",
    "03-01": "BYYEARDAY=60",
}


def month_day(day: int) -> str:
    """BYMONTHDAY for a day of the month that falls on the last day of shorter months."""
    if day == 31:
        return "-1"
    return f"{day},-1;BYSETPOS=1" if day >= 29 else str(day)


def rule_parts(rule: str) -> dict[str, str]:
    parts: dict[str, str] = {}
    for item in rule.split(";"):
        key, sep, value = item.partition("=")
        if not sep or not value or key in parts:
            raise ValueError(f"bad part {item!r}")
        parts[key] = value
    return parts


BYDAY = Lazy(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")


def join_parts(parts: dict[str, str]) -> str:
    return ";".join(f"{key}={value}" for key, value in parts.items())


def rule_for_start(rule: str, start: datetime) -> str:
    """``rule`` with the day of the month made explicit for a series starting at ``start``.

    cardbox expands a monthly rule from the 29th-31st onto the last day of shorter months, and a
    yearly rule from 29 February onto `LEAP_DAY_FALLBACK`; RFC 5545 readers would skip those
    months and years instead. Write this rule (not the stored one) into calendar exports so that
    phones repeat it as cardbox does. Rules that already name days are returned unchanged.
    """
    parts = rule_parts(rule)
    if any(key.startswith("BY") for key in parts):
        return rule
    freq, day = parts["FREQ"], start.day
    extra = ""
    if freq == "MONTHLY" and day >= 29:
        extra = f"BYMONTHDAY={month_day(day)}"
    elif freq == "YEARLY" and (start.month, day) == (2, 29):
        extra = _LEAP_DAY_RULES[LEAP_DAY_FALLBACK]
    return f"{rule};{extra}" if extra else rule


@dataclass(frozen=True)
class _Series:
    """A rule anchored at a start, in a zone: the start plus the rule's wall-time occurrences."""

    first: datetime  # the start, as a UTC instant
    wall0: datetime  # the start's naive wall time (the rule's DTSTART)
    zone: tzinfo
    rrule: Any  # dateutil.rrule.rrule over naive wall times
    horizon: timedelta
    until: datetime | None  # the rule's own UNTIL, as a naive wall time

    def walls(self, low: datetime, high: datetime) -> Iterator[datetime]:
        """The rule's wall times from ``low`` on, not past ``high`` (both naive)."""
        # Bounded by ``high`` so that a rule that never matches again stops (dateutil would
        # search on to the year 9999). With COUNT, dateutil warns that UNTIL is deprecated.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            rule = self.rrule.replace(until=min(high, self.until or high))
        for wall in rule.xafter(low, inc=True):
            if wall > high:
                return
            if wall != self.wall0:  # the start itself is `first`, with its own fold
                yield wall

    def next_after(self, after: datetime) -> datetime | None:
        """The first occurrence strictly after ``after`` (UTC), or None."""
        after = after.astimezone(UTC)
        best = self.first if self.first > after else None
        low = wall_time(after, self.zone) - timedelta(days=2)
        for wall in self.walls(low, wall_time(after, self.zone) + self.horizon):
            # Wall order and instant order differ by less than two days (the largest UTC
            # offset change), so past best's wall time plus two days nothing can be earlier.
            if best is not None and wall >= wall_time(best, self.zone) + timedelta(days=2):
                break
            instant = resolve_local(wall, self.zone).astimezone(UTC)
            if instant > after and (best is None or instant < best):
                best = instant
        return best

    def between(self, after: datetime, until: datetime) -> list[datetime]:
        after, until = after.astimezone(UTC), until.astimezone(UTC)
        found = {self.first} if after < self.first <= until else set()
        low = wall_time(after, self.zone) - timedelta(days=2)
        for wall in self.walls(low, wall_time(until, self.zone) + timedelta(days=2)):
            instant = resolve_local(wall, self.zone).astimezone(UTC)
            if after < instant <= until:
                found.add(instant)
        return sorted(found)


@lru_cache(maxsize=512)
def _compiled(rule: str, wall0: datetime) -> Any:
    return rrulestr(rule, dtstart=wall0, cache=False)


def series_of(rule: str, start: datetime, zone: tzinfo | None) -> _Series:
    require_aware(start, "start")
    zone = zone or start.tzinfo
    assert zone is not None
    local = start if start.tzinfo is zone else start.astimezone(zone)
    local = local.replace(microsecond=0)
    wall0 = local.replace(tzinfo=None, fold=0)
    rule = rule_for_start(rule.removeprefix("RRULE:"), wall0)
    parts = rule_parts(rule)
    if parts["FREQ"] not in FREQS:
        raise ValueError("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY")
    if "UNTIL" in parts:
        # dateutil wants a naive UNTIL with a naive start; `_Series.walls` applies it.
        rule = join_parts({key: value for key, value in parts.items() if key != "UNTIL"})
    return _Series(
        first=local.astimezone(UTC),
        wall0=wall0,
        zone=zone,
        rrule=_compiled(rule, wall0),
        horizon=timedelta(days=366 * _HORIZON_YEARS[parts["FREQ"]]),
        until=_until(parts.get("UNTIL"), zone),
    )


def _until(value: str | None, zone: tzinfo) -> datetime | None:
    """An RRULE UNTIL as a naive wall time in ``zone`` (a UTC ``...Z`` value is converted)."""
    if value is None:
        return None
    if len(value) == 8:
        return datetime.strptime(value, "%Y%m%d").replace(hour=23, minute=59, second=59)
    if value.endswith("Z"):
        return wall_time(datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC), zone)
    return datetime.strptime(value, "%Y%m%dT%H%M%S")


def next_after(
    rule: str, start: datetime, after: datetime, zone: tzinfo | None = None
) -> datetime | None:
    """The first occurrence strictly after ``after`` of the series ``rule`` starting at ``start``.

    Occurrences keep ``start``'s wall time in ``zone`` (default: ``start``'s own zone) and go
    through `resolve_local`; ``start`` is always the first occurrence. Passing an occurrence as
    ``after`` gives a strictly later one, so no occurrence fires twice. None when the series has
    ended (COUNT, UNTIL) or has nothing in the next century (a decade for daily and weekly rules).
    The result is in ``zone``.
    """
    require_aware(after, "after")
    series = series_of(rule, start, zone)
    found = series.next_after(after)
    return found.astimezone(series.zone) if found is not None else None


def occurrences_between(
    rule: str, start: datetime, after: datetime, until: datetime, zone: tzinfo | None = None
) -> list[datetime]:
    """Every occurrence ``o`` with ``after < o <= until``, earliest first, each once.

    For catching up after the app was closed: every occurrence that fell due since ``after`` (the
    last one handled), none twice. Same series as `next_after`.
    """
    require_aware(after, "after")
    require_aware(until, "until")
    series = series_of(rule, start, zone)
    return [found.astimezone(series.zone) for found in series.between(after, until)]
