"""What the card form works out as the user types: reading suggestions (SudachiPy, in a
thread), companies already in the box with their usual industry, and tags in use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual import work
from textual.widgets import Label

from cardbox.domain.companies import company_key, strip_legal_forms
from cardbox.domain.model import Industry
from cardbox.domain.text import normalise
from cardbox.tui import formdata
from cardbox.tui.formsave import CardSaving
from cardbox.tui.i18n import _
from cardbox.tui.inputs import ItemSuggester


@dataclass
class Known:
    """What the box knows that helps typing a card (worked out in a thread)."""

    companies: ItemSuggester
    tags: ItemSuggester
    industries: dict[str, str]
    """The usual industry of each company, by `company_key`."""
    short_names: dict[str, str]
    """Companies by their folded name without legal form, where that names only one."""


class CardHints(CardSaving):
    """The suggesting half of `cardbox.tui.form.ContactForm` (which sets these attributes)."""

    taxonomy: Mapping[str, Industry]
    readings: formdata.Readings
    _suggested: dict[str, str]
    """The reading last suggested for each reading field (what differs was typed)."""
    _suggested_for: dict[str, object]
    """The name pair and the company those suggestions were made for."""
    _industry_auto: bool
    """True while the industry field holds what the company brought (not typed)."""
    _company_industry: dict[str, str]
    _companies: dict[str, str]
    """Known companies by their name without legal form, where that names only one."""

    @work(thread=True, group="form-warm")
    def _warm_up(self) -> None:
        """Load the reading dictionary (about a second, once) and what the box knows of
        companies and tags, off the UI thread."""
        from cardbox.domain.readings import suggest_reading

        suggest_reading("山田", "太郎")
        companies = self.box.companies()
        by_short: dict[str, list[str]] = {}
        shorts = []
        for c in companies:
            short = strip_legal_forms(c)
            shorts.append((c, short))
            by_short.setdefault(normalise(short), []).append(c)
        known = Known(
            companies=ItemSuggester(shorts, single=True),
            tags=ItemSuggester((t,) for t, _n in self.box.tags()),
            industries=self.box.company_industries(),
            short_names={k: v[0] for k, v in by_short.items() if len(v) == 1},
        )
        self.app.call_from_thread(self._known, known)

    def _known(self, known: Known) -> None:
        self._input("company").suggester = known.companies
        self._input("tags").suggester = known.tags
        self._company_industry = known.industries
        self._companies = known.short_names

    @work(thread=True, exclusive=True, group="form-names")
    def _suggest_names(self, family: str, given: str) -> None:
        from cardbox.domain.readings import suggest_reading

        readings = suggest_reading(family, given)
        self.app.call_from_thread(self._fill_names, (family, given), readings)

    def _fill_names(self, names: tuple[str, str], readings: tuple[str, str]) -> None:
        values = self.values()
        if self.readings.names or names != (values["family_name"], values["given_name"]):
            return
        self._suggested_for["names"] = names
        for field, reading in zip(formdata.NAME_READINGS, readings, strict=True):
            self._suggested[field] = reading
            self._input(field).value = reading
        self._mark_readings()

    @work(thread=True, exclusive=True, group="form-company")
    def _suggest_company(self, company: str) -> None:
        from cardbox.domain.readings import suggest_company_reading

        reading = suggest_company_reading(company)
        self.app.call_from_thread(self._fill_company, company, reading)

    def _fill_company(self, company: str, reading: str) -> None:
        if self.readings.company or company != self._input("company").value:
            return
        self._suggested_for["company"] = company
        self._suggested["company_reading"] = reading
        self._input("company_reading").value = reading
        self._mark_readings()

    def _auto_industry_text(self) -> str:
        code = self._company_industry.get(company_key(self._input("company").value), "")
        return formdata.industry_label(code, self.taxonomy) if code else ""

    def _industry_from_company(self, company: str) -> None:
        """Fill the industry the company's people have (unless the user typed one)."""
        field = self._input("industries")
        if field.value and not self._industry_auto:
            return
        text = self._auto_industry_text() if company.strip() else ""
        if text or self._industry_auto:
            field.value = text
            self._industry_auto = bool(text)

    def _mark_readings(self) -> None:
        """Show "suggested" beside readings that are only suggestions."""
        names = self._input("family_reading").value or self._input("given_reading").value
        for row, accepted, value in (
            ("family_reading", self.readings.names, names),
            ("company_reading", self.readings.company, self._input("company_reading").value),
        ):
            suggested = not accepted and bool(value)
            self.query_one(f"#label-{row}", Label).set_class(suggested, "suggested")
            self.query_one(f"#hint-{row}", Label).display = suggested

    def action_accept_readings(self) -> None:
        self.readings.names = self.readings.company = True
        self._mark_readings()
        self._status(_("Readings accepted."))
