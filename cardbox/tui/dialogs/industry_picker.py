"""A searchable industry picker (English, Japanese, code or alias)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from cardbox.domain import industry as industry_rules
from cardbox.domain.model import Industry
from cardbox.tui.i18n import N_, _, industry_names, localise_bindings
from cardbox.tui.widgets.render import literal


def industry_line(i: Industry) -> Text:
    line = Text()
    line.append(f"{i.code:<18}", style="dim")
    line.append_text(literal(industry_names(i)))
    if i.aliases:
        line.append("  ")
        line.append_text(literal(", ".join(i.aliases[:6]), "dim italic"))
    return line


class IndustryPicker(ModalScreen[str | None]):
    """Pick an industry: type to filter (English, Japanese, code or alias), ``enter`` picks the
    highlighted one; dismissed with its code, or None."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("down", "down", N_("Next"), show=False),
        Binding("up", "up", N_("Previous"), show=False),
        Binding("enter", "pick", N_("Pick"), priority=True),
    ]

    def __init__(self, industries: Sequence[Industry], text: str = "") -> None:
        super().__init__()
        localise_bindings(self)
        self._industries = list(industries)
        self._text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="industries", classes="dialog"):
            yield Static(_("Industry: type to filter, enter to pick"), id="industries-title")
            yield Input(
                self._text,
                placeholder=_("e.g. 法律, lawyer, SaaS, G"),
                id="industries-filter",
                tooltip=_("Filter by English or Japanese name, code or alias"),
            )
            yield OptionList(id="industries-list")
        yield Footer()

    def on_mount(self) -> None:
        self._fill(self._text)
        self.query_one("#industries-filter", Input).focus()

    @on(Input.Changed, "#industries-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, text: str) -> None:
        shown = industry_rules.matching(self._industries, text) if text.strip() else []
        if not text.strip():
            shown = self._industries
        options = self.query_one("#industries-list", OptionList)
        options.set_options(Option(industry_line(i), id=i.code) for i in shown)
        if shown:
            options.highlighted = 0

    def _move(self, by: int) -> None:
        options = self.query_one("#industries-list", OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + by))

    def action_down(self) -> None:
        self._move(1)

    def action_up(self) -> None:
        self._move(-1)

    def action_pick(self) -> None:
        option = self.query_one("#industries-list", OptionList).highlighted_option
        if option is not None:
            self.dismiss(option.id)

    @on(OptionList.OptionSelected, "#industries-list")
    def _clicked(self) -> None:
        self.action_pick()

    def action_cancel(self) -> None:
        self.dismiss(None)
