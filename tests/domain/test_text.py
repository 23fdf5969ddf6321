from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cardbox.domain.contacts import parse_address, parse_email, parse_url, split_label
from cardbox.domain.model import display_name
from cardbox.domain.text import normalise, printable, romaji


def test_normalise_folds_width_case_and_kana_script() -> None:
    assert normalise("ﾔﾏﾀﾞ") == normalise("ヤマダ") == normalise("やまだ") == "やまだ"
    assert normalise("ＡＢＣ  Def") == "abc def"


def test_romaji_of_a_reading() -> None:
    assert romaji("やまだ") == "yamada"
    assert romaji("ヤマダ") == "yamada"
    assert romaji("山田") == ""


def test_japanese_names_are_family_first_and_western_given_first() -> None:
    assert display_name("山田", "太郎") == "山田 太郎"
    assert display_name("Smith", "John") == "John Smith"
    assert display_name("", "Cher") == "Cher"


def test_printable_shows_escapes_and_bidi_overrides() -> None:
    assert printable("a\x1b]0;x\x07b") == "a⟨U+001B⟩]0;x⟨U+0007⟩b"
    assert printable("evil\u202etxt") == "evil⟨U+202E⟩txt"
    assert printable("two\nlines", lines=True) == "two\nlines"


@given(st.text())
def test_printable_output_never_holds_a_control_character(text: str) -> None:
    out = printable(text)
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in out)


def test_labels_and_url_schemes() -> None:
    assert split_label("work:https://x.example") == ("work", "https://x.example")
    assert split_label("https://x.example") == ("", "https://x.example")
    assert parse_url("x.example.jp").url == "https://x.example.jp"
    assert parse_email("mobile: Taro@Example.jp").label == "mobile"


def test_a_japanese_address_is_split_into_its_parts() -> None:
    a = parse_address("work:〒150-0002 東京都渋谷区渋谷2-21-1 渋谷ヒカリエ8F")
    assert (a.label, a.postal_code, a.region, a.locality) == (
        "work",
        "150-0002",
        "東京都",
        "渋谷区",
    )
    assert (a.street, a.building, a.country) == ("渋谷2-21-1", "渋谷ヒカリエ8F", "JP")
    assert a.one_line() == "〒150-0002 東京都渋谷区渋谷2-21-1 渋谷ヒカリエ8F"


def test_other_addresses_are_kept_whole() -> None:
    a = parse_address("1 Infinite Loop, Cupertino, CA 95014")
    assert a.street == "1 Infinite Loop, Cupertino, CA 95014"


def test_every_bidi_invisible_and_control_character_is_shown_alike() -> None:
    for ch in (
        "\u061c",
        "\U000e0041",
        "\U000e0001",
        "\u00ad",
        "\u2066",
        "\u3164",
        "\x9b",
        "\ud800",
    ):
        assert printable(f"a{ch}b") == f"a⟨U+{ord(ch):04X}⟩b"
        assert normalise(f"a{ch}b") == "ab"
    assert printable("keep\ttab\nand line", lines=True) == "keep\ttab\nand line"
