"""People and companies end to end: job changes on import and add, undo, companies, industries."""

from __future__ import annotations

from pathlib import Path

import pytest

from cardbox.domain.companies import Job
from cardbox.domain.errors import InvalidInput, NotFound
from cardbox.services import companies
from cardbox.services.box import CardBox
from cardbox.services.importer import import_paths
from cardbox.tui.widgets import render
from tests.conftest import card

CRLF = "\r\n"


def vcf(*cards: str) -> bytes:
    return "".join(
        "BEGIN:VCARD\r\nVERSION:3.0\r\n" + CRLF.join(c.strip().splitlines()) + "\r\nEND:VCARD\r\n"
        for c in cards
    ).encode("utf-8")


OLD_JOB = """
N:山田;太郎;;;
FN:山田 太郎
ORG:株式会社サクラテック;営業部
TITLE:部長
TEL;TYPE=CELL:090-1234-5678
EMAIL;TYPE=WORK:taro@sakura.example.jp
"""
NEW_JOB = """
N:山田;太郎;;;
FN:山田 太郎
ORG:ABC株式会社;経営企画室
TITLE:取締役
TEL;TYPE=CELL:090-1234-5678
EMAIL;TYPE=WORK:taro@abc.example.jp
"""


def write(tmp_path: Path, name: str, *cards: str) -> Path:
    path = tmp_path / name
    path.write_bytes(vcf(*cards))
    return path


def test_a_known_person_with_a_new_company_is_a_job_change_not_a_new_contact(
    tmp_path: Path, box: CardBox
) -> None:
    import_paths(box, [write(tmp_path, "old.vcf", OLD_JOB)])
    report = import_paths(box, [write(tmp_path, "new.vcf", NEW_JOB)])
    assert (report.added, report.updated) == (0, 1)
    (yamada,) = box.contacts().contacts
    assert (yamada.company, yamada.department, yamada.title) == (
        "ABC株式会社",
        "経営企画室",
        "取締役",
    )
    assert {e.address for e in yamada.emails} == {"taro@sakura.example.jp", "taro@abc.example.jp"}
    (move,) = report.job_changes
    assert (move.contact_id, move.name, move.line) == (yamada.id, "山田 太郎", 1)
    assert move.change.old == Job("株式会社サクラテック", "営業部", "部長")
    (history,) = companies.job_history(box, yamada.id or 0)
    assert history.new == Job("ABC株式会社", "経営企画室", "取締役")
    assert history.source == f"import #{report.run_id}"
    # importing the old card again is an old card, not a move back
    again = import_paths(box, [write(tmp_path, "old2.vcf", OLD_JOB + "NOTE:again")])
    assert again.job_changes == []
    assert box.get(yamada.id or 0).company == "ABC株式会社"


def test_undo_import_gives_back_the_previous_job_and_forgets_the_change(
    tmp_path: Path, box: CardBox
) -> None:
    import_paths(box, [write(tmp_path, "old.vcf", OLD_JOB)])
    report = import_paths(box, [write(tmp_path, "new.vcf", NEW_JOB)])
    assert report.run_id is not None
    box.store.undo_import(report.run_id)
    (yamada,) = box.contacts().contacts
    assert (yamada.company, yamada.title) == ("株式会社サクラテック", "部長")
    assert companies.job_history(box, yamada.id or 0) == []


def test_a_dry_run_reports_the_job_change_and_writes_nothing(tmp_path: Path, box: CardBox) -> None:
    import_paths(box, [write(tmp_path, "old.vcf", OLD_JOB)])
    report = import_paths(box, [write(tmp_path, "new.vcf", NEW_JOB)], dry_run=True)
    assert len(report.job_changes) == 1
    (yamada,) = box.contacts().contacts
    assert yamada.company == "株式会社サクラテック"
    assert companies.job_history(box, yamada.id or 0) == []


def test_a_company_spelled_another_way_is_no_job_change_and_fills_nothing_over(
    tmp_path: Path, box: CardBox
) -> None:
    import_paths(box, [write(tmp_path, "old.vcf", OLD_JOB)])
    same = OLD_JOB.replace("株式会社サクラテック", "サクラテック(株)").replace("TITLE:部長", "")
    report = import_paths(box, [write(tmp_path, "same.vcf", same)])
    assert report.job_changes == []
    assert box.contacts().contacts[0].company == "株式会社サクラテック"


def test_an_uncertain_match_is_imported_as_new_and_reported(tmp_path: Path, box: CardBox) -> None:
    first = box.add(card(family_name="鈴木", given_name="一郎", company="北斗電機"))
    other = "N:鈴木;一郎;;;\nFN:鈴木 一郎\nORG:南海商事"
    report = import_paths(box, [write(tmp_path, "u.vcf", OLD_JOB, other)])
    assert report.added == 2
    (maybe,) = report.uncertain
    assert (maybe.file, maybe.line) == (str(tmp_path / "u.vcf"), 10)
    assert (maybe.name, maybe.contact_id, maybe.contact_name) == (
        "鈴木 一郎",
        first.id,
        "鈴木 一郎",
    )
    assert maybe.reason == "same name, different company"


def test_two_colleagues_sharing_a_switchboard_in_one_file_stay_two_people(
    tmp_path: Path, box: CardBox
) -> None:
    a = "N:田中;一郎;;;\nFN:田中 一郎\nORG:光陽建設\nTEL;TYPE=WORK:03-1234-5678"
    b = "N:木村;拓也;;;\nFN:木村 拓也\nORG:光陽建設\nTEL;TYPE=WORK:03-1234-5678"
    report = import_paths(box, [write(tmp_path, "s.vcf", a, b)])
    assert (report.added, report.merged) == (2, 0)


def test_add_of_a_known_person_with_a_new_title_records_a_promotion(box: CardBox) -> None:
    added = box.add_card(
        card(family_name="佐藤", given_name="健", company="株式会社山田製作所", title="課長")
    )
    first = added.contact
    assert added.job_change is None
    result = box.add_card(
        card(family_name="佐藤", given_name="健", company="㈱山田製作所", title="部長")
    )
    again = result.contact
    assert again.id == first.id and box.contacts().total == 1
    assert again.title == "部長" and again.company == "株式会社山田製作所"
    change = result.job_change
    assert change is not None and change.source == "add" and change.old.title == "課長"
    text = render.job_history(companies.job_history(box, first.id or 0)).plain
    assert "Job history" in text and "株式会社山田製作所 課長 → 株式会社山田製作所 部長" in text


def test_a_company_is_one_entity_whatever_the_spelling(box: CardBox) -> None:
    box.add_event("渋谷交流会", date="2026-10-15")
    for family, given, company in (
        ("山田", "太郎", "株式会社ABC"),
        ("鈴木", "花子", "ABC(株)"),
        ("佐藤", "健", "ＡＢＣ株式会社"),
        ("田中", "一郎", "北斗電機"),
    ):
        box.add(card(family_name=family, given_name=given, company=company, events=["渋谷交流会"]))
    found = {c.name: c.people for c in companies.companies(box)}
    assert found == {"ABC(株)": 3, "北斗電機": 1}  # a tie between spellings: the first in order
    view = companies.company_view(box, "abc inc.")
    assert [p.name for p in view.people] == ["佐藤 健", "鈴木 花子", "山田 太郎"]  # reading order
    assert view.people[0].met[0].event == "渋谷交流会"
    assert str(view.people[0].met[0].date) == "2026-10-15"
    assert set(view.spellings) == {"株式会社ABC", "ABC(株)", "ＡＢＣ株式会社"}
    hokuto = companies.company_view(box, "北斗")  # a unique part of a name is enough
    assert hokuto.reading == "ほくとでんき" and not hokuto.reading_confirmed
    assert hokuto.reading_source == "cards"  # suggested on the card when it was added
    set_view, _ = companies.set_company(box, "北斗電機", reading="ほくとでんき")
    assert (set_view.reading_confirmed, set_view.reading_source) == (True, "set")


def test_setting_a_company_industry_applies_to_its_people_and_later_ones(box: CardBox) -> None:
    box.add(card(family_name="山田", given_name="太郎", company="株式会社ABC"))
    box.add(card(family_name="鈴木", given_name="花子", company="ABC(株)", industries=["IT"]))
    view, added = companies.set_company(box, "ABC", industry="lawyer")
    assert (view.industry, view.industry_set, added) == ("L-legal", True, 2)
    assert all("L-legal" in c.industries for c in box.contacts().contacts)
    assert "G" in box.search("鈴木").contacts[0].industries[0]  # her own industry is kept
    later = box.add(card(family_name="佐藤", given_name="健", company="ABC Inc."))
    assert later.industries == ("L-legal",)
    assert box.search("industry:lawyer", limit=None).total == 3
    assert [c.industry for c in companies.companies(box)] == ["L-legal"]


def test_someone_who_moves_to_a_company_with_an_industry_gets_it(
    tmp_path: Path, box: CardBox
) -> None:
    box.add(card(family_name="鈴木", given_name="花子", company="ABC株式会社"))
    companies.set_company(box, "ABC", industry="legal")
    import_paths(box, [write(tmp_path, "old.vcf", OLD_JOB)])
    import_paths(box, [write(tmp_path, "new.vcf", NEW_JOB)])
    assert "L-legal" in box.search("山田").contacts[0].industries
    sakura = companies.company_view(box, "サクラテック")
    assert sakura.people == ()
    assert (sakura.name, sakura.reading) == ("株式会社サクラテック", "さくらてっく")
    assert sakura.reading_source == "suggested"  # nobody there now: suggested from the name
    (past,) = sakura.past
    assert past.name == "山田 太郎" and past.change.new.company == "ABC株式会社"


def test_merge_moves_the_job_history_and_undo_moves_it_back(box: CardBox) -> None:
    taro = box.add(
        card(
            family_name="山田",
            given_name="太郎",
            company="サクラ",
            title="課長",
            phones=["090-1111-2222"],
        )
    )
    box.add(
        card(
            family_name="山田",
            given_name="太郎",
            company="サクラ",
            title="部長",
            phones=["090-1111-2222"],
        )
    )
    other = box.add(card(family_name="Taro", given_name="Yamada", emails=["t@gmail.example"]))
    assert taro.id is not None and other.id is not None
    box.merge(other.id, taro.id)
    assert len(companies.job_history(box, other.id)) == 1
    box.undo_merge()
    assert len(companies.job_history(box, taro.id)) == 1
    assert companies.job_history(box, other.id) == []


def test_an_unknown_or_ambiguous_company_is_a_clear_error(box: CardBox) -> None:
    box.add(card(family_name="A", company="サクラテック"))
    box.add(card(family_name="B", company="サクラ商事"))
    with pytest.raises(NotFound, match="no company 'ミドリ'"):
        companies.company_view(box, "ミドリ")
    with pytest.raises(InvalidInput, match="several companies"):
        companies.company_view(box, "サクラ")
    with pytest.raises(InvalidInput, match="unknown industry"):
        companies.set_company(box, "サクラテック", industry="nonsense-industry")


def test_add_as_new_never_turns_a_card_into_a_job_change(box: CardBox) -> None:
    first = box.add(card(family_name="佐藤", given_name="健", company="山田製作所", title="課長"))
    result = box.add_card(
        card(family_name="佐藤", given_name="健", company="山田製作所", title="部長"), as_new=True
    )
    other = result.contact
    assert other.id != first.id and result.job_change is None
    assert box.get(first.id or 0).title == "課長"


def test_an_edit_records_a_job_change_only_when_asked(box: CardBox) -> None:
    from cardbox.services.box import Card, Edits

    saved = box.add(
        Card(fields={"family_name": "山田", "company": "株式会社サクラ", "title": "部長"})
    )
    corrected = box.edit_card(saved.id or 0, Edits(set={"title": "部長代理"}))  # a correction
    assert box.store.job_history(saved.id or 0) == []
    assert corrected.job_change is None
    moved = box.edit_card(saved.id or 0, Edits(set={"company": "ABC株式会社"}), new_job=True)
    (change,) = box.store.job_history(saved.id or 0)
    assert (change.old.company, change.new.company) == ("株式会社サクラ", "ABC株式会社")
    assert moved.job_change is not None and moved.job_change.source == "edit"
    # The same company written another way is no job change.
    box.edit(saved.id or 0, Edits(set={"company": "ＡＢＣ（株）"}), new_job=True)
    assert len(box.store.job_history(saved.id or 0)) == 1


def test_a_new_job_by_edit_brings_the_new_companys_industry(box: CardBox) -> None:
    from cardbox.services.box import Card, Edits
    from cardbox.services.companies import set_company

    box.add(Card(fields={"family_name": "佐藤", "company": "ABC株式会社"}))
    set_company(box, "ABC株式会社", industry="legal")
    moved = box.add(Card(fields={"family_name": "山田", "company": "株式会社サクラ"}))
    assert "L-legal" not in box.get(moved.id or 0).industries
    box.edit(moved.id or 0, Edits(set={"company": "ABC(株)"}), new_job=True)
    assert "L-legal" in box.get(moved.id or 0).industries


def test_a_cancelled_duplicate_search_stops_and_returns_nothing(demo_box_path: Path) -> None:
    """The app cancels the search when its screen closes: it must stop, not run on holding the
    box (16 s at 100,000 contacts while the next screen waited)."""
    asked: list[int] = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > 1  # the first question (before any row) says go on, then stop

    with CardBox.open(demo_box_path) as box:
        assert box.duplicates()  # the demo has duplicates
        assert box.duplicates(cancel=cancel) == []
        assert 1 < len(asked) <= 3  # it stopped at the next question instead of running on
