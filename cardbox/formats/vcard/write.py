"""Write contacts as vCards that phones and address books accept.

The default is vCard 3.0 exactly as ``notes/vcard-interop.md`` §3 recommends for phones: UTF-8
(the caller encodes, without BOM), CRLF, lines folded at 75 octets between characters, N and FN
always, readings as X-PHONETIC-* plus SORT-STRING, ORG ``company;department``, typed TEL/EMAIL,
custom labels as ``itemN.X-ABLabel``, CATEGORIES, the events met at also in NOTE, and the photo as
``PHOTO;ENCODING=b;TYPE=JPEG``. A card is written in this order::

    BEGIN, VERSION, N, FN, X-PHONETIC-LAST-NAME, X-PHONETIC-FIRST-NAME, SORT-STRING,
    ORG, X-PHONETIC-ORG, X-ABShowAs (company-only cards), TITLE, TEL..., EMAIL..., ADR...,
    URL..., BDAY, CATEGORIES, NOTE, X-CARDBOX-MET..., X-CARDBOX-INDUSTRY...,
    X-CARDBOX-READING-CONFIRMED, UID, PHOTO, the unmodelled lines kept in extra["vcard"], END

Choices:

- N has its five parts (family; given; middle; prefix; suffix) on every profile.
- FN is `Contact.name` (the card's own FN when it had one that differs from the parts, else
  ``山田 太郎``, ``Dr. John Smith Jr.``); a card without a name gets the company
  (and ``X-ABShowAs:COMPANY`` so Apple shows it as a company), else the first e-mail or phone.
- The first phone number carries ``pref``. E-mail addresses do not. A number without a label
  that is a mobile one (Japan's 070/080/090, or phonenumbers' MOBILE type) is written as
  ``mobile`` (``TYPE=CELL``), not ``VOICE``. An unchecked number (no E.164) is written as it was
  written on the card.
- ADR puts the building in the extended-address slot: ``;building;street;locality;region;postal;
  country`` (Android appends it to the street, Apple shows it as a second street line).
- NOTE is the contact's notes, then one ``Met at <event> (<talked about>)`` line per meeting;
  `export_text.notes_from_note` takes those lines back out on import.
- cardbox's own lines restore on re-import what CATEGORIES and NOTE cannot:
  ``X-CARDBOX-MET:<event>;<position>;<talked about>;<introduced by>`` (one per meeting, in order;
  each component escaped; trailing empty components left out), ``X-CARDBOX-INDUSTRY:<code>`` (one
  per industry), ``X-CARDBOX-READING-CONFIRMED:FALSE`` and
  ``X-CARDBOX-COMPANY-READING-CONFIRMED:FALSE`` (only when that reading is a suggestion).
- Suggested readings (dictionary guesses) are written like typed ones by default: a phone sorts
  better with a good guess than with none. `without_suggestions` leaves them out (``cardbox
  export --readings confirmed``).
- URL values are written as they are (URL is a ``uri`` value in vCard, not escaped text).
- Text loses nothing but CR (CRLF and CR become LF) and control characters other than TAB and
  LF (C0, DEL and C1), which no vCard value may hold; URLs and the kept lines lose them too, so
  no export carries a terminal escape sequence.
- Lines in ``extra["vcard"]`` are written back as they were (folded again); lines that are not
  content lines, and BEGIN/END/VERSION lines, are dropped. Item groups they use (``item3.``) are
  not reused for cardbox's own labels.

The profiles (``--to``) and their differences from ``default`` are `cardbox.formats.vcard.profiles`.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from functools import lru_cache

from cardbox.domain.model import Contact, Phone
from cardbox.domain.phones import is_mobile, pretty
from cardbox.formats.vcard import export_types as types
from cardbox.formats.vcard.export_filename import safe_filename
from cardbox.formats.vcard.export_text import (
    CRLF,
    escape,
    fold,
    note_value,
    param_value_30,
    param_value_40,
    structured,
    text_list,
)
from cardbox.formats.vcard.profiles import COMPACT, PROFILES, Names, Profile, profile_named

__all__ = [
    "PROFILES",
    "Names",
    "compact_vcard",
    "has_suggestions",
    "safe_filename",
    "without_suggestions",
    "write_vcard",
    "write_vcards",
]

_CONTENT_LINE = re.compile(r"^(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)[;:]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 and C1 controls and DEL: no vCard value may hold them, and they are terminal commands."""
_DATA_URI_IN_B64 = re.compile(
    r"^((?:[A-Za-z0-9-]+\.)?[A-Za-z0-9-]+)((?:;[^:;]*)*):(data:.*)$", re.IGNORECASE | re.DOTALL
)
_BASE64_PARAM = re.compile(r";(?:ENCODING=)?(?:B|BASE64)(?=;|$)", re.IGNORECASE)
_STRUCTURE = {"BEGIN", "END", "VERSION"}

_pretty = lru_cache(maxsize=16384)(pretty)


class _Card:
    """The content lines of one card being written (unfolded)."""

    def __init__(self, profile: Profile, used_groups: set[str]) -> None:
        self.p = profile
        self.lines: list[str] = []
        self._used = used_groups
        self._item = 0

    def text(self, value: str) -> str:
        """A single-valued text value, escaped for this card's version."""
        return escape(value, semicolons=not self.p.v4)

    def add(self, name: str, value: str) -> None:
        if value:
            self.lines.append(f"{name}:{value}")

    def _group(self) -> str:
        while True:
            self._item += 1
            group = f"item{self._item}"
            if group not in self._used:
                return group

    def typed(
        self,
        prop: str,
        value: str,
        label: str,
        table: Mapping[str, tuple[str, ...]],
        custom: tuple[str, ...] = (),
        pref: bool = False,
        params: str = "",
    ) -> None:
        """A TEL/EMAIL/ADR/URL line with its type or custom label."""
        p = self.p
        found = table.get(label)
        group = ""
        if found is not None:
            kinds = list(found)
        elif p.compact:
            kinds = list(custom)
        elif p.item_labels:
            group = self._group() + "."
            kinds = list(custom)
        else:
            custom_type = param_value_30(label)
            kinds = [*custom, "X-" + custom_type] if custom_type else list(custom)
        if pref and not p.v4:
            kinds.append("pref")
        if kinds:
            params += ";TYPE=" + ",".join(kinds)
        if pref and p.v4:
            params += ";PREF=1"
        self.lines.append(f"{group}{prop}{params}:{value}")
        if group:
            self.lines.append(f"{group}X-ABLabel:{self.text(label)}")


def _extra_lines(contact: Contact) -> list[str]:
    raw = contact.extra.get("vcard", "") if contact.extra else ""
    out = []
    for line in _LINE_BREAK.split(raw):
        match = _CONTENT_LINE.match(line)
        if match and match.group(2).upper() not in _STRUCTURE:
            out.append(_no_data_uri_in_base64(_CONTROLS.sub("", line)))
    return out


def _no_data_uri_in_base64(line: str) -> str:
    """A ``data:`` URI kept under ``ENCODING=b`` (a photo cardbox could not decode) written as
    the URI it is: ``PHOTO;VALUE=uri:data:...``. Readers refuse base64 that is a URI."""
    match = _DATA_URI_IN_B64.match(line)
    if match is None or not _BASE64_PARAM.search(match.group(2)):
        return line
    return f"{match.group(1)};VALUE=uri:{match.group(3)}"


def _formatted_name(contact: Contact) -> str:
    if contact.name:
        return contact.name
    if contact.company:
        return contact.company
    if contact.emails:
        return contact.emails[0].address
    if contact.phones:
        return _phone_value(contact.phones[0])
    return ""


def _phone_value(phone: Phone) -> str:
    return _pretty(phone.e164) if phone.e164 else phone.text


def _names(card: _Card, contact: Contact) -> None:
    p = card.p
    n = structured(
        (
            contact.family_name,
            contact.given_name,
            contact.middle_name,
            contact.name_prefix,
            contact.name_suffix,
        )
    )
    readings = (contact.family_reading, contact.given_reading)
    if p.v4 and any(readings):
        sort_as = ",".join(r.replace(",", " ") for r in readings).rstrip(",")
        card.lines.append(f"N;SORT-AS={param_value_40(sort_as)}:{n}")
    else:
        card.lines.append(f"N:{n}")
    card.lines.append(f"FN:{card.text(_formatted_name(contact))}")
    if not p.v4:
        card.add("X-PHONETIC-LAST-NAME", escape(contact.family_reading))
        card.add("X-PHONETIC-FIRST-NAME", escape(contact.given_reading))
        if not p.compact:
            card.add("SORT-STRING", escape(contact.reading))


def _organisation(card: _Card, contact: Contact, extra_names: set[str]) -> None:
    p = card.p
    if contact.company or contact.department:
        parts = (contact.company, contact.department) if contact.department else (contact.company,)
        org = structured(parts)
        if p.v4 and contact.company_reading:
            card.lines.append(f"ORG;SORT-AS={param_value_40(contact.company_reading)}:{org}")
        else:
            card.add("ORG", org)
        if not p.v4:
            card.add("X-PHONETIC-ORG", escape(contact.company_reading))
    company_only = contact.company and not (contact.family_name or contact.given_name)
    if company_only and not p.v4 and not p.compact and "X-ABSHOWAS" not in extra_names:
        card.add("X-ABShowAs", "COMPANY")
    card.add("TITLE", card.text(contact.title))


def _channels(card: _Card, contact: Contact) -> None:
    p = card.p
    for i, phone in enumerate(contact.phones):
        label = phone.label or ("mobile" if is_mobile(phone.e164) else "")
        if p.v4 and phone.e164:
            uri = "tel:" + _pretty(phone.e164).replace(" ", "-")
            card.typed("TEL", uri, label, p.phone_types, pref=i == 0, params=";VALUE=uri")
        else:
            value = card.text(_phone_value(phone))
            card.typed("TEL", value, label, p.phone_types, pref=i == 0)
    for email in contact.emails:
        card.typed("EMAIL", card.text(email.address), email.label, p.email_types, p.email_custom)
    for a in contact.addresses:
        parts = ("", a.building, a.street, a.locality, a.region, a.postal_code, a.country)
        card.typed("ADR", structured(parts), a.label, p.place_types)
    for url in contact.urls:
        card.typed("URL", _CONTROLS.sub("", _LINE_BREAK.sub("", url.url)), url.label, p.place_types)


def _birthday(card: _Card, contact: Contact) -> None:
    if not contact.birthday:
        return
    p = card.p
    value = types.birthday(contact.birthday, p.yearless, p.full_date)
    if value is not None:
        card.add("BDAY", value)
    elif p.v4:
        card.add("BDAY;VALUE=text", card.text(contact.birthday))
    else:
        card.add("BDAY", escape(contact.birthday))


def _cardbox_lines(card: _Card, contact: Contact) -> None:
    for m in contact.meetings:
        position = "" if m.position is None else str(m.position)
        parts = [m.event, position, m.talked_about, m.introduced_by]
        while parts and not parts[-1]:
            parts.pop()
        card.lines.append(f"X-CARDBOX-MET:{structured(parts)}")
    for code in contact.industries:
        card.add("X-CARDBOX-INDUSTRY", card.text(code))
    if not contact.reading_confirmed and (contact.family_reading or contact.given_reading):
        card.lines.append("X-CARDBOX-READING-CONFIRMED:FALSE")
    if not contact.company_reading_confirmed and contact.company_reading:
        card.lines.append("X-CARDBOX-COMPANY-READING-CONFIRMED:FALSE")


def _categories(contact: Contact, names: Names, semicolons: bool) -> str:
    industries = (names.industries.get(code) or code for code in contact.industries)
    # Each kind is de-duplicated on its own: a tag named like an event must survive a re-import,
    # which tells the kinds apart by the X-CARDBOX lines and by position.
    values = [
        v for kind in (contact.events, contact.tags, industries) for v in dict.fromkeys(kind) if v
    ]
    return text_list(values, semicolons)


def _photo(card: _Card, contact: Contact) -> None:
    photo = contact.photo
    if photo is None or not photo.data:
        return
    data = base64.b64encode(photo.data).decode("ascii")
    if card.p.v4:
        card.lines.append(f"PHOTO:data:{types.photo_mime(photo.mime)};base64,{data}")
    else:
        card.lines.append(f"PHOTO;ENCODING=b;TYPE={types.photo_type(photo.mime)}:{data}")


def _card_lines(contact: Contact, names: Names, p: Profile) -> list[str]:
    extra = [] if p.compact else _extra_lines(contact)
    groups: set[str] = set()
    extra_names: set[str] = set()
    for line in extra:
        match = _CONTENT_LINE.match(line)
        if match:
            if match.group(1):
                groups.add(match.group(1).lower())
            extra_names.add(match.group(2).upper())
    card = _Card(p, groups)
    card.lines += ["BEGIN:VCARD", f"VERSION:{p.version}"]
    _names(card, contact)
    _organisation(card, contact, extra_names)
    _channels(card, contact)
    _birthday(card, contact)
    if not p.compact:
        card.add("CATEGORIES", _categories(contact, names, semicolons=not p.v4))
    card.add("NOTE", card.text(note_value(contact)))
    if not p.compact:
        _cardbox_lines(card, contact)
        card.add("UID", card.text(contact.uid))
        _photo(card, contact)
        card.lines += extra
    card.lines.append("END:VCARD")
    return card.lines


def has_suggestions(contact: Contact) -> bool:
    """True when the contact carries a reading that is only a suggestion (name or company)."""
    names = not contact.reading_confirmed and bool(contact.family_reading or contact.given_reading)
    company = not contact.company_reading_confirmed and bool(contact.company_reading)
    return names or company


def without_suggestions(contact: Contact) -> Contact:
    """The contact with its suggested (unconfirmed) readings left out, confirmed ones kept."""
    if not contact.reading_confirmed:
        contact = replace(contact, family_reading="", given_reading="", reading_confirmed=True)
    if not contact.company_reading_confirmed:
        contact = replace(contact, company_reading="", company_reading_confirmed=True)
    return contact


def write_vcard(contact: Contact, names: Names, profile: str = "default") -> str:
    """One card as text: CRLF line endings (a final CRLF included), folded at 75 octets.

    Raises:
        InvalidInput: ``profile`` is not one of `PROFILES`.
    """
    lines = _card_lines(contact, names, profile_named(profile))
    return CRLF.join(map(fold, lines)) + CRLF


def write_vcards(
    contacts: Iterable[Contact], names: Names, profile: str = "default"
) -> Iterator[str]:
    """Each contact's card in turn (see `write_vcard`), for writing to one file as they come.

    Raises:
        InvalidInput: ``profile`` is not one of `PROFILES` (raised before the first card).
    """
    p = profile_named(profile)

    def cards() -> Iterator[str]:
        for contact in contacts:
            yield CRLF.join(map(fold, _card_lines(contact, names, p))) + CRLF

    return cards()


def compact_vcard(contact: Contact) -> str:
    """A small vCard 3.0 for a QR code, CRLF line endings.

    Like `write_vcard` without the photo, SORT-STRING, X-ABShowAs, CATEGORIES, cardbox's own
    lines, UID, custom labels (the number or address is kept, untyped) and extra lines, and not
    folded (a QR code has no line-length limit, and every byte counts).
    """
    return CRLF.join(_card_lines(contact, Names(), COMPACT)) + CRLF
