"""The help screen (``?``): every key of the screen it was opened from, with what it does."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from cardbox.tui.i18n import N_, _, localise_bindings

GENERAL: tuple[tuple[str, str], ...] = (
    ("ctrl+p", N_("Command palette: every action by name")),
    ("ctrl+q", N_("Quit")),
    ("?", N_("This help")),
    ("tab / shift+tab", N_("Next / previous field or pane")),
)
TABLE: tuple[tuple[str, str], ...] = (
    ("↑ ↓  j k", N_("Move in the table")),
    ("pgup pgdn  ctrl+b ctrl+f", N_("Page up / down")),
    ("home end  g G", N_("First / last contact")),
    ("enter", N_("Open the contact")),
)


def keys_of(screen: Screen[object]) -> list[tuple[str, str]]:
    """(key, description) of every binding active on ``screen`` that has a description."""
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str]] = []
    for key, active in screen.active_bindings.items():
        description = active.binding.description
        if not description or (key, description) in seen:
            continue
        seen.add((key, description))
        out.append((screen.app.get_key_display(active.binding), description))
    return out


def table(title: str, rows: Sequence[tuple[str, str]]) -> Text:
    out = Text(title + "\n", style="bold")
    for key, what in rows:
        out.append(f"  {key:<26}", style="bold")
        out.append(what + "\n")
    return out


class HelpScreen(ModalScreen[None]):
    """Every key, by screen; escape or ? closes."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 80; max-height: 90%; height: auto;
        border: round $primary; padding: 1 2; background: $panel;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss_help", N_("Close")),
    ]

    def __init__(self, keys: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        localise_bindings(self)
        self.keys = list(keys)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(table(_("Keys on this screen"), self.keys))
            yield Static(table(_("In the contact table"), [(k, _(w)) for k, w in TABLE]))
            yield Static(table(_("Everywhere"), [(k, _(w)) for k, w in GENERAL]))

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
