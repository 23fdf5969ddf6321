"""Suggested readings (``Y``): every contact whose reading (name or company) was guessed from the
dictionary and not yet accepted; ``a`` accepts the highlighted one as it is and moves on, ``A``
accepts every one listed, ``enter`` opens the card form to correct it (a reading typed there is
the user's own, and leaves the list)."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from cardbox.domain.errors import CardboxError
from cardbox.domain.model import Contact
from cardbox.services.box import CardBox
from cardbox.tui.errors import describe
from cardbox.tui.i18n import N_, _, localise_bindings
from cardbox.tui.jobs import run_in_thread
from cardbox.tui.widgets.render import literal

SHOWN = 2000
"""Rows listed at once (accepting some brings the next ones in)."""


class ReadingsScreen(ModalScreen[int]):
    """Suggested readings to accept one key at a time; dismissed with how many were accepted."""

    CSS_PATH = "readings.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close")),
        # Home/End (a table's own keys scroll sideways) and g/G: the first and the last row.
        Binding("home,g", "focused.scroll_top", N_("First"), show=False, priority=True),
        Binding("end,G", "focused.scroll_bottom", N_("Last"), show=False, priority=True),
        Binding("a", "accept", N_("Accept the reading")),
        Binding("A", "accept_all", N_("Accept all listed")),
        Binding("enter", "open", N_("Open the card"), priority=True),
    ]

    def __init__(self, box: CardBox) -> None:
        super().__init__()
        localise_bindings(self)
        self.box = box
        self.rows: dict[str, Contact] = {}
        self.accepted = 0

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(_("Suggested readings"), style="bold"))
            table: DataTable[Any] = DataTable(id="readings-table", cursor_type="row")
            table.add_columns(_("Name"), _("Reading"), _("Company"), _("Company reading"))
            yield table
            yield Static(_("Looking for suggested readings…"), id="readings-status")
            yield Footer()

    def on_mount(self) -> None:
        self.find()

    def find(self) -> None:
        """Fill the table in a thread worker (a second call cancels the first)."""
        run_in_thread(self, self.box.unconfirmed_readings, self._show, self._say, name="find")

    def _say(self, text: str) -> None:
        self.query_one("#readings-status", Static).update(literal(text))

    def _show(self, found: list[Contact]) -> None:
        table = self.query_one("#readings-table", DataTable)
        table.clear()
        self.rows.clear()
        for c in found[:SHOWN]:
            key = str(c.id)
            self.rows[key] = c
            table.add_row(
                literal(c.name),
                _reading(c.reading, c.reading_confirmed),
                literal(c.company),
                _reading(c.company_reading, c.company_reading_confirmed),
                key=key,
            )
        self._count()
        table.focus()

    def _count(self) -> None:
        if not self.rows:
            self._say(_("No suggested readings: every reading is typed or accepted."))
            return
        line = _("{count} to check; a accepts the highlighted reading, enter opens the card")
        self._say(line.format(count=f"{len(self.rows):,}"))

    def _current(self) -> str | None:
        table = self.query_one("#readings-table", DataTable)
        if not self.rows or table.cursor_row < 0:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_accept(self) -> None:
        key = self._current()
        if key is None:
            return
        try:
            self.accepted += self.box.confirm_readings([int(key)])
        except CardboxError as exc:
            self._say(describe(exc))
            return
        self.query_one("#readings-table", DataTable).remove_row(key)
        self.rows.pop(key, None)
        self._count()

    def action_accept_all(self) -> None:
        if not self.rows:
            return
        try:
            self.accepted += self.box.confirm_readings([int(k) for k in self.rows])
        except CardboxError as exc:
            self._say(describe(exc))
            return
        self.query_one("#readings-table", DataTable).clear()
        self.rows.clear()
        self.find()  # more than were shown may be waiting

    def action_open(self) -> None:
        from cardbox.tui.widgets.card_form.form import ContactForm

        key = self._current()
        if key is None:
            return
        try:
            contact = self.box.get(int(key))
        except CardboxError as exc:
            self._say(describe(exc))
            return

        def saved(_contact: Contact | None) -> None:
            self.find()

        self.app.push_screen(ContactForm(self.box, contact), saved)

    def action_close(self) -> None:
        self.dismiss(self.accepted)


def _reading(text: str, confirmed: bool) -> Text:
    """A reading, dim with a mark when it is only a suggestion."""
    if not text:
        return Text("")
    if confirmed:
        return literal(text)
    out = literal(text)
    out.append(" ?", style="bold yellow")
    return out
