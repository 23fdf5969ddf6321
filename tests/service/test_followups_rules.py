"""Follow-up rules a new user met (issue 12): snoozing never brings a reminder forward, times
in the box's zone, a card met on its event's date, past interactions logged, repeats in words."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cardbox.domain.dates import DEFAULT_TIME
from cardbox.domain.errors import InvalidInput
from cardbox.services import followups
from cardbox.services.box import CardBox
from tests.conftest import card

TOKYO = ZoneInfo("Asia/Tokyo")
NOW = datetime(2026, 12, 3, 14, 34, tzinfo=TOKYO)


@pytest.fixture
def box(box_path: Path) -> Iterator[CardBox]:
    with CardBox.open(box_path) as opened:
        followups.set_zone(opened, "Asia/Tokyo")
        opened.add(card(family_name="田中", given_name="健太"))
        yield opened


def test_a_relative_snooze_of_a_reminder_not_yet_due_counts_from_its_due_time(
    box: CardBox,
) -> None:
    r = followups.remind(box, 1, "2026-12-06 23:12", "お礼メール", now=NOW)
    moved = followups.snooze(box, r.id or 0, "1d", now=NOW)
    assert moved.due == datetime(2026, 12, 7, 23, 12, tzinfo=TOKYO)
    assert followups.get_reminder(box, r.id or 0).due == moved.due


def test_a_relative_snooze_of_an_overdue_reminder_counts_from_now(box: CardBox) -> None:
    r = followups.remind(box, 1, "2026-12-01 09:00", now=NOW - timedelta(days=5))
    moved = followups.snooze(box, r.id or 0, "1d", now=NOW)
    assert moved.due == NOW + timedelta(days=1)


def test_a_snooze_to_a_time_before_the_due_time_is_refused(box: CardBox) -> None:
    r = followups.remind(box, 1, "2026-12-06 23:12", now=NOW)
    with pytest.raises(InvalidInput, match=r"before the reminder is due.*reschedule"):
        followups.snooze(box, r.id or 0, "tomorrow 10:00", now=NOW)
    assert followups.get_reminder(box, r.id or 0).due == r.due
    later = followups.snooze(box, r.id or 0, "2026-12-10 10:00", now=NOW)
    assert later.due == datetime(2026, 12, 10, 10, 0, tzinfo=TOKYO)


def test_a_card_logged_for_a_past_event_is_met_on_its_date_and_its_follow_up_is_due_now(
    box: CardBox,
) -> None:
    from cardbox.store import followups as rows

    today = datetime.now(TOKYO).date()
    june = today - timedelta(days=176)
    box.add_event("Summer mixer", date=june.isoformat(), follow_up="3d", follow_up_note="thanks")
    before = datetime.now(TOKYO)
    c = box.add(card(family_name="古川", given_name="直樹", events=["Summer mixer"]))
    (met,) = box.store.read(lambda conn: rows.interactions(conn, c.id or 0))
    assert met.at.astimezone(TOKYO) == datetime.combine(june, DEFAULT_TIME, TOKYO)
    (reminder,) = box.store.read(lambda conn: rows.reminders(conn, contact_id=c.id))
    assert before <= reminder.due <= datetime.now(TOKYO)  # due now, not lost in the past
    followups.set_cadence(box, c.id or 0, "30d")
    drifts, _total = followups.losing_touch(box)
    assert [d.contact.id for d in drifts] == [c.id]


def test_an_events_follow_up_counts_from_its_date_at_nine_in_the_morning(box: CardBox) -> None:
    from cardbox.store import followups as rows

    today = datetime.now(TOKYO).date()
    box.add_event("Tonight", date=today.isoformat(), follow_up="3d")
    c = box.add(card(family_name="佐藤", events=["Tonight"]))
    (reminder,) = box.store.read(lambda conn: rows.reminders(conn, contact_id=c.id))
    assert reminder.due == datetime.combine(today + timedelta(days=3), DEFAULT_TIME, TOKYO)
    assert reminder.note == "follow up after Tonight"


def test_a_past_interaction_is_logged_when_it_happened(box: CardBox) -> None:
    item, _ = followups.log(box, 1, "call", "見積もりの件", when="2026-11-28 15:00", now=NOW)
    assert item.at == datetime(2026, 11, 28, 15, 0, tzinfo=TOKYO)
    item, _ = followups.log(box, 1, "email", when="3d-ago", now=NOW)
    assert item.at == NOW - timedelta(days=3)
    item, _ = followups.log(box, 1, "meeting", when="昨日 12:30", now=NOW)
    assert item.at == datetime(2026, 12, 2, 12, 30, tzinfo=TOKYO)
    with pytest.raises(InvalidInput, match="in the future"):
        followups.log(box, 1, "call", when="2026-12-05", now=NOW)
    with pytest.raises(InvalidInput, match="3d ago"):
        followups.log(box, 1, "call", when="3d", now=NOW)
