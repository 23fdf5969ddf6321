"""The contact table's sort orders, defined once.

An order is a list of `Term`s over fields of the table's `Row`. The store builds its SQL
``ORDER BY`` from these terms (`cardbox.store.ordering`), and `row_key` sorts rows in Python by
the same terms (a search's hits, which come best first, re-sorted into the order the user picked),
so an empty query and a search list the same contacts in the same order.

Text compares by code point, as SQLite's default (BINARY) collation compares UTF-8. Dates compare
by the day the table shows (``YYYY-MM-DD``), newest first; contacts on the same day, like
contacts of the same company, follow in reading order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from cardbox.domain.views import SORT_ORDERS, Row

__all__ = ["ORDERS", "SORT_ORDERS", "Term", "row_key"]


@dataclass(frozen=True)
class Term:
    """One step of an order: compare rows by ``field`` (a `Row` attribute, or ``company_sort``)."""

    field: str
    descending: bool = False
    empty_last: str = ""
    """A field: rows where it is empty ('') come after all others, whatever the direction."""


_BY_NAME: Final = (Term("sort_key"), Term("id"))

ORDERS: Final[dict[str, tuple[Term, ...]]] = {
    # reading (あいうえお)
    "name": _BY_NAME,
    # company by its reading (then its name), people without a company last
    "company": (Term("company_sort", empty_last="company"), *_BY_NAME),
    # the day they were met (else the day the card was added), newest first
    "met": (Term("met", descending=True, empty_last="met"), *_BY_NAME),
    # the day of the last interaction, most recent first, never-contacted last
    "contacted": (Term("last", descending=True, empty_last="last"), *_BY_NAME),
}
"""The table's sort orders, keyed by `SORT_ORDERS`."""


def field_value(row: Row, field: str) -> str | int:
    """The value a term compares: a `Row` attribute, or ``company_sort`` (the company's reading
    followed by its name, so companies without a reading sort among the others by their name)."""
    if field == "company_sort":
        return row.company_reading + row.company
    value: str | int = getattr(row, field)
    return value


class _Descending:
    """Wraps a value so that sorting ascending puts larger values first."""

    __slots__ = ("value",)

    def __init__(self, value: str | int) -> None:
        self.value = value

    def __lt__(self, other: _Descending) -> bool:
        return other.value < self.value  # type: ignore[operator]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Descending) and self.value == other.value

    __hash__ = None  # type: ignore[assignment]


def row_key(row: Row, order: str) -> tuple[object, ...]:
    """A sort key that puts rows in ``order`` (a key of `ORDERS`)."""
    key: list[object] = []
    for term in ORDERS[order]:
        if term.empty_last:
            key.append(field_value(row, term.empty_last) == "")
        value = field_value(row, term.field)
        key.append(_Descending(value) if term.descending else value)
    return tuple(key)
