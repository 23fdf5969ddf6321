"""The box's files and the files cardbox writes: private, never a special file replaced, storage
errors as messages (issue 11, items 11-15)."""

from __future__ import annotations

import os
import resource
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cardbox.cli import cli
from cardbox.services.box import CardBox
from cardbox.store import migrate, schema
from tests.conftest import card


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args])


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def umask022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def db(box_path: Path) -> Path:
    path = box_path
    with CardBox.open(path) as box:
        box.add(card(family_name="-rf", emails=["rf@example.com"]))
        box.add(card(family_name="Yamada", given_name="Taro", phones=["090-1234-5678"]))
    return path


# -- 11. private files --------------------------------------------------------------------------


def test_a_new_box_its_folders_backups_and_images_are_the_users_alone(
    tmp_path: Path, umask022: None
) -> None:
    path = tmp_path / "made" / "for" / "box.sqlite"
    with CardBox.open(path, folders=True) as box:
        box.add(card(family_name="Private"))
        assert mode(path) == 0o600
        assert mode(path.with_name("box.sqlite-wal")) == 0o600
        assert mode(path.with_name("box.sqlite-shm")) == 0o600
    assert (mode(tmp_path / "made"), mode(tmp_path / "made" / "for")) == (0o700, 0o700)
    for args, out in (
        (("export", "-o", "all.vcf"), "all.vcf"),
        (("export-ics", "-o", "all.ics"), "all.ics"),
        (("qr", "1", "-o", "one.png"), "one.png"),
        (("qr", "1", "-o", "one.svg"), "one.svg"),
    ):
        target = tmp_path / out
        assert run(path, *args[:-1], str(target)).exit_code == 0
        assert mode(target) == 0o600, out
    assert run(path, "export", "--dir", str(tmp_path / "cards")).exit_code == 0
    assert mode(tmp_path / "cards") == 0o700
    assert {mode(p) for p in (tmp_path / "cards").iterdir()} == {0o600}
    old = tmp_path / "old.sqlite"
    migrate.upgrade(old, "0001")
    with sqlite3.connect(old) as conn:
        conn.execute(
            "INSERT INTO contact (uid, family_name, given_name, family_reading, given_reading,"
            " reading_confirmed, company, company_reading, department, title, notes, sort_key,"
            " extra, created_at, updated_at) VALUES ('u', 'Old', '', '', '', 1, '', '', '', '',"
            " '', 'old', '{}', '2026-01-01', '2026-01-01')"
        )
    CardBox.open(old).close()
    (backup,) = tmp_path.glob("old-backups/old-*-upgrade.sqlite")
    assert mode(backup) == 0o600 and mode(backup.parent) == 0o700


def test_an_existing_world_readable_box_is_made_private_and_says_so_once(
    db: Path, umask022: None
) -> None:
    os.chmod(db, 0o644)
    backup = db.with_name(db.name + ".backup-0005-20260101T000000000000")
    backup.write_bytes(b"x" * 10)
    os.chmod(backup, 0o644)
    first = run(db, "list")
    assert first.exit_code == 0
    assert "made private to you (mode 0600)" in first.stderr
    assert "box.sqlite.backup-0005" in first.stderr
    assert (mode(db), mode(backup)) == (0o600, 0o600)
    second = run(db, "list")
    assert second.exit_code == 0 and second.stderr == ""


# -- 12. where exports go --------------------------------------------------------------------------


def test_export_writes_into_a_fifo_and_never_replaces_it(db: Path, tmp_path: Path) -> None:
    for args in (("export",), ("export-ics",), ("qr", "1")):
        fifo = tmp_path / "pipe.png"
        os.mkfifo(fifo)
        got: list[bytes] = []
        reader = threading.Thread(target=lambda f=fifo, g=got: g.append(f.read_bytes()))
        reader.start()
        result = run(db, *args, "-o", str(fifo), "--overwrite")
        reader.join(timeout=30)
        assert result.exit_code == 0, result.output
        assert stat.S_ISFIFO(fifo.lstat().st_mode)
        assert got and got[0].startswith((b"BEGIN:VC", b"\x89PNG"))
        fifo.unlink()


def test_a_device_is_never_replaced(db: Path) -> None:
    for args in (("export",), ("export-ics",)):
        result = run(db, *args, "-o", os.devnull, "--overwrite")
        assert result.exit_code == 2
        assert "not a regular file" in result.stderr
    assert run(db, "qr", "1", "-o", os.devnull, "--overwrite").exit_code != 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_qr_asks_for_overwrite_like_export(db: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious.png"
    precious.write_bytes(b"PRECIOUS")
    refused = run(db, "qr", "1", "-o", str(precious))
    assert refused.exit_code == 2 and "use --overwrite" in refused.stderr
    assert precious.read_bytes() == b"PRECIOUS"
    assert run(db, "qr", "1", "-o", str(precious), "--overwrite").exit_code == 0
    assert precious.read_bytes().startswith(b"\x89PNG")


def test_overwrite_through_a_symlink_writes_the_file_it_points_to(db: Path, tmp_path: Path) -> None:
    victim = tmp_path / "real.vcf"
    victim.write_text("old")
    link = tmp_path / "link.vcf"
    link.symlink_to(victim)
    assert run(db, "export", "-o", str(link)).exit_code == 2
    assert victim.read_text() == "old"
    done = run(db, "export", "-o", str(link), "--overwrite")
    assert done.exit_code == 0, done.output
    assert link.is_symlink() and victim.read_text().startswith("BEGIN:VCARD")
    png = tmp_path / "qr.png"
    png.symlink_to(victim)
    assert run(db, "qr", "1", "-o", str(png), "--overwrite").exit_code == 0
    assert png.is_symlink() and victim.read_bytes().startswith(b"\x89PNG")


def test_dash_is_standard_output_and_no_file_name_starts_with_a_dash(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = run(db, "export", "-o", "-")
    assert out.exit_code == 0 and out.stdout.startswith("BEGIN:VCARD")
    ics = run(db, "export-ics", "-o", "-")
    assert ics.exit_code == 0 and ics.stdout.startswith("BEGIN:VCALENDAR")
    assert not (tmp_path / "-").exists()
    assert run(db, "export", "--dir", "cards").exit_code == 0
    names = sorted(p.name for p in (tmp_path / "cards").iterdir())
    assert "_-rf.vcf" in names
    assert not any(n.startswith("-") for n in names)


# -- 13. storage errors are messages ---------------------------------------------------------------


def test_a_special_file_as_the_box_is_refused_with_a_message(tmp_path: Path) -> None:
    result = run(Path(os.devnull), "list")
    assert result.exit_code == 2
    assert "not a regular file" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_full_disk_during_import_is_a_message_and_the_box_stays_whole(
    db: Path, tmp_path: Path
) -> None:
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Filler {i}\r\nN:Filler{i};F;;;\r\n"
        f"EMAIL:f{i}@filler.example\r\nNOTE:{'x' * 200}\r\nEND:VCARD\r\n"
        for i in range(3000)
    )
    source = tmp_path / "many.vcf"
    source.write_text(cards)
    limit = db.stat().st_size + 64 * 1024

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run(
        [sys.executable, "-m", "cardbox", "--db", str(db), "import", str(source)],
        preexec_fn=small_disk,  # a file-size limit is the full disk here
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "cannot write to the box" in done.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] >= 2


def test_a_box_that_cannot_be_written_opens_read_only_and_refuses_writes(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A box in a read-only folder (simulated: the tests may run as root, who can write
    anywhere) is opened read-only, says so, lists and searches; a write is a message, exit 2."""
    real = os.access
    monkeypatch.setattr(
        "cardbox.store.db.os.access", lambda p, m: False if m == os.W_OK else real(p, m)
    )
    listed = run(db, "list")
    assert listed.exit_code == 0 and "Yamada" in listed.stdout
    assert "opened read-only" in listed.stderr
    assert run(db, "search", "yamada").exit_code == 0
    added = run(db, "add", "--family", "Nope")
    assert added.exit_code == 2
    assert "read-only" in added.stderr and "nothing was changed" in added.stderr
    assert isinstance(added.exception, SystemExit)


def test_a_failing_write_is_a_store_error_not_a_traceback(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    from cardbox.store.write import Writer

    def disk_full(*_a: object, **_k: object) -> None:
        raise OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(Writer, "write_children", disk_full)
    result = run(db, "add", "--family", "Full")
    assert result.exit_code == 2
    assert "cannot write to the box: database or disk is full" in result.stderr
    assert isinstance(result.exception, SystemExit)


# -- 14. the backup before an upgrade ----------------------------------------------------------------


def test_backups_are_written_whole_and_only_whole_ones_count(tmp_path: Path) -> None:
    path = tmp_path / "box.sqlite"
    migrate.upgrade(path, "0001")
    old = time.time() - 3600
    completes = []
    for n in range(4):
        p = tmp_path / f"box.sqlite.backup-0001-2026010{n + 1}T000000000000"
        p.write_bytes(b"SQLite format 3\x00" + b"x" * 100)
        completes.append(p)
    strays = [
        tmp_path / "box.sqlite.backup-0001-20260105T000000000000",  # 0 bytes: a killed copy
        tmp_path / "box.sqlite.backup-0001-20260105T000000000000-journal",
        tmp_path / "box.sqlite.backup-0001-20260106T000000000000.partial-999999999",
        tmp_path / "box.sqlite.backup-0001-20260106T000000000000.partial-999999999-journal",
    ]
    for p in strays:
        p.write_bytes(b"" if "journal" not in p.name and "partial" not in p.name else b"j")
    busy = tmp_path / f"box.sqlite.backup-0001-20260107T000000000000.partial-{os.getpid()}"
    busy.write_bytes(b"")  # a copy being written right now by a live process: left alone
    for p in [*completes, *strays, busy]:
        os.utime(p, (old, old))
    folder = tmp_path / "box-backups"
    folder.mkdir()
    gone = folder / ".box-20260108T000000000000Z-upgrade.sqlite.partial-999999999"
    gone.write_bytes(b"")  # a copy whose writer died, in the backup folder
    with sqlite3.connect(path) as conn:
        made = schema.backup(conn, path, "0001")
    assert made.parent == folder and made.name.endswith("-upgrade.sqlite")
    left = sorted(p.name for p in tmp_path.glob("box.sqlite.backup-*"))
    assert left == sorted([*(p.name for p in completes), busy.name])  # one rotation of 10
    assert [p.name for p in folder.iterdir()] == [made.name]
    with sqlite3.connect(made) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert schema.complete_backups(path) == [*completes, made]


# -- 15. a query that starts with a dash ----------------------------------------------------------


def test_a_search_starting_with_a_dash_is_a_query(db: Path) -> None:
    found = run(db, "search", "-rf")
    assert found.exit_code == 0, found.output
    assert "-rf" in found.stdout
    assert run(db, "search", "--", "-rf").stdout == found.stdout
    assert run(db, "search", "-zz").stdout.strip() == "No contacts."
    assert run(db, "search", "--limit", "1", "-rf").exit_code == 0
