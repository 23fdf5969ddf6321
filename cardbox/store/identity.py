"""Fetching the candidates for who a card is about; `cardbox.domain.identity` decides.

The rules are stated there (and in the README for users). Here: the same card imported before
(its hash) and the UID are looked up by key; otherwise the live contacts that share a personal
e-mail, a number held by no one else, the full name, or a part of the name at the card's company
are fetched as `Candidate` values for `cardbox.domain.identity.decide`.
"""

from __future__ import annotations

import sqlite3

from cardbox.domain.identity import (
    HASH_KEY,
    Candidate,
    Identity,
    Maybe,
    checked_numbers,
    compatible,
    decide,
    keys,
    near,
    other_key,
    personal_emails,
)
from cardbox.domain.model import Contact

LIVE = " AND c.deleted_at IS NULL"
COMPANY_PEOPLE = 300
"""At most this many people of the card's company are compared for a similar name."""


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
    by_email: dict[int, str] = {}
    for address in personal_emails(card):
        for (cid,) in conn.execute(
            "SELECT c.id FROM email e JOIN contact c ON c.id = e.contact_id"
            f" WHERE lower(e.address) = lower(?){LIVE} ORDER BY c.id",
            (address,),
        ):
            by_email.setdefault(int(cid), address)
    by_phone: dict[int, str] = {}
    for number in checked_numbers(card):
        holders = [
            int(r[0])
            for r in conn.execute(
                "SELECT DISTINCT c.id FROM phone p JOIN contact c ON c.id = p.contact_id"
                f" WHERE p.e164 = ?{LIVE} ORDER BY c.id LIMIT 2",
                (number,),
            )
        ]
        if len(holders) == 1:  # a number several people hold is a switchboard
            by_phone.setdefault(holders[0], number)
    named = _same_names(conn, card)
    key = other_key(card)
    colleagues = _colleagues(conn, card, key) if key else []
    ids = sorted(set(by_email) | set(by_phone) | set(named) | set(colleagues))
    if not ids:
        return Identity(None)
    return decide(
        card,
        [
            Candidate(other, by_email.get(other.id or 0, ""), by_phone.get(other.id or 0, ""))
            for other in _light(conn, ids)
        ],
    )


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
    from cardbox.store.candidates import summaries

    return summaries(conn, ids)


def uid_holder(conn: sqlite3.Connection, uid: str) -> int | None:
    """The contact a card with ``uid`` is about when no live contact holds that UID: the one in
    the trash that holds it, or, if that one was merged into another (and the merge is not
    undone), the live contact it was merged into. None when no contact has the UID."""
    row = conn.execute("SELECT id FROM contact WHERE uid = ?", (uid,)).fetchone()
    if row is None:
        return None
    cid = int(row[0])
    seen = {cid}
    while True:
        kept = conn.execute(
            "SELECT m.kept_id, c.deleted_at FROM merge_log m JOIN contact c ON c.id = m.kept_id"
            " WHERE m.gone_id = ? AND m.undone_at IS NULL ORDER BY m.id DESC LIMIT 1",
            (cid,),
        ).fetchone()
        if kept is None or int(kept[0]) in seen:
            return cid
        cid = int(kept[0])
        if kept[1] is None:
            return cid
        seen.add(cid)


__all__ = [
    "HASH_KEY",
    "Identity",
    "Maybe",
    "compatible",
    "find",
    "keys",
    "match",
    "near",
    "other_key",
]
