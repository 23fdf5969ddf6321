from __future__ import annotations

import pytest

from cardbox.domain.errors import InvalidInput
from cardbox.domain.phones import digit_forms, parse_phone, region_from_locale


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("03-1234-5678", "+81312345678"),
        ("0312345678", "+81312345678"),
        ("+81 3 1234 5678", "+81312345678"),
        ("(03) 1234-5678", "+81312345678"),
        ("０９０－１２３４－５６７８", "+819012345678"),
        ("tel:+81-90-1234-5678", "+819012345678"),
        ("+1 415 555 0132", "+14155550132"),
    ],
)
def test_numbers_are_stored_in_e164_and_as_typed(typed: str, e164: str) -> None:
    phone = parse_phone(typed, "JP")
    assert phone.e164 == e164
    assert phone.text == typed.removeprefix("tel:")


def test_a_label_before_a_colon_is_kept() -> None:
    phone = parse_phone("work:+81 3 1234 5678", "JP")
    assert (phone.label, phone.e164, phone.text) == ("work", "+81312345678", "+81 3 1234 5678")


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("03-1234", "too short"), ("abc", "not a phone number"), ("+999 1234 5678", "country")],
)
def test_an_invalid_number_is_an_error_that_says_why(typed: str, reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason):
        parse_phone(typed, "JP")


def test_the_default_region_decides_numbers_without_plus() -> None:
    assert parse_phone("(415) 555-0132", "US").e164 == "+14155550132"
    with pytest.raises(InvalidInput, match="JP"):
        parse_phone("(415) 555-0132", "JP")


def test_a_number_can_be_searched_in_national_and_international_digits() -> None:
    assert digit_forms("+81312345678") == ("81312345678", "0312345678")


@pytest.mark.parametrize(
    ("env", "region"),
    [
        ({"LANG": "en_US.UTF-8"}, "US"),
        ({"LANG": "C.UTF-8"}, "JP"),
        ({}, "JP"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "ja_JP.UTF-8"}, "JP"),
        ({"LANG": "de_DE"}, "DE"),
    ],
)
def test_the_region_comes_from_the_locale_and_is_jp_when_unknown(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], region: str
) -> None:
    for var in ("LC_ALL", "LC_TELEPHONE", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert region_from_locale() == region


@pytest.mark.parametrize(
    "typed",
    [
        "03-1234-5678",
        "090-1234-5678",
        "0120-123-456",
        "011-234-5678",
        "0798-12-3456",
        "+1 415 555 0132",
        "+1 242 357 1234",
        "+44 20 7946 0958",
        "+65 6123 4567",
    ],
)
def test_national_digits_agree_with_phonenumbers(typed: str) -> None:
    import phonenumbers

    e164 = parse_phone(typed, "JP").e164
    national = phonenumbers.format_number(
        phonenumbers.parse(e164, None), phonenumbers.PhoneNumberFormat.NATIONAL
    )
    assert digit_forms(e164)[-1] == "".join(ch for ch in national if ch.isdigit())
