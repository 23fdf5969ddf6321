"""The agenda (overdue, today, coming up) and the losing-touch list: what is due, read fast."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Final, NamedTuple
from zoneinfo import ZoneInfo

from cardbox.domain import dates as when_rules
from cardbox.domain.errors import InvalidInput
from cardbox.domain.followups import industry_cadences
from cardbox.domain.model import Contact
from cardbox.services.box import CardBox
from cardbox.services.followups.reminders import now_or, zone_name
from cardbox.store import followups as rows


@dataclass(frozen=True)
class Item:
    """One line of the agenda."""

    due: datetime
    kind: str
    """``reminder``, ``cadence`` (keep in touch) or ``birthday`` (due at 00:00 that day)."""
    contact: Contact
    note: str = ""
    """The reminder's note; for the other kinds a short English description (for the CLI)."""
    reminder_id: int | None = None
    every_days: int | None = None
    """A keep-in-touch line's cadence, in days."""
    last: datetime | None = None
    """A keep-in-touch line's last logged interaction (None: never)."""
    age: int | None = None
    """The age a birthday turns, when the year of birth is known."""


SECTIONS: Final = ("overdue", "today", "upcoming")


@dataclass
class Agenda:
    """What is overdue, due today, and coming up (each at most the asked limit, soonest first)."""

    now: datetime
    overdue: list[Item] = field(default_factory=list)
    today: list[Item] = field(default_factory=list)
    upcoming: list[Item] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    """How many lines each section has in all (more than its list holds when limited)."""

    def total(self, section: str) -> int:
        """How many lines ``section`` (``overdue``, ``today``, ``upcoming``) has in all."""
        items: list[Item] = getattr(self, section)
        return self.totals.get(section, len(items))


class _Line(NamedTuple):
    due: datetime
    contact_id: int
    kind: str
    person: rows.Person
    note: str = ""
    reminder_id: int | None = None
    every_days: int | None = None
    last: datetime | None = None
    age: int | None = None


def agenda(
    box: CardBox, *, days: int = 7, now: datetime | None = None, limit: int | None = None
) -> Agenda:
    """Reminders, keep-in-touch cadences and birthdays: overdue, today, and the next ``days``
    days, soonest first; at most ``limit`` lines per section (the totals count them all).

    A birthday is never overdue: it is today's or coming up. Each line is read with its
    contact's names and company in one query, so the agenda of a big box costs a few queries.
    """
    zone = ZoneInfo(zone_name(box))
    current = now_or(now).astimezone(zone)
    end_of_today = datetime.combine(current.date() + timedelta(days=1), datetime.min.time(), zone)
    horizon = end_of_today + timedelta(days=days)
    bounds = {
        "overdue": (None, current),
        "today": (current, end_of_today),
        "upcoming": (end_of_today, horizon),
    }
    lines: dict[str, list[_Line]] = {}
    totals: dict[str, int] = {}
    for name, (after, before) in bounds.items():
        with box.store.reader() as r:
            found, totals[name] = r.followups.open_due(after, before, limit)
        lines[name] = [
            _Line(due, int(str(who[0])), "reminder", who, note, rid)
            for rid, due, note, who in found
        ]
    for line in _cadence_lines(box, horizon) + _birthday_lines(box, current.date(), days, zone):
        if line.kind == "birthday":
            name = "today" if line.due.date() == current.date() else "upcoming"
        elif line.due < current:
            name = "overdue"
        else:
            name = "today" if line.due < end_of_today else "upcoming"
        lines[name].append(line)
        totals[name] += 1
    result = Agenda(now=current, totals=totals)
    contacts: dict[int, Contact] = {}
    for name in SECTIONS:
        shown = sorted(lines[name], key=lambda line: (line.due, line.contact_id, line.kind))
        target: list[Item] = getattr(result, name)
        for line in shown if limit is None else shown[:limit]:
            contact = contacts.get(line.contact_id)
            if contact is None:
                contact = contacts[line.contact_id] = rows.person(line.person)
            target.append(_item(line, contact, zone))
    return result


def _item(line: _Line, contact: Contact, zone: ZoneInfo) -> Item:
    note = line.note
    if line.kind == "cadence" and line.every_days is not None:
        seen = f"last {line.last.astimezone(zone).date().isoformat()}" if line.last else None
        note = f"keep in touch {when_rules.Cadence(line.every_days)}; {seen or 'never logged'}"
    elif line.kind == "birthday":
        note = "birthday" + (f" ({line.age})" if line.age is not None else "")
    return Item(
        due=line.due.astimezone(zone),
        kind=line.kind,
        contact=contact,
        note=note,
        reminder_id=line.reminder_id,
        every_days=line.every_days,
        last=line.last.astimezone(zone) if line.last else None,
        age=line.age,
    )


def _cadence_days(text: str) -> int | None:
    try:
        return when_rules.parse_cadence(text).days
    except InvalidInput:
        return None


def _cadence_rows(
    box: CardBox, until: datetime
) -> list[tuple[int, datetime | None, datetime, rows.Person]]:
    """Everyone whose keep-in-touch contact is due by ``until``: (cadence in days, last
    interaction, due, the person). The database chooses each one's cadence and filters."""
    with box.store.reader() as r:
        defaults = r.followups.cadence_defaults()
        own = {t: d for t in r.followups.own_cadences() if (d := _cadence_days(t))}
    tags = {k: d for kind, k, c in defaults if kind == "tag" and (d := _cadence_days(c))}
    by_code = {k: d for kind, k, c in defaults if kind == "industry" and (d := _cadence_days(c))}
    if not (own or tags or by_code):
        return []
    industries: dict[str, int] = {}
    if by_code:  # a default for an industry covers its sub-industries; the nearest one wins
        taxonomy = box.store.taxonomy()
        industries = industry_cadences(by_code, {c: n.parent for c, n in taxonomy.items()})
    with box.store.reader() as r:
        found = r.followups.cadence_due(own, tags, industries, until)
    out = []
    for every, created, last, who in found:
        due = when_rules.next_due(when_rules.Cadence(every), last, created)
        if due <= until:
            out.append((every, last, due, who))
    return out


def _cadence_lines(box: CardBox, horizon: datetime) -> list[_Line]:
    return [
        _Line(due, int(str(who[0])), "cadence", who, every_days=every, last=last)
        for every, last, due, who in _cadence_rows(box, horizon)
    ]


def _birthday_lines(box: CardBox, today: date, days: int, zone: ZoneInfo) -> list[_Line]:
    """Birthdays from today to ``days`` days ahead (29 February: see `when.next_birthday`)."""
    last_day = today + timedelta(days=days)
    month_days = {(today + timedelta(days=n)).strftime("%m-%d") for n in range(min(days, 366) + 1)}
    month_days.add("02-29")
    out: list[_Line] = []
    with box.store.reader() as r:
        born = r.followups.birthdays_on(sorted(month_days))
    for text, who in born:
        try:
            day = when_rules.next_birthday(text, today)
        except InvalidInput:
            continue
        if day <= last_day:
            at = datetime.combine(day, datetime.min.time(), zone)
            age = when_rules.age_on(text, day)
            out.append(_Line(at, int(str(who[0])), "birthday", who, age=age))
    return out


@dataclass(frozen=True)
class Drift:
    """Someone past their keep-in-touch cadence."""

    contact: Contact
    every_days: int
    last: datetime | None
    """The last logged interaction (None: never; the clock then counts from the card's creation)."""
    due: datetime
    now: datetime

    @property
    def over(self) -> timedelta:
        """How long past due."""
        return self.now - self.due

    @property
    def ratio(self) -> float:
        """How far past due, in cadences (0.5: half a cadence late)."""
        return self.over / timedelta(days=self.every_days)


def losing_touch(
    box: CardBox, *, now: datetime | None = None, limit: int | None = None
) -> tuple[list[Drift], int]:
    """Who is past their keep-in-touch cadence, worst first: most overdue relative to the
    cadence (30 days late on a 30-day cadence comes before 40 days late on a 90-day one), then
    most days late. At most ``limit``; also returns how many there are in all."""
    zone = ZoneInfo(zone_name(box))
    current = now_or(now).astimezone(zone)
    late = [row for row in _cadence_rows(box, current) if row[2] < current]
    late.sort(key=lambda r: (-(current - r[2]) / timedelta(days=r[0]), r[2], int(str(r[3][0]))))
    shown = late if limit is None else late[:limit]
    drifts = [
        Drift(
            rows.person(who), every, last and last.astimezone(zone), due.astimezone(zone), current
        )
        for every, last, due, who in shown
    ]
    return drifts, len(late)
