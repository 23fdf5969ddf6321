"""Merging keeps everything once: both meetings' talk, one "met" and one follow-up reminder per
meeting, and a note that says whose values were not kept (issue 12)."""

from __future__ import annotations

from cardbox.services.box import CardBox
from cardbox.store import followups as rows
from tests.conftest import card

EVENT = "渋谷異業種交流会 2026冬"


def two_cards_at_one_event(box: CardBox) -> tuple[int, int]:
    box.add_event(EVENT, date="2026-12-03", follow_up="3d", follow_up_note="お礼メール")
    emma = box.add(
        card(given_name="Emma", family_name="Wilson", company="Wilson Consulting", events=[EVENT])
    )
    box.set_talked_about(emma.id or 0, EVENT, "Tokyo office opening")
    emily = box.add(
        card(
            given_name="Emily",
            family_name="Wilson",
            company="Wilson Consulting LLC",
            events=[EVENT],
        )
    )
    box.set_talked_about(emily.id or 0, EVENT, "Market entry consulting")
    return emma.id or 0, emily.id or 0


def follow_ups(box: CardBox, cid: int) -> tuple[list[str], list[str]]:
    log = box.store.read(lambda conn: rows.interactions(conn, cid))
    reminders = box.store.read(lambda conn: rows.reminders(conn, contact_id=cid))
    return [f"{i.kind} {i.text}" for i in log], [r.note for r in reminders]


def test_a_merge_of_two_cards_met_at_one_event_keeps_both_talks_once(box: CardBox) -> None:
    emma, emily = two_cards_at_one_event(box)
    merged, merge_id = box.merge(emma, emily)
    (meeting,) = merged.meetings
    assert meeting.event == EVENT
    assert meeting.talked_about == "Tokyo office opening / Market entry consulting"
    assert follow_ups(box, emma) == ([f"met {EVENT}"], ["お礼メール"])
    kept, back = box.undo_merge(merge_id)
    assert [m.talked_about for m in kept.meetings] == ["Tokyo office opening"]
    assert [m.talked_about for m in back.meetings] == ["Market entry consulting"]
    assert follow_ups(box, emma) == ([f"met {EVENT}"], ["お礼メール"])
    assert follow_ups(box, emily) == ([f"met {EVENT}"], ["お礼メール"])


def test_a_merge_note_says_whose_values_were_not_kept(box: CardBox) -> None:
    emma, emily = two_cards_at_one_event(box)
    # The user keeps Emma's card but Emily's given name; Emma's company stays.
    merged, _ = box.merge(emma, emily, choices={"given_name": "Emily"})
    assert merged.given_name == "Emily" and merged.company == "Wilson Consulting"
    (line,) = [n for n in merged.notes.splitlines() if n.startswith("Merged from")]
    assert line == (
        "Merged from Emily Wilson. Values of Emily Wilson: company: Wilson Consulting LLC."
        " Values this card had (Emma Wilson): given name: Emma"
    )


def test_a_card_merged_into_someone_known_keeps_its_talk_and_adds_no_second_follow_up(
    box: CardBox,
) -> None:
    emma, _emily = two_cards_at_one_event(box)
    again = card(given_name="Emma", family_name="Wilson", company="Acme", events=[EVENT])
    again.talked_about = "wine tasting"
    merged = box.add_into(again, emma)
    assert merged.id == emma
    assert [m.talked_about for m in merged.meetings] == ["Tokyo office opening / wine tasting"]
    assert follow_ups(box, emma) == ([f"met {EVENT}"], ["お礼メール"])
    assert "Values of Emma Wilson: company: Acme" in merged.notes
