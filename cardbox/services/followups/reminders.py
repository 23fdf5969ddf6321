"""Reminders, the interaction log and keep-in-touch cadences: what changes them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from cardbox.domain import dates as when_rules
from cardbox.domain.errors import InvalidInput, NotFound
from cardbox.domain.followups import due_soon
from cardbox.domain.model import INTERACTION_KINDS, Contact, Interaction, Reminder
from cardbox.domain.text import normalise
from cardbox.services.box import CardBox, valid_zone
from cardbox.services.safefile import atomic_write


def zone_name(box: CardBox) -> str:
    """The box's time zone (see `CardBox.zone`)."""
    return box.zone


def set_zone(box: CardBox, name: str) -> str:
    """Store the box's time zone (an IANA name such as ``Asia/Tokyo``)."""
    if not valid_zone(name):
        raise InvalidInput("zone.unknown", name=name)
    box.store.set_setting("zone", name)
    return name


def now_or(now: datetime | None) -> datetime:
    """``now``, or the current time when it is None (tests pass a fixed time)."""
    return now if now is not None else datetime.now(UTC)


def remind(
    box: CardBox,
    ref: str | int,
    when: str,
    note: str = "",
    *,
    every: str | None = None,
    now: datetime | None = None,
) -> Reminder:
    """Set a reminder on a contact: ``when`` as people type it, optionally recurring.

    Raises:
        NotFound: no such contact.
        InvalidInput: ``when`` or ``every`` cannot be read (the message gives examples).
    """
    contact = box.get(ref)
    zone = ZoneInfo(zone_name(box))
    due = when_rules.parse_when(when, now_or(now).astimezone(zone), zone)
    rule = when_rules.parse_every(every).rule if every else None
    reminder = Reminder(
        contact_id=contact.id or 0, due=due, zone=zone.key, note=note.strip(), rule=rule, start=due
    )
    with box.store.transaction(plain=True) as tx:
        new_id = tx.followups.add_reminder(reminder, now_or(now))
    return replace(reminder, id=new_id)


def get_reminder(box: CardBox, reminder_id: int) -> Reminder:
    with box.store.reader() as r:
        found = r.followups.reminder(reminder_id)
    if found is None:
        raise NotFound("reminder.not_found", id=reminder_id)
    return found


def complete(box: CardBox, reminder_id: int, *, now: datetime | None = None) -> Reminder:
    """Mark the current occurrence done: a recurring reminder moves to its next occurrence.

    Raises:
        NotFound: no such reminder.
        InvalidInput: it is already done.
    """
    at = now_or(now)

    with box.store.transaction(plain=True) as tx:
        current = tx.followups.reminder(reminder_id)
        if current is None:
            raise NotFound("reminder.not_found", id=reminder_id)
        if current.done is not None:
            raise InvalidInput("reminder.done", id=reminder_id)
        tx.followups.log_reminder(reminder_id, "done", current.due, at)
        if current.rule:
            following = when_rules.next_after(
                current.rule, current.start or current.due, current.due
            )
            if following is not None:
                tx.followups.move_reminder(reminder_id, following)
                return replace(current, due=following)
        tx.followups.finish_reminder(reminder_id, at)
        return replace(current, done=at)


def snooze(box: CardBox, reminder_id: int, until: str, *, now: datetime | None = None) -> Reminder:
    """Move a reminder's current occurrence to a later time (``1d``, ``tomorrow 10:00`` ...),
    read in the box's zone. An amount of time counts from the later of its due time and now,
    so a snooze never brings a reminder forward (`when.parse_snooze`).

    Raises:
        NotFound: no such reminder.
        InvalidInput: it is done, ``until`` cannot be read, or is before it is due.
    """
    current = get_reminder(box, reminder_id)
    if current.done is not None:
        raise InvalidInput("reminder.done", id=reminder_id)
    zone = ZoneInfo(zone_name(box))
    due = when_rules.parse_snooze(until, current.due, now_or(now).astimezone(zone), zone)

    with box.store.transaction(plain=True) as tx:
        tx.followups.log_reminder(reminder_id, "snoozed", current.due, now_or(now))
        tx.followups.move_reminder(reminder_id, due)
    return replace(current, due=due)


def reschedule(
    box: CardBox, reminder_id: int, when: str, *, now: datetime | None = None
) -> Reminder:
    """Move a reminder to a new time (``2026-12-01 09:30``, ``next friday`` ...), read in the
    box's zone, which the reminder takes from then on. Unlike a snooze, a repeating reminder's
    series starts again from there (a monthly call moved from the 1st to the 5th is on the 5th
    from then on).

    Raises:
        NotFound: no such reminder.
        InvalidInput: it is done, or ``when`` cannot be read.
    """
    current = get_reminder(box, reminder_id)
    if current.done is not None:
        raise InvalidInput("reminder.done", id=reminder_id)
    zone = ZoneInfo(zone_name(box))
    due = when_rules.parse_when(when, now_or(now).astimezone(zone), zone)
    with box.store.transaction(plain=True) as tx:
        tx.followups.move_reminder(reminder_id, due, restart=True, zone=zone.key)
    return replace(current, due=due, zone=zone.key, start=due if current.rule else current.start)


@dataclass(frozen=True)
class Listed:
    """A reminder with its contact, for the reminders screen. ``occurrence`` and ``done`` are
    set on a line of history: that occurrence, done then."""

    reminder: Reminder
    contact: Contact
    occurrence: datetime | None = None
    done: datetime | None = None


def open_reminders(
    box: CardBox, contact_id: int | None = None, *, limit: int | None = None
) -> tuple[list[Listed], int]:
    """Open reminders (of one contact, or everyone's), soonest first, at most ``limit``; and how
    many there are in all."""
    with box.store.reader() as r:
        found = r.followups.reminders(contact_id=contact_id)
    shown = found if limit is None else found[:limit]
    return _with_contacts(box, shown), len(found)


def reminders_of(
    box: CardBox, contact_id: int | None = None, *, open_only: bool = True
) -> list[Reminder]:
    """Reminders (of one contact, or everyone's), soonest first; open ones only unless asked."""
    with box.store.reader() as r:
        return r.followups.reminders(contact_id=contact_id, open_only=open_only)


def interactions(box: CardBox, contact_id: int) -> list[Interaction]:
    """A contact's logged interactions, newest first."""
    with box.store.reader() as r:
        return r.followups.interactions(contact_id)


def history(box: CardBox, contact_id: int | None = None, *, limit: int = 500) -> list[Listed]:
    """Occurrences done, newest first (a repeating reminder has a line for each)."""
    with box.store.reader() as r:
        lines = r.followups.done_history(contact_id=contact_id, limit=limit)
        wanted = sorted({line[0] for line in lines})
        by_id = {found.id: found for found in r.followups.reminders_by_id(wanted)}
    contacts = _contacts(box, {line[1] for line in lines})
    return [
        Listed(by_id[rid], contacts[cid], occurrence, at)
        for rid, cid, occurrence, at, _note in lines
        if rid in by_id and cid in contacts
    ]


def _contacts(box: CardBox, ids: set[int]) -> dict[int, Contact]:
    with box.store.reader() as r:
        return {c.id or 0: c for c in r.contacts.summaries(sorted(ids))}


def _with_contacts(box: CardBox, found: list[Reminder]) -> list[Listed]:
    contacts = _contacts(box, {r.contact_id for r in found})
    return [Listed(r, contacts[r.contact_id]) for r in found if r.contact_id in contacts]


def log(
    box: CardBox,
    ref: str | int,
    kind: str,
    text: str = "",
    *,
    at: datetime | None = None,
    when: str = "",
    complete_open: bool = False,
    now: datetime | None = None,
) -> tuple[Interaction, list[Reminder]]:
    """Log an interaction (it resets the keep-in-touch clock), now or when it happened: ``at``,
    or ``when`` as people type it (``3d ago``, ``yesterday 15:00``, ``2026-11-28 15:00``,
    read in the box's zone by `when.parse_past`); optionally complete the contact's open
    reminders that are due by now. Returns the interaction and what it completed.

    Raises:
        NotFound: no such contact.
        InvalidInput: an unknown kind, or ``when`` cannot be read or is in the future.
    """
    kind = kind.strip().lower()
    if kind not in INTERACTION_KINDS:
        raise InvalidInput("log.unknown_kind", kind=kind, choices=", ".join(INTERACTION_KINDS))

    if when.strip():
        zone = ZoneInfo(zone_name(box))
        at = when_rules.parse_past(when, now_or(now).astimezone(zone), zone)
    contact = box.get(ref)
    item = Interaction(
        contact_id=contact.id or 0, kind=kind, at=at or now_or(now), text=text.strip()
    )
    with box.store.transaction(plain=True) as tx:
        new_id = tx.followups.add_interaction(item)
    done: list[Reminder] = []
    if complete_open:
        current = now_or(now)
        with box.store.reader() as reader:
            open_now = reader.followups.reminders(contact_id=item.contact_id)
        for r in open_now:
            if due_soon(r.due, current) and r.id is not None:
                done.append(complete(box, r.id, now=now))
    return replace(item, id=new_id), done


def set_cadence(box: CardBox, ref: str | int, cadence: str) -> Contact:
    """Give a contact its own keep-in-touch cadence (``60d``, ``3m``); empty clears it."""
    if cadence:
        when_rules.parse_cadence(cadence)
    contact = box.get(ref)
    with box.store.transaction(plain=True) as tx:
        tx.followups.set_contact_cadence(contact.id or 0, cadence)
    return box.get(contact.id or 0)


def set_default_cadence(box: CardBox, kind: str, key: str, cadence: str) -> None:
    """A default cadence for everyone with a tag, or in an industry (and its sub-industries)."""
    if cadence:
        when_rules.parse_cadence(cadence)
    if kind == "industry":
        from cardbox.domain import industry as industry_rules

        key = industry_rules.resolve(box.store.taxonomy().values(), key).code
    else:
        key = normalise(key)
    with box.store.transaction(plain=True) as tx:
        tx.followups.set_cadence_default(kind, key, cadence)


def calendar(box: CardBox, query: str) -> tuple[str, int]:
    """The open reminders (and known birthdays) of the selected contacts as iCalendar text,
    and how many reminders it holds."""
    from cardbox.formats.ics import write_calendar

    selected = {c.id: c for c in box.selected(query)}
    with box.store.reader() as reader:
        reminders = [r for r in reader.followups.reminders() if r.contact_id in selected]
    return write_calendar(reminders, selected, stamp=datetime.now(UTC)), len(reminders)


def export_ics(box: CardBox, query: str, target: Path, *, overwrite: bool = False) -> int:
    """Write the open reminders (and known birthdays) of the selected contacts as iCalendar
    (the file the user named: with ``overwrite`` a symlink there is written through)."""
    text, count = calendar(box, query)
    atomic_write(target, text.encode("utf-8"), overwrite=overwrite, follow_links=True)
    return count
