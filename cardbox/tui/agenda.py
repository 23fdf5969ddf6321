"""The agenda: what is overdue, due today and coming up; shown at start when anything is due.

A table of follow-ups: ``d`` marks a reminder done (a repeating one moves on), ``s`` snoozes it
a day, ``enter`` jumps to the contact, ``escape`` closes.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from cardbox.box import CardBox
from cardbox.domain.errors import CardboxError
from cardbox.followups import Agenda, Item, agenda, complete, snooze
from cardbox.tui.render import literal

SHOWN = 30
"""Lines shown per section (`cardbox due --limit 0` lists everything)."""


def agenda_items(found: Agenda) -> list[tuple[str, Item]]:
    """The items shown, with their section, at most `SHOWN` per section."""
    sections = (("Overdue", found.overdue), ("Today", found.today), ("Coming up", found.upcoming))
    return [(title, item) for title, items in sections for item in items[:SHOWN]]


def summary(found: Agenda) -> Text:
    parts = [
        f"{len(items)} {name}"
        for name, items in (
            ("overdue", found.overdue),
            ("today", found.today),
            ("coming up", found.upcoming),
        )
        if items
    ]
    return Text(
        "Follow-ups: " + (", ".join(parts) if parts else "nothing due this week"), style="bold"
    )


class AgendaScreen(ModalScreen[int | None]):
    """The agenda; dismissed with the id of a contact to jump to, or None."""

    CSS_PATH = "agenda.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("d", "done", "Done"),
        Binding("s", "snooze", "Snooze 1 day"),
        Binding("enter", "jump", "Go to contact", priority=True),
    ]

    def __init__(self, box: CardBox, found: Agenda) -> None:
        super().__init__()
        self._box = box
        self._agenda = found
        self._items: list[Item] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="agenda"):
            yield Static(id="agenda-title")
            table: DataTable[object] = DataTable(id="agenda-table", cursor_type="row")
            yield table
            yield Static(id="agenda-status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#agenda-table", DataTable)
        table.add_columns("", "When", "Name", "Company", "What")
        self._fill()
        table.focus()

    def _fill(self) -> None:
        table = self.query_one("#agenda-table", DataTable)
        table.clear()
        self.query_one("#agenda-title", Static).update(summary(self._agenda))
        shown = agenda_items(self._agenda)
        self._items = [item for _, item in shown]
        for n, (section, item) in enumerate(shown):
            table.add_row(
                Text(section, style="dim"),
                Text(item.due.strftime("%m-%d %H:%M")),
                literal(item.contact.name),
                literal(item.contact.company),
                literal(item.note),
                key=str(n),
            )

    def _current(self) -> Item | None:
        table = self.query_one("#agenda-table", DataTable)
        if not self._items or table.cursor_row >= len(self._items):
            return None
        return self._items[table.cursor_row]

    def _act(self, verb: str) -> None:
        item = self._current()
        status = self.query_one("#agenda-status", Static)
        if item is None or item.reminder_id is None:
            status.update(Text("Keep-in-touch lines close when you log a call or a meeting."))
            return
        try:
            if verb == "done":
                complete(self._box, item.reminder_id)
            else:
                snooze(self._box, item.reminder_id, "1d")
        except CardboxError as exc:
            status.update(literal(str(exc), "red"))
            return
        status.update(
            Text(f"{'Done' if verb == 'done' else 'Snoozed a day'}: ") + literal(item.contact.name)
        )
        self._agenda = agenda(self._box)
        self._fill()

    def action_done(self) -> None:
        self._act("done")

    def action_snooze(self) -> None:
        self._act("snooze")

    def action_jump(self) -> None:
        item = self._current()
        self.dismiss(item.contact.id if item is not None else None)

    def action_close(self) -> None:
        self.dismiss(None)
