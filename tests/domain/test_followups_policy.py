"""Follow-up policy in its one home (`cardbox.domain.followups`): cadence precedence, the "due
soon" horizon of logging, and the default note of a follow-up reminder."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from cardbox.domain.followups import (
    DUE_SOON,
    chosen_cadence,
    default_note,
    default_note_event,
    due_soon,
    event_note,
    industry_cadences,
)
from cardbox.domain.model import Event

NOW = datetime(2026, 5, 13, 14, 0, tzinfo=UTC)


def test_a_contacts_own_cadence_wins_then_the_shortest_tag_then_the_shortest_industry() -> None:
    assert chosen_cadence(200, [60, 30], [10]) == 200
    assert chosen_cadence(None, [60, 30], [10]) == 30
    assert chosen_cadence(None, [], [90, 10]) == 10
    assert chosen_cadence(None) is None


def test_an_industry_default_covers_its_sub_industries_and_the_nearest_wins() -> None:
    parents = {"L": None, "L-legal": "L", "L-legal-ip": "L-legal", "G": None}
    assert industry_cadences({"L": 30}, parents) == {"L": 30, "L-legal": 30, "L-legal-ip": 30}
    assert industry_cadences({"L": 30, "L-legal": 90}, parents) == {
        "L": 30,
        "L-legal": 90,
        "L-legal-ip": 90,
    }
    assert industry_cadences({}, parents) == {}


def test_due_soon_is_overdue_or_due_within_a_day() -> None:
    assert timedelta(days=1) == DUE_SOON
    assert due_soon(NOW - timedelta(days=30), NOW)
    assert due_soon(NOW + timedelta(hours=24), NOW)
    assert not due_soon(NOW + timedelta(hours=24, seconds=1), NOW)


def test_the_default_note_names_the_event_when_there_is_one() -> None:
    assert default_note("交流会") == "follow up after 交流会"
    assert default_note() == "follow up"
    assert event_note(Event("Expo")) == "follow up after Expo"
    assert event_note(Event("Expo", follow_up_note="お礼メール")) == "お礼メール"


@given(st.text(min_size=1, max_size=30))
def test_a_default_note_is_recognised_with_its_event_and_a_written_one_is_not(event: str) -> None:
    assert default_note_event(default_note(event)) == event
    assert default_note_event(default_note()) == ""
    assert default_note_event("") == ""
    assert default_note_event(f"call {event}") is None
