"""`cardbox losing-touch` and birthdays in `cardbox due`, as a script or a person runs them."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from click.testing import CliRunner, Result

from cardbox.cli import cli
from cardbox.services import followups
from cardbox.services.box import CardBox
from tests.conftest import card

Run = Callable[..., Result]


def runner(db: Path) -> Run:
    invoke = CliRunner().invoke
    return lambda *a: invoke(cli, ["--db", str(db), *a], catch_exceptions=False)


def test_losing_touch_lists_the_worst_first_as_text_and_json(box_path: Path) -> None:
    db = box_path
    run = runner(db)
    run("init")
    assert run("losing-touch").stdout.strip() == "Nobody is past their keep-in-touch cadence."
    now = datetime.now(UTC)
    with CardBox.open(db) as box:
        slow = box.add(card(family_name="Slow", company="Q Co")).id or 0
        worst = box.add(card(family_name="山田", given_name="太郎", tags=["investor"])).id or 0
        fine = box.add(card(family_name="Fine")).id or 0
        followups.set_cadence(box, slow, "90d")
        followups.set_default_cadence(box, "tag", "investor", "30d")
        followups.set_cadence(box, fine, "30d")
        followups.log(box, slow, "call", at=now - timedelta(days=130))
        followups.log(box, worst, "meeting", at=now - timedelta(days=60, hours=1))
        followups.log(box, fine, "call", at=now - timedelta(days=3))
    text = run("losing-touch")
    assert text.exit_code == 0
    lines = text.stdout.splitlines()
    assert lines[0].split()[:3] == ["Late", "Every", "Last"]
    body = [line for line in lines[1:] if line.strip() and not line.startswith(("-", "─"))]
    assert "山田 太郎" in body[0] and "30d" in body[0] and "Slow" in body[1]
    assert not any("Fine" in line for line in lines)
    data = json.loads(run("losing-touch", "--json").stdout)
    assert [d["contact_id"] for d in data] == [worst, slow]
    assert data[0]["every_days"] == 30 and data[0]["days_late"] == 30
    assert data[1]["days_late"] == 40 and data[1]["late_ratio"] < data[0]["late_ratio"]
    top = run("losing-touch", "--limit", "1")
    assert "山田 太郎" in top.stdout and "… and 1 more" in top.stdout
    assert len(json.loads(run("losing-touch", "--limit", "1", "--json").stdout)) == 1


def test_due_lists_birthdays_from_an_imported_card(tmp_path: Path, box_path: Path) -> None:
    db = box_path
    run = runner(db)
    assert run("config", "zone", "UTC").exit_code == 0
    today = datetime.now(UTC).date()
    soon = today + timedelta(days=3)
    vcf = tmp_path / "cards.vcf"
    vcf.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Tanaka;Yuki;;;\r\nFN:Yuki Tanaka\r\n"
        f"BDAY:--{soon:%m%d}\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Born;Today;;;\r\nFN:Today Born\r\n"
        f"BDAY:1990-{today:%m-%d}\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    assert run("import", str(vcf)).exit_code == 0
    data = json.loads(run("due", "--json").stdout)
    assert data["overdue"] == []
    (born_today,) = data["today"]
    assert born_today["kind"] == "birthday" and born_today["name"] == "Today Born"
    assert born_today["age"] == today.year - 1990
    (coming,) = data["upcoming"]
    assert coming["kind"] == "birthday" and coming["age"] is None
    assert coming["due"].startswith(soon.isoformat())
    text = run("due").stdout
    assert "Today (1)" in text and "Upcoming (1)" in text
    assert soon.isoformat() in text and "birthday" in text
    assert json.loads(run("due", "--days", "1", "--json").stdout)["upcoming"] == []


def test_due_says_how_many_more_there_are_past_the_limit(box_path: Path) -> None:
    db = box_path
    with CardBox.open(db) as box:
        cid = box.add(card(family_name="Busy")).id or 0
        past = datetime.now(UTC) - timedelta(days=5)
        for n in range(4):
            followups.remind(box, cid, f"{n + 1}d", f"task {n}", now=past)
    run = runner(db)
    text = run("due", "--limit", "3").stdout
    assert "Overdue (4)" in text and "task 2" in text and "task 3" not in text
    assert "… and 1 more" in text
    assert len(json.loads(run("due", "--limit", "3", "--json").stdout)["overdue"]) == 4


def test_snooze_of_a_reminder_not_yet_due_puts_it_off_from_its_due_time(tmp_path: Path) -> None:
    run = runner(tmp_path / "box.sqlite")
    run("add", "--family", "田中")
    run("config", "zone", "Asia/Tokyo")
    assert run("remind", "1", "10d", "お礼メール").exit_code == 0
    (before,) = json.loads(run("reminders", "--json").stdout)
    result = run("snooze", "1", "1d")
    assert result.exit_code == 0, result.stderr
    (after,) = json.loads(run("reminders", "--json").stdout)
    moved = datetime.fromisoformat(after["due"]) - datetime.fromisoformat(before["due"])
    assert moved == timedelta(days=1)
    shown = datetime.fromisoformat(after["due"]).strftime("%Y-%m-%d %H:%M")
    assert f"snoozed until {shown} Asia/Tokyo" in result.stdout


def test_reminders_and_due_show_times_in_the_configured_zone_and_say_an_older_ones_zone(
    tmp_path: Path,
) -> None:
    invoke = CliRunner(env={"TZ": "Etc/UTC"}).invoke
    db = str(tmp_path / "box.sqlite")

    def run(*a: str) -> Result:
        return invoke(cli, ["--db", db, *a], catch_exceptions=False)

    run("add", "--family", "田中")
    assert "Etc/UTC" in run("remind", "1", "2030-11-30 01:00", "before").stdout
    run("config", "zone", "Asia/Tokyo")
    made = run("remind", "1", "2030-11-30 11:00", "after", "--every", "3 months")
    assert "on 2030-11-30 11:00 Asia/Tokyo, repeating every 3 months" in made.stdout
    listed = run("reminders").stdout
    assert "2030-11-30 10:00*" in listed and "2030-11-30 11:00 " in listed
    assert "01:00" not in listed and "FREQ=" not in listed
    assert "every 3 months" in listed
    assert listed.count("Times in Asia/Tokyo.") == 1
    assert listed.count("* set in Etc/UTC") == 1
    snoozed = run("snooze", "1", "2030-12-01 09:00").stdout
    assert "until 2030-12-01 09:00 Asia/Tokyo (set in Etc/UTC)" in snoozed
    shown = json.loads(run("reminders", "--json").stdout)
    assert [r["due"] for r in shown] == ["2030-11-30T11:00:00+09:00", "2030-12-01T09:00:00+09:00"]


def test_log_records_a_past_interaction_with_at(tmp_path: Path) -> None:
    run = runner(tmp_path / "box.sqlite")
    run("add", "--family", "田中")
    run("config", "zone", "Asia/Tokyo")
    result = run("log", "1", "call", "見積もり", "--at", "2026-11-28 15:00")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Logged call with 田中 on 2026-11-28 15:00 Asia/Tokyo.\n"
    ago = run("log", "1", "email", "--at", "3d-ago")
    assert ago.exit_code == 0
    three_days = datetime.now(ZoneInfo("Asia/Tokyo")) - timedelta(days=3)
    assert f"on {three_days:%Y-%m-%d}" in ago.stdout
    bad = run("log", "1", "call", "--at", "next year")
    assert bad.exit_code == 1 and "past time" in bad.stderr and "3d ago" in bad.stderr


def test_reschedule_moves_a_reminder_earlier_where_a_snooze_refuses(tmp_path: Path) -> None:
    run = runner(tmp_path / "box.sqlite")
    run("add", "--family", "田中")
    run("config", "zone", "Asia/Tokyo")
    run("remind", "1", "2030-12-06 23:12", "お礼メール")
    refused = run("snooze", "1", "2030-12-04 10:00")
    assert refused.exit_code == 1 and "cardbox reschedule" in refused.stderr
    moved = run("reschedule", "1", "2030-12-04 10:00")
    assert moved.exit_code == 0, moved.stderr
    assert moved.stdout == "Reminder #1 moved to 2030-12-04 10:00 Asia/Tokyo.\n"
