"""Contact data to Rich `Text`: always literal, never markup, never terminal control."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.cells import cell_len
from rich.text import Text

from cardbox.domain.model import Contact, Industry, Interaction, Reminder
from cardbox.domain.phones import pretty
from cardbox.domain.text import printable
from cardbox.tui.i18n import _


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
) -> Text:
    """Everything about a contact, for the detail pane: fields, where they were met and what
    was talked about, open reminders, the interaction log (newest first) and notes."""
    out = Text()
    out.append(printable(c.name), style="bold")
    out.append("\n")
    if c.reading:
        out.append(printable(c.reading), style="italic")
        if not c.reading_confirmed:
            out.append("  " + _("(suggested)"), style="dim")
        out.append("\n")
    out.append("\n")

    def row(label: str, value: str) -> None:
        if value:
            out.append(pad(label, 12), style="dim")
            out.append(printable(value, lines=True))
            out.append("\n")

    row(_("Company"), c.company + (f" ({c.company_reading})" if c.company_reading else ""))
    row(_("Department"), c.department)
    row(_("Title"), c.title)
    for p in c.phones:
        row("☎ " + (p.label or _("phone")), f"{p.text}  {pretty(p.e164)}")
    for e in c.emails:
        row("✉ " + (e.label or _("e-mail")), e.address)
    for a in c.addresses:
        row(_("Address"), a.one_line())
    for u in c.urls:
        row("URL", u.url)
    row(_("Birthday"), c.birthday)
    for m in c.meetings:
        order = f" #{m.position}" if m.position else ""
        row(_("Met at"), f"{m.event}{order}" + (f": {m.talked_about}" if m.talked_about else ""))
    row(_("Industry"), ", ".join(taxonomy[i].name if i in taxonomy else i for i in c.industries))
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
            due = r.due.strftime("%Y-%m-%d %H:%M")
            again = f"  ↻ {r.rule}" if r.rule else ""
            row(due, (r.note or _("follow up")) + again)
    if interactions:
        out.append("\n")
        out.append(_("History"), style="bold")
        out.append("\n")
        for i in sorted(interactions, key=lambda i: i.at, reverse=True)[:20]:
            row(
                i.at.strftime("%Y-%m-%d"),
                f"{kind_name(i.kind)}" + (f": {i.text}" if i.text else ""),
            )
    if c.notes:
        out.append("\n")
        out.append(printable(c.notes, lines=True))
    return out


def pad(label: str, width: int) -> str:
    """``label`` padded to ``width`` terminal cells (wide characters count two)."""
    return label + " " * max(1, width - cell_len(label))


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
