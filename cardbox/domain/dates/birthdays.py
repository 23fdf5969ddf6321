"""Birthdays: vCard and typed forms, the next one and ages (29 February on `LEAP_DAY_FALLBACK`)."""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date

from cardbox.domain.dates.wall import (
    LEAP_DAY_FALLBACK,
)
from cardbox.domain.dates.words import (
    Lazy,
    shown,
)
from cardbox.domain.errors import InvalidInput


def parse_birthday(text: str) -> tuple[int | None, int, int]:
    """(year or None, month, day) of a vCard birthday: ``YYYY-MM-DD``, ``YYYYMMDD``, or yearless
    ``--MM-DD`` / ``--MMDD``. Read by cardbox itself: dateutil reads ``--0412`` as the year 412.

    Raises:
        InvalidInput: any other form, or a date that does not exist.
    """
    s = text.strip()
    match = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})|--(\d{2})-?(\d{2})", s, re.ASCII)
    if match is None:
        raise InvalidInput("birthday.format", text=shown(text), field="birthday")
    if match.group(1):
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
        check_year = year
    else:
        year, month, day = None, int(match.group(4)), int(match.group(5))
        check_year = 2000  # a leap year: --02-29 is a birthday
    try:
        date(check_year, month, day)
    except ValueError:
        raise InvalidInput("birthday.no_such_date", text=shown(text), field="birthday") from None
    return year, month, day


_TYPED_YEARLESS = Lazy(r"(?:--)?(\d{1,2})[-/](\d{1,2})", re.ASCII)
_TYPED_KANJI = Lazy(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日", re.ASCII)


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
        raise InvalidInput("birthday.typed", text=shown(text), field="birthday") from None
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
