"""What cardbox labels and dates become in vCard: TYPE values per profile, BDAY, PHOTO types.

A label maps to TYPE values only when it is exactly one of the keys below (cardbox stores
labels in lower case); anything else is a custom label, written as ``itemN.X-ABLabel`` (or, for
Android, as ``TYPE=X-<label>``). The import side inverts these tables, so an exported label comes
back unchanged.
"""

from __future__ import annotations

import re

PHONE_TYPES_30: dict[str, tuple[str, ...]] = {
    "mobile": ("CELL", "VOICE"),
    "work": ("WORK", "VOICE"),
    "home": ("HOME", "VOICE"),
    "fax": ("FAX",),
    "work fax": ("WORK", "FAX"),
    "home fax": ("HOME", "FAX"),
    "": ("VOICE",),
}
"""vCard 3.0 TEL types by cardbox label (default, iphone and google profiles)."""

PHONE_TYPES_ANDROID: dict[str, tuple[str, ...]] = {
    **PHONE_TYPES_30,
    "mobile": ("CELL",),
    "fax": ("WORK", "FAX"),
    "": (),
}
"""AOSP (``VCardUtils.getPhoneTypeFromStrings``) turns an unknown TYPE such as a lone ``VOICE``
into a custom label, and a lone ``FAX`` into a home fax; so an unlabelled number is a bare TEL and
a fax is a work fax."""

PHONE_TYPES_40: dict[str, tuple[str, ...]] = {
    label: tuple(t.lower() for t in types) for label, types in PHONE_TYPES_30.items()
}

EMAIL_TYPES_30: dict[str, tuple[str, ...]] = {
    "work": ("INTERNET", "WORK"),
    "home": ("INTERNET", "HOME"),
    "": ("INTERNET",),
}
EMAIL_CUSTOM_30: tuple[str, ...] = ("INTERNET",)
"""Types written on an ``itemN.EMAIL`` that carries a custom label."""

EMAIL_TYPES_ANDROID: dict[str, tuple[str, ...]] = {"work": ("WORK",), "home": ("HOME",), "": ()}
"""AOSP reads an unknown type (``INTERNET`` included) on EMAIL as a custom label."""

PLACE_TYPES_30: dict[str, tuple[str, ...]] = {"work": ("WORK",), "home": ("HOME",), "": ()}
"""ADR and URL types by label."""

EMAIL_TYPES_40: dict[str, tuple[str, ...]] = {"work": ("work",), "home": ("home",), "": ()}
PLACE_TYPES_40 = EMAIL_TYPES_40

PHOTO_TYPES: dict[str, str] = {
    "image/jpeg": "JPEG",
    "image/jpg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/tiff": "TIFF",
}

_FULL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEARLESS = re.compile(r"^--(\d{2})-?(\d{2})$")
_MIME = re.compile(r"^[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*$")


def photo_type(mime: str) -> str:
    """The 3.0 ``TYPE=`` of a photo: ``JPEG`` for ``image/jpeg`` and so on."""
    mime = mime.strip().lower()
    if mime in PHOTO_TYPES:
        return PHOTO_TYPES[mime]
    sub = re.sub(r"[^A-Za-z0-9.+-]", "", mime.rpartition("/")[2]).upper()
    return sub or "JPEG"


def photo_mime(mime: str) -> str:
    """A media type safe to put in a ``data:`` URI (``image/jpeg`` when unusable)."""
    mime = mime.strip().lower()
    return mime if _MIME.match(mime) else "image/jpeg"


def birthday(value: str, yearless: str, full: str) -> str | None:
    """A ``YYYY-MM-DD`` or ``--MM-DD`` birthday in the profile's forms, ``None`` if unrecognised.

    ``yearless`` and ``full`` are format strings over ``y``, ``m`` and ``d``, e.g. ``"--{m}{d}"``
    and ``"{y}-{m}-{d}"``.
    """
    value = value.strip()
    match = _FULL_DATE.match(value)
    if match:
        y, m, d = match.groups()
        return full.format(y=y, m=m, d=d)
    match = _YEARLESS.match(value)
    if match:
        m, d = match.groups()
        return yearless.format(m=m, d=d)
    return None
