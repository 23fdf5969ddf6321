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


def _ours(node: object, action: str) -> bool:
    """True when ``action`` is bound by one of cardbox's own classes (not Textual's scrolling,
    focus and copy keys, which every widget has)."""
    for cls in type(node).__mro__:
        if cls.__module__.startswith("cardbox.") and any(
            getattr(b, "action", None) == action for b in cls.__dict__.get("BINDINGS", ())
        ):
            return True
    return False


def keys_of(screen: Screen[object]) -> list[tuple[str, str]]:
    """(keys, description) of every cardbox binding active on ``screen``: the focused widget's
    first, then the screen's and the app's; keys for the same action share a line."""
    rows: dict[tuple[int, str], tuple[list[str], str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or not _ours(active.node, binding.action):
            continue
        keys, _description = rows.setdefault(
            (id(active.node), binding.action), ([], binding.description)
        )
        shown = screen.app.get_key_display(binding)
        if shown not in keys:
            keys.append(shown)
    return [(" ".join(keys), description) for keys, description in rows.values()]


def table(title: str, rows: Sequence[tuple[str, str]]) -> Text:
    out = Text(title + "\n", style="bold")
    for key, what in rows:
        out.append(f"  {key:<26}", style="bold")
        out.append(what + "\n")
    return out


class HelpScreen(ModalScreen[None]):
    """Every key, by screen; escape or ? closes."""

    CSS_PATH = "help.tcss"
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
            yield Static(table(_("Everywhere"), [(k, _(w)) for k, w in GENERAL]))

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
