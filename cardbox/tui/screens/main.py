"""The main screen: search box, sidebar of events / industries / tags, the contact table and the
detail pane of the highlighted contact.

Searching runs in an exclusive thread worker (debounced, so typing fast runs one search) and the
result comes back as a message; the table reads only the rows it draws. The screen polls the
store's data version and reloads when anything (this app or another process) changed the box.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from cardbox.domain.errors import CardboxError
from cardbox.domain.model import Event, Industry
from cardbox.services.box import CardBox, Listing
from cardbox.tui.errors import describe
from cardbox.tui.i18n import N_, _, localise_bindings
from cardbox.tui.screens import main_actions
from cardbox.tui.widgets.contact_table import ContactTable
from cardbox.tui.widgets.render import literal
from cardbox.tui.widgets.sidebar import Filter, Sidebar

LIMIT = 1000
"""Most matches a search shows (the status line says when there are more)."""
DEBOUNCE = 0.03
"""Seconds a search waits for the next keystroke before it runs."""
ORDER_NAMES = {
    "": N_("best match"),
    "name": N_("reading"),
    "company": N_("company"),
    "met": N_("date met"),
    "contacted": N_("last contact"),
}


class MainScreen(Screen[None]):
    """Find anyone: type to search, pick a filter in the sidebar, read the card on the right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_search", N_("Search")),
        Binding("escape", "back", N_("Back"), show=False),
        Binding("n", "new", N_("New card")),
        Binding("l", "log_event", N_("Log an event")),
        Binding("e", "edit", N_("Edit")),
        Binding("f", "focus_sidebar", N_("Filters")),
        Binding("F", "clear_filter", N_("Clear filter"), show=False),
        Binding("s", "sort", N_("Sort")),
        Binding("J", "kana_index", N_("Kana index"), show=False),
        Binding("delete,d", "trash", N_("Trash"), show=False),
        Binding("u", "undo_trash", N_("Undo trash"), show=False),
        Binding("m", "merge", N_("Merge"), show=False),
        Binding("M", "duplicates", N_("Find duplicates"), show=False),
        Binding("Y", "readings", N_("Suggested readings"), show=False),
        Binding("i", "import", N_("Import"), show=False),
        Binding("x", "export", N_("Export"), show=False),
        Binding("Q", "qr", N_("QR code"), show=False),
        Binding("a", "agenda", N_("Agenda")),
        Binding("R", "reminders", N_("Reminders"), show=False),
        Binding("D", "dashboard", N_("Dashboard"), show=False),
        Binding("c", "company", N_("Company"), show=False),
        Binding("S", "sync", N_("Sync with the address book"), show=False),
        Binding("C", "sync_conflicts", N_("Resolve sync conflicts"), show=False),
    ]

    @dataclass
    class Listed(Message):
        """A search (or a reload) finished."""

        text: str
        listing: Listing | None
        keep: int | None = None
        error: str = ""

    def __init__(self, box: CardBox) -> None:
        super().__init__()
        localise_bindings(self)
        # Under 100 columns the sidebar hides (``f`` shows it) and the detail pane narrows.
        self.HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
        self.box = box
        self.filter: Filter | None = None
        self.order = ""
        self._version: int | None = -1
        self.trashed: list[int] = []
        """Contacts trashed here, last last (``u`` restores them one by one)."""
        self._listing: Listing | None = None
        self._detail_width = 0
        """The width the detail pane was last drawn for."""
        from cardbox.tui.screens.sync import last_synced

        self.synced = last_synced(self)
        """When the box last synced, for the status line ("" when never)."""

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder=_("Search: name, kana, romaji, company, phone, tag:x event:x"), id="search"
        )
        with Horizontal(id="body"):
            yield Sidebar(id="sidebar")
            with Vertical(id="list"):
                yield Static(id="filter")
                yield Static(id="header")
                yield ContactTable(self.box.rows, id="contacts")
            with VerticalScroll(id="detail"):
                yield Static(id="card")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.table.focus()
        self._version = self.box.data_version()
        # Rows first: the sidebar's counts and the agenda wait until they are on screen.
        self.run_search(self.query_text, self.order, None, 0.0)
        self.set_interval(1.0, self._watch_store)

    @property
    def table(self) -> ContactTable:
        return self.query_one("#contacts", ContactTable)

    @property
    def query_text(self) -> str:
        """The search as run: the sidebar's filter and what is typed."""
        typed = self.query_one("#search", Input).value
        return f"{self.filter.query} {typed}" if self.filter else typed

    # -- searching ----------------------------------------------------------------------------

    def reload(self, *, keep: int | None = None, wait: bool = False) -> None:
        """Run the current search again and refresh the sidebar; the cursor stays on ``keep``."""
        self.run_search(self.query_text, self.order, keep, 0.0 if not wait else DEBOUNCE)
        self.load_sidebar()

    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        self.run_search(self.query_text, self.order, None, DEBOUNCE)

    @on(Input.Submitted, "#search")
    def _submitted(self) -> None:
        self.table.focus()

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, text: str, order: str, keep: int | None, wait: float) -> None:
        """Search in a thread; the ids come back in a `Listed` message."""
        if wait:
            time.sleep(wait)
            if get_current_worker().is_cancelled:
                return
        try:
            found = self.box.listing(text, order=order, limit=LIMIT)
        except CardboxError as exc:
            self.post_message(self.Listed(text, None, keep, describe(exc)))
            return
        self.post_message(self.Listed(text, found, keep))

    def on_main_screen_listed(self, message: Listed) -> None:
        if message.listing is None:
            self.status(literal(message.error, "red"))
            return
        if self._listing is None:
            self.call_after_refresh(self._first_rows_shown)
        self._listing = message.listing
        self.table.order = self.order
        self.table.show(message.listing.ids, keep=message.keep)
        self.query_one("#header", Static).update(self.table.header())
        self.say_count()

    @dataclass
    class Ready(Message):
        """The first rows are on screen (the app then works out the agenda)."""

    def _first_rows_shown(self) -> None:
        self.load_sidebar()
        self.post_message(self.Ready())

    def say_count(self) -> None:
        found = self._listing
        if found is None:
            return
        shown = len(found.ids)
        if not shown and not self.query_text.strip():
            self.status(
                Text(_("No cards yet. Press n to add one, or l to log cards from an event."))
            )
            return
        total = f"{found.total:,}+" if found.capped else f"{found.total:,}"
        line = _("{total} contacts").format(total=total)
        if shown < found.total or found.capped:
            line += " " + _("(first {shown})").format(shown=f"{shown:,}")
        order = self.order or ("" if self.query_text.strip() else "name")
        line += " · " + _("sorted by {order}").format(order=_(ORDER_NAMES[order]))
        if self.synced:
            line += " · " + self.synced
        self.status(literal(line + "".join(f" · {n}" for n in found.notes)))

    def on_resize(self) -> None:
        self.call_after_refresh(self._header)

    @on(ContactTable.Resized, "#contacts")
    def _table_resized(self) -> None:
        self._header()
        # The detail pane wraps its values under their labels for its width: drawn before the
        # layout settled (at start, or when the sidebar comes and goes), it is drawn again.
        if self._detail_width != self._card_width():
            self.show_detail(self.table.current)

    def _header(self) -> None:
        self.query_one("#header", Static).update(self.table.header())

    def status(self, text: Text) -> None:
        self.query_one("#status", Static).update(text)

    # -- the sidebar --------------------------------------------------------------------------

    @dataclass
    class SidebarLoaded(Message):
        events: list[Event]
        industries: list[Industry]
        tags: list[tuple[str, int]]

    @work(thread=True, exclusive=True, group="sidebar")
    def load_sidebar(self) -> None:
        try:
            loaded = self.SidebarLoaded(self.box.events(), self.box.industries(), self.box.tags())
        except CardboxError:
            return
        self.post_message(loaded)

    def on_main_screen_sidebar_loaded(self, message: SidebarLoaded) -> None:
        self.query_one(Sidebar).fill(message.events, message.industries, message.tags)

    @on(Sidebar.Chosen)
    def _filtered(self, message: Sidebar.Chosen) -> None:
        self.filter = message.filter
        if self.has_class("-narrow") and self.has_class("-sidebar"):
            self.remove_class("-sidebar")
            self.table.focus()
        label = self.query_one("#filter", Static)
        label.display = self.filter is not None
        if self.filter is None:
            label.update("")
        else:
            text = Text(_("Filter") + ": ", style="bold")
            text.append(self.filter.label)
            text.append("  " + _("(F clears)"), style="dim")
            label.update(text)
        self.run_search(self.query_text, self.order, None, 0.0)

    # -- the detail pane ----------------------------------------------------------------------

    @on(ContactTable.Highlighted, "#contacts")
    def _highlighted(self, message: ContactTable.Highlighted) -> None:
        self.show_detail(message.contact_id)

    def _card_width(self) -> int:
        card = self.query_one("#card", Static)
        return card.size.width or self.query_one("#detail").scrollable_content_region.width

    def show_detail(self, contact_id: int | None) -> None:
        self._detail_width = self._card_width()
        main_actions.show_detail(self, contact_id, self._detail_width)

    # -- outside changes ----------------------------------------------------------------------

    def _watch_store(self) -> None:
        try:
            version = self.box.data_version()
        except CardboxError:
            return
        if version is not None and version != self._version:
            self._version = version
            self.table.forget()
            self.reload(keep=self.table.current)
            self.show_detail(self.table.current)

    # -- actions ------------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_focus_sidebar(self) -> None:
        """Go to the sidebar (in a narrow terminal, where it is hidden, show it until a filter
        is chosen or escape is pressed)."""
        self.add_class("-sidebar")
        self.query_one(Sidebar).focus()

    def action_back(self) -> None:
        """Escape: from the search box or sidebar back to the table; in the table, clear."""
        if self.focused is not self.table:
            self.remove_class("-sidebar")
            self.table.focus()
        elif self.query_one("#search", Input).value:
            self.query_one("#search", Input).value = ""
        elif self.filter is not None:
            self.action_clear_filter()

    def action_clear_filter(self) -> None:
        self.post_message(Sidebar.Chosen(None))

    def action_sort(self) -> None:
        main_actions.sort(self)

    def action_kana_index(self) -> None:
        main_actions.kana_index(self)

    def action_trash(self) -> None:
        main_actions.trash(self)

    def action_undo_trash(self) -> None:
        main_actions.undo_trash(self)

    def action_agenda(self) -> None:
        self.app.call_later(self.app.run_action, "agenda")

    # -- other screens ------------------------------------------------------------------------

    def action_new(self) -> None:
        main_actions.new(self)

    def action_edit(self) -> None:
        main_actions.edit(self)

    @on(ContactTable.Chosen, "#contacts")
    def _chosen(self) -> None:
        self.action_edit()

    def action_log_event(self) -> None:
        main_actions.log_event(self)

    @on(ContactTable.Marked, "#contacts")
    def _marked(self, message: ContactTable.Marked) -> None:
        main_actions.marked(self, message.count)

    def action_merge(self) -> None:
        main_actions.merge(self)

    def action_duplicates(self) -> None:
        main_actions.duplicates(self)

    def action_readings(self) -> None:
        main_actions.readings(self)

    def action_sync(self) -> None:
        main_actions.sync(self)

    def action_sync_conflicts(self) -> None:
        """Settle sync conflicts in the merge screen, one contact after another."""
        from cardbox.tui.screens import sync

        sync.conflicts(self)

    def action_import(self) -> None:
        main_actions.import_(self)

    def action_export(self) -> None:
        main_actions.export(self)

    def action_qr(self) -> None:
        main_actions.qr(self)

    def action_company(self) -> None:
        main_actions.company(self)

    def action_dashboard(self) -> None:
        main_actions.dashboard(self)

    def action_reminders(self) -> None:
        main_actions.reminders(self)

    def focus_contact(self, contact_id: int | None) -> None:
        """Put the cursor on a contact (searching for them when they are not listed)."""
        main_actions.focus_contact(self, contact_id)
