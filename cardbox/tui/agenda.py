"""The agenda: what is overdue, due today and coming up, shown at start when anything is due."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from cardbox.followups import Agenda, Item
from cardbox.tui.render import literal

SHOWN = 30
"""Lines shown per section (`cardbox due --limit 0` lists everything)."""


def agenda_text(agenda: Agenda) -> Text:
    """The agenda as literal text (contact data is never markup)."""
    out = Text()
    sections: tuple[tuple[str, list[Item]], ...] = (
        ("Overdue", agenda.overdue),
        ("Today", agenda.today),
        ("Coming up", agenda.upcoming),
    )
    for title, items in sections:
        if not items:
            continue
        out.append(f"{title} ({len(items)})\n", style="bold")
        for item in items[:SHOWN]:
            out.append(item.due.strftime("%m-%d %H:%M  "), style="dim")
            out.append_text(literal(item.contact.name))
            if item.contact.company:
                out.append("  ")
                out.append_text(literal(item.contact.company, "italic"))
            if item.note:
                out.append("  ")
                out.append_text(literal(item.note))
            out.append("\n")
        if len(items) > SHOWN:
            out.append(f"… and {len(items) - SHOWN} more (cardbox due --limit 0)\n", style="dim")
        out.append("\n")
    if not out.plain:
        out.append("Nothing due this week.")
    return out


class AgendaScreen(ModalScreen[None]):
    """A dialog with the agenda; escape or enter closes it."""

    CSS_PATH = "agenda.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("enter", "close", "Close", show=False),
    ]

    def __init__(self, agenda: Agenda) -> None:
        super().__init__()
        self._agenda = agenda

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="agenda"):
            yield Static(Text("Follow-ups", style="bold underline"), id="agenda-title")
            yield Static(agenda_text(self._agenda), id="agenda-body")

    def action_close(self) -> None:
        self.dismiss(None)
