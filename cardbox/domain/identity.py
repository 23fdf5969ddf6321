"""Who a card is about: the one place that decides whether two cards are the same person.

The store only fetches candidates (`Candidate`: a live contact that shares a personal e-mail, a
number, the name, or a part of the name at the card's company); the decision is made here, over
their features (`cardbox.domain.dupes`), for every caller: adding a card, importing, syncing,
and the look-alikes the card form warns about.

The rules (the README states them for users):

* The very same card imported before (the hash of its text), then the UID: that contact (the
  store looks those up by key; nothing is left to decide).
* A personal e-mail or a phone number the card shares with one live contact, when the names do
  not say otherwise (`cardbox.domain.dupes.channel_agrees`): that contact. Role mailboxes
  (``info@``) never count, nor does a number several people hold (a switchboard), nor a shared
  e-mail or phone between two names that differ (a colleague, 内田 豊 and 内田 理恵 on one family
  mailbox, or "Ann Lee" and "Bob Lee" typed in one field).
* The same full name (written, or read) at the same company (`company_key`): that contact.
* Anything weaker is not a match; the best candidate `cardbox.domain.dupes.possible_match`
  names is returned as ``maybe`` so that ``cardbox add`` and the import can report it ("possible
  match"), and `cardbox duplicates` lists the same pairs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from cardbox.domain import dupes
from cardbox.domain.companies import company_key
from cardbox.domain.merge import is_role_address
from cardbox.domain.model import Contact

HASH_KEY = "card_hash"
"""``extra[HASH_KEY]``: the hash of the card's text, set by the importer, never stored in extra."""


@dataclass(frozen=True)
class Maybe:
    """A live contact a card may be about, and why it was not taken for it."""

    contact_id: int
    reason: str


@dataclass(frozen=True)
class Identity:
    """Who a card is about: ``contact_id`` (None for nobody known) and how it was found."""

    contact_id: int | None
    how: str = ""
    """``card`` (the same card again), ``uid``, ``email``, ``phone`` or ``name``."""
    maybe: Maybe | None = None
    """When there is no match: the best weak candidate, for the import report."""


@dataclass(frozen=True)
class Candidate:
    """A live contact the store found for a card: its names and company (no channels), and
    what the card shares with it."""

    contact: Contact
    email: str = ""
    """A personal e-mail address the card shares with it (``""``: none)."""
    phone: str = ""
    """A number (E.164) the card shares with it and no other live contact holds (``""``)."""


def other_key(c: Contact) -> str:
    """The `company_key` of a contact's company (``""`` for none)."""
    return company_key(c.company) if c.company.strip() else ""


def personal_emails(card: Contact) -> list[str]:
    """The card's addresses that can identify a person (never a role mailbox such as info@)."""
    return [e.address for e in card.emails if not is_role_address(e.address)]


def checked_numbers(card: Contact) -> list[str]:
    """The card's numbers that can identify a person (an unchecked number identifies no one)."""
    return [p.e164 for p in card.phones if p.e164]


def decide(card: Contact, candidates: Sequence[Candidate]) -> Identity:
    """Who ``card`` is about among ``candidates``, by the rules in the module notes (the
    strongest evidence wins: an e-mail, then a number, then the name at the same company)."""
    if not candidates:
        return Identity(None)
    mine = dupes.features(card)
    key = other_key(card)
    # Numbers that are not one person's own: only those held by one contact identify anyone.
    switchboards = frozenset(p.e164 for p in card.phones) - {c.phone for c in candidates}
    strong: list[tuple[int, int, str]] = []
    weak: list[tuple[int, int, str]] = []
    for found in candidates:
        other = found.contact
        assert other.id is not None
        # Candidates carry no phones or e-mails: give them the ones found shared.
        theirs = replace(
            dupes.features(other),
            personal_emails=(found.email.casefold(),) if found.email else (),
            phones=(found.phone,) if found.phone else (),
        )
        _, reason = dupes.name_evidence(mine, theirs)
        same_company = bool(key) and key == other_key(other)
        channel = "email" if found.email else "phone" if found.phone else ""
        if channel and dupes.channel_agrees(mine, theirs):
            strong.append((0 if channel == "email" else 1, other.id, channel))
        elif reason.startswith("same name") and same_company and len(mine.parts) == 2:
            strong.append((2, other.id, "name"))
        elif possible := dupes.possible_match(mine, theirs, switchboards):
            weak.append((possible[0], other.id, possible[1]))
    if strong:
        _, cid, how = min(strong)
        return Identity(cid, how)
    if weak:
        _, cid, why = min(weak)
        return Identity(None, maybe=Maybe(cid, why))
    return Identity(None)


def lookalikes(
    card: Contact, found: Sequence[tuple[Contact, set[str]]]
) -> list[tuple[Contact, dupes.Match]]:
    """Which of ``found`` (live contacts sharing something with ``card``, each with what it
    shares: ``email``, ``tel:<E.164>``, ``name``, or ``identity``: `decide` took the card for
    them) the card form warns about, best first, each with a `dupes.Match` saying why: whoever
    `decide` takes the card for; anyone with the same personal e-mail or the same number
    (unless two or more of them hold it: a switchboard), whatever their name; anyone the
    duplicate rules pair with it by name; then the possible matches (``match.likely`` False).
    Looser than `decide` on purpose: a warning the user answers, not a silent merge."""
    holders: dict[str, int] = {}
    for _, kinds in found:
        for kind in kinds:
            holders[kind] = holders.get(kind, 0) + 1
    shared = frozenset(k[4:] for k, n in holders.items() if k.startswith("tel:") and n > 1)
    out: list[tuple[Contact, dupes.Match]] = []
    for other, kinds in found:
        match = dupes.score_pair(dupes.features(card), dupes.features(other), shared)
        own_line = "email" in kinds or any(k[4:] not in shared for k in kinds if k[:4] == "tel:")
        if own_line or "identity" in kinds or dupes.is_duplicate(match):
            out.append((other, match))
        elif possible := dupes.possible_match(dupes.features(card), dupes.features(other), shared):
            out.append((other, dupes.Match(match.score, (possible[1],), likely=False)))
    out.sort(key=lambda pair: (not pair[1].likely, -pair[1].score))
    return out


def keys(card: Contact) -> set[str]:
    """The identity keys of a card, to match cards of one import against each other."""
    found = {f"uid:{card.uid}"} if card.uid else set()
    if card.extra.get(HASH_KEY):
        found.add(f"hash:{card.extra[HASH_KEY]}")
    found |= {f"email:{address.casefold()}" for address in personal_emails(card)}
    found |= {f"tel:{number}" for number in checked_numbers(card)}
    family, given = card.family_name.strip(), card.given_names.strip()
    key = other_key(card)
    if family and given and key:
        found.add(f"name:{' '.join(sorted((family, given)))}|{key}")
    return found


def near(
    card: Contact, pending: Sequence[Contact], by_key: Mapping[str, int]
) -> tuple[int, str] | None:
    """The earlier card of one import (its index in ``pending``) that ``card`` shares a key
    with and may be (`cardbox.domain.dupes.possible_match`), and why; None for none."""
    mine = dupes.features(card)
    for slot in dict.fromkeys(by_key[k] for k in keys(card) if k in by_key):
        possible = dupes.possible_match(mine, dupes.features(pending[slot]))
        if possible is not None:
            return slot, f"{possible[1]}, earlier in this import"
    return None


def compatible(key: str, a: Contact, b: Contact) -> bool:
    """True when two cards of one import that share ``key`` are one person: the same card or
    UID always; an e-mail or phone only when the names do not disagree, as for a stored
    contact (`cardbox.domain.dupes.channel_agrees`)."""
    if key.startswith(("uid:", "hash:", "name:")):
        return True
    return dupes.channel_agrees(dupes.features(a), dupes.features(b))
