"""Bringing a card into a contact already in the box: add what it adds, never take away."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from cardbox.domain.errors import InvalidInput
from cardbox.domain.model import Contact, Interaction, Meeting, Reminder
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
    changes["meetings"] = _meetings(existing.meetings, card.meetings)
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


def _meetings(have: tuple[Meeting, ...], extra: tuple[Meeting, ...]) -> tuple[Meeting, ...]:
    """Meetings of both: a meeting at an event already there keeps its place and order, and
    what was talked about at it is joined (`join_talks`) so neither text is lost."""
    out = list(have)
    where = {m.event: n for n, m in enumerate(out)}
    for m in extra:
        n = where.get(m.event)
        if n is None:
            where[m.event] = len(out)
            out.append(m)
            continue
        old = out[n]
        out[n] = replace(
            old,
            talked_about=join_talks(old.talked_about, m.talked_about),
            position=old.position if old.position is not None else m.position,
            introduced_by=old.introduced_by or m.introduced_by,
        )
    return tuple(out)


TALK_SEPARATOR = " / "
"""Between two "talked about" texts of one meeting joined by a merge (each stays one line)."""


def join_talks(kept: str, other: str) -> str:
    """What was talked about at one meeting, from two cards of it: both texts, ``kept`` first,
    joined by `TALK_SEPARATOR`; one alone when the other is empty or already contains it."""
    if not other.strip() or normalise(other) in normalise(kept):
        return kept
    if not kept.strip() or normalise(kept) in normalise(other):
        return other
    return f"{kept}{TALK_SEPARATOR}{other}"


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
    URL, event, industry and tag of both is kept (two meetings at one event become one, with
    both "talked about" texts); empty fields are filled from ``gone``; where the two disagree,
    ``gone``'s value is written into the notes so nothing is lost (`merge_note` says whose).

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
    line = merge_note(kept, gone, chosen)
    if line:
        merged = replace(merged, notes=f"{merged.notes}\n{line}".strip())
    return merged


def merge_note(kept: Contact, gone: Contact, chosen: Mapping[str, str]) -> str:
    """The line a merge writes into the notes, naming whose each value not kept was:
    ``Merged from Emma Wilson. Values of Emma Wilson: title: CEO. Values this card had (Emily
    Wilson): given name: Emily``; empty when nothing was left out."""
    theirs: list[str] = []
    ours: list[str] = []
    for name in CONFLICT_FIELDS:
        left, right = getattr(kept, name), getattr(gone, name)
        if left and right and left != right:
            label = name.replace("_", " ")
            if chosen.get(name, left) == right:
                ours.append(f"{label}: {left}")
            else:
                theirs.append(f"{label}: {right}")
    if not (theirs or ours):
        return ""
    who = _who(gone)
    parts = [f"Merged from {who}"]
    if theirs:
        parts.append(f"Values of {who}: " + "; ".join(theirs))
    if ours:
        parts.append(f"Values this card had ({_who(kept)}): " + "; ".join(ours))
    return ". ".join(parts)


def _who(c: Contact) -> str:
    """How a merge note names a contact: its name, else its company, else its number."""
    return c.name or c.company or (f"#{c.id}" if c.id is not None else "another card")


@dataclass(frozen=True)
class FollowUps:
    """A contact's interaction log and reminders (open and done), as a merge sees them."""

    log: Sequence[Interaction] = ()
    reminders: Sequence[Reminder] = ()


def repeated(
    kept: FollowUps, gone: FollowUps, event_notes: Collection[str]
) -> tuple[set[int], set[int]]:
    """The ids of ``gone``'s interactions and of its reminders that repeat ``kept``'s. A merge
    leaves them with the merged-away card (in the trash, where an undo finds them) so that the
    merged contact has one "met" per meeting and one reminder per event follow-up:

    - a "met" at an event ``kept`` has a "met" at too;
    - a reminder with the note and repetition of one of ``kept``'s that is the follow-up of an
      event both were met at (its note is in ``event_notes``) or falls due at the same time,
      unless ``gone``'s is still open and ``kept``'s is done (then the open one moves over).
    """
    met = {normalise(i.text) for i in kept.log if i.kind == "met"}
    notes = {normalise(n) for n in event_notes}
    log = {
        i.id for i in gone.log if i.id is not None and i.kind == "met" and normalise(i.text) in met
    }
    reminders: set[int] = set()
    for g in gone.reminders:
        for k in kept.reminders:
            alike = normalise(k.note) == normalise(g.note) and k.rule == g.rule
            shared = normalise(g.note) in notes or k.due == g.due
            if g.id is not None and alike and shared and (k.done is None or g.done is not None):
                reminders.add(g.id)
                break
    return log, reminders


def _checked(kept: Contact, gone: Contact, choices: Mapping[str, str]) -> dict[str, Any]:
    offered = {c.field: c for c in field_choices(kept, gone)}
    out: dict[str, Any] = {}
    for name, value in choices.items():
        if name not in TEXT_FIELDS:
            raise InvalidInput("merge.unknown_field", name=name, choices=", ".join(TEXT_FIELDS))
        c = offered.get(name)
        if c is None:  # both contacts have the same value: nothing to choose
            continue
        if value not in (c.left, c.right, c.default):
            raise InvalidInput("merge.not_offered", label=name.replace("_", " "), value=value)

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
