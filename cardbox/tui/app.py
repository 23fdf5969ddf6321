"""cardbox's terminal app: the screens, the keys every screen shares, and the command palette.

The box is injected (never opened at import time). Each screen lives in its own module; the app
only knows how to open them. Every key binding is also a command in the palette (ctrl+p), and
``?`` lists the keys of the screen it was pressed on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hits, Provider
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.system_commands import SystemCommandsProvider

from cardbox.domain.errors import CardboxError
from cardbox.domain.text import printable
from cardbox.services.box import CardBox
from cardbox.services.followups import Agenda, agenda
from cardbox.tui.i18n import N_, _, localise_bindings, pick, use
from cardbox.tui.keys import OrderedKeys
from cardbox.tui.screens.agenda import SHOWN, AgendaScreen
from cardbox.tui.screens.main import MainScreen

TEXTUAL_STRINGS = (
    N_("palette"),
    N_("Open the command palette"),
    N_("Theme"),
    N_("Change the current theme"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)
"""Textual's own words on the footer and in the palette, so that they are translated too."""


def _cardbox_actions(cls: type) -> frozenset[str]:
    """The actions of the key bindings that cardbox's own classes (``cls`` and its bases)
    declare, not Textual's."""
    actions: set[str] = set()
    for base in cls.__mro__:
        if not base.__module__.startswith("cardbox."):
            continue
        for binding in base.__dict__.get("BINDINGS", ()):
            actions.add(binding.action if isinstance(binding, Binding) else binding[1])
    return frozenset(actions)


class CardboxCommands(SystemCommandsProvider):
    """The palette's commands in the order :meth:`CardboxApp.get_system_commands` gives them
    (Textual's provider sorts them by name, which buries cardbox's among Textual's)."""

    async def discover(self) -> Hits:
        for title, help_text, callback, discover in self.app.get_system_commands(self.screen):
            if discover:
                yield DiscoveryHit(title, callback, help=help_text)


class CardboxApp(OrderedKeys):
    """cardbox's terminal app."""

    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {CardboxCommands}

    TITLE = "cardbox"
    CSS_PATH = "screens/main.tcss"
    """The main screen's styles (a default screen's own CSS_PATH is not loaded)."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", N_("Quit"), priority=True),
        Binding("question_mark", "help", N_("Help")),
    ]

    @dataclass
    class AgendaLoaded(Message):
        """The agenda was worked out."""

        agenda: Agenda
        only_if_due: bool

    def __init__(self, box: CardBox, *, lang: str | None = None, agenda_at_start: bool = True):
        use(pick(lang, box.lang()))
        super().__init__()
        localise_bindings(self)
        self.box = box
        self.agenda_at_start = agenda_at_start

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.box)

    @property
    def main(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    def on_mount(self) -> None:
        self.sub_title = _("business cards")

    def on_main_screen_ready(self) -> None:
        if self.agenda_at_start:
            self.agenda_at_start = False
            self.load_agenda(only_if_due=True)

    # -- the agenda ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="agenda")
    def load_agenda(self, only_if_due: bool = False) -> None:
        """Work out the agenda in a thread; it comes back as an `AgendaLoaded` message."""
        try:
            found = agenda(self.box, limit=SHOWN)
        except CardboxError:
            if not only_if_due:
                self.call_from_thread(self.release_keys)
            return
        self.post_message(self.AgendaLoaded(found, only_if_due))

    def on_cardbox_app_agenda_loaded(self, message: AgendaLoaded) -> None:
        due_now = message.agenda.overdue or message.agenda.today
        if due_now or not message.only_if_due:
            self.push_screen(AgendaScreen(self.box, message.agenda), self.main.focus_contact)
        if not message.only_if_due:
            self.release_keys()

    def action_agenda(self) -> None:
        """Show what is due (also shown at start when anything is overdue or due today). Keys
        typed meanwhile wait for the agenda."""
        self.hold_keys()
        self.load_agenda()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A toast. Toasts often name a contact, so the text is always literal (never markup)
        and control, escape and bidi characters are made visible, whatever the caller asked."""
        super().notify(
            printable(message, lines=True),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # -- help and the palette -----------------------------------------------------------------

    def action_command_palette(self) -> None:
        """Textual's command palette, its prompt in the UI's language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            prompt = _("Search for commands…")
            self.push_screen(CommandPalette(id="--command-palette", placeholder=prompt))

    def action_help(self) -> None:
        from cardbox.tui.screens.help import HelpScreen, keys_of

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(keys_of(self.screen)))

    def key_question_mark(self) -> None:
        """``?`` that nothing on the screen took (a dialog's bindings stop the app's ``?``
        binding from being seen): the screen's keys all the same."""
        self.action_help()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """cardbox's commands first: the screen's own keys (and the app's), then those of the
        focused widget that cardbox defines (the table's Mark, Open...), then Textual's Theme,
        Maximize and Screenshot. Textual's generic keys (Focus Next, scrolling, copy, the palette
        itself) are left out: they are keys to press, not commands to look up."""
        ours: list[SystemCommand] = []
        widgets: list[SystemCommand] = []
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            if binding.action not in _cardbox_actions(type(active.node)):
                continue
            seen.add(binding.action)
            command = SystemCommand(
                binding.description,
                _("Key: {key}").format(key=self.get_key_display(binding)),
                partial(self.run_action, binding.action, active.node),
            )
            (ours if isinstance(active.node, Screen | App) else widgets).append(command)
        yield from ours
        yield from widgets
        for command in super().get_system_commands(screen):
            if command.title in ("Quit", "Keys"):  # ctrl+q and ? (the help screen) do these
                continue
            yield SystemCommand(_(command.title), _(command.help), command.callback)
