"""The kana index: jump to the first contact whose reading starts at a kana row (あ か さ ...)
or a Latin letter, like the tabs on the side of a paper address book."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from cardbox.domain.text import normalise
from cardbox.tui.i18n import N_, _, localise_bindings

ROWS = (
    ("a", "あ"),
    ("k", "か"),
    ("s", "さ"),
    ("t", "た"),
    ("n", "な"),
    ("h", "は"),
    ("m", "ま"),
    ("y", "や"),
    ("r", "ら"),
    ("w", "わ"),
)
"""The kana rows and the key that jumps to each (the first letter of its romaji)."""


def key_for(character: str) -> str | None:
    """The sort key to jump to for a key pressed in the index: a lowercase letter picks a kana
    row, an uppercase letter that Latin letter, and a typed kana itself."""
    rows = dict(ROWS)
    if character in rows:
        # Small ぁ sorts before あ: the あ row starts there.
        return "\u3041" if character == "a" else rows[character]
    if len(character) == 1 and "A" <= character <= "Z":
        return character.lower()
    folded = normalise(character)
    if folded and "\u3041" <= folded[0] <= "\u309f":
        return folded[0]
    return None


class KanaIndex(ModalScreen[str | None]):
    """Dismissed with the sort key to jump to, or None."""

    CSS_PATH = "kana_index.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", N_("Close"))]

    def __init__(self) -> None:
        super().__init__()
        localise_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(_("Jump to"), style="bold"))
            kana = Text()
            for key, row in ROWS:
                kana.append(row, style="bold")
                kana.append(f" {key}   ", style="dim")
            yield Static(kana)
            yield Static(
                Text(_("A-Z: press the capital letter (shift). Kana typed with an IME work too."))
            )

    def on_key(self, event: events.Key) -> None:
        if event.character and (target := key_for(event.character)):
            event.stop()
            self.dismiss(target)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
