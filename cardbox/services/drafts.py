"""What a person typed for a card (`Card`, `Edits`) and how it is checked into a `Contact`.

Input is parsed and checked here (phone numbers against the box's region, e-mails, industries)
so that both front ends report the same errors.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from cardbox.domain import dates as when_rules
from cardbox.domain import industry as industry_rules
from cardbox.domain.companies import company_key
from cardbox.domain.contacts import parse_address, parse_email, parse_url
from cardbox.domain.errors import InvalidInput, Problem
from cardbox.domain.merge import TEXT_FIELDS
from cardbox.domain.model import (
    Contact,
    Meeting,
    Phone,
)
from cardbox.domain.phones import parse_phone, typed_phone
from cardbox.domain.text import normalise

if TYPE_CHECKING:
    from cardbox.services.box import CardBox

SCALARS = TEXT_FIELDS
"""The single-valued text fields of a contact, as named in forms and ``cardbox edit``
(``birthday``: ``YYYY-MM-DD`` or yearless ``--MM-DD``, stored in that form; empty clears it)."""
NAME_PARTS = ("family_name", "given_name", "middle_name", "name_prefix", "name_suffix")


@dataclass
class Card:
    """What a person typed for one card, before it is checked (all text, as typed)."""

    fields: dict[str, str] = field(default_factory=dict)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    talked_about: str = ""


@dataclass
class Edits:
    """Changes to one contact: fields to set, and list items to add or remove."""

    set: dict[str, str] = field(default_factory=dict)
    add: Card = field(default_factory=Card)
    remove: Card = field(default_factory=Card)


def check(
    box: CardBox,
    card: Card,
    *,
    region: str | None = None,
    base: Contact | None = None,
    unchecked: Sequence[Phone] = (),
) -> Contact:
    """Turn a typed card into a `Contact`, collecting every problem into one error.

    A typed number must be valid, except one of ``unchecked`` (the contact's own unchecked
    numbers, typed back as they are written).

    Raises:
        InvalidInput: a `Problem` for each value that could not be accepted, at its field.
    """
    region = region or box.region
    errors: list[Problem] = []
    unknown = set(card.fields) - set(SCALARS)
    if unknown:
        errors.append(Problem("", "card.unknown_fields", {"names": ", ".join(sorted(unknown))}))

    def each(values: Iterable[str], parse: Any) -> list[Any]:
        out = []
        for value in values:
            try:
                out.append(parse(value))
            except InvalidInput as exc:
                errors.extend(exc.problems)
        return out

    held = tuple(unchecked) + (base.phones if base else ())
    phones: list[Phone] = each(card.phones, lambda t: typed_phone(t, region, held))
    emails = each(card.emails, parse_email)
    addresses = each(card.addresses, parse_address)
    urls = each(card.urls, parse_url)
    taxonomy = list(box.store.taxonomy().values())
    codes = [i.code for i in each(card.industries, lambda v: industry_rules.resolve(taxonomy, v))]
    events = [e.strip() for e in card.events if e.strip()]
    fields: dict[str, Any] = {
        k: v.strip() if k != "notes" else v.strip("\n") for k, v in card.fields.items()
    }
    if fields.get("birthday"):
        try:
            fields["birthday"] = when_rules.typed_birthday(fields["birthday"])
        except InvalidInput as exc:
            errors.extend(exc.problems)
    if errors:
        raise InvalidInput(errors)
    contact = base or Contact(uid=str(uuid.uuid4()))
    contact = replace(
        contact,
        **{k: v for k, v in fields.items() if k in SCALARS},
        phones=contact.phones + tuple(phones),
        emails=contact.emails + tuple(emails),
        addresses=contact.addresses + tuple(addresses),
        urls=contact.urls + tuple(urls),
        meetings=contact.meetings
        + tuple(
            Meeting(event=e, talked_about=card.talked_about)
            for e in events
            if e not in contact.events
        ),
        industries=tuple(dict.fromkeys(contact.industries + tuple(codes))),
        tags=tuple(dict.fromkeys(contact.tags + tuple(t.strip() for t in card.tags if t.strip()))),
    )
    if not (contact.family_name or contact.given_name or contact.company):
        raise InvalidInput("card.empty", field="family_name")
    moved = base is not None and (
        company_key(contact.company) != company_key(base.company) if contact.company else False
    )
    if fields.get("company_reading"):
        contact = replace(contact, company_reading_confirmed=True)  # typed
    elif moved and "company_reading" not in fields:
        # another company: the old one's reading is not this one's
        contact = replace(contact, company_reading="", company_reading_confirmed=True)
    if contact.company.strip() and not contact.company_reading:
        with box.store.reader() as r:
            (contact,) = r.contacts.with_known_readings([contact])
    if contact.formatted_name and any(
        k in fields and base is not None and fields[k] != getattr(base, k) for k in NAME_PARTS
    ):
        contact = replace(contact, formatted_name="")  # the typed parts are the name now
    if fields.get("family_reading") or fields.get("given_reading"):
        contact = replace(contact, reading_confirmed=True)  # typed: the user's own reading
    return with_suggested_readings(contact)


def with_suggested_readings(contact: Contact) -> Contact:
    """``contact`` with readings suggested where a Japanese name or company has none.

    Suggested readings are marked unconfirmed (until the user types or accepts them): the name
    readings by ``reading_confirmed``, the company's by ``company_reading_confirmed``. A reading
    already there is never replaced. A suggestion is an extra: when the analyser fails on a
    value (SudachiPy refuses input over 49,149 bytes), there is none and the card is kept.
    """
    from cardbox.domain.readings import has_japanese, suggest_company_reading, suggest_reading

    changes: dict[str, Any] = {}
    name = contact.family_name + contact.given_name
    if has_japanese(name) and not (contact.family_reading or contact.given_reading):
        try:
            family, given = suggest_reading(contact.family_name, contact.given_name)
        except Exception:  # any analyser failure: no suggestion, never a lost card
            family = given = ""
        if family or given:
            changes.update(family_reading=family, given_reading=given, reading_confirmed=False)
    if has_japanese(contact.company) and not contact.company_reading:
        try:
            reading = suggest_company_reading(contact.company)
        except Exception:  # as above
            reading = ""
        if reading:
            changes.update(company_reading=reading, company_reading_confirmed=False)
    return replace(contact, **changes) if changes else contact


def remove_items(contact: Contact, gone: Card, region: str) -> Contact:
    """``contact`` without the items listed in ``gone`` (each must be present)."""
    errors: list[Problem] = []

    def keep(items: tuple[Any, ...], targets: list[str], key: Any, what: str) -> tuple[Any, ...]:
        out = list(items)
        for target in targets:
            wanted = normalise(target)
            hits = [i for i in out if wanted in key(i)]
            if not hits:
                errors.append(Problem("", "card.not_on_card", {"what": what, "item": target}))
            out = [i for i in out if i not in hits]
        return tuple(out)

    def phone_keys(p: Phone) -> set[str]:
        keys = {normalise(p.text), p.e164} - {""}
        with contextlib.suppress(InvalidInput):
            keys.add(parse_phone(p.text, region).e164)
        return keys

    def normalised_phone(text: str) -> str:
        try:
            return parse_phone(text, region).e164
        except InvalidInput:
            return normalise(text)

    phones = keep(contact.phones, [normalised_phone(t) for t in gone.phones], phone_keys, "phone")
    contact = replace(
        contact,
        phones=phones,
        emails=keep(contact.emails, gone.emails, lambda e: {normalise(e.address)}, "e-mail"),
        addresses=keep(
            contact.addresses,
            gone.addresses,
            lambda a: {normalise(a.one_line())},
            "address",
        ),
        urls=keep(contact.urls, gone.urls, lambda u: {normalise(u.url)}, "URL"),
        meetings=keep(contact.meetings, gone.events, lambda m: {normalise(m.event)}, "event"),
        industries=keep(contact.industries, gone.industries, lambda c: {normalise(c)}, "industry"),
        tags=keep(contact.tags, gone.tags, lambda t: {normalise(t)}, "tag"),
    )
    if errors:
        raise InvalidInput(errors)
    return contact
