"""Merging two contacts field by field: the kept contact on the left, the one merged into it on
the right, one row per single-valued field on which they differ.

``up``/``down`` move between fields; ``left``/``1`` keep the left value, ``right``/``2`` the right
one, ``b`` both (notes only; ``left``/``right`` also step through it); the default on every row
is what ``cardbox merge`` would keep. Phones, e-mails, addresses, URLs, events, industries, tags,
interactions and reminders of both are always kept. ``ctrl+s`` (or the Merge button) merges in
one transaction (`CardBox.merge` with the choices; ``cardbox undo-merge`` takes it back);
``escape`` cancels without a change. Dismissed with the merged contact, or None.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Footer, Static

from cardbox.domain.errors import CardboxError, InvalidInput
from cardbox.domain.merge import FieldChoice, field_choices, merge_contacts
from cardbox.domain.model import Contact, Industry
from cardbox.domain.text import printable
from cardbox.services.box import CardBox
from cardbox.tui.errors import describe
from cardbox.tui.i18n import N_, _, localise_bindings
from cardbox.tui.jobs import alive
from cardbox.tui.widgets.render import literal, pad

SIDES = ("left", "both", "right")
"""A row's choices, in the order ``left`` and ``right`` step through them."""
LABEL_W = 16


def field_label(name: str) -> str:
    """A contact field's name in the UI language."""
    names = {
        "family_name": _("Family name"),
        "given_name": _("Given name"),
        "middle_name": _("Middle name"),
        "name_prefix": _("Name prefix"),
        "name_suffix": _("Name suffix"),
        "family_reading": _("Family reading"),
        "given_reading": _("Given reading"),
        "company": _("Company"),
        "company_reading": _("Company reading"),
        "department": _("Department"),
        "title": _("Title"),
        "notes": _("Notes"),
        "birthday": _("Birthday"),
    }
    return names.get(name, name)


def default_side(c: FieldChoice) -> str:
    """The side `merge_contacts` keeps on its own: ``left``, ``right`` or ``both``."""
    if c.default == c.left:
        return "left"
    return "right" if c.default == c.right else "both"


def value_of(c: FieldChoice, side: str) -> str:
    """The value a side stands for."""
    return {"left": c.left, "right": c.right}.get(side, c.default)


def cell(value: str, chosen: bool) -> Text:
    """One side of a row: its value (first line of notes), ticked when it is the one kept."""
    first, *rest = value.splitlines() or [""]
    out = Text(no_wrap=True, overflow="ellipsis")
    out.append("✓ " if chosen else "  ", style="bold green")
    if not value:
        out.append(_("(empty)"), style="italic dim")
    else:
        out.append(printable(first) + (" …" if rest else ""), style="bold" if chosen else "dim")
    return out


def kept_lists(merged: Contact, taxonomy: Mapping[str, Industry]) -> Text:
    """What the merge keeps of both, list by list."""
    out = Text()
    out.append(_("Kept from both"), style="bold")
    rows = (
        (_("Phones"), [p.text or p.e164 for p in merged.phones]),
        (_("E-mails"), [e.address for e in merged.emails]),
        (_("Addresses"), [a.one_line() for a in merged.addresses]),
        (_("URLs"), [u.url for u in merged.urls]),
        (_("Events"), list(merged.events)),
        (_("Industries"), [taxonomy[i].name if i in taxonomy else i for i in merged.industries]),
        (_("Tags"), list(merged.tags)),
    )
    for label, values in rows:
        out.append("\n")
        out.append(pad(label, LABEL_W), style="dim")
        out.append(printable(", ".join(values)) if values else "-")
    out.append("\n")
    out.append(
        _("Interactions, reminders and the job history of both move to the kept contact."),
        style="italic dim",
    )
    return out


class MergeScreen(ModalScreen[Contact | None]):
    """Merge ``other_id`` into ``keep_id``, choosing field by field; dismissed with the merged
    contact (its merge id in `merge_id`), or None when cancelled."""

    CSS_PATH = "merge.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("ctrl+s", "merge", N_("Merge"), priority=True),
        Binding("left", "step(-1)", N_("Left"), priority=True),
        Binding("right", "step(1)", N_("Right"), priority=True),
        Binding("1", "choose('left')", N_("Keep left"), show=False),
        Binding("2", "choose('right')", N_("Keep right"), show=False),
        Binding("b", "choose('both')", N_("Both (notes)"), show=False),
    ]

    def __init__(self, box: CardBox, keep_id: int, other_id: int) -> None:
        super().__init__()
        localise_bindings(self)
        self.box = box
        self.keep_id = keep_id
        self.other_id = other_id
        self.merge_id: int | None = None
        """The merge's id once it is done (for `CardBox.undo_merge`)."""
        self._kept: Contact | None = None
        self._gone: Contact | None = None
        self._taxonomy: Mapping[str, Industry] = {}
        self._choices: list[FieldChoice] = []
        self._sides: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="merge"):
            yield Static(_("Reading both contacts…"), id="merge-title")
            yield DataTable(id="merge-fields", cursor_type="row", zebra_stripes=True)
            yield Static(id="merge-note")
            yield Static(id="merge-lists")
            yield Static(id="merge-status")
            with Horizontal(id="merge-buttons"):
                yield Button(
                    _("Merge (ctrl+s)"),
                    id="merge-do",
                    variant="primary",
                    disabled=True,
                    tooltip=_("Merge the right contact into the left one (key ctrl+s)"),
                )
                yield Button(
                    _("Cancel (esc)"),
                    id="merge-cancel",
                    tooltip=_("Close without merging (key escape)"),
                )
        yield Footer()

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="merge")
    def _load(self) -> None:
        try:
            if self.keep_id == self.other_id:
                raise InvalidInput("merge.same")
            kept, gone = self.box.get(self.keep_id), self.box.get(self.other_id)
            taxonomy = self.box.taxonomy()
        except CardboxError as exc:
            self.app.call_from_thread(alive(self, self._say), literal(describe(exc), "red"))
            return
        self.app.call_from_thread(alive(self, self._show), kept, gone, taxonomy)

    def _show(self, kept: Contact, gone: Contact, taxonomy: Mapping[str, Industry]) -> None:
        self._kept, self._gone, self._taxonomy = kept, gone, taxonomy
        self._choices = field_choices(kept, gone)
        self._sides = {c.field: default_side(c) for c in self._choices}
        title = Text(_("Merge two contacts: choose the value to keep on each row."), "bold")
        self.query_one("#merge-title", Static).update(title)
        table = self.query_one("#merge-fields", DataTable)
        side_w = max(10, (self.app.size.width - LABEL_W - 16) // 2)
        table.add_column(_("Field"), width=LABEL_W, key="field")
        table.add_column(self._heading(_("Keep (left)"), kept), width=side_w, key="left")
        table.add_column(self._heading(_("Merge in (right)"), gone), width=side_w, key="right")
        for c in self._choices:
            table.add_row(Text(field_label(c.field)), Text(), Text(), key=c.field)
            self._paint(c)
        if not self._choices:
            table.add_row(Text(_("No field differs."), "dim"), Text(), Text())
        self.query_one("#merge-lists", Static).update(kept_lists(self._preview(), taxonomy))
        self._note()
        self.query_one("#merge-do", Button).disabled = False
        table.focus()

    @staticmethod
    def _heading(side: str, c: Contact) -> Text:
        out = Text(f"{side}: ", no_wrap=True, overflow="ellipsis")
        out.append_text(literal(c.name or c.company, "bold"))
        out.append(f"  #{c.id}", style="dim")
        return out

    def _paint(self, c: FieldChoice) -> None:
        table = self.query_one("#merge-fields", DataTable)
        side = self._sides[c.field]
        table.update_cell(c.field, "left", cell(c.left, side in ("left", "both")))
        table.update_cell(c.field, "right", cell(c.right, side in ("right", "both")))

    def _preview(self) -> Contact:
        assert self._kept is not None and self._gone is not None
        return merge_contacts(self._kept, self._gone, self.choices())

    def _note(self) -> None:
        """Show what the merge writes into the notes (the values not kept)."""
        merged = self._preview()
        last = merged.notes.splitlines()[-1] if merged.notes else ""
        note = self.query_one("#merge-note", Static)
        if last.startswith("Merged from "):
            text = Text(_("Added to the notes, so nothing is lost: "), style="dim")
            text.append_text(literal(last))
            note.update(text)
        else:
            note.update("")

    def _say(self, message: Text) -> None:
        self.query_one("#merge-status", Static).update(message)

    # -- choosing -------------------------------------------------------------------------------

    def choices(self) -> dict[str, str]:
        """The value chosen for every differing field."""
        by_field = {c.field: c for c in self._choices}
        return {name: value_of(by_field[name], side) for name, side in self._sides.items()}

    def _current(self) -> FieldChoice | None:
        table = self.query_one("#merge-fields", DataTable)
        if not self._choices or not 0 <= table.cursor_row < len(self._choices):
            return None
        return self._choices[table.cursor_row]

    def _set(self, c: FieldChoice, side: str) -> None:
        self._sides[c.field] = side
        self._paint(c)
        self._note()

    def action_choose(self, side: str) -> None:
        c = self._current()
        if c is None:
            return
        if side == "both" and c.both is None:
            self._say(Text(_("Only notes that both contacts have can be kept both.")))
            return
        self._set(c, side)

    def action_step(self, direction: int) -> None:
        c = self._current()
        if c is None:
            return
        sides = [s for s in SIDES if s != "both" or c.both is not None]
        at = sides.index(self._sides[c.field])
        self._set(c, sides[max(0, min(len(sides) - 1, at + direction))])

    # -- merging --------------------------------------------------------------------------------

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_merge(self) -> None:
        if self._kept is None or self._gone is None:
            return
        self.query_one("#merge-do", Button).disabled = True
        self._say(Text(_("Merging…")))
        self._merge(self.choices())

    @work(thread=True, exclusive=True, group="merge")
    def _merge(self, choices: dict[str, str]) -> None:
        try:
            merged, merge_id = self.box.merge(self.keep_id, self.other_id, choices=choices)
        except CardboxError as exc:
            self.app.call_from_thread(alive(self, self._failed), describe(exc))
            return
        self.app.call_from_thread(alive(self, self._done), merged, merge_id)

    def _failed(self, message: str) -> None:
        self._say(literal(_("Not merged: {reason}").format(reason=message), "red"))
        self.query_one("#merge-do", Button).disabled = False

    def _done(self, merged: Contact, merge_id: int) -> None:
        self.merge_id = merge_id
        self.dismiss(merged)

    @on(Button.Pressed, "#merge-do")
    def _merge_pressed(self) -> None:
        self.action_merge()

    @on(Button.Pressed, "#merge-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
