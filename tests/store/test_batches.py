"""The one batching helper: every id once, in order, in batches of at most `BATCH`."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cardbox.store.batches import BATCH, batches, marks


def test_ids_go_in_batches_of_five_hundred() -> None:
    assert BATCH == 500
    assert [len(b) for b in batches(range(1201))] == [500, 500, 201]
    assert list(batches([])) == []
    assert marks(3) == "?,?,?"


@given(st.lists(st.integers()), st.integers(1, 7))
def test_batches_keep_every_item_once_in_order(items: list[int], size: int) -> None:
    found = list(batches(items, size))
    assert [i for b in found for i in b] == items
    assert all(1 <= len(b) <= size for b in found)
