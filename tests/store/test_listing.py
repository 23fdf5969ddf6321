"""The table's sort orders: the store orders by exactly the orders the domain names."""

from __future__ import annotations

from cardbox.domain.views import SORT_ORDERS
from cardbox.store.listing import ORDERS


def test_the_store_sorts_by_every_order_the_app_offers_and_no_other() -> None:
    assert tuple(ORDERS) == SORT_ORDERS
