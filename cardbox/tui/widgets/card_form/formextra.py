"""The card form's further fields: birthday, web addresses, postal addresses and notes.

What they open with, what is wrong with them, and what a new card or an edit sends for them. No
widgets here. Addresses are one per line (or ``;``-separated, as Western addresses hold commas);
an edit keeps every address whose line was left as it was exactly as stored, so an address that
was imported with more structure than a typed line has is not rewritten because another changed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from cardbox.domain.contacts import parse_address, parse_url
from cardbox.domain.dates import typed_birthday
from cardbox.domain.errors import InvalidInput, Problem
from cardbox.domain.model import Address, Contact, Url
from cardbox.domain.text import normalise
from cardbox.services.box import Card, Edits
from cardbox.tui.widgets.inputs import split_items

FIELDS = ("birthday", "urls", "addresses", "notes")
AREAS = {"addresses": 3, "notes": 4}
"""The fields typed over several lines (``enter`` is a new line there), with their heights."""
ADDRESS_SEPARATORS = re.compile(r"[\n\r;；]")
"""What separates addresses: a new line or a semicolon."""
_YEARLESS = re.compile(r"(\d{1,2})-(\d{1,2})", re.ASCII)


def address_line(address: Address) -> str:
    """An address as the field shows it: ``work:〒150-0002 東京都渋谷区渋谷2-21-1``."""
    line = address.one_line()
    return f"{address.label}:{line}" if address.label else line


def url_text(url: Url) -> str:
    return f"{url.label}:{url.url}" if url.label else url.url


def start_values(contact: Contact | None) -> dict[str, str]:
    """What these fields open with: empty for a new card, the contact's for an edit."""
    if contact is None:
        return dict.fromkeys(FIELDS, "")
    return {
        "birthday": contact.birthday,
        "urls": ", ".join(url_text(u) for u in contact.urls),
        "addresses": "\n".join(address_line(a) for a in contact.addresses),
        "notes": contact.notes,
    }


def birthday(text: str) -> str:
    """A typed birthday in the form it is stored in: ``1985-04-12``, or ``--04-12`` without
    the year (typed ``--04-12``, ``04-12`` or ``4-12``; full-width digits too); empty for none.

    Raises:
        InvalidInput: the text is not a birthday, or no such day exists.
    """
    typed = unicodedata.normalize("NFKC", text).strip()
    if not typed:
        return ""
    match = _YEARLESS.fullmatch(typed)
    if match:
        typed = f"--{int(match.group(1)):02d}-{int(match.group(2)):02d}"
    try:
        return typed_birthday(typed)
    except InvalidInput:
        if re.fullmatch(r"(\d{4}-?)?\d{2}-?\d{2}|--\d{2}-?\d{2}", typed, re.ASCII):
            raise InvalidInput(
                "birthday.no_such_date", text=text.strip(), field="birthday"
            ) from None
        raise InvalidInput("birthday.typed", text=text.strip(), field="birthday") from None


def at_field(field: str, error: InvalidInput) -> list[Problem]:
    """The problems of ``error``, each shown at the form's ``field``."""
    return [replace(p, field=field) for p in error.problems]


def problems(values: Mapping[str, str], start: Mapping[str, str]) -> list[Problem]:
    """What is wrong with these fields, each at its field (fields left as they were are not
    checked)."""
    found: list[Problem] = []
    if values["birthday"] != start["birthday"]:
        try:
            birthday(values["birthday"])
        except InvalidInput as exc:
            found += at_field("birthday", exc)
    for name, parse, separators in (
        ("urls", parse_url, None),
        ("addresses", parse_address, ADDRESS_SEPARATORS),
    ):
        if values[name] == start[name]:
            continue
        items = split_items(values[name]) if separators is None else _addresses(values[name])
        found += item_errors(name, items, parse)
    return found


def item_errors(field: str, items: Iterable[str], parse: Callable[[str], object]) -> list[Problem]:
    """What ``parse`` refuses among ``items``, at ``field`` (none when it takes them all)."""
    errors = []
    for item in items:
        try:
            parse(item)
        except InvalidInput as exc:
            errors += at_field(field, exc)
    return errors


def _addresses(text: str) -> list[str]:
    return split_items(text, ADDRESS_SEPARATORS)


def fill_card(card: Card, values: Mapping[str, str]) -> None:
    """Put these fields of a new card into ``card``."""
    if values["notes"].strip():
        card.fields["notes"] = values["notes"]
    if values["birthday"].strip():
        card.fields["birthday"] = birthday(values["birthday"])
    card.urls = split_items(values["urls"])
    card.addresses = _addresses(values["addresses"])


def fill_edits(
    out: Edits, contact: Contact, start: Mapping[str, str], values: Mapping[str, str]
) -> None:
    """Put into ``out`` what changed in these fields (nothing for a field left as it was)."""
    if values["notes"] != start["notes"]:
        out.set["notes"] = values["notes"]
    if values["birthday"] != start["birthday"]:
        day = birthday(values["birthday"])
        if day != contact.birthday:
            out.set["birthday"] = day
    if values["urls"] != start["urls"]:
        new = split_items(values["urls"])
        keys = [(u.label, u.url) for u in map(parse_url, new)]
        if keys != [(u.label, u.url) for u in contact.urls]:
            out.remove.urls = list({normalise(u.url): u.url for u in contact.urls}.values())
            out.add.urls = new
    if values["addresses"] != start["addresses"]:
        out.remove.addresses, out.add.addresses = address_changes(
            contact.addresses, _addresses(values["addresses"])
        )


def address_changes(old: tuple[Address, ...], lines: list[str]) -> tuple[list[str], list[str]]:
    """(addresses to remove, as their one-line text; lines to add) that turn ``old`` into the
    typed ``lines``: nothing when they read as the same addresses.

    Only the addresses whose line changed are replaced when that keeps the typed order (or
    when replacing them all would rewrite one whose line was kept); otherwise all are.
    """
    if [parse_address(line) for line in lines] == list(old):
        return [], []
    unmatched = list(old)
    kept: list[Address] = []
    added: list[str] = []
    for line in lines:
        hit = next((a for a in unmatched if address_line(a) == line), None)
        if hit is None:
            added.append(line)
        else:
            unmatched.remove(hit)
            kept.append(hit)
    in_order = [address_line(a) for a in old if a in kept] + added == lines
    gone = {normalise(a.one_line()): a.one_line() for a in unmatched}
    clash = any(normalise(a.one_line()) in gone for a in kept)
    lossless = all(parse_address(address_line(a)) == a for a in kept)
    if clash or (not in_order and lossless):
        everything = {normalise(a.one_line()): a.one_line() for a in old}
        return list(everything.values()), lines
    return list(gone.values()), added
