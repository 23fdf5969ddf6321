"""QR codes a phone camera turns into a contact: a compact vCard 3.0, or MECARD.

``vcard`` (the default) is `cardbox.formats.vcard.write.compact_vcard`: vCard 3.0 without photo,
UID, CATEGORIES, custom labels or folding; iOS and Android cameras both read it, and it carries
the reading as X-PHONETIC-*. ``mecard`` is DoCoMo's MECARD, which Android scanners (ZXing and
its descendants) read with the reading in ``SOUND``::

    MECARD:N:山田,太郎;SOUND:やまだ,たろう;TEL:+819012345678;EMAIL:taro@example.jp;ORG:...;;

The payload is UTF-8 in byte mode without an ECI header (what phone scanners expect), in a
regular (never Micro) QR code of any version up to 40 with error correction M, or L when M does
not fit. A contact too large for that is trimmed, in this order, until it fits:

1. the note (the notes and the ``Met at`` lines);
2. postal addresses;
3. web addresses;
4. e-mail addresses after the first, the last one first;
5. phone numbers after the first, the last one first;
6. the title and the department.

If the name, company, first phone and first e-mail alone are still too large, `TooLarge` is
raised with a message saying so. `fit_payload` tells what was left out.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import segno

from cardbox.domain.errors import InvalidInput
from cardbox.domain.model import Contact
from cardbox.formats.vcard.export_text import note_value
from cardbox.formats.vcard.export_types import birthday
from cardbox.formats.vcard.write import compact_vcard

FORMATS = ("vcard", "mecard")
CAPACITY_L = 2953
"""Bytes a version 40 QR code holds in byte mode with error correction L."""
CAPACITY_M = 2331
"""The same with error correction M."""
SCALE = 8
"""Pixels per module in saved images."""


class TooLarge(InvalidInput):
    """The contact does not fit in a QR code even after trimming."""


@dataclass(frozen=True)
class Fitted:
    """A payload that fits in a QR code, and what had to be left out for it."""

    payload: str
    left_out: tuple[str, ...] = ()


def _mecard_escape(value: str) -> str:
    value = " ".join(value.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for ch in ("\\", ";", ":", ","):
        value = value.replace(ch, "\\" + ch)
    return "".join(ch for ch in value if ch == "\t" or ch >= " ")


def _mecard(contact: Contact) -> str:
    e = _mecard_escape
    fields: list[str] = []

    def pair(key: str, first: str, second: str) -> None:
        if first or second:
            fields.append(f"{key}:{e(first)},{e(second)}" if second else f"{key}:{e(first)}")

    pair("N", contact.family_name, contact.given_name)
    if not (contact.family_name or contact.given_name) and contact.company:
        fields.append(f"N:{e(contact.company)}")
    pair("SOUND", contact.family_reading, contact.given_reading)
    fields += [f"TEL:{e(p.e164 or p.text)}" for p in contact.phones if p.e164 or p.text]
    fields += [f"EMAIL:{e(m.address)}" for m in contact.emails if m.address]
    org = " ".join(p for p in (contact.company, contact.department) if p)
    if org:
        fields.append(f"ORG:{e(org)}")
    fields += [f"ADR:{e(a.one_line())}" for a in contact.addresses if a.one_line()]
    fields += [f"URL:{e(u.url)}" for u in contact.urls if u.url]
    day = birthday(contact.birthday, "", "{y}{m}{d}") if contact.birthday else None
    if day:
        fields.append(f"BDAY:{day}")
    note = note_value(contact)
    if note:
        fields.append(f"NOTE:{e(note)}")
    return "MECARD:" + "".join(f + ";" for f in fields) + ";"


def qr_payload(contact: Contact, fmt: str = "vcard") -> str:
    """The text a QR code for ``contact`` carries, untrimmed.

    Raises:
        InvalidInput: ``fmt`` is neither ``vcard`` nor ``mecard``.
    """
    if fmt == "vcard":
        return compact_vcard(contact)
    if fmt == "mecard":
        return _mecard(contact)
    raise InvalidInput("qr.unknown_format", fmt=fmt)


def _trimmed(contact: Contact) -> Iterator[tuple[Contact, str]]:
    """Ever smaller versions of ``contact``, each with what it lacks compared with the last."""
    steps: list[tuple[str, Callable[[Contact], Contact]]] = [
        ("the note", lambda c: replace(c, notes="", meetings=())),
        ("postal addresses", lambda c: replace(c, addresses=())),
        ("web addresses", lambda c: replace(c, urls=())),
    ]
    for what, step in steps:
        before = contact
        contact = step(contact)
        if contact != before:
            yield contact, what
    while len(contact.emails) > 1:
        contact = replace(contact, emails=contact.emails[:-1])
        yield contact, "an e-mail address"
    while len(contact.phones) > 1:
        contact = replace(contact, phones=contact.phones[:-1])
        yield contact, "a phone number"
    if contact.title or contact.department:
        yield replace(contact, title="", department=""), "the title and department"


def trimmings(contact: Contact) -> Iterator[tuple[Contact, str]]:
    """Ever smaller versions of ``contact`` in the documented order, each with what it lacks
    compared with the one before (for a code that must fit a smaller space, like a terminal)."""
    return _trimmed(contact)


def _size(payload: str) -> int:
    return len(payload.encode("utf-8", errors="replace"))


def fit_payload(contact: Contact, fmt: str = "vcard") -> Fitted:
    """The payload for ``contact``, trimmed in the documented order until it fits.

    Raises:
        TooLarge: it does not fit even trimmed; the message says how large it is.
        InvalidInput: ``fmt`` is neither ``vcard`` nor ``mecard``.
    """
    payload = qr_payload(contact, fmt)
    left_out: list[str] = []
    if _size(payload) > CAPACITY_L:
        for smaller, what in _trimmed(contact):
            if what not in left_out:
                left_out.append(what)
            payload = qr_payload(smaller, fmt)
            if _size(payload) <= CAPACITY_L:
                break
        else:
            raise TooLarge(
                f"{contact.name or 'this contact'} is too large for a QR code: even with only "
                f"the name, company, one phone number and one e-mail address it takes "
                f"{_size(payload):,} bytes, and a QR code holds at most {CAPACITY_L:,}"
            )
    return Fitted(payload, tuple(left_out))


def make_qr(contact: Contact, fmt: str = "vcard") -> segno.QRCode:
    """A QR code for ``contact`` (trimmed to fit, see the module's documentation).

    Raises:
        TooLarge: the contact does not fit in a QR code even trimmed.
        InvalidInput: ``fmt`` is neither ``vcard`` nor ``mecard``.
    """
    payload = fit_payload(contact, fmt).payload
    error = "m" if _size(payload) <= CAPACITY_M else "l"
    data = payload.encode("utf-8", errors="replace")
    try:
        return segno.make(data, error=error, mode="byte", micro=False, boost_error=True)
    except segno.DataOverflowError:
        raise TooLarge(
            f"{contact.name or 'this contact'} is too large for a QR code "
            f"({len(data):,} bytes; a QR code holds at most {CAPACITY_L:,})"
        ) from None


def qr_text(qr: segno.QRCode) -> str:
    """The QR code drawn with half-block characters for a terminal, quiet zone included.

    Light modules are drawn as blocks, so it reads on a dark background.
    """
    out = io.StringIO()
    qr.terminal(out=out, compact=True)
    return out.getvalue()


def qr_image(qr: segno.QRCode, path: Path) -> bytes:
    """The QR code as a PNG or SVG image, chosen by ``path``'s suffix.

    Raises:
        InvalidInput: the suffix is neither ``.png`` nor ``.svg``.
    """
    kind = path.suffix.lower().lstrip(".")
    if kind not in ("png", "svg"):
        raise InvalidInput("qr.suffix", path=path, suffix=path.suffix)
    buffer = io.BytesIO()
    qr.save(buffer, kind=kind, scale=SCALE, border=4)
    return buffer.getvalue()


def save_qr(qr: segno.QRCode, path: Path) -> None:
    """Save the QR code as PNG or SVG, chosen by ``path``'s suffix, readable by the user alone
    (0600, like exports), replacing a file of that name (the caller asks first).

    The file is written to a temporary file beside it and then renamed, so a failed save never
    leaves a half-written image (nor destroys an older one). A device, FIFO, socket or folder
    at ``path`` is never replaced.

    Raises:
        InvalidInput: the suffix is neither ``.png`` nor ``.svg``, or the file cannot be written.
    """
    image = qr_image(qr, path)
    if path.exists() and not path.is_symlink() and not path.is_file():
        raise InvalidInput("qr.not_regular", path=path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".qr-", suffix=".tmp", dir=folder)  # mode 0600
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(image)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise InvalidInput("qr.unwritable", path=path, reason=exc.strerror or exc) from None
