"""Logging mode: pick or create the event once, then type card after card.

Each card opens in the card form with the event, its place in the evening's order and a
counter; ``ctrl+s`` saves it and opens the next blank one. ``ctrl+e`` (or ``escape`` on an empty
card) ends the session with a review of the cards logged, missing fields highlighted; ``enter``
opens one to fix, ``n`` logs more.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from cardbox.domain.errors import CardboxError
from cardbox.domain.model import Contact, Event, Industry
from cardbox.domain.readings import has_japanese
from cardbox.services.box import CardBox
from cardbox.tui.dialogs.event_picker import EventPicker
from cardbox.tui.i18n import N_, _, localise_bindings, ngettext
from cardbox.tui.widgets.card_form.form import ContactForm
from cardbox.tui.widgets.render import literal
from cardbox.tui.widgets.sidebar import industry_name


def event_line(event: Event) -> Text:
    """``name · date · venue`` of an event, literally."""
    parts = [event.name, event.date.isoformat() if event.date else "", event.venue]
    return literal(" · ".join(p for p in parts if p))


MISSING = "bold red reverse"


def missing(text: str) -> Text:
    """A cell for a field the card lacks."""
    return Text(text, style=MISSING)


class EventSession(Screen[None]):
    """Log the cards of one event, one after another, then review them.

    ``event``: the event to log at; None asks for one first (new, or one already in the box).
    """

    CSS_PATH = "session.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_card", N_("Log another card")),
        Binding("enter", "fix", N_("Fix the highlighted card")),
        Binding("escape", "close", N_("Close")),
    ]

    def __init__(self, box: CardBox, event: Event | None = None) -> None:
        super().__init__()
        localise_bindings(self)
        self.box = box
        self.event = event
        self.logged: list[int] = []
        """Ids of the contacts logged in this session, in the order they were saved."""
        self._before = event.contact_count if event is not None else 0

    def compose(self) -> ComposeResult:
        with Vertical(id="session"):
            yield Static(id="session-title")
            yield Static(id="session-summary")
            table: DataTable[Text] = DataTable(
                id="session-cards", cursor_type="row", zebra_stripes=True
            )
            yield table
            yield Static(
                _("enter: fix the highlighted card · n: log another card · escape: close"),
                id="session-help",
            )
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#session-cards", DataTable)
        for label in (
            "#",
            _("Name"),
            _("Reading"),
            _("Company"),
            _("Phone"),
            _("E-mail"),
            _("Industry"),
        ):
            table.add_column(label)
        if self.event is None:
            self.app.push_screen(EventPicker(self.box), self._picked)
        else:
            self._picked(self.event)

    def _picked(self, event: Event | None) -> None:
        if event is None:
            self.dismiss(None)
            return
        self.event = event
        self._before = event.contact_count
        self.query_one("#session-title", Static).update(
            Text(_("Logging cards from"), style="bold") + Text(" ") + event_line(event)
        )
        self.action_next_card()

    # -- logging ------------------------------------------------------------------------

    def _heading(self) -> str:
        assert self.event is not None
        return _("{event} · card {number} · {saved} saved").format(
            event=self.event.name,
            number=self._before + len(self.logged) + 1,
            saved=len(self.logged),
        )

    def action_next_card(self) -> None:
        """The card form, for card after card: each saved card empties it for the next."""
        if self.event is None:
            return
        form = ContactForm(
            self.box,
            event=self.event,
            heading=self._heading(),
            session=True,
            next_card=self._logged_one,
        )
        self.app.push_screen(form, self._after_card)

    def _logged_one(self, contact: Contact) -> str:
        """A card was saved: count it; the heading of the next one."""
        if contact.id is not None and contact.id not in self.logged:
            self.logged.append(contact.id)
        return self._heading()

    def _after_card(self, contact: Contact | None) -> None:
        if contact is not None and contact.id is not None:  # (a form not in logging mode)
            self._logged_one(contact)
        # Once this screen is showing again (a table filled while hidden keeps stale widths).
        self.call_after_refresh(self._review)

    # -- review -------------------------------------------------------------------------

    def _review(self) -> None:
        """Show the session's cards, what is missing in red."""
        table = self.query_one("#session-cards", DataTable)
        table.clear()
        taxonomy = self.box.taxonomy()
        gaps = 0
        for contact in self._contacts():
            row = self._row(contact, taxonomy)
            gaps += any(cell.style == MISSING for cell in row)
            table.add_row(*row, key=str(contact.id))
        count = len(self.logged)
        summary = ngettext("{n} card logged", "{n} cards logged", count).format(n=count)
        if gaps:
            summary += " · " + ngettext(
                "{n} with missing fields", "{n} with missing fields", gaps
            ).format(n=gaps)
        if not count:
            summary = _("No cards logged yet: press n to log one.")
        self.query_one("#session-summary", Static).update(Text(summary))
        table.focus()

    def _contacts(self) -> list[Contact]:
        found = []
        for cid in self.logged:
            try:
                found.append(self.box.get(cid))
            except CardboxError:  # merged away or trashed meanwhile
                continue
        return found

    def _row(self, c: Contact, taxonomy: Mapping[str, Industry]) -> list[Text]:
        name = self.event.name if self.event else ""
        meeting = next((m for m in c.meetings if m.event == name), None)
        position = Text(str(meeting.position) if meeting and meeting.position else "")
        if c.reading:
            reading = literal(c.reading, "" if c.reading_confirmed else "italic yellow")
        elif has_japanese(c.family_name + c.given_name):
            reading = missing(_("no reading"))
        else:
            reading = Text("")
        industry = ", ".join(
            industry_name(taxonomy[code]) if code in taxonomy else code for code in c.industries
        )
        return [
            position,
            literal(c.name) if c.name else missing(_("no name")),
            reading,
            literal(c.company) if c.company else missing(_("no company")),
            literal(c.phones[0].text) if c.phones else missing(_("no phone")),
            literal(c.emails[0].address) if c.emails else missing(_("no e-mail")),
            literal(industry) if industry else missing(_("no industry")),
        ]

    def action_fix(self) -> None:
        table = self.query_one("#session-cards", DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        try:
            contact = self.box.get(int(key or 0))
        except CardboxError:
            return
        self.app.push_screen(ContactForm(self.box, contact, event=self.event), self._after_fix)

    def _after_fix(self, _contact: Contact | None) -> None:
        self.call_after_refresh(self._review)

    @on(DataTable.RowSelected, "#session-cards")
    def _selected(self) -> None:
        self.action_fix()

    def action_close(self) -> None:
        self.dismiss(None)
