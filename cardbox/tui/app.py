"""A first screen over the box: search as you type, a contact table, and a detail pane.

The full app (event logging, editing, dialogs) is built on this; here the rules are already in
place: the box is injected, searches run in an exclusive thread worker and come back as a message,
and contact text is always shown literally.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Footer, Input, Static

from cardbox.box import CardBox, Page
from cardbox.domain.errors import CardboxError
from cardbox.followups import Agenda, agenda
from cardbox.tui.agenda import AgendaScreen
from cardbox.tui.render import detail, literal

PAGE = 500
"""Rows shown for one search (the status line says how many matched in all)."""


class CardboxApp(App[None]):
    """cardbox's terminal app."""

    CSS_PATH = "app.tcss"
    TITLE = "cardbox"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_search", "Search"),
        Binding("a", "agenda", "Agenda"),
        Binding("escape", "focus_table", "Results", show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    @dataclass
    class Searched(Message):
        """A search finished."""

        text: str
        page: Page | None
        error: str = ""

    def __init__(self, box: CardBox) -> None:
        super().__init__()
        self.box = box
        self._shown: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="Search: name, kana, romaji, company, phone, tag:x event:x", id="search"
        )
        with Horizontal(id="body"):
            table: DataTable[object] = DataTable(
                id="contacts", cursor_type="row", zebra_stripes=True
            )
            yield table
            with VerticalScroll(id="detail"):
                yield Static(id="card")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.load_agenda(only_if_due=True)
        table = self.query_one("#contacts", DataTable)
        table.add_columns("Name", "Reading", "Company", "Title")
        self.run_search("")
        table.focus()

    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @on(Input.Submitted, "#search")
    def _submitted(self) -> None:
        self.action_focus_table()

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, text: str) -> None:
        """Search in a thread; the result comes back as a `Searched` message."""
        try:
            page = self.box.search(text, limit=PAGE)
        except CardboxError as exc:
            self.post_message(self.Searched(text, None, str(exc)))
            return
        self.post_message(self.Searched(text, page))

    def on_cardbox_app_searched(self, message: Searched) -> None:
        status = self.query_one("#status", Static)
        if message.page is None:
            status.update(literal(message.error, "red"))
            return
        table = self.query_one("#contacts", DataTable)
        table.clear()
        self._shown.clear()
        for c in message.page.contacts:
            key = str(c.id)
            self._shown[key] = c.id or 0
            table.add_row(
                literal(c.name), literal(c.reading), literal(c.company), literal(c.title), key=key
            )
        page = message.page
        shown = len(page.contacts)
        more = f" (first {shown})" if page.total > shown or page.capped else ""
        total = f"{page.total:,}+" if page.capped else f"{page.total:,}"
        status.update(literal(f"{total} contacts{more}" + "".join(f" · {n}" for n in page.notes)))
        if not page.contacts:
            self.query_one("#card", Static).update("")
            if not message.text.strip():
                status.update("No cards yet. Add one with `cardbox add`, or try `cardbox --demo`.")

    @on(DataTable.RowHighlighted, "#contacts")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value
        if key is None or key not in self._shown:
            return
        try:
            contact = self.box.get(self._shown[key])
        except CardboxError:
            return
        self.query_one("#card", Static).update(detail(contact, self.box.store.taxonomy()))

    @dataclass
    class AgendaLoaded(Message):
        """The agenda was worked out."""

        agenda: Agenda
        only_if_due: bool

    @work(thread=True, exclusive=True, group="agenda")
    def load_agenda(self, only_if_due: bool = False) -> None:
        """Work out the agenda in a thread; it comes back as an `AgendaLoaded` message."""
        try:
            found = agenda(self.box)
        except CardboxError:
            return
        self.post_message(self.AgendaLoaded(found, only_if_due))

    def on_cardbox_app_agenda_loaded(self, message: AgendaLoaded) -> None:
        due_now = message.agenda.overdue or message.agenda.today
        if due_now or not message.only_if_due:
            self.push_screen(AgendaScreen(self.box, message.agenda), self._jump)

    def _jump(self, contact_id: int | None) -> None:
        """After the agenda: put the cursor on the contact chosen there (search for it first
        when it is not in the table)."""
        if contact_id is None:
            return
        table = self.query_one("#contacts", DataTable)
        key = str(contact_id)
        if key in self._shown:
            table.move_cursor(row=table.get_row_index(key))
            table.focus()
            return
        try:
            contact = self.box.get(contact_id)
        except CardboxError:
            return
        self.query_one("#search", Input).value = contact.name

    def action_agenda(self) -> None:
        """Show what is due (also shown at start when anything is overdue or due today)."""
        self.load_agenda()

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_focus_table(self) -> None:
        self.query_one("#contacts", DataTable).focus()
