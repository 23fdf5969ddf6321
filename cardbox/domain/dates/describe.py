"""How a repeating reminder repeats, said in words (English or Japanese)."""

from __future__ import annotations

from typing import Final

from cardbox.domain.dates.recurrence import (
    BYDAY,
    FREQS,
    rule_parts,
)
from cardbox.domain.dates.words import (
    DAY_NAMES,
    RFC_DAYS,
)

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
        parts = rule_parts(rule.removeprefix("RRULE:"))
    except ValueError:
        return rule
    ja = lang == "ja"
    freq = parts.pop("FREQ", "")
    if freq not in FREQS:
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
        match = BYDAY.fullmatch(value)
        if match is None:
            return None
        ordinal = int(match.group(1)) if match.group(1) else None
        out.append((ordinal, RFC_DAYS.index(match.group(2))))
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
        names = [DAY_NAMES[d] for _, d in days]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        if n == 1:
            return f"every {listed}"
        return f"every other {listed}" if n == 2 else f"{base} on {listed}"
    if freq == "MONTHLY" and len(days) == 1 and days[0][0] in _EN_ORDINALS and not monthday:
        ordinal, day = days[0]
        assert ordinal is not None
        return f"{base} on the {_EN_ORDINALS[ordinal]} {DAY_NAMES[day]}"
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
