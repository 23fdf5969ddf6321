"""Job changes: when a card about a known person means they changed company or title."""

from __future__ import annotations

from cardbox.domain.companies import Job, job_change, job_of, with_job
from cardbox.domain.model import Contact

KNOWN = Contact(
    id=12,
    family_name="山田",
    given_name="太郎",
    company="株式会社サクラテック",
    company_reading="さくらてっく",
    department="営業部",
    title="部長",
)


def card(company: str = "", department: str = "", title: str = "", reading: str = "") -> Contact:
    return Contact(
        family_name="山田",
        given_name="太郎",
        company=company,
        company_reading=reading,
        department=department,
        title=title,
    )


def test_another_company_is_a_job_change_with_the_old_and_new_job() -> None:
    change = job_change(KNOWN, card("ABC株式会社", "経営企画室", "取締役"))
    assert change is not None
    assert change.contact_id == 12
    assert change.old == Job("株式会社サクラテック", "営業部", "部長")
    assert change.new == Job("ABC株式会社", "経営企画室", "取締役")


def test_the_same_company_written_another_way_is_not_a_job_change() -> None:
    for spelling in ("サクラテック(株)", "㈱サクラテック", "ｻｸﾗﾃｯｸ株式会社"):
        assert job_change(KNOWN, card(spelling, title="部長")) is None, spelling
        assert job_change(KNOWN, card(spelling)) is None, spelling


def test_another_title_at_the_same_company_is_a_change_that_keeps_the_company_spelling() -> None:
    change = job_change(KNOWN, card("サクラテック(株)", title="取締役"))
    assert change is not None
    assert change.new == Job("株式会社サクラテック", "営業部", "取締役")


def test_no_company_on_either_side_is_never_a_job_change() -> None:
    assert job_change(KNOWN, card(title="取締役")) is None  # the card says nothing of a company
    assert job_change(Contact(title="部長"), card("ABC株式会社", title="取締役")) is None


def test_a_card_showing_a_job_held_before_is_an_old_card_not_a_change() -> None:
    moved = Contact(id=12, family_name="山田", company="ABC株式会社", title="取締役")
    past = [Job("株式会社サクラテック", "営業部", "部長")]
    assert job_change(moved, card("サクラテック(株)", title="部長"), past) is None
    assert job_change(moved, card("株式会社サクラテック"), past) is None
    # ... but a new title at the old company is news again
    assert job_change(moved, card("株式会社サクラテック", title="顧問"), past) is not None


def test_with_job_takes_the_new_company_its_reading_department_and_title() -> None:
    new = card("ABC株式会社", "", "取締役", reading="えーびーしー")
    change = job_change(KNOWN, new)
    assert change is not None
    moved = with_job(KNOWN, change, new)
    assert job_of(moved) == Job("ABC株式会社", "", "取締役")
    assert moved.company_reading == "えーびーしー"
    assert (moved.family_name, moved.id) == ("山田", 12)


def test_with_job_keeps_the_company_reading_when_only_the_title_changes() -> None:
    new = card("株式会社サクラテック", title="取締役")
    change = job_change(KNOWN, new)
    assert change is not None
    assert with_job(KNOWN, change, new).company_reading == "さくらてっく"


def test_describe_lists_the_parts_there_are() -> None:
    assert Job("ABC", "", "CEO").describe() == "ABC CEO"
    assert Job().describe() == ""
