"""Finding contacts: one by reference, pages of them, searches, and the app's table."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cardbox.domain.errors import InvalidInput
from cardbox.domain.model import Contact
from cardbox.domain.ordering import row_key
from cardbox.domain.query import parse_query
from cardbox.domain.text import normalise
from cardbox.domain.views import Row
from cardbox.store.batches import batches

if TYPE_CHECKING:
    from cardbox.services.box import CardBox


@dataclass(frozen=True)
class Page:
    """Contacts from a listing or a search, best first, and how many matched in all."""

    contacts: list[Contact]
    total: int
    notes: list[str] = field(default_factory=list)
    capped: bool = False
    """True when more than `total` matched (searches stop counting at 1,000)."""


@dataclass(frozen=True)
class Listing:
    """Ids for the app's table, in the order shown, and how many matched in all."""

    ids: list[int]
    total: int
    notes: list[str] = field(default_factory=list)
    capped: bool = False


def get(box: CardBox, ref: str | int, *, trash: bool | None = False) -> Contact:
    """The contact with this id or UID.

    Raises:
        NotFound: there is none (or it is in the trash, unless ``trash`` allows it).
    """
    (contact,) = box.store.contacts([box.store.resolve(ref, trash=trash)])
    return contact


def contacts(
    box: CardBox, *, sort: str = "name", limit: int | None = None, offset: int = 0
) -> Page:
    """Live contacts in ``sort`` order (``name``, ``company``, ``created``, ``updated``)."""
    ids, total = box.store.list_ids(sort=sort, limit=limit, offset=offset)
    return Page(box.store.contacts(ids), total)


def trash(box: CardBox) -> Page:
    """Contacts in the trash, most recently removed first."""
    ids, total = box.store.list_ids(trash=True)
    return Page(box.store.contacts(ids), total)


def search(box: CardBox, text: str, *, limit: int | None = 50) -> Page:
    """Contacts matching a query in cardbox's search language, best first.

    Raises:
        InvalidInput: the query is too long (nothing else a person types is an error).
    """
    query = parse_query(text)
    if query.is_empty:
        return box.contacts(limit=limit)
    hits = box.store.search(query, limit=limit)
    return Page(box.store.contacts(hits.ids), hits.total, hits.notes, hits.capped)


def listing(box: CardBox, text: str, *, order: str = "", limit: int = 1000) -> Listing:
    """The ids the app's table shows for a query: every contact in ``order`` for an empty
    query, else up to ``limit`` matches, best first (or in ``order`` when one is given).

    Raises:
        InvalidInput: the query is too long, or ``order`` is not one of `listing.ORDERS`.
    """
    from cardbox.store import listing

    if order and order not in listing.ORDERS:
        raise InvalidInput("sort.unknown", order=order, choices=", ".join(listing.ORDERS))
    query = parse_query(text)
    if query.is_empty:
        with box.store.reader() as r:
            ids = r.listing.ordered_ids(order or "name")
        return Listing(ids, len(ids))
    hits = box.store.search(query, limit=limit)
    ids = hits.ids
    if order:
        rows = box.rows(ids)
        ids = [i for i in ids if i in rows]
        ids.sort(key=lambda i: row_key(rows[i], order))
    return Listing(ids, hits.total, hits.notes, hits.capped)


def rows(box: CardBox, ids: Sequence[int]) -> dict[int, Row]:
    """What the app's table shows of these contacts."""
    with box.store.reader() as r:
        return r.listing.rows(ids)


def position(box: CardBox, key: str) -> int:
    """How many contacts sort before ``key`` in reading order (for the kana index)."""
    with box.store.reader() as r:
        return r.listing.position(normalise(key))


def selected(box: CardBox, query: str) -> Iterator[Contact]:
    """Every live contact a query selects (everyone for an empty one), photos included."""
    page = box.search(query, limit=None) if query.strip() else box.contacts()
    ids = [c.id for c in page.contacts if c.id is not None]
    for batch in batches(ids):
        yield from box.store.contacts(batch, photos=True)
