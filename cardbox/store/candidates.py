"""Reads that pick candidates out of the whole box: light summaries, the people a card may be
about (`lookalike_ids`, for `cardbox.domain.identity`), the features duplicate finding compares,
the industries each company carries, and the readings still to be confirmed. Plain sqlite3 like
`cardbox.store.read`; each is a few indexed queries, never a load of every contact."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from cardbox.domain.model import Contact
from cardbox.store.batches import batches, marks
from cardbox.store.rows import LIGHT, columns, light

if TYPE_CHECKING:
    from cardbox.domain.dupes import Features


_LIGHT = f"SELECT {columns(LIGHT)} FROM contact"


def summaries(conn: sqlite3.Connection, ids: Sequence[int]) -> list[Contact]:
    """Just the names, company and title of contacts: for long lists such as the agenda."""
    out: list[Contact] = []
    for chunk in batches(ids):
        rows = conn.execute(f"{_LIGHT} WHERE id IN ({marks(len(chunk))})", tuple(chunk))
        out.extend(light(r) for r in rows)
    return out


def lookalike_ids(conn: sqlite3.Connection, card: Contact) -> dict[int, set[str]]:
    """Live contacts sharing something with ``card`` that may make it the same person, each
    with what it shares: ``email`` (a personal one, never a role mailbox such as info@),
    ``tel:<E.164>``, or ``name`` (the whole name as written or as read). The caller weighs
    them (`cardbox.domain.dupes`)."""
    from cardbox.domain.merge import is_role_address

    found: dict[int, set[str]] = defaultdict(set)
    live = "c.deleted_at IS NULL"
    emails = sorted({e.address.lower() for e in card.emails if not is_role_address(e.address)})
    if emails:
        for (cid,) in conn.execute(
            "SELECT c.id FROM email e JOIN contact c ON c.id = e.contact_id"
            f" WHERE lower(e.address) IN ({marks(len(emails))}) AND {live}",
            emails,
        ):
            found[cid].add("email")
    phones = sorted({p.e164 for p in card.phones if p.e164})
    if phones:
        for cid, e164 in conn.execute(
            "SELECT c.id, p.e164 FROM phone p JOIN contact c ON c.id = p.contact_id"
            f" WHERE p.e164 IN ({marks(len(phones))}) AND {live}",
            phones,
        ):
            found[cid].add(f"tel:{e164}")
    family, given = card.family_name.strip(), card.given_name.strip()
    if family or given:
        for (cid,) in conn.execute(
            f"SELECT c.id FROM contact c WHERE {live} AND c.middle_name = ? AND ("
            " (c.family_name = ? AND c.given_name = ?)"
            " OR (c.given_name = ? AND c.family_name = ?))",
            (card.middle_name, family, given, family, given),
        ):
            found[cid].add("name")
    if card.family_reading and card.given_reading:
        for (cid,) in conn.execute(
            f"SELECT c.id FROM contact c WHERE {live}"
            " AND c.family_reading = ? AND c.given_reading = ?",
            (card.family_reading, card.given_reading),
        ):
            found[cid].add("name")
    return dict(found)


def company_industries(conn: sqlite3.Connection) -> list[tuple[str, str, int]]:
    """``(company, industry code or "", contacts)`` over live contacts with a company."""
    rows = conn.execute(
        "SELECT c.company, coalesce(i.code, ''), count(*) FROM contact c"
        " LEFT JOIN contact_industry ci ON ci.contact_id = c.id"
        " LEFT JOIN industry i ON i.id = ci.industry_id"
        " WHERE c.deleted_at IS NULL AND c.company != ''"
        " GROUP BY c.company, i.code"
    )
    return [(r[0], r[1], int(r[2])) for r in rows]


def duplicate_features(
    conn: sqlite3.Connection, stop: Callable[[], bool] | None = None
) -> tuple[list[int], list[Features]]:
    """Every live contact's id and duplicate-finding `Features`, read straight from the rows.

    No `Contact` is built: the contact, phone and e-mail tables are walked side by side in
    contact id order, so at 100,000 contacts this holds the features and little else. When
    ``stop()`` turns true (checked every 1,000 contacts) it returns what it has read so far: the
    caller no longer wants it (the app's screen was closed), and the read lock is let go.
    """
    from cardbox.domain.dupes import features_of  # rapidfuzz: only for this

    phones = conn.execute("SELECT contact_id, e164 FROM phone WHERE e164 != '' ORDER BY contact_id")
    emails = conn.execute("SELECT contact_id, address FROM email ORDER BY contact_id")
    rows = conn.execute(
        "SELECT id, family_name, given_name, family_reading, given_reading, company, company_key,"
        " middle_name FROM contact WHERE deleted_at IS NULL ORDER BY id"
    )
    next_phone, next_email = next(phones, None), next(emails, None)
    ids: list[int] = []
    feats: list[Features] = []
    for cid, family, given, family_reading, given_reading, company, key, middle in rows:
        if stop is not None and len(ids) % 1000 == 0 and stop():
            break
        given = f"{given} {middle}" if middle else given
        own_phones: list[str] = []
        while next_phone is not None and next_phone[0] <= cid:
            if next_phone[0] == cid:
                own_phones.append(next_phone[1])
            next_phone = next(phones, None)
        own_emails: list[str] = []
        while next_email is not None and next_email[0] <= cid:
            if next_email[0] == cid:
                own_emails.append(next_email[1])
            next_email = next(emails, None)
        ids.append(cid)
        feats.append(
            features_of(
                family, given, family_reading, given_reading, company, own_phones, own_emails, key
            )
        )
    return ids, feats


def unconfirmed_reading_ids(conn: sqlite3.Connection) -> list[int]:
    """Live contacts holding a suggested (unconfirmed) reading, name or company, in name order."""
    return [
        int(r[0])
        for r in conn.execute(
            "SELECT id FROM contact WHERE deleted_at IS NULL AND ("
            "(NOT reading_confirmed AND (family_reading != '' OR given_reading != ''))"
            " OR (NOT company_reading_confirmed AND company_reading != ''))"
            " ORDER BY sort_key, id"
        )
    ]
