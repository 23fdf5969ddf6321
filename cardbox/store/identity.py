"""Finding the contact a card is about, and the people it only may be about.

The rules (the README states them for users):

* The very same card imported before (the hash of its text), then the UID: that contact.
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

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from cardbox.domain.companies import company_key
from cardbox.domain.merge import is_role_address
from cardbox.domain.model import Contact

HASH_KEY = "card_hash"
"""``extra[HASH_KEY]``: the hash of the card's text, set by the importer, never stored in extra."""

LIVE = " AND c.deleted_at IS NULL"
COMPANY_PEOPLE = 300
"""At most this many people of the card's company are compared for a similar name."""


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


def find(conn: sqlite3.Connection, card: Contact) -> int | None:
    """The id of the live contact ``card`` is about, or None (see `match`)."""
    return match(conn, card).contact_id


def match(conn: sqlite3.Connection, card: Contact) -> Identity:
    """Who ``card`` is about, by the rules in the module notes."""
    digest = card.extra.get(HASH_KEY)
    if digest:
        row = conn.execute(
            f"SELECT c.id FROM card_hash h JOIN contact c ON c.id = h.contact_id"
            f" WHERE h.hash = ?{LIVE}",
            (digest,),
        ).fetchone()
        if row:
            return Identity(int(row[0]), "card")
    if card.uid:
        row = conn.execute(f"SELECT c.id FROM contact c WHERE c.uid = ?{LIVE}", (card.uid,))
        found = row.fetchone()
        if found:
            return Identity(int(found[0]), "uid")
    return _by_evidence(conn, card)


def _by_evidence(conn: sqlite3.Connection, card: Contact) -> Identity:
    from cardbox.domain import dupes

    by_email: dict[int, str] = {}
    for email in card.emails:
        if is_role_address(email.address):
            continue
        for (cid,) in conn.execute(
            "SELECT c.id FROM email e JOIN contact c ON c.id = e.contact_id"
            f" WHERE lower(e.address) = lower(?){LIVE} ORDER BY c.id",
            (email.address,),
        ):
            by_email.setdefault(int(cid), email.address)
    by_phone: dict[int, str] = {}
    for phone in card.phones:
        if not phone.e164:
            continue  # an unchecked number identifies no one
        holders = [
            int(r[0])
            for r in conn.execute(
                "SELECT DISTINCT c.id FROM phone p JOIN contact c ON c.id = p.contact_id"
                f" WHERE p.e164 = ?{LIVE} ORDER BY c.id LIMIT 2",
                (phone.e164,),
            )
        ]
        if len(holders) == 1:  # a number several people hold is a switchboard
            by_phone.setdefault(holders[0], phone.e164)
    named = _same_names(conn, card)
    key = company_key(card.company) if card.company.strip() else ""
    colleagues = _colleagues(conn, card, key) if key else []
    ids = sorted(set(by_email) | set(by_phone) | set(named) | set(colleagues))
    if not ids:
        return Identity(None)
    mine = dupes.features(card)
    # Numbers that are not one person's own: only those held by one contact identify anyone.
    switchboards = frozenset(p.e164 for p in card.phones) - set(by_phone.values())
    strong: list[tuple[int, int, str]] = []
    weak: list[tuple[int, int, str]] = []
    for other in _light(conn, ids):
        assert other.id is not None
        # `_light` contacts carry no phones or e-mails: give them the ones found shared.
        theirs = replace(
            dupes.features(other),
            personal_emails=(by_email[other.id].casefold(),) if other.id in by_email else (),
            phones=(by_phone[other.id],) if other.id in by_phone else (),
        )
        _, reason = dupes.name_evidence(mine, theirs)
        same_company = bool(key) and key == other_key(other)
        channel = "email" if other.id in by_email else "phone" if other.id in by_phone else ""
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


def other_key(c: Contact) -> str:
    """The `company_key` of a contact's company (``""`` for none)."""
    return company_key(c.company) if c.company.strip() else ""


def _same_names(conn: sqlite3.Connection, card: Contact) -> list[int]:
    """Live contacts with the card's full name as written (either order) or as read."""
    family, given, middle = card.family_name.strip(), card.given_name.strip(), card.middle_name
    found: list[int] = []
    if family and given:
        # A middle name tells people apart (John Richter Doe is not John Paul Doe).
        found += [
            int(r[0])
            for r in conn.execute(
                "SELECT c.id FROM contact c WHERE c.family_name = ? AND c.given_name = ?"
                f" AND c.middle_name = ?{LIVE} UNION SELECT c.id FROM contact c"
                f" WHERE c.family_name = ? AND c.given_name = ? AND c.middle_name = ?{LIVE}",
                (family, given, middle, given, family, middle),
            )
        ]
    if card.family_reading and card.given_reading:
        found += [
            int(r[0])
            for r in conn.execute(
                "SELECT c.id FROM contact c WHERE c.family_reading = ? AND c.given_reading = ?"
                f"{LIVE}",
                (card.family_reading, card.given_reading),
            )
        ]
    return found


def _colleagues(conn: sqlite3.Connection, card: Contact, key: str) -> list[int]:
    """People of the card's company who share a part of its name (for a typo in the other)."""
    parts = [
        p for p in (card.family_name, card.given_name, card.family_reading, card.given_reading) if p
    ]
    if not parts:
        return []
    marks = ",".join("?" * len(parts))
    return [
        int(r[0])
        for r in conn.execute(
            f"SELECT c.id FROM contact c WHERE c.company_key = ?{LIVE} AND (c.family_name IN"
            f" ({marks}) OR c.given_name IN ({marks}) OR c.family_reading IN ({marks})"
            f" OR c.given_reading IN ({marks})) LIMIT {COMPANY_PEOPLE}",
            (key, *parts, *parts, *parts, *parts),
        )
    ]


def _light(conn: sqlite3.Connection, ids: list[int]) -> list[Contact]:
    from cardbox.store.read import summaries

    return summaries(conn, ids)


def keys(card: Contact) -> set[str]:
    """The identity keys of a card, to match cards of one import against each other."""
    found = {f"uid:{card.uid}"} if card.uid else set()
    if card.extra.get(HASH_KEY):
        found.add(f"hash:{card.extra[HASH_KEY]}")
    found |= {
        f"email:{e.address.casefold()}" for e in card.emails if not is_role_address(e.address)
    }
    found |= {f"tel:{p.e164}" for p in card.phones if p.e164}
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
    from cardbox.domain import dupes

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
    from cardbox.domain import dupes

    return dupes.channel_agrees(dupes.features(a), dupes.features(b))
