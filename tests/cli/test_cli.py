"""The command line end to end, as a user drives it: `cardbox --db BOX ...` through Click's runner.

Most tests read a box populated once per module through the CLI itself (`populated`); tests that
write get their own copy of it (`box_copy`) or an empty box (`db`).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardbox.cli import cli

Run = Callable[..., Result]

DOCUMENTED_KEYS = {
    "id",
    "uid",
    "name",
    "family_name",
    "given_name",
    "family_reading",
    "given_reading",
    "company",
    "department",
    "title",
    "phones",
    "emails",
    "events",
    "industries",
    "tags",
    "notes",
}

ADDRESS = "work:〒150-0002 東京都渋谷区渋谷2-21-1 ヒカリエ8F"
HOSTILE_NAME = "\x1b]0;PWNED\x07Ken"
MISSING = "99999999"
"""An id no test box has; long enough that no random UID starts with it either."""


def invoke(db: Path | None, *args: str, input: str | None = None, **kw: Any) -> Result:
    """Run ``cardbox [--db DB] ARGS`` in-process; never let an exception escape uncaught."""
    prefix = ["--db", str(db)] if db is not None else []
    return CliRunner().invoke(cli, [*prefix, *args], input=input, catch_exceptions=True, **kw)


def ok(result: Result) -> Result:
    """Assert the command succeeded, showing its output and traceback when it did not."""
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def as_json(result: Result) -> Any:
    return json.loads(ok(result).stdout)


def assert_no_traceback(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output


# -- fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """An empty box (the file is created by the first command)."""
    return tmp_path / "box.sqlite"


@pytest.fixture
def run(db: Path) -> Run:
    """``run(*args)`` runs cardbox on the empty box `db`."""
    return lambda *args, **kw: invoke(db, *args, **kw)


def full_add_args() -> list[str]:
    return [
        "add",
        "--family", "山田",
        "--given", "太郎",
        "--family-reading", "やまだ",
        "--given-reading", "たろう",
        "--company", "株式会社サクラ",
        "--department", "営業部",
        "--title", "部長",
        "--phone", "03-1234-5678",
        "--phone", "work:+81 3 1234 5678",
        "--email", "work:taro@example.jp",
        "--address", ADDRESS,
        "--url", "https://sakura.example.jp",
        "--note", "Met over coffee.\nLikes SQLite.",
        "--event", "渋谷異業種交流会",
        "--talked-about", "FTS5 trigram search",
        "--industry", "legal",
        "--tag", "investor",
        "--tag", "follow-up",
    ]  # fmt: skip


@pytest.fixture(scope="module")
def populated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A box built through the CLI: four contacts, two events, a few industries and tags.

    #1 山田 太郎 (株式会社サクラ, L-legal, 渋谷異業種交流会, investor/follow-up, 03-1234-5678)
    #2 佐藤 花子 (株式会社サクラ, G-software, 渋谷異業種交流会, investor)
    #3 John Smith (Acme Inc., G-ai, Tokyo Python Meetup, partner)
    #4 林 (Zeta 法律事務所, L-legal, 06-6123-4567, no event)
    """
    path = tmp_path_factory.mktemp("populated") / "box.sqlite"
    # The region is set explicitly: module fixtures run before the per-test locale is pinned.
    ok(invoke(path, "config", "region", "JP"))
    ok(invoke(path, *full_add_args()))
    ok(
        invoke(
            path, "add", "--family", "佐藤", "--given", "花子", "--family-reading", "さとう",
            "--given-reading", "はなこ", "--company", "株式会社サクラ", "--title", "テックリード",
            "--phone", "080-5555-0202", "--email", "hanako@sakura.example.jp",
            "--event", "渋谷異業種交流会", "--industry", "G-software", "--tag", "investor",
        )
    )  # fmt: skip
    ok(
        invoke(
            path, "add", "--family", "Smith", "--given", "John", "--company", "Acme Inc.",
            "--title", "CTO", "--phone", "+1 415 555 0143", "--email", "john@acme.example",
            "--event", "Tokyo Python Meetup", "--industry", "AI", "--tag", "partner",
        )
    )  # fmt: skip
    ok(
        invoke(
            path, "add", "--family", "林", "--company", "Zeta 法律事務所", "--department", "訴訟部",
            "--title", "Associate", "--phone", "06-6123-4567", "--industry", "弁護士",
        )
    )  # fmt: skip
    return path


@pytest.fixture
def box_copy(populated: Path, tmp_path: Path) -> Path:
    """A private copy of the populated box, for tests that change it."""
    target = tmp_path / "copy.sqlite"
    for suffix in ("", "-wal", "-shm"):  # a WAL left behind would hold the latest writes
        source = populated.with_name(populated.name + suffix)
        if source.exists():
            shutil.copy(source, target.with_name(target.name + suffix))
    return target


@pytest.fixture
def on_copy(box_copy: Path) -> Run:
    return lambda *args, **kw: invoke(box_copy, *args, **kw)


@pytest.fixture
def on_populated(populated: Path) -> Run:
    """Read-only commands on the shared populated box."""
    return lambda *args, **kw: invoke(populated, *args, **kw)


def ids(result: Result) -> list[int]:
    return [c["id"] for c in as_json(result)]


def names(result: Result) -> list[str]:
    return [c["name"] for c in as_json(result)]


# -- add and show -------------------------------------------------------------------------------


def test_add_with_every_option_is_shown_back_by_show_json_with_the_documented_keys(
    run: Run,
) -> None:
    added = ok(run(*full_add_args()))
    assert "山田 太郎" in added.stdout

    card = as_json(run("show", "1", "--json"))

    assert set(card) >= DOCUMENTED_KEYS
    assert card["id"] == 1
    assert card["uid"]
    assert card["name"] == "山田 太郎"
    assert (card["family_name"], card["given_name"]) == ("山田", "太郎")
    assert (card["family_reading"], card["given_reading"]) == ("やまだ", "たろう")
    assert card["company"] == "株式会社サクラ"
    assert card["department"] == "営業部"
    assert card["title"] == "部長"
    assert card["phones"] == [
        {"label": "", "e164": "+81312345678", "text": "03-1234-5678"},
        {"label": "work", "e164": "+81312345678", "text": "+81 3 1234 5678"},
    ]
    assert card["emails"] == [{"label": "work", "address": "taro@example.jp"}]
    assert card["events"] == ["渋谷異業種交流会"]
    assert card["industries"] == ["Legal services"]
    assert sorted(card["tags"]) == ["follow-up", "investor"]
    assert card["notes"] == "Met over coffee.\nLikes SQLite."
    (address,) = card["addresses"]
    assert address["label"] == "work"
    assert address["postal_code"] == "150-0002"
    assert "東京都渋谷区渋谷2-21-1" in address["text"]
    assert "ヒカリエ8F" in address["text"]
    assert card["urls"][0]["url"] == "https://sakura.example.jp"
    assert card["meetings"][0]["talked_about"] == "FTS5 trigram search"


def test_show_by_uid_finds_the_same_contact_as_show_by_id(on_populated: Run) -> None:
    by_id = as_json(on_populated("show", "1", "--json"))
    assert as_json(on_populated("show", by_id["uid"], "--json")) == by_id


def test_show_for_people_lists_phones_with_their_international_form(on_populated: Run) -> None:
    out = ok(on_populated("show", "1")).stdout
    for text in (
        "山田 太郎",
        "株式会社サクラ",
        "営業部",
        "部長",
        "03-1234-5678",
        "+81 3-1234-5678",
    ):
        assert text in out
    assert "taro@example.jp" in out
    assert "Legal services" in out


def test_show_of_a_missing_contact_is_an_error_message_not_a_traceback(on_populated: Run) -> None:
    result = on_populated("show", MISSING)
    assert result.exit_code == 1
    assert MISSING in result.stderr
    assert_no_traceback(result)


@pytest.mark.parametrize(
    "industry", ["legal", "L-legal", "弁護士", "Legal services"], ids=["alias", "code", "ja", "en"]
)
def test_add_accepts_an_industry_by_alias_code_or_name(run: Run, industry: str) -> None:
    card = as_json(run("add", "--family", "高橋", "--industry", industry, "--json"))
    assert card["industry_codes"] == ["L-legal"]
    assert card["industries"] == ["Legal services"]


@pytest.mark.parametrize(
    ("option", "bad"),
    [
        ("--phone", "03-1234"),
        ("--phone", "abc"),
        ("--phone", "work:12"),
        ("--email", "not-an-address"),
        ("--email", "taro@"),
        ("--industry", "underwater basket weaving"),
    ],
)
def test_add_with_an_invalid_value_fails_names_the_value_and_saves_nothing(
    run: Run, option: str, bad: str
) -> None:
    result = run("add", "--family", "山田", "--company", "サクラ", option, bad)

    assert result.exit_code == 1
    assert_no_traceback(result)
    shown = bad.removeprefix("work:")
    assert shown in result.stderr
    assert result.stderr.startswith("cardbox: ")
    assert ok(run("list")).stdout.strip() == "No contacts."
    assert as_json(run("list", "--json")) == []


def test_add_reports_every_invalid_value_at_once(run: Run) -> None:
    result = run("add", "--given", "X", "--phone", "abc", "--email", "nope", "--industry", "zzz")
    assert result.exit_code == 1
    for bad in ("abc", "nope", "zzz"):
        assert bad in result.stderr
    assert as_json(run("list", "--json")) == []


def test_a_card_with_no_name_and_no_company_is_refused(run: Run) -> None:
    result = run("add", "--title", "部長", "--phone", "090-1234-5678")
    assert result.exit_code == 1
    assert "name or a company" in result.stderr
    assert as_json(run("list", "--json")) == []


def test_a_card_with_only_a_company_is_accepted(run: Run) -> None:
    card = as_json(run("add", "--company", "株式会社サクラ", "--json"))
    assert card["company"] == "株式会社サクラ"
    assert card["name"] == "" or "サクラ" in card["name"]


def test_phone_numbers_without_plus_follow_the_configured_region(run: Run) -> None:
    assert "US" in ok(run("config", "region", "US")).stdout
    assert "region  US" in ok(run("config")).stdout

    us = as_json(run("add", "--given", "Bob", "--phone", "(415) 555-0143", "--json"))
    assert us["phones"][0]["e164"] == "+14155550143"

    jp = run("add", "--given", "Taro", "--phone", "03-1234-5678")
    assert jp.exit_code == 1
    assert "03-1234-5678" in jp.stderr
    assert "US" in jp.stderr

    # Numbers with + are international whatever the region.
    intl = as_json(run("add", "--given", "Taro", "--phone", "+81 3 1234 5678", "--json"))
    assert intl["phones"][0]["e164"] == "+81312345678"
    assert len(as_json(run("list", "--json"))) == 2


def test_config_refuses_an_unknown_region(run: Run) -> None:
    result = run("config", "region", "XX")
    assert result.exit_code == 1
    assert "XX" in result.stderr
    assert_no_traceback(result)


# -- list ---------------------------------------------------------------------------------------


def test_list_for_people_is_a_table_of_every_contact(on_populated: Run) -> None:
    out = ok(on_populated("list")).stdout
    header = out.splitlines()[0]
    for column in ("ID", "Name", "Company"):
        assert column in header
    for name in ("山田 太郎", "佐藤 花子", "John Smith", "林"):
        assert name in out


def test_list_json_is_a_list_of_contacts_with_the_documented_keys(on_populated: Run) -> None:
    contacts = as_json(on_populated("list", "--json"))
    assert len(contacts) == 4
    for c in contacts:
        assert set(c) >= DOCUMENTED_KEYS
        assert isinstance(c["phones"], list)
        assert isinstance(c["events"], list)
    assert {c["name"] for c in contacts} == {"山田 太郎", "佐藤 花子", "John Smith", "林"}


def test_list_sorted_by_company_puts_the_companies_in_order(on_populated: Run) -> None:
    companies = [c["company"] for c in as_json(on_populated("list", "--sort", "company", "--json"))]
    assert companies.index("Acme Inc.") < companies.index("Zeta 法律事務所")
    # Both 株式会社サクラ contacts are next to each other.
    first = companies.index("株式会社サクラ")
    assert companies[first + 1] == "株式会社サクラ"


def test_list_limit_shows_at_most_n_and_says_how_many_there_are(on_populated: Run) -> None:
    assert len(as_json(on_populated("list", "--limit", "2", "--json"))) == 2
    out = ok(on_populated("list", "--limit", "1")).stdout
    assert len(out.strip().splitlines()) == 3  # header, one row, "… 1 of 4 shown"
    assert "1 of 4" in out
    assert len(as_json(on_populated("list", "--limit", "0", "--json"))) == 4


def test_list_offset_skips_the_first_contacts(on_populated: Run) -> None:
    everyone = ids(on_populated("list", "--json"))
    assert ids(on_populated("list", "--offset", "1", "--limit", "2", "--json")) == everyone[1:3]


def test_list_of_an_empty_box_says_so(run: Run) -> None:
    ok(run("init"))
    assert ok(run("list")).stdout.strip() == "No contacts."
    assert as_json(run("list", "--json")) == []


# -- search -------------------------------------------------------------------------------------


def test_search_for_people_shows_the_matching_contacts(on_populated: Run) -> None:
    out = ok(on_populated("search", "サクラ")).stdout
    assert "山田 太郎" in out
    assert "佐藤 花子" in out
    assert "John Smith" not in out


def test_search_json_returns_contacts_with_the_documented_keys(on_populated: Run) -> None:
    found = as_json(on_populated("search", "Smith", "--json"))
    assert [c["name"] for c in found] == ["John Smith"]
    assert set(found[0]) >= DOCUMENTED_KEYS


def test_search_words_are_joined_into_one_query(on_populated: Run) -> None:
    assert names(on_populated("search", "サクラ", "花子", "--json")) == ["佐藤 花子"]


def test_search_limit_caps_the_results(on_populated: Run) -> None:
    assert len(as_json(on_populated("search", "サクラ", "--json"))) == 2
    assert len(as_json(on_populated("search", "サクラ", "--limit", "1", "--json"))) == 1


def test_search_with_no_match_says_no_contacts(on_populated: Run) -> None:
    assert ok(on_populated("search", "zzzzqqq")).stdout.strip() == "No contacts."
    assert as_json(on_populated("search", "zzzzqqq", "--json")) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("やまだ", ["山田 太郎"]),  # reading
        ("ヤマダ", ["山田 太郎"]),  # reading, other kana script
        ("ﾔﾏﾀﾞ", ["山田 太郎"]),  # half-width
        ("yamada", ["山田 太郎"]),  # romaji of the reading
        ("林", ["林"]),  # one character
        ("山田", ["山田 太郎"]),  # two characters
        ("営業", ["山田 太郎"]),  # department
        ("acme.example", ["John Smith"]),  # e-mail fragment
        ("coffee", ["山田 太郎"]),  # notes
        ("Tokyo Python", ["John Smith"]),  # event name
        ("Legal services", ["山田 太郎", "林"]),  # industry name
    ],
)
def test_search_free_text_matches_every_part_of_a_card(
    on_populated: Run, query: str, expected: list[str]
) -> None:
    assert sorted(names(on_populated("search", query, "--json"))) == sorted(expected)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("industry:legal", ["山田 太郎", "林"]),
        ("industry:G", ["佐藤 花子", "John Smith"]),  # the major group includes its children
        ("industry:G 花子", ["佐藤 花子"]),
        ("event:渋谷", ["山田 太郎", "佐藤 花子"]),
        ("event:渋谷 tag:investor 太郎", ["山田 太郎"]),
        ("tag:partner", ["John Smith"]),
        ("company:サクラ", ["山田 太郎", "佐藤 花子"]),
        ("company:サクラ はなこ", ["佐藤 花子"]),
        ("company:acme industry:legal", []),
    ],
)
def test_search_filters_combine_with_each_other_and_with_free_text(
    on_populated: Run, query: str, expected: list[str]
) -> None:
    assert sorted(names(on_populated("search", query, "--json"))) == sorted(expected)


@pytest.mark.parametrize("phone", ["0312345678", "03-1234-5678", "+81312345678", "+81 3 1234 5678"])
def test_search_finds_a_phone_number_typed_in_any_format(on_populated: Run, phone: str) -> None:
    assert names(on_populated("search", phone, "--json")) == ["山田 太郎"]


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        '"unclosed',
        "AND",
        "OR",
        "NOT",
        "山田 AND",
        "*",
        "(",
        ")",
        "NEAR(",
        "NEAR(a b)",
        "^",
        "-",
        "+",
        ":",
        "industry:",
        'tag:"',
        "company:(",
        "a\x00b",
        "\x00",
        "\x1b[2J",
        "%_",
        "' OR 1=1 --",
        "山" * 999,
        "x" * 1000,
        " ",
    ],
)
def test_search_with_a_hostile_query_never_gives_a_traceback(on_populated: Run, query: str) -> None:
    result = on_populated("search", query, "--json")
    assert_no_traceback(result)
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), list)


def test_a_ten_thousand_character_query_is_refused_with_a_clear_message(on_populated: Run) -> None:
    result = on_populated("search", "a" * 10_000)
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert "too long" in result.stderr
    assert len(result.stderr) < 500


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(query=st.text(max_size=40))
def test_search_never_gives_a_traceback_whatever_is_typed(on_populated: Run, query: str) -> None:
    result = on_populated("search", "--", query, "--json")
    assert_no_traceback(result)
    assert result.exit_code in (0, 2), result.output  # 2: click usage error (e.g. empty query)


# -- edit ---------------------------------------------------------------------------------------


def test_edit_sets_a_field_and_keeps_the_others(on_copy: Run) -> None:
    assert "Updated" in ok(on_copy("edit", "4", "--title", "Partner")).stdout
    card = as_json(on_copy("show", "4", "--json"))
    assert card["title"] == "Partner"
    assert card["company"] == "Zeta 法律事務所"
    assert card["department"] == "訴訟部"
    assert len(card["phones"]) == 1


def test_edit_of_a_contact_met_at_an_event_keeps_the_meeting(on_copy: Run) -> None:
    ok(on_copy("edit", "1", "--title", "本部長"))
    card = as_json(on_copy("show", "1", "--json"))
    assert card["title"] == "本部長"
    assert card["events"] == ["渋谷異業種交流会"]
    assert card["meetings"][0]["talked_about"] == "FTS5 trigram search"


def test_edit_with_an_empty_value_clears_the_field(on_copy: Run) -> None:
    ok(on_copy("edit", "4", "--department", ""))
    card = as_json(on_copy("show", "4", "--json"))
    assert card["department"] == ""
    assert card["title"] == "Associate"


def test_edit_adds_a_phone_that_search_then_finds(on_copy: Run) -> None:
    ok(on_copy("edit", "4", "--phone", "mobile:090-9999-8888"))
    card = as_json(on_copy("show", "4", "--json"))
    assert {"label": "mobile", "e164": "+819099998888", "text": "090-9999-8888"} in card["phones"]
    assert len(card["phones"]) == 2
    assert names(on_copy("search", "09099998888", "--json")) == ["林"]


@pytest.mark.parametrize("typed", ["+81 6 6123 4567", "0661234567", "+81661234567", "06 6123 4567"])
def test_edit_removes_a_phone_typed_in_another_format_than_stored(on_copy: Run, typed: str) -> None:
    ok(on_copy("edit", "4", "--remove-phone", typed))
    assert as_json(on_copy("show", "4", "--json"))["phones"] == []
    assert as_json(on_copy("search", "06-6123-4567", "--json")) == []


def test_edit_removes_a_tag_and_an_event(on_copy: Run) -> None:
    ok(on_copy("edit", "1", "--remove-tag", "investor", "--remove-event", "渋谷異業種交流会"))
    card = as_json(on_copy("show", "1", "--json"))
    assert card["tags"] == ["follow-up"]
    assert card["events"] == []
    assert names(on_copy("search", "tag:investor", "--json")) == ["佐藤 花子"]
    assert names(on_copy("search", "event:渋谷", "--json")) == ["佐藤 花子"]


def test_edit_adds_a_tag_an_event_and_an_industry(on_copy: Run) -> None:
    ok(on_copy("edit", "4", "--tag", "vip", "--event", "Tokyo Python Meetup", "--industry", "VC"))
    card = as_json(on_copy("show", "4", "--json"))
    assert card["tags"] == ["vip"]
    assert card["events"] == ["Tokyo Python Meetup"]
    assert sorted(card["industry_codes"]) == ["J-vc", "L-legal"]
    assert sorted(names(on_copy("search", "event:Tokyo", "--json"))) == ["John Smith", "林"]


def test_edit_of_a_contact_that_does_not_exist_fails_with_a_message(on_copy: Run) -> None:
    result = on_copy("edit", MISSING, "--title", "x")
    assert result.exit_code == 1
    assert MISSING in result.stderr
    assert_no_traceback(result)


def test_edit_removing_something_not_on_the_card_fails_and_changes_nothing(on_copy: Run) -> None:
    before = as_json(on_copy("show", "4", "--json"))
    result = on_copy("edit", "4", "--title", "社長", "--remove-tag", "nonexistent-tag")
    assert result.exit_code == 1
    assert "nonexistent-tag" in result.stderr
    assert as_json(on_copy("show", "4", "--json")) == before


def test_edit_with_an_invalid_phone_fails_and_changes_nothing(on_copy: Run) -> None:
    before = as_json(on_copy("show", "4", "--json"))
    result = on_copy("edit", "4", "--title", "社長", "--phone", "03-1234")
    assert result.exit_code == 1
    assert "03-1234" in result.stderr
    assert as_json(on_copy("show", "4", "--json")) == before


def test_edit_cannot_remove_the_last_name_and_company(on_copy: Run) -> None:
    result = on_copy("edit", "4", "--family", "", "--company", "")
    assert result.exit_code == 1
    assert as_json(on_copy("show", "4", "--json"))["family_name"] == "林"


# -- trash, restore, purge ----------------------------------------------------------------------


def test_rm_moves_a_contact_to_the_trash_and_restore_brings_it_back(on_copy: Run) -> None:
    assert "trash" in ok(on_copy("rm", "1")).stdout

    assert 1 not in ids(on_copy("list", "--json"))
    assert as_json(on_copy("search", "山田", "--json")) == []
    assert as_json(on_copy("search", "0312345678", "--json")) == []
    assert ids(on_copy("trash", "--json")) == [1]
    assert "山田 太郎" in ok(on_copy("trash")).stdout
    shown = as_json(on_copy("show", "1", "--json"))
    assert shown["deleted"] is not None

    assert "Restored" in ok(on_copy("restore", "1")).stdout
    assert 1 in ids(on_copy("list", "--json"))
    assert names(on_copy("search", "山田", "--json")) == ["山田 太郎"]
    assert as_json(on_copy("trash", "--json")) == []


def test_rm_json_reports_what_was_trashed(on_copy: Run) -> None:
    assert as_json(on_copy("rm", "3", "4", "--json")) == [
        {"id": 3, "name": "John Smith"},
        {"id": 4, "name": "林"},
    ]
    assert sorted(ids(on_copy("trash", "--json"))) == [3, 4]


def test_rm_of_a_missing_contact_fails_with_a_message(on_copy: Run) -> None:
    result = on_copy("rm", MISSING)
    assert result.exit_code == 1
    assert MISSING in result.stderr


def test_restore_of_a_live_contact_fails_with_a_message(on_copy: Run) -> None:
    result = on_copy("restore", "1")
    assert result.exit_code == 1
    assert result.stderr.startswith("cardbox: ")


def test_purge_asks_first_and_answering_no_keeps_the_contact(on_copy: Run) -> None:
    ok(on_copy("rm", "1"))
    result = on_copy("purge", "1", input="n\n")
    assert result.exit_code == 1
    assert "for good?" in result.output
    assert "nothing deleted" in result.stderr
    assert ids(on_copy("trash", "--json")) == [1]


def test_purge_answering_yes_deletes_for_good(on_copy: Run) -> None:
    uid = as_json(on_copy("show", "1", "--json"))["uid"]
    ok(on_copy("rm", "1"))
    ok(on_copy("purge", "1", input="y\n"))
    assert as_json(on_copy("trash", "--json")) == []
    assert 1 not in ids(on_copy("list", "--json"))
    assert on_copy("show", uid).exit_code == 1


def test_purge_yes_deletes_only_trashed_contacts_and_refuses_a_live_one(on_copy: Run) -> None:
    uid = as_json(on_copy("show", "1", "--json"))["uid"]
    ok(on_copy("rm", "1"))
    live = "2"

    refused = on_copy("purge", "--yes", live)
    assert refused.exit_code == 1
    assert live in refused.stderr
    assert "trash" in refused.stderr
    assert_no_traceback(refused)
    assert int(live) in ids(on_copy("list", "--json"))
    assert ids(on_copy("trash", "--json")) == [1]

    assert "Deleted 1" in ok(on_copy("purge", "--yes", "1")).stdout
    assert as_json(on_copy("trash", "--json")) == []
    assert on_copy("show", uid).exit_code == 1
    assert on_copy("restore", uid).exit_code == 1
    assert sorted(ids(on_copy("list", "--json"))) == [2, 3, 4]


def test_a_number_that_is_not_an_id_never_picks_a_contact_by_its_uid_prefix(db: Path) -> None:
    from cardbox.domain.model import Contact
    from cardbox.services.box import CardBox

    with CardBox.open(db) as box:
        box.add_contacts(
            [Contact(uid="7" + "0" * 7 + "-0000-4000-8000-000000000000", family_name="Seven")]
        )
    ok(invoke(db, "rm", "1"))

    # Contact 7 does not exist: each of these must say so, not act on #1 "Seven".
    assert invoke(db, "show", "7").exit_code == 1
    assert invoke(db, "restore", "7").exit_code == 1
    assert invoke(db, "purge", "--yes", "7").exit_code == 1
    assert ids(invoke(db, "trash", "--json")) == [1]


def test_purge_all_empties_the_trash_and_nothing_else(on_copy: Run) -> None:
    ok(on_copy("rm", "1", "3"))
    assert "Deleted 2" in ok(on_copy("purge", "--all", "--yes")).stdout
    assert sorted(ids(on_copy("list", "--json"))) == [2, 4]


def test_purge_without_contacts_or_all_is_a_usage_error(on_copy: Run) -> None:
    result = on_copy("purge", "--yes")
    assert result.exit_code == 2
    assert "--all" in result.output


# -- events, industries, tags -------------------------------------------------------------------


def test_event_add_records_date_and_venue_and_events_json_counts_contacts(on_copy: Run) -> None:
    out = ok(
        on_copy("event", "add", "渋谷異業種交流会", "--date", "2026-11-20", "--venue", "ヒカリエ")
    )
    assert "渋谷異業種交流会" in out.stdout
    ok(on_copy("event", "add", "Fintech Night", "--date", "2026-12-01"))

    found = {e["name"]: e for e in as_json(on_copy("events", "--json"))}
    assert set(found) == {"渋谷異業種交流会", "Tokyo Python Meetup", "Fintech Night"}
    shibuya = found["渋谷異業種交流会"]
    assert shibuya["date"] == "2026-11-20"
    assert shibuya["venue"] == "ヒカリエ"
    assert shibuya["contacts"] == 2
    assert found["Tokyo Python Meetup"]["contacts"] == 1
    assert found["Fintech Night"]["contacts"] == 0
    for e in found.values():
        assert {"name", "date", "venue", "contacts"} <= set(e)

    table = ok(on_copy("events")).stdout
    assert "2026-11-20" in table
    assert "ヒカリエ" in table
    assert ok(on_copy("event", "list", "--json")).stdout == ok(on_copy("events", "--json")).stdout


@pytest.mark.parametrize("bad", ["2026-13-01", "20/11/2026", "tomorrow", ""])
def test_event_add_with_a_bad_date_fails_with_a_message(run: Run, bad: str) -> None:
    result = run("event", "add", "X", "--date", bad)
    assert result.exit_code == 1
    assert "YYYY-MM-DD" in result.stderr
    assert_no_traceback(result)
    assert as_json(run("events", "--json")) == []


def test_events_of_an_empty_box_says_so(run: Run) -> None:
    ok(run("init"))
    assert ok(run("events")).stdout.strip() == "No events."


def test_industries_shows_the_bilingual_jsic_tree(on_populated: Run) -> None:
    out = ok(on_populated("industries")).stdout
    lines = out.splitlines()
    assert any(line.startswith("G ") and "情報通信業" in line for line in lines)
    assert any(line.startswith("  G-software") for line in lines)
    assert "Information and Communications" in out
    assert "法律事務所・弁護士" in out
    for group in "ABCDEFGHIJKLMNOPQRST":
        assert any(line.startswith(group + " ") for line in lines), group


def test_industries_json_lists_codes_names_and_parents(on_populated: Run) -> None:
    found = {i["code"]: i for i in as_json(on_populated("industries", "--json"))}
    assert {"code", "name_en", "name_ja", "parent"} <= set(found["G"])
    assert found["G"]["parent"] is None
    assert found["G"]["name_ja"] == "情報通信業"
    assert found["G-software"]["parent"] == "G"
    assert found["L-legal"]["contacts"] == 2


def test_a_user_industry_can_be_added_and_used_and_is_found_under_its_parent(on_copy: Run) -> None:
    out = ok(
        on_copy(
            "industries", "add", "Space tech", "--ja", "宇宙", "--parent", "G", "--alias", "space"
        )
    )
    assert "Space tech" in out.stdout

    found = {i["name_en"]: i for i in as_json(on_copy("industries", "--json"))}
    assert found["Space tech"]["parent"] == "G"
    assert found["Space tech"]["name_ja"] == "宇宙"
    assert "Space tech" in ok(on_copy("industries")).stdout

    card = as_json(on_copy("add", "--family", "宇田", "--industry", "space", "--json"))
    assert card["industries"] == ["Space tech"]
    assert "宇田" in names(on_copy("search", "industry:G", "--json"))
    assert names(on_copy("search", "industry:space", "--json")) == ["宇田"]


def test_adding_an_industry_that_exists_is_refused(on_copy: Run) -> None:
    result = on_copy("industries", "add", "Legal services")
    assert result.exit_code == 1
    assert "already exists" in result.stderr


def test_tags_json_counts_contacts_per_tag(on_populated: Run) -> None:
    found = {t["tag"]: t["contacts"] for t in as_json(on_populated("tags", "--json"))}
    assert found == {"investor": 2, "follow-up": 1, "partner": 1}
    assert "investor" in ok(on_populated("tags")).stdout


# -- the demo box and choosing a box ------------------------------------------------------------


def test_demo_box_has_about_sixty_contacts(tmp_path: Path) -> None:
    contacts = as_json(invoke(None, "--demo", "list", "--json"))
    assert 55 <= len(contacts) <= 65
    assert any(c["family_reading"] for c in contacts)
    assert any(c["industries"] for c in contacts)


def test_demo_box_search_finds_a_lawyer(tmp_path: Path) -> None:
    found = as_json(invoke(None, "--demo", "search", "弁護士", "--json"))
    assert found
    assert any("弁護士" in c["title"] or "Legal services" in c["industries"] for c in found)


def test_the_cardbox_db_environment_variable_chooses_the_box(tmp_path: Path) -> None:
    chosen = tmp_path / "from-env.sqlite"
    ok(invoke(None, "add", "--family", "環境", env={"CARDBOX_DB": str(chosen)}))
    assert chosen.exists()
    assert names(invoke(None, "list", "--json", env={"CARDBOX_DB": str(chosen)})) == ["環境"]
    ok(invoke(tmp_path / "other.sqlite", "init"))
    assert as_json(invoke(tmp_path / "other.sqlite", "list", "--json")) == []
    # --db wins over the environment variable.
    other = invoke(tmp_path / "other.sqlite", "list", "--json", env={"CARDBOX_DB": str(chosen)})
    assert as_json(other) == []


@pytest.mark.parametrize("command", [["list"], ["search", "tanaka"], ["show", "1"], ["due"]])
def test_a_read_never_creates_a_box_and_says_there_is_none(
    tmp_path: Path, command: list[str]
) -> None:
    missing = tmp_path / "nonexistent" / "dir" / "box.sqlite"
    for path in (missing, tmp_path / "typo.sqlite"):
        result = invoke(path, *command)
        assert_no_traceback(result)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert f"there is no box at {path}" in result.stderr
        assert "cardbox --db" in result.stderr and " init" in result.stderr
    assert list(tmp_path.iterdir()) == []  # no file, no folder


def test_a_write_creates_the_box_in_an_existing_folder_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "box.sqlite"
    result = ok(invoke(path, "add", "--family", "山田"))
    assert f"created a new box at {path}" in result.stderr
    assert path.exists()
    again = ok(invoke(path, "add", "--family", "鈴木"))
    assert "created" not in again.stderr


def test_a_write_makes_no_folder_but_init_does_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "cards" / "work" / "box.sqlite"
    refused = invoke(path, "add", "--family", "山田")
    assert refused.exit_code == 2
    assert f"the folder {path.parent} does not exist" in refused.stderr
    assert not (tmp_path / "cards").exists()
    made = ok(invoke(path, "init")).stdout.splitlines()
    assert made == [
        f"Created the folder {tmp_path / 'cards'}",
        f"Created the folder {path.parent}",
        f"Created a new box at {path}",
    ]
    assert ok(invoke(path, "init")).stdout.strip() == f"There is a box at {path} already."
    assert ok(invoke(path, "list")).stdout.strip() == "No contacts."


def test_config_prints_the_absolute_path_of_the_box(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    ok(invoke(Path("box.sqlite"), "init"))
    out = ok(invoke(Path("box.sqlite"), "config")).stdout
    assert f"db      {tmp_path / 'box.sqlite'}" in out.splitlines()


def test_a_box_that_cannot_be_opened_is_an_error_message(tmp_path: Path) -> None:
    result = invoke(tmp_path / "missing-dir" / "sub" / "box.sqlite", "list")
    assert_no_traceback(result)
    if result.exit_code:
        assert result.stderr.startswith("cardbox: ")


def test_a_file_that_is_not_a_box_is_an_error_message(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_bytes(b"this is not an SQLite database at all" * 100)
    result = invoke(bogus, "list")
    assert result.exit_code == 2
    assert result.stderr.startswith("cardbox: ")
    assert_no_traceback(result)


# -- terminal safety ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_box(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "box.sqlite"
    ok(
        invoke(
            path, "add", "--family", "Mallory", "--given", HOSTILE_NAME,
            "--company", "Evil\u202eCorp", "--note", "line one\nline \x1b[2J two",
        )
    )  # fmt: skip
    return path


def test_list_and_show_never_print_escape_sequences_from_a_card(hostile_box: Path) -> None:
    for args in (["list"], ["show", "1"], ["search", "Mallory"], ["trash"]):
        out = ok(invoke(hostile_box, *args)).stdout
        assert "\x1b" not in out, args
        assert "\x07" not in out, args
        assert "\u202e" not in out, args
    assert "⟨U+001B⟩" in ok(invoke(hostile_box, "list")).stdout
    shown = ok(invoke(hostile_box, "show", "1")).stdout
    assert "⟨U+001B⟩]0;PWNED⟨U+0007⟩Ken" in shown
    assert "⟨U+202E⟩" in shown


def test_json_output_escapes_control_characters_and_round_trips(hostile_box: Path) -> None:
    for args in (["list", "--json"], ["show", "1", "--json"], ["search", "Mallory", "--json"]):
        result = ok(invoke(hostile_box, *args))
        assert "\x1b" not in result.stdout, args
        assert "\x07" not in result.stdout, args
        assert "\u202e" not in result.stdout, args
        assert "\\u001b" in result.stdout.lower(), args
    card = as_json(invoke(hostile_box, "show", "1", "--json"))
    assert card["given_name"] == HOSTILE_NAME
    assert card["company"] == "Evil\u202eCorp"
    assert card["notes"] == "line one\nline \x1b[2J two"


def test_error_messages_never_print_escape_sequences(run: Run) -> None:
    result = run("add", "--family", "X", "--phone", "\x1b[2Jabc")
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr
    assert "⟨U+001B⟩" in result.stderr or "\\x1b" in result.stderr


# -- help ---------------------------------------------------------------------------------------


def walk(
    group: click.Group, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    for name, command in group.commands.items():
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from walk(command, (*path, name))


ALL_COMMANDS = list(walk(cli))


def test_the_command_set_is_the_documented_one() -> None:
    top = set(cli.commands)
    assert {"add", "list", "show", "edit", "rm", "trash", "restore", "purge", "search"} <= top
    assert {"events", "event", "industries", "tags", "config"} <= top


@pytest.mark.parametrize(
    ("path", "command"), ALL_COMMANDS, ids=[" ".join(p) for p, _ in ALL_COMMANDS]
)
def test_every_command_has_help_text(path: tuple[str, ...], command: click.Command) -> None:
    assert command.get_short_help_str().strip(), path
    result = ok(invoke(None, *path, "--help"))
    assert "Usage:" in result.stdout
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{' '.join(path)} {param.opts} has no help"


def test_the_top_level_help_lists_the_commands_and_where_data_lives() -> None:
    out = ok(invoke(None, "--help")).stdout
    assert "--db" in out
    assert "CARDBOX_DB" in out
    for name in ("add", "search", "list", "industries"):
        assert name in out


def test_version_is_printed() -> None:
    assert "version" in ok(invoke(None, "--version")).stdout


def test_birthday_is_set_cleared_and_checked_from_the_command_line(run: Run) -> None:
    added = as_json(
        run("add", "--family", "山田", "--given", "花子", "--birthday", "4月12日", "--json")
    )
    assert added["birthday"] == "--04-12"
    cid = str(added["id"])
    bad = run("edit", cid, "--birthday", "1990-02-30")
    assert bad.exit_code != 0
    assert "birthday" in bad.output
    assert_no_traceback(bad)
    assert as_json(run("show", cid, "--json"))["birthday"] == "--04-12"  # nothing lost
    assert (
        as_json(run("edit", cid, "--birthday", "1990-02-28", "--json"))["birthday"] == "1990-02-28"
    )
    assert as_json(run("edit", cid, "--birthday", "", "--json"))["birthday"] is None


def test_add_reports_a_possible_match_and_duplicates_lists_it_never_merging(run: Run) -> None:
    ok(run("add", "--family", "Wilson", "--given", "Emma", "--company", "Wilson Consulting"))
    emily = ok(
        run("add", "--family", "Wilson", "--given", "Emily", "--company", "Wilson Consulting LLC")
    ).stdout.splitlines()
    assert emily == [
        "Added #2 Emily Wilson",
        "possible match: #2 may be #1 Emma Wilson (same family name, given names alike, same"
        " company); `cardbox merge 1 2` joins them",
    ]
    ok(run("add", "--family", "Smith", "--given", "John", "--company", "Acme"))
    second = as_json(run("add", "--family", "Smith", "--given", "John", "--json"))
    assert second["possible_match"] == {
        "id": 3,
        "name": "John Smith",
        "reason": "same name, no company to compare",
    }
    assert len(as_json(run("list", "--json"))) == 4  # nothing merged
    listed = as_json(run("duplicates", "--json"))
    assert [(p["a"], p["b"], p["likely"], p["reasons"][0]) for p in listed] == [
        (3, 4, False, "same name, no company to compare"),
        (1, 2, False, "same family name, given names alike, same company"),
    ]
    table = ok(run("duplicates")).stdout
    assert "maybe" in table and "Emily Wilson" in table
