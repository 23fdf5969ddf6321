"""Reading how a reminder repeats, as people type it after ``--every`` (`parse_every`)."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from typing import Final

from cardbox.domain.dates.recurrence import (
    BYDAY,
    FREQS,
    Recurrence,
    join_parts,
    month_day,
    rule_parts,
    series_of,
)
from cardbox.domain.dates.words import (
    EN_DAY,
    JA_DAY,
    JA_DAYS,
    JA_MONTHS,
    RFC_DAYS,
    UNIT_DAYS,
    UNIT_MONTHS,
    UNIT_WEEKS,
    UNIT_YEARS,
    clean,
    error,
    weekday_number,
)
from cardbox.domain.errors import InvalidInput
from cardbox.domain.text import strip_invisible

EVERY_EXAMPLES: Final = (
    "day, 2 weeks, 3 months, year, weekdays, monday, 2nd tuesday, last friday, 毎月 "
    "or FREQ=MONTHLY;INTERVAL=3"
)

_RULE_KEYS: Final = (
    "FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY",
    "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST",
)  # fmt: skip
# How far ahead a series is searched, and the largest interval, per frequency. A rule that has no
# occurrence that far ahead is treated as ended (dateutil would otherwise search to year 9999).
_MAX_INTERVAL: Final = {"DAILY": 730, "WEEKLY": 104, "MONTHLY": 120, "YEARLY": 20}
_CHECK_FROM: Final = datetime(2024, 1, 1, 9, 0)  # a leap year, so 29 February rules pass

_ORDINALS: Final = {
    "1st": 1, "first": 1, "2nd": 2, "second": 2, "3rd": 3, "third": 3, "4th": 4, "fourth": 4,
    "5th": 5, "fifth": 5, "last": -1, "2nd last": -2, "second last": -2,
    "2nd to last": -2, "second to last": -2,
}  # fmt: skip
_ORDINAL = "|".join(sorted(_ORDINALS, key=len, reverse=True))


def _every_error(text: str, reason: str = "") -> InvalidInput:
    return error(("every.unreadable", "every.unreadable_because"), text, reason, EVERY_EXAMPLES)


def _rule(freq: str, interval: int = 1, **parts: str) -> str:
    items = [f"FREQ={freq}"] + ([f"INTERVAL={interval}"] if interval != 1 else [])
    return ";".join(items + [f"{key}={value}" for key, value in parts.items()])


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
        (UNIT_DAYS, "DAILY"), (UNIT_WEEKS, "WEEKLY"), (UNIT_MONTHS, "MONTHLY"),
        (UNIT_YEARS, "YEARLY"),
    )  # fmt: skip
    for pattern, freq in units:
        if match := re.fullmatch(rf"(\d{{1,4}}) ?(?:{pattern})", s):
            return _interval_rule(text, freq, int(match.group(1)))
    if match := re.fullmatch(r"(other )?([a-z.]+(?:(?: ?,| ?&| and)(?: and)? [a-z.]+)*)", s):
        names = [n for n in re.split(r" ?(?:,|&|\band\b) ?", match.group(2)) if n]
        numbers = [weekday_number(name.removesuffix("s")) for name in names]
        if all(number is not None for number in numbers):
            days = ",".join(dict.fromkeys(RFC_DAYS[n] for n in numbers if n is not None))
            return _rule("WEEKLY", 2 if match.group(1) else 1, BYDAY=days)
    if match := re.fullmatch(rf"(?:the )?({_ORDINAL}) ({EN_DAY})\.?", s):
        return _rule("MONTHLY", BYDAY=f"{_ORDINALS[match.group(1)]}{_rfc_day(match.group(2))}")
    if s in ("last day", "the last day", "end of month", "end of the month", "month end"):
        return _rule("MONTHLY", BYMONTHDAY="-1")
    if match := re.fullmatch(r"(?:the )?(?:day (\d{1,2})|(\d{1,2})(?:st|nd|rd|th))", s):
        return _day_of_month_rule(text, int(match.group(1) or match.group(2)))
    return None


def _rfc_day(name: str) -> str:
    number = weekday_number(name)
    assert number is not None
    return RFC_DAYS[number]


def _interval_rule(text: str, freq: str, interval: int) -> str:
    if not 1 <= interval <= _MAX_INTERVAL[freq]:
        raise _every_error(text, f"the interval must be 1 to {_MAX_INTERVAL[freq]}")
    return _rule(freq, interval)


def _day_of_month_rule(text: str, day: int) -> str:
    if not 1 <= day <= 31:
        raise _every_error(text, f"there is no day {day} in a month")
    return _rule("MONTHLY", BYMONTHDAY=month_day(day))


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
        (r"日", "DAILY"), (r"週間|週", "WEEKLY"), (JA_MONTHS, "MONTHLY"), (r"年", "YEARLY"),
    ):  # fmt: skip
        suffix = "" if freq == "DAILY" else "?"  # 3日 alone reads as the 3rd
        if match := re.fullmatch(rf"(\d{{1,4}})(?:{pattern})(?:ごと|毎|に1回|に一回){suffix}", s):
            return _interval_rule(text, freq, int(match.group(1)))
    if match := re.fullmatch(rf"(毎週|隔週)?((?:{JA_DAY}(?:曜日?)?[・、,]?)+)(?:ごと|毎)?", s):
        names = re.findall(rf"({JA_DAY})(?:曜日?)?", match.group(2))
        if match.group(1) or "曜" in match.group(2):
            days = ",".join(dict.fromkeys(RFC_DAYS[JA_DAYS[n]] for n in names))
            return _rule("WEEKLY", 2 if match.group(1) == "隔週" else 1, BYDAY=days)
    if match := re.fullmatch(rf"(?:毎月)?(?:第(\d)|(最終|最後の))({JA_DAY})曜日?", s):
        ordinal = -1 if match.group(2) else int(match.group(1))
        if not 1 <= abs(ordinal) <= 5:
            raise _every_error(text, "第1 to 第5 or 最終")
        return _rule("MONTHLY", BYDAY=f"{ordinal}{RFC_DAYS[JA_DAYS[match.group(3)]]}")
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
    s = clean(text)
    raw = unicodedata.normalize("NFKC", strip_invisible(text)).strip().upper()
    if raw.startswith(("FREQ=", "RRULE:")) or ";FREQ=" in raw:
        return Recurrence(_checked_rule(text, raw.removeprefix("RRULE:").strip()))
    if not s:
        raise _every_error(text, "empty")
    found = _every_words(text, s) or _every_japanese(text, s)
    if found is None:
        raise _every_error(text)
    return Recurrence(found)


_BY_RANGES: Final = {
    "BYSECOND": (0, 60), "BYMINUTE": (0, 59), "BYHOUR": (0, 23), "BYMONTHDAY": (-31, 31),
    "BYYEARDAY": (-366, 366), "BYWEEKNO": (-53, 53), "BYMONTH": (1, 12), "BYSETPOS": (-366, 366),
}  # fmt: skip


def _check_parts(parts: dict[str, str]) -> str:
    """What is wrong with the parts of an RRULE, or "" (dateutil accepts BYMONTHDAY=32)."""
    unknown = [key for key in parts if key not in _RULE_KEYS]
    if unknown:
        return f"unknown rule part {unknown[0]}"
    freq = parts.get("FREQ", "")
    if freq not in FREQS:
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
        match = BYDAY.fullmatch(value)
        if match is None:
            return f"{value} is not a BYDAY value (MO, 2TU, -1FR ...)"
        if match.group(1) and (freq in ("DAILY", "WEEKLY") or int(match.group(1)) == 0):
            return "numbered BYDAY values (2TU) need FREQ=MONTHLY or YEARLY"
    if parts.get("WKST", "MO") not in RFC_DAYS:
        return "WKST must be a day (MO ... SU)"
    return ""


def _checked_rule(text: str, rule: str) -> str:
    rule = rule.replace(" ", "")
    try:
        parts = rule_parts(rule)
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
        series_of(rule, start, UTC)  # reads COUNT and UNTIL
        first = series_of(join_parts(pattern), start, UTC).next_after(start)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        raise _every_error(text, str(exc) or type(exc).__name__) from None
    if first is None:
        raise _every_error(text, "it never happens")
    return rule
