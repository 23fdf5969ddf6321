"""cardbox's own CSV columns: every field of a contact, readable by a person in a spreadsheet.

One column per single field; numbered groups (``Phone 1 - Number``, ``Phone 1 - E164`` ...) for
the lists, as many as the contact with the most needs. ``Reading Confirmed`` is ``yes`` or
``no``; ``Photo`` a ``data:`` URI; ``Extra`` the data cardbox keeps but does not model (the
unmapped vCard lines, name prefix and suffix) as JSON. Reading gives back exactly what was
written: a phone's E.164 form and its text as typed are both kept.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence

from cardbox.domain.dates import parse_cadence
from cardbox.domain.errors import InvalidInput
from cardbox.domain.model import Address, Contact, Email, Meeting, Phone, Photo, Url
from cardbox.formats.csv.build import Draft
from cardbox.formats.csv.cells import Cells, parse_date

SINGLE = (
    ("UID", "uid"),
    ("Family Name", "family_name"),
    ("Given Name", "given_name"),
    ("Middle Name", "middle_name"),
    ("Name Prefix", "name_prefix"),
    ("Name Suffix", "name_suffix"),
    ("Display Name", "formatted_name"),
    ("Family Reading", "family_reading"),
    ("Given Reading", "given_reading"),
    ("Reading Confirmed", ""),
    ("Company", "company"),
    ("Company Reading", "company_reading"),
    ("Company Reading Confirmed", ""),
    ("Department", "department"),
    ("Title", "title"),
    ("Birthday", "birthday"),
    ("Keep In Touch", "cadence"),
    ("Notes", "notes"),
)
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Phone", ("Label", "Number", "E164")),
    ("E-mail", ("Label", "Address")),
    ("Address", ("Label", "Postal Code", "Region", "Locality", "Street", "Building", "Country")),
    ("URL", ("Label", "URL")),
    ("Event", ("Name", "Order", "Talked About", "Introduced By")),
    ("Industry", ("Code",)),
    ("Tag", ("Name",)),
)
TAIL = ("Photo", "Extra")


def _items(contact: Contact) -> dict[str, list[tuple[str, ...]]]:
    return {
        "Phone": [(p.label, p.text, p.e164) for p in contact.phones],
        "E-mail": [(e.label, e.address) for e in contact.emails],
        "Address": [
            (a.label, a.postal_code, a.region, a.locality, a.street, a.building, a.country)
            for a in contact.addresses
        ],
        "URL": [(u.label, u.url) for u in contact.urls],
        "Event": [
            (
                m.event,
                "" if m.position is None else str(m.position),
                m.talked_about,
                m.introduced_by,
            )
            for m in contact.meetings
        ],
        "Industry": [(code,) for code in contact.industries],
        "Tag": [(tag,) for tag in contact.tags],
    }


def header(contacts: Sequence[Contact]) -> list[str]:
    """The columns for ``contacts``: as many numbered groups as the one that needs most."""
    most = {group: 1 for group, _ in GROUPS}
    for contact in contacts:
        for group, items in _items(contact).items():
            most[group] = max(most[group], len(items))
    names = [name for name, _ in SINGLE]
    for group, parts in GROUPS:
        for n in range(1, most[group] + 1):
            names += [f"{group} {n} - {part}" for part in parts]
    return names + list(TAIL)


def row(contact: Contact, columns: list[str]) -> list[str]:
    values: dict[str, str] = {}
    for name, attr in SINGLE:
        values[name] = str(getattr(contact, attr)) if attr else ""
    values["Reading Confirmed"] = "yes" if contact.reading_confirmed else "no"
    values["Company Reading Confirmed"] = "yes" if contact.company_reading_confirmed else "no"
    for group, items in _items(contact).items():
        parts = dict(GROUPS)[group]
        for n, item in enumerate(items, 1):
            for part, value in zip(parts, item, strict=True):
                values[f"{group} {n} - {part}"] = value
    if contact.photo is not None:
        data = base64.b64encode(contact.photo.data).decode("ascii")
        values["Photo"] = f"data:{contact.photo.mime};base64,{data}"
    extra = {k: v for k, v in contact.extra.items() if k != "warnings"}
    values["Extra"] = json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else ""
    return [values.get(name, "") for name in columns]


def read(c: Cells, d: Draft) -> None:
    """A row of cardbox's own CSV back into the draft, field for field."""
    d.uid = c.get("UID")
    d.family, d.given = c.get("Family Name"), c.get("Given Name")
    d.family_reading, d.given_reading = c.get("Family Reading"), c.get("Given Reading")
    d.reading_confirmed = c.get("Reading Confirmed").lower() not in ("no", "false", "0")
    d.middle, d.formatted = c.get("Middle Name"), c.get("Display Name")
    d.prefix, d.suffix = c.get("Name Prefix"), c.get("Name Suffix")
    d.company, d.company_reading = c.get("Company"), c.get("Company Reading")
    d.company_reading_confirmed = c.get("Company Reading Confirmed").lower() not in (
        "no",
        "false",
        "0",
    )
    d.department, d.title = c.get("Department"), c.get("Title")
    _checked(d, "Birthday", c.get("Birthday"), lambda v: bool(parse_date(v)))
    _checked(d, "Keep In Touch", c.get("Keep In Touch"), _is_cadence)
    notes = _raw(c, "Notes")
    if notes:
        d.notes.append(notes)
    for n in c.numbered("Phone"):
        label, text, e164 = (_raw(c, f"Phone {n} - {p}") for p in ("Label", "Number", "E164"))
        if not (text or e164):
            continue
        if not _is_e164(e164):  # unchecked when written, or typed by hand: read it as a card's
            d.phone(text or e164, label)
            continue
        d.phones.append(Phone(e164=e164, text=text or e164, label=label))
    for n in c.numbered("E-mail"):
        address = _raw(c, f"E-mail {n} - Address")
        if address:
            d.emails.append(Email(address=address, label=_raw(c, f"E-mail {n} - Label")))
    for n in c.numbered("Address"):
        parts = [_raw(c, f"Address {n} - {p}") for p in dict(GROUPS)["Address"]]
        if any(parts[1:]):
            d.addresses.append(Address(*parts))
    for n in c.numbered("URL"):
        url = _raw(c, f"URL {n} - URL")
        if url:
            d.urls.append(Url(url=url, label=_raw(c, f"URL {n} - Label")))
    for n in c.numbered("Event"):
        name, order, talked, introduced = (
            _raw(c, f"Event {n} - {p}") for p in dict(GROUPS)["Event"]
        )
        if name:
            position = int(order) if order.isascii() and order.isdigit() else None
            d.meetings.append(Meeting(name, position, talked, introduced))
    d.industries += [c.get(f"Industry {n} - Code") for n in c.numbered("Industry")]
    d.industries = [i for i in d.industries if i]
    d.tags += [_raw(c, f"Tag {n} - Name") for n in c.numbered("Tag")]
    _photo(c.get("Photo"), d)
    _extra(c.get("Extra"), d)


def _checked(d: Draft, column: str, value: str, valid: Callable[[str], bool]) -> None:
    """A birthday or cadence typed by hand: kept in the notes with a warning when unreadable."""
    if not value:
        return
    if not valid(value):
        d.warnings.append(f"{column} {value!r} cannot be read; kept in the notes")
        d.notes.append(f"{column}: {value}")
    elif column == "Birthday":
        d.birthday = parse_date(value)
    else:
        d.cadence = value


def _is_cadence(text: str) -> bool:
    try:
        parse_cadence(text)
    except InvalidInput:
        return False
    return True


def _raw(c: Cells, name: str) -> str:
    """A cell as written (`Cells.get` trims spaces, which a value of its own may have)."""
    c.get(name)
    index = c.header_index(name)
    return c.values[index] if index is not None and index < len(c.values) else ""


def _is_e164(text: str) -> bool:
    return text.startswith("+") and text[1:].isdigit() and 2 < len(text) <= 16


def _photo(uri: str, d: Draft) -> None:
    if not uri:
        return
    head, _, data = uri.partition(",")
    mime = head.removeprefix("data:").partition(";")[0] or "image/jpeg"
    try:
        d.photo = Photo(data=base64.b64decode(data, validate=True), mime=mime)
    except (binascii.Error, ValueError):
        d.warnings.append("the photo is not base64 data; left out")


def _extra(text: str, d: Draft) -> None:
    if not text:
        return
    try:
        found = json.loads(text)
    except ValueError:
        d.warnings.append("the Extra column is not JSON; kept in the notes")
        d.notes.append(f"Extra: {text}")
        return
    if isinstance(found, dict):
        d.extra.update({str(k): str(v) for k, v in found.items()})
