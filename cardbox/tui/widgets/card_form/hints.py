"""What the card form works out as the user types: reading suggestions (SudachiPy, in a
thread), companies already in the box with their usual industry, and tags in use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.widgets import Label

from cardbox.domain.companies import company_key, strip_legal_forms
from cardbox.domain.text import normalise
from cardbox.tui.i18n import _
from cardbox.tui.jobs import alive
from cardbox.tui.widgets.card_form import formdata
from cardbox.tui.widgets.inputs import ItemSuggester

if TYPE_CHECKING:
    from cardbox.tui.widgets.card_form.form import ContactForm


@dataclass
class Known:
    """What the box knows that helps typing a card (worked out in a thread)."""

    companies: ItemSuggester
    tags: ItemSuggester
    industries: dict[str, str]
    """The usual industry of each company, by `company_key`."""
    short_names: dict[str, str]
    """Companies by their folded name without legal form, where that names only one."""


class CardHints:
    """The form's suggestions: readings, company names and their industry, tags. Suggestions
    are worked out in the form's thread workers and filled in only while still wanted."""

    def __init__(self, form: ContactForm) -> None:
        self.form = form
        self.fields = form.fields
        self.suggested: dict[str, str] = {}
        """The reading last suggested for each reading field (what differs was typed)."""
        self.suggested_for: dict[str, object] = {}
        """The name pair and the company those suggestions were made for."""
        self.industry_auto = False
        """True while the industry field holds what the company brought (not typed)."""
        self.company_industry: dict[str, str] = {}
        self.companies: dict[str, str] = {}
        """Known companies by their name without legal form, where that names only one."""

    def begin(self, start: formdata.Values) -> None:
        """Suggestions start from what the form starts with."""
        self.suggested = {k: start[k] for k in (*formdata.NAME_READINGS, "company_reading")}
        self.suggested_for = {
            "names": (start["family_name"], start["given_name"]),
            "company": start["company"],
        }
        self.industry_auto = False

    def warm_up(self) -> None:
        """Load the reading dictionary (about a second, once) and what the box knows of
        companies and tags, off the UI thread."""
        self.form.run_worker(self._warm_up, name="warm_up", group="form-warm", thread=True)

    def _warm_up(self) -> None:
        from cardbox.domain.readings import suggest_reading

        box = self.form.box
        suggest_reading("山田", "太郎")
        companies = box.companies()
        by_short: dict[str, list[str]] = {}
        shorts = []
        for c in companies:
            short = strip_legal_forms(c)
            shorts.append((c, short))
            by_short.setdefault(normalise(short), []).append(c)
        known = Known(
            companies=ItemSuggester(shorts, single=True),
            tags=ItemSuggester((t,) for t, _n in box.tags()),
            industries=box.company_industries(),
            short_names={k: v[0] for k, v in by_short.items() if len(v) == 1},
        )
        self.form.app.call_from_thread(alive(self.form, self._known), known)

    def _known(self, known: Known) -> None:
        self.fields.input("company").suggester = known.companies
        self.fields.input("tags").suggester = known.tags
        self.company_industry = known.industries
        self.companies = known.short_names

    def suggest_names(self, family: str, given: str) -> None:
        self.form.run_worker(
            lambda: self._suggest_names(family, given),
            name="suggest_names",
            group="form-names",
            exclusive=True,
            thread=True,
        )

    def _suggest_names(self, family: str, given: str) -> None:
        from cardbox.domain.readings import suggest_reading

        readings = suggest_reading(family, given)
        self.form.app.call_from_thread(
            alive(self.form, self._fill_names), (family, given), readings
        )

    def _fill_names(self, names: tuple[str, str], readings: tuple[str, str]) -> None:
        values = self.fields.values()
        if self.form.readings.names or names != (values["family_name"], values["given_name"]):
            return
        self.suggested_for["names"] = names
        for field, reading in zip(formdata.NAME_READINGS, readings, strict=True):
            self.suggested[field] = reading
            self.fields.input(field).value = reading
        self.mark_readings()

    def suggest_company(self, company: str) -> None:
        self.form.run_worker(
            lambda: self._suggest_company(company),
            name="suggest_company",
            group="form-company",
            exclusive=True,
            thread=True,
        )

    def _suggest_company(self, company: str) -> None:
        from cardbox.domain.readings import suggest_company_reading

        reading = suggest_company_reading(company)
        self.form.app.call_from_thread(alive(self.form, self._fill_company), company, reading)

    def _fill_company(self, company: str, reading: str) -> None:
        if self.form.readings.company or company != self.fields.input("company").value:
            return
        self.suggested_for["company"] = company
        self.suggested["company_reading"] = reading
        self.fields.input("company_reading").value = reading
        self.mark_readings()

    def auto_industry_text(self) -> str:
        code = self.company_industry.get(company_key(self.fields.input("company").value), "")
        return formdata.industry_label(code, self.form.taxonomy) if code else ""

    def industry_from_company(self, company: str) -> None:
        """Fill the industry the company's people have (unless the user typed one)."""
        field = self.fields.input("industries")
        if field.value and not self.industry_auto:
            return
        text = self.auto_industry_text() if company.strip() else ""
        if text or self.industry_auto:
            field.value = text
            self.industry_auto = bool(text)

    def mark_readings(self) -> None:
        """Show "suggested" beside readings that are only suggestions."""
        readings = self.form.readings
        field = self.fields.input
        names = field("family_reading").value or field("given_reading").value
        for row, accepted, value in (
            ("family_reading", readings.names, names),
            ("company_reading", readings.company, field("company_reading").value),
        ):
            suggested = not accepted and bool(value)
            self.form.query_one(f"#label-{row}", Label).set_class(suggested, "suggested")
            self.form.query_one(f"#hint-{row}", Label).display = suggested

    def accept_readings(self) -> None:
        self.form.readings.names = self.form.readings.company = True
        self.mark_readings()
        self.fields.status(_("Readings accepted."))
