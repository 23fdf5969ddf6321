"""Dates as people type them, repeating reminders, keep-in-touch cadences and birthdays.

One module per subject: `wall` (wall time in a zone), `typed` and `past` (what people type),
`recurrence`, `every` and `describe` (repeating reminders), `cadence` and `birthdays`; `words`
holds the vocabulary their grammars share. Import from the package: the names below are its API.

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

from cardbox.domain.dates.birthdays import age_on, next_birthday, parse_birthday, typed_birthday
from cardbox.domain.dates.cadence import (
    CADENCE_EXAMPLES,
    Cadence,
    next_due,
    overdue_by,
    parse_cadence,
)
from cardbox.domain.dates.describe import describe_rule
from cardbox.domain.dates.every import EVERY_EXAMPLES, parse_every
from cardbox.domain.dates.past import PAST_EXAMPLES, parse_past
from cardbox.domain.dates.recurrence import (
    Recurrence,
    next_after,
    occurrences_between,
    rule_for_start,
)
from cardbox.domain.dates.typed import (
    WHEN_EXAMPLES,
    event_follow_up,
    event_start,
    is_relative,
    parse_snooze,
    parse_when,
)
from cardbox.domain.dates.wall import DEFAULT_TIME, LEAP_DAY_FALLBACK, resolve_local

__all__ = [
    "CADENCE_EXAMPLES",
    "DEFAULT_TIME",
    "EVERY_EXAMPLES",
    "LEAP_DAY_FALLBACK",
    "PAST_EXAMPLES",
    "WHEN_EXAMPLES",
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
    "typed_birthday",
]
