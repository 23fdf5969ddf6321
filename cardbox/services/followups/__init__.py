"""Follow-ups: reminders, the interaction log, keep-in-touch cadences and the agenda.

The service behind ``cardbox remind``, ``done``, ``snooze``, ``log``, ``cadence`` and ``due``.
Times people type are read by `cardbox.domain.dates` in the box's zone; recurring reminders keep
their wall time in the zone they were set in. Each occurrence of a reminder is recorded once
when it is done or snoozed (a unique key in the store), so nothing fires twice, and a reminder
whose time passed while the app was closed is simply overdue: none is lost.
"""

from cardbox.services.followups.agenda import SECTIONS, Agenda, Drift, Item, agenda, losing_touch
from cardbox.services.followups.reminders import (
    Listed,
    calendar,
    complete,
    export_ics,
    get_reminder,
    history,
    interactions,
    log,
    open_reminders,
    remind,
    reminders_of,
    reschedule,
    set_cadence,
    set_default_cadence,
    set_zone,
    snooze,
    zone_name,
)

__all__ = [
    "SECTIONS",
    "Agenda",
    "Drift",
    "Item",
    "Listed",
    "agenda",
    "calendar",
    "complete",
    "export_ics",
    "get_reminder",
    "history",
    "interactions",
    "log",
    "losing_touch",
    "open_reminders",
    "remind",
    "reminders_of",
    "reschedule",
    "set_cadence",
    "set_default_cadence",
    "set_zone",
    "snooze",
    "zone_name",
]
