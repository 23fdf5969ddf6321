"""The one yes/no dialog: ``y`` or the first button says yes, ``n`` or ``escape`` no."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from cardbox.tui.i18n import N_, _, localise_bindings


class Confirm(ModalScreen[bool]):
    """Ask a yes/no question; dismissed with True for yes. ``escape`` and ``n`` say no.

    ``question`` may be a `Text` (it may hold contact data, shown as it is, never as markup).
    This is the one yes/no dialog of the app (the card form, import, export and QR use it)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", N_("Yes")),
        Binding("n,escape", "answer(False)", N_("No")),
    ]

    def __init__(self, question: str | Text, yes: str = "", no: str = "") -> None:
        super().__init__()
        localise_bindings(self)
        self._question = question
        self._yes = yes or _("Yes")
        self._no = no or _("No")

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="dialog"):
            yield Static(
                self._question if isinstance(self._question, Text) else Text(self._question),
                id="confirm-question",
            )
            with Horizontal(classes="buttons"):
                yield Button(
                    Text(f"{self._yes} (y)"),
                    id="confirm-yes",
                    variant="error",
                    action="screen.answer(True)",
                    tooltip=_("Yes (key y)"),
                )
                yield Button(
                    Text(f"{self._no} (n)"),
                    id="confirm-no",
                    action="screen.answer(False)",
                    tooltip=_("No (key n or escape)"),
                )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
