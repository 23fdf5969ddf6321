"""Frozen domain values: what a contact, an event and an industry are.

Everything here is plain data. The store converts rows to these and back; the CLI and the TUI only
ever see these.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Phone:
    """A phone number as typed and in E.164."""

    e164: str
    """The number in E.164, e.g. ``"+81312345678"``; empty when it could not be validated
    (an unchecked number: only its text, as written)."""
    text: str
    """The number as the user typed or the card printed it, e.g. ``"03-1234-5678"``."""
    label: str = ""
    """A free label: ``work``, ``mobile``, ``home``, ``fax`` or anything the user chose."""

    @property
    def checked(self) -> bool:
        """False for a number that could not be validated: ``e164`` is then empty and the
        number is only its text, as written."""
        return bool(self.e164)

    @property
    def key(self) -> str:
        """What makes two phones one number: the E.164, else the digits as written (or the
        text itself when it has none)."""
        if self.e164:
            return self.e164
        digits = "".join(ch for ch in unicodedata.normalize("NFKC", self.text) if ch.isdigit())
        return digits or self.text

    @property
    def digits(self) -> str:
        """The digits a person may search an unchecked number by (empty for a checked one,
        whose digit forms come from its E.164)."""
        return "" if self.e164 else self.key


@dataclass(frozen=True)
class Email:
    """An e-mail address with its label."""

    address: str
    label: str = ""


@dataclass(frozen=True)
class Address:
    """A postal address, split the way Japanese and Western cards both print them."""

    label: str = ""
    postal_code: str = ""
    """〒 number or ZIP, e.g. ``"150-0002"``."""
    region: str = ""
    """Prefecture or state, e.g. ``"東京都"``."""
    locality: str = ""
    """City or ward, e.g. ``"渋谷区"``."""
    street: str = ""
    building: str = ""
    country: str = ""

    def one_line(self) -> str:
        """The address on one line, in the order its country writes it."""
        jp = self.country.upper() in ("", "JP", "JAPAN", "日本") and _has_cjk(
            self.region + self.locality + self.street
        )
        if jp:
            head = f"〒{self.postal_code} " if self.postal_code else ""
            body = "".join(p for p in (self.region, self.locality, self.street) if p)
            tail = f" {self.building}" if self.building else ""
            return (head + body + tail).strip()
        parts = [
            self.building,
            self.street,
            self.locality,
            self.region,
            self.postal_code,
        ]
        parts.append(self.country)
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class Url:
    """A web address with its label."""

    url: str
    label: str = ""


@dataclass(frozen=True)
class Photo:
    """A contact's photo, as bytes."""

    data: bytes
    mime: str = "image/jpeg"
    """``image/jpeg``, ``image/png``, ``image/gif`` or ``image/tiff``."""


@dataclass(frozen=True)
class Meeting:
    """That a contact was met at an event: when in the evening, and what was said."""

    event: str
    """The event's name (events are unique by name)."""
    position: int | None = None
    """The order the card was met in at that event (1 = first card of the evening)."""
    talked_about: str = ""
    """One line: what we talked about."""
    introduced_by: str = ""


@dataclass(frozen=True)
class Contact:
    """One person from one or more business cards."""

    id: int | None = None
    """The store's number for the contact; ``None`` until it is saved."""
    uid: str = ""
    """A stable unique id (kept across import and export)."""
    family_name: str = ""
    given_name: str = ""
    middle_name: str = ""
    """Additional (middle) names, vCard N's third part: ``Richter James``."""
    name_prefix: str = ""
    """Honorific prefixes, N's fourth part: ``Dr.``."""
    name_suffix: str = ""
    """Honorific suffixes, N's fifth part: ``Jr.``."""
    formatted_name: str = ""
    """The name as the card displays it (vCard FN) when that differs from what the parts give;
    empty otherwise. When set, it is `name`."""
    family_reading: str = ""
    """Reading (furigana) of the family name, in kana."""
    given_reading: str = ""
    reading_confirmed: bool = True
    """False while the readings are only a suggestion the user has not accepted."""
    company: str = ""
    company_reading: str = ""
    company_reading_confirmed: bool = True
    """False while the company reading is only a suggestion (from the dictionary)."""
    department: str = ""
    title: str = ""
    notes: str = ""
    phones: tuple[Phone, ...] = ()
    emails: tuple[Email, ...] = ()
    addresses: tuple[Address, ...] = ()
    urls: tuple[Url, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    industries: tuple[str, ...] = ()
    """Industry codes from the taxonomy, e.g. ``("G-software",)``."""
    tags: tuple[str, ...] = ()
    birthday: str = ""
    """``YYYY-MM-DD``, or ``--MM-DD`` when the year is not known (vCard's yearless form)."""
    cadence: str = ""
    """Keep-in-touch cadence as typed (``60d``, ``3m``); empty for none of its own."""
    photo: Photo | None = field(default=None, repr=False)
    created: datetime | None = None
    updated: datetime | None = None
    deleted: datetime | None = None
    """When the contact was moved to the trash; ``None`` while it is live."""
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    """Data cardbox does not model, kept for a lossless round trip. ``extra["vcard"]`` holds the
    vCard properties it did not map, as unfolded content lines joined by CRLF."""

    @property
    def name(self) -> str:
        """The display name: `formatted_name` when the card gave one of its own, else the
        parts, family name first for Japanese names, given name first otherwise."""
        return self.formatted_name or self.full_name

    @property
    def given_names(self) -> str:
        """Given and middle names together (``John Richter``): what tells people apart when
        matching cards, as the given name did before N's parts were kept apart."""
        return " ".join(p for p in (self.given_name, self.middle_name) if p)

    @property
    def full_name(self) -> str:
        """The name its parts give: ``Dr. John Richter Doe Jr.``, ``山田 太郎``."""
        return full_name(
            self.family_name, self.given_name, self.middle_name, self.name_prefix, self.name_suffix
        )

    @property
    def reading(self) -> str:
        """The reading of the whole name, family first."""
        return display_reading(self.family_reading, self.given_reading)

    @property
    def events(self) -> tuple[str, ...]:
        """Names of the events this contact was met at, in the order they were recorded."""
        return tuple(m.event for m in self.meetings)


@dataclass(frozen=True)
class Event:
    """A networking event, trade fair or meetup where cards were exchanged."""

    name: str
    date: date | None = None
    venue: str = ""
    organiser: str = ""
    notes: str = ""
    id: int | None = None
    contact_count: int = 0
    """How many live contacts were met there (filled in by listings)."""
    follow_up: str = ""
    """Default follow-up for cards logged at the event, as typed (``3d``)."""
    follow_up_note: str = ""
    """The note of that follow-up (``thank-you mail``)."""


@dataclass(frozen=True)
class Industry:
    """One node of the bilingual industry taxonomy."""

    code: str
    """``"G"`` for a JSIC major group, ``"G-software"`` for a finer industry."""
    name_en: str
    name_ja: str = ""
    parent: str | None = None
    """The parent's code, ``None`` for a major group."""
    aliases: tuple[str, ...] = ()
    user_defined: bool = False
    contact_count: int = 0
    """How many live contacts carry it or an industry below it, each once (filled in by
    listings)."""

    @property
    def name(self) -> str:
        """Both names, the way the taxonomy tree shows them."""
        return f"{self.name_en} / {self.name_ja}" if self.name_ja else self.name_en


def _has_cjk(text: str) -> bool:
    return any(unicodedata.east_asian_width(ch) in ("W", "F") and not ch.isspace() for ch in text)


def display_reading(family: str, given: str) -> str:
    """The reading of a whole name, family first: ``やまだ たろう``."""
    return " ".join(p for p in (family, given) if p)


def full_name(family: str, given: str, middle: str = "", prefix: str = "", suffix: str = "") -> str:
    """A name from N's five parts: ``Dr. John Richter Doe Jr.``; ``山田 太郎``."""
    if _has_cjk(family) or _has_cjk(given):
        core = display_name(family, " ".join(p for p in (given, middle) if p))
    else:
        core = " ".join(p for p in (given, middle, family) if p)
    return " ".join(p for p in (prefix, core, suffix) if p)


def display_name(family: str, given: str) -> str:
    """Join a name the way its culture writes it: ``山田 太郎`` but ``John Smith``."""
    if not family or not given:
        return family or given
    if _has_cjk(family) or _has_cjk(given):
        return f"{family} {given}"
    return f"{given} {family}"


INTERACTION_KINDS = ("met", "call", "email", "meeting", "message", "note")
"""What can be logged with a contact; logging one resets its keep-in-touch clock."""


@dataclass(frozen=True)
class Interaction:
    """Something that happened with a contact: met, a call, an e-mail, a meeting ..."""

    contact_id: int
    kind: str
    at: datetime
    text: str = ""
    id: int | None = None


@dataclass(frozen=True)
class Reminder:
    """A follow-up due at a time (with its zone), once or recurring."""

    contact_id: int
    due: datetime
    """The next time it is due (aware)."""
    zone: str
    """The IANA zone it was set in, e.g. ``Asia/Tokyo``: recurrences keep its wall time."""
    note: str = ""
    rule: str | None = None
    """An RFC 5545 RRULE (``FREQ=MONTHLY;INTERVAL=3``) for a recurring reminder."""
    start: datetime | None = None
    """The first occurrence of a recurring reminder (its series anchor)."""
    done: datetime | None = None
    id: int | None = None
