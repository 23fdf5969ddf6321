"""The contact table: a list of ids of any length, of which only the visible rows are read.

A box may hold 100,000 contacts. `DataTable` measures and stores every cell of every row it is
given; this table keeps just the ids, reads a screenful of rows when it needs them (through the
``fetch`` callable it is given) and draws lines with the Line API. Column widths are counted in
terminal cells, so Japanese wide characters never break the alignment.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from cardbox.domain.views import Row
from cardbox.tui.i18n import N_, _, localise_bindings
from cardbox.tui.widgets.columns import COLUMNS, cells, layout, row_values, short_company

Fetch = Callable[[Sequence[int]], dict[int, Row]]

CACHE = 5000
"""Rows kept in memory; the rest are read again when scrolled back to."""


class ContactTable(ScrollView, can_focus=True):
    """Contacts by id; the cursor row's id is posted in `Highlighted`, enter posts `Chosen`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(-1)", N_("Up"), show=False),
        Binding("down,j", "move(1)", N_("Down"), show=False),
        Binding("pageup,ctrl+b", "page(-1)", N_("Page up"), show=False),
        Binding("pagedown,ctrl+f", "page(1)", N_("Page down"), show=False),
        Binding("space", "mark", N_("Mark"), show=False),
        Binding("home,g", "first", N_("First"), show=False),
        Binding("end,G", "last", N_("Last"), show=False),
        Binding("enter", "choose", N_("Open"), show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "contact-table--cursor",
        "contact-table--odd",
        "contact-table--marked",
    }
    DEFAULT_CSS = """
    ContactTable { background: $surface; }
    ContactTable > .contact-table--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    ContactTable:blur > .contact-table--cursor {
        background: $block-cursor-blurred-background; text-style: none;
    }
    ContactTable > .contact-table--odd { background: $surface-lighten-1; }
    ContactTable > .contact-table--marked {
        background: $secondary 40%; color: $text; text-style: bold;
    }
    """

    cursor: reactive[int] = reactive(0, always_update=True)
    order = ""
    """The order the list is in (decides which date column a narrow table shows)."""

    @dataclass
    class Highlighted(Message):
        """The cursor is on another contact (None when the table is empty)."""

        table: ContactTable
        contact_id: int | None

        @property
        def control(self) -> ContactTable:
            return self.table

    @dataclass
    class Chosen(Message):
        """Enter (or a double click) on a contact."""

        table: ContactTable
        contact_id: int

        @property
        def control(self) -> ContactTable:
            return self.table

    @dataclass
    class Marked(Message):
        """The set of marked contacts changed."""

        table: ContactTable
        count: int

        @property
        def control(self) -> ContactTable:
            return self.table

    def __init__(self, fetch: Fetch, *, id: str | None = None) -> None:
        super().__init__(id=id)
        localise_bindings(self)
        self._fetch = fetch
        self._ids: list[int] = []
        self._rows: dict[int, Row] = {}
        self._want: dict[str, int] = {}
        """How wide each text column's widest value on screen is."""
        self._sizes: tuple[object, list[int]] | None = None
        self.marked: list[int] = []
        """Contacts marked with space, in the order marked (for merging and exporting)."""

    # -- data ---------------------------------------------------------------------------------

    @property
    def ids(self) -> list[int]:
        return self._ids

    @property
    def current(self) -> int | None:
        """The id under the cursor."""
        return self._ids[self.cursor] if 0 <= self.cursor < len(self._ids) else None

    def show(self, ids: list[int], *, keep: int | None = None) -> None:
        """Show these contacts; the cursor goes to ``keep`` when it is among them, else the top."""
        self._ids = ids
        self._rows.clear()
        self.virtual_size = Size(self.size.width, len(ids))
        where = ids.index(keep) if keep is not None and keep in ids else 0
        self.cursor = where
        self.scroll_to(y=max(0, where - self.size.height // 2), animate=False, immediate=True)
        self.refresh()

    def forget(self, ids: Sequence[int] = ()) -> None:
        """Read these rows again (all rows when none are given) next time they are drawn."""
        if not ids:
            self._rows.clear()
        for i in ids:
            self._rows.pop(i, None)
        self.refresh()

    def row(self, contact_id: int) -> Row | None:
        if contact_id not in self._rows:
            self._load([contact_id])
        return self._rows.get(contact_id)

    def _load(self, ids: Sequence[int]) -> None:
        missing = [i for i in ids if i not in self._rows]
        if not missing:
            return
        if len(self._rows) > CACHE:
            self._rows.clear()
        found = self._fetch(missing)
        self._rows.update(found)

    # -- drawing ------------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        top = int(self.scroll_offset.y)
        self._load(self._ids[top + crop.y : top + crop.y + crop.height])
        shown = self._ids[top : top + self.size.height]
        self._measure([self._rows[i] for i in shown if i in self._rows])
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        width = self.size.width
        if index >= len(self._ids):
            return Strip.blank(width, self.rich_style)
        row = self._rows.get(self._ids[index])
        marked = self._ids[index] in self.marked
        if index == self.cursor:
            style = self.get_component_rich_style("contact-table--cursor")
        elif marked:
            style = self.get_component_rich_style("contact-table--marked")
        elif index % 2:
            style = self.get_component_rich_style("contact-table--odd")
        else:
            style = self.rich_style
        values: list[str | Text] = ["…", *([""] * (len(COLUMNS) - 1))]
        if row:
            values = row_values(row)
        if marked:
            values[0] = "● " + str(values[0])
        # The row's style goes under every segment: Rich drops a Text's own style when the Text
        # has no spans, which once left the cursor row looking like all the others.
        line = cells(values, self.sizes(), style).render(self.app.console)
        return Strip(Segment.apply_style(line, style)).adjust_cell_length(width, style).simplify()

    def header(self) -> Text:
        """The column titles, aligned with the rows."""
        return cells([_(title) for title, *_rest in COLUMNS], self.sizes(), Style(bold=True))

    def sizes(self) -> list[int]:
        """The columns' widths: from the table's width and the widest values read so far."""
        width = self.scrollable_content_region.width or self.size.width or 100
        key = (width, self.order, tuple(sorted(self._want.items())))
        if self._sizes is None or self._sizes[0] != key:
            self._sizes = (key, layout(width, self.order, self._want))
        return self._sizes[1]

    def _measure(self, rows: Sequence[Row]) -> None:
        """Size the columns for the values on screen (the header follows when they change)."""
        want: dict[str, int] = {}
        for row in rows:
            for attr, cells_wide in (
                ("name", cell_len(row.name)),
                ("reading", cell_len(row.reading)),
                ("company", short_company(row.company).cell_len),
                ("title", cell_len(row.title)),
            ):
                want[attr] = max(want.get(attr, 0), min(cells_wide, 60))
        if want != self._want:
            self._want = want
            self.post_message(self.Resized(self))

    # -- moving -------------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        if self._ids:
            clamped = max(0, min(new, len(self._ids) - 1))
            if clamped != new:
                self.cursor = clamped
                return
            self._keep_visible(clamped)
        self.refresh()
        self.post_message(self.Highlighted(self, self.current))

    def _keep_visible(self, index: int) -> None:
        top = int(self.scroll_offset.y)
        height = max(1, self.size.height)
        if index < top:
            self.scroll_to(y=index, animate=False, immediate=True)
        elif index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False, immediate=True)

    def go(self, index: int) -> None:
        """Put the cursor on row ``index`` (scrolled to the top of the view when possible)."""
        if not self._ids:
            return
        index = max(0, min(index, len(self._ids) - 1))
        self.scroll_to(y=index, animate=False, immediate=True)
        self.cursor = index

    def action_move(self, by: int) -> None:
        self.cursor = max(0, min(self.cursor + by, len(self._ids) - 1))

    def action_page(self, by: int) -> None:
        self.action_move(by * max(1, self.size.height - 1))

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = max(0, len(self._ids) - 1)

    def action_mark(self) -> None:
        """Mark or unmark the contact under the cursor, then move down."""
        current = self.current
        if current is None:
            return
        if current in self.marked:
            self.marked.remove(current)
        else:
            self.marked.append(current)
        self.post_message(self.Marked(self, len(self.marked)))
        self.action_move(1)
        self.refresh()

    def action_choose(self) -> None:
        if self.current is not None:
            self.post_message(self.Chosen(self, self.current))

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y) + event.y
        if 0 <= index < len(self._ids):
            self.cursor = index
            if event.chain == 2:
                self.action_choose()

    @dataclass
    class Resized(Message):
        """The table changed width (its header must be laid out again)."""

        table: ContactTable

        @property
        def control(self) -> ContactTable:
            return self.table

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self._ids))
        self.post_message(self.Resized(self))
