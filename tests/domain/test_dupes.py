"""Duplicate detection: precision and recall on labelled pairs, reasons, blocking."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from cardbox.domain import dupes
from cardbox.domain.dupes import (
    DUPLICATE_THRESHOLD,
    Match,
    channel_agrees,
    features,
    is_duplicate,
    possible_match,
)
from cardbox.domain.model import Contact, Email, Phone

# The dupes API is over `Features`; these adapters let the tests speak of contacts.


def score_pair(a: Contact, b: Contact, shared_numbers: frozenset[str] = frozenset()) -> Match:
    return dupes.score_pair(features(a), features(b), shared_numbers)


def block_keys(c: Contact, shared_numbers: frozenset[str] = frozenset()) -> set[str]:
    return dupes.block_keys(features(c), shared_numbers)


def switchboard_numbers(contacts: Iterable[Contact]) -> frozenset[str]:
    return dupes.switchboard_numbers(features(c) for c in contacts)


def candidate_pairs(contacts: Sequence[Contact]) -> Iterator[tuple[int, int]]:
    return dupes.candidate_pairs([features(c) for c in contacts])


def find_duplicates(contacts: Sequence[Contact]) -> list[tuple[int, int, Match]]:
    return dupes.find_duplicates([features(c) for c in contacts])


DATA = Path(__file__).parent / "data"


def contact(d: dict[str, Any]) -> Contact:
    return Contact(
        family_name=d.get("family_name", ""),
        given_name=d.get("given_name", ""),
        family_reading=d.get("family_reading", ""),
        given_reading=d.get("given_reading", ""),
        company=d.get("company", ""),
        phones=tuple(Phone(e164=p, text=p) for p in d.get("phones", [])),
        emails=tuple(Email(address=e) for e in d.get("emails", [])),
    )


def c(**kw: Any) -> Contact:
    return contact(kw)


def _pairs() -> list[dict[str, Any]]:
    pairs: list[dict[str, Any]] = json.loads((DATA / "pairs.json").read_text(encoding="utf-8"))
    return pairs


def _make_pairs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_pairs", DATA / "make_pairs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_pairs", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _score(pair: dict[str, Any]) -> Match:
    return score_pair(
        contact(pair["a"]), contact(pair["b"]), frozenset(pair.get("shared_numbers", []))
    )


def _precision_recall(pairs: list[dict[str, Any]]) -> tuple[float, float, list[str]]:
    tp = fp = fn = 0
    wrong = []
    for pair in pairs:
        predicted, actual = is_duplicate(_score(pair)), bool(pair["duplicate"])
        tp += predicted and actual
        fp += predicted and not actual
        fn += actual and not predicted
        if predicted != actual:
            wrong.append(f"{pair['id']} ({pair['kind']}, {'FP' if predicted else 'FN'})")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, wrong


def test_labelled_pairs_precision_and_recall(capsys: pytest.CaptureFixture[str]) -> None:
    pairs = _pairs()
    hand = [p for p in pairs if p["id"].startswith("hand-")]
    generated = [p for p in pairs if p["id"].startswith("gen-")]
    assert len(pairs) >= 200
    assert len(hand) >= 40
    lines = []
    for name, subset in (("hand-written", hand), ("generated", generated), ("all", pairs)):
        precision, recall, wrong = _precision_recall(subset)
        lines.append(
            f"  {name:12} {len(subset):3} pairs: precision {precision:.3f}, recall {recall:.3f}"
            + (f"; wrong: {', '.join(wrong)}" if wrong else "")
        )
    precision, recall, _ = _precision_recall(pairs)
    with capsys.disabled():
        print(f"\nduplicate detection (threshold {DUPLICATE_THRESHOLD}):\n" + "\n".join(lines))
    assert precision >= 0.95
    assert recall >= 0.90


def test_pairs_json_is_what_make_pairs_writes() -> None:
    module = _make_pairs()
    assert (DATA / "pairs.json").read_text(encoding="utf-8") == module.render(module.build())


def test_every_labelled_duplicate_shares_a_block_key() -> None:
    """Blocking loses no labelled duplicate: each pair shares at least one key."""
    for pair in _pairs():
        if pair["duplicate"]:
            shared = frozenset(pair.get("shared_numbers", []))
            a, b = contact(pair["a"]), contact(pair["b"])
            assert block_keys(a, shared) & block_keys(b, shared), pair["id"]


MOBILE = "+819011112222"
BOARD = "+81312345678"


def test_reasons_name_the_evidence() -> None:
    a = c(
        family_name="山田",
        given_name="太郎",
        family_reading="やまだ",
        given_reading="たろう",
        company="株式会社ABC",
        phones=[MOBILE],
        emails=["taro@gmail.com"],
    )
    b = c(
        family_name="Yamada",
        given_name="Taro",
        company="ABC Inc.",
        phones=[MOBILE],
        emails=["taro@gmail.com"],
    )
    match = score_pair(a, b)
    assert match.score == 1.0
    assert is_duplicate(match)
    assert match.reasons == (
        "same personal e-mail taro@gmail.com",
        f"same phone {MOBILE}",
        "same name",
        "same reading",
        "same company",
    )


def test_similar_latin_name_reports_its_similarity() -> None:
    match = score_pair(
        c(family_name="Smith", given_name="Jonathan", emails=["js@acme.com"]),
        c(family_name="Smith", given_name="Jonathon", emails=["js@acme.com"]),
    )
    assert is_duplicate(match)
    assert any(r.startswith("similar name (0.9") for r in match.reasons)


def test_role_mailbox_is_never_identity() -> None:
    a = c(family_name="田中", given_name="一郎", emails=["info@abc.co.jp"])
    b = c(family_name="鈴木", given_name="花子", emails=["info@abc.co.jp"])
    match = score_pair(a, b)
    assert not is_duplicate(match)
    assert "shared role mailbox info@abc.co.jp (not counted)" in match.reasons
    assert not is_duplicate(score_pair(c(emails=["INFO@abc.co.jp"]), c(emails=["info@abc.co.jp"])))
    assert not block_keys(c(emails=["sales@abc.co.jp"]))


def test_switchboard_is_never_identity_but_a_personal_number_is() -> None:
    a = c(family_name="石井", given_name="直樹", company="光陽建設", phones=[BOARD])
    b = c(given_name="", company="光陽建設", phones=[BOARD])
    assert is_duplicate(score_pair(a, b))  # a number and no name to contradict it
    match = score_pair(a, b, frozenset({BOARD}))
    assert not is_duplicate(match)
    assert f"shared switchboard {BOARD} (not counted)" in match.reasons
    assert f"tel:{BOARD}" not in block_keys(a, frozenset({BOARD}))


def test_switchboard_numbers_are_shared_by_three_of_one_company() -> None:
    people = [
        c(family_name=f"社員{i}", company=["ABC株式会社", "㈱ABC", "ABC Inc."][i], phones=[BOARD])
        for i in range(3)
    ]
    pair = [c(family_name="X", company="DEF", phones=[MOBILE]) for _ in range(2)]
    assert switchboard_numbers([*people, *pair]) == frozenset({BOARD})
    assert switchboard_numbers(people[:2]) == frozenset()


def test_same_name_alone_is_not_a_duplicate_but_with_the_company_it_is() -> None:
    a = c(family_name="佐藤", given_name="健", company="山田製作所")
    assert not is_duplicate(
        score_pair(a, c(family_name="佐藤", given_name="健", company="北斗電機"))
    )
    assert is_duplicate(
        score_pair(a, c(family_name="佐藤", given_name="健", company="㈱山田製作所"))
    )


def test_married_name_with_the_same_personal_email() -> None:
    a = c(family_name="佐藤", given_name="花子", emails=["hanako@gmail.com"])
    b = c(family_name="田中", given_name="花子", emails=["hanako@gmail.com"])
    assert is_duplicate(score_pair(a, b))
    assert not is_duplicate(
        score_pair(
            c(family_name="鈴木", given_name="茂", emails=["suzuki-family@gmail.com"]),
            c(family_name="鈴木", given_name="洋子", emails=["suzuki-family@gmail.com"]),
        )
    )


def test_half_width_kana_and_variant_kanji_are_the_same_name() -> None:
    assert (
        "same name"
        in score_pair(
            c(family_name="ﾔﾏﾀﾞ", given_name="ﾀﾛｳ"), c(family_name="ヤマダ", given_name="タロウ")
        ).reasons
    )
    assert (
        "same name"
        in score_pair(
            c(family_name="髙橋", given_name="一郎"), c(family_name="高橋", given_name="一郎")
        ).reasons
    )


def test_kanji_without_reading_and_kana_cannot_contradict() -> None:
    match = score_pair(
        c(family_name="田村", given_name="哲也", phones=[MOBILE]),
        c(family_name="ﾀﾑﾗ", given_name="ﾃﾂﾔ", phones=[MOBILE]),
    )
    assert is_duplicate(match)
    assert "different names" not in match.reasons


def test_scores_stay_in_range_and_threshold_is_documented() -> None:
    assert DUPLICATE_THRESHOLD == 0.5
    for pair in _pairs():
        assert 0.0 <= _score(pair).score <= 1.0


def test_candidate_pairs_compare_only_contacts_sharing_a_key() -> None:
    contacts = [
        c(family_name="山田", given_name="太郎", family_reading="やまだ", given_reading="たろう"),
        c(family_name="Yamada", given_name="Taro"),
        c(family_name="鈴木", given_name="花子", phones=[MOBILE]),
        c(given_name="Hanako", phones=[MOBILE]),
        c(family_name="佐藤", given_name="健"),
    ]
    assert sorted(candidate_pairs(contacts)) == [(0, 1), (2, 3)]


def test_find_duplicates_blocks_and_scores() -> None:
    contacts = [
        c(family_name="山田", given_name="太郎", company="ABC", phones=[BOARD]),
        c(family_name="鈴木", given_name="花子", company="ABC", phones=[BOARD]),
        c(family_name="佐藤", given_name="健", company="ABC", phones=[BOARD]),
        c(family_name="山田", given_name="太郎", company="㈱ABC", emails=["t@gmail.com"]),
        c(family_name="Yamada", given_name="Taro", emails=["t@gmail.com"]),
    ]
    found = [(i, j) for i, j, _ in find_duplicates(contacts)]
    assert sorted(found) == [(0, 3), (3, 4)]


def test_a_family_mailbox_under_two_given_names_is_not_one_person() -> None:
    """内田 豊 and 内田 理恵 at one company sharing uchida@: a family (or a desk), not a duplicate."""
    a = c(family_name="内田", given_name="豊", company="㈱大和ロジ", emails=["uchida@ylogi.jp"])
    b = c(family_name="内田", given_name="理恵", company="大和ロジ(株)", emails=["uchida@ylogi.jp"])
    match = score_pair(a, b)
    assert not is_duplicate(match)
    assert match.score == 0.0
    assert "same personal e-mail uchida@ylogi.jp (not counted: other given name)" in match.reasons
    home = c(family_name="内田", given_name="理恵", company="大和ロジ(株)", phones=[MOBILE])
    assert not is_duplicate(
        score_pair(c(family_name="内田", given_name="豊", phones=[MOBILE]), home)
    )
    # the same given name written in kana is the same person, and the mailbox counts again
    same = c(family_name="内田", given_name="ゆたか", emails=["uchida@ylogi.jp"])
    a_read = c(
        family_name="内田", given_name="豊", given_reading="ゆたか", emails=["uchida@ylogi.jp"]
    )
    assert is_duplicate(score_pair(a_read, same))


def test_names_in_one_field_sharing_one_word_and_a_phone_are_two_people() -> None:
    """N:Ann Lee;;;; and N:Bob Lee;;;; on one mobile: which word is the family name is not
    known, so the shared word is no married name and the phone does not make them one."""
    ann = c(family_name="Ann Lee", phones=[MOBILE])
    bob = c(family_name="Bob Lee", phones=[MOBILE])
    match = score_pair(ann, bob)
    assert not is_duplicate(match)
    assert not channel_agrees(features(ann), features(bob))
    assert possible_match(features(ann), features(bob)) == (0, "same phone, one name differs")
    bad, after = (
        c(given_name="Bad Photo", phones=[MOBILE]),
        c(given_name="After Photo", phones=[MOBILE]),
    )
    assert not channel_agrees(features(bad), features(after))
    # the same person typed twice in one field still shares the phone
    assert is_duplicate(score_pair(ann, c(family_name="Ann Lee", phones=[MOBILE])))
    assert channel_agrees(features(ann), features(c(family_name="Lee Ann", phones=[MOBILE])))


def test_possible_matches_are_the_same_name_elsewhere_or_a_likeness_at_one_company() -> None:
    emma = features(c(family_name="Wilson", given_name="Emma", company="Wilson Consulting"))
    emily = features(c(family_name="Wilson", given_name="Emily", company="Wilson Consulting LLC"))
    assert possible_match(emma, emily) == (
        3,
        "same family name, given names alike, same company",
    )
    other = features(c(family_name="Wilson", given_name="Emily", company="Globex"))
    assert possible_match(emma, other) is None  # a namesake's relative elsewhere: nothing
    assert (
        possible_match(
            emma, features(c(family_name="Wilson", given_name="Tom", company="Wilson Consulting"))
        )
        is None
    )
    john = features(c(family_name="Smith", given_name="John", company="Acme"))
    assert possible_match(john, features(c(family_name="Smith", given_name="John"))) == (
        1,
        "same name, no company to compare",
    )
    assert possible_match(
        john, features(c(family_name="Smith", given_name="John", company="Globex"))
    ) == (1, "same name, different company")
    ken = features(c(family_name="山田", given_name="健", company="ABC"))
    assert possible_match(ken, features(c(family_name="山田", given_name="健太", company="ABC")))
    assert not possible_match(ken, features(c(family_name="山田", given_name="誠", company="ABC")))


def test_find_duplicates_lists_possible_matches_after_the_likely_ones() -> None:
    contacts = [
        c(family_name="Wilson", given_name="Emma", company="Wilson Consulting"),
        c(family_name="Smith", given_name="John", company="Acme"),
        c(family_name="Wilson", given_name="Emily", company="Wilson Consulting LLC"),
        c(family_name="Smith", given_name="John"),
        c(family_name="佐藤", given_name="健", company="ABC", emails=["ken@gmail.com"]),
        c(family_name="佐藤", given_name="健", company="㈱ABC", emails=["ken@gmail.com"]),
    ]
    found = find_duplicates(contacts)
    assert [(i, j, m.likely) for i, j, m in found] == [
        (4, 5, True),
        (1, 3, False),
        (0, 2, False),
    ]
    assert found[1][2].reasons[0] == "same name, no company to compare"
    assert found[2][2].reasons[0] == "same family name, given names alike, same company"
    assert not any(is_duplicate(m) for _, _, m in found[1:])
