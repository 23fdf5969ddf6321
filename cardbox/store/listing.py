"""Reads for the app's contact table: ids in a chosen order, and one light row per contact.

The table shows a window of a list that may hold every contact in the box, so the list is kept as
ids and rows are read a screenful at a time (`rows`), each with only what the table shows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from cardbox.domain.views import SORT_ORDERS, Row
from cardbox.store.batches import batches, marks
from cardbox.store.ordering import LAST, MET, order_by

ORDERS = {order: order_by(order) for order in SORT_ORDERS}
"""The table's sort orders as SQL, built from `cardbox.domain.ordering.ORDERS`: reading
(あいうえお), company, date met (newest first), last contact (most recent first); contacts without
a date come last. Keyed by `SORT_ORDERS`."""


def ordered_ids(conn: sqlite3.Connection, order: str) -> list[int]:
    """Every live contact's id, in ``order`` (a key of `ORDERS`)."""
    if order == "name":
        sql = "SELECT contact_id FROM contact_search ORDER BY sort_key, contact_id"
        return [r[0] for r in conn.execute(sql)]
    sql = f"SELECT c.id FROM contact c WHERE c.deleted_at IS NULL ORDER BY {ORDERS[order]}"
    return [r[0] for r in conn.execute(sql)]


def rows(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, Row]:
    """The table rows of these contacts (trashed or missing ids are left out)."""
    found: dict[int, Row] = {}
    for chunk in batches(ids):
        sql = (
            "SELECT c.id, c.family_name, c.given_name, c.family_reading, c.given_reading,"
            f" c.company, c.title, c.sort_key, {MET}, {LAST},"
            " c.middle_name, c.name_prefix, c.name_suffix, c.formatted_name, c.company_reading"
            " FROM contact c"
            f" WHERE c.deleted_at IS NULL AND c.id IN ({marks(len(chunk))})"
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
                company_reading=r[14],
            )
    return found


def position(conn: sqlite3.Connection, key: str) -> int:
    """How many live contacts sort before ``key`` in reading order (for the kana index)."""
    sql = "SELECT count(*) FROM contact_search WHERE sort_key < ?"
    return int(conn.execute(sql, (key,)).fetchone()[0])
