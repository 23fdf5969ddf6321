"""Reading a future time as people type it (`parse_when`), snoozes and event follow-ups."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Final
from zoneinfo import ZoneInfo

from cardbox.domain.dates.wall import (
    DEFAULT_TIME,
    is_later,
    require_aware,
    resolve_local,
    wall_time,
)
from cardbox.domain.dates.words import (
    DAY_NAMES,
    EN_DAY,
    EN_DAYS,
    JA_DAY,
    JA_DAYS,
    JA_MONTHS,
    MAX_INPUT,
    MONTH_NAMES,
    UNIT_DAYS,
    UNIT_MONTHS,
    UNIT_WEEKS,
    UNIT_YEARS,
    Lazy,
    add_months,
    clean,
    error,
    unit_name,
    weekday_number,
)
from cardbox.domain.dates.words import (
    shown as shown_text,
)
from cardbox.domain.errors import InvalidInput

WHEN_EXAMPLES: Final = "3d, 2w, tomorrow 10:00, next monday, 12/1, 2026-12-01 09:30 or 12月1日"


def _when_error(text: str, reason: str = "") -> InvalidInput:
    return error(("when.unreadable", "when.unreadable_because"), text, reason, WHEN_EXAMPLES)


_ERAS: Final = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "明治": 1867}
_ERA = Lazy(r"(令和|平成|昭和|大正|明治) ?(\d{1,2}|元) ?年")

RELATIVE_EN = Lazy(
    rf"(?:in )?(\d{{1,6}}) ?({UNIT_DAYS}|{UNIT_WEEKS}|{UNIT_MONTHS}|{UNIT_YEARS}"
    r"|h|hrs?|hours?|min|mins|minutes?)(?: later| from now)?"
)
RELATIVE_JA = Lazy(rf"(\d{{1,6}}) ?(日|週間|週|{JA_MONTHS}|年|年間|時間|分)後")


def _relative(text: str, s: str, now: datetime, zone: tzinfo) -> datetime | None:
    match = RELATIVE_EN.fullmatch(s) or RELATIVE_JA.fullmatch(s)
    if match is None:
        return None
    amount, unit = int(match.group(1)), unit_name(match.group(2))
    if amount == 0:
        raise _when_error(text, "the amount must be at least 1")
    try:
        if unit in ("hours", "minutes"):
            return (now.astimezone(UTC) + timedelta(**{unit: amount})).astimezone(zone)
        wall = wall_time(now, zone)
        if unit in ("days", "weeks"):
            moved = wall + timedelta(**{unit: amount})
        else:
            months = amount * 12 if unit == "years" else amount
            moved = datetime.combine(add_months(wall.date(), months), wall.time())
        return resolve_local(moved, zone)
    except (OverflowError, ValueError):
        raise _when_error(text, "too far ahead") from None


# Times of day, tried at the end of the input. Only these read as times: a number alone never does.
_AMPM = r"(?P<ap>am|pm|a\.m\.|p\.m\.)"
_TIMES: Final = (
    Lazy(rf"(?:(?P<ja>午前|午後) ?)?(?P<h>\d{{1,2}}):(?P<m>\d{{2}})(?: ?{_AMPM})?"),
    Lazy(rf"(?P<h>\d{{1,2}}) ?{_AMPM}"),
    Lazy(r"(?:(?P<ja>午前|午後) ?)?(?P<h>\d{1,2})時(?:(?P<m>\d{1,2})分|(?P<half>半))?"),
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


def split_time(text: str, s: str) -> tuple[str, time | None]:
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


FULL_DATES: Final = (
    Lazy(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    Lazy(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    Lazy(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    Lazy(r"(\d{4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?日"),
)
YEARLESS_DATES: Final = (
    Lazy(r"(\d{1,2})/(\d{1,2})"),
    Lazy(r"(\d{1,2}) ?月 ?(\d{1,2}) ?日"),
)
_WEEKDAY_NOTE = Lazy(r" ?\((.+)\)$")


def no_such_date(text: str, year: int | None, month: int, day: int) -> InvalidInput:
    if not 1 <= month <= 12:
        return _when_error(text, f"there is no month {month}: dates are month/day")
    where = f" {year}" if year is not None else ""
    return _when_error(text, f"there is no {day} {MONTH_NAMES[month - 1]}{where}")


def _date_part(text: str, s: str, today: date) -> date | list[date] | None:
    """A date, or candidate dates (the first whose time is still ahead wins), or None."""
    note = _WEEKDAY_NOTE.search(s)
    weekday_note = None
    if note is not None:
        weekday_note = weekday_number(note.group(1))
        if weekday_note is None:
            raise _when_error(text, f"{note.group(1)!r} is not a day of the week")
        s = s[: note.start()]
    found: date | None = None
    for pattern in FULL_DATES:
        if match := pattern.fullmatch(s):
            year, month, day = (int(g) for g in match.groups())
            try:
                found = date(year, month, day)
            except ValueError:
                raise no_such_date(text, year, month, day) from None
    for pattern in YEARLESS_DATES:
        if match := pattern.fullmatch(s):
            month, day = (int(g) for g in match.groups())
            found = _next_yearless(text, today, month, day)
    if found is not None:
        if weekday_note is not None and found.weekday() != weekday_note:
            actual = DAY_NAMES[found.weekday()]
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
    if match := re.fullmatch(rf"(next |this )?({EN_DAY})\.?", s):
        which, target = match.group(1), EN_DAYS[match.group(2)]
        return _weekday_candidates(today, target, never_today=which == "next ")
    if match := re.fullmatch(rf"(来週|次|次の)?の?({JA_DAY})曜日?", s):
        which, target = match.group(1), JA_DAYS[match.group(2)]
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
        raise no_such_date(text, None, month, day)
    for year in range(today.year, today.year + 9):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise no_such_date(text, None, month, day)


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
    require_aware(now, "now")
    if len(text) > MAX_INPUT:
        raise _when_error(text, "too long")
    s = clean(text)
    if not s:
        raise _when_error(text, "empty")
    relative = _relative(text, s, now, zone)
    if relative is not None:
        return relative
    today = wall_time(now, zone).date()
    date_text, at = split_time(text, s)
    if not date_text:
        if at is None:
            raise _explain(text, s)
        ahead = resolve_local(datetime.combine(today, at), zone)
        if is_later(ahead, now):
            return ahead
        return resolve_local(datetime.combine(today + timedelta(days=1), at), zone)
    found = _date_part(text, date_text, today)
    if found is None:
        raise _explain(text, s)
    at = at or DEFAULT_TIME
    if isinstance(found, date):
        return resolve_local(datetime.combine(found, at), zone)
    candidates = [resolve_local(datetime.combine(day, at), zone) for day in found]
    return next((c for c in candidates if is_later(c, now)), candidates[-1])


def is_relative(text: str) -> bool:
    """True when ``text`` is an amount of time (``1d``, ``3 hours``, ``3日後``), which counts
    from a moment, rather than a date or time (``tomorrow 10:00``, ``12/1``)."""
    s = clean(text[: MAX_INPUT + 1])
    return bool(RELATIVE_EN.fullmatch(s) or RELATIVE_JA.fullmatch(s))


def parse_snooze(text: str, due: datetime, now: datetime, zone: ZoneInfo) -> datetime:
    """When a reminder due at ``due`` is put off to by a snooze of ``text``.

    An amount of time (``1d``, ``3h``) counts from the later of ``due`` and ``now``, so that a
    snooze never brings a reminder forward: a reminder not yet due moves from its due time, an
    overdue one from now. A date or time (``tomorrow 10:00``) is read as `parse_when` reads it,
    and must not be earlier than ``due`` (moving a reminder earlier is a reschedule).

    Raises:
        InvalidInput: ``text`` cannot be read, or names a time before ``due``.
    """
    require_aware(due, "due")
    require_aware(now, "now")
    if is_relative(text):
        base = due if is_later(due, now) else now
        return parse_when(text, base.astimezone(zone), zone)
    found = parse_when(text, now, zone)
    if is_later(due, found):
        shown = due.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        raise InvalidInput("snooze.earlier", text=shown_text(text), due=shown)
    return found


def event_start(day: date | None, now: datetime, zone: ZoneInfo) -> datetime:
    """When a card logged at an event dated ``day`` was met: that day at `DEFAULT_TIME` (09:00)
    in ``zone``, or ``now`` if that is still ahead (a card typed early on the event's day, or an
    event dated in the future). An event without a date is today's."""
    require_aware(now, "now")
    local = now.astimezone(zone)
    start = resolve_local(datetime.combine(day or local.date(), DEFAULT_TIME), zone)
    return local if is_later(start, now) else start


def event_follow_up(text: str, day: date | None, now: datetime, zone: ZoneInfo) -> datetime:
    """When an event's follow-up (``3d``, ``next monday``) falls for a card logged at it: read by
    `parse_when` from the event's date at `DEFAULT_TIME` (09:00: ``3d`` after an event on the
    1st is the 4th at 09:00; an event without a date is today's); one that is already past (a
    card logged long after the event) is due now.

    Raises:
        InvalidInput: ``text`` cannot be read.
    """
    require_aware(now, "now")
    local = now.astimezone(zone)
    start = resolve_local(datetime.combine(day or local.date(), DEFAULT_TIME), zone)
    due = parse_when(text, start, zone)
    return local if is_later(now, due) else due
