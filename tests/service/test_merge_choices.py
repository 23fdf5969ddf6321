"""`CardBox.merge` with a choice per field: applied in the merge's transaction, checked, and
taken back exactly by `undo_merge`."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cardbox.domain.errors import InvalidInput
from cardbox.domain.merge import field_choices, merge_contacts
from cardbox.domain.model import Contact
from cardbox.services.box import CardBox
from tests.conftest import card


def pair(box: CardBox) -> tuple[Contact, Contact]:
    a = box.add(
        card(
            family_name="佐藤",
            given_name="花子",
            family_reading="さとう",
            given_reading="はなこ",
            company="株式会社サクラ",
            title="部長",
            notes="ゴルフ好き",
            phones=["090-1234-5678"],
            tags=["investor"],
        )
    )
    b = box.add(
        card(
            family_name="佐藤",
            given_name="華子",
            family_reading="さとう",
            given_reading="はなこ",
            company="ABC株式会社",
            title="取締役",
            notes="ワイン",
            phones=["03-1234-5678"],
            emails=["hanako@abc.example.jp"],
        )
    )
    box.store.update(b.id or 0, lambda c: replace(c, birthday="1980-04-12"))
    return a, box.get(b.id or 0)


def test_choices_are_applied_and_undo_gives_both_back_exactly(box: CardBox) -> None:
    a, b = pair(box)
    merged, merge_id = box.merge(
        a.id or 0,
        b.id or 0,
        choices={"given_name": "華子", "company": "ABC株式会社", "notes": "ワイン"},
    )
    assert merged.given_name == "華子" and merged.company == "ABC株式会社"
    assert merged.title == "部長" and merged.birthday == "1980-04-12"
    # what was not kept is in the notes: the left's given name and company, the right's title
    assert merged.notes.startswith("ワイン\nMerged from 佐藤 華子. ")
    # whose each value was: the left's given name and company, the right's title
    assert "Values of 佐藤 華子: title: 取締役" in merged.notes
    assert "Values this card had (佐藤 花子): given name: 花子; company: 株式会社サクラ" in (
        merged.notes
    )
    assert "ゴルフ好き" not in merged.notes
    assert {p.e164 for p in merged.phones} == {"+819012345678", "+81312345678"}
    assert [e.address for e in merged.emails] == ["hanako@abc.example.jp"]
    assert box.search("ABC").contacts[0].id == a.id
    kept, back = box.undo_merge(merge_id)
    assert replace(kept, updated=a.updated) == a and replace(back, updated=b.updated) == b
    assert box.search("ABC").contacts[0].id == b.id


def test_a_value_that_is_neither_contacts_is_refused_and_nothing_changes(box: CardBox) -> None:
    a, b = pair(box)
    with pytest.raises(InvalidInput, match="company: 'XYZ' is neither"):
        box.merge(a.id or 0, b.id or 0, choices={"company": "XYZ"})
    with pytest.raises(InvalidInput, match="cannot choose 'phones'"):
        box.merge(a.id or 0, b.id or 0, choices={"phones": "03"})
    assert box.get(a.id or 0) == a and box.get(b.id or 0) == b
    assert box.store.last_merge() is None


def test_choosing_the_defaults_is_the_same_as_choosing_nothing(box: CardBox) -> None:
    a, b = pair(box)
    offered = field_choices(a, b)
    assert {c.field for c in offered} == {
        "given_name",
        "company",
        "company_reading",  # both suggested, from different companies
        "title",
        "birthday",
        "notes",
    }
    notes = next(c for c in offered if c.field == "notes")
    assert notes.both == "ゴルフ好き\nワイン"
    defaults = {c.field: c.default for c in offered}
    assert merge_contacts(a, b, defaults) == merge_contacts(a, b)


def test_a_reading_taken_from_a_suggested_side_is_marked_suggested() -> None:
    kept = Contact(family_name="林", family_reading="はやし", reading_confirmed=True)
    gone = Contact(family_name="林", family_reading="りん", reading_confirmed=False)
    assert merge_contacts(kept, gone, {"family_reading": "りん"}).reading_confirmed is False
    assert merge_contacts(kept, gone, {"family_reading": "はやし"}).reading_confirmed is True
