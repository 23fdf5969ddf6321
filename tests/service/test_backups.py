"""Backups: checked snapshots, the rotation, restore, and the automatic snapshot before import."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from cardbox.cli import cli
from cardbox.services import backups
from cardbox.services.box import CardBox
from cardbox.services.importer import import_paths
from cardbox.store import backup as store_backup
from tests.conftest import card


def test_a_backup_is_a_checked_copy_readable_by_the_owner_alone(box: CardBox) -> None:
    box.add(card(family_name="山田", given_name="太郎"))
    path = backups.backup(box)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    store_backup.check(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT family_name FROM contact").fetchall() == [("山田",)]
    assert [s.path for s in backups.snapshots(box.path)] == [path]


def test_a_backup_into_a_folder_never_replaces_a_file(box: CardBox, tmp_path: Path) -> None:
    out = backups.backup(box, tmp_path / "out")
    assert out.parent == tmp_path / "out"
    with pytest.raises(backups.BackupError, match="already exists"):
        store_backup.write(box.path, out)


def test_the_rotation_keeps_ten_then_daily_then_monthly() -> None:
    now = datetime(2026, 12, 3, 12, tzinfo=UTC)
    hourly = [now - timedelta(hours=h) for h in range(0, 24 * 400, 6)]
    kept = store_backup.keep(hourly, now)
    newest = sorted(hourly, reverse=True)[:10]
    assert set(newest) <= kept
    days = {t.date() for t in kept if now - t <= timedelta(days=14)}
    assert len(days) == 15  # today and the fourteen days before
    old = [t for t in kept if now - t > timedelta(days=14)]
    assert len({(t.year, t.month) for t in old}) == len(old)  # one a month at most
    assert all(now - t <= timedelta(days=366) for t in kept)


def test_rotation_thins_automatic_snapshots_but_never_manual_ones(box: CardBox) -> None:
    manual = backups.backup(box)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for minute in range(15):
        store_backup.take(box.path, "sync", now=start + timedelta(minutes=minute))
    found = backups.snapshots(box.path)
    assert manual in [s.path for s in found]
    assert len([s for s in found if s.reason == "sync"]) == 10


def test_restore_saves_the_box_first_and_refuses_what_is_not_a_box(
    tmp_path: Path,
    box_path: Path,
) -> None:
    path = box_path
    with CardBox.open(path) as box:
        box.add(card(family_name="山田"))
        snap = backups.backup(box)
        box.add(card(family_name="佐藤"))
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(backups.BackupError, match="not a cardbox box"):
        backups.restore(path, junk)
    saved = backups.restore(path, snap)
    assert saved is not None and saved.name.endswith("-restore.sqlite")
    with CardBox.open(path) as box:
        assert [c.family_name for c in box.contacts().contacts] == ["山田"]
    with CardBox.open(saved) as old:
        assert sorted(c.family_name for c in old.contacts().contacts) == ["佐藤", "山田"]


def test_an_import_takes_a_snapshot_first(box: CardBox, tmp_path: Path) -> None:
    box.add(card(family_name="山田"))
    vcf = tmp_path / "a.vcf"
    vcf.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A B\r\nN:B;A;;;\r\nEND:VCARD\r\n")
    import_paths(box, [vcf])
    assert [s.reason for s in backups.snapshots(box.path)] == ["import"]


def test_cli_backup_backups_and_restore(tmp_path: Path) -> None:
    db = str(tmp_path / "box.sqlite")
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db, "add", "--family", "山田"]).exit_code == 0
    made = runner.invoke(cli, ["--db", db, "backup"])
    assert made.exit_code == 0, made.output
    listed = runner.invoke(cli, ["--db", db, "backups"])
    assert "manual" in listed.output
    file = made.output.split(": ", 1)[1].strip()
    assert runner.invoke(cli, ["--db", db, "add", "--family", "佐藤"]).exit_code == 0
    back = runner.invoke(cli, ["--db", db, "restore", file])
    assert back.exit_code == 0, back.output
    assert "佐藤" not in runner.invoke(cli, ["--db", db, "list"]).output
    missing = runner.invoke(cli, ["--db", db, "restore", str(tmp_path / "none.sqlite")])
    assert missing.exit_code == 2 and "no such file" in missing.output


def test_the_upgrade_snapshot_joins_the_same_rotation(tmp_path: Path) -> None:
    from cardbox.store import migrate

    path = tmp_path / "old.sqlite"
    migrate.upgrade(path, "0001")
    folder = store_backup.folder(path)
    folder.mkdir()
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    older = []
    for n in range(12, 0, -1):  # twelve snapshots from earlier today, newest first
        stamp = (today + timedelta(microseconds=n)).strftime("%Y%m%dT%H%M%S%fZ")
        older.append(folder / f"old-{stamp}-sync.sqlite")
        older[-1].write_bytes(b"x")
    CardBox.open(path).close()  # upgrades, with a snapshot first
    found = backups.snapshots(path)
    assert [s.reason for s in found[:2]] == ["upgrade", "sync"]
    assert len(found) == 10  # the upgrade snapshot and the nine newest others
    assert [p.exists() for p in older] == [True] * 9 + [False] * 3
