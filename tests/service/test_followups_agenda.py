"""The agenda's newer parts: birthdays, limits and totals, the losing-touch list, reschedule,
the history of what was done."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardbox.domain.errors import InvalidInput
from cardbox.services import followups
from cardbox.services.box import CardBox
from tests.conftest import card, copy_box

TOKYO = ZoneInfo("Asia/Tokyo")
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=TOKYO)


@pytest.fixture
def box(box_path: Path) -> Iterator[CardBox]:
    with CardBox.open(box_path) as opened:
        followups.set_zone(opened, "Asia/Tokyo")
        yield opened


def person(box: CardBox, name: str, **kw: object) -> int:
    return box.add(card(family_name=name, **kw)).id or 0


def born(box: CardBox, contact_id: int, birthday: str) -> None:
    box.store.update(contact_id, lambda c: replace(c, birthday=birthday))


# -- birthdays ------------------------------------------------------------------------------------


def test_birthdays_are_today_or_coming_up_never_overdue(box: CardBox) -> None:
    today, soon, later, past = (person(box, n) for n in ("Today", "Soon", "Later", "Past"))
    born(box, today, "1986-11-24")
    born(box, soon, "--11-27")
    born(box, later, "--12-25")
    born(box, past, "--11-20")
    found = followups.agenda(box, days=7, now=NOW)
    assert found.overdue == []
    (t,) = found.today
    assert (t.kind, t.contact.id, t.age, t.due) == (
        "birthday",
        today,
        40,
        datetime(2026, 11, 24, 0, 0, tzinfo=TOKYO),
    )
    assert [(i.contact.id, i.age, i.due.date().isoformat()) for i in found.upcoming] == [
        (soon, None, "2026-11-27")
    ]
    wide = followups.agenda(box, days=40, now=NOW)
    assert [i.contact.id for i in wide.upcoming] == [soon, later]


def test_a_29_february_birthday_is_on_28_february_in_other_years(box: CardBox) -> None:
    leap = person(box, "Leap")
    born(box, leap, "1996-02-29")
    feb = datetime(2027, 2, 25, 12, 0, tzinfo=TOKYO)
    (item,) = followups.agenda(box, days=5, now=feb).upcoming
    assert item.due.date().isoformat() == "2027-02-28" and item.age == 31
    assert followups.agenda(box, days=2, now=feb).upcoming == []
    in_leap_year = datetime(2028, 2, 27, 12, 0, tzinfo=TOKYO)
    (item,) = followups.agenda(box, days=5, now=in_leap_year).upcoming
    assert item.due.date().isoformat() == "2028-02-29"


def test_a_trashed_contact_has_no_agenda_lines(box: CardBox) -> None:
    gone = person(box, "Gone")
    born(box, gone, "--11-25")
    followups.remind(box, gone, "1d", "call", now=NOW)
    assert followups.agenda(box, now=NOW).upcoming
    box.remove(gone)
    assert followups.agenda(box, now=NOW).upcoming == []


# -- limits ---------------------------------------------------------------------------------------


def test_a_limited_agenda_keeps_the_soonest_and_counts_all(box: CardBox) -> None:
    ids = [person(box, f"P{n}") for n in range(5)]
    for n, cid in enumerate(ids):
        followups.remind(box, cid, f"{n + 1}h", f"r{n}", now=NOW - timedelta(days=1))
    born(box, ids[0], "--11-26")
    limited = followups.agenda(box, days=7, now=NOW, limit=2)
    assert [i.note for i in limited.overdue] == ["r0", "r1"]
    assert limited.total("overdue") == 5 and limited.total("upcoming") == 1
    everything = followups.agenda(box, days=7, now=NOW)
    assert len(everything.overdue) == everything.total("overdue") == 5
    box.remove(ids[4])  # a trashed contact's reminders are not counted either
    assert followups.agenda(box, days=7, now=NOW, limit=2).total("overdue") == 4


# -- losing touch ---------------------------------------------------------------------------------


def test_losing_touch_is_worst_first_relative_to_the_cadence(box: CardBox) -> None:
    monthly, quarterly, fine, never = (person(box, n) for n in ("M", "Q", "F", "N"))
    followups.set_cadence(box, monthly, "30d")
    followups.set_cadence(box, quarterly, "90d")
    followups.set_cadence(box, fine, "30d")
    followups.log(box, monthly, "call", at=NOW - timedelta(days=60), now=NOW)  # 30 late of 30
    followups.log(box, quarterly, "call", at=NOW - timedelta(days=130), now=NOW)  # 40 late of 90
    followups.log(box, fine, "call", at=NOW - timedelta(days=10), now=NOW)
    drifts, total = followups.losing_touch(box, now=NOW)
    assert [d.contact.id for d in drifts] == [monthly, quarterly]
    assert total == 2
    assert drifts[0].over == timedelta(days=30) and drifts[0].ratio == pytest.approx(1.0)
    assert drifts[1].over == timedelta(days=40) and drifts[1].every_days == 90
    assert drifts[0].last == NOW - timedelta(days=60)
    top, total = followups.losing_touch(box, now=NOW, limit=1)
    assert [d.contact.id for d in top] == [monthly] and total == 2
    assert never  # no cadence: never listed
    assert never not in {d.contact.id for d in drifts}


def test_a_contacts_own_cadence_beats_tag_and_industry_defaults(box: CardBox) -> None:
    own = person(box, "Own", tags=["investor"], industries=["L-legal"])
    tagged = person(box, "Tagged", tags=["investor"], industries=["L-legal"])
    lawyer = person(box, "Lawyer", industries=["L-legal"])
    followups.set_cadence(box, own, "200d")
    followups.set_default_cadence(box, "tag", "investor", "60d")
    followups.set_default_cadence(box, "industry", "L", "30d")  # covers L-legal
    for cid in (own, tagged, lawyer):
        followups.log(box, cid, "met", at=NOW - timedelta(days=100), now=NOW)
    drifts, _total = followups.losing_touch(box, now=NOW)
    assert {d.contact.id: d.every_days for d in drifts} == {tagged: 60, lawyer: 30}
    assert [d.contact.id for d in drifts] == [lawyer, tagged]  # 70 late of 30 before 40 of 60


def test_logging_a_call_takes_someone_off_the_losing_touch_list(box: CardBox) -> None:
    cid = person(box, "Late")
    followups.set_cadence(box, cid, "2w")
    followups.log(box, cid, "meeting", at=NOW - timedelta(days=20), now=NOW)
    assert [d.contact.id for d in followups.losing_touch(box, now=NOW)[0]] == [cid]
    followups.log(box, cid, "call", at=NOW - timedelta(hours=1), now=NOW)
    assert followups.losing_touch(box, now=NOW) == ([], 0)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(1, 400), st.integers(0, 1000)), min_size=1, max_size=6, unique=True
    )
)
def test_losing_touch_lists_exactly_who_is_late_in_order(
    empty_box_template: Path, people: list[tuple[int, int]]
) -> None:
    """For any cadences and last contacts: someone is listed iff their last interaction is longer
    ago than their cadence, and the list goes from most to least late per cadence."""
    with (
        tempfile.TemporaryDirectory(prefix="cardbox-test-") as scratch,
        CardBox.open(copy_box(empty_box_template, Path(scratch) / "box.sqlite")) as memory,
    ):
        followups.set_zone(memory, "Asia/Tokyo")
        expected = {}
        for n, (every, ago) in enumerate(people):
            cid = memory.add(card(family_name=f"P{n}")).id or 0
            followups.set_cadence(memory, cid, f"{every}d")
            followups.log(memory, cid, "call", at=NOW - timedelta(days=ago), now=NOW)
            if ago > every:
                expected[cid] = (ago - every) / every
        drifts, total = followups.losing_touch(memory, now=NOW)
        assert {d.contact.id for d in drifts} == set(expected) and total == len(expected)
        ratios = [d.ratio for d in drifts]
        assert ratios == sorted(ratios, reverse=True)
        for d in drifts:
            assert d.ratio == pytest.approx(expected[d.contact.id or 0])
            assert d.due == (d.last or NOW) + timedelta(days=d.every_days)


# -- reschedule and history -----------------------------------------------------------------------


def test_reschedule_restarts_a_series_where_snooze_does_not(box: CardBox) -> None:
    cid = person(box, "Series")
    snoozed = followups.remind(box, cid, "2026-12-01 09:00", "call", every="month", now=NOW)
    moved = followups.remind(box, cid, "2026-12-01 09:00", "call", every="month", now=NOW)
    followups.snooze(box, snoozed.id or 0, "2026-12-05 09:00", now=NOW)
    followups.reschedule(box, moved.id or 0, "2026-12-05 09:00", now=NOW)
    after_snooze = followups.complete(box, snoozed.id or 0, now=NOW)
    after_move = followups.complete(box, moved.id or 0, now=NOW)
    assert after_snooze.due == datetime(2027, 1, 1, 9, 0, tzinfo=TOKYO)
    assert after_move.due == datetime(2027, 1, 5, 9, 0, tzinfo=TOKYO)


def test_reschedule_refuses_what_it_cannot_read_and_what_is_done(box: CardBox) -> None:
    cid = person(box, "Once")
    r = followups.remind(box, cid, "1d", now=NOW)
    with pytest.raises(InvalidInput, match="2026-12-01"):
        followups.reschedule(box, r.id or 0, "2026-02-30", now=NOW)
    followups.complete(box, r.id or 0, now=NOW)
    with pytest.raises(InvalidInput, match="already done"):
        followups.reschedule(box, r.id or 0, "3d", now=NOW)


def test_history_has_a_line_per_occurrence_done(box: CardBox) -> None:
    cid = person(box, "History")
    other = person(box, "Other")
    monthly = followups.remind(box, cid, "2026-12-01 09:00", "call", every="month", now=NOW)
    once = followups.remind(box, other, "1d", "mail", now=NOW)
    followups.complete(box, monthly.id or 0, now=NOW)
    followups.complete(box, monthly.id or 0, now=NOW + timedelta(minutes=1))
    followups.complete(box, once.id or 0, now=NOW + timedelta(minutes=2))
    lines = followups.history(box)
    assert [(h.contact.id, h.occurrence) for h in lines] == [
        (other, once.due),
        (cid, datetime(2027, 1, 1, 9, 0, tzinfo=TOKYO)),
        (cid, datetime(2026, 12, 1, 9, 0, tzinfo=TOKYO)),
    ]
    assert [h.reminder.note for h in followups.history(box, cid)] == ["call", "call"]
    open_lines, total = followups.open_reminders(box, cid)
    assert total == 1 and open_lines[0].reminder.due == datetime(2027, 2, 1, 9, 0, tzinfo=TOKYO)
