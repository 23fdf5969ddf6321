"""TEL, EMAIL, ADR and URL of a card, with their labels.

A label is the group's ``itemN.X-ABLabel`` when there is one (Apple's ``_$!<Mobile>!$_`` becomes
``mobile``), else it comes from the types (`text.type_label`). A number that is not a phone
number, or an address without ``@``, is not a failure: its line is kept as it is in
``extra["vcard"]`` and a warning says so.
"""

from __future__ import annotations

import re

from cardbox.domain.errors import InvalidInput
from cardbox.domain.model import Address, Email, Phone, Url
from cardbox.domain.phones import parse_phone
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


def read_phones(ctx: Ctx) -> tuple[list[Phone], list[str]]:
    """The phone numbers, and the texts of numbers that could not be read (kept in extra)."""
    phones: list[Phone] = []
    unread: list[str] = []
    seen: set[tuple[str, str]] = set()
    for index, prop in ctx.all("TEL"):
        text = ctx.text(prop)
        number = _number(text)
        if not number:
            ctx.use(index)
            continue
        try:
            if len(number) > _MAX_NUMBER or _letters(number) not in _EXTENSION_WORDS:
                raise InvalidInput(f"phone {number!r}: not a phone number")
            phone = parse_phone(number, ctx.region)
        except InvalidInput as exc:
            ctx.warn(prop, f"{exc}; kept as it is")
            unread.append(number)
            continue
        ctx.use(index)
        phone = Phone(e164=phone.e164, text=number, label=_label(ctx, prop, phone=True))
        if (phone.e164, phone.label) not in seen:
            seen.add((phone.e164, phone.label))
            phones.append(phone)
    return phones, unread


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
