"""The reminders screen: every open reminder, or one contact's, soonest first.

``d`` done, ``s`` snooze a day, ``S`` snooze to a typed time, ``r`` reschedule to a typed time,
``n`` a new reminder for the contact, ``L`` log a call, e-mail, meeting ..., ``h`` shows the
history of what was done, ``enter`` goes to the contact (the screen is dismissed with its id),
``escape`` closes. The list is read in a thread worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar
from zoneinfo import ZoneInfo

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Static

from cardbox.domain.errors import CardboxError
from cardbox.services import followups
from cardbox.services.box import CardBox
from cardbox.services.followups import Listed
from cardbox.tui.errors import describe
from cardbox.tui.i18n import N_, _
from cardbox.tui.jobs import alive
from cardbox.tui.screens.followup_base import FollowUpScreen, Target
from cardbox.tui.widgets.render import literal, note_text, repeats, set_in

SHOWN = 500
"""Open reminders shown at most (the status line says how many there are in all)."""


@dataclass(frozen=True)
class Loaded:
    """What one read of the list found."""

    lines: list[Listed]
    total: int
    name: str
    zone: str
    """The box's zone: every time is shown in it."""


class RemindersScreen(FollowUpScreen):
    """All open reminders, or those of ``contact_id``; dismissed with a contact id to go to, or
    None."""

    CSS_PATH = "reminders.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", N_("New reminder")),
        Binding("h", "history", N_("History")),
    ]

    def __init__(self, box: CardBox, contact_id: int | None = None) -> None:
        super().__init__(box)
        self.contact_id = contact_id
        self.show_history = False
        self._lines: list[Listed] = []
        self._contact_name = ""
        self._zone = box.zone

    def compose(self) -> ComposeResult:
        with Vertical(id="reminders"):
            yield Static(id="reminders-title")
            table: DataTable[object] = DataTable(id="reminders-table", cursor_type="row")
            yield table
            yield Static(id="reminders-status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#reminders-table", DataTable)
        table.add_columns(_("Due"), _("Name"), _("Company"), _("Note"), _("Repeats"))
        table.focus()
        self.reload()

    # -- reading --------------------------------------------------------------------------------

    def reload(self) -> None:
        self._load(self.show_history)

    @work(thread=True, exclusive=True, group="reminders-load")
    def _load(self, history: bool) -> None:
        try:
            lines, total = followups.open_reminders(self.box, self.contact_id, limit=SHOWN)
            if history:
                lines += followups.history(self.box, self.contact_id, limit=SHOWN)
            name = self.box.get(self.contact_id).name if self.contact_id is not None else ""
            zone = followups.zone_name(self.box)
        except CardboxError as exc:
            self.app.call_from_thread(alive(self, self.say), literal(describe(exc), "red"))
            return
        self.app.call_from_thread(alive(self, self._show), Loaded(lines, total, name, zone))

    def _show(self, loaded: Loaded) -> None:
        self._lines = loaded.lines
        self._zone = loaded.zone
        self._contact_name = loaded.name
        self.query_one("#reminders-title", Static).update(self._title(loaded))
        table = self.query_one("#reminders-table", DataTable)
        row = table.cursor_row
        table.clear()
        for n, line in enumerate(loaded.lines):
            table.add_row(*self._cells(line), key=str(n))
        if loaded.lines:
            table.move_cursor(row=min(row, len(loaded.lines) - 1))

    def _title(self, loaded: Loaded) -> Text:
        if self.contact_id is not None:
            text = _("Reminders of {name}: {count} open").format(
                name=loaded.name, count=loaded.total
            )
        else:
            text = _("Open reminders: {count}").format(count=loaded.total)
        title = literal(text, "bold")
        if loaded.total > SHOWN:
            title.append("  " + _("(the first {shown} shown)").format(shown=SHOWN), style="dim")
        if self.show_history:
            title.append("  " + _("with what was done (h hides it)"), style="dim")
        title.append("  " + _("times in {zone}").format(zone=loaded.zone), style="dim")
        return title

    def _cells(self, line: Listed) -> tuple[Text, ...]:
        r = line.reminder
        zone = ZoneInfo(self._zone)
        if line.done is not None and line.occurrence is not None:
            when = line.occurrence.astimezone(zone).strftime("%Y-%m-%d %H:%M")
            state = _("done {date}").format(date=line.done.astimezone(zone).strftime("%Y-%m-%d"))
            style = "dim"
        else:
            when = r.due.astimezone(zone).strftime("%Y-%m-%d %H:%M")
            state = (repeats(r.rule) if r.rule else "") + set_in(r, zone)
            style = ""
        return (
            Text(when, style=style),
            literal(line.contact.name, style),
            literal(line.contact.company, style),
            literal(note_text(r.note), style),
            Text(state, style=style or "dim"),
        )

    # -- acting ---------------------------------------------------------------------------------

    def target(self) -> Target | None:
        table = self.query_one("#reminders-table", DataTable)
        if not self._lines or not 0 <= table.cursor_row < len(self._lines):
            if self.contact_id is not None:  # n and L still work on an empty list
                return Target(self.contact_id, self._contact_name, kind="contact")
            return None
        line = self._lines[table.cursor_row]
        return Target(
            contact_id=line.contact.id or 0,
            name=line.contact.name,
            reminder_id=line.reminder.id,
            zone=self._zone,
            done=line.done is not None,
        )

    def say(self, message: Text) -> None:
        self.query_one("#reminders-status", Static).update(message)

    def action_new(self) -> None:
        t = self.target()
        if t is None:
            self.say(Text(_("No contact here: open the reminders from a contact to add one.")))
            return
        self.ask_reminder(t.contact_id, t.name)

    def action_history(self) -> None:
        self.show_history = not self.show_history
        self.reload()
