"""The company view (``c``): one company as an entity: its name, reading and industry, everyone
known there with where they were met, and the people who moved on. ``i`` sets the company's
industry (its people get it too, and so does anyone who joins later); ``enter`` goes to a person.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from cardbox.domain.errors import CardboxError
from cardbox.domain.model import Industry
from cardbox.domain.text import printable
from cardbox.services.box import CardBox
from cardbox.services.companies import CompanyView, company_view, set_company
from cardbox.tui.errors import describe
from cardbox.tui.i18n import N_, _, localise_bindings
from cardbox.tui.jobs import alive
from cardbox.tui.widgets.render import company


class CompanyScreen(ModalScreen[int | None]):
    """Dismissed with the id of a person to go to, or None."""

    CSS_PATH = "company.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close")),
        Binding("i", "industry", N_("Set industry")),
    ]

    def __init__(self, box: CardBox, name: str) -> None:
        super().__init__()
        localise_bindings(self)
        self.box = box
        self.name_asked = name
        self.view: CompanyView | None = None
        self.taxonomy: Mapping[str, Industry] = {}

    def compose(self) -> ComposeResult:
        with Vertical():
            with Horizontal(id="company-body"):
                with VerticalScroll(id="company-card"):
                    yield Static(id="company-text")
                yield OptionList(id="company-people")
            yield Static(id="company-status")
            yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        try:
            view = company_view(self.box, self.name_asked)
            self.taxonomy = self.box.taxonomy()
        except CardboxError as exc:
            self.app.call_from_thread(alive(self, self._failed), describe(exc))
            return
        self.app.call_from_thread(alive(self, self._show), view)

    def _failed(self, error: str) -> None:
        self.query_one("#company-status", Static).update(Text(printable(error), style="red"))

    def _show(self, view: CompanyView) -> None:
        self.view = view
        self.query_one("#company-text", Static).update(company(view, self.taxonomy))
        people = self.query_one("#company-people", OptionList)
        options = []
        for p in view.people:
            line = Text(printable(p.name))
            if p.title:
                line.append("  " + printable(p.title), style="dim")
            options.append(Option(line, id=str(p.contact_id)))
        # All at once: adding them one by one re-laid the list out each time (16 s for a company
        # of 4,800 people at 100,000 contacts; bench/tui.py).
        people.set_options(options)
        people.focus()
        self.query_one("#company-status", Static).update(
            Text(_("enter: go to the person · i: set the industry of the company"))
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(int(event.option.id))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_industry(self) -> None:
        from cardbox.tui.dialogs.industry_picker import IndustryPicker

        if self.view is None:
            return
        self.app.push_screen(IndustryPicker(self.box.industries()), self._set_industry)

    def _set_industry(self, code: str | None) -> None:
        if not code or self.view is None:
            return
        try:
            view, added = set_company(self.box, self.view.name, industry=code)
        except CardboxError as exc:
            self._failed(describe(exc))
            return
        self._show(view)
        self.app.notify(_("Industry set; {count} people got it.").format(count=added), markup=False)
