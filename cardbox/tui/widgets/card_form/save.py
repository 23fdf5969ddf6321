"""Saving what the card form holds, off the UI thread: a new card (after looking for someone
it may already be, and asking), a merge into that person, or an edit; a failure keeps the card.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text

from cardbox.domain.errors import CardboxError
from cardbox.domain.followups import default_note
from cardbox.domain.model import Contact
from cardbox.services.box import Card, Edits
from cardbox.tui.dialogs.lookalikes import Choice, Lookalikes
from cardbox.tui.errors import describe
from cardbox.tui.i18n import _
from cardbox.tui.jobs import alive
from cardbox.tui.keys import hold, release
from cardbox.tui.widgets.card_form import formdata
from cardbox.tui.widgets.render import literal

if TYPE_CHECKING:
    from cardbox.tui.widgets.card_form.form import ContactForm


class CardSaving:
    """The form's saves, each in a thread worker of the form (group ``form-save``); the form
    is told with `ContactForm.saved` once the card is in the box."""

    def __init__(self, form: ContactForm) -> None:
        self.form = form
        self.busy = False
        """True while a save is under way (a second ``ctrl+s`` does nothing). Keys typed
        meanwhile are held, and reach the next card (or the screen below) once the save is
        done."""

    def saving(self) -> None:
        self.busy = True
        hold(self.form)

    def not_saving(self) -> None:
        if self.busy:
            self.busy = False
            release(self.form)

    def _run(self, name: str, work: Any) -> None:
        self.form.run_worker(work, name=name, group="form-save", thread=True)

    def save_new(self, card: Card, follow_up: str, look: bool = True) -> None:
        self._run("save_new", lambda: self._save_new(card, follow_up, look))

    def _save_new(self, card: Card, follow_up: str, look: bool) -> None:
        box = self.form.box
        try:
            if look:
                found = box.lookalikes(box.check(card))
                if found:
                    self.form.app.call_from_thread(
                        alive(self.form, self._ask), card, follow_up, found
                    )
                    return
            # "Save as new" (look=False) means the user said it is someone else.
            contact = box.add(card, follow_up=follow_up, as_new=not look)
        except CardboxError as exc:
            self.form.app.call_from_thread(alive(self.form, self._failed), describe(exc))
            return
        self.form.app.call_from_thread(alive(self.form, self._done), contact)

    def _ask(self, card: Card, follow_up: str, found: list[tuple[Contact, Any]]) -> None:
        def chosen(choice: Choice | None) -> None:
            if choice is None:
                self.form.fields.status(_("Not saved yet: the card is as you left it."))
                return
            self.saving()
            if choice[1] is None:
                self.save_new(card, follow_up, look=False)
            else:
                self.merge(card, follow_up, choice[1])

        self.not_saving()  # the question takes the keys
        self.form.app.push_screen(Lookalikes(found), chosen)

    def merge(self, card: Card, follow_up: str, into: int) -> None:
        self._run("merge", lambda: self._merge(card, follow_up, into))

    def _merge(self, card: Card, follow_up: str, into: int) -> None:
        try:
            merged = self.form.box.add_into(card, into, follow_up=follow_up)
        except CardboxError as exc:
            self.form.app.call_from_thread(alive(self.form, self._failed), describe(exc))
            return
        self.form.app.call_from_thread(alive(self.form, self._done), merged)

    def save_edit(
        self, edits: Edits, talked: str | None, follow_up: str, new_job: bool = False
    ) -> None:
        self._run("save_edit", lambda: self._save_edit(edits, talked, follow_up, new_job))

    def _save_edit(self, edits: Edits, talked: str | None, follow_up: str, new_job: bool) -> None:
        form = self.form
        box = form.box
        assert form.contact is not None and form.contact.id is not None
        cid = form.contact.id
        note = default_note(form.event or "")
        try:
            # The edit, what was talked about and the reminder: one transaction.
            contact = box.save_edit(
                cid,
                edits if formdata.changed_any(edits) else None,
                event=form.event or "",
                talked_about=talked,
                follow_up=follow_up,
                follow_up_note=note,
                new_job=new_job,
            ).contact
        except CardboxError as exc:
            form.app.call_from_thread(alive(form, self._failed), describe(exc))
            return
        form.app.call_from_thread(alive(form, self._done), contact)

    def _done(self, contact: Contact) -> None:
        self.form.saved(contact)
        self.not_saving()

    def _failed(self, message: str) -> None:
        self.not_saving()
        self.form.fields.status(
            Text(_("Not saved: ")) + literal(message.replace("\n", "; "), "red")
        )
