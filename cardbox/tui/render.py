"""Contact data to Rich `Text`: always literal, never markup, never terminal control."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text

from cardbox.domain.model import Contact, Industry
from cardbox.domain.phones import pretty
from cardbox.domain.text import printable


def literal(text: str, style: str = "") -> Text:
    """A `Text` that shows ``text`` exactly (no markup), with control characters made visible."""
    return Text(printable(text), style=style, no_wrap=True, overflow="ellipsis")


def detail(c: Contact, taxonomy: Mapping[str, Industry]) -> Text:
    """Everything about a contact, for the detail pane."""
    out = Text()
    out.append(printable(c.name), style="bold")
    out.append("\n")
    if c.reading:
        out.append(printable(c.reading), style="italic")
        if not c.reading_confirmed:
            out.append("  (suggested)", style="dim")
        out.append("\n")
    out.append("\n")

    def row(label: str, value: str) -> None:
        if value:
            out.append(f"{label:<10} ", style="dim")
            out.append(printable(value, lines=True))
            out.append("\n")

    row("Company", c.company)
    row("Dept.", c.department)
    row("Title", c.title)
    for p in c.phones:
        row(f"☎ {p.label}"[:10], f"{p.text}  {pretty(p.e164)}")
    for e in c.emails:
        row(f"✉ {e.label}"[:10], e.address)
    for a in c.addresses:
        row("Address", a.one_line())
    for u in c.urls:
        row("URL", u.url)
    for m in c.meetings:
        order = f" #{m.position}" if m.position else ""
        row("Met at", f"{m.event}{order}" + (f": {m.talked_about}" if m.talked_about else ""))
    row("Industry", ", ".join(taxonomy[i].name if i in taxonomy else i for i in c.industries))
    row("Tags", ", ".join(c.tags))
    if c.notes:
        out.append("\n")
        out.append(printable(c.notes, lines=True))
    return out
