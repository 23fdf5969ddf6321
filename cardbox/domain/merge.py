"""Bringing a card into a contact already in the box: add what it adds, never take away."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from cardbox.domain.errors import InvalidInput
from cardbox.domain.model import Contact
from cardbox.domain.text import normalise

TEXT_FIELDS = (
    "family_name",
    "given_name",
    "middle_name",
    "name_prefix",
    "name_suffix",
    "family_reading",
    "given_reading",
    "company",
    "company_reading",
    "department",
    "title",
    "notes",
    "birthday",
)

ROLE_MAILBOXES = frozenset(
    {
        "info",
        "sales",
        "contact",
        "support",
        "office",
        "admin",
        "hello",
        "inquiry",
        "inquiries",
        "press",
        "pr",
        "hr",
        "recruit",
        "jobs",
        "billing",
        "noreply",
        "no-reply",
        "webmaster",
        "team",
        "mail",
    }
)
"""Shared mailboxes (info@, sales@ ...): never evidence that two cards are one person."""


def is_role_address(address: str) -> bool:
    """True for a shared role mailbox such as ``info@example.jp``."""
    return address.split("@", 1)[0].casefold() in ROLE_MAILBOXES


def fill_in(existing: Contact, card: Contact) -> Contact:
    """``existing`` with what ``card`` adds: empty fields filled, new phones, e-mails ... appended.

    Nothing already in ``existing`` is changed or removed; notes are the one exception, where a
    card's different note is appended below the old one.
    """
    changes: dict[str, object] = {}
    for name in TEXT_FIELDS:
        old, new = getattr(existing, name), getattr(card, name)
        if new and not old:
            changes[name] = new
        elif name == "notes" and new and normalise(new) not in normalise(old):
            changes[name] = f"{old}\n{new}"
    if card.family_reading and not existing.family_reading and not card.reading_confirmed:
        changes["reading_confirmed"] = False
    if "company_reading" in changes:  # the reading comes with its flag
        changes["company_reading_confirmed"] = card.company_reading_confirmed
    if (
        card.formatted_name
        and not existing.formatted_name
        and changes.keys()
        & {
            "family_name",
            "given_name",
        }
    ):
        changes["formatted_name"] = card.formatted_name  # the name came from the card

    def more(
        items: tuple[object, ...], extra: tuple[object, ...], key: object
    ) -> tuple[object, ...]:
        have = {key(i) for i in items}  # type: ignore[operator]
        added = tuple(i for i in extra if key(i) not in have)  # type: ignore[operator]
        return items + added

    changes["phones"] = more(existing.phones, card.phones, lambda p: p.key)
    changes["emails"] = more(existing.emails, card.emails, lambda e: e.address.casefold())
    changes["addresses"] = more(
        existing.addresses, card.addresses, lambda a: normalise(a.one_line())
    )
    changes["urls"] = more(existing.urls, card.urls, lambda u: u.url.rstrip("/").casefold())
    changes["meetings"] = more(existing.meetings, card.meetings, lambda m: m.event)
    changes["industries"] = more(existing.industries, card.industries, lambda i: i)
    changes["tags"] = more(existing.tags, card.tags, normalise)
    if card.photo is not None and existing.photo is None:
        changes["photo"] = card.photo
    old_extra = existing.extra.get("vcard", "")
    new_lines = [
        line for line in card.extra.get("vcard", "").split("\r\n") if line and line not in old_extra
    ]
    extra = dict(existing.extra)
    if new_lines:
        extra["vcard"] = "\r\n".join(filter(None, [old_extra, *new_lines]))
    merged = replace(existing, **changes)  # type: ignore[arg-type]
    return replace(merged, extra=extra)


def same(a: Contact, b: Contact) -> bool:
    """True when two contacts hold the same data (ids and timestamps aside)."""
    skip = {"id", "created", "updated", "deleted"}
    return all(
        getattr(a, f.name) == getattr(b, f.name) for f in fields(Contact) if f.name not in skip
    ) and a.extra.get("vcard", "") == b.extra.get("vcard", "")


CONFLICT_FIELDS = ("family_name", "given_name", "company", "department", "title", "birthday")
"""Fields where two cards may disagree; the kept card's value wins, the other is noted."""

READING_FIELDS = ("family_reading", "given_reading")


@dataclass(frozen=True)
class FieldChoice:
    """A single-valued field on which two contacts differ, for choosing per field."""

    field: str
    left: str
    """The kept contact's value."""
    right: str
    """The other contact's value."""
    default: str
    """What `merge_contacts` keeps without a choice (for notes: both, one below the other)."""

    @property
    def both(self) -> str | None:
        """Both values together, when that is a choice (notes that both have)."""
        return self.default if self.default not in (self.left, self.right) else None


def field_choices(kept: Contact, gone: Contact) -> list[FieldChoice]:
    """The single-valued fields (`TEXT_FIELDS`) on which ``kept`` and ``gone`` differ."""
    base = fill_in(kept, gone)
    return [
        FieldChoice(name, getattr(kept, name), getattr(gone, name), getattr(base, name))
        for name in TEXT_FIELDS
        if getattr(kept, name) != getattr(gone, name)
    ]


def merge_contacts(
    kept: Contact, gone: Contact, choices: Mapping[str, str] | None = None
) -> Contact:
    """One contact from two: ``kept`` wins where both have a value; every phone, e-mail, address,
    URL, event, industry and tag of both is kept; empty fields are filled from ``gone``; where
    the two disagree, ``gone``'s value is written into the notes so nothing is lost.

    ``choices`` overrides single-valued fields (``{"company": ...}``) with either contact's
    value (for notes also both, see `FieldChoice.both`); a name, company, department, title or
    birthday that is not chosen is then the one written into the notes, whichever side it is on.

    Raises:
        InvalidInput: a choice names a field that is not single-valued, or a value that is
            neither contact's.
    """
    chosen = _checked(kept, gone, choices or {})
    merged = replace(fill_in(kept, gone), **chosen)
    if any(name in chosen for name in READING_FIELDS):
        merged = replace(merged, reading_confirmed=_confirmed(merged, kept, gone))
    if "company_reading" in chosen:
        side = kept if merged.company_reading == kept.company_reading else gone
        merged = replace(merged, company_reading_confirmed=side.company_reading_confirmed)
    differing = []
    for name in CONFLICT_FIELDS:
        left, right = getattr(kept, name), getattr(gone, name)
        if left and right and left != right:
            lost = left if chosen.get(name, left) == right else right
            differing.append(f"{name.replace('_', ' ')}: {lost}")
    if differing:
        line = f"Merged from {gone.name or gone.company}: " + "; ".join(differing)
        merged = replace(merged, notes=f"{merged.notes}\n{line}".strip())
    return merged


def _checked(kept: Contact, gone: Contact, choices: Mapping[str, str]) -> dict[str, Any]:
    offered = {c.field: c for c in field_choices(kept, gone)}
    out: dict[str, Any] = {}
    for name, value in choices.items():
        if name not in TEXT_FIELDS:
            raise InvalidInput(
                f"cannot choose {name!r} in a merge: choose among {', '.join(TEXT_FIELDS)}"
            )
        c = offered.get(name)
        if c is None:  # both contacts have the same value: nothing to choose
            continue
        if value not in (c.left, c.right, c.default):
            raise InvalidInput(
                f"{name.replace('_', ' ')}: {value!r} is neither contact's value"
                " (has a contact changed since?)"
            )
        out[name] = value
    return out


def _confirmed(merged: Contact, kept: Contact, gone: Contact) -> bool:
    """Whether the readings a merge ends with were typed (not only suggested)."""
    flags = []
    for name in READING_FIELDS:
        value = getattr(merged, name)
        if value and value == getattr(kept, name):
            flags.append(kept.reading_confirmed)
        elif value:
            flags.append(gone.reading_confirmed)
    return all(flags)
