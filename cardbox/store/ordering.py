"""The SQL ``ORDER BY`` of each sort order, built from the domain's definition
(`cardbox.domain.ordering.ORDERS`), so the store and a re-sorted search cannot disagree."""

from __future__ import annotations

from typing import Final

from cardbox.domain.ordering import ORDERS

MET: Final = (
    "coalesce((SELECT max(e.date) FROM meeting m JOIN event e ON e.id = m.event_id"
    " WHERE m.contact_id = c.id), c.created_at)"
)
"""When a contact was met: the date of the latest event they were met at, else when the card
was added (a date or a timestamp; its first ten characters are the day)."""

LAST: Final = "(SELECT max(i.at) FROM interaction i WHERE i.contact_id = c.id)"
"""When anyone was last in touch: the newest interaction's time, or NULL."""

COLUMNS: Final = {
    "id": "c.id",
    "sort_key": "c.sort_key",
    "company": "c.company",
    "company_sort": "c.company_reading || c.company",
    "met": f"substr({MET}, 1, 10)",
    "last": f"coalesce(substr({LAST}, 1, 10), '')",
}
"""The SQL, over ``contact c``, of each field a term of `ORDERS` compares, as `Row` holds it."""


def order_by(order: str) -> str:
    """The ``ORDER BY`` terms (without the keywords) of ``order``, a key of `ORDERS`."""
    terms: list[str] = []
    for term in ORDERS[order]:
        if term.empty_last:
            terms.append(f"{COLUMNS[term.empty_last]} = ''")
        terms.append(COLUMNS[term.field] + (" DESC" if term.descending else ""))
    return ", ".join(terms)
