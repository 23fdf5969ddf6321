"""Small dialogs: a yes/no question, the "looks like someone you have" warning, and a
searchable industry picker. Each is a typed modal screen, driven by keys (buttons for the mouse).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from cardbox.domain import industry as industry_rules
from cardbox.domain.model import Contact, Industry
from cardbox.tui.i18n import N_, _, industry_names, localise_bindings
from cardbox.tui.render import literal


class Confirm(ModalScreen[bool]):
    """Ask a yes/no question; dismissed with True for yes. ``escape`` and ``n`` say no."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", N_("Yes")),
        Binding("n,escape", "answer(False)", N_("No")),
    ]

    def __init__(self, question: str, yes: str = "", no: str = "") -> None:
        super().__init__()
        localise_bindings(self)
        self._question = question
        self._yes = yes or _("Yes")
        self._no = no or _("No")

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="dialog"):
            yield Static(Text(self._question), id="confirm-question")
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
