"""What every layout's reader fills in, and the contact (or failure) it makes.

The rules shared with vCard import: a number that is not a phone number is not a failure (it is
kept as a vCard line in ``extra["vcard"]`` with a warning, as `formats.vcard.channels` does); a
row with no name, company, phone or e-mail is a failure; a row with only an e-mail address or a
number is imported with it as the name, and a warning. Cells no reader took are kept at the end
of the notes, one ``column: value`` line each, so that nothing a file holds is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from cardbox.domain.contacts import parse_address
from cardbox.domain.errors import InvalidInput
from cardbox.domain.model import Address, Contact, Email, Meeting, Phone, Photo, Url
from cardbox.domain.phones import read_phone, region_of_country
from cardbox.domain.readings import has_japanese, split_full_name
from cardbox.formats.vcard.export_text import escape, param_value_30
from cardbox.formats.vcard.names import split_formatted

_GROUPED = re.compile(r"^(.+? \d+) - (.+)$")
"""A numbered column: ``Relation 1 - Type``."""


@dataclass
class Draft:
    """A contact being read from one row."""

    region: str
    uid: str = ""
    family: str = ""
    given: str = ""
    family_reading: str = ""
    given_reading: str = ""
    reading_confirmed: bool = True
    company: str = ""
    company_reading: str = ""
    department: str = ""
    title: str = ""
    middle: str = ""
    prefix: str = ""
    suffix: str = ""
    formatted: str = ""
    company_reading_confirmed: bool = True
    notes: list[str] = field(default_factory=list)
    phones: list[Phone] = field(default_factory=list)
    emails: list[Email] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    urls: list[Url] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    dated: dict[str, str] = field(default_factory=dict)
    """Event name -> its date (``YYYY-MM-DD``), for events the file dates (Eight's 名刺交換日)."""
    industries: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    birthday: str = ""
    cadence: str = ""
    photo: Photo | None = None
    extra: dict[str, str] = field(default_factory=dict)
    vcard: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)

    def name(self, full: str) -> None:
        """Family and given name from one field: Japanese at the first space, else by the
        dictionary (`readings.split_full_name`); Western ``John Smith`` -> Smith / John."""
        full = full.strip()
        if not full:
            return
        if has_japanese(full) and not any(ch.isspace() for ch in full):
            self.family, self.given = split_full_name(full)
        else:
            self.family, self.given = split_formatted(full)

    def phone(self, text: str, label: str) -> None:
        """A number of the row: read in the row's own countries (its addresses'), then the
        default region; one valid in none is kept as written and unchecked, with a warning
        (as `formats.vcard` does: every number a card holds is a phone of the contact)."""
        text = text.strip()
        if not text:
            return
        countries = [region_of_country(a.country) for a in self.addresses if a.country]
        try:
            parsed, warning = read_phone(text, [*(c for c in countries if c), self.region], label)
        except InvalidInput as exc:  # nothing a phone could be (too long): kept as a line
            self.warnings.append(f"{exc}; kept as it is")
            self.unread.append(text)
            kind = param_value_30(label).replace(" ", ",")
            kind = f";TYPE={kind}" if kind else ""
            self.vcard.append(f"TEL{kind}:{escape(text)}")
            return
        if warning:
            self.warnings.append(warning)
        phone = Phone(e164=parsed.e164, text=text, label=label)
        if all(
            (p.e164 or p.text, p.label) != (phone.e164 or phone.text, phone.label)
            for p in self.phones
        ):
            self.phones.append(phone)

    def email(self, text: str, label: str) -> None:
        address = text.strip().removeprefix("mailto:").strip()
        if not address:
            return
        if "@" not in address or len(address.split()) != 1:
            self.warnings.append(f"e-mail {address!r} is not an address; kept as it is")
            self.vcard.append(f"EMAIL:{escape(address)}")
            return
        item = Email(address=address, label=label)
        if item not in self.emails:
            self.emails.append(item)

    def url(self, text: str, label: str) -> None:
        text = text.strip()
        if text:
            self.urls.append(Url(url=text, label=label))

    def address(self, text: str, postal: str = "", label: str = "work") -> None:
        """An address written in one field (and its postal code in another, as Eight and
        Sansan do): Japanese addresses are split into prefecture, city and the rest."""
        text, postal = text.strip(), postal.strip().removeprefix("〒").strip()
        if not (text or postal):
            return
        whole = f"〒{postal} {text}" if postal else text
        if ":" in text or "\n" in text:  # not something `parse_address` should take a label from
            self.addresses.append(Address(label=label, postal_code=postal, street=text))
            return
        try:
            found = parse_address(whole)
        except InvalidInput:
            found = Address(postal_code=postal, street=text)
        if not found.postal_code and postal:
            found = Address(postal_code=postal, street=text)
        self.addresses.append(replace(found, label=label))

    def note(self, text: str) -> None:
        if text.strip():
            self.notes.append(text.strip("\r\n"))

    def keep_rest(self, rest: list[tuple[str, str]]) -> None:
        """Cells no reader took, as ``column: value`` lines at the end of the notes."""
        labels: dict[str, str] = {}
        for name, value in rest:
            group = _GROUPED.match(name)
            if group and group.group(2).lower() in ("label", "type"):
                labels[group.group(1)] = value
        lines = []
        for name, value in rest:
            group = _GROUPED.match(name)
            if group and group.group(2).lower() in ("label", "type"):
                continue
            if group and group.group(1) in labels:
                kind = re.sub(r"\s+\d+$", "", group.group(1))
                name = f"{kind} ({labels.pop(group.group(1))})"
            lines.append(f"{name}: {value}")
        lines += [f"{group}: {value}" for group, value in labels.items()]
        if lines:
            self.notes.append("\n".join(lines))

    def contact(self) -> Contact | str:
        """The contact, or the reason there is none."""
        family, given = self.family, self.given
        if not (family or given or self.company):
            fallback = self.emails[0].address if self.emails else ""
            fallback = fallback or (self.phones[0].text if self.phones else "")
            fallback = fallback or (self.unread[0] if self.unread else "")
            if not fallback:
                return "no name, company, phone or e-mail"
            given = fallback
            self.warnings.append(f"the row has no name: {fallback!r} is used as the name")
        extra = dict(self.extra)
        if self.vcard:
            extra["vcard"] = "\r\n".join(
                [extra["vcard"], *self.vcard] if "vcard" in extra else self.vcard
            )
        if self.warnings:
            extra["warnings"] = "\n".join(self.warnings)
        return Contact(
            uid=self.uid,
            family_name=family,
            given_name=given,
            middle_name=self.middle,
            name_prefix=self.prefix,
            name_suffix=self.suffix,
            formatted_name=self.formatted,
            family_reading=self.family_reading,
            given_reading=self.given_reading,
            reading_confirmed=self.reading_confirmed,
            company=self.company,
            company_reading=self.company_reading,
            company_reading_confirmed=self.company_reading_confirmed,
            department=self.department,
            title=self.title,
            notes="\n".join(self.notes),
            phones=tuple(self.phones),
            emails=tuple(self.emails),
            addresses=tuple(self.addresses),
            urls=tuple(self.urls),
            meetings=tuple(self.meetings),
            industries=tuple(dict.fromkeys(self.industries)),
            tags=tuple(dict.fromkeys(t for t in self.tags if t)),
            birthday=self.birthday,
            cadence=self.cadence,
            photo=self.photo,
            extra=extra,
        )


def truncated(reading: str, name: str) -> bool:
    """True for a reading shorter than its name (Eight sometimes keeps only a reading's first
    character: every kanji is read with at least one kana, so such a reading is cut short)."""
    return (
        bool(reading) and bool(name) and len(reading.replace(" ", "")) < len(name.replace(" ", ""))
    )
