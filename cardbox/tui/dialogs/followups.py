"""Dialogs of the follow-up screens: a time as people type it, a new reminder, a logged interaction.

Each is a typed modal screen. What is typed is checked as it is typed (the time it reads as, or
why it cannot be read, shown under the input with examples); ``enter`` saves only input that
reads, so nothing typed is ever lost to an error, and ``escape`` cancels.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar, TypeVar
from zoneinfo import ZoneInfo

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, Select, Static

from cardbox.domain import dates as when_rules
from cardbox.domain.errors import InvalidInput
from cardbox.domain.model import INTERACTION_KINDS
from cardbox.tui.errors import describe
from cardbox.tui.i18n import N_, _, localise_bindings
from cardbox.tui.widgets.render import literal

T = TypeVar("T")

EXAMPLES = "3d, tomorrow 10:00, next monday, 12/1, 2026-12-01 09:30, 12月1日"


def kind_label(kind: str) -> str:
    """The name of an interaction kind in the UI language."""
    labels = {
        "met": _("Met"),
        "call": _("Call"),
        "email": _("E-mail"),
        "meeting": _("Meeting"),
        "message": _("Message"),
        "note": _("Note"),
    }
    return labels.get(kind, kind)


def read_when(text: str, zone: str) -> tuple[datetime | None, Text]:
    """The time ``text`` means in ``zone`` and a line saying so, or None and why not."""
    return _read(when_rules.parse_when, text, zone)


def _read(
    parse: Callable[[str, datetime, ZoneInfo], datetime], text: str, zone: str
) -> tuple[datetime | None, Text]:
    """``parse`` of ``text`` in ``zone`` (now as the reference), with the line that says how it
    reads, or None and the reason in red."""
    try:
        tz = ZoneInfo(zone)
        at = parse(text, datetime.now(UTC).astimezone(tz), tz)
    except InvalidInput as exc:
        hint = literal(describe(exc), "red")
        hint.no_wrap = False
        return None, hint
    shown = at.strftime("%Y-%m-%d (%a) %H:%M")
    return at, Text(_("Reads as {time} ({zone})").format(time=shown, zone=zone), style="green")


class _Form(ModalScreen[T]):
    """What the three dialogs share: a title, Save and Cancel, ``escape`` to cancel."""

    CSS_PATH = "followups.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("ctrl+s", "save", N_("Save")),
    ]

    def __init__(self, title: Text) -> None:
        super().__init__()
        localise_bindings(self)
        self._title = title

    def buttons(self) -> ComposeResult:
        with Horizontal(classes="buttons"):
            yield Button(
                _("Save"), id="save", variant="primary", action="screen.save",
                tooltip=_("Save (enter or ctrl+s)"),
            )  # fmt: skip
            yield Button(
                _("Cancel"), id="cancel", action="screen.cancel", tooltip=_("Cancel (escape)")
            )

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        raise NotImplementedError

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()


class WhenDialog(_Form[str]):
    """Asks for a time (``3d``, ``tomorrow 10:00``, ``2026-12-01 09:30`` ...) in ``zone``;
    dismissed with the text typed (it reads), or None."""

    def __init__(self, title: Text, zone: str, initial: str = "") -> None:
        super().__init__(title)
        self._zone = zone
        self._initial = initial

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog follow-dialog"):
            yield Static(self._title, classes="dialog-title")
            yield Input(self._initial, placeholder=EXAMPLES, id="when")
            yield Static(Text(_("For example: {examples}").format(examples=EXAMPLES)), id="hint")
            yield from self.buttons()
        yield Footer()

    @on(Input.Changed, "#when")
    def _typed(self, event: Input.Changed) -> None:
        if event.value.strip():
            self.query_one("#hint", Static).update(read_when(event.value, self._zone)[1])

    def action_save(self) -> None:
        text = self.query_one("#when", Input).value
        at, hint = read_when(text, self._zone)
        self.query_one("#hint", Static).update(hint)
        if at is not None:
            self.dismiss(text)


@dataclass(frozen=True)
class NewReminder:
    """What the reminder dialog asks: when, a note, and how it repeats (empty: once)."""

    when: str
    note: str
    every: str


class ReminderDialog(_Form[NewReminder]):
    """A new reminder for a contact: when (as people type it), a note, an optional repetition.
    Dismissed with a `NewReminder` that reads, or None."""

    def __init__(self, title: Text, zone: str) -> None:
        super().__init__(title)
        self._zone = zone

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog follow-dialog"):
            yield Static(self._title, classes="dialog-title")
            yield Static(_("When"), classes="label")
            yield Input(placeholder=EXAMPLES, id="when")
            yield Static(Text(_("For example: {examples}").format(examples=EXAMPLES)), id="hint")
            yield Static(_("Note"), classes="label")
            yield Input(placeholder=_("Thank-you mail, call about the offer ..."), id="note")
            yield Static(_("Repeat (empty: once)"), classes="label")
            yield Input(placeholder=_("month, 3 months, 2 weeks, 2nd tuesday, year"), id="every")
            yield Static(id="every-hint")
            yield from self.buttons()
        yield Footer()

    @on(Input.Changed, "#when")
    def _typed(self, event: Input.Changed) -> None:
        if event.value.strip():
            self.query_one("#hint", Static).update(read_when(event.value, self._zone)[1])

    def action_save(self) -> None:
        when = self.query_one("#when", Input).value
        every = self.query_one("#every", Input).value.strip()
        at, hint = read_when(when, self._zone)
        self.query_one("#hint", Static).update(hint)
        every_hint = self.query_one("#every-hint", Static)
        every_hint.update("")
        if every:
            try:
                when_rules.parse_every(every)
            except InvalidInput as exc:
                every_hint.update(literal(describe(exc), "red"))
                self.query_one("#every", Input).focus()
                return
        if at is None:
            self.query_one("#when", Input).focus()
            return
        self.dismiss(NewReminder(when, self.query_one("#note", Input).value.strip(), every))


def read_past(text: str, zone: str) -> tuple[datetime | None, Text]:
    """When ``text`` says something happened, in ``zone``, and a line saying so; or None and
    why not. Empty text is now."""
    if not text.strip():
        return datetime.now(UTC), Text(_("Empty: now"), style="dim")
    return _read(when_rules.parse_past, text, zone)


@dataclass(frozen=True)
class LogEntry:
    """An interaction to log, when it happened (as typed; empty: now), and whether it
    completes the contact's due reminders."""

    kind: str
    text: str
    complete: bool
    when: str = ""


class LogDialog(_Form[LogEntry]):
    """Log a call, an e-mail, a meeting ... with a contact; dismissed with a `LogEntry` or None.

    ``open_reminders`` is how many reminders of the contact are due by tomorrow: when there are
    any, "mark them done" is offered, ticked.
    """

    def __init__(self, title: Text, open_reminders: int, zone: str = "UTC") -> None:
        super().__init__(title)
        self._open = open_reminders
        self._zone = zone

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog follow-dialog"):
            yield Static(self._title, classes="dialog-title")
            yield Select(
                [(kind_label(k), k) for k in INTERACTION_KINDS],
                value="call",
                allow_blank=False,
                id="kind",
                tooltip=_("What happened: a call, an e-mail, a meeting ..."),
            )
            yield Input(placeholder=_("What about (optional)"), id="text")
            yield Input(
                placeholder=_("When (empty: now): 3d ago, yesterday 15:00, 11/28 ..."),
                id="when",
            )
            yield Static(id="when-hint")
            yield Checkbox(
                _("Mark this contact's due reminders done"),
                value=self._open > 0,
                disabled=self._open == 0,
                id="complete",
                tooltip=_("Reminders due by tomorrow are marked done (a repeating one moves on)."),
            )
            yield from self.buttons()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    @on(Input.Changed, "#when")
    def _typed(self, event: Input.Changed) -> None:
        self.query_one("#when-hint", Static).update(read_past(event.value, self._zone)[1])

    def action_save(self) -> None:
        kind = self.query_one("#kind", Select).value
        when = self.query_one("#when", Input).value
        at, hint = read_past(when, self._zone)
        if at is None:
            self.query_one("#when-hint", Static).update(hint)
            self.query_one("#when", Input).focus()
            return
        self.dismiss(
            LogEntry(
                kind=str(kind) if isinstance(kind, str) else "call",
                text=self.query_one("#text", Input).value.strip(),
                complete=self.query_one("#complete", Checkbox).value,
                when=when.strip(),
            )
        )
