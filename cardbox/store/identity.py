"""Finding the contact a card is about, and the people it only may be about.

The rules (the README states them for users):

* The very same card imported before (the hash of its text), then the UID: that contact.
* A personal e-mail or a phone number the card shares with one live contact, when the names do
  not say otherwise: that contact. Role mailboxes (``info@``) never count, nor does a number
  several people hold (a switchboard), nor a shared e-mail or phone between two names that
  differ (a colleague, or 内田 豊 and 内田 理恵 on one family mailbox).
* The same full name (written, or read) at the same company (`company_key`): that contact.
* Anything weaker is not a match; the best such candidate is returned as ``maybe`` so the import
  can report it ("possible match"): the same full name with another company or none, a similar
  name at the same company, or a shared e-mail under another given name.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

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
    strong: list[tuple[int, int, str]] = []
    weak: list[tuple[int, int, str]] = []
    for other in _light(conn, ids):
        assert other.id is not None
        points, reason = dupes.name_evidence(mine, dupes.features(other))
        same_company = bool(key) and key == other_key(other)
        channel = "email" if other.id in by_email else "phone" if other.id in by_phone else ""
        if channel and points >= 0:
            strong.append((0 if channel == "email" else 1, other.id, channel))
        elif reason.startswith("same name") and same_company and len(mine.parts) == 2:
            strong.append((2, other.id, "name"))
        elif channel and points == dupes.SAME_FAMILY_ONLY:
            what = "e-mail" if channel == "email" else "phone"
            weak.append((0, other.id, f"same {what}, other given name"))
        elif reason.startswith("same name") and len(mine.parts) == 2:
            where = "different company" if key and other_key(other) else "no company to compare"
            weak.append((1, other.id, f"same name, {where}"))
        elif reason.startswith("similar name") and same_company:
            weak.append((2, other.id, f"{reason}, same company"))
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


def compatible(key: str, a: Contact, b: Contact) -> bool:
    """True when two cards of one import that share ``key`` may be one person: the same card
    or UID always; an e-mail, phone or name only when the names do not disagree."""
    if key.startswith(("uid:", "hash:", "name:")):
        return True
    from cardbox.domain import dupes

    points, _ = dupes.name_evidence(dupes.features(a), dupes.features(b))
    return points >= 0
