"""Keep-in-touch cadences: a number of days, due that long after the last interaction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Final

from cardbox.domain.dates.words import (
    JA_MONTHS,
    MAX_INPUT,
    UNIT_DAYS,
    UNIT_MONTHS,
    UNIT_WEEKS,
    UNIT_YEARS,
    clean,
    shown,
    unit_name,
)
from cardbox.domain.errors import InvalidInput

CADENCE_EXAMPLES: Final = "60d, 2w, 3m, every 60 days, monthly or quarterly"


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
    s = clean(text[: MAX_INPUT + 1])
    s = re.sub(r"^(?:every|each) ", "", s)
    if s in _CADENCE_WORDS:
        return Cadence(_CADENCE_WORDS[s])
    units = rf"{UNIT_DAYS}|{UNIT_WEEKS}|{UNIT_MONTHS}|{UNIT_YEARS}|日|週間|週|{JA_MONTHS}|年"
    match = re.fullmatch(rf"(\d{{1,5}}) ?({units})(?:ごと|毎|に1回|に一回)?", s)
    if match is None:
        raise InvalidInput("cadence.unreadable", text=shown(text), examples=CADENCE_EXAMPLES)
    days = int(match.group(1)) * _CADENCE_UNITS[unit_name(match.group(2))]
    if not 1 <= days <= _MAX_CADENCE_DAYS:
        raise InvalidInput("cadence.range", text=shown(text), examples=CADENCE_EXAMPLES)
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
