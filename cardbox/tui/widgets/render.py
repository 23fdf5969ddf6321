"""Contact data to Rich `Text`: always literal, never markup, never terminal control."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from cardbox.domain.companies import JobChange
from cardbox.domain.dates import describe_rule
from cardbox.domain.followups import default_note_event
from cardbox.domain.model import Address, Contact, Industry, Interaction, Reminder
from cardbox.domain.phones import pretty
from cardbox.domain.text import printable
from cardbox.tui.i18n import _, industry_names, language

if TYPE_CHECKING:
    from cardbox.services.companies import CompanyView

_CONSOLE = Console(width=200, color_system=None, legacy_windows=False)
"""Only measures text for wrapping (nothing is printed)."""


def note_text(note: str) -> str:
    """A reminder's note as shown: a default note (``follow up after 交流会``, which the box
    stores in English) in the UI's language, any other note as written."""
    event = default_note_event(note)
    if event is None:
        return note
    return _("follow up after {event}").format(event=event) if event else _("follow up")


def literal(text: str, style: str = "") -> Text:
    """A `Text` that shows ``text`` exactly (no markup), with control characters made visible."""
    return Text(printable(text), style=style, no_wrap=True, overflow="ellipsis")


def detail(
    c: Contact,
    taxonomy: Mapping[str, Industry],
    *,
    interactions: Sequence[Interaction] = (),
    reminders: Sequence[Reminder] = (),
    extra: Sequence[Text] = (),
    zone: ZoneInfo | None = None,
    width: int = 0,
) -> Text:
    """Everything about a contact, for the detail pane: fields, where they were met and what
    was talked about, open reminders, the interaction log (newest first) and notes. Times are
    shown in ``zone`` (the box's); a reminder set in another zone says which.

    With the pane's ``width`` (in cells), values are wrapped under themselves, indented past
    their labels; a phone number is never broken, and each line of a value keeps its line."""
    out = Text()
    out.append(printable(c.name), style="bold")
    out.append("\n")
    if c.reading:
        out.append(printable(c.reading), style="italic")
        if not c.reading_confirmed:
            out.append("  " + _("(suggested)"), style="dim")
        out.append("\n")
    out.append("\n")

    # A pane too narrow for a phone number beside its label (80 columns) puts values under
    # their labels, indented by two cells.
    indent = 2 if 0 < width - LABEL < NARROW else LABEL

    def row(label: str, value: str, whole: Sequence[str] = ()) -> None:
        if not value:
            return
        out.append(pad(label, LABEL) if indent == LABEL else label + "\n", style="dim")
        if indent != LABEL:
            out.append(" " * indent)
        lines = hanging(value, width - indent if width > indent else 0, whole)
        out.append(("\n" + " " * indent).join(lines))
        out.append("\n")

    row(_("Company"), c.company + (f" ({c.company_reading})" if c.company_reading else ""))
    row(_("Department"), c.department)
    row(_("Title"), c.title)
    for p in c.phones:
        shown = pretty(p.e164) if p.e164 else _("(unchecked)")
        row(
            "☎ " + (p.label or _("phone")),
            f"{p.text}  {shown}" if shown != p.text else p.text,
            whole=(p.text, shown),
        )
    for e in c.emails:
        row("✉ " + (e.label or _("e-mail")), e.address)
    for a in c.addresses:
        row(_("Address"), address_lines(a))
    for u in c.urls:
        row("URL", u.url)
    row(_("Birthday"), c.birthday)
    for m in c.meetings:
        order = f" #{m.position}" if m.position else ""
        row(_("Met at"), f"{m.event}{order}" + (f": {m.talked_about}" if m.talked_about else ""))
    row(
        _("Industry"),
        ", ".join(industry_names(taxonomy[i]) if i in taxonomy else i for i in c.industries),
    )
    row(_("Tags"), ", ".join(c.tags))
    row(_("Cadence"), c.cadence)
    for part in extra:
        out.append("\n")
        out.append_text(part)
    if reminders:
        out.append("\n")
        out.append(_("Reminders"), style="bold")
        out.append("\n")
        for r in reminders:
            due = local(r.due, zone).strftime("%Y-%m-%d %H:%M")
            again = f"  ↻ {repeats(r.rule)}" if r.rule else ""
            row(due, note_text(r.note) + again + set_in(r, zone))
    if interactions:
        out.append("\n")
        out.append(_("History"), style="bold")
        out.append("\n")
        for i in sorted(interactions, key=lambda i: i.at, reverse=True)[:20]:
            row(
                local(i.at, zone).strftime("%Y-%m-%d"),
                f"{kind_name(i.kind)}" + (f": {i.text}" if i.text else ""),
            )
    if c.notes:
        out.append("\n")
        out.append(printable(c.notes, lines=True))
    return out


def local(when: datetime, zone: ZoneInfo | None) -> datetime:
    """``when`` in ``zone`` (the box's), as every screen shows times."""
    return when.astimezone(zone) if zone is not None else when


def repeats(rule: str) -> str:
    """How a reminder repeats, in words of the UI language (``every 3 months``, ``3か月ごと``)."""
    return describe_rule(rule, language())


def set_in(r: Reminder, zone: ZoneInfo | None) -> str:
    """``  (set in Etc/UTC)`` for a reminder set in another zone than the box's (before the
    box's zone was set), else empty."""
    if zone is None or r.zone == zone.key:
        return ""
    return "  " + _("(set in {zone})").format(zone=r.zone)


LABEL = 12
"""Cells of the labels' column in the detail pane."""
NARROW = 17
"""Cells a value needs beside its label (``+81 70-5555-0147``); in a narrower pane values go
under their labels."""


def hanging(value: str, room: int, whole: Sequence[str] = ()) -> list[str]:
    """``value`` as lines at most ``room`` cells wide (0: as it is), each of its own lines
    kept; broken between words, never inside one of the ``whole`` parts (phone numbers), which
    go on a line of their own when they do not fit together."""
    out: list[str] = []
    for line in printable(value, lines=True).split("\n"):
        if not room or cell_len(line) <= room:
            out.append(line)
        elif whole and all(part in line for part in whole):
            for part in whole:  # each on a line of its own; one too long breaks at its spaces
                if cell_len(part) <= room:
                    out.append(part)
                else:
                    out.extend(p.plain.rstrip() for p in Text(part).wrap(_CONSOLE, room))
        else:
            wrapped = Text(line).wrap(_CONSOLE, room, overflow="fold")
            out.extend(piece.plain.rstrip() for piece in wrapped)
    return out


def pad(label: str, width: int) -> str:
    """``label`` padded to ``width`` terminal cells (wide characters count two)."""
    return label + " " * max(1, width - cell_len(label))


def address_lines(a: Address) -> str:
    """An address as the detail pane shows it: on one line, or on the lines it was written on
    (a street typed over several lines keeps them)."""
    return a.one_line()


def kind_name(kind: str) -> str:
    """An interaction kind in the UI language."""
    names = {
        "met": _("met"),
        "call": _("call"),
        "email": _("e-mail"),
        "meeting": _("meeting"),
        "message": _("message"),
        "note": _("note"),
    }
    return names.get(kind, kind)


def job_history(changes: Sequence[JobChange]) -> Text:
    """A contact's job history for the detail pane (pass it in ``detail(extra=...)``): one line
    per change, oldest first, ``2026-11-24  株式会社サクラ 部長 → ABC株式会社 取締役``. Empty
    `Text` when there is none."""
    out = Text()
    if not changes:
        return out
    out.append(_("Job history"), style="bold")
    for change in changes:
        out.append("\n")
        out.append(pad(change.at.strftime("%Y-%m-%d") if change.at else "?", 12), style="dim")
        out.append(printable(change.old.describe() or "-"), style="dim")
        out.append(" → ")
        out.append(printable(change.new.describe()))
    return out


def company(view: CompanyView, taxonomy: Mapping[str, Industry] | None = None) -> Text:
    """A company for a company view (`cardbox.services.companies.company_view`): name and reading,
    industry, everyone known there with title and where they were met, and past people."""
    out = Text()
    out.append(printable(view.name), style="bold")
    out.append("\n")
    if view.reading:
        out.append(printable(view.reading), style="italic")
        if view.reading_source == "suggested":
            out.append("  " + _("(suggested)"), style="dim")
        out.append("\n")
    if view.industry:
        out.append(pad(_("Industry"), 12), style="dim")
        known = (taxonomy or {}).get(view.industry)
        out.append(printable(industry_names(known) if known is not None else view.industry_name))
        if not view.industry_set:
            out.append("  " + _("(most common among its people)"), style="dim")
        out.append("\n")
    out.append("\n")
    out.append(_("People ({count})").format(count=len(view.people)), style="bold")
    for p in view.people:
        out.append("\n")
        out.append(printable(p.name))
        role = " ".join(x for x in (p.department, p.title) if x)
        if role:
            out.append("  " + printable(role), style="dim")
        for m in p.met:
            out.append("\n    ")
            out.append(_("met at") + " ", style="dim")
            out.append(printable(m.event))
            if m.date:
                out.append(f" ({m.date.isoformat()})", style="dim")
            if m.talked_about:
                out.append(": " + printable(m.talked_about))
    if view.past:
        out.append("\n\n")
        out.append(_("Past people ({count})").format(count=len(view.past)), style="bold")
        for past in view.past:
            out.append("\n")
            out.append(printable(past.name))
            out.append("  " + printable(past.change.old.title), style="dim")
            out.append(" → ")
            out.append(printable(past.change.new.describe()))
    return out
