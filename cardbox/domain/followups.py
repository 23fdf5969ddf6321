"""Follow-up policy, written once: which keep-in-touch cadence applies to a contact, which
reminders count as due when an interaction is logged, and the note of a reminder nobody wrote.

The agenda's SQL (`cardbox.store.followups.cadence_due`) picks cadences in the database for
speed; it ranks them in the order of `CADENCE_PRECEDENCE`, and a test checks it against
`chosen_cadence`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Final

from cardbox.domain.model import Event

CADENCE_PRECEDENCE: Final = ("own", "tag", "industry")
"""Where a contact's cadence comes from, strongest first: the contact's own cadence, else the
shortest default of its tags, else the shortest default of its industries."""

DUE_SOON: Final = timedelta(days=1)
"""Logging an interaction can complete the contact's open reminders due within this horizon
(``cardbox log --complete``; the app's log dialog offers it when there are any)."""

DEFAULT_NOTE: Final = "follow up"
"""The note of a follow-up reminder set without one, when no event is known."""

DEFAULT_NOTE_AFTER: Final = "follow up after {event}"
"""The note of a follow-up reminder set without one for a card met at ``event``."""

_AFTER = re.compile(re.escape(DEFAULT_NOTE_AFTER).replace(re.escape("{event}"), "(.+)"), re.S)


def chosen_cadence(
    own: int | None, tags: Iterable[int] = (), industries: Iterable[int] = ()
) -> int | None:
    """The days of a contact's keep-in-touch cadence, by `CADENCE_PRECEDENCE`: its own cadence
    (``own``), else the shortest of its tags' defaults, else the shortest of its industries'
    defaults; None when nothing applies."""
    if own is not None:
        return own
    for days in (list(tags), list(industries)):
        if days:
            return min(days)
    return None


def industry_cadences(
    defaults: Mapping[str, int], parents: Mapping[str, str | None]
) -> dict[str, int]:
    """The default cadence (days) of every industry code in ``parents`` (code -> parent code):
    a default set on an industry covers its sub-industries, and the nearest one wins."""
    out: dict[str, int] = {}
    for code in parents:
        node: str | None = code
        while node is not None and node not in defaults:
            node = parents.get(node)
        if node is not None:
            out[code] = defaults[node]
    return out


def due_soon(due: datetime, now: datetime) -> bool:
    """A reminder due at ``due`` is due by ``now`` plus `DUE_SOON` (overdue ones included)."""
    return due <= now + DUE_SOON


def default_note(event: str = "") -> str:
    """The note of a follow-up reminder set without one: `DEFAULT_NOTE_AFTER` the card's event,
    else `DEFAULT_NOTE`. Stored in English; the app shows it translated (`default_note_event`)."""
    return DEFAULT_NOTE_AFTER.format(event=event) if event else DEFAULT_NOTE


def event_note(event: Event) -> str:
    """The note of the reminder an event's follow-up sets on each card logged at it."""
    return event.follow_up_note or default_note(event.name)


def default_note_event(note: str) -> str | None:
    """Whether ``note`` is a default note, and for which event: the event's name for
    `DEFAULT_NOTE_AFTER`, "" for `DEFAULT_NOTE` (or no note at all), None for a note someone
    wrote."""
    if note in ("", DEFAULT_NOTE):
        return ""
    match = _AFTER.fullmatch(note)
    return match.group(1) if match else None
