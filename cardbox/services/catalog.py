"""The box's catalogs (events, industries, tags, companies) and the dashboard's figures."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from cardbox.domain import dates as when_rules
from cardbox.domain import industry as industry_rules
from cardbox.domain.companies import company_key
from cardbox.domain.errors import InvalidInput
from cardbox.domain.model import (
    Event,
    Industry,
)
from cardbox.domain.text import normalise
from cardbox.domain.views import Stats

if TYPE_CHECKING:
    from cardbox.services.box import CardBox


def events(box: CardBox) -> list[Event]:
    """Every event, newest first, with contact counts."""
    return box.store.events()


def industries(box: CardBox) -> list[Industry]:
    """The taxonomy, with contact counts."""
    return box.store.industries()


def tags(box: CardBox) -> list[tuple[str, int]]:
    """Tags in use, with counts."""
    return box.store.tags()


def companies(box: CardBox) -> list[str]:
    """Companies of live contacts, the most common first (for suggestions)."""
    with box.store.reader() as r:
        found = r.contacts.company_industries()
    counts: dict[str, int] = {}
    for company, _code, n in found:
        counts[company] = counts.get(company, 0) + n
    return sorted(counts, key=lambda c: (-counts[c], c))


def company_industries(box: CardBox) -> dict[str, str]:
    """The most common industry code among each company's people, by `company_key`."""

    with box.store.reader() as r:
        found = r.contacts.company_industries()
    tally: dict[str, dict[str, int]] = {}
    for company, code, n in found:
        if code:
            codes = tally.setdefault(company_key(company), {})
            codes[code] = codes.get(code, 0) + n
    return {key: max(sorted(codes), key=lambda c: codes[c]) for key, codes in tally.items()}


def add_event(
    box: CardBox,
    name: str,
    *,
    date: str | date | None = None,
    venue: str = "",
    organiser: str = "",
    notes: str = "",
    follow_up: str = "",
    follow_up_note: str = "",
) -> Event:
    """Create an event (or fill in details of the one with that name).

    ``follow_up`` (``3d``) makes every card logged at the event get a reminder that long
    after the event's date at 09:00 (due at once when that is past), with
    ``follow_up_note`` (``thank-you mail``); see `follow_ups`.
    """
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("event.no_name")
    when = _parse_date(date) if isinstance(date, str) else date
    if follow_up:  # refuse what could never be read when a card is logged
        when_rules.parse_when(follow_up, datetime.now(UTC), ZoneInfo("UTC"))
    box.store.save_event(
        Event(
            name=name,
            date=when,
            venue=venue.strip(),
            organiser=organiser,
            notes=notes,
            follow_up=follow_up.strip(),
            follow_up_note=follow_up_note.strip(),
        )
    )
    return next(e for e in box.events() if e.name == name)


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput("date.invalid", text=text) from None


def add_industry(
    box: CardBox,
    name_en: str,
    *,
    name_ja: str = "",
    parent: str | None = None,
    aliases: Sequence[str] = (),
) -> Industry:
    """Add a user-defined industry, optionally under an existing one."""
    taxonomy = list(box.store.taxonomy().values())
    name_en = name_en.strip()
    if not name_en:
        raise InvalidInput("industry.no_name")
    if industry_rules.matching(taxonomy, name_en) and any(
        normalise(name_en) in (normalise(i.name_en), normalise(i.name_ja), i.code.casefold())
        for i in taxonomy
    ):
        raise InvalidInput("industry.exists", name=name_en)
    top = industry_rules.resolve(taxonomy, parent) if parent else None
    slug = "".join(ch if ch.isalnum() else "-" for ch in normalise(name_en)).strip("-")
    prefix = f"{top.code.split('-')[0]}-" if top else "U-"
    code = prefix + (slug or "industry")
    while code in box.store.taxonomy():
        code += "-2"
    node = Industry(
        code=code,
        name_en=name_en,
        name_ja=name_ja.strip(),
        parent=top.code if top else None,
        aliases=tuple(a.strip() for a in aliases if a.strip()),
        user_defined=True,
    )
    box.store.save_industries([node])
    return node


def stats(box: CardBox, *, months: int = 12, quiet: int = 10, now: datetime | None = None) -> Stats:
    """The dashboard's figures: contacts by industry and event, cards added and met per
    month for the last ``months`` months (in the box's zone), and the ``quiet`` contacts
    nobody has been in touch with for longest."""
    current = (now or datetime.now(UTC)).astimezone(ZoneInfo(box.zone))
    offset = current.utcoffset()
    year, month = current.year, current.month
    names = []
    for back in range(months - 1, -1, -1):
        y, m = divmod(year * 12 + month - 1 - back, 12)
        names.append(f"{y:04d}-{m + 1:02d}")
    minutes = int(offset.total_seconds() // 60) if offset else 0
    with box.store.reader() as r:
        return r.stats.stats(names, minutes, quiet)
