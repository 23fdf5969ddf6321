"""Reads for the app's contact table: ids in a chosen order, and one light row per contact.

The table shows a window of a list that may hold every contact in the box, so the list is kept as
ids and rows are read a screenful at a time (`rows`), each with only what the table shows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from cardbox.domain.views import Row
from cardbox.store.read import _chunks, _marks

ORDERS = {
    "name": "c.sort_key, c.id",
    "company": "c.company = '', c.company_reading || c.company, c.sort_key, c.id",
    "met": "met IS NULL, met DESC, c.sort_key, c.id",
    "contacted": "last IS NULL, last DESC, c.sort_key, c.id",
}
"""The table's sort orders: reading (あいうえお), company, date met (newest first), last contact
(most recent first); contacts without a date come last. Keyed by `SORT_ORDERS`."""

_MET = (
    "(SELECT max(e.date) FROM meeting m JOIN event e ON e.id = m.event_id"
    " WHERE m.contact_id = c.id)"
)
_LAST = "(SELECT max(i.at) FROM interaction i WHERE i.contact_id = c.id)"


def ordered_ids(conn: sqlite3.Connection, order: str) -> list[int]:
    """Every live contact's id, in ``order`` (a key of `ORDERS`)."""
    if order == "name":
        sql = "SELECT contact_id FROM contact_search ORDER BY sort_key, contact_id"
        return [r[0] for r in conn.execute(sql)]
    columns = {
        "met": f", coalesce({_MET}, c.created_at) AS met",
        "contacted": f", {_LAST} AS last",
    }.get(order, "")
    sql = f"SELECT c.id{columns} FROM contact c WHERE c.deleted_at IS NULL ORDER BY {ORDERS[order]}"
    return [r[0] for r in conn.execute(sql)]


def rows(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, Row]:
    """The table rows of these contacts (trashed or missing ids are left out)."""
    found: dict[int, Row] = {}
    for chunk in _chunks(list(ids)):
        sql = (
            "SELECT c.id, c.family_name, c.given_name, c.family_reading, c.given_reading,"
            f" c.company, c.title, c.sort_key, coalesce({_MET}, c.created_at), {_LAST},"
            " c.middle_name, c.name_prefix, c.name_suffix, c.formatted_name"
            " FROM contact c"
            f" WHERE c.deleted_at IS NULL AND c.id IN ({_marks(len(chunk))})"
        )
        for r in conn.execute(sql, tuple(chunk)):
            found[r[0]] = Row(
                id=r[0],
                family_name=r[1],
                given_name=r[2],
                family_reading=r[3],
                given_reading=r[4],
                company=r[5],
                title=r[6],
                sort_key=r[7],
                met=(r[8] or "")[:10],
                last=(r[9] or "")[:10],
                middle_name=r[10],
                name_prefix=r[11],
                name_suffix=r[12],
                formatted_name=r[13],
            )
    return found


def position(conn: sqlite3.Connection, key: str) -> int:
    """How many live contacts sort before ``key`` in reading order (for the kana index)."""
    sql = "SELECT count(*) FROM contact_search WHERE sort_key < ?"
    return int(conn.execute(sql, (key,)).fetchone()[0])
