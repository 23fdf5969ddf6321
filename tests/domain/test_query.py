from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cardbox.domain.errors import InvalidInput
from cardbox.domain.query import MAX_QUERY, Filter, parse_query


def test_filters_and_terms_combine() -> None:
    q = parse_query('yamada industry:legal event:"Shibuya 2026" tag:Investor company:ｻｸﾗ')
    assert q.terms == ("yamada",)
    assert q.filters == (
        Filter("industry", "legal"),
        Filter("event", "shibuya 2026"),
        Filter("tag", "investor"),
        Filter("company", "さくら"),
    )


@pytest.mark.parametrize(
    "typed", ["0312345678", "03-1234-5678", "+81312345678", "+81 3 1234 5678", "(03) 1234 5678"]
)
def test_phone_numbers_in_any_format_become_digits(typed: str) -> None:
    (term,) = parse_query(typed).terms
    assert term in ("0312345678", "81312345678")


def test_unknown_fields_and_times_are_plain_text() -> None:
    assert parse_query("10:30 mailto:x").terms == ("10:30", "mailto:x")


def test_an_empty_filter_while_typing_asks_for_nothing() -> None:
    assert parse_query("event:").is_empty


def test_kana_width_and_case_are_folded() -> None:
    assert parse_query("ﾔﾏﾀﾞ").terms == parse_query("ヤマダ").terms == ("やまだ",)
    assert parse_query("ＡＢＣ").terms == ("abc",)


def test_control_characters_and_nul_are_dropped() -> None:
    assert parse_query("a\x00b\u202e").terms == ("ab",)


def test_a_huge_query_is_refused_with_a_message() -> None:
    with pytest.raises(InvalidInput, match="too long"):
        parse_query("x" * (MAX_QUERY + 1))


@given(st.text(max_size=200))
def test_parsing_never_fails_on_what_a_person_types(text: str) -> None:
    try:
        query = parse_query(text)
    except InvalidInput as exc:
        assert "limit" in str(exc)
        return
    assert all(term for term in query.terms)
