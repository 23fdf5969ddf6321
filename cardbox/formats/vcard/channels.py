"""TEL, EMAIL, ADR and URL of a card, with their labels.

A label is the group's ``itemN.X-ABLabel`` when there is one (Apple's ``_$!<Mobile>!$_`` becomes
``mobile``), else it comes from the types (`text.type_label`).

Every TEL is a phone of the contact. A number without ``+`` is read in the card's own country
first: the countries of its ADR lines, then those of its ``+CC`` numbers; then in the default
region. A number valid in none of them keeps its text as written, unchecked (no E.164), with a
warning; so does a TEL whose value has letters (``1-800-FLOWERS``). A value longer than any
number is kept as it is in ``extra["vcard"]``, with a warning. An address without ``@`` is not
a failure: its line is kept as it is in ``extra["vcard"]`` and a warning says so.
"""

from __future__ import annotations

import re

from cardbox.domain.model import Address, Email, Phone, Url
from cardbox.domain.phones import read_phone, region_of_code, region_of_country
from cardbox.formats.vcard.context import Ctx
from cardbox.formats.vcard.parse import Prop
from cardbox.formats.vcard.text import components, type_label

_EXTENSION_WORDS = {"", "ext", "x", "extn"}
_MAX_NUMBER = 64
_LETTERS = re.compile("[A-Za-z]+")


def _letters(number: str) -> str:
    """The ASCII letters before any ``;`` parameter (``;ext=``), lower-cased."""
    return "".join(_LETTERS.findall(number.partition(";")[0])).lower()


def _label(ctx: Ctx, prop: Prop, phone: bool = False) -> str:
    found = ctx.label(prop)
    return found if found is not None else type_label(prop.types(), phone)


def _number(text: str) -> str:
    if text[:4].lower() == "tel:":
        text = text[4:]
    return text.strip()


def card_regions(ctx: Ctx) -> list[str]:
    """The regions to read the card's national numbers in, best first: the countries of its
    addresses, then of its international numbers, then the default region."""
    regions: list[str] = []
    for _, prop in ctx.all("ADR"):
        country = components(prop.value, ctx.v21, 7)[6]
        if found := region_of_country(country):
            regions.append(found)
    for _, prop in ctx.all("TEL"):
        number = _number(ctx.text(prop))
        if (
            number.startswith("+")
            and len(number) <= _MAX_NUMBER
            and (found := region_of_code(number))
        ):
            regions.append(found)
    regions.append(ctx.region)
    return list(dict.fromkeys(regions))


def read_phones(ctx: Ctx) -> list[Phone]:
    """Every number of the card (see the module docstring), labelled."""
    phones: list[Phone] = []
    seen: set[tuple[str, str]] = set()
    regions: list[str] | None = None
    for index, prop in ctx.all("TEL"):
        number = _number(ctx.text(prop))
        if len(number) > _MAX_NUMBER:
            ctx.warn(prop, f"phone {number[:20]!r}...: too long to be a number; kept as it is")
            continue
        ctx.use(index)
        if not number:
            continue
        label = _label(ctx, prop, phone=True)
        if _letters(number) not in _EXTENSION_WORDS:
            warning = f"phone {number!r}: not only digits; kept as written, unchecked"
            phone = Phone(e164="", text=number, label=label)
        else:
            if number.startswith("+"):  # its own country: no need to look for the card's
                phone, warning = read_phone(number, [ctx.region], label)
            else:
                regions = regions if regions is not None else card_regions(ctx)
                phone, warning = read_phone(number, regions, label)
        if warning:
            ctx.warn(prop, warning)
        key = (phone.e164 or phone.text, phone.label)
        if key not in seen:
            seen.add(key)
            phones.append(phone)
    return phones


def _address(text: str) -> str:
    if text[:7].lower() == "mailto:":
        text = text[7:]
    if "<" in text and text.endswith(">"):
        text = text[text.rindex("<") + 1 : -1]
    return text.strip().strip('"').strip()


def read_emails(ctx: Ctx) -> list[Email]:
    emails: list[Email] = []
    for index, prop in ctx.all("EMAIL"):
        address = _address(ctx.text(prop))
        if not address:
            ctx.use(index)
            continue
        if "@" not in address or len(address.split()) != 1:
            ctx.warn(prop, f"e-mail {address!r} is not an address; kept as it is")
            continue
        ctx.use(index)
        email = Email(address=address, label=_label(ctx, prop))
        if email not in emails:
            emails.append(email)
    return emails


def read_addresses(ctx: Ctx) -> list[Address]:
    """ADR ``pobox;extended;street;locality;region;postal code;country``: the extended address
    is the building (as cardbox writes it), or the street when there is no street (docomo puts
    the whole address there); a PO box is added to the street."""
    addresses: list[Address] = []
    for index, prop in ctx.all("ADR"):
        ctx.use(index)
        pobox, extended, street, locality, region, code, country = components(
            prop.value, ctx.v21, 7
        )[:7]
        if not any((pobox, extended, street, locality, region, code, country)):
            continue
        building = extended
        if not street:
            street, building = extended, ""
        if pobox:
            street = ", ".join(p for p in (street, pobox) if p)
        addresses.append(
            Address(
                label=_label(ctx, prop),
                postal_code=code,
                region=region,
                locality=locality,
                street=street,
                building=building,
                country=country,
            )
        )
    return addresses


def read_urls(ctx: Ctx) -> list[Url]:
    urls: list[Url] = []
    for index, prop in ctx.all("URL"):
        ctx.use(index)
        url = ctx.text(prop).replace("\\:", ":")  # Google writes http\://, sometimes twice
        if url:
            urls.append(Url(url=url, label=_label(ctx, prop)))
    return urls
