"""A yes/no question in a small dialog: ``y`` or the first button says yes, ``n`` or ``escape``
no."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from cardbox.tui.i18n import N_, localise_bindings


class AskScreen(ModalScreen[bool]):
    """Asks ``question`` (a `Text`: it may hold contact data); dismissed with True for yes."""

    CSS_PATH = "transfer.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", N_("Yes")),
        Binding("n,escape", "answer(False)", N_("No")),
    ]

    def __init__(self, question: Text, yes: str, no: str) -> None:
        super().__init__()
        localise_bindings(self)
        self._question = question
        self._yes = yes
        self._no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="ask"):
            yield Static(self._question, id="ask-question")
            with Horizontal(id="ask-buttons"):
                yield Button(Text(self._yes), id="ask-yes", variant="warning", tooltip="y")
                yield Button(Text(self._no), id="ask-no", tooltip="n, escape")

    def on_mount(self) -> None:
        self.query_one("#ask-no", Button).focus()

    @on(Button.Pressed, "#ask-yes")
    def _yes_pressed(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#ask-no")
    def _no_pressed(self) -> None:
        self.dismiss(False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
