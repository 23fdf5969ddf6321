"""The "looks like someone you have" warning shown when a new card is saved."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from cardbox.domain.model import Contact
from cardbox.tui.i18n import N_, _, localise_bindings
from cardbox.tui.widgets.render import literal

Choice = tuple[str, int | None]
"""``("merge", contact id)`` or ``("new", None)``; the dialog gives None for "back"."""


def lookalike_line(contact: Contact, reasons: Sequence[str]) -> Text:
    """One candidate: name, company, phones and e-mails, then why it looks the same."""
    line = Text()
    line.append_text(literal(contact.name or contact.company or "?", "bold"))
    for part in (contact.company, *(p.text for p in contact.phones)):
        if part:
            line.append("  ")
            line.append_text(literal(part))
    for e in contact.emails:
        line.append("  ")
        line.append_text(literal(e.address))
    line.append("\n  ")
    line.append_text(literal(", ".join(reasons), "italic"))
    return line


class Lookalikes(ModalScreen[Choice | None]):
    """The card being saved looks like people already in the box: merge into one of them,
    save it as a new card anyway, or go back to editing (None)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "merge", N_("Merge into the highlighted one")),
        Binding("s", "new", N_("Save as new")),
        Binding("escape,b", "back", N_("Back to editing")),
    ]

    def __init__(self, found: Sequence[tuple[Contact, Any]]) -> None:
        super().__init__()
        localise_bindings(self)
        self._found = list(found)

    def compose(self) -> ComposeResult:
        with Vertical(id="lookalikes", classes="dialog"):
            likely = any(m.likely for _c, m in self._found)
            yield Static(
                _("This card looks like someone already in your box:")
                if likely
                else _("This card may be someone already in your box (a possible match):"),
                id="lookalikes-title",
            )
            yield OptionList(
                *(Option(lookalike_line(c, m.reasons), id=str(c.id)) for c, m in self._found),
                id="lookalikes-list",
            )
            yield Static(
                _("Merging adds this card's details and the meeting to them."),
                classes="hint",
            )
            with Horizontal(classes="buttons"):
                yield Button(
                    _("Merge (m)"),
                    variant="primary",
                    action="screen.merge",
                    tooltip=_("Add this card to the highlighted contact"),
                )
                yield Button(
                    _("Save as new (s)"),
                    action="screen.new",
                    tooltip=_("Keep both: save this card as another contact"),
                )
                yield Button(
                    _("Back (escape)"),
                    action="screen.back",
                    tooltip=_("Go back to the card; nothing is saved"),
                )
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def action_merge(self) -> None:
        option = self.query_one(OptionList).highlighted_option
        if option is not None and option.id is not None:
            self.dismiss(("merge", int(option.id)))

    @on(OptionList.OptionSelected)
    def _chosen(self) -> None:
        self.action_merge()

    def action_new(self) -> None:
        self.dismiss(("new", None))

    def action_back(self) -> None:
        self.dismiss(None)
