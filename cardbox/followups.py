"""Follow-ups: reminders, the interaction log, keep-in-touch cadences and the agenda.

The service behind ``cardbox remind``, ``done``, ``snooze``, ``log``, ``cadence`` and ``due``.
Times people type are read by `cardbox.domain.when` in the box's zone; recurring reminders keep
their wall time in the zone they were set in. Each occurrence of a reminder is recorded once
when it is done or snoozed (a unique key in the store), so nothing fires twice, and a reminder
whose time passed while the app was closed is simply overdue: none is lost.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from cardbox.box import CardBox, valid_zone
from cardbox.domain import when as when_rules
from cardbox.domain.errors import InvalidInput, NotFound
from cardbox.domain.model import INTERACTION_KINDS, Contact, Interaction, Reminder
from cardbox.domain.text import normalise
from cardbox.safefile import atomic_write
from cardbox.store import followups as rows
from cardbox.store.read import summaries


def zone_name(box: CardBox) -> str:
    """The box's time zone (see `CardBox.zone`)."""
    return box.zone


def set_zone(box: CardBox, name: str) -> str:
    """Store the box's time zone (an IANA name such as ``Asia/Tokyo``)."""
    if not valid_zone(name):
        raise InvalidInput(f"unknown time zone {name!r}: use an IANA name such as Asia/Tokyo")
    box.store.set_setting("zone", name)
    return name


def _now(now: datetime | None) -> datetime:
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
    due = when_rules.parse_when(when, _now(now).astimezone(zone), zone)
    rule = when_rules.parse_every(every).rule if every else None
    reminder = Reminder(
        contact_id=contact.id or 0, due=due, zone=zone.key, note=note.strip(), rule=rule, start=due
    )
    new_id = box.store.transact(lambda conn: rows.add_reminder(conn, reminder, _now(now)))
    return replace(reminder, id=new_id)


def get_reminder(box: CardBox, reminder_id: int) -> Reminder:
    found = box.store.read(lambda conn: rows.reminder(conn, reminder_id))
    if found is None:
        raise NotFound(f"no reminder #{reminder_id} (see `cardbox reminders`)")
    return found


def complete(box: CardBox, reminder_id: int, *, now: datetime | None = None) -> Reminder:
    """Mark the current occurrence done: a recurring reminder moves to its next occurrence.

    Raises:
        NotFound: no such reminder.
        InvalidInput: it is already done.
    """
    at = _now(now)

    def work(conn: sqlite3.Connection) -> Reminder:
        current = rows.reminder(conn, reminder_id)
        if current is None:
            raise NotFound(f"no reminder #{reminder_id} (see `cardbox reminders`)")
        if current.done is not None:
            raise InvalidInput(f"reminder #{reminder_id} is already done")
        rows.log_reminder(conn, reminder_id, "done", current.due, at)
        if current.rule:
            following = when_rules.next_after(
                current.rule, current.start or current.due, current.due
            )
            if following is not None:
                rows.move_reminder(conn, reminder_id, following)
                return replace(current, due=following)
        rows.finish_reminder(conn, reminder_id, at)
        return replace(current, done=at)

    return box.store.transact(work)


def snooze(box: CardBox, reminder_id: int, until: str, *, now: datetime | None = None) -> Reminder:
    """Move a reminder's current occurrence to a later time (``1d``, ``tomorrow 10:00`` ...)."""
    current = get_reminder(box, reminder_id)
    if current.done is not None:
        raise InvalidInput(f"reminder #{reminder_id} is already done")
    zone = ZoneInfo(current.zone)
    due = when_rules.parse_when(until, _now(now).astimezone(zone), zone)

    def work(conn: sqlite3.Connection) -> None:
        rows.log_reminder(conn, reminder_id, "snoozed", current.due, _now(now))
        rows.move_reminder(conn, reminder_id, due)

    box.store.transact(work)
    return replace(current, due=due)


def log(
    box: CardBox,
    ref: str | int,
    kind: str,
    text: str = "",
    *,
    at: datetime | None = None,
    complete_open: bool = False,
    now: datetime | None = None,
) -> tuple[Interaction, list[Reminder]]:
    """Log an interaction (it resets the keep-in-touch clock); optionally complete the
    contact's open reminders that are due by now. Returns the interaction and what it completed.
    """
    kind = kind.strip().lower()
    if kind not in INTERACTION_KINDS:
        raise InvalidInput(f"unknown kind {kind!r}: use one of {', '.join(INTERACTION_KINDS)}")
    contact = box.get(ref)
    item = Interaction(contact_id=contact.id or 0, kind=kind, at=at or _now(now), text=text.strip())
    new_id = box.store.transact(lambda conn: rows.add_interaction(conn, item))
    done: list[Reminder] = []
    if complete_open:
        horizon = _now(now) + timedelta(days=1)
        for r in box.store.read(lambda conn: rows.reminders(conn, contact_id=item.contact_id)):
            if r.due <= horizon and r.id is not None:
                done.append(complete(box, r.id, now=now))
    return replace(item, id=new_id), done


def set_cadence(box: CardBox, ref: str | int, cadence: str) -> Contact:
    """Give a contact its own keep-in-touch cadence (``60d``, ``3m``); empty clears it."""
    if cadence:
        when_rules.parse_cadence(cadence)
    contact = box.get(ref)
    box.store.transact(lambda conn: rows.set_contact_cadence(conn, contact.id or 0, cadence))
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
    box.store.transact(lambda conn: rows.set_cadence_default(conn, kind, key, cadence))


@dataclass(frozen=True)
class Item:
    """One line of the agenda."""

    due: datetime
    kind: str
    """``reminder``, ``cadence`` (keep in touch) or ``birthday``."""
    contact: Contact
    note: str = ""
    reminder_id: int | None = None


@dataclass
class Agenda:
    """What is overdue, due today, and coming up."""

    now: datetime
    overdue: list[Item] = field(default_factory=list)
    today: list[Item] = field(default_factory=list)
    upcoming: list[Item] = field(default_factory=list)


def agenda(box: CardBox, *, days: int = 7, now: datetime | None = None) -> Agenda:
    """Reminders, keep-in-touch cadences and birthdays, overdue first, up to ``days`` ahead."""
    zone = ZoneInfo(zone_name(box))
    current = _now(now).astimezone(zone)
    end_of_today = datetime.combine(current.date() + timedelta(days=1), datetime.min.time(), zone)
    horizon = end_of_today + timedelta(days=days)
    items: list[tuple[datetime, str, int, str, int | None]] = []
    for r in box.store.read(lambda conn: rows.reminders(conn, until=horizon)):
        items.append((r.due, "reminder", r.contact_id, r.note, r.id))
    items += _cadence_items(box, horizon)
    wanted = sorted({cid for _, _, cid, _, _ in items})
    contacts = {c.id: c for c in box.store.read(lambda conn: summaries(conn, wanted))}
    result = Agenda(now=current)
    for due, kind, cid, note, rid in sorted(items, key=lambda i: (i[0], i[2])):
        contact = contacts.get(cid)
        if contact is None:
            continue
        item = Item(
            due=due.astimezone(zone), kind=kind, contact=contact, note=note, reminder_id=rid
        )
        if due < current:
            result.overdue.append(item)
        elif due < end_of_today:
            result.today.append(item)
        else:
            result.upcoming.append(item)
    return result


def _cadence_items(
    box: CardBox, horizon: datetime
) -> list[tuple[datetime, str, int, str, int | None]]:
    defaults = box.store.read(rows.cadence_defaults)
    candidates = box.store.read(rows.cadence_candidates)
    if not candidates:
        return []
    by_tag = {k: c for kind, k, c in defaults if kind == "tag"}
    by_industry = {k: c for kind, k, c in defaults if kind == "industry"}
    last = box.store.read(lambda conn: rows.last_contact(conn, [c[0] for c in candidates]))
    out: list[tuple[datetime, str, int, str, int | None]] = []
    cadences = {
        text: when_rules.parse_cadence(text) for text in {*by_tag.values(), *by_industry.values()}
    }
    for cid, own, created, tags, codes in candidates:
        chosen = own or next(
            (by_tag[t] for t in tags if t in by_tag),
            next((by_industry[c] for c in codes if c in by_industry), ""),
        )
        if not chosen:
            continue
        if chosen not in cadences:
            cadences[chosen] = when_rules.parse_cadence(chosen)
        due = when_rules.next_due(cadences[chosen], last.get(cid), created)
        if due <= horizon:
            seen = last.get(cid)
            note = f"keep in touch every {chosen}" + (
                f"; last {seen.date().isoformat()}" if seen else "; never logged"
            )
            out.append((due, "cadence", cid, note, None))
    return out


def export_ics(box: CardBox, query: str, target: Path, *, overwrite: bool = False) -> int:
    """Write the open reminders (and known birthdays) of the selected contacts as iCalendar."""
    from cardbox.formats.ics import write_calendar

    selected = {c.id: c for c in box.selected(query)}
    reminders = [
        r for r in box.store.read(lambda conn: rows.reminders(conn)) if r.contact_id in selected
    ]
    text = write_calendar(reminders, selected, stamp=datetime.now(UTC))
    atomic_write(target, text.encode("utf-8"), overwrite=overwrite)
    return len(reminders)
