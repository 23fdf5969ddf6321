"""The service pieces the card form uses: lookalikes, company hints, own follow-ups, and
changing what was talked about without moving the meeting."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cardbox.domain.errors import InvalidInput
from cardbox.domain.model import Reminder
from cardbox.services.box import CardBox
from cardbox.store import followups as rows
from tests.conftest import card


def reminders(box: CardBox) -> list[Reminder]:
    return box.store.read(lambda conn: rows.reminders(conn))


def test_lookalikes_by_personal_email_phone_and_name_with_company(box: CardBox) -> None:
    taro = box.add(
        card(
            family_name="山田",
            given_name="太郎",
            company="株式会社サクラ",
            emails=["taro@example.jp", "info@sakura.example.jp"],
            phones=["090-1234-5678"],
        )
    )
    box.add(card(family_name="佐藤", given_name="花子", emails=["info@sakura.example.jp"]))

    by_mail = box.lookalikes(box.check(card(family_name="山田", emails=["TARO@example.jp"])))
    assert [c.id for c, _ in by_mail] == [taro.id]
    assert any("e-mail" in r for r in by_mail[0][1].reasons)

    by_phone = box.lookalikes(box.check(card(given_name="太郎", phones=["+81 90 1234 5678"])))
    assert [c.id for c, _ in by_phone] == [taro.id]

    same_name_and_company = box.check(
        card(family_name="山田", given_name="太郎", company="サクラ(株)")
    )
    assert [c.id for c, _ in box.lookalikes(same_name_and_company)] == [taro.id]


def test_a_shared_email_warns_whatever_the_name_but_a_switchboard_does_not(
    box: CardBox,
) -> None:
    daniel = box.add(card(family_name="Becker", given_name="Daniel", emails=["d@bluefin.example"]))
    dan = box.check(card(family_name="Becker", given_name="Dan", emails=["D@bluefin.example"]))
    assert [c.id for c, _ in box.lookalikes(dan)] == [daniel.id]
    for name in ("佐藤", "鈴木"):
        box.add(card(family_name=name, company="Acme", phones=["03-5555-0100"]))
    colleague = box.check(card(family_name="田中", company="Acme", phones=["03-5555-0100"]))
    assert box.lookalikes(colleague) == []
    solo = box.add(card(family_name="木村", phones=["070-5555-0147"]))
    other = box.check(card(family_name="Kimura", phones=["070 5555 0147", "03-5555-0100"]))
    assert [c.id for c, _ in box.lookalikes(other)] == [solo.id]


def test_no_lookalike_from_a_role_mailbox_and_a_name_alone_is_only_possible(box: CardBox) -> None:
    taro = box.add(card(family_name="山田", given_name="太郎", emails=["info@sakura.example.jp"]))
    shared = box.check(
        card(family_name="鈴木", given_name="一郎", emails=["info@sakura.example.jp"])
    )
    assert box.lookalikes(shared) == []
    namesake = box.check(card(family_name="山田", given_name="太郎", company="別の会社"))
    ((found, match),) = box.lookalikes(namesake)
    assert (found.id, match.likely, match.reasons) == (
        taro.id,
        False,
        ("same name, no company to compare",),
    )


def test_a_similar_given_name_at_the_same_company_is_a_possible_lookalike(box: CardBox) -> None:
    emma = box.add(card(family_name="Wilson", given_name="Emma", company="Wilson Consulting"))
    emily = box.check(
        card(family_name="Wilson", given_name="Emily", company="Wilson Consulting LLC")
    )
    ((found, match),) = box.lookalikes(emily)
    assert (found.id, match.likely) == (emma.id, False)


def test_companies_most_common_first_and_their_industry(box: CardBox) -> None:
    box.add(card(family_name="A", company="株式会社サクラ", industries=["lawyer"]))
    box.add(card(family_name="B", company="株式会社サクラ", industries=["lawyer"]))
    box.add(card(family_name="C", company="サクラ(株)", industries=["G"]))
    box.add(card(family_name="D", company="Acme"))
    assert box.companies()[0] == "株式会社サクラ"
    assert set(box.companies()) == {"株式会社サクラ", "サクラ(株)", "Acme"}
    hints = box.company_industries()
    from cardbox.domain.companies import company_key

    legal = box.check(card(family_name="x", industries=["lawyer"])).industries[0]
    assert hints[company_key("㈱サクラ")] == legal
    assert company_key("Acme") not in hints


def test_own_follow_up_replaces_the_event_default(box: CardBox) -> None:
    box.add_event("交流会", date="2026-10-15", follow_up="3d", follow_up_note="お礼メール")
    box.add(card(family_name="既定", events=["交流会"]))
    own = box.add(card(family_name="独自", events=["交流会"]), follow_up="1w", follow_up_note="")
    notes = {r.contact_id: r.note for r in reminders(box)}
    assert len(reminders(box)) == 2
    assert notes[own.id or 0] == "follow up after 交流会"
    assert "お礼メール" in notes.values()


def test_own_follow_up_without_an_event_and_a_bad_one_saves_nothing(box: CardBox) -> None:
    box.add(card(family_name="田中"), follow_up="tomorrow", follow_up_note="電話")
    assert [r.note for r in reminders(box)] == ["電話"]
    with pytest.raises(InvalidInput):
        box.add(card(family_name="木村"), follow_up="令和6年4月1日")
    assert box.contacts().total == 1


def test_set_talked_about_keeps_the_meeting_order(box: CardBox) -> None:
    box.add_event("交流会", date="2026-10-15")
    box.add(card(family_name="一番", events=["交流会"]))
    second = box.add(replace(card(family_name="二番", events=["交流会"]), talked_about="M&A"))
    assert second.meetings[0].talked_about == "M&A"
    changed = box.set_talked_about(second.id or 0, "交流会", " 採用の相談 ")
    (meeting,) = changed.meetings
    assert (meeting.position, meeting.talked_about) == (2, "採用の相談")
    with pytest.raises(InvalidInput):
        box.set_talked_about(second.id or 0, "ほかの会", "x")


def test_add_into_is_one_transaction_a_failed_merge_saves_nothing(
    box: CardBox, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cardbox.domain.errors import StoreError

    box.add_event("Expo", follow_up="3d")
    known = box.add(card(family_name="山田", given_name="太郎", company="株式会社サクラ"))
    before = box.contacts().total

    def broken(*_a: object, **_k: object) -> tuple[object, int]:
        raise StoreError("the disk filled up during the merge")

    monkeypatch.setattr(box, "merge", broken)
    with pytest.raises(StoreError):
        box.add_into(card(family_name="山田", given_name="太郎", events=["Expo"]), known.id or 0)
    assert box.contacts().total == before  # the card was not saved either
    assert box.trash().total == 0
    assert reminders(box) == []  # nor the event's follow-up
    assert box.store.read(lambda c: c.execute("SELECT count(*) FROM interaction").fetchone()) == (
        0,
    )
    monkeypatch.undo()
    merged = box.add_into(
        card(family_name="山田", given_name="太郎", events=["Expo"]), known.id or 0
    )
    assert merged.id == known.id and merged.events == ("Expo",)
    assert box.contacts().total == before and box.trash().total == 1


def test_a_form_edit_with_its_note_and_reminder_is_one_transaction(box: CardBox) -> None:
    from cardbox.services.box import Edits

    box.add_event("Expo")
    saved = box.add(card(family_name="山田", company="株式会社サクラ", events=["Expo"]))
    edits = Edits(set={"title": "部長"})
    with pytest.raises(InvalidInput):  # the reminder, the last step, cannot be read
        box.save_edit(saved.id or 0, edits, event="Expo", talked_about="golf", follow_up="whenever")
    after = box.get(saved.id or 0)
    assert after.title == "" and after.meetings[0].talked_about == ""  # nothing was saved
    assert reminders(box) == []
    done = box.save_edit(saved.id or 0, edits, event="Expo", talked_about="golf", follow_up="3d")
    assert done.contact.title == "部長" and done.contact.meetings[0].talked_about == "golf"
    assert [r.contact_id for r in reminders(box)] == [saved.id]


def test_whom_an_import_takes_a_card_for_the_form_warns_about(box: CardBox) -> None:
    """They disagreed: the identity rules took "Jon Smith" at ACME Inc. for the stored "John
    Smith" at ACME (a part of the name at the same company, then the name rules), so an import
    would update John, while the card form did not even warn that Jon may be John."""
    john = box.add(card(family_name="Smith", given_name="John", company="ACME"))
    jon = box.check(card(family_name="Smith", given_name="Jon", company="ACME Inc."))
    assert box.store.identify(jon).contact_id == john.id
    warned = box.lookalikes(jon)
    assert [c.id for c, _ in warned] == [john.id]
    assert warned[0][1].likely
