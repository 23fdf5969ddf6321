"""Reading a past time as people type it (`parse_past`: when something happened)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from cardbox.domain.dates.typed import (
    FULL_DATES,
    RELATIVE_EN,
    RELATIVE_JA,
    YEARLESS_DATES,
    no_such_date,
    split_time,
)
from cardbox.domain.dates.wall import (
    DEFAULT_TIME,
    is_later,
    require_aware,
    resolve_local,
    wall_time,
)
from cardbox.domain.dates.words import (
    EN_DAY,
    EN_DAYS,
    JA_DAY,
    JA_DAYS,
    JA_MONTHS,
    MAX_INPUT,
    UNIT_DAYS,
    UNIT_MONTHS,
    UNIT_WEEKS,
    UNIT_YEARS,
    Lazy,
    add_months,
    clean,
    error,
    unit_name,
)
from cardbox.domain.errors import InvalidInput

PAST_EXAMPLES: Final = (
    "3d ago, 2h ago, yesterday 15:00, last friday, 11/28, 2026-11-28 15:00 or 3日前"
)

_AGO_EN = Lazy(
    rf"(\d{{1,6}}) ?({UNIT_DAYS}|{UNIT_WEEKS}|{UNIT_MONTHS}|{UNIT_YEARS}"
    r"|h|hrs?|hours?|min|mins|minutes?)(?: |-)?ago"
)
_AGO_JA = Lazy(rf"(\d{{1,6}}) ?(日|週間|週|{JA_MONTHS}|年|時間|分)前")


def _past_error(text: str, reason: str = "") -> InvalidInput:
    return error(("past.unreadable", "past.unreadable_because"), text, reason, PAST_EXAMPLES)


def parse_past(text: str, now: datetime, zone: ZoneInfo) -> datetime:
    """When something happened, from what a person typed (``cardbox log --at``), in ``zone``.

    Accepted: ``now``; ``3d ago``, ``3d-ago``, ``2 weeks ago``, ``2h ago``, ``3日前``;
    ``today``, ``yesterday``, ``the day before yesterday``, ``昨日``, ``一昨日``; ``friday`` or
    ``last friday`` (the latest Friday before today), ``先週金曜`` (Friday of last week);
    ``11/28`` or ``11月28日`` (the latest such day, today included); ``2026-11-28``,
    ``2026年11月28日``; each optionally with a time (``15:00``, ``3pm``, ``15時``), or a time alone
    (today's if it has passed, else yesterday's). A day without a time is at `DEFAULT_TIME`
    (09:00), today without one is now. Amounts of days, weeks, months and years keep the wall
    time, as in `parse_when`.

    Raises:
        InvalidInput: anything else, or a time after ``now`` (a log records what happened).
    """
    require_aware(now, "now")
    if len(text) > MAX_INPUT:
        raise _past_error(text, "too long")
    s = clean(text)
    if not s:
        raise _past_error(text, "empty")
    local = now.astimezone(zone)
    found = _past(text, s, local, zone)
    if found is None:
        if RELATIVE_EN.fullmatch(s) or RELATIVE_JA.fullmatch(s):
            raise _past_error(text, f"that counts forward: write {s} ago")
        if re.search(r"令和|平成|昭和|大正|明治", s):
            raise _past_error(text, "Japanese era years are not read: write the western year")
        raise _past_error(text)
    if is_later(found, now):
        shown = found.strftime("%Y-%m-%d %H:%M")
        raise _past_error(text, f"{shown} is in the future, and a log records what happened")
    return found


def _past(text: str, s: str, now: datetime, zone: ZoneInfo) -> datetime | None:
    if s in ("now", "just now", "今", "いま", "さっき"):
        return now
    match = _AGO_EN.fullmatch(s) or _AGO_JA.fullmatch(s)
    if match is not None:
        amount, unit = int(match.group(1)), unit_name(match.group(2))
        try:
            if unit in ("hours", "minutes"):
                return (now.astimezone(UTC) - timedelta(**{unit: amount})).astimezone(zone)
            wall = wall_time(now, zone)
            if unit in ("days", "weeks"):
                return resolve_local(wall - timedelta(**{unit: amount}), zone)
            months = amount * 12 if unit == "years" else amount
            moved = datetime.combine(add_months(wall.date(), -months), wall.time())
            return resolve_local(moved, zone)
        except (OverflowError, ValueError):
            raise _past_error(text, "too far back") from None
    today = wall_time(now, zone).date()
    date_text, at = split_time(text, s)
    if not date_text:
        if at is None:
            return None
        day = today if resolve_local(datetime.combine(today, at), zone) <= now else None
        return resolve_local(datetime.combine(day or today - timedelta(days=1), at), zone)
    day = _past_day(text, date_text, today)
    if day is None:
        return None
    if at is None and day == today:
        return now
    return resolve_local(datetime.combine(day, at or DEFAULT_TIME), zone)


def _past_day(text: str, s: str, today: date) -> date | None:
    named = {
        "today": 0, "今日": 0, "本日": 0, "きょう": 0,
        "yesterday": 1, "昨日": 1, "きのう": 1, "さくじつ": 1,
        "day before yesterday": 2, "the day before yesterday": 2, "一昨日": 2, "おととい": 2,
    }  # fmt: skip
    if s in named:
        return today - timedelta(days=named[s])
    if match := re.fullmatch(rf"(?:last |on )?({EN_DAY})\.?", s):
        back = (today.weekday() - EN_DAYS[match.group(1)]) % 7
        return today - timedelta(days=back or 7)
    if match := re.fullmatch(rf"(先週)?の?({JA_DAY})曜日?", s):
        target = JA_DAYS[match.group(2)]
        if match.group(1):
            return today - timedelta(days=today.weekday() + 7 - target)
        back = (today.weekday() - target) % 7
        return today - timedelta(days=back or 7)
    for pattern in FULL_DATES:
        if match := pattern.fullmatch(s):
            year, month, day = (int(g) for g in match.groups())
            try:
                return date(year, month, day)
            except ValueError:
                raise no_such_date(text, year, month, day) from None
    for pattern in YEARLESS_DATES:
        if match := pattern.fullmatch(s):
            month, day = (int(g) for g in match.groups())
            for year in range(today.year, today.year - 9, -1):
                try:
                    candidate = date(year, month, day)
                except ValueError:
                    continue
                if candidate <= today:
                    return candidate
            raise no_such_date(text, None, month, day)
    return None
