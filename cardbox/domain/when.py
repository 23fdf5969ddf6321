"""Dates as people type them, repeating reminders, keep-in-touch cadences and birthdays.

Everything here is pure: the current time and the zone are arguments, never read from the clock.
What is typed is read by cardbox's own small grammar and never guessed: dateutil's parser (and its
fuzzy mode, which reads ``令和6年4月1日`` as 2001) is not used for anything a person types.

Choices, in the words the README uses:

- **Times in a zone.** Every result is an aware datetime in the zone it was asked for. A wall time
  that does not exist (the spring-forward gap, 02:30 in New York on 2026-03-08) is moved forward by
  the length of the gap, as a clock set forward would show it: 02:30 becomes 03:30. A wall time that
  happens twice (the fall-back hour, 01:30 on 2026-11-01) is its first occurrence (``fold=0``, still
  daylight time). `resolve_local` does this, and everything else goes through it.
- **Relative input.** ``3d``, ``2w``, ``1m`` and ``1y`` move the calendar and keep the wall time
  (``1m`` from 31 January is 28 or 29 February); ``3h`` and ``30min`` are elapsed time. A date typed
  without a time is at `DEFAULT_TIME` (09:00). ``12/1`` is always month/day (never day/month); a
  date typed without a year is the next such date, today included; ``9:30`` alone is today if still
  ahead, else tomorrow; ``monday`` is the next Monday whose time is still ahead (today included),
  ``next monday`` the coming Monday (never today), ``来週月曜`` Monday of next week (weeks start on
  Monday). Japanese era years (``令和6年``) are refused with the western year as a hint.
- **Repeating reminders** are RFC 5545 RRULEs expanded on the wall time of their zone, so 09:00
  stays 09:00 across daylight-saving changes. The start always counts as the first occurrence (as
  in RFC 5545). Monthly from the 29th-31st falls on the last day of shorter months and never skips
  a month; yearly from 29 February falls on `LEAP_DAY_FALLBACK` (28 February) in other years.
  Reminders repeat at most daily.
- **Keep-in-touch cadences** are a number of days: a month is 30 days, a quarter 90, a year 365.
  The next contact is due that long after the last logged interaction (else after the contact was
  created), counted in elapsed time.
- **Birthdays** (``YYYY-MM-DD`` or yearless ``--MM-DD``) on 29 February fall on
  `LEAP_DAY_FALLBACK` in other years.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import Any, Final
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr  # type: ignore[import-untyped, unused-ignore]

from cardbox.domain.errors import InvalidInput
from cardbox.domain.text import printable, strip_invisible

__all__ = [
    "DEFAULT_TIME",
    "LEAP_DAY_FALLBACK",
    "Cadence",
    "Recurrence",
    "age_on",
    "describe_rule",
    "event_follow_up",
    "event_start",
    "is_relative",
    "next_after",
    "next_birthday",
    "next_due",
    "occurrences_between",
    "overdue_by",
    "parse_birthday",
    "parse_cadence",
    "parse_every",
    "parse_past",
    "parse_snooze",
    "parse_when",
    "resolve_local",
    "rule_for_start",
]

DEFAULT_TIME: Final = time(9, 0)
"""The time of day of a date typed without one (``12/1``, ``tomorrow``, ``next monday``)."""

LEAP_DAY_FALLBACK: Final = "02-28"
"""Where 29 February falls in other years, for yearly reminders and birthdays: ``02-28`` or
``03-01``."""

WHEN_EXAMPLES: Final = "3d, 2w, tomorrow 10:00, next monday, 12/1, 2026-12-01 09:30 or 12月1日"
EVERY_EXAMPLES: Final = (
    "day, 2 weeks, 3 months, year, weekdays, monday, 2nd tuesday, last friday, 毎月 "
    "or FREQ=MONTHLY;INTERVAL=3"
)
CADENCE_EXAMPLES: Final = "60d, 2w, 3m, every 60 days, monthly or quarterly"

_MAX_INPUT = 100


# --------------------------------------------------------------------------------------------
# Wall time in a zone


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


def _aware(value: datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime")


def _later(a: datetime, b: datetime) -> bool:
    """``a`` is a later instant than ``b``. (Aware times in one zone compare by wall clock, which
    is wrong in the repeated hour, so compare in UTC.)"""
    return a.astimezone(UTC) > b.astimezone(UTC)


def _wall(value: datetime, zone: tzinfo) -> datetime:
    """The naive wall time of an aware ``value`` in ``zone``."""
    return value.astimezone(zone).replace(tzinfo=None, fold=0)


# --------------------------------------------------------------------------------------------
# Reading what people type


def _clean(text: str) -> str:
    """NFKC (full-width digits, colons and spaces), case-folded, spaces collapsed."""
    folded = unicodedata.normalize("NFKC", strip_invisible(text)).casefold()
    return " ".join(folded.split())


def _shown(text: str) -> str:
    """``text`` as an error quotes it: stripped, at most 40 characters, printable."""
    shown = text.strip()
    if len(shown) > 40:
        shown = shown[:40] + "…"
    return printable(shown)


def _error(codes: tuple[str, str], text: str, reason: str, examples: str) -> InvalidInput:
    """The first of ``codes`` for ``text``, or the second when there is a ``reason``."""
    code = codes[1] if reason else codes[0]
    return InvalidInput(code, text=_shown(text), reason=reason, examples=examples)


def _when_error(text: str, reason: str = "") -> InvalidInput:
    return _error(("when.unreadable", "when.unreadable_because"), text, reason, WHEN_EXAMPLES)


_ERAS: Final = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "明治": 1867}
_ERA = re.compile(r"(令和|平成|昭和|大正|明治) ?(\d{1,2}|元) ?年")

_EN_DAYS: Final = {
    "monday": 0, "mon": 0,
    "tuesday": 1, "tue": 1, "tues": 1,
    "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
    "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
_JA_DAYS: Final = {"月": 0, "火": 1, "水": 2, "木": 3, "金": 4, "土": 5, "日": 6}
_RFC_DAYS: Final = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_EN_DAY = "|".join(sorted(_EN_DAYS, key=len, reverse=True))
_JA_DAY = "[月火水木金土日]"

_UNIT_DAYS = r"d|days?"
_UNIT_WEEKS = r"w|wks?|weeks?"
_UNIT_MONTHS = r"m|mos?|months?"
_UNIT_YEARS = r"y|yrs?|years?"
_JA_MONTHS = r"(?:か|ヶ|ヵ|カ|ケ|箇)月(?:間)?"

_RELATIVE_EN = re.compile(
    rf"(?:in )?(\d{{1,6}}) ?({_UNIT_DAYS}|{_UNIT_WEEKS}|{_UNIT_MONTHS}|{_UNIT_YEARS}"
    r"|h|hrs?|hours?|min|mins|minutes?)(?: later| from now)?"
)
_RELATIVE_JA = re.compile(rf"(\d{{1,6}}) ?(日|週間|週|{_JA_MONTHS}|年|年間|時間|分)後")


def _unit(unit: str) -> str:
    """``days``, ``weeks``, ``months``, ``years``, ``hours`` or ``minutes`` for a typed unit."""
    for name, pattern in (
        ("days", rf"{_UNIT_DAYS}|日"),
        ("weeks", rf"{_UNIT_WEEKS}|週間|週"),
        ("months", rf"{_UNIT_MONTHS}|{_JA_MONTHS}"),
        ("years", rf"{_UNIT_YEARS}|年|年間"),
        ("hours", r"h|hrs?|hours?|時間"),
    ):
        if re.fullmatch(pattern, unit):
            return name
    return "minutes"


def _add_months(day: date, months: int) -> date:
    """``day`` moved by calendar months, clipped to the end of shorter months."""
    years, index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, index + 1
    if not 1 <= year <= 9999:
        raise OverflowError("year out of range")
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _relative(text: str, s: str, now: datetime, zone: tzinfo) -> datetime | None:
    match = _RELATIVE_EN.fullmatch(s) or _RELATIVE_JA.fullmatch(s)
    if match is None:
        return None
    amount, unit = int(match.group(1)), _unit(match.group(2))
    if amount == 0:
        raise _when_error(text, "the amount must be at least 1")
    try:
        if unit in ("hours", "minutes"):
            return (now.astimezone(UTC) + timedelta(**{unit: amount})).astimezone(zone)
        wall = _wall(now, zone)
        if unit in ("days", "weeks"):
            moved = wall + timedelta(**{unit: amount})
        else:
            months = amount * 12 if unit == "years" else amount
            moved = datetime.combine(_add_months(wall.date(), months), wall.time())
        return resolve_local(moved, zone)
    except (OverflowError, ValueError):
        raise _when_error(text, "too far ahead") from None


# Times of day, tried at the end of the input. Only these read as times: a number alone never does.
_AMPM = r"(?P<ap>am|pm|a\.m\.|p\.m\.)"
_TIMES: Final = (
    re.compile(rf"(?:(?P<ja>午前|午後) ?)?(?P<h>\d{{1,2}}):(?P<m>\d{{2}})(?: ?{_AMPM})?"),
    re.compile(rf"(?P<h>\d{{1,2}}) ?{_AMPM}"),
    re.compile(r"(?:(?P<ja>午前|午後) ?)?(?P<h>\d{1,2})時(?:(?P<m>\d{1,2})分|(?P<half>半))?"),
)
# A time follows the start, a space, a non-ASCII character (日, 曜) or ")" or the ISO "T".
_TIME_BOUNDARY = r"(?:^|(?<=[\s)t])|(?<=[^\x00-\x7f]))"


def _read_time(text: str, match: re.Match[str]) -> time:
    groups = match.groupdict()
    hour = int(groups["h"])
    minute = 30 if groups.get("half") else int(groups.get("m") or 0)
    ampm, ja = groups.get("ap"), groups.get("ja")
    if ampm and ja:
        raise _when_error(text, "both 午前/午後 and am/pm")
    if ampm:
        if not 1 <= hour <= 12:
            raise _when_error(text, f"{hour} is not an hour on a 12-hour clock")
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    elif ja:
        if hour > 12:
            raise _when_error(text, f"{ja}{hour}時 is not an hour on a 12-hour clock")
        hour = hour % 12 + (12 if ja == "午後" else 0)
    if hour > 23 or minute > 59:
        raise _when_error(text, "hours go to 23 and minutes to 59")
    return time(hour, minute)


def _split_time(text: str, s: str) -> tuple[str, time | None]:
    """The date part and the time of day (if any) of cleaned input ``s``."""
    for pattern in _TIMES:
        match = re.search(rf"{_TIME_BOUNDARY}(?:{pattern.pattern})$", s)
        if match is None:
            continue
        rest = s[: match.start()].rstrip()
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}t", rest):
            rest = rest[:-1]
        rest = re.sub(r"(?:^| )(?:at|@)$|[,の]$", "", rest).rstrip()
        return rest, _read_time(text, match)
    return s, None


_FULL_DATES: Final = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?日"),
)
_YEARLESS_DATES: Final = (
    re.compile(r"(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{1,2}) ?月 ?(\d{1,2}) ?日"),
)
_WEEKDAY_NOTE = re.compile(r" ?\((.+)\)$")
_MONTH_NAMES: Final = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_DAY_NAMES: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _weekday(name: str) -> int | None:
    """0 (Monday) to 6 for an English or Japanese day name (``mon``, ``月``, ``月曜日``)."""
    name = name.rstrip(".")
    if name in _EN_DAYS:
        return _EN_DAYS[name]
    match = re.fullmatch(rf"({_JA_DAY})(?:曜日?)?", name)
    return _JA_DAYS[match.group(1)] if match else None


def _no_such_date(text: str, year: int | None, month: int, day: int) -> InvalidInput:
    if not 1 <= month <= 12:
        return _when_error(text, f"there is no month {month}: dates are month/day")
    where = f" {year}" if year is not None else ""
    return _when_error(text, f"there is no {day} {_MONTH_NAMES[month - 1]}{where}")


def _date_part(text: str, s: str, today: date) -> date | list[date] | None:
    """A date, or candidate dates (the first whose time is still ahead wins), or None."""
    note = _WEEKDAY_NOTE.search(s)
    weekday_note = None
    if note is not None:
        weekday_note = _weekday(note.group(1))
        if weekday_note is None:
            raise _when_error(text, f"{note.group(1)!r} is not a day of the week")
        s = s[: note.start()]
    found: date | None = None
    for pattern in _FULL_DATES:
        if match := pattern.fullmatch(s):
            year, month, day = (int(g) for g in match.groups())
            try:
                found = date(year, month, day)
            except ValueError:
                raise _no_such_date(text, year, month, day) from None
    for pattern in _YEARLESS_DATES:
        if match := pattern.fullmatch(s):
            month, day = (int(g) for g in match.groups())
            found = _next_yearless(text, today, month, day)
    if found is not None:
        if weekday_note is not None and found.weekday() != weekday_note:
            actual = _DAY_NAMES[found.weekday()]
            raise _when_error(text, f"{found.isoformat()} is a {actual}")
        return found
    if weekday_note is not None:
        return None
    named = {
        "today": 0, "今日": 0, "本日": 0, "きょう": 0,
        "tomorrow": 1, "tmrw": 1, "tmr": 1, "明日": 1, "あした": 1, "あす": 1,
        "day after tomorrow": 2, "the day after tomorrow": 2, "明後日": 2, "あさって": 2,
    }  # fmt: skip
    if s in named:
        return today + timedelta(days=named[s])
    if match := re.fullmatch(rf"(next |this )?({_EN_DAY})\.?", s):
        which, target = match.group(1), _EN_DAYS[match.group(2)]
        return _weekday_candidates(today, target, never_today=which == "next ")
    if match := re.fullmatch(rf"(来週|次|次の)?の?({_JA_DAY})曜日?", s):
        which, target = match.group(1), _JA_DAYS[match.group(2)]
        if which == "来週":
            return today + timedelta(days=7 - today.weekday() + target)
        return _weekday_candidates(today, target, never_today=which is not None)
    return None


def _weekday_candidates(today: date, target: int, *, never_today: bool) -> list[date]:
    """The coming ``target`` weekday; a bare weekday may be today, else the same day next week."""
    ahead = (target - today.weekday()) % 7
    if ahead:
        return [today + timedelta(days=ahead)]
    if never_today:
        return [today + timedelta(days=7)]
    return [today, today + timedelta(days=7)]


def _next_yearless(text: str, today: date, month: int, day: int) -> date:
    """The first ``month``/``day`` on or after ``today`` (29 February: the next leap year's)."""
    if not 1 <= month <= 12 or not 1 <= day <= (29 if month == 2 else 31):
        raise _no_such_date(text, None, month, day)
    for year in range(today.year, today.year + 9):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise _no_such_date(text, None, month, day)


def _explain(text: str, s: str) -> InvalidInput:
    """The most useful error for input that matched nothing."""
    if era := _ERA.search(s):
        offset = _ERAS[era.group(1)]
        number = 1 if era.group(2) == "元" else int(era.group(2))
        western = s[: era.start()] + f"{offset + number}年" + s[era.end() :]
        return _when_error(
            text,
            f"Japanese era years are not read, write the western year: {western} "
            f"({era.group(0)} is {offset + number})",
        )
    if re.search(r"令和|平成|昭和|大正|明治", s):
        return _when_error(text, "Japanese era years are not read: write the western year")
    if re.fullmatch(r"\d{1,4}([/.-])\d{1,2}\1\d{1,4}", s):
        return _when_error(text, "ambiguous: write the year first, as in 2026-12-01")
    if re.fullmatch(r"\d+", s):
        return _when_error(text, f"a number alone is not a date: write {s}d for days, or month/day")
    if re.fullmatch(r"-\d.*", s):
        return _when_error(text, "times are counted forward: write 3d, not -3d")
    return _when_error(text)


def parse_when(text: str, now: datetime, zone: ZoneInfo) -> datetime:
    """The time meant by what a person typed, in ``zone`` (aware), relative to ``now``.

    Accepted: ``3d``, ``2w``, ``1m``, ``1y``, ``3h``, ``30min``, ``in 3 days``, ``3日後``;
    ``today``, ``tomorrow``, ``明日``, ``明後日``; ``monday``, ``mon 9:30``, ``next monday``,
    ``月曜``, ``来週月曜``; ``12/1`` (always month/day), ``12月1日``; ``2026-12-01``,
    ``2026/12/01``, ``2026年12月1日``; each optionally followed by a time (``10:00``, ``3pm``,
    ``15時``, ``午後3時半``) and a checked day of the week (``12/1(火)``); or a time alone
    (``9:30``: today if still ahead, else tomorrow). Full-width characters are accepted.

    Raises:
        InvalidInput: anything else, with examples in the message (never a guess).
    """
    _aware(now, "now")
    if len(text) > _MAX_INPUT:
        raise _when_error(text, "too long")
    s = _clean(text)
    if not s:
        raise _when_error(text, "empty")
    relative = _relative(text, s, now, zone)
    if relative is not None:
        return relative
    today = _wall(now, zone).date()
    date_text, at = _split_time(text, s)
    if not date_text:
        if at is None:
            raise _explain(text, s)
        ahead = resolve_local(datetime.combine(today, at), zone)
        if _later(ahead, now):
            return ahead
        return resolve_local(datetime.combine(today + timedelta(days=1), at), zone)
    found = _date_part(text, date_text, today)
    if found is None:
        raise _explain(text, s)
    at = at or DEFAULT_TIME
    if isinstance(found, date):
        return resolve_local(datetime.combine(found, at), zone)
    candidates = [resolve_local(datetime.combine(day, at), zone) for day in found]
    return next((c for c in candidates if _later(c, now)), candidates[-1])


PAST_EXAMPLES: Final = (
    "3d ago, 2h ago, yesterday 15:00, last friday, 11/28, 2026-11-28 15:00 or 3日前"
)

_AGO_EN = re.compile(
    rf"(\d{{1,6}}) ?({_UNIT_DAYS}|{_UNIT_WEEKS}|{_UNIT_MONTHS}|{_UNIT_YEARS}"
    r"|h|hrs?|hours?|min|mins|minutes?)(?: |-)?ago"
)
_AGO_JA = re.compile(rf"(\d{{1,6}}) ?(日|週間|週|{_JA_MONTHS}|年|時間|分)前")


def _past_error(text: str, reason: str = "") -> InvalidInput:
    return _error(("past.unreadable", "past.unreadable_because"), text, reason, PAST_EXAMPLES)


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
    _aware(now, "now")
    if len(text) > _MAX_INPUT:
        raise _past_error(text, "too long")
    s = _clean(text)
    if not s:
        raise _past_error(text, "empty")
    local = now.astimezone(zone)
    found = _past(text, s, local, zone)
    if found is None:
        if _RELATIVE_EN.fullmatch(s) or _RELATIVE_JA.fullmatch(s):
            raise _past_error(text, f"that counts forward: write {s} ago")
        if re.search(r"令和|平成|昭和|大正|明治", s):
            raise _past_error(text, "Japanese era years are not read: write the western year")
        raise _past_error(text)
    if _later(found, now):
        shown = found.strftime("%Y-%m-%d %H:%M")
        raise _past_error(text, f"{shown} is in the future, and a log records what happened")
    return found


def _past(text: str, s: str, now: datetime, zone: ZoneInfo) -> datetime | None:
    if s in ("now", "just now", "今", "いま", "さっき"):
        return now
    match = _AGO_EN.fullmatch(s) or _AGO_JA.fullmatch(s)
    if match is not None:
        amount, unit = int(match.group(1)), _unit(match.group(2))
        try:
            if unit in ("hours", "minutes"):
                return (now.astimezone(UTC) - timedelta(**{unit: amount})).astimezone(zone)
            wall = _wall(now, zone)
            if unit in ("days", "weeks"):
                return resolve_local(wall - timedelta(**{unit: amount}), zone)
            months = amount * 12 if unit == "years" else amount
            moved = datetime.combine(_add_months(wall.date(), -months), wall.time())
            return resolve_local(moved, zone)
        except (OverflowError, ValueError):
            raise _past_error(text, "too far back") from None
    today = _wall(now, zone).date()
    date_text, at = _split_time(text, s)
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
    if match := re.fullmatch(rf"(?:last |on )?({_EN_DAY})\.?", s):
        back = (today.weekday() - _EN_DAYS[match.group(1)]) % 7
        return today - timedelta(days=back or 7)
    if match := re.fullmatch(rf"(先週)?の?({_JA_DAY})曜日?", s):
        target = _JA_DAYS[match.group(2)]
        if match.group(1):
            return today - timedelta(days=today.weekday() + 7 - target)
        back = (today.weekday() - target) % 7
        return today - timedelta(days=back or 7)
    for pattern in _FULL_DATES:
        if match := pattern.fullmatch(s):
            year, month, day = (int(g) for g in match.groups())
            try:
                return date(year, month, day)
            except ValueError:
                raise _no_such_date(text, year, month, day) from None
    for pattern in _YEARLESS_DATES:
        if match := pattern.fullmatch(s):
            month, day = (int(g) for g in match.groups())
            for year in range(today.year, today.year - 9, -1):
                try:
                    candidate = date(year, month, day)
                except ValueError:
                    continue
                if candidate <= today:
                    return candidate
            raise _no_such_date(text, None, month, day)
    return None


def is_relative(text: str) -> bool:
    """True when ``text`` is an amount of time (``1d``, ``3 hours``, ``3日後``), which counts
    from a moment, rather than a date or time (``tomorrow 10:00``, ``12/1``)."""
    s = _clean(text[: _MAX_INPUT + 1])
    return bool(_RELATIVE_EN.fullmatch(s) or _RELATIVE_JA.fullmatch(s))


def parse_snooze(text: str, due: datetime, now: datetime, zone: ZoneInfo) -> datetime:
    """When a reminder due at ``due`` is put off to by a snooze of ``text``.

    An amount of time (``1d``, ``3h``) counts from the later of ``due`` and ``now``, so that a
    snooze never brings a reminder forward: a reminder not yet due moves from its due time, an
    overdue one from now. A date or time (``tomorrow 10:00``) is read as `parse_when` reads it,
    and must not be earlier than ``due`` (moving a reminder earlier is a reschedule).

    Raises:
        InvalidInput: ``text`` cannot be read, or names a time before ``due``.
    """
    _aware(due, "due")
    _aware(now, "now")
    if is_relative(text):
        base = due if _later(due, now) else now
        return parse_when(text, base.astimezone(zone), zone)
    found = parse_when(text, now, zone)
    if _later(due, found):
        shown = due.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        raise InvalidInput("snooze.earlier", text=_shown(text), due=shown)
    return found


def event_start(day: date | None, now: datetime, zone: ZoneInfo) -> datetime:
    """When a card logged at an event dated ``day`` was met: that day at `DEFAULT_TIME` (09:00)
    in ``zone``, or ``now`` if that is still ahead (a card typed early on the event's day, or an
    event dated in the future). An event without a date is today's."""
    _aware(now, "now")
    local = now.astimezone(zone)
    start = resolve_local(datetime.combine(day or local.date(), DEFAULT_TIME), zone)
    return local if _later(start, now) else start


def event_follow_up(text: str, day: date | None, now: datetime, zone: ZoneInfo) -> datetime:
    """When an event's follow-up (``3d``, ``next monday``) falls for a card logged at it: read by
    `parse_when` from the event's date at `DEFAULT_TIME` (09:00: ``3d`` after an event on the
    1st is the 4th at 09:00; an event without a date is today's); one that is already past (a
    card logged long after the event) is due now.

    Raises:
        InvalidInput: ``text`` cannot be read.
    """
    _aware(now, "now")
    local = now.astimezone(zone)
    start = resolve_local(datetime.combine(day or local.date(), DEFAULT_TIME), zone)
    due = parse_when(text, start, zone)
    return local if _later(now, due) else due


# --------------------------------------------------------------------------------------------
# Repeating reminders (RFC 5545 RRULE, expanded on wall time)


@dataclass(frozen=True)
class Recurrence:
    """How a reminder repeats: an RFC 5545 RRULE value such as ``FREQ=MONTHLY;BYDAY=2TU``."""

    rule: str


_RULE_KEYS: Final = (
    "FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY",
    "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST",
)  # fmt: skip
_FREQS: Final = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
# How far ahead a series is searched, and the largest interval, per frequency. A rule that has no
# occurrence that far ahead is treated as ended (dateutil would otherwise search to year 9999).
_HORIZON_YEARS: Final = {"DAILY": 5, "WEEKLY": 5, "MONTHLY": 30, "YEARLY": 30}
_MAX_INTERVAL: Final = {"DAILY": 730, "WEEKLY": 104, "MONTHLY": 120, "YEARLY": 20}
# Day 60 is 29 February in leap years and 1 March in others; -1 in February is the 28th or 29th.
_LEAP_DAY_RULES: Final[dict[str, str]] = {
    "02-28": "BYMONTH=2;BYMONTHDAY=-1",
    "03-01": "BYYEARDAY=60",
}
_CHECK_FROM: Final = datetime(2024, 1, 1, 9, 0)  # a leap year, so 29 February rules pass

_ORDINALS: Final = {
    "1st": 1, "first": 1, "2nd": 2, "second": 2, "3rd": 3, "third": 3, "4th": 4, "fourth": 4,
    "5th": 5, "fifth": 5, "last": -1, "2nd last": -2, "second last": -2,
    "2nd to last": -2, "second to last": -2,
}  # fmt: skip
_ORDINAL = "|".join(sorted(_ORDINALS, key=len, reverse=True))


def _every_error(text: str, reason: str = "") -> InvalidInput:
    return _error(("every.unreadable", "every.unreadable_because"), text, reason, EVERY_EXAMPLES)


def _rule(freq: str, interval: int = 1, **parts: str) -> str:
    items = [f"FREQ={freq}"] + ([f"INTERVAL={interval}"] if interval != 1 else [])
    return ";".join(items + [f"{key}={value}" for key, value in parts.items()])


def _month_day(day: int) -> str:
    """BYMONTHDAY for a day of the month that falls on the last day of shorter months."""
    if day == 31:
        return "-1"
    return f"{day},-1;BYSETPOS=1" if day >= 29 else str(day)


def _every_words(text: str, s: str) -> str | None:
    """The RRULE for the English forms."""
    s = re.sub(r"^(?:every|each|repeat) ", "", s)
    s = re.sub(r" (?:of|in) (?:the|each|every) month$| (?:of|in) each month$", "", s)
    simple = {
        "day": "DAILY", "daily": "DAILY", "week": "WEEKLY", "weekly": "WEEKLY",
        "month": "MONTHLY", "monthly": "MONTHLY", "year": "YEARLY", "yearly": "YEARLY",
        "annually": "YEARLY", "annual": "YEARLY",
    }  # fmt: skip
    if s in simple:
        return _rule(simple[s])
    if s in ("weekday", "weekdays", "work day", "work days", "workday", "workdays"):
        return _rule("WEEKLY", BYDAY="MO,TU,WE,TH,FR")
    if s in ("fortnight", "fortnightly", "other week"):
        return _rule("WEEKLY", 2)
    if s in ("quarter", "quarterly"):
        return _rule("MONTHLY", 3)
    if s in ("other day", "other month", "other year"):
        return _rule(simple[s.split()[1]], 2)
    units = (
        (_UNIT_DAYS, "DAILY"), (_UNIT_WEEKS, "WEEKLY"), (_UNIT_MONTHS, "MONTHLY"),
        (_UNIT_YEARS, "YEARLY"),
    )  # fmt: skip
    for pattern, freq in units:
        if match := re.fullmatch(rf"(\d{{1,4}}) ?(?:{pattern})", s):
            return _interval_rule(text, freq, int(match.group(1)))
    if match := re.fullmatch(r"(other )?([a-z.]+(?:(?: ?,| ?&| and)(?: and)? [a-z.]+)*)", s):
        names = [n for n in re.split(r" ?(?:,|&|\band\b) ?", match.group(2)) if n]
        numbers = [_weekday(name.removesuffix("s")) for name in names]
        if all(number is not None for number in numbers):
            days = ",".join(dict.fromkeys(_RFC_DAYS[n] for n in numbers if n is not None))
            return _rule("WEEKLY", 2 if match.group(1) else 1, BYDAY=days)
    if match := re.fullmatch(rf"(?:the )?({_ORDINAL}) ({_EN_DAY})\.?", s):
        return _rule("MONTHLY", BYDAY=f"{_ORDINALS[match.group(1)]}{_rfc_day(match.group(2))}")
    if s in ("last day", "the last day", "end of month", "end of the month", "month end"):
        return _rule("MONTHLY", BYMONTHDAY="-1")
    if match := re.fullmatch(r"(?:the )?(?:day (\d{1,2})|(\d{1,2})(?:st|nd|rd|th))", s):
        return _day_of_month_rule(text, int(match.group(1) or match.group(2)))
    return None


def _rfc_day(name: str) -> str:
    number = _weekday(name)
    assert number is not None
    return _RFC_DAYS[number]


def _interval_rule(text: str, freq: str, interval: int) -> str:
    if not 1 <= interval <= _MAX_INTERVAL[freq]:
        raise _every_error(text, f"the interval must be 1 to {_MAX_INTERVAL[freq]}")
    return _rule(freq, interval)


def _day_of_month_rule(text: str, day: int) -> str:
    if not 1 <= day <= 31:
        raise _every_error(text, f"there is no day {day} in a month")
    return _rule("MONTHLY", BYMONTHDAY=_month_day(day))


def _every_japanese(text: str, s: str) -> str | None:
    """The RRULE for the Japanese forms (毎月, 毎週月曜, 第2火曜, 3ヶ月ごと, 毎月15日 ...)."""
    s = s.replace(" ", "")
    simple = {"毎日": "DAILY", "毎週": "WEEKLY", "毎月": "MONTHLY", "毎年": "YEARLY"}
    if s in simple:
        return _rule(simple[s])
    if s in ("平日", "毎平日", "平日毎日"):
        return _rule("WEEKLY", BYDAY="MO,TU,WE,TH,FR")
    if s == "隔週":
        return _rule("WEEKLY", 2)
    if s == "隔月":
        return _rule("MONTHLY", 2)
    if s in ("四半期ごと", "四半期毎", "毎四半期"):
        return _rule("MONTHLY", 3)
    if s in ("半年ごと", "半年毎"):
        return _rule("MONTHLY", 6)
    for pattern, freq in (
        (r"日", "DAILY"), (r"週間|週", "WEEKLY"), (_JA_MONTHS, "MONTHLY"), (r"年", "YEARLY"),
    ):  # fmt: skip
        suffix = "" if freq == "DAILY" else "?"  # 3日 alone reads as the 3rd
        if match := re.fullmatch(rf"(\d{{1,4}})(?:{pattern})(?:ごと|毎|に1回|に一回){suffix}", s):
            return _interval_rule(text, freq, int(match.group(1)))
    if match := re.fullmatch(rf"(毎週|隔週)?((?:{_JA_DAY}(?:曜日?)?[・、,]?)+)(?:ごと|毎)?", s):
        names = re.findall(rf"({_JA_DAY})(?:曜日?)?", match.group(2))
        if match.group(1) or "曜" in match.group(2):
            days = ",".join(dict.fromkeys(_RFC_DAYS[_JA_DAYS[n]] for n in names))
            return _rule("WEEKLY", 2 if match.group(1) == "隔週" else 1, BYDAY=days)
    if match := re.fullmatch(rf"(?:毎月)?(?:第(\d)|(最終|最後の))({_JA_DAY})曜日?", s):
        ordinal = -1 if match.group(2) else int(match.group(1))
        if not 1 <= abs(ordinal) <= 5:
            raise _every_error(text, "第1 to 第5 or 最終")
        return _rule("MONTHLY", BYDAY=f"{ordinal}{_RFC_DAYS[_JA_DAYS[match.group(3)]]}")
    if s in ("月末", "毎月末", "毎月月末", "毎月最終日", "最終日"):
        return _rule("MONTHLY", BYMONTHDAY="-1")
    if match := re.fullmatch(r"毎月(\d{1,2})日", s):
        return _day_of_month_rule(text, int(match.group(1)))
    return None


def parse_every(text: str) -> Recurrence:
    """How a reminder repeats, from what people type after ``--every``.

    Accepted: ``day``, ``2 days``, ``week``, ``2 weeks``, ``fortnight``, ``month``, ``3 months``,
    ``quarterly``, ``year``, ``weekdays``, ``monday``, ``mon, thu``, ``other friday``,
    ``2nd tuesday`` (of each month), ``last friday``, ``15th``, ``last day``, with or without a
    leading ``every``; ``毎日``, ``毎週``, ``毎月``, ``毎年``, ``平日``, ``隔週``, ``毎週月曜``,
    ``第2火曜``, ``毎月最終金曜``, ``毎月15日``, ``月末``, ``3ヶ月ごと``; or a raw RRULE value
    (``FREQ=MONTHLY;INTERVAL=3``, optionally after ``RRULE:``), repeating at most daily.

    Raises:
        InvalidInput: anything else, with examples in the message.
    """
    if len(text) > 400:
        raise _every_error(text, "too long")
    s = _clean(text)
    raw = unicodedata.normalize("NFKC", strip_invisible(text)).strip().upper()
    if raw.startswith(("FREQ=", "RRULE:")) or ";FREQ=" in raw:
        return Recurrence(_checked_rule(text, raw.removeprefix("RRULE:").strip()))
    if not s:
        raise _every_error(text, "empty")
    found = _every_words(text, s) or _every_japanese(text, s)
    if found is None:
        raise _every_error(text)
    return Recurrence(found)


_EN_UNITS: Final = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}
_JA_EVERY: Final = {"DAILY": "毎日", "WEEKLY": "毎週", "MONTHLY": "毎月", "YEARLY": "毎年"}
_JA_UNITS: Final = {"DAILY": "日", "WEEKLY": "週間", "MONTHLY": "か月", "YEARLY": "年"}
_JA_DAY_NAMES: Final = ("月", "火", "水", "木", "金", "土", "日")
_EN_ORDINALS: Final = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", -1: "last", -2: "2nd last"}


def describe_rule(rule: str, lang: str = "en") -> str:
    """How a repeating reminder repeats, as people say it: ``every 3 months``, ``every month on
    the 2nd Tuesday``, ``every weekday`` (``lang="ja"``: ``3か月ごと``, ``毎月第2火曜``,
    ``平日``). Never the RRULE itself, except for parts people do not say (a rule written by
    hand with BYHOUR, say), which follow in brackets."""
    try:
        parts = _parts(rule.removeprefix("RRULE:"))
    except ValueError:
        return rule
    ja = lang == "ja"
    freq = parts.pop("FREQ", "")
    if freq not in _FREQS:
        return rule
    interval = int(parts.pop("INTERVAL", "1") or 1) if parts.get("INTERVAL", "1").isdigit() else 1
    byday = parts.pop("BYDAY", "")
    monthday = parts.pop("BYMONTHDAY", "")
    setpos = parts.pop("BYSETPOS", "")
    count, until = parts.pop("COUNT", ""), parts.pop("UNTIL", "")
    parts.pop("WKST", None)
    out = (_describe_ja if ja else _describe_en)(freq, interval, byday, monthday, setpos)
    if out is None:
        out = (_describe_ja if ja else _describe_en)(freq, interval, "", "", "") or rule
        parts = {"BYDAY": byday, "BYMONTHDAY": monthday, "BYSETPOS": setpos, **parts}
    if until:
        day = f"{until[:4]}-{until[4:6]}-{until[6:8]}"
        out += f"（{day}まで）" if ja else f" until {day}"
    if count:
        out += f"（{count}回）" if ja else f" ({count} times)"
    rest = ";".join(f"{k}={v}" for k, v in parts.items() if v)
    return f"{out} ({rest})" if rest else out


def _days(byday: str) -> list[tuple[int | None, int]] | None:
    """(ordinal or None, weekday 0-6) for each BYDAY value, or None if one cannot be read."""
    out: list[tuple[int | None, int]] = []
    for value in byday.split(","):
        match = _BYDAY.fullmatch(value)
        if match is None:
            return None
        ordinal = int(match.group(1)) if match.group(1) else None
        out.append((ordinal, _RFC_DAYS.index(match.group(2))))
    return out


def _describe_en(freq: str, n: int, byday: str, monthday: str, setpos: str) -> str | None:
    unit = _EN_UNITS[freq]
    base = f"every {unit}" if n == 1 else f"every {n} {unit}s"
    days = _days(byday) if byday else []
    if days is None:
        return None
    if freq == "WEEKLY" and days and all(o is None for o, _ in days):
        if sorted(d for _, d in days) == [0, 1, 2, 3, 4] and n == 1:
            return "every weekday"
        names = [_DAY_NAMES[d] for _, d in days]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        if n == 1:
            return f"every {listed}"
        return f"every other {listed}" if n == 2 else f"{base} on {listed}"
    if freq == "MONTHLY" and len(days) == 1 and days[0][0] in _EN_ORDINALS and not monthday:
        ordinal, day = days[0]
        assert ordinal is not None
        return f"{base} on the {_EN_ORDINALS[ordinal]} {_DAY_NAMES[day]}"
    if freq == "MONTHLY" and monthday and not days:
        if monthday == "-1" and not setpos:
            return f"{base} on the last day"
        first = monthday.split(",")[0]
        if first.isdigit() and (not setpos or (setpos == "1" and monthday.endswith(",-1"))):
            number = int(first)
            suffix = (
                "th"
                if 10 <= number % 100 <= 20
                else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
            )
            tail = " (or the last day)" if setpos else ""
            return f"{base} on the {number}{suffix}{tail}"
        return None
    return base if not (days or monthday or setpos) else None


def _describe_ja(freq: str, n: int, byday: str, monthday: str, setpos: str) -> str | None:
    if n == 1:
        base = _JA_EVERY[freq]
    elif n == 2 and freq in ("WEEKLY", "MONTHLY"):
        base = "隔週" if freq == "WEEKLY" else "隔月"
    else:
        base = f"{n}{_JA_UNITS[freq]}ごと"
    joiner = "" if n <= 2 else "の"
    days = _days(byday) if byday else []
    if days is None:
        return None
    if freq == "WEEKLY" and days and all(o is None for o, _ in days):
        if sorted(d for _, d in days) == [0, 1, 2, 3, 4] and n == 1:
            return "平日"
        return f"{base}{joiner}{'・'.join(_JA_DAY_NAMES[d] for _, d in days)}曜"
    if freq == "MONTHLY" and len(days) == 1 and days[0][0] is not None and not monthday:
        ordinal, day = days[0]
        assert ordinal is not None
        which = "最終" if ordinal == -1 else f"第{ordinal}" if ordinal > 0 else None
        if which is None:
            return None
        return f"{base}{joiner}{which}{_JA_DAY_NAMES[day]}曜"
    if freq == "MONTHLY" and monthday and not days:
        if monthday == "-1" and not setpos:
            return f"{base}{joiner}末日"
        first = monthday.split(",")[0]
        if first.isdigit() and (not setpos or (setpos == "1" and monthday.endswith(",-1"))):
            tail = "（ない月は末日）" if setpos else ""
            return f"{base}{joiner}{int(first)}日{tail}"
        return None
    return base if not (days or monthday or setpos) else None


def _parts(rule: str) -> dict[str, str]:
    parts: dict[str, str] = {}
    for item in rule.split(";"):
        key, sep, value = item.partition("=")
        if not sep or not value or key in parts:
            raise ValueError(f"bad part {item!r}")
        parts[key] = value
    return parts


_BY_RANGES: Final = {
    "BYSECOND": (0, 60), "BYMINUTE": (0, 59), "BYHOUR": (0, 23), "BYMONTHDAY": (-31, 31),
    "BYYEARDAY": (-366, 366), "BYWEEKNO": (-53, 53), "BYMONTH": (1, 12), "BYSETPOS": (-366, 366),
}  # fmt: skip
_BYDAY = re.compile(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")


def _check_parts(parts: dict[str, str]) -> str:
    """What is wrong with the parts of an RRULE, or "" (dateutil accepts BYMONTHDAY=32)."""
    unknown = [key for key in parts if key not in _RULE_KEYS]
    if unknown:
        return f"unknown rule part {unknown[0]}"
    freq = parts.get("FREQ", "")
    if freq not in _FREQS:
        return "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY (reminders repeat at most daily)"
    for key, (low, high) in (("INTERVAL", (1, _MAX_INTERVAL[freq])), ("COUNT", (1, 10000))):
        value = parts.get(key, "1")
        if not re.fullmatch(r"\d{1,5}", value) or not low <= int(value) <= high:
            return f"{key} must be {low} to {high}"
    if "COUNT" in parts and "UNTIL" in parts:
        return "COUNT and UNTIL together"
    if not re.fullmatch(r"\d{8}(?:T\d{6}Z?)?", parts.get("UNTIL", "20000101")):
        return "UNTIL must be YYYYMMDD or YYYYMMDDTHHMMSSZ"
    for key, (low, high) in _BY_RANGES.items():
        for value in parts.get(key, "1").split(","):
            if not re.fullmatch(r"[+-]?\d{1,3}", value) or not low <= int(value) <= high:
                return f"{key} values must be {low} to {high}"
            if int(value) == 0 and low < 0:
                return f"{key} values cannot be 0"
    for value in parts.get("BYDAY", "MO").split(","):
        match = _BYDAY.fullmatch(value)
        if match is None:
            return f"{value} is not a BYDAY value (MO, 2TU, -1FR ...)"
        if match.group(1) and (freq in ("DAILY", "WEEKLY") or int(match.group(1)) == 0):
            return "numbered BYDAY values (2TU) need FREQ=MONTHLY or YEARLY"
    if parts.get("WKST", "MO") not in _RFC_DAYS:
        return "WKST must be a day (MO ... SU)"
    return ""


def _checked_rule(text: str, rule: str) -> str:
    rule = rule.replace(" ", "")
    try:
        parts = _parts(rule)
    except ValueError as exc:
        raise _every_error(text, str(exc)) from None
    problem = _check_parts(parts)
    if problem:
        raise _every_error(text, problem)
    start = _CHECK_FROM.replace(tzinfo=UTC)
    # Does the pattern ever match? Daily and weekly rules are checked a year at a time (the same
    # days match: dateutil filters each period's days by every BY part), which is much faster.
    pattern = {k: v for k, v in parts.items() if k not in ("COUNT", "UNTIL")}
    if pattern["FREQ"] in ("DAILY", "WEEKLY"):
        pattern = {k: v for k, v in pattern.items() if k not in ("INTERVAL", "BYSETPOS")}
        pattern["FREQ"] = "YEARLY"
    try:
        _series(rule, start, UTC)  # reads COUNT and UNTIL
        first = _series(_join(pattern), start, UTC).next_after(start)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        raise _every_error(text, str(exc) or type(exc).__name__) from None
    if first is None:
        raise _every_error(text, "it never happens")
    return rule


def _join(parts: dict[str, str]) -> str:
    return ";".join(f"{key}={value}" for key, value in parts.items())


def rule_for_start(rule: str, start: datetime) -> str:
    """``rule`` with the day of the month made explicit for a series starting at ``start``.

    cardbox expands a monthly rule from the 29th-31st onto the last day of shorter months, and a
    yearly rule from 29 February onto `LEAP_DAY_FALLBACK`; RFC 5545 readers would skip those
    months and years instead. Write this rule (not the stored one) into calendar exports so that
    phones repeat it as cardbox does. Rules that already name days are returned unchanged.
    """
    parts = _parts(rule)
    if any(key.startswith("BY") for key in parts):
        return rule
    freq, day = parts["FREQ"], start.day
    extra = ""
    if freq == "MONTHLY" and day >= 29:
        extra = f"BYMONTHDAY={_month_day(day)}"
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
        low = _wall(after, self.zone) - timedelta(days=2)
        for wall in self.walls(low, _wall(after, self.zone) + self.horizon):
            # Wall order and instant order differ by less than two days (the largest UTC
            # offset change), so past best's wall time plus two days nothing can be earlier.
            if best is not None and wall >= _wall(best, self.zone) + timedelta(days=2):
                break
            instant = resolve_local(wall, self.zone).astimezone(UTC)
            if instant > after and (best is None or instant < best):
                best = instant
        return best

    def between(self, after: datetime, until: datetime) -> list[datetime]:
        after, until = after.astimezone(UTC), until.astimezone(UTC)
        found = {self.first} if after < self.first <= until else set()
        low = _wall(after, self.zone) - timedelta(days=2)
        for wall in self.walls(low, _wall(until, self.zone) + timedelta(days=2)):
            instant = resolve_local(wall, self.zone).astimezone(UTC)
            if after < instant <= until:
                found.add(instant)
        return sorted(found)


@lru_cache(maxsize=512)
def _compiled(rule: str, wall0: datetime) -> Any:
    return rrulestr(rule, dtstart=wall0, cache=False)


def _series(rule: str, start: datetime, zone: tzinfo | None) -> _Series:
    _aware(start, "start")
    zone = zone or start.tzinfo
    assert zone is not None
    local = start if start.tzinfo is zone else start.astimezone(zone)
    local = local.replace(microsecond=0)
    wall0 = local.replace(tzinfo=None, fold=0)
    rule = rule_for_start(rule.removeprefix("RRULE:"), wall0)
    parts = _parts(rule)
    if parts["FREQ"] not in _FREQS:
        raise ValueError("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY")
    if "UNTIL" in parts:
        # dateutil wants a naive UNTIL with a naive start; `_Series.walls` applies it.
        rule = _join({key: value for key, value in parts.items() if key != "UNTIL"})
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
        return _wall(datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC), zone)
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
    _aware(after, "after")
    series = _series(rule, start, zone)
    found = series.next_after(after)
    return found.astimezone(series.zone) if found is not None else None


def occurrences_between(
    rule: str, start: datetime, after: datetime, until: datetime, zone: tzinfo | None = None
) -> list[datetime]:
    """Every occurrence ``o`` with ``after < o <= until``, earliest first, each once.

    For catching up after the app was closed: every occurrence that fell due since ``after`` (the
    last one handled), none twice. Same series as `next_after`.
    """
    _aware(after, "after")
    _aware(until, "until")
    series = _series(rule, start, zone)
    return [found.astimezone(series.zone) for found in series.between(after, until)]


# --------------------------------------------------------------------------------------------
# Keep-in-touch cadences


@dataclass(frozen=True)
class Cadence:
    """Keep in touch at least every ``days`` days."""

    days: int

    def __post_init__(self) -> None:
        if not 1 <= self.days <= _MAX_CADENCE_DAYS:
            raise ValueError(f"a cadence is 1 to {_MAX_CADENCE_DAYS} days")

    def __str__(self) -> str:
        # Months are not shown: a month here is exactly 30 days, so "3m" reads "every 90 days".
        for size, unit in ((365, "year"), (7, "week"), (1, "day")):
            if self.days % size == 0:
                count = self.days // size
                return f"every {unit}" if count == 1 else f"every {count} {unit}s"
        raise AssertionError("unreachable")


_MAX_CADENCE_DAYS: Final = 3650
_CADENCE_WORDS: Final = {
    "daily": 1, "day": 1, "weekly": 7, "week": 7, "fortnightly": 14, "fortnight": 14,
    "monthly": 30, "month": 30, "quarterly": 90, "quarter": 90, "half-yearly": 180,
    "half year": 180, "semiannually": 180, "yearly": 365, "year": 365, "annually": 365,
    "毎日": 1, "毎週": 7, "隔週": 14, "毎月": 30, "隔月": 60, "四半期": 90, "四半期ごと": 90,
    "毎四半期": 90, "半年": 180, "半年ごと": 180, "毎年": 365,
}  # fmt: skip
_CADENCE_UNITS: Final = {"days": 1, "weeks": 7, "months": 30, "years": 365}


@lru_cache(maxsize=256)
def parse_cadence(text: str) -> Cadence:
    """A keep-in-touch cadence: ``60d``, ``2w``, ``3m``, ``1y``, ``every 60 days``, ``monthly``,
    ``quarterly``, ``毎月``, ``3ヶ月ごと``. A month is 30 days, a quarter 90, a year 365.

    Raises:
        InvalidInput: anything else, or more than ten years.
    """
    s = _clean(text[: _MAX_INPUT + 1])
    s = re.sub(r"^(?:every|each) ", "", s)
    if s in _CADENCE_WORDS:
        return Cadence(_CADENCE_WORDS[s])
    units = rf"{_UNIT_DAYS}|{_UNIT_WEEKS}|{_UNIT_MONTHS}|{_UNIT_YEARS}|日|週間|週|{_JA_MONTHS}|年"
    match = re.fullmatch(rf"(\d{{1,5}}) ?({units})(?:ごと|毎|に1回|に一回)?", s)
    if match is None:
        raise InvalidInput("cadence.unreadable", text=_shown(text), examples=CADENCE_EXAMPLES)
    days = int(match.group(1)) * _CADENCE_UNITS[_unit(match.group(2))]
    if not 1 <= days <= _MAX_CADENCE_DAYS:
        raise InvalidInput("cadence.range", text=_shown(text), examples=CADENCE_EXAMPLES)
    return Cadence(days)


def next_due(cadence: Cadence, last_contact: datetime | None, created: datetime) -> datetime:
    """When the next contact is due: ``cadence.days`` after the last logged interaction, or after
    ``created`` when nothing was logged. Counted in elapsed time, so a later interaction never
    makes it due earlier; the result is in the zone of the time it counts from.
    """
    since = last_contact if last_contact is not None else created
    if since.tzinfo is None:
        return since + timedelta(days=cadence.days)
    return (since.astimezone(UTC) + timedelta(days=cadence.days)).astimezone(since.tzinfo)


def overdue_by(
    cadence: Cadence, last_contact: datetime | None, created: datetime, now: datetime
) -> timedelta:
    """How long past due the contact is at ``now``: positive when overdue, negative when not yet
    due (so sorting by it, largest first, puts the worst first)."""
    due = next_due(cadence, last_contact, created)
    if due.tzinfo is None or now.tzinfo is None:
        return now.replace(tzinfo=None) - due.replace(tzinfo=None)
    return now.astimezone(UTC) - due.astimezone(UTC)


# --------------------------------------------------------------------------------------------
# Birthdays


def parse_birthday(text: str) -> tuple[int | None, int, int]:
    """(year or None, month, day) of a vCard birthday: ``YYYY-MM-DD``, ``YYYYMMDD``, or yearless
    ``--MM-DD`` / ``--MMDD``. Read by cardbox itself: dateutil reads ``--0412`` as the year 412.

    Raises:
        InvalidInput: any other form, or a date that does not exist.
    """
    s = text.strip()
    match = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})|--(\d{2})-?(\d{2})", s, re.ASCII)
    if match is None:
        raise InvalidInput("birthday.format", text=_shown(text), field="birthday")
    if match.group(1):
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
        check_year = year
    else:
        year, month, day = None, int(match.group(4)), int(match.group(5))
        check_year = 2000  # a leap year: --02-29 is a birthday
    try:
        date(check_year, month, day)
    except ValueError:
        raise InvalidInput("birthday.no_such_date", text=_shown(text), field="birthday") from None
    return year, month, day


_TYPED_YEARLESS = re.compile(r"(?:--)?(\d{1,2})[-/](\d{1,2})", re.ASCII)
_TYPED_KANJI = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日", re.ASCII)


def typed_birthday(text: str) -> str:
    """A birthday as a person types it, in the form it is stored: ``1985-04-12``, or ``--04-12``
    without the year. Accepts what `parse_birthday` does, plus ``04-12``, ``4/12``, ``4月12日``,
    ``1985年4月12日`` and full-width digits; empty for none.

    Raises:
        InvalidInput: the text is not a birthday, or no such day exists.
    """
    typed = unicodedata.normalize("NFKC", text).strip()
    if not typed:
        return ""
    if match := _TYPED_KANJI.fullmatch(typed):
        year, month, day = match.groups()
        typed = (
            f"{year}-{int(month):02d}-{int(day):02d}"
            if year
            else f"--{int(month):02d}-{int(day):02d}"
        )
    elif match := _TYPED_YEARLESS.fullmatch(typed):
        typed = f"--{int(match.group(1)):02d}-{int(match.group(2)):02d}"
    try:
        year_, month_, day_ = parse_birthday(typed)
    except InvalidInput:
        raise InvalidInput("birthday.typed", text=_shown(text), field="birthday") from None

    yearless = f"--{month_:02d}-{day_:02d}"
    return yearless if year_ is None else f"{year_:04d}{yearless[1:]}"


def _birthday_in(year: int, month: int, day: int) -> date:
    if (month, day) == (2, 29) and not calendar.isleap(year):
        fallback_month, fallback_day = (int(p) for p in LEAP_DAY_FALLBACK.split("-"))
        return date(year, fallback_month, fallback_day)
    return date(year, month, day)


def next_birthday(birthday: str, after: date) -> date:
    """The first birthday on or after ``after`` (a birthday today is today's). 29 February falls
    on `LEAP_DAY_FALLBACK` in other years; a known year of birth is the earliest possible.

    Raises:
        InvalidInput: ``birthday`` cannot be read (see `parse_birthday`).
    """
    born, month, day = parse_birthday(birthday)
    year = max(after.year, born or after.year)
    found = _birthday_in(year, month, day)
    return found if found >= after else _birthday_in(year + 1, month, day)


def age_on(birthday: str, day: date) -> int | None:
    """Age in whole years on ``day``; None when the year is unknown (``--04-12``) or ``day`` is
    before the birth."""
    born, month, birth_day = parse_birthday(birthday)
    if born is None:
        return None
    age = day.year - born - (1 if day < _birthday_in(day.year, month, birth_day) else 0)
    return age if age >= 0 else None
