"""Cards as the sync sees them: vCard text <-> `Contact`, a content hash, and the field merge.

The hash is of the card as cardbox writes it in vCard 3.0 whatever version it sends (so that a
server that starts taking 4.0 does not make every card look changed), with the lines that carry
no content (UID, REV, PRODID, X-RADICALE-NAME) left out, unfolded and sorted: a server that
re-serialises a card (Radicale reorders properties after a PUT) gets a new ETag but the same
hash, so the sync neither downloads nor uploads it again.

Photos are sent as a small JPEG (`cardbox.formats.image.small_jpeg`: at most 256 pixels a side),
so the box may keep a larger photo than the server's; the hash and the merge see both sides in
the sent form, and a JPEG that small is sent byte for byte, so a photo is never sent twice.

The merge is field by field, three-way against the last synced card (the *base*): a field only
one side changed takes that side's value; a field both changed to different values keeps the
server's and reports the other as a `Conflict`. Without a base (the first sync of a pair found
by the identity rules), an empty field takes the other side's value, lists are joined, and
different values keep the server's (reported).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from cardbox.domain.merge import TEXT_FIELDS
from cardbox.domain.model import Contact, Photo
from cardbox.formats.image import small_jpeg
from cardbox.formats.vcard.mapping import to_contact
from cardbox.formats.vcard.parse import Failure, RawCard, read_cards
from cardbox.formats.vcard.write import Names, write_vcard

LISTS = ("phones", "emails", "addresses", "urls", "meetings", "industries", "tags")
FIELDS = (*TEXT_FIELDS, *LISTS, "photo", "extra", "reading_confirmed")
_EXTRA_KEYS = ("vcard", "name_prefix", "name_suffix")
_VOLATILE = ("UID", "REV", "PRODID", "X-RADICALE-NAME")


@dataclass(frozen=True)
class Conflict:
    """A field both sides changed: the server's value is in the card, ``here`` was cardbox's."""

    field: str
    here: str
    there: str


class Codec:
    """Writing and reading cards for one box (its industry names and phone region)."""

    def __init__(self, industries: Mapping[str, str], region: str, version: str = "3.0") -> None:
        self.names = Names(industries=dict(industries))
        self.region = region
        self.version = version
        """The vCard version sent: ``4.0`` when the server says it takes it, else ``3.0``."""

    def render(self, contact: Contact, uid: str | None = None) -> str:
        """The card cardbox sends (vCard `version`), with ``uid`` as its UID when given and the
        photo as a small JPEG (`small_jpeg`; a photo it cannot read goes as it is):
        ``PHOTO;ENCODING=b;TYPE=JPEG`` in 3.0, a ``data:image/jpeg;base64,`` URI in 4.0."""
        return self._write(contact, uid, "vcard4" if self.version == "4.0" else "default")

    def _write(self, contact: Contact, uid: str | None, profile: str) -> str:
        if uid is not None and uid != contact.uid:
            contact = replace(contact, uid=uid)
        photo = contact.photo
        if photo is not None and photo.data:
            small = small_jpeg(photo.data)
            if small is not None:
                contact = replace(contact, photo=Photo(small, "image/jpeg"))
        return write_vcard(contact, self.names, profile)

    def parse(self, text: str, source: str) -> Contact | str:
        """The contact a card holds, or why it cannot be read (a group card is not a person)."""
        cards, failures = read_cards(text.encode("utf-8", "surrogatepass"), source)
        if failures:
            return failures[0].reason
        if len(cards) != 1:
            return f"{len(cards)} cards where one was expected"
        return self.map(cards[0])

    def map(self, card: RawCard) -> Contact | str:
        result = to_contact(card, self.region, self.names.industries)
        if isinstance(result, Failure):
            return result.reason
        if not isinstance(result, Contact):
            return "a group card (groups are not synced)"
        extra = {k: v for k, v in result.extra.items() if k != "warnings"}
        return replace(result, extra=extra)

    def digest(self, contact: Contact) -> str:
        """The content hash of a contact (see the module notes)."""
        text = self._write(contact, "", "default").replace("\r\n ", "").replace("\r\n\t", "")
        lines = sorted(
            line
            for line in text.split("\r\n")
            if line and line.split(":", 1)[0].split(";", 1)[0].upper() not in _VOLATILE
        )
        return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogatepass")).hexdigest()

    def roundtrip(self, contact: Contact) -> Contact:
        """``contact`` as the server would give it back (written, then read)."""
        result = self.parse(self.render(contact), "cardbox")
        return result if isinstance(result, Contact) else contact


def value(contact: Contact, name: str) -> Any:
    if name == "extra":
        return tuple(contact.extra.get(k, "") for k in _EXTRA_KEYS)
    return getattr(contact, name)


def _empty(v: Any) -> bool:
    return v in ("", (), None) or v == ("", "", "")


def _show(name: str, v: Any) -> str:
    if name == "photo":
        return f"photo ({len(v.data):,} bytes)" if v is not None else ""
    if name == "extra":
        return " | ".join(x for x in v if x)
    if isinstance(v, tuple):
        return "; ".join(str(getattr(i, "one_line", lambda i=i: i)()) for i in v)
    return str(v)


def _with(contact: Contact, name: str, v: Any) -> Contact:
    if name == "extra":
        extra = {k: x for k, x in contact.extra.items() if k not in _EXTRA_KEYS}
        extra.update({k: x for k, x in zip(_EXTRA_KEYS, v, strict=True) if x})
        return replace(contact, extra=extra)
    return replace(contact, **{name: v})


def merge(base: Contact | None, here: Contact, there: Contact) -> tuple[Contact, list[Conflict]]:
    """``there`` (the server's card) with the fields cardbox changed since ``base``, and the
    fields both changed (see the module notes). ``here`` is cardbox's card as `roundtrip` gives
    it, so that both sides are compared in the same form."""
    merged = there
    conflicts: list[Conflict] = []
    for name in FIELDS:
        h, t = value(here, name), value(there, name)
        if h == t:
            continue
        b = value(base, name) if base is not None else None
        if base is not None and h == b:
            continue  # only the server changed it
        if (base is not None and t == b) or (base is None and _empty(t)):
            merged = _with(merged, name, h)
        elif base is None and _empty(h):
            continue
        elif base is None and name in LISTS:
            merged = _with(merged, name, t + tuple(i for i in h if i not in t))
        elif name != "reading_confirmed":
            conflicts.append(Conflict(name, _show(name, h), _show(name, t)))
    return merged, conflicts


def take_field(contact: Contact, source: Contact, name: str) -> Contact:
    """``contact`` with the value ``source`` has for the field ``name`` (one of `FIELDS`)."""
    if name not in FIELDS:
        raise ValueError(f"not a synced field: {name!r}")
    return _with(contact, name, value(source, name))


def changed_fields(before: Contact, after: Contact) -> list[str]:
    """The fields whose values differ."""
    return [n for n in FIELDS if value(before, n) != value(after, n)]


def apply(contact: Contact, seen: Contact, merged: Contact) -> Contact:
    """``contact`` (as stored) with the fields where ``merged`` differs from ``seen`` (the
    stored contact as `Codec.roundtrip` gave it); everything else it holds stays as it is."""
    out = contact
    for name in changed_fields(seen, merged):
        out = _with(out, name, value(merged, name))
    return out
