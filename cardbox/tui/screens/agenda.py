"""The agenda: what is overdue, due today and coming up (shown at start when anything is due), and
the losing-touch list (who is past their keep-in-touch cadence, worst first) on a second tab.

``l`` switches between the two. On a line: ``d`` done, ``s`` snooze a day, ``S`` snooze to a typed
time, ``r`` reschedule, ``n`` a new reminder for the contact, ``L`` log a call, e-mail, meeting
... (which resets the keep-in-touch clock), ``enter`` goes to the contact, ``escape`` closes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from cardbox.domain.errors import CardboxError
from cardbox.services.box import CardBox
from cardbox.services.followups import Agenda, Drift, Item, agenda, losing_touch
from cardbox.tui.errors import describe
from cardbox.tui.i18n import N_, _
from cardbox.tui.jobs import alive
from cardbox.tui.screens.followup_base import FollowUpScreen, Target
from cardbox.tui.widgets.render import literal, note_text

SHOWN = 30
"""Lines shown per section (`cardbox due --limit 0` lists everything)."""
SHOWN_LOSING = 200
"""People shown on the losing-touch tab (`cardbox losing-touch --limit 0` lists everyone)."""


def agenda_items(found: Agenda) -> list[tuple[str, Item]]:
    """The items shown, with their section's title, at most `SHOWN` per section."""
    sections = (
        (_("Overdue"), found.overdue),
        (_("Today"), found.today),
        (_("Coming up"), found.upcoming),
    )
    return [(title, item) for title, items in sections for item in items[:SHOWN]]


def summary(found: Agenda) -> Text:
    """The agenda's title line: how many lines each section has."""
    counts = {name: found.total(name) for name in ("overdue", "today", "upcoming")}
    if not any(counts.values()):
        return Text(_("Follow-ups: nothing due this week"), style="bold")
    text = _("Follow-ups: {overdue} overdue, {today} today, {upcoming} coming up")
    return Text(text.format(**counts), style="bold")


def what(item: Item) -> Text:
    """The "what" of an agenda line: the reminder's note, or what the line is about."""
    if item.kind == "cadence":
        if item.last is None:
            text = _("Keep in touch every {days} days; never logged")
        else:
            text = _("Keep in touch every {days} days; last {date}")
        day = item.last.astimezone(item.due.tzinfo).date().isoformat() if item.last else ""
        return Text(text.format(days=item.every_days, date=day), style="italic")
    if item.kind == "birthday":
        if item.age is None:
            return Text(_("Birthday"), style="italic")
        return Text(_("Birthday: turns {age}").format(age=item.age), style="italic")
    return literal(note_text(item.note))


@dataclass(frozen=True)
class Loaded:
    """A fresh read of both tabs."""

    agenda: Agenda
    drifts: list[Drift]
    late: int


class AgendaScreen(FollowUpScreen):
    """The agenda and the losing-touch list; dismissed with a contact id to go to, or None."""

    CSS_PATH = "agenda.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "switch_tab", N_("Losing touch")),
        Binding("n", "new", N_("New reminder")),
    ]

    def __init__(self, box: CardBox, found: Agenda) -> None:
        super().__init__(box)
        self._agenda = found
        self._items: list[Item] = []
        self._drifts: list[Drift] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="agenda"):
            yield Static(id="agenda-title")
            with TabbedContent(id="agenda-tabs"):
                with TabPane(_("Follow-ups"), id="tab-agenda"):
                    yield DataTable(id="agenda-table", cursor_type="row")
                with TabPane(_("Losing touch"), id="tab-losing"):
                    yield DataTable(id="losing-table", cursor_type="row")
            yield Static(id="agenda-status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#agenda-table", DataTable)
        table.add_columns("", _("When"), _("Name"), _("Company"), _("What"))
        losing = self.query_one("#losing-table", DataTable)
        losing.add_columns(_("Late"), _("Every"), _("Last"), _("Name"), _("Company"))
        self._fill_agenda()
        table.focus()
        self.reload()

    # -- reading --------------------------------------------------------------------------------

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="agenda-load")
    def _load(self) -> None:
        try:
            found = agenda(self.box, limit=SHOWN)
            drifts, late = losing_touch(self.box, limit=SHOWN_LOSING)
        except CardboxError as exc:
            self.app.call_from_thread(alive(self, self.say), literal(describe(exc), "red"))
            return
        self.app.call_from_thread(alive(self, self._show), Loaded(found, drifts, late))

    def _show(self, loaded: Loaded) -> None:
        self._agenda = loaded.agenda
        self._drifts = loaded.drifts
        self._fill_agenda()
        table = self.query_one("#losing-table", DataTable)
        row = table.cursor_row
        table.clear()
        for n, d in enumerate(loaded.drifts):
            last = d.last.astimezone(d.now.tzinfo).date().isoformat() if d.last else _("never")
            table.add_row(
                Text(_("{days} days").format(days=d.over.days), style="bold"),
                Text(_("{days} days").format(days=d.every_days)),
                Text(last),
                literal(d.contact.name),
                literal(d.contact.company),
                key=str(n),
            )
        if loaded.drifts:
            table.move_cursor(row=min(row, len(loaded.drifts) - 1))
        pane = self.query_one("#agenda-tabs", TabbedContent).get_tab("tab-losing")
        pane.label = Text(_("Losing touch ({count})").format(count=loaded.late))

    def _fill_agenda(self) -> None:
        table = self.query_one("#agenda-table", DataTable)
        row = table.cursor_row
        table.clear()
        self.query_one("#agenda-title", Static).update(summary(self._agenda))
        shown = agenda_items(self._agenda)
        self._items = [item for _section, item in shown]
        for n, (section, item) in enumerate(shown):
            when = "%m-%d" if item.kind == "birthday" else "%m-%d %H:%M"
            table.add_row(
                Text(section, style="dim"),
                Text(item.due.strftime(when)),
                literal(item.contact.name),
                literal(item.contact.company),
                what(item),
                key=str(n),
            )
        if self._items:
            table.move_cursor(row=min(row, len(self._items) - 1))

    # -- acting ---------------------------------------------------------------------------------

    def _losing(self) -> bool:
        return self.query_one("#agenda-tabs", TabbedContent).active == "tab-losing"

    def target(self) -> Target | None:
        if self._losing():
            table = self.query_one("#losing-table", DataTable)
            if not 0 <= table.cursor_row < len(self._drifts):
                return None
            d = self._drifts[table.cursor_row]
            return Target(d.contact.id or 0, d.contact.name, kind="cadence")
        table = self.query_one("#agenda-table", DataTable)
        if not 0 <= table.cursor_row < len(self._items):
            return None
        item = self._items[table.cursor_row]
        return Target(
            item.contact.id or 0, item.contact.name, item.reminder_id, self.box.zone, kind=item.kind
        )

    def say(self, message: Text) -> None:
        self.query_one("#agenda-status", Static).update(message)

    def action_switch_tab(self) -> None:
        tabs = self.query_one("#agenda-tabs", TabbedContent)
        tabs.active = "tab-agenda" if self._losing() else "tab-losing"

    @on(TabbedContent.TabActivated, "#agenda-tabs")
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        table_id = "#losing-table" if event.pane.id == "tab-losing" else "#agenda-table"
        self.query_one(table_id, DataTable).focus()

    def action_new(self) -> None:
        t = self.target()
        if t is None:
            self.say(Text(_("Nothing selected.")))
            return
        self.ask_reminder(t.contact_id, t.name)
