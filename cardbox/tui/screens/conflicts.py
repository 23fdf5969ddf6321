"""Sync conflicts in the merge screen: fields both cardbox and the address book changed since the
last sync. One screen per contact and account: cardbox's value on the left, the server's (the one
in the card now, ticked at first) on the right; ``left``/``1`` and ``right``/``2`` choose, and
``ctrl+s`` settles them all (`syncing.resolve`; cardbox's values go to the server at the next
sync). ``escape`` leaves them for later. Dismissed with the contact, or None when cancelled."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.binding import Binding, BindingType
from textual.widgets import Button, DataTable, Static

from cardbox.domain.errors import CardboxError
from cardbox.domain.merge import FieldChoice
from cardbox.domain.model import Contact
from cardbox.services import syncing
from cardbox.services.box import CardBox
from cardbox.tui.errors import describe
from cardbox.tui.i18n import N_, _
from cardbox.tui.jobs import alive
from cardbox.tui.screens.merge import LABEL_W, MergeScreen, field_label
from cardbox.tui.widgets.render import literal


def conflict_label(name: str) -> str:
    """A synced field's name in the UI language."""
    names = {
        "phones": _("Phones"),
        "emails": _("E-mails"),
        "addresses": _("Addresses"),
        "urls": _("URLs"),
        "meetings": _("Meetings"),
        "industries": _("Industries"),
        "tags": _("Tags"),
        "photo": _("Photo"),
        "extra": _("Other name parts"),
    }
    return names.get(name) or field_label(name)


def groups(found: list[syncing.ConflictRow]) -> list[list[syncing.ConflictRow]]:
    """Conflicts by contact and account (one screen each), in the order first found."""
    out: dict[tuple[str, str], list[syncing.ConflictRow]] = {}
    for c in found:
        out.setdefault((c.account, c.uid), []).append(c)
    return list(out.values())


class ConflictScreen(MergeScreen):
    """Settle the sync conflicts ``rows`` (one contact, one account) field by field."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "merge", N_("Keep these"), priority=True),  # MergeScreen's others stay
    ]

    def __init__(self, box: CardBox, rows: list[syncing.ConflictRow]) -> None:
        cid = rows[0].contact_id or 0
        super().__init__(box, cid, cid)
        self.rows = rows
        self.settled = False
        """True once the conflicts are resolved (not when the screen was cancelled)."""

    @work(thread=True, exclusive=True, group="merge")
    def _load(self) -> None:
        try:
            contact = self.box.get(self.keep_id, trash=None) if self.keep_id else None
        except CardboxError as exc:
            self.app.call_from_thread(alive(self, self._say), literal(describe(exc), "red"))
            contact = None
        self.app.call_from_thread(alive(self, self._show_conflicts), contact)

    def _show_conflicts(self, contact: Contact | None) -> None:
        self._kept = self._gone = contact
        self._choices = [FieldChoice(r.field, r.here, r.there, r.there) for r in self.rows]
        self._sides = {c.field: "right" for c in self._choices}
        first = self.rows[0]
        title = Text(
            _("Sync conflict with {account}: both sides changed these fields.").format(
                account=first.account
            ),
            "bold",
        )
        title.append("\n")
        title.append(
            _("Choose the value to keep on each row; the server's is in the card now."),
            style="dim",
        )
        self.query_one("#merge-title", Static).update(title)
        table = self.query_one("#merge-fields", DataTable)
        side_w = max(10, (self.app.size.width - LABEL_W - 16) // 2)
        table.add_column(_("Field"), width=LABEL_W, key="field")
        who = literal(first.name or "?", "bold")
        table.add_column(Text(_("cardbox (left): ")) + who, width=side_w, key="left")
        table.add_column(Text(_("server (right): ")) + who, width=side_w, key="right")
        for c in self._choices:
            table.add_row(Text(conflict_label(c.field)), Text(), Text(), key=c.field)
            self._paint(c)
        self.query_one("#merge-lists", Static).display = False
        self.query_one("#merge-note", Static).display = False
        button = self.query_one("#merge-do", Button)
        button.label = _("Keep these (ctrl+s)")
        button.tooltip = _("Keep the values ticked (key ctrl+s)")
        if contact is None:
            self._say(literal(_("The contact was purged: only the server's values can be kept.")))
        button.disabled = False
        table.focus()

    def _note(self) -> None:
        """Nothing goes into the notes: the values not kept are the ones replaced."""

    def action_step(self, direction: int) -> None:
        c = self._current()
        if c is not None:
            self._set(c, "left" if direction < 0 else "right")

    def action_merge(self) -> None:
        if self._kept is None and any(s == "left" for s in self._sides.values()):
            self._say(literal(_("The contact was purged: only the server's values can be kept.")))
            return
        self.query_one("#merge-do", Button).disabled = True
        self._say(Text(_("Saving…")))
        self._settle(dict(self._sides))

    @work(thread=True, exclusive=True, group="merge")
    def _settle(self, sides: dict[str, str]) -> None:
        ids = {side: [r.id for r in self.rows if sides[r.field] == side] for side in SIDES_KEPT}
        try:
            for side, keep in SIDES_KEPT.items():
                if ids[side]:
                    syncing.resolve(self.box, ids[side], keep)
            contact = self.box.get(self.keep_id, trash=None) if self.keep_id else None
        except CardboxError as exc:
            self.app.call_from_thread(alive(self, self._failed), describe(exc))
            return
        self.app.call_from_thread(alive(self, self._settled), contact)

    def _settled(self, contact: Contact | None) -> None:
        self.settled = True
        self.dismiss(contact)


SIDES_KEPT = {"left": syncing.KEEP_HERE, "right": syncing.KEEP_THERE}


def open_next(box: CardBox, push: Callable[..., object], done: Callable[[], None]) -> bool:
    """Push a `ConflictScreen` for the first unresolved conflicts, then the next after each is
    settled (``done`` after each); False when there are none."""
    found = groups(syncing.conflicts(box))
    if not found:
        return False

    screen = ConflictScreen(box, found[0])

    def after(_result: Contact | None) -> None:
        done()
        if screen.settled:
            open_next(box, push, done)

    push(screen, after)
    return True
