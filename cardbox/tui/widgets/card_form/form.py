"""The card form: one contact, new or edited, typed at speed without the mouse.

``enter`` and ``tab`` move on; ``ctrl+s`` saves; ``escape`` closes, asking first when something
was typed. Readings are suggested from the kanji when a name or company loses focus and shown as
suggested until edited or accepted (``ctrl+r``); a company already in the box is completed
(``→`` accepts) and brings its usual industry; phone numbers are written out when the field is
left; every problem is shown under its field and nothing typed is lost. Saving a new card that
looks like someone already in the box offers to merge into them instead.

Below them come the birthday, web addresses, postal addresses (one per line) and notes: in the
last two, typed over several lines, ``enter`` starts a new line and ``tab`` moves on (``↓`` too,
from the last line).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static, TextArea

from cardbox.domain.errors import InvalidInput
from cardbox.domain.model import Contact, Event
from cardbox.domain.text import normalise
from cardbox.services.box import CardBox, Edits
from cardbox.tui.dialogs.confirm import Confirm
from cardbox.tui.dialogs.industry_picker import IndustryPicker
from cardbox.tui.errors import by_field
from cardbox.tui.i18n import N_, _, localise_bindings, ngettext
from cardbox.tui.keys import drop_typed_ahead, dropped
from cardbox.tui.widgets.card_form import formdata, formextra
from cardbox.tui.widgets.card_form.fields import ROWS, FieldColumn, Fields, row
from cardbox.tui.widgets.card_form.hints import CardHints
from cardbox.tui.widgets.card_form.keys import FieldKeys
from cardbox.tui.widgets.card_form.save import CardSaving
from cardbox.tui.widgets.inputs import SEMICOLONS, ItemSuggester, split_items
from cardbox.tui.widgets.render import literal


class ContactForm(ModalScreen[Contact | None]):
    """A new card (``contact`` None) or an edit; dismissed with the saved contact, or None.

    ``event``: the event the card was met at (a new card gets the meeting, in order, with what
    was talked about; an edit can change what was talked about there). ``session``: part of an
    event session (``ctrl+e`` ends it). ``heading``: a line shown on top (the session counter).

    Built from collaborators it owns: ``fields`` (the field widgets by name), ``hints`` (what it
    suggests as the user types), ``keys`` (where the moving keys go) and ``saver`` (the saves,
    in thread workers); the validation and the cards sent to the service are in `formdata`.
    """

    CSS_PATH = "form.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Save"), priority=True),
        Binding("ctrl+r", "accept_readings", N_("Accept readings"), priority=True),
        Binding("ctrl+o", "pick_industry", N_("Pick industry"), priority=True),
        Binding("ctrl+e", "end_session", N_("End session"), priority=True),
        Binding("escape", "close", N_("Close")),
        # Priority, so that focus moves before the next key is read: fast typing never lands
        # in the field just left.
        Binding("enter", "next_field", N_("Next field"), show=False, priority=True),
        Binding("tab", "focus_next", N_("Next field"), show=False, priority=True),
        Binding("shift+tab", "focus_previous", N_("Previous field"), show=False, priority=True),
        # In notes and addresses these move the cursor, and leave the field from its last line
        # (or its first, going up); see `check_action`.
        Binding("down", "field_down", N_("Next field"), show=False, priority=True),
        Binding("up", "field_up", N_("Previous field"), show=False, priority=True),
    ]

    def __init__(
        self,
        box: CardBox,
        contact: Contact | None = None,
        *,
        event: Event | str | None = None,
        heading: str = "",
        session: bool = False,
        next_card: Callable[[Contact], str] | None = None,
    ) -> None:
        super().__init__()
        localise_bindings(self)
        self.box = box
        self.contact = contact
        self.event = event.name if isinstance(event, Event) else event
        self._default_follow_up = event.follow_up if isinstance(event, Event) else ""
        self.heading = heading
        self.session = session
        self.next_card = next_card
        self.taxonomy = box.taxonomy()
        self.fields = Fields(self)
        self.hints = CardHints(self)
        self.keys = FieldKeys(self, self.fields)
        self.saver = CardSaving(self)
        self._begin(contact)
        self.phone_region = box.region
        self.zone = box.zone

    def _begin(self, contact: Contact | None) -> None:
        """What the form starts from: the contact's values, or a blank card."""
        self.contact = contact
        self.start = formdata.start_values(contact, self.taxonomy, self.event)
        self.readings = formdata.start_readings(contact)
        self.hints.begin(self.start)

    def _alert(self, errors: dict[str, str]) -> None:
        """Above the form: how many fields keep a card from being saved. Keys typed ahead after
        the refused ``ctrl+s`` (meant for the next card) are dropped, never typed into this one."""
        alert = self.query_one("#form-alert", Static)
        alert.set_class(bool(errors), "shown")
        if not errors:
            alert.update("")
            return
        text = ngettext(
            "Not saved: {n} field needs attention (marked in red).",
            "Not saved: {n} fields need attention (marked in red).",
            len(errors),
        ).format(n=len(errors))
        alert.update(Text(text))
        before = dropped(self)
        drop_typed_ahead(self)

        def say_dropped() -> None:
            count = dropped(self) - before
            if count and alert.has_class("shown"):
                alert.update(
                    Text(
                        text
                        + " "
                        + ngettext(
                            "The key typed after ctrl+s was not used.",
                            "The {n} keys typed after ctrl+s were not used.",
                            count,
                        ).format(n=count)
                    )
                )

        self.set_timer(0.2, say_dropped)

    def values(self) -> formdata.Values:
        """What every field holds now."""
        return self.fields.values()

    def saved(self, contact: Contact) -> None:
        """Saved: in logging mode, empty the form for the next card; else close with it."""
        if self.next_card is not None and self.contact is None:
            self._blank(self.next_card(contact))
        else:
            self.dismiss(contact)

    def _blank(self, heading: str) -> None:
        """Empty the form for the next card of a logging session (much faster than a new form,
        so the next card can be typed at once)."""
        self._begin(None)
        self.heading = heading
        self.query_one("#form-heading", Static).update(self._heading_text())
        self.fields.load(self.start)
        self.fields.show_errors({})
        self._alert({})
        self.hints.mark_readings()
        self.fields.status("")
        self.query_one("#form", FieldColumn).scroll_home(animate=False)
        self.fields.input("family_name").focus()
        self.hints.warm_up()  # the companies and tags just typed complete on the next card

    def compose(self) -> ComposeResult:
        yield Static(id="form-alert")
        with FieldColumn(id="form"):
            yield Static(self._heading_text(), id="form-heading")
            default = self._default_follow_up if self.contact is None else ""
            for fields in ROWS:
                yield from row(fields, self.start, default)
            yield Static(id="form-status")
        yield Footer()

    def _heading_text(self) -> Text:
        if self.heading:
            return literal(self.heading, "bold")
        if self.contact is not None:
            return Text(_("Edit card")) + Text(": ") + literal(self.contact.name, "bold")
        if self.event:
            return Text(_("New card")) + Text(" · ") + literal(self.event, "bold")
        return Text(_("New card"), style="bold")

    def on_mount(self) -> None:
        industries = list(self.taxonomy.values())
        self.fields.input("industries").suggester = ItemSuggester(
            ((i.code, i.name_en, i.name_ja, i.name, *i.aliases) for i in industries),
            separators=SEMICOLONS,
        )
        show_talk = self.event is not None and (
            self.contact is None or self.event in self.contact.events
        )
        self.query_one("#row-talked_about").display = show_talk
        for name in formextra.AREAS:
            # What the field gives back unchanged (its lines rejoined): left as it is, the
            # contact's text is kept exactly, whatever line breaks it holds.
            self.start[name] = self.query_one(f"#f-{name}", TextArea).text
        self.hints.mark_readings()
        self.fields.input("family_name").focus()
        self.hints.warm_up()

    @property
    def dirty(self) -> bool:
        """True when something was typed that is not saved."""
        return self.values() != self.start

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        field = self.fields.field_of(event.input)
        hints = self.hints
        if field in formdata.NAME_READINGS and event.value != hints.suggested[field]:
            self.readings.names = True
            hints.mark_readings()
        elif field == "company_reading" and event.value != hints.suggested[field]:
            self.readings.company = True
            hints.mark_readings()
        elif field == "industries" and hints.industry_auto:
            hints.industry_auto = event.value == hints.auto_industry_text()

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        field = self.fields.field_of(event.input)
        values = self.values()
        hints = self.hints
        if field in ("family_name", "given_name") and not self.readings.names:
            names = (values["family_name"], values["given_name"])
            if names != hints.suggested_for["names"]:
                hints.suggest_names(*names)
        elif field == "company":
            full = hints.companies.get(normalise(values["company"]), "")
            if full and full != values["company"]:  # サクラテック -> 株式会社サクラテック
                event.input.value = values["company"] = full
            if not self.readings.company and values["company"] != hints.suggested_for["company"]:
                hints.suggest_company(values["company"])
            hints.industry_from_company(values["company"])
        elif field == "phones" and values["phones"] != self.start["phones"]:
            written = formdata.format_phones(values["phones"], self.phone_region)
            if written != values["phones"]:
                event.input.value = written
        elif field == "birthday" and values["birthday"] != self.start["birthday"]:
            with suppress(InvalidInput):  # shown below: what was typed stays
                event.input.value = formextra.birthday(values["birthday"]) or values["birthday"]
        if field in ("phones", "emails", "industries", "follow_up", "birthday", "urls"):
            self.fields.show_errors(self._problems(), only=field)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if isinstance(event.widget, TextArea) and self.is_attached:
            self.fields.show_errors(self._problems(), only=self.fields.field_of(event.widget))

    def _problems(self) -> dict[str, str]:
        found = formdata.problems(
            self.values(),
            self.start,
            region=self.phone_region,
            taxonomy=self.taxonomy,
            zone=self.zone,
        )
        return by_field(found)  # each problem translated at its field

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "end_session":
            return self.session
        return self.keys.allows(action)

    def action_next_field(self) -> None:
        self.keys.next_field()

    def action_focus_next(self) -> None:
        self.focus_next()

    def action_focus_previous(self) -> None:
        self.focus_previous()

    def action_field_down(self) -> None:
        self.focus_next()

    def action_field_up(self) -> None:
        self.focus_previous()

    def action_accept_readings(self) -> None:
        self.hints.accept_readings()

    def action_pick_industry(self) -> None:
        field = self.fields.input("industries")
        items = split_items(field.value, SEMICOLONS)
        known = formdata.industry_codes(field.value, self.taxonomy)
        partial = items[-1] if items and known[-1] not in self.taxonomy else ""

        def picked(code: str | None) -> None:
            field.focus()
            if code is None:
                return
            kept = items[:-1] if partial else items
            field.value = "; ".join([*kept, formdata.industry_label(code, self.taxonomy)])
            self.hints.industry_auto = False
            self.fields.show_errors(self._problems(), only="industries")

        self.app.push_screen(IndustryPicker(list(self.taxonomy.values()), partial), picked)

    def action_close(self) -> None:
        if self.saver.busy:
            return
        if not self.dirty:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        question = _("Discard this card?") if self.contact is None else _("Discard your changes?")
        self.app.push_screen(Confirm(question, _("Discard"), _("Keep editing")), answered)

    def action_end_session(self) -> None:
        self.action_close()

    def action_save(self) -> None:
        if self.saver.busy:
            return
        errors = self._problems()
        self.fields.show_errors(errors)
        self._alert(errors)
        if errors:
            first = self.fields.field(next(f for f in formdata.FIELDS if f in errors))
            first.focus()
            if isinstance(first, Input):  # the cursor at the end, the text not selected
                self.call_after_refresh(first.action_end)
            self.fields.status(_("Not saved: please fix the fields marked in red."), "red")
            return
        values = self.values()
        self.saver.saving()
        self.fields.status(_("Saving…"))
        if self.contact is None:
            card = formdata.new_card(values, self.readings, self.event, self.taxonomy)
            self.saver.save_new(card, values["follow_up"].strip())
        else:
            edits = formdata.edits(
                self.contact,
                self.start,
                values,
                self.readings,
                region=self.phone_region,
                taxonomy=self.taxonomy,
            )
            talked = values["talked_about"]
            talk = talked if talked != self.start["talked_about"] else None
            follow_up = values["follow_up"].strip()
            if self.contact.company.strip() and ({"company", "title"} & set(edits.set)):
                self._ask_new_job(edits, talk, follow_up)
            else:
                self.saver.save_edit(edits, talk, follow_up)

    def _ask_new_job(self, edits: Edits, talk: str | None, follow_up: str) -> None:
        """A changed company or title: a new job (the old one goes to the job history) or a
        correction of the card?"""
        assert self.contact is not None
        question = _(
            "{name} now has another company or title. Is it a new job (the old one is kept in "
            "the job history), or a correction of the card?"
        ).format(name=self.contact.name)

        def answered(new_job: bool | None) -> None:
            self.saver.saving()
            self.saver.save_edit(edits, talk, follow_up, bool(new_job))

        self.saver.not_saving()  # the question takes the keys
        self.app.push_screen(Confirm(question, _("New job"), _("Correction")), answered)
