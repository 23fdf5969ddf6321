"""Reading suggestions: accuracy on common names, kana and Latin input, companies, lazy loading."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cardbox.domain.readings import (
    fold_variants,
    has_japanese,
    suggest_company_reading,
    suggest_reading,
)

NAMES = Path(__file__).parent / "data" / "names.tsv"


def _names() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    family: list[tuple[str, str]] = []
    given: list[tuple[str, str]] = []
    for line in NAMES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            kind, written, reading = line.split("\t")
            (family if kind == "family" else given).append((written, reading))
    return family, given


def test_reading_accuracy_on_common_names(capsys: pytest.CaptureFixture[str]) -> None:
    """At least 90% right on names.tsv, family and given names counted apart and together.

    Names are read the way cards give them, as a whole name (family i with given i), since the
    family name is context for the given name. names.tsv was written before any converter ran.
    """
    family, given = _names()
    assert len(family) + len(given) >= 300
    n = max(len(family), len(given))
    right = {"family": 0, "given": 0}
    wrong = []
    for i in range(n):
        (fw, fr), (gw, gr) = family[i % len(family)], given[i % len(given)]
        got_f, got_g = suggest_reading(fw, gw)
        if i < len(family):
            right["family"] += got_f == fr
            if got_f != fr:
                wrong.append(f"{fw}:{got_f}≠{fr}")
        if i < len(given):
            right["given"] += got_g == gr
            if got_g != gr:
                wrong.append(f"{gw}:{got_g}≠{gr}")
    rate_f = right["family"] / len(family)
    rate_g = right["given"] / len(given)
    rate = (right["family"] + right["given"]) / (len(family) + len(given))
    with capsys.disabled():
        print(
            f"\nreading suggestions: family {right['family']}/{len(family)} = {rate_f:.1%},"
            f" given {right['given']}/{len(given)} = {rate_g:.1%}, total {rate:.1%}"
            f"\n  wrong: {' '.join(wrong)}"
        )
    assert rate_f >= 0.9
    assert rate_g >= 0.9
    assert rate >= 0.9


def test_kana_is_its_own_reading_in_hiragana() -> None:
    assert suggest_reading("ヤマダ", "ﾀﾛｳ") == ("やまだ", "たろう")
    assert suggest_reading("さとう", "ハナコ") == ("さとう", "はなこ")
    assert suggest_reading("佐藤", "さくら") == ("さとう", "さくら")


def test_no_kanji_or_kana_gives_no_reading() -> None:
    assert suggest_reading("Smith", "John") == ("", "")
    assert suggest_reading("", "") == ("", "")
    assert suggest_reading("Yamada", "太郎") == ("", "たろう")


def test_one_part_alone_and_spaces() -> None:
    assert suggest_reading("山田", "") == ("やまだ", "")
    assert suggest_reading("", "翔太") == ("", "しょうた")
    assert suggest_reading(" 山田 ", "太 郎") == ("やまだ", "たろう")


def test_names_in_context_prefer_name_readings() -> None:
    assert suggest_reading("井上", "実") == ("いのうえ", "みのる")
    assert suggest_reading("森", "学")[1] == "まなぶ"


def test_variant_kanji_are_read_as_their_common_form() -> None:
    assert fold_variants("髙橋") == "高橋"
    assert suggest_reading("髙橋", "一郎") == ("たかはし", "いちろう")
    assert suggest_reading("山﨑", "翼") == ("やまざき", "つばさ")


def test_a_character_the_dictionary_cannot_read_gives_no_reading() -> None:
    family, given = suggest_reading("𠀋田", "太郎")
    assert family == ""
    assert given == "たろう"


def test_company_reading_leaves_out_legal_forms() -> None:
    assert suggest_company_reading("株式会社山田製作所") == "やまだせいさくしょ"
    assert suggest_company_reading("(株)サイボウズ") == "さいぼうず"
    assert suggest_company_reading("トヨタ自動車株式会社") == "とよたじどうしゃ"
    assert suggest_company_reading("有限会社 𠮷野家") == "よしのや"
    assert suggest_company_reading("ABC Inc.") == ""
    assert suggest_company_reading("") == ""


def test_has_japanese() -> None:
    assert has_japanese("山田")
    assert has_japanese("ﾔﾏﾀﾞ")
    assert not has_japanese("Yamada・")


def test_importing_the_domain_does_not_load_the_analyser() -> None:
    code = (
        "import sys, cardbox.domain, cardbox.domain.readings, cardbox.domain.dupes;"
        " assert 'sudachipy' not in sys.modules, 'loaded at import';"
        " from cardbox.domain.readings import suggest_reading; suggest_reading('山田', '太郎');"
        " assert 'sudachipy' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
