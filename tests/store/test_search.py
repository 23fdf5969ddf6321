"""Search as a person uses it: any part of a card, in any script, width or format."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardbox.domain.errors import InvalidInput
from cardbox.services.box import CardBox
from tests.conftest import card


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CardBox]:
    path: Path = tmp_path_factory.mktemp("search") / "box.sqlite"
    with CardBox.open(path) as box:
        box.add(
            card(
                family_name="山田",
                given_name="太郎",
                family_reading="ヤマダ",
                given_reading="タロウ",
                company="株式会社サクラテック",
                company_reading="さくらてっく",
                department="法務部",
                title="部長",
                notes="ゴルフ好き。Met him at the bar",
                phones=["03-1234-5678", "mobile:090-5555-0101"],
                emails=["work:t.yamada@sakura.example.co.jp"],
                events=["渋谷異業種交流会 2026秋"],
                industries=["L-legal"],
                tags=["investor"],
            )
        )
        box.add(
            card(
                family_name="林",
                given_name="花子",
                family_reading="はやし",
                given_reading="はなこ",
                company="ﾐﾄﾞﾘ商事",
                title="課長",
                phones=["06-6123-4567"],
                events=["Tokyo Python Meetup #42"],
                industries=["I"],
                tags=["prospect"],
            )
        )
        box.add(
            card(
                family_name="Smith",
                given_name="John",
                company="Acme Inc.",
                title="CTO",
                notes="Knows 山田太郎 from school",
                phones=["+1 415 555 0132"],
                emails=["john@acme.example.com"],
                events=["Tokyo Python Meetup #42"],
                industries=["G"],
                tags=["investor"],
            )
        )
        yield box


def names(box: CardBox, query: str) -> list[str]:
    return [c.name for c in box.search(query).contacts]


@pytest.mark.parametrize(
    "query",
    [
        "山田",
        "山田太郎",
        "太郎",
        "やまだ",
        "ヤマダ",
        "ﾔﾏﾀﾞ",
        "yamada",
        "YAMADA",
        "taro",
        "サクラテック",
        "さくら",
        "法務",
        "部長",
        "t.yamada@",
        "sakura.example",
        "0312345678",
        "03-1234-5678",
        "+81312345678",
        "+81 3 1234 5678",
        "5555-0101",
        "ゴルフ",
        "渋谷異業種",
        "Legal services",
        "弁護士",
    ],
)
def test_a_card_is_found_by_any_part_of_it(filled: CardBox, query: str) -> None:
    assert "山田 太郎" in names(filled, query)


def test_one_character_queries_work(filled: CardBox) -> None:
    assert names(filled, "林") == ["林 花子"]
    assert "林 花子" in names(filled, "花")


def test_short_queries_match_names_and_labels_but_not_notes(filled: CardBox) -> None:
    assert names(filled, "山田") == ["山田 太郎"]  # Smith's notes mention 山田太郎
    assert "John Smith" in names(filled, "jo")
    assert names(filled, "課長") == ["林 花子"]
    # a short term is looked up by its letters and digits; punctuation alone asks for nothing
    assert names(filled, "花.") == ["林 花子"]
    assert len(names(filled, "-")) == 3


def test_half_width_company_is_found_by_full_width_and_hiragana(filled: CardBox) -> None:
    assert names(filled, "ミドリ") == ["林 花子"]
    assert names(filled, "みどり商事") == ["林 花子"]


def test_filters_combine_with_free_text(filled: CardBox) -> None:
    assert sorted(names(filled, "tag:investor")) == ["John Smith", "山田 太郎"]
    assert names(filled, "tag:investor event:python") == ["John Smith"]
    assert names(filled, "company:acme") == ["John Smith"]
    assert names(filled, "event:渋谷 yamada") == ["山田 太郎"]
    assert names(filled, "event:渋谷 smith") == []


def test_an_industry_filter_includes_its_sub_industries(filled: CardBox) -> None:
    # L is the major group; the contact carries the finer L-legal.
    assert names(filled, "industry:L") == ["山田 太郎"]
    assert names(filled, "industry:弁護士") == ["山田 太郎"]


@pytest.mark.parametrize(
    "query",
    [
        "(株)サクラテック",
        "㈱サクラテック",
        "（株）サクラテック",
        "サクラテック株式会社",
        "サクラテック(株)",
        "company:(株)サクラテック",
        "company:サクラテック株式会社",
    ],
)
def test_a_company_is_found_however_its_legal_form_is_written(filled: CardBox, query: str) -> None:
    # The card says 株式会社サクラテック; the README says these spellings are one company.
    assert names(filled, query) == ["山田 太郎"]


def test_a_legal_form_alone_still_searches_for_itself(filled: CardBox) -> None:
    assert names(filled, "株式会社") == ["山田 太郎"]
    assert names(filled, "inc") == ["John Smith"]


def test_romaji_of_a_title_finds_it_by_its_suggested_reading(box: CardBox) -> None:
    box.add(card(family_name="大野", given_name="誠", title="弁護士", department="法務部"))
    box.add(card(family_name="Lee", given_name="Ann", title="Engineer"))
    for query in ("bengoshi", "bengosi", "BENGOSHI", "べんごし", "ベンゴシ", "houmubu", "homubu"):
        assert [c.name for c in box.search(query).contacts] == ["大野 誠"], query


def test_an_industry_term_matches_any_part_of_its_names_in_either_language(box: CardBox) -> None:
    # 不動産業界 is an alias of K (Real Estate …, 不動産業，物品賃貸業); 不動産 is also the
    # Japanese name of its child K-realestate: the filter finds people under either.
    box.add(card(family_name="佐藤", given_name="美咲", industries=["不動産業界"]))
    box.add(card(family_name="Wong", given_name="Amy", industries=["K-realestate"]))
    box.add(card(family_name="Ito", given_name="Ken", industries=["G-software"]))
    for query in ("industry:不動産", "industry:不動産業", "industry:real", "industry:Real"):
        assert sorted(c.name for c in box.search(query).contacts) == ["Amy Wong", "佐藤 美咲"]
    # A short Latin term is a whole word: IT is not every name with "it" in it.
    assert [c.name for c in box.search("industry:IT").contacts] == ["Ken Ito"]


def test_an_unknown_industry_finds_nothing_and_says_so(filled: CardBox) -> None:
    page = filled.search("industry:zzzz")
    assert page.contacts == []
    assert "no industry matches" in page.notes[0]


def test_a_name_match_ranks_above_a_note_match(filled: CardBox) -> None:
    assert names(filled, "山田太郎") == ["山田 太郎", "John Smith"]
    assert names(filled, "yamada")[0] == "山田 太郎"


def test_trashed_contacts_are_not_found(filled: CardBox) -> None:
    smith = filled.search("smith").contacts[0]
    filled.remove(smith.uid)
    try:
        assert names(filled, "smith") == []
        assert names(filled, "tag:investor") == ["山田 太郎"]
    finally:
        filled.restore(smith.uid)
    assert names(filled, "smith") == ["John Smith"]


@pytest.mark.parametrize(
    "query",
    [
        '"',
        'foo"bar',
        "O'Brien",
        "AND",
        "NOT",
        "NEAR(",
        "(",
        ")",
        "*",
        "-x",
        "^a",
        "name:x",
        "{a b}:x",
        "",
        "   ",
        "\x00",
        "a\x00b",
        "%",
        "_",
        "\\",
        'tag:"',
        "山*",
    ],
)
def test_fts_syntax_in_a_query_is_just_text(filled: CardBox, query: str) -> None:
    filled.search(query)  # must not raise


def test_a_ten_thousand_character_query_is_refused_with_a_message(filled: CardBox) -> None:
    with pytest.raises(InvalidInput, match="too long"):
        filled.search("x" * 10_000)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_no_query_string_raises(filled: CardBox, text: str) -> None:
    filled.search(text)


def test_the_index_forgets_purged_cards_even_when_their_id_is_reused(box: CardBox) -> None:
    gone = box.add(card(family_name="林", given_name="Zed", company="Oldco"))
    box.remove(gone.id or 0)
    assert box.search("林").contacts == []
    assert box.search("oldco").contacts == []
    box.purge([gone.id or 0])
    new = box.add(card(family_name="Brown", company="Newco"))
    assert new.id == gone.id  # SQLite hands the id out again
    assert box.search("林").contacts == []
    assert box.search("zed").contacts == []
    assert [c.name for c in box.search("br").contacts] == ["Brown"]
    conn = box.store._conn
    conn.execute("INSERT INTO contact_fts(contact_fts) VALUES ('integrity-check')")


def test_a_restored_card_is_found_again_by_short_and_long_terms(box: CardBox) -> None:
    c = box.add(card(family_name="林", given_name="花子", company="Acme"))
    box.remove(c.id or 0)
    box.restore(c.id or 0)
    assert [x.name for x in box.search("林").contacts] == ["林 花子"]
    assert [x.name for x in box.search("acme").contacts] == ["林 花子"]


def test_many_matches_are_ranked_by_tier_and_counted_up_to_a_cap(box: CardBox) -> None:
    many = [box.check(card(family_name=f"Worker{i}", company="Globex Corp")) for i in range(1100)]
    box.add_contacts(many)
    box.add(card(family_name="Globex", given_name="Hank", company="Other"))
    box.add(card(family_name="Zed", notes="globex alumni"))
    page = box.search("globex")
    assert page.capped and page.total == 1000
    assert [c.name for c in page.contacts[:1]] == ["Hank Globex"]  # name tier first
    assert all(c.company == "Globex Corp" for c in page.contacts[1:])  # then company tier
    assert "Zed" not in [c.family_name for c in page.contacts]  # 'anywhere' comes last
    everyone = box.search("globex", limit=None)
    assert len(everyone.contacts) == 1102 and everyone.contacts[-1].family_name == "Zed"
    # the same for a one-character term, through the gram index
    page = box.search("g")
    assert page.capped and page.contacts[0].name == "Hank Globex"


def test_a_long_term_is_checked_whole_not_only_by_its_sampled_trigrams(box: CardBox) -> None:
    from cardbox.store.search import _Driver

    # Both notes hold the trigrams a long term is looked up by; only one holds the term.
    sampled = [p.strip('"') for p in _Driver.trigram(["sugawara-horitsu-24"]).phrases]
    assert len(sampled) == 4
    box.add(card(family_name="Right", notes="sugawara-horitsu-24"))
    box.add(card(family_name="Wrong", notes=" / ".join(sampled)))
    assert names(box, "sugawara-horitsu-24") == ["Right"]
    assert names(box, "sugawara-horitsu-24 company:") == ["Right"]


@pytest.mark.parametrize(
    ("reading", "typed"),
    [
        ("さとう", ["satou", "sato", "satoh", "Satō"]),
        ("しみず", ["shimizu", "simizu"]),
        ("つちや", ["tsuchiya", "tutiya"]),
        ("オオノ", ["oono", "ono", "ohno"]),
    ],
)
def test_hepburn_and_kunrei_spellings_find_the_reading(
    box: CardBox, reading: str, typed: list[str]
) -> None:
    box.add(card(family_name="某", family_reading=reading, company="Acme"))
    box.add(card(family_name="Other", company="Globex"))
    for spelling in typed:
        assert [c.family_name for c in box.search(spelling).contacts] == ["某"], spelling
