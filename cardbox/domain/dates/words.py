"""The words and units shared by the date grammars (typed times, repetitions, cadences)."""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date
from typing import Final

from cardbox.domain.errors import InvalidInput
from cardbox.domain.text import printable, strip_invisible

MAX_INPUT = 100


class Lazy:
    """A regular expression compiled on its first use rather than at import.

    The date grammars hold about twenty patterns; compiling them all when the package is
    imported was two thirds of its import time, paid by every command (``cardbox cadence``,
    ``cardbox log``) whether or not it reads a date. Only `match`, `fullmatch` and `search`
    are offered: what the grammars use.
    """

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled once; a race compiles it twice, harmlessly)."""
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def match(self, s: str) -> re.Match[str] | None:
        return self.compiled().match(s)

    def fullmatch(self, s: str) -> re.Match[str] | None:
        return self.compiled().fullmatch(s)

    def search(self, s: str) -> re.Match[str] | None:
        return self.compiled().search(s)


def clean(text: str) -> str:
    """NFKC (full-width digits, colons and spaces), case-folded, spaces collapsed."""
    folded = unicodedata.normalize("NFKC", strip_invisible(text)).casefold()
    return " ".join(folded.split())


def shown(text: str) -> str:
    """``text`` as an error quotes it: stripped, at most 40 characters, printable."""
    found = text.strip()
    if len(found) > 40:
        found = found[:40] + "…"
    return printable(found)


def error(codes: tuple[str, str], text: str, reason: str, examples: str) -> InvalidInput:
    """The first of ``codes`` for ``text``, or the second when there is a ``reason``."""
    code = codes[1] if reason else codes[0]
    return InvalidInput(code, text=shown(text), reason=reason, examples=examples)


EN_DAYS: Final = {
    "monday": 0, "mon": 0,
    "tuesday": 1, "tue": 1, "tues": 1,
    "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
    "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
JA_DAYS: Final = {"月": 0, "火": 1, "水": 2, "木": 3, "金": 4, "土": 5, "日": 6}
RFC_DAYS: Final = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
EN_DAY = "|".join(sorted(EN_DAYS, key=len, reverse=True))
JA_DAY = "[月火水木金土日]"

UNIT_DAYS = r"d|days?"
UNIT_WEEKS = r"w|wks?|weeks?"
UNIT_MONTHS = r"m|mos?|months?"
UNIT_YEARS = r"y|yrs?|years?"
JA_MONTHS = r"(?:か|ヶ|ヵ|カ|ケ|箇)月(?:間)?"


def unit_name(unit: str) -> str:
    """``days``, ``weeks``, ``months``, ``years``, ``hours`` or ``minutes`` for a typed unit."""
    for name, pattern in (
        ("days", rf"{UNIT_DAYS}|日"),
        ("weeks", rf"{UNIT_WEEKS}|週間|週"),
        ("months", rf"{UNIT_MONTHS}|{JA_MONTHS}"),
        ("years", rf"{UNIT_YEARS}|年|年間"),
        ("hours", r"h|hrs?|hours?|時間"),
    ):
        if re.fullmatch(pattern, unit):
            return name
    return "minutes"


def add_months(day: date, months: int) -> date:
    """``day`` moved by calendar months, clipped to the end of shorter months."""
    years, index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, index + 1
    if not 1 <= year <= 9999:
        raise OverflowError("year out of range")
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


MONTH_NAMES: Final = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
DAY_NAMES: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def weekday_number(name: str) -> int | None:
    """0 (Monday) to 6 for an English or Japanese day name (``mon``, ``月``, ``月曜日``)."""
    name = name.rstrip(".")
    if name in EN_DAYS:
        return EN_DAYS[name]
    match = re.fullmatch(rf"({JA_DAY})(?:曜日?)?", name)
    return JA_DAYS[match.group(1)] if match else None
