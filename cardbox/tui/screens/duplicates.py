"""Likely duplicates (``M``): the pairs `cardbox duplicates` finds, best first, with the score
and the reasons, then the possible matches ("maybe"); ``enter`` compares a pair and merges it
field by field."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static
from textual.worker import get_current_worker

from cardbox.domain.model import Contact
from cardbox.services.box import CardBox
from cardbox.tui.i18n import N_, _, localise_bindings
from cardbox.tui.jobs import run_in_thread
from cardbox.tui.widgets.render import literal

SHOWN = 500
"""Pairs listed (`cardbox duplicates --json` lists them all)."""


class DuplicatesScreen(ModalScreen[None]):
    """Likely duplicate pairs; merging one takes it off the list."""

    CSS_PATH = "duplicates.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close")),
        # Home/End (a table's own keys scroll sideways) and g/G: the first and the last row.
        Binding("home,g", "focused.scroll_top", N_("First"), show=False, priority=True),
        Binding("end,G", "focused.scroll_bottom", N_("Last"), show=False, priority=True),
        Binding("enter", "merge", N_("Compare and merge"), priority=True),
    ]

    def __init__(self, box: CardBox) -> None:
        super().__init__()
        localise_bindings(self)
        self.box = box
        self.pairs: dict[str, tuple[Contact, Contact]] = {}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(_("Likely duplicates"), style="bold"))
            table: DataTable[Any] = DataTable(id="dupes-table", cursor_type="row")
            table.add_columns(_("Score"), _("Contact"), _("Maybe the same as"), _("Why"))
            yield table
            yield Static(_("Looking for duplicates…"), id="dupes-status")
            yield Footer()

    def on_mount(self) -> None:
        self.find()

    def find(self) -> None:
        """Fill the table in a thread worker (a second call cancels the first)."""

        def find() -> list[tuple[Contact, Contact, Any]]:
            # Closing the screen cancels the worker: the search stops instead of holding the
            # box (16 s at 100,000 contacts) while the next screen waits for it.
            worker = get_current_worker()
            return self.box.duplicates(cancel=lambda: worker.is_cancelled)

        run_in_thread(self, find, self._show, self._say, name="find")

    def _say(self, text: str) -> None:
        self.query_one("#dupes-status", Static).update(literal(text))

    def _show(self, found: list[tuple[Contact, Contact, Any]]) -> None:
        table = self.query_one("#dupes-table", DataTable)
        table.clear()
        self.pairs.clear()
        for n, (a, b, match) in enumerate(found[:SHOWN]):
            key = str(n)
            self.pairs[key] = (a, b)
            table.add_row(
                Text(f"{match.score:.2f}") if match.likely else Text(_("maybe"), style="italic"),
                literal(_who(a)),
                literal(_who(b)),
                literal(", ".join(match.reasons)),
                key=key,
            )
        if not found:
            self._say(_("No likely duplicates."))
        else:
            more = len(found) - SHOWN
            maybe = sum(not m.likely for _a, _b, m in found)
            if maybe:
                line = _(
                    "{count} likely pairs and {maybe} possible matches;"
                    " enter compares the highlighted pair"
                ).format(count=f"{len(found) - maybe:,}", maybe=f"{maybe:,}")
            else:
                line = _("{count} likely pairs; enter compares the highlighted pair").format(
                    count=f"{len(found):,}"
                )
            if more > 0:
                line += " " + _("(the first {shown})").format(shown=SHOWN)
            self._say(line)
        table.focus()

    def action_merge(self) -> None:
        from cardbox.tui.screens.merge import MergeScreen

        table = self.query_one("#dupes-table", DataTable)
        if not self.pairs or table.cursor_row < 0:
            return
        key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        a, b = self.pairs[key]

        def merged(contact: Contact | None) -> None:
            if contact is not None:
                table.remove_row(key)
                self.pairs.pop(key, None)
                # Pairs naming the contact that is gone are stale now.
                gone = b.id if contact.id == a.id else a.id
                for other, (x, y) in list(self.pairs.items()):
                    if gone in (x.id, y.id):
                        table.remove_row(other)
                        self.pairs.pop(other)

        self.app.push_screen(MergeScreen(self.box, a.id or 0, b.id or 0), merged)

    def action_close(self) -> None:
        self.dismiss(None)


def _who(c: Contact) -> str:
    """Name and company, as the list shows a contact."""
    return f"#{c.id} {c.name}" + (f" ({c.company})" if c.company else "")
