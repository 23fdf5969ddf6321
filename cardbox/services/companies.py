"""Companies as entities, and people's job history: the service behind ``cardbox companies``,
``cardbox company NAME`` and the TUI's company view.

A company is everyone whose company has the same `company_key` (株式会社ABC, ABC(株), ㈱ABC and
ABC Inc. are one company). Its name is the one the user set, else the spelling most of its people
use; its reading is the one the user set, else the one on its people's cards, else a suggestion;
its industry is the one the user set (`set_company`), else the most common among its people.
Setting the industry adds it to each of its people, and anyone who joins the company later (added,
imported, or arriving with a job change) gets it too; people keep an industry they already have.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from cardbox.domain import industry as industry_rules
from cardbox.domain.companies import JobChange, company_key
from cardbox.domain.errors import InvalidInput, NotFound
from cardbox.domain.text import normalise
from cardbox.services.box import CardBox
from cardbox.store.companies import StoredCompany


@dataclass(frozen=True)
class CompanySummary:
    """One line of the company list."""

    key: str
    """The matching key (`company_key`): stable, for asking `company_view` again."""
    name: str
    reading: str
    industry: str
    """An industry code, ``""`` for none."""
    industry_name: str
    industry_set: bool
    """True when the user set the industry on the company (else the most common of its people)."""
    people: int


@dataclass(frozen=True)
class Met:
    """Where and when a person was met."""

    event: str
    date: date | None
    talked_about: str = ""


@dataclass(frozen=True)
class Person:
    """Someone known at the company now."""

    contact_id: int
    name: str
    reading: str
    department: str
    title: str
    met: tuple[Met, ...] = ()


@dataclass(frozen=True)
class PastPerson:
    """Someone who worked at the company and moved on: their job there and where they went."""

    contact_id: int
    name: str
    change: JobChange


@dataclass(frozen=True)
class CompanyView:
    """Everything cardbox knows about one company."""

    key: str
    name: str
    reading: str
    reading_confirmed: bool
    """True when the user set the reading on the company."""
    reading_source: str
    """``set`` (by the user), ``cards`` (its people's cards) or ``suggested`` (by cardbox)."""
    industry: str
    industry_name: str
    industry_set: bool
    spellings: tuple[str, ...]
    """How its people write the name, most common first."""
    people: tuple[Person, ...]
    past: tuple[PastPerson, ...]


def companies(box: CardBox) -> list[CompanySummary]:
    """Every company with live people (or details set), by reading then name."""
    rows = box.store.company_rows()
    industries = box.store.people_industries()
    out = [_summary(box, row, industries.get(row.key, Counter())) for row in rows]
    out.sort(key=lambda c: (normalise(c.reading or c.name), c.name, c.key))
    return out


def company_view(box: CardBox, name: str) -> CompanyView:
    """The company ``name`` names (any spelling, or a unique part of one).

    Raises:
        NotFound: no company matches.
        InvalidInput: several companies match (the message lists them).
    """
    key = resolve(box, name)
    rows = box.store.company_rows(key)
    row = rows[0] if rows else StoredCompany(key=key)
    summary = _summary(box, row, box.store.people_industries(key).get(key, Counter()))
    dates = {e.name: e.date for e in box.events()}
    people = tuple(
        Person(
            contact_id=c.id or 0,
            name=c.name,
            reading=c.reading,
            department=c.department,
            title=c.title,
            met=tuple(Met(m.event, dates.get(m.event), m.talked_about) for m in c.meetings),
        )
        for c in box.store.contacts(box.store.company_people(key))
    )
    changes = box.store.past_people(key)
    names = {
        c.id: c.name for c in box.store.contacts(sorted({ch.contact_id or 0 for ch in changes}))
    }
    past = tuple(
        PastPerson(ch.contact_id or 0, names.get(ch.contact_id, ""), ch)
        for ch in changes
        if ch.contact_id in names
    )
    shown = summary.name or (past[0].change.old.company if past else name)
    reading = summary.reading or _suggest(shown)
    source = "set" if row.reading else "cards" if row.readings else "suggested" if reading else ""
    return CompanyView(
        key=key,
        name=shown,
        reading=reading,
        reading_confirmed=bool(row.reading),
        reading_source=source,
        industry=summary.industry,
        industry_name=summary.industry_name,
        industry_set=summary.industry_set,
        spellings=tuple(s for s, _ in row.spellings),
        people=people,
        past=past,
    )


def set_company(
    box: CardBox,
    name: str,
    *,
    industry: str | None = None,
    reading: str | None = None,
    display_name: str | None = None,
) -> tuple[CompanyView, int]:
    """Set a company's industry (code, name or alias; ``""`` clears it), reading or display
    name. The industry is added to each of its people. Returns the company and how many people
    got the industry.

    Raises:
        NotFound, InvalidInput: as `company_view`; or the industry names nothing.
    """
    key = resolve(box, name)
    code = None
    if industry is not None:
        code = (
            industry_rules.resolve(box.store.taxonomy().values(), industry).code
            if industry.strip()
            else ""
        )
    added = box.store.save_company(
        key,
        name=" ".join(display_name.split()) if display_name is not None else None,
        reading=reading.strip() if reading is not None else None,
        industry=code,
    )
    return company_view(box, key), len(added)


def resolve(box: CardBox, name: str) -> str:
    """The key of the one company ``name`` names: its key, else the one key containing it."""
    key = company_key(name) if name.strip() else ""
    if not key:
        raise InvalidInput("company.no_name")
    keys = box.store.company_keys()
    if key in keys:
        return key
    found = [k for k in keys if key in k]
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFound("company.not_found", name=name)
    shown = ", ".join(_name_of(box, k) for k in found[:8])
    more = f" and {len(found) - 8} more" if len(found) > 8 else ""
    raise InvalidInput("company.ambiguous", name=name, names=shown + more)


def _name_of(box: CardBox, key: str) -> str:
    rows = box.store.company_rows(key)
    if rows and (rows[0].name or rows[0].spellings):
        return rows[0].name or rows[0].spellings[0][0]
    return key


def _summary(box: CardBox, row: StoredCompany, industries: Counter[str]) -> CompanySummary:
    name = row.name or (row.spellings[0][0] if row.spellings else "")
    reading = row.reading or (row.readings[0] if row.readings else "") or _suggest(name)
    code = row.industry or (
        min(industries, key=lambda c: (-industries[c], c)) if industries else ""
    )
    taxonomy = box.store.taxonomy()
    return CompanySummary(
        key=row.key,
        name=name,
        reading=reading,
        industry=code,
        industry_name=taxonomy[code].name if code in taxonomy else code,
        industry_set=bool(row.industry),
        people=row.people,
    )


def _suggest(name: str) -> str:
    """A suggested reading for a Japanese company name (``""`` for others)."""
    if not name:
        return ""
    from cardbox.domain.readings import has_japanese, suggest_company_reading

    return suggest_company_reading(name) if has_japanese(name) else ""


def job_history(box: CardBox, ref: str | int) -> list[JobChange]:
    """A contact's job changes, oldest first (for ``cardbox show`` and the detail pane)."""
    return box.store.job_history(box.store.resolve(ref, trash=None))


def when(change: JobChange) -> str:
    """The day a job change was recorded, ``2026-11-24`` (``""`` if unknown)."""
    at = change.at
    return at.date().isoformat() if isinstance(at, datetime) else ""
