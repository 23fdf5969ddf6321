"""A raw card to a cardbox `Contact` (or a `Group`, or a `Failure`).

What maps where is described in `names`, `channels` and `media`; here: UID (``urn:uuid:``
removed), NOTE (several are joined with line breaks), CATEGORIES -> tags, Apple group cards and
4.0 ``KIND:group`` -> `Group`, and cardbox's own lines written by `write` (``X-CARDBOX-MET``,
``X-CARDBOX-INDUSTRY``, ``X-CARDBOX-READING-CONFIRMED``, ``X-CARDBOX-COMPANY-READING-CONFIRMED``
and ``X-CARDBOX-TAG`` should the writer add it) back to meetings, industries, the reading flags
and tags, with the ``Met at``
lines and the event/industry categories taken back out of NOTE and the tags.

Everything cardbox does not model is kept, as unfolded content lines joined by CRLF, in
``extra["vcard"]`` (BEGIN, END, VERSION, PRODID and REV excepted). Warnings for a person (a
number kept unchecked, a birthday that is not a date, a bad photo...) are in
``extra["warnings"]``, one per line.

A card with no name, company, phone or e-mail is a `Failure`. A card with an e-mail address or
a phone number but no name is imported with the address (or number) as the given name, and a
warning.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cardbox.domain.model import Contact, Meeting
from cardbox.formats.vcard.channels import read_addresses, read_emails, read_phones, read_urls
from cardbox.formats.vcard.context import Ctx
from cardbox.formats.vcard.export_text import notes_from_note
from cardbox.formats.vcard.media import read_birthday, read_photo
from cardbox.formats.vcard.names import read_names
from cardbox.formats.vcard.parse import Failure, RawCard
from cardbox.formats.vcard.text import MAX_STRUCTURED, components, split_unescaped, text_list

__all__ = ["Group", "to_contact"]

NOT_KEPT = frozenset({"BEGIN", "END", "VERSION", "PRODID", "REV"})
"""Properties neither mapped nor kept: the structure, and what the writer sets afresh."""
_GROUP_KINDS = ("KIND", "X-ADDRESSBOOKSERVER-KIND")
_MEMBERS = ("MEMBER", "X-ADDRESSBOOKSERVER-MEMBER")
_STRUCTURED = ("N", "ORG", "ADR", "CATEGORIES", "SOUND", "X-CARDBOX-MET")
"""Values read only up to `MAX_STRUCTURED` characters (`text.components`, `text.text_list`)."""


@dataclass(frozen=True)
class Group:
    """An Apple group card or a 4.0 ``KIND:group``: a tag on its members, not a person."""

    name: str
    members: tuple[str, ...]
    """Member UIDs (``urn:uuid:`` removed); a ``mailto:`` member is kept as it is."""


def _strip_urn(value: str) -> str:
    return value[9:] if value[:9].lower() == "urn:uuid:" else value


def to_contact(
    card: RawCard, region: str = "JP", industry_names: Mapping[str, str] | None = None
) -> Contact | Group | Failure:
    """Map one card. ``region`` reads numbers written without ``+``; ``industry_names`` (code
    -> the name the exporter put in CATEGORIES) lets exported industries be told from tags.
    Never raises."""
    try:
        return _map(Ctx(card, region), industry_names or {})
    except Exception as exc:  # a safety net: one card's surprise must not stop an import
        return Failure(
            card.source, card.line, f"could not be read ({type(exc).__name__})", card.text
        )


def _group(ctx: Ctx) -> Group | None:
    kinds = [ctx.text(p).lower() for name in _GROUP_KINDS for _, p in ctx.all(name)]
    if "group" not in kinds:
        return None
    fn = ctx.first("FN")
    n = ctx.first("N")
    name = ctx.text(fn[1]) if fn else components(n[1].value, ctx.v21)[0] if n else ""
    members = [_strip_urn(ctx.text(p)) for m in _MEMBERS for _, p in ctx.all(m)]
    return Group(name=name, members=tuple(m for m in members if m))


def _meetings(ctx: Ctx) -> list[Meeting]:
    meetings: list[Meeting] = []
    for index, prop in ctx.all("X-CARDBOX-MET"):
        value = prop.value
        if "\\;" in value and len(split_unescaped(value, ";")) == 1:
            # A server that re-wrote the line as plain text (Radicale, through vobject) escaped
            # every separator: ``event\;1\;talk``. Read it so when the position is there.
            parts = value.split("\\;")
            if parts[1].isascii() and parts[1].isdigit():
                value = ";".join(parts)
        event, position, talked, introduced = components(value, ctx.v21, 4)[:4]
        if not event:
            continue
        ctx.use(index)
        number = int(position) if position.isascii() and position.isdigit() else None
        meetings.append(Meeting(event, number, talked, introduced))
    return meetings


def _tags(
    ctx: Ctx, meetings: list[Meeting], industries: list[str], names: Mapping[str, str]
) -> list[str]:
    """The tags: ``X-CARDBOX-TAG`` lines when there are any, else CATEGORIES less what cardbox's
    writer put there besides tags (events first, industries last: ``write._categories``)."""
    values: list[str] = []
    for index, prop in ctx.all("CATEGORIES"):
        ctx.use(index)
        values += text_list(prop.value, ctx.v21)
    explicit: list[str] = []
    for index, prop in ctx.all("X-CARDBOX-TAG"):
        ctx.use(index)
        if tag := ctx.text(prop):
            explicit.append(tag)
    if explicit:
        return list(dict.fromkeys(explicit))
    rest = values
    for event in dict.fromkeys(m.event for m in meetings):
        if rest and rest[0] == event:
            rest.pop(0)
    for code in reversed(list(dict.fromkeys(industries))):
        name = names.get(code)
        if name is not None:
            if name in rest:
                rest.remove(name)
        elif rest and rest[-1] == code:
            rest.pop()
        elif rest:
            rest.pop()  # written under a name we were not told: it is the last one
    return list(dict.fromkeys(rest))


def _map(ctx: Ctx, industry_names: Mapping[str, str]) -> Contact | Group | Failure:
    group = _group(ctx)
    if group is not None:
        return group
    for name in _STRUCTURED:
        for _, prop in ctx.all(name):
            if len(prop.value) > MAX_STRUCTURED:
                ctx.warn(
                    prop,
                    f"{name} is longer than {MAX_STRUCTURED:,} characters; the rest is left out",
                )
    names = read_names(ctx)
    phones = read_phones(ctx)
    emails = read_emails(ctx)
    meetings = _meetings(ctx)
    industries = []
    for index, prop in ctx.all("X-CARDBOX-INDUSTRY"):
        ctx.use(index)
        if code := ctx.text(prop):
            industries.append(code)
    confirmed = company_confirmed = True
    for index, prop in ctx.all("X-CARDBOX-READING-CONFIRMED"):
        ctx.use(index)
        confirmed = ctx.text(prop).upper() != "FALSE"
    for index, prop in ctx.all("X-CARDBOX-COMPANY-READING-CONFIRMED"):
        ctx.use(index)
        company_confirmed = ctx.text(prop).upper() != "FALSE"
    notes = []
    for index, prop in ctx.all("NOTE"):
        ctx.use(index)
        notes.append(ctx.text(prop))
    uid = ""
    for index, prop in ctx.all("UID"):
        if not uid:
            ctx.use(index)
            uid = _strip_urn(ctx.text(prop))
    family, given = names.family, names.given
    if not (family or given or names.company):
        fallback = emails[0].address if emails else phones[0].text if phones else ""
        if not fallback:
            card = ctx.card
            return Failure(card.source, card.line, "no name, company, phone or e-mail", card.text)
        given = fallback
        ctx.warn(None, f"the card has no name: {fallback!r} is used as the name")
    addresses, urls = read_addresses(ctx), read_urls(ctx)
    tags = _tags(ctx, meetings, industries, industry_names)
    birthday, photo = read_birthday(ctx), read_photo(ctx)
    return Contact(
        uid=uid,
        family_name=family,
        given_name=given,
        middle_name=names.middle,
        name_prefix=names.prefix,
        name_suffix=names.suffix,
        formatted_name=names.formatted_name,
        family_reading=names.family_reading,
        given_reading=names.given_reading,
        reading_confirmed=confirmed,
        company=names.company,
        company_reading=names.company_reading,
        company_reading_confirmed=company_confirmed or not names.company_reading,
        department=names.department,
        title=names.title,
        notes=notes_from_note("\n".join(n for n in notes if n), meetings),
        phones=tuple(phones),
        emails=tuple(emails),
        addresses=tuple(addresses),
        urls=tuple(urls),
        meetings=tuple(meetings),
        industries=tuple(dict.fromkeys(industries)),
        tags=tuple(tags),
        birthday=birthday,
        photo=photo,
        extra=_extra(ctx),
    )


def _extra(ctx: Ctx) -> dict[str, str]:
    extra: dict[str, str] = {}
    lines = [
        p.raw for i, p in enumerate(ctx.card.props) if i not in ctx.used and p.name not in NOT_KEPT
    ]
    if lines:
        extra["vcard"] = "\r\n".join(lines)
    if ctx.warnings:
        extra["warnings"] = "\n".join(ctx.warnings)
    return extra
