"""The vCard profiles cardbox writes (``--to``), and `Names`: what the writer needs besides a
contact.

Profiles (``--to``):

============  ===============================================================================
profile       differences from ``default``
============  ===============================================================================
default       vCard 3.0 as `cardbox.formats.vcard.write` describes.
iphone        None. iOS reads exactly what it writes, which is this 3.0 (X-PHONETIC-*, itemN
              X-ABLabel, folded ``ENCODING=b`` photos). No ``CHARSET=UTF-8``: RFC 2426 removed
              the parameter, and the reports that iOS needs it concern 4.0 (sabre-io/vobject#613)
              and 2.1 (ez-vcard#106), not 3.0.
google        None. Google Contacts exports and imports this same 3.0 (X-PHONETIC-*, itemN).
android       Custom labels as ``TYPE=X-<label>`` instead of ``itemN.`` + ``X-ABLabel`` (AOSP
              ignores groups and X-ABLabel but reads ``X-`` types as labels); EMAIL without
              ``INTERNET`` (AOSP reads an unknown type as a custom label); an unlabelled number is
              a bare ``TEL`` and ``mobile`` is ``TYPE=CELL`` (a lone ``VOICE`` would become a
              label); ``fax`` is ``WORK,FAX`` (a lone ``FAX`` is a home fax on Android); a yearless
              birthday is ``--MM-DD``, the form the Contacts app parses (``--MMDD`` is shown raw).
vcard4        RFC 6350 vCard 4.0: ``VERSION:4.0``; readings as ``N;SORT-AS="ヤマダ,タロウ"`` and
              ``ORG;SORT-AS="..."`` (no X-PHONETIC-*, no SORT-STRING); lower-case types;
              ``TEL;VALUE=uri;TYPE=cell,voice;PREF=1:tel:+81-90-1234-5678``; EMAIL without
              ``INTERNET``; ``BDAY:19850412`` / ``--0412``; ``PHOTO:data:image/jpeg;base64,...``;
              parameter values RFC 6868-encoded; ``;`` in single-valued text left unescaped
              (optional in RFC 6350 §3.4, and ical.js would keep the backslash). Not for phones.
============  ===============================================================================

A profile is data (`Profile`): the version, the type tables of `export_types`, how custom labels
and dates are written; `cardbox.formats.vcard.write` builds the card from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cardbox.domain.errors import InvalidInput
from cardbox.formats.vcard import export_types as types

PROFILES = ("default", "iphone", "android", "google", "vcard4")


@dataclass(frozen=True)
class Names:
    """What the exporter needs besides the contact; the caller resolves these."""

    industries: Mapping[str, str] = field(default_factory=dict)
    """Industry code -> display name, e.g. ``"L-legal" -> "Legal services / 法律事務所"``."""


@dataclass(frozen=True)
class Profile:
    version: str
    phone_types: Mapping[str, tuple[str, ...]]
    email_types: Mapping[str, tuple[str, ...]]
    email_custom: tuple[str, ...]
    place_types: Mapping[str, tuple[str, ...]]
    item_labels: bool
    """Custom labels as ``itemN.X-ABLabel`` (else ``TYPE=X-<label>``)."""
    full_date: str
    yearless: str
    compact: bool = False
    """For QR codes: no photo, UID, CATEGORIES, cardbox lines, extra lines, labels or folding."""

    @property
    def v4(self) -> bool:
        return self.version == "4.0"


V30 = Profile(
    version="3.0",
    phone_types=types.PHONE_TYPES_30,
    email_types=types.EMAIL_TYPES_30,
    email_custom=types.EMAIL_CUSTOM_30,
    place_types=types.PLACE_TYPES_30,
    item_labels=True,
    full_date="{y}-{m}-{d}",
    yearless="--{m}{d}",
)
ANDROID = Profile(
    version="3.0",
    phone_types=types.PHONE_TYPES_ANDROID,
    email_types=types.EMAIL_TYPES_ANDROID,
    email_custom=(),
    place_types=types.PLACE_TYPES_30,
    item_labels=False,
    full_date="{y}-{m}-{d}",
    yearless="--{m}-{d}",
)
V40 = Profile(
    version="4.0",
    phone_types=types.PHONE_TYPES_40,
    email_types=types.EMAIL_TYPES_40,
    email_custom=(),
    place_types=types.PLACE_TYPES_40,
    item_labels=True,
    full_date="{y}{m}{d}",
    yearless="--{m}{d}",
)
COMPACT = Profile(
    version="3.0",
    phone_types=types.PHONE_TYPES_30,
    email_types=types.EMAIL_TYPES_30,
    email_custom=types.EMAIL_CUSTOM_30,
    place_types=types.PLACE_TYPES_30,
    item_labels=False,
    full_date="{y}-{m}-{d}",
    yearless="--{m}{d}",
    compact=True,
)
BY_NAME = {"default": V30, "iphone": V30, "google": V30, "android": ANDROID, "vcard4": V40}


def profile_named(name: str) -> Profile:
    try:
        return BY_NAME[name]
    except KeyError:
        raise InvalidInput(
            "export.unknown_profile", profile=name, choices=", ".join(PROFILES)
        ) from None
