"""Finding the contact a card is about: by UID, then by e-mail or E.164 phone number."""

from __future__ import annotations

import sqlite3

from cardbox.domain.merge import is_role_address
from cardbox.domain.model import Contact

HASH_KEY = "card_hash"
"""``extra[HASH_KEY]``: the hash of the card's text, set by the importer, never stored in extra."""


def find(conn: sqlite3.Connection, card: Contact) -> int | None:
    """The id of the live contact ``card`` is about, or None.

    The very same card imported before (by the hash of its text) first; then the UID; then a
    personal e-mail (role mailboxes such as ``info@`` never identify a person); then an E.164
    phone number.
    """
    live = " AND c.deleted_at IS NULL"
    digest = card.extra.get(HASH_KEY)
    if digest:
        row = conn.execute(
            "SELECT c.id FROM card_hash h JOIN contact c ON c.id = h.contact_id"
            f" WHERE h.hash = ?{live}",
            (digest,),
        ).fetchone()
        if row:
            return int(row[0])
    if card.uid:
        row = conn.execute(f"SELECT c.id FROM contact c WHERE c.uid = ?{live}", (card.uid,))
        found = row.fetchone()
        if found:
            return int(found[0])
    for email in card.emails:
        if is_role_address(email.address):
            continue
        row = conn.execute(
            "SELECT c.id FROM email e JOIN contact c ON c.id = e.contact_id"
            f" WHERE lower(e.address) = lower(?){live} ORDER BY c.id LIMIT 1",
            (email.address,),
        ).fetchone()
        if row:
            return int(row[0])
    for phone in card.phones:
        row = conn.execute(
            "SELECT c.id FROM phone p JOIN contact c ON c.id = p.contact_id"
            f" WHERE p.e164 = ?{live} ORDER BY c.id LIMIT 1",
            (phone.e164,),
        ).fetchone()
        if row:
            return int(row[0])
    return None


def keys(card: Contact) -> set[str]:
    """The identity keys of a card, to match cards of one import against each other."""
    found = {f"uid:{card.uid}"} if card.uid else set()
    if card.extra.get(HASH_KEY):
        found.add(f"hash:{card.extra[HASH_KEY]}")
    found |= {
        f"email:{e.address.casefold()}" for e in card.emails if not is_role_address(e.address)
    }
    found |= {f"tel:{p.e164}" for p in card.phones}
    return found
