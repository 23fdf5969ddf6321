"""Choosing the event a logging session is for: a new one, or one already in the box."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import ClassVar
from zoneinfo import ZoneInfo

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from cardbox.domain.dates import parse_when
from cardbox.domain.errors import CardboxError, InvalidInput
from cardbox.domain.model import Event
from cardbox.domain.text import printable
from cardbox.services.box import CardBox
from cardbox.tui.errors import describe
from cardbox.tui.i18n import N_, _, localise_bindings, ngettext
from cardbox.tui.jobs import alive
from cardbox.tui.widgets.inputs import SafeInput
from cardbox.tui.widgets.render import literal

FIELDS: tuple[tuple[str, str, str], ...] = (
    ("name", N_("Event"), N_("e.g. 渋谷異業種交流会 2026秋")),
    ("date", N_("Date"), N_("YYYY-MM-DD")),
    ("venue", N_("Venue"), N_("e.g. 渋谷ヒカリエ")),
    ("follow_up", N_("Follow up"), N_("e.g. 3d: every card logged gets a reminder (optional)")),
    ("follow_up_note", N_("Reminder note"), N_("e.g. お礼メール")),
)


def event_option(event: Event) -> Text:
    line = literal(event.name, "bold")
    when = event.date.isoformat() if event.date else ""
    line.append(f"  {when}  ")
    line.append_text(literal(event.venue, "dim"))
    count = ngettext("{n} card", "{n} cards", event.contact_count).format(n=event.contact_count)
    line.append(f"  {count}", style="italic")
    line.no_wrap, line.overflow = True, "ellipsis"
    return line


class _Column(VerticalScroll, can_focus=False):
    """The dialog's column (tab goes field to field, never to the column itself)."""


class EventPicker(ModalScreen[Event | None]):
    """The event to log cards at: type a new one (``ctrl+s`` or ``enter`` on the last field
    starts), or pick one already in the box from the list (``enter``). None when cancelled."""

    CSS_PATH = "event_picker.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", N_("Start with the new event"), priority=True),
        Binding("escape", "cancel", N_("Cancel")),
        Binding("tab", "focus_next", N_("Next field"), show=False, priority=True),
        Binding("shift+tab", "focus_previous", N_("Previous field"), show=False, priority=True),
    ]

    def __init__(self, box: CardBox) -> None:
        super().__init__()
        localise_bindings(self)
        self.box = box
        self._busy = False
        self._events: dict[str, Event] = {}

    def compose(self) -> ComposeResult:
        with _Column(id="event-picker"):
            yield Static(Text(_("Log cards from an event"), style="bold"))
            yield Static(_("A new event:"), classes="section")
            for field, label, hint in FIELDS:
                with Horizontal(classes="row"):
                    yield Label(_(label))
                    yield SafeInput(
                        date.today().isoformat() if field == "date" else "",
                        placeholder=_(hint),
                        id=f"e-{field}",
                        compact=True,
                        tooltip=_(hint),
                    )
            yield Static(id="event-error")
            yield Static(_("Or continue one already in your box (enter picks):"), classes="section")
            yield OptionList(id="event-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#e-name", Input).focus()
        self._load()

    @work(thread=True, group="events")
    def _load(self) -> None:
        events = self.box.events()
        self.app.call_from_thread(alive(self, self._fill), events)

    def _fill(self, events: list[Event]) -> None:
        self._events = {str(e.id): e for e in events}
        options = self.query_one("#event-list", OptionList)
        options.set_options(Option(event_option(e), id=str(e.id)) for e in events)
        options.display = bool(events)
        if events:
            options.highlighted = 0

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == f"e-{FIELDS[-1][0]}":
            self.action_start()
        else:
            self.focus_next()

    @on(OptionList.OptionSelected, "#event-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        chosen = self._events.get(event.option.id or "")
        if chosen is not None:
            self.dismiss(chosen)

    def _value(self, field: str) -> str:
        return self.query_one(f"#e-{field}", Input).value.strip()

    def _error(self, field: str, message: str) -> None:
        self.query_one("#event-error", Static).update(Text(printable(message), style="red"))
        self.query_one(f"#e-{field}", Input).focus()

    def action_start(self) -> None:
        if self._busy:
            return
        if not self._value("name"):
            self._error("name", _("Type a name for the new event, or pick one from the list."))
            return
        when = self._value("date")
        try:
            if when:
                date.fromisoformat(when)
        except ValueError:
            self._error("date", _("Date: write it as YYYY-MM-DD, e.g. 2026-10-15."))
            return
        if self._value("follow_up"):
            zone = ZoneInfo(self.box.zone)
            try:
                parse_when(self._value("follow_up"), datetime.now(UTC).astimezone(zone), zone)
            except InvalidInput as exc:
                self._error("follow_up", describe(exc))
                return
        self._busy = True
        self._create({f: self._value(f) for f, _l, _h in FIELDS})

    @work(thread=True, group="events")
    def _create(self, values: dict[str, str]) -> None:
        try:
            event = self.box.add_event(
                values["name"],
                date=values["date"] or None,
                venue=values["venue"],
                follow_up=values["follow_up"],
                follow_up_note=values["follow_up_note"],
            )
        except CardboxError as exc:
            self.app.call_from_thread(alive(self, self._failed), describe(exc))
            return
        self.app.call_from_thread(alive(self, self.dismiss), event)

    def _failed(self, message: str) -> None:
        self._busy = False
        self._error("name", message)

    def action_focus_next(self) -> None:
        self.focus_next()

    def action_focus_previous(self) -> None:
        self.focus_previous()

    def action_cancel(self) -> None:
        self.dismiss(None)
