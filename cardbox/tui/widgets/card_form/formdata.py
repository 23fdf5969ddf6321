"""What the card form holds, as plain text per field, and how it becomes a `Card` or `Edits`.

No widgets here: the form screen (`card_form.form`) keeps a dict of field values and asks this
module what is wrong with them (one message per field), how to show phone numbers, and what to
send to the service. An edit only changes what the user changed: fields the form does not show
(photo, keep-in-touch cadence, other meetings ...) and lists left as they were are never touched.
The birthday, web and postal addresses and notes are worked out in `card_form.formextra`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import phonenumbers
from phonenumbers import PhoneNumberFormat

from cardbox.domain import industry as industry_rules
from cardbox.domain.contacts import parse_email
from cardbox.domain.dates import parse_when
from cardbox.domain.errors import InvalidInput, Problem
from cardbox.domain.model import Contact, Industry
from cardbox.domain.phones import parse_phone, typed_phone
from cardbox.domain.text import normalise
from cardbox.services.box import Card, Edits
from cardbox.tui.i18n import industry_names
from cardbox.tui.widgets.card_form import formextra
from cardbox.tui.widgets.card_form.formextra import at_field
from cardbox.tui.widgets.inputs import SEMICOLONS, split_items

PLAIN = ("family_name", "given_name", "company", "department", "title")
"""Text fields set as typed."""
NAME_READINGS = ("family_reading", "given_reading")
LISTS = ("phones", "emails", "industries", "tags", "urls", "addresses")
FIELDS = (
    "family_name",
    "given_name",
    "family_reading",
    "given_reading",
    "company",
    "company_reading",
    "department",
    "title",
    "phones",
    "emails",
    "industries",
    "tags",
    "talked_about",
    "follow_up",
    *formextra.FIELDS,
)

Values = dict[str, str]


@dataclass
class Readings:
    """Which readings the user has accepted or typed (the rest are only suggestions)."""

    names: bool = False
    company: bool = False


def industry_label(code: str, taxonomy: Mapping[str, Industry]) -> str:
    """How an industry is shown in the field: ``Legal services / 法律``."""
    node = taxonomy.get(code)
    return industry_names(node) if node is not None else code


def start_values(
    contact: Contact | None, taxonomy: Mapping[str, Industry], event: str | None = None
) -> Values:
    """The field values a form opens with: empty for a new card, the contact's for an edit."""
    values = dict.fromkeys(FIELDS, "")
    values.update(formextra.start_values(contact))
    if contact is None:
        return values
    for name in (*PLAIN, *NAME_READINGS, "company_reading"):
        values[name] = getattr(contact, name)
    values["phones"] = ", ".join(
        f"{p.label}:{p.text}" if p.label else p.text for p in contact.phones
    )
    values["emails"] = ", ".join(
        f"{e.label}:{e.address}" if e.label else e.address for e in contact.emails
    )
    values["industries"] = "; ".join(industry_label(c, taxonomy) for c in contact.industries)
    values["tags"] = ", ".join(contact.tags)
    meeting = next((m for m in contact.meetings if m.event == event), None)
    values["talked_about"] = meeting.talked_about if meeting else ""
    return values


def start_readings(contact: Contact | None) -> Readings:
    """A new card's readings are all to be suggested; an edited contact's typed ones stay."""
    if contact is None:
        return Readings()
    return Readings(
        names=contact.reading_confirmed and bool(contact.reading),
        company=bool(contact.company_reading),
    )


def industry_codes(text: str, taxonomy: Mapping[str, Industry]) -> list[str]:
    """The industries in the field, as codes where they can be told (else as typed)."""
    by_label = {
        normalise(n): i.code for i in taxonomy.values() for n in (i.name, industry_names(i))
    }
    out = []
    for item in split_items(text, SEMICOLONS):
        code = by_label.get(normalise(item))
        if code is None:
            found = industry_rules.matching(taxonomy.values(), item)
            code = found[0].code if len(found) == 1 else item
        out.append(code)
    return out


def problems(
    values: Values,
    start: Values,
    *,
    region: str,
    taxonomy: Mapping[str, Industry],
    zone: str,
) -> list[Problem]:
    """What is wrong, each at its field (fields left as they were are not checked again)."""
    found: list[Problem] = []
    if not any(values[k].strip() for k in ("family_name", "given_name", "company")):
        found.append(Problem("family_name", "card.empty"))

    def changed(name: str) -> bool:
        return values[name] != start[name]

    held = set(split_items(start["phones"]))  # a number already there, unchecked, may stay

    def phone(text: str) -> object:
        return None if text in held else parse_phone(text, region)

    for name, parse in (("phones", phone), ("emails", parse_email)):
        if changed(name):
            found += formextra.item_errors(name, split_items(values[name]), parse)
    if changed("industries"):
        # Both orders of the names: the field shows the UI language's first (a company's
        # industry filled in by the form, in Japanese, was refused as unknown).
        by_label = {normalise(n) for i in taxonomy.values() for n in (i.name, industry_names(i))}
        for item in split_items(values["industries"], SEMICOLONS):
            if normalise(item) in by_label:
                continue
            hits = industry_rules.matching(taxonomy.values(), item)
            if not hits:
                found.append(Problem("industries", "industry.unknown", {"name": item}))
            elif len(hits) > 1:
                names = ", ".join(h.code for h in hits)
                params = {"name": item, "count": len(hits), "names": names}
                found.append(Problem("industries", "industry.ambiguous", params))
    if values["follow_up"].strip():
        tz = ZoneInfo(zone)
        try:
            parse_when(values["follow_up"], datetime.now(UTC).astimezone(tz), tz)
        except InvalidInput as exc:
            found += at_field("follow_up", exc)
    found += formextra.problems(values, start)
    return found


def format_phones(text: str, region: str) -> str:
    """The phone numbers in ``text`` written the usual way (``090-1234-5678``; numbers of
    other countries as ``+1 415-555-0100``), labels kept; what cannot be read stays as typed."""
    out = []
    for item in split_items(text):
        try:
            phone = parse_phone(item, region)
        except InvalidInput:
            out.append(item)
            continue
        number = phonenumbers.parse(phone.e164, None)
        home = phonenumbers.region_code_for_number(number) == region
        style = PhoneNumberFormat.NATIONAL if home else PhoneNumberFormat.INTERNATIONAL
        written = phonenumbers.format_number(number, style)
        out.append(f"{phone.label}:{written}" if phone.label else written)
    return ", ".join(out)


def new_card(
    values: Values, readings: Readings, event: str | None, taxonomy: Mapping[str, Industry]
) -> Card:
    """The `Card` for a new contact; readings that are only suggestions are left to the
    service, which suggests the same ones and stores them as unconfirmed."""
    fields = {k: values[k] for k in PLAIN}
    if readings.names:
        fields.update({k: values[k] for k in NAME_READINGS})
    if readings.company:
        fields["company_reading"] = values["company_reading"]
    card = Card(
        fields=fields,
        phones=split_items(values["phones"]),
        emails=split_items(values["emails"]),
        industries=industry_codes(values["industries"], taxonomy),
        tags=split_items(values["tags"]),
        events=[event] if event else [],
        talked_about=values["talked_about"].strip(),
    )
    formextra.fill_card(card, values)
    return card


def edits(
    contact: Contact,
    start: Values,
    values: Values,
    readings: Readings,
    *,
    region: str,
    taxonomy: Mapping[str, Industry],
) -> Edits:
    """The `Edits` that turn ``contact`` into what the form holds, touching only what changed.

    A list that changed is replaced as a whole (so its order is the one typed); one left as it
    was keeps its items untouched, labels and written forms included.
    """
    out = Edits()
    out.set = {k: values[k] for k in PLAIN if values[k] != start[k]}
    names_changed = any(k in out.set for k in ("family_name", "given_name"))
    pair = tuple(values[k] for k in NAME_READINGS)
    if readings.names:
        if pair != (contact.family_reading, contact.given_reading) or not contact.reading_confirmed:
            out.set.update(zip(NAME_READINGS, pair, strict=True))
    elif names_changed or pair != tuple(start[k] for k in NAME_READINGS):
        out.set.update(dict.fromkeys(NAME_READINGS, ""))  # the service suggests them afresh
    if readings.company:
        if values["company_reading"] != contact.company_reading:
            out.set["company_reading"] = values["company_reading"]
    elif "company" in out.set or values["company_reading"] != start["company_reading"]:
        out.set["company_reading"] = ""

    def phone_key(text: str) -> tuple[str, str]:
        p = typed_phone(text, region, contact.phones)
        return (p.label, p.e164 or p.text)

    def email_key(text: str) -> tuple[str, str]:
        e = parse_email(text)
        return (e.label, e.address.casefold())

    if values["phones"] != start["phones"]:
        new = split_items(values["phones"])
        if [phone_key(t) for t in new] != [(p.label, p.e164 or p.text) for p in contact.phones]:
            out.remove.phones = list(dict.fromkeys(p.e164 or p.text for p in contact.phones))
            out.add.phones = new
    if values["emails"] != start["emails"]:
        new = split_items(values["emails"])
        old = [(e.label, e.address.casefold()) for e in contact.emails]
        if [email_key(t) for t in new] != old:
            out.remove.emails = list(dict.fromkeys(e.address for e in contact.emails))
            out.add.emails = new
    if values["industries"] != start["industries"]:
        codes = industry_codes(values["industries"], taxonomy)
        if codes != list(contact.industries):
            out.remove.industries = list(contact.industries)
            out.add.industries = codes
    if values["tags"] != start["tags"]:
        new = split_items(values["tags"])
        if [normalise(t) for t in new] != [normalise(t) for t in contact.tags]:
            out.remove.tags = list(dict.fromkeys(contact.tags))
            out.add.tags = new
    formextra.fill_edits(out, contact, start, values)
    return out


def changed_any(edits_: Edits) -> bool:
    """True when ``edits_`` changes anything."""
    return bool(
        edits_.set
        or any(getattr(edits_.add, k) for k in LISTS)
        or any(getattr(edits_.remove, k) for k in LISTS)
    )
