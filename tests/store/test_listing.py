"""The table's sort orders: defined once in the domain (`cardbox.domain.ordering`), the store's
SQL built from that definition, and an empty query and a search listing the same contacts in the
same order."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cardbox.domain.ordering import ORDERS, row_key
from cardbox.domain.views import SORT_ORDERS, Row
from cardbox.services import followups
from cardbox.services.box import CardBox
from cardbox.store import listing
from cardbox.store.ordering import order_by
from tests.conftest import card


def test_the_store_sorts_by_every_order_the_app_offers_and_no_other() -> None:
    assert tuple(listing.ORDERS) == SORT_ORDERS
    assert tuple(ORDERS) == SORT_ORDERS


def test_the_stores_order_by_is_built_from_the_domains_terms() -> None:
    assert order_by("name") == "c.sort_key, c.id"
    assert order_by("company") == (
        "c.company = '', c.company_reading || c.company, c.sort_key, c.id"
    )
    assert {order: order_by(order) for order in SORT_ORDERS} == listing.ORDERS


def _row(id: int, company: str = "", company_reading: str = "", met: str = "") -> Row:
    return Row(
        id=id,
        family_name="",
        given_name="",
        family_reading="",
        given_reading="",
        company=company,
        title="",
        sort_key=f"k{id:03d}",
        met=met,
        last="",
        company_reading=company_reading,
    )


def test_companies_sort_by_their_reading_and_people_without_one_come_last() -> None:
    rows = [
        _row(1, "渡辺商事", "わたなべしょうじ"),
        _row(2),
        _row(3, "青木商事", "あおきしょうじ"),
        _row(4, "Acme"),
    ]
    rows.sort(key=lambda r: row_key(r, "company"))
    assert [r.id for r in rows] == [4, 3, 1, 2]


def test_dates_sort_newest_first_and_the_same_day_in_reading_order() -> None:
    rows = [_row(1, met="2026-05-01"), _row(2, met=""), _row(3, met="2026-06-01")]
    rows.append(_row(0, met="2026-05-01"))
    rows.sort(key=lambda r: row_key(r, "met"))
    assert [r.id for r in rows] == [3, 0, 1, 2]


@pytest.fixture
def mixed(box: CardBox) -> CardBox:
    """Contacts that every order tells apart: companies with and without readings (the kanji of
    渡辺 sort before 青木's, their readings after), people without a company, cards added on the
    same day, and interactions on the same day, on other days and none."""
    people = [
        ("渡辺", "わたなべ", "渡辺商事", "わたなべしょうじ"),
        ("青木", "あおき", "青木商事", "あおきしょうじ"),
        ("Smith", "", "Acme", ""),
        ("伊藤", "いとう", "", ""),
        ("Brown", "", "", ""),
        ("加藤", "かとう", "渡辺商事", "わたなべしょうじ"),
        ("Zed", "", "acme", ""),
    ]
    added = []
    for family, reading, company, company_reading in people:
        fields = {"family_name": family, "family_reading": reading, "company": company}
        if company_reading:
            fields["company_reading"] = company_reading
        added.append(box.add(card(**fields, tags=["everyone"])))
    for index, day in ((0, 3), (2, 3), (4, 1), (5, 2)):
        followups.log(
            box, added[index].id or 0, "call", at=datetime(2026, 4, day, 9 + index, tzinfo=UTC)
        )
    return box


@pytest.mark.parametrize("order", SORT_ORDERS)
def test_an_empty_query_and_a_search_list_the_same_contacts_in_the_same_order(
    mixed: CardBox, order: str
) -> None:
    everyone = mixed.listing("", order=order).ids
    found = mixed.listing("tag:everyone", order=order).ids
    assert len(everyone) == 7
    assert found == everyone


def test_the_company_order_is_by_reading_both_with_and_without_a_query(mixed: CardBox) -> None:
    def companies(query: str) -> list[str]:
        ids = mixed.listing(query, order="company").ids
        rows = mixed.rows(ids)
        return [rows[i].company for i in ids]

    expected = ["Acme", "acme", "青木商事", "渡辺商事", "渡辺商事", "", ""]
    assert companies("") == expected
    assert companies("tag:everyone") == expected
    assert companies("商事") == ["青木商事", "渡辺商事", "渡辺商事"]
