"""Reminders and birthdays as iCalendar (RFC 5545), for the phone's calendar.

Each open reminder is a VTODO with its DUE in its own time zone (``TZID=Asia/Tokyo``, with the
matching VTIMEZONE), its RRULE when it recurs, and a VALARM at the due time. Each known birthday
is a yearly all-day VEVENT; a yearless one (``--04-12``) starts in 2000, a leap year, so that a
29 February birthday exists. The icalendar package builds the time zone definitions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

from cardbox.domain import dates as when_rules
from cardbox.domain.model import Contact, Reminder

PRODID = "-//cardbox//follow-ups//EN"


def _birthday(text: str) -> date | None:
    try:
        if text.startswith("--"):
            return date(2000, int(text[2:4]), int(text[5:7]))
        return date.fromisoformat(text)
    except ValueError:
        return None


def write_calendar(
    reminders: Sequence[Reminder],
    contacts: Mapping[int | None, Contact],
    *,
    stamp: datetime,
    birthdays: bool = True,
) -> str:
    """One VCALENDAR (CRLF line endings) with the reminders and the contacts' birthdays."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    zones: set[str] = set()
    for r in reminders:
        contact = contacts.get(r.contact_id)
        if contact is None:
            continue
        zone = ZoneInfo(r.zone)
        zones.add(r.zone)
        todo = icalendar.Todo()
        todo.add("uid", f"reminder-{r.id}-{contact.uid}@cardbox")
        todo.add("dtstamp", stamp)
        todo.add("summary", f"{contact.name}: {r.note}" if r.note else f"Follow up: {contact.name}")
        due = r.due.astimezone(zone)
        start = (r.start or r.due).astimezone(zone)
        todo.add("dtstart", start if r.rule else due)
        todo.add("due", due)
        if r.rule:
            # The rule with month-end and leap-day days made explicit, so calendars never skip.
            explicit = when_rules.rule_for_start(r.rule, start)
            todo.add("rrule", icalendar.vRecur.from_ical(explicit))
        details = [contact.company, contact.title, *(p.text for p in contact.phones[:2])]
        todo.add("description", " / ".join(d for d in details if d))
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", todo["summary"])
        alarm.add("trigger", timedelta(0))
        todo.add_component(alarm)
        cal.add_component(todo)
    for contact in contacts.values() if birthdays else ():
        day = _birthday(contact.birthday)
        if day is None:
            continue
        event = icalendar.Event()
        event.add("uid", f"birthday-{contact.uid}@cardbox")
        event.add("dtstamp", stamp)
        event.add("summary", f"Birthday: {contact.name}")
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        # From 29 Feb: every year, on 28 Feb when there is no 29th (BYMONTHDAY=-1 of February).
        rule = (
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
            if (day.month, day.day) == (2, 29)
            else "FREQ=YEARLY"
        )
        event.add("rrule", icalendar.vRecur.from_ical(rule))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    for name in sorted(zones):
        cal.add_component(icalendar.Timezone.from_tzinfo(ZoneInfo(name)))
    return str(cal.to_ical().decode("utf-8"))
