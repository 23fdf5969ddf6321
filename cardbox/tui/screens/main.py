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
from zoneinfo import ZoneInfo

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
from cardbox.domain.model import Contact, Event, Industry
from cardbox.domain.views import SORT_ORDERS
from cardbox.services import followups
from cardbox.services.box import CardBox, Listing
from cardbox.services.companies import job_history
from cardbox.tui.errors import describe
from cardbox.tui.i18n import N_, _, localise_bindings
from cardbox.tui.widgets.contact_table import ContactTable
from cardbox.tui.widgets.render import detail, literal
from cardbox.tui.widgets.render import job_history as render_jobs
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
        self._trashed: list[int] = []
        self._listing: Listing | None = None
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
        self._say_count()

    @dataclass
    class Ready(Message):
        """The first rows are on screen (the app then works out the agenda)."""

    def _first_rows_shown(self) -> None:
        self.load_sidebar()
        self.post_message(self.Ready())

    def _say_count(self) -> None:
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

    def show_detail(self, contact_id: int | None) -> None:
        card = self.query_one("#card", Static)
        if contact_id is None:
            card.update("")
            return
        try:
            contact = self.box.get(contact_id)
            interactions = followups.interactions(self.box, contact_id)
            reminders = followups.reminders_of(self.box, contact_id)
            jobs = job_history(self.box, contact_id)
        except CardboxError:
            card.update("")
            return
        card.update(
            detail(
                contact,
                self.box.taxonomy(),
                interactions=interactions,
                reminders=reminders,
                extra=[render_jobs(jobs)] if jobs else [],
                zone=ZoneInfo(self.box.zone),
                width=card.size.width or self.query_one("#detail").scrollable_content_region.width,
            )
        )

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
        """Cycle the order: best match (when searching), reading, company, date met, last
        contact."""
        orders = ["", *SORT_ORDERS] if self.query_text.strip() else list(SORT_ORDERS)
        current = self.order if self.order in orders else orders[0]
        self.order = orders[(orders.index(current) + 1) % len(orders)]
        if not self.query_text.strip() and self.order == "":
            self.order = "name"
        self.run_search(self.query_text, self.order, self.table.current, 0.0)

    def action_kana_index(self) -> None:
        from cardbox.tui.dialogs.kana_index import KanaIndex

        self.app.push_screen(KanaIndex(), self._jump_to_key)

    def _jump_to_key(self, key: str | None) -> None:
        if not key:
            return
        if self.order not in ("name", "") or self.query_text.strip():
            rows = self.box.rows(self.table.ids)
            ordered = sorted(self.table.ids, key=lambda i: rows[i].sort_key if i in rows else "")
            if self.order != "name":
                self.order = "name"
                self.table.show(ordered)
            index = next(
                (n for n, i in enumerate(ordered) if i in rows and rows[i].sort_key >= key),
                len(ordered) - 1,
            )
        else:
            index = self.box.position(key)
        self.table.go(index)
        self.table.focus()

    def action_trash(self) -> None:
        contact_id = self.table.current
        if contact_id is None:
            return
        try:
            contact = self.box.remove(contact_id)
        except CardboxError as exc:
            self.app.notify(describe(exc), severity="error", markup=False)
            return
        self._trashed.append(contact_id)
        self.app.notify(
            _("Moved {name} to the trash. Press u to undo.").format(name=contact.name),
            markup=False,
        )
        ids = [i for i in self.table.ids if i != contact_id]
        index = min(self.table.cursor, len(ids) - 1)
        self.table.show(ids, keep=ids[index] if ids else None)

    def action_undo_trash(self) -> None:
        if not self._trashed:
            self.app.notify(_("Nothing to undo."), markup=False)
            return
        contact_id = self._trashed.pop()
        try:
            contact = self.box.restore(contact_id)
        except CardboxError as exc:
            self.app.notify(describe(exc), severity="error", markup=False)
            return
        self.app.notify(_("Restored {name}.").format(name=contact.name), markup=False)
        self.reload(keep=contact_id)

    def action_agenda(self) -> None:
        self.app.call_later(self.app.run_action, "agenda")

    # -- other screens ------------------------------------------------------------------------

    def _saved(self, contact: Contact | None) -> None:
        """After the card form: show the saved card."""
        if contact is not None and contact.id is not None:
            self.table.forget([contact.id])
            self.reload(keep=contact.id)
            self.show_detail(contact.id)

    def action_new(self) -> None:
        from cardbox.tui.widgets.card_form.form import ContactForm

        self.app.push_screen(ContactForm(self.box), self._saved)

    def action_edit(self) -> None:
        from cardbox.tui.widgets.card_form.form import ContactForm

        if self.table.current is None:
            return
        try:
            contact = self.box.get(self.table.current)
        except CardboxError as exc:
            self.app.notify(describe(exc), severity="error", markup=False)
            return
        self.app.push_screen(ContactForm(self.box, contact), self._saved)

    @on(ContactTable.Chosen, "#contacts")
    def _chosen(self) -> None:
        self.action_edit()

    def action_log_event(self) -> None:
        from cardbox.tui.screens.session import EventSession

        self.app.push_screen(EventSession(self.box), lambda _: self.reload())

    @on(ContactTable.Marked, "#contacts")
    def _marked(self, message: ContactTable.Marked) -> None:
        if message.count:
            self.status(
                Text(
                    _("{count} marked: m merges two, x exports them, space unmarks").format(
                        count=message.count
                    )
                )
            )
        else:
            self._say_count()

    def action_merge(self) -> None:
        """Merge two contacts: the two marked ones, or the marked one and the one under the
        cursor. The one marked first is kept; the merge screen lets each field be chosen."""
        from cardbox.tui.screens.merge import MergeScreen

        marked = list(self.table.marked)
        current = self.table.current
        pair = marked if len(marked) == 2 else [*marked, current] if len(marked) == 1 else []
        if len(pair) != 2 or pair[0] == pair[1] or None in pair:
            self.app.notify(
                _("Mark a contact with space, then press m on the one to merge it with."),
                markup=False,
            )
            return
        keep, other = int(pair[0] or 0), int(pair[1] or 0)

        def merged(contact: Contact | None) -> None:
            if contact is not None:
                self.table.marked.clear()
                self.reload(keep=contact.id)

        self.app.push_screen(MergeScreen(self.box, keep, other), merged)

    def action_duplicates(self) -> None:
        from cardbox.tui.screens.duplicates import DuplicatesScreen

        self.app.push_screen(DuplicatesScreen(self.box), lambda _: self.reload())

    def action_readings(self) -> None:
        from cardbox.tui.screens.readings import ReadingsScreen

        self.app.push_screen(ReadingsScreen(self.box), lambda _: self.reload())

    def action_sync(self) -> None:
        """Sync with every CardDAV account (``cardbox sync add`` sets them up)."""
        from cardbox.tui.screens import sync

        sync.start(self)

    def action_sync_conflicts(self) -> None:
        """Settle sync conflicts in the merge screen, one contact after another."""
        from cardbox.tui.screens import sync

        sync.conflicts(self)

    def action_import(self) -> None:
        from cardbox.tui.screens.importing import ImportScreen

        self.app.push_screen(ImportScreen(self.box), lambda _: self.reload())

    def action_export(self) -> None:
        from cardbox.tui.screens.exporting import ExportScreen

        marked = [i for i in self.table.ids if i in self.table.marked]
        self.app.push_screen(ExportScreen(self.box, self.query_text, marked or None))

    def action_qr(self) -> None:
        from cardbox.tui.screens.qr import QrScreen

        if self.table.current is not None:
            self.app.push_screen(QrScreen(self.box, self.table.current))

    def action_company(self) -> None:
        """The highlighted contact's company: everyone there, its industry."""
        from cardbox.tui.screens.company import CompanyScreen

        if self.table.current is None:
            return
        try:
            contact = self.box.get(self.table.current)
        except CardboxError:
            return
        if not contact.company.strip():
            self.app.notify(_("This card has no company."), markup=False)
            return
        self.app.push_screen(CompanyScreen(self.box, contact.company), self.focus_contact)

    def action_dashboard(self) -> None:
        from cardbox.tui.screens.dashboard import DashboardScreen

        self.app.push_screen(DashboardScreen(self.box), self.focus_contact)

    def action_reminders(self) -> None:
        """The highlighted contact's reminders (everyone's when the table is empty)."""
        from cardbox.tui.screens.reminders import RemindersScreen

        self.app.push_screen(RemindersScreen(self.box, self.table.current), self._after_reminders)

    def _after_reminders(self, contact_id: int | None) -> None:
        self.show_detail(self.table.current)
        self.focus_contact(contact_id)

    def focus_contact(self, contact_id: int | None) -> None:
        """Put the cursor on a contact (searching for them when they are not listed)."""
        if contact_id is None:
            return
        if contact_id in self.table.ids:
            self.table.cursor = self.table.ids.index(contact_id)
            self.table.focus()
            return
        try:
            contact = self.box.get(contact_id)
        except CardboxError:
            return
        self.filter = None
        self.query_one("#filter", Static).update("")
        self.query_one("#filter", Static).display = False
        search = self.query_one("#search", Input)
        with search.prevent(Input.Changed):
            search.value = contact.name
        self.run_search(self.query_text, self.order, contact_id, 0.0)
        self.table.focus()
