"""Follow-ups as a user works them: remind, snooze, done, log, cadence, the agenda, .ics."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from click.testing import CliRunner, Result

from cardbox.cli import cli
from cardbox.domain.errors import InvalidInput
from cardbox.services import followups
from cardbox.services.box import CardBox
from tests.conftest import card

TOKYO = ZoneInfo("Asia/Tokyo")
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=TOKYO)


@pytest.fixture
def box(box_path: Path) -> Iterator[CardBox]:
    with CardBox.open(box_path) as opened:
        followups.set_zone(opened, "Asia/Tokyo")
        opened.add(card(family_name="山田", given_name="太郎", tags=["investor"]))
        opened.add(card(family_name="Smith", given_name="John", industries=["L-legal"]))
        yield opened


def test_a_reminder_is_due_when_asked_and_closed_when_done(box: CardBox) -> None:
    r = followups.remind(box, 1, "3d", "thank-you mail", now=NOW)
    assert r.due == datetime(2026, 11, 27, 10, 0, tzinfo=TOKYO)
    assert followups.agenda(box, days=2, now=NOW).upcoming == []
    later = followups.agenda(box, days=7, now=NOW)
    assert [(i.kind, i.note) for i in later.upcoming] == [("reminder", "thank-you mail")]
    overdue = followups.agenda(box, now=NOW + timedelta(days=5))
    assert [i.reminder_id for i in overdue.overdue] == [r.id]
    closed = followups.complete(box, r.id or 0, now=NOW)
    assert closed.done is not None
    assert followups.agenda(box, now=NOW + timedelta(days=5)).overdue == []
    with pytest.raises(InvalidInput, match="already done"):
        followups.complete(box, r.id or 0, now=NOW)


def test_a_recurring_reminder_moves_on_and_never_fires_twice(box: CardBox) -> None:
    r = followups.remind(box, 1, "2026-12-01 09:00", "quarterly call", every="3 months", now=NOW)
    first = followups.complete(box, r.id or 0, now=NOW)
    assert first.done is None and first.due == datetime(2027, 3, 1, 9, 0, tzinfo=TOKYO)
    second = followups.complete(box, r.id or 0, now=NOW)
    assert second.due == datetime(2027, 6, 1, 9, 0, tzinfo=TOKYO)


def test_snooze_moves_the_occurrence(box: CardBox) -> None:
    r = followups.remind(box, 1, "tomorrow 10:00", now=NOW)
    moved = followups.snooze(box, r.id or 0, "3d", now=NOW)
    assert moved.due > r.due


def test_unreadable_dates_are_errors_with_an_example_never_guesses(box: CardBox) -> None:
    for text in ("令和6年4月1日", "12", "someday"):
        with pytest.raises(InvalidInput, match=r"2026-12-01|tomorrow|3d"):
            followups.remind(box, 1, text, now=NOW)


def test_logging_a_call_resets_the_keep_in_touch_clock(box: CardBox) -> None:
    followups.set_cadence(box, 2, "30d")
    created = box.get(2).created
    assert created is not None
    due_soon = followups.agenda(box, days=40, now=created)
    assert [i.kind for i in due_soon.upcoming] == ["cadence"]
    followups.log(box, 2, "call", "caught up", at=created + timedelta(days=20), now=NOW)
    assert followups.agenda(box, days=40, now=created).upcoming == []  # moved past the window
    (item,) = followups.agenda(box, days=60, now=created).upcoming
    assert item.due.date() == (created + timedelta(days=50)).astimezone(TOKYO).date()


def test_a_tag_default_cadence_applies_to_everyone_with_the_tag(box: CardBox) -> None:
    followups.set_default_cadence(box, "tag", "Investor", "60d")
    items = followups.agenda(box, days=90, now=NOW).upcoming
    assert [i.contact.family_name for i in items if i.kind == "cadence"] == ["山田"]


def test_logging_can_complete_the_open_reminder(box: CardBox) -> None:
    r = followups.remind(box, 1, "1d", "send deck", now=NOW)
    _item, closed = followups.log(box, 1, "email", "deck sent", complete_open=True, now=NOW)
    assert [c.id for c in closed] == [r.id]


def test_the_calendar_export_is_read_back_by_icalendar(box: CardBox, tmp_path: Path) -> None:
    box.store.update(1, lambda c: replace(c, birthday="--02-29"))
    followups.remind(box, 1, "2026-12-01 09:30", "call", every="month", now=NOW)
    target = tmp_path / "f.ics"
    assert followups.export_ics(box, "", target) == 1
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    (todo,) = cal.walk("VTODO")
    due = todo.decoded("DUE")
    assert due == datetime(2026, 12, 1, 9, 30, tzinfo=TOKYO)
    assert str(due.tzinfo) == "Asia/Tokyo"
    assert todo.get("RRULE")["FREQ"] == ["MONTHLY"]
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Asia/Tokyo"
    (birthday,) = cal.walk("VEVENT")
    assert "山田" in str(birthday["SUMMARY"])


def test_due_cli_lists_and_exits_zero_either_way(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite"
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(cli, ["--db", str(db), *args], catch_exceptions=False)

    assert run("due").exit_code == 2  # there is no box yet: a read never makes one
    run("add", "--family", "山田")
    assert run("due").exit_code == 0
    assert run("config", "zone", "Asia/Tokyo").exit_code == 0
    result = run("remind", "1", "tomorrow 09:00", "call back")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Reminder #1: 山田 on ")
    listed = json.loads(run("due", "--days", "3", "--json").stdout)
    assert any(i["note"] == "call back" for i in listed["today"] + listed["upcoming"])
    bad = run("remind", "1", "令和6年4月1日")
    assert bad.exit_code == 1 and "令和6年4月1日" in bad.stderr


def test_cards_logged_at_an_event_are_met_and_get_its_follow_up(box: CardBox) -> None:
    box.add_event("渋谷交流会", follow_up="3d", follow_up_note="お礼メール")
    c = box.add(card(family_name="林", given_name="花子", events=["渋谷交流会"]))
    from cardbox.store import followups as rows

    met = box.store.read(lambda conn: rows.interactions(conn, c.id or 0))
    assert [(i.kind, i.text) for i in met] == [("met", "渋谷交流会")]
    (reminder,) = box.store.read(lambda conn: rows.reminders(conn, contact_id=c.id))
    assert reminder.note == "お礼メール"
    # an event without a date is today's: its follow-up is 3 days from today at 09:00
    today = datetime.now(TOKYO).date()
    assert reminder.due == datetime.combine(today + timedelta(days=3), time(9, 0), TOKYO)
