"""Saving what the card form holds, off the UI thread: a new card (after looking for someone
it may already be, and asking), a merge into that person, or an edit; a failure keeps the card.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import work
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from cardbox.domain.errors import CardboxError
from cardbox.domain.followups import default_note
from cardbox.domain.model import Contact
from cardbox.services.box import Card, CardBox, Edits
from cardbox.tui import formdata
from cardbox.tui.dialogs import Choice, Lookalikes
from cardbox.tui.errors import describe
from cardbox.tui.i18n import _
from cardbox.tui.keys import hold, release
from cardbox.tui.render import literal


class CardSaving(ModalScreen[Contact | None]):
    """The saving half of `cardbox.tui.form.ContactForm` (which sets these attributes)."""

    box: CardBox
    contact: Contact | None
    """The contact being edited; None for a new card."""
    event: str | None
    _busy: bool
    """True while a save is under way (a second ``ctrl+s`` does nothing). Keys typed meanwhile
    are held, and reach the next card (or the screen below) once the save is done."""
    next_card: Callable[[Contact], str] | None
    """In logging mode: told of each new card saved, gives the heading of the next one (the
    form then empties itself for it rather than closing)."""

    def _saving(self) -> None:
        self._busy = True
        hold(self)

    def _not_saving(self) -> None:
        if self._busy:
            self._busy = False
            release(self)

    def _done(self, contact: Contact) -> None:
        """Saved: in logging mode, empty the form for the next card; else close with it."""
        if self.next_card is not None and self.contact is None:
            self._blank(self.next_card(contact))
            self._not_saving()
            return
        self.dismiss(contact)
        self._not_saving()

    def _blank(self, heading: str) -> None:
        raise NotImplementedError

    def _input(self, field: str) -> Input:
        return self.query_one(f"#f-{field}", Input)

    def _field(self, field: str) -> Widget:
        """The widget of a field: an `Input`, or a `TextArea` for notes and addresses."""
        return self.query_one(f"#f-{field}")

    def values(self) -> formdata.Values:
        """What every field holds now."""
        out = {}
        for name in formdata.FIELDS:
            widget = self._field(name)
            out[name] = widget.text if isinstance(widget, TextArea) else self._input(name).value
        return out

    def _status(self, text: Text | str, style: str = "") -> None:
        self.query_one("#form-status", Static).update(
            text if isinstance(text, Text) else Text(text, style=style)
        )

    @work(thread=True, group="form-save")
    def _save_new(self, card: Card, follow_up: str, look: bool = True) -> None:
        try:
            if look:
                found = self.box.lookalikes(self.box.check(card))
                if found:
                    self.app.call_from_thread(self._ask, card, follow_up, found)
                    return
            # "Save as new" (look=False) means the user said it is someone else.
            contact = self.box.add(card, follow_up=follow_up, as_new=not look)
        except CardboxError as exc:
            self.app.call_from_thread(self._failed, describe(exc))
            return
        self.app.call_from_thread(self._done, contact)

    def _ask(self, card: Card, follow_up: str, found: list[tuple[Contact, Any]]) -> None:
        def chosen(choice: Choice | None) -> None:
            if choice is None:
                self._status(_("Not saved yet: the card is as you left it."))
                return
            self._saving()
            if choice[1] is None:
                self._save_new(card, follow_up, look=False)
            else:
                self._merge(card, follow_up, choice[1])

        self._not_saving()  # the question takes the keys
        self.app.push_screen(Lookalikes(found), chosen)

    @work(thread=True, group="form-save")
    def _merge(self, card: Card, follow_up: str, into: int) -> None:
        try:
            merged = self.box.add_into(card, into, follow_up=follow_up)
        except CardboxError as exc:
            self.app.call_from_thread(self._failed, describe(exc))
            return
        self.app.call_from_thread(self._done, merged)

    @work(thread=True, group="form-save")
    def _save_edit(
        self, edits: Edits, talked: str | None, follow_up: str, new_job: bool = False
    ) -> None:
        assert self.contact is not None and self.contact.id is not None
        cid = self.contact.id
        note = default_note(self.event or "")
        try:
            # The edit, what was talked about and the reminder: one transaction.
            contact = self.box.save_edit(
                cid,
                edits if formdata.changed_any(edits) else None,
                event=self.event or "",
                talked_about=talked,
                follow_up=follow_up,
                follow_up_note=note,
                new_job=new_job,
            ).contact
        except CardboxError as exc:
            self.app.call_from_thread(self._failed, describe(exc))
            return
        self.app.call_from_thread(self._done, contact)

    def _failed(self, message: str) -> None:
        self._not_saving()
        self._status(Text(_("Not saved: ")) + literal(message.replace("\n", "; "), "red"))
