"""Crash safety: SIGKILL import, undo-import, add --event and the schema upgrade (with its
backup) at random points, then check that the box is whole, that nothing committed is lost and
that no use case is left half done (issue 11).

Each kill runs the operation in a child process on a fresh copy of a prepared box, waits until
the child has opened the box and is about to start, sleeps a random time within the operation's
usual span and kills it. The number of kills is bounded (``KILLS``) to keep the test short; the
seed of the random delays is in every failure message.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cardbox.services import importer
from cardbox.services.box import CardBox
from cardbox.services.importer import import_paths
from cardbox.store import backup, migrate, schema
from tests.conftest import card

KILLS = {"import": 3, "undo": 2, "add": 3, "upgrade": 3}
SPAN = {"import": 1.5, "undo": 0.6, "add": 1.5, "upgrade": 3.0}
KNOWN = 30
OLD = 800
SEED = random.randrange(1 << 30)

CHILD = {
    "import": (
        "from cardbox.services import importer; importer.BATCH = 40\n"
        "box = CardBox.open(DB); print('ready', flush=True)\n"
        "importer.import_paths(box, [SRC], event='Meetup')\n"
    ),
    "undo": (
        "box = CardBox.open(DB); box.store.writer; print('ready', flush=True)\n"
        "box.store.undo_import(1)\n"
    ),
    "add": (
        "from cardbox.services.box import Card\n"
        "box = CardBox.open(DB); box.store.writer; print('ready', flush=True)\n"
        "for i in range(2000):\n"
        "    box.add(Card(fields={'family_name': f'Crash{i}'}, events=['Meetup']))\n"
    ),
    "upgrade": "print('ready', flush=True)\nCardBox.open(DB).close()\n",
    "backup-rename": (
        "from cardbox.store import schema\n"
        "schema.os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)\n"
        "print('ready', flush=True)\nCardBox.open(DB).close()\n"
    ),
}


def vcf(cards: list[str]) -> str:
    return "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{c}END:VCARD\r\n" for c in cards)


def person(name: str, email: str, extra: str = "") -> str:
    return f"FN:{name}\r\nN:{name};P;;;\r\nEMAIL:{email}\r\n{extra}"


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """A box with known people and an import to undo, a file to import, and an old-schema box."""
    root = tmp_path_factory.mktemp("crash")
    base = root / "base.sqlite"
    first = root / "first.vcf"
    first.write_text(vcf([person(f"First{i}", f"first{i}@x.example") for i in range(200)]))
    saved = importer.BATCH
    importer.BATCH = 40
    try:
        with CardBox.open(base) as box:
            box.add_event("Meetup", follow_up="3d", follow_up_note="thank-you mail")
            for i in range(KNOWN):
                box.add(card(family_name=f"Known{i}", emails=[f"known{i}@x.example"]))
            assert import_paths(box, [first], event="Meetup").added == 200
    finally:
        importer.BATCH = saved
    source = root / "new.vcf"
    cards = [person(f"New{i}", f"new{i}@x.example") for i in range(300)]
    cards += [person(f"Known{i}", f"known{i}@x.example", "TITLE:Updated\r\n") for i in range(KNOWN)]
    source.write_text(vcf(cards))
    old = root / "old.sqlite"
    migrate.upgrade(old, "0001")
    conn = sqlite3.connect(old)
    with conn:
        conn.executemany(
            "INSERT INTO contact (id, uid, family_name, given_name, family_reading,"
            " given_reading, reading_confirmed, company, company_reading, department, title,"
            " notes, sort_key, extra, created_at, updated_at) VALUES (?, ?, ?, 'Taro', '', '',"
            " 1, 'Acme', '', '', '', 'n', ?, '{}', '2026-01-01', '2026-01-01')",
            [(i, f"uid-{i}", f"Old{i}", f"old{i}") for i in range(1, OLD + 1)],
        )
        conn.executemany(
            "INSERT INTO email (contact_id, position, label, address) VALUES (?, 0, '', ?)",
            [(i, f"old{i}@x.example") for i in range(1, OLD + 1)],
        )
    conn.close()  # the last connection: the WAL goes into the file, which is copied alone
    yield {"base": base, "source": source, "old": old, "root": root}


def kill_during(op: str, db: Path, source: Path, delay: float) -> None:
    code = (
        "import os, signal\nfrom pathlib import Path\nfrom cardbox.services.box import CardBox\n"
        f"DB = Path({str(db)!r}); SRC = Path({str(source)!r})\n" + CHILD[op]
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == b"ready", f"{op}: the child did not start"
    time.sleep(delay)
    if child.poll() is None:
        os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=60)


def check_whole(db: Path, why: str) -> sqlite3.Connection:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], why
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == [], why
    conn.execute("INSERT INTO contact_fts(contact_fts, rank) VALUES ('integrity-check', 1)")
    conn.execute("INSERT INTO contact_grams(contact_grams) VALUES ('integrity-check')")
    undocumented = conn.execute(
        "SELECT count(*) FROM contact c LEFT JOIN contact_search s ON s.contact_id = c.id"
        " WHERE c.deleted_at IS NULL AND s.contact_id IS NULL"
    ).fetchone()[0]
    trashed_found = conn.execute(
        "SELECT count(*) FROM contact c JOIN contact_search s ON s.contact_id = c.id"
        " WHERE c.deleted_at IS NOT NULL"
    ).fetchone()[0]
    assert (undocumented, trashed_found) == (0, 0), why
    return conn


def check_use_cases(conn: sqlite3.Connection, why: str) -> None:
    # Nothing committed before is lost: the known people are all there, live.
    known = conn.execute(
        "SELECT count(*) FROM contact WHERE family_name LIKE 'Known%' AND deleted_at IS NULL"
    ).fetchone()[0]
    assert known == KNOWN, why
    # Every live contact met at the event has its "met" interaction and its follow-up.
    half_done = conn.execute(
        "SELECT c.id, c.family_name FROM contact c"
        " JOIN meeting m ON m.contact_id = c.id JOIN event e ON e.id = m.event_id"
        " WHERE e.name = 'Meetup' AND c.deleted_at IS NULL AND ("
        "  NOT EXISTS (SELECT 1 FROM interaction i WHERE i.contact_id = c.id"
        "   AND i.kind = 'met' AND i.text = 'Meetup')"
        "  OR NOT EXISTS (SELECT 1 FROM reminder r WHERE r.contact_id = c.id))"
    ).fetchall()
    assert half_done == [], why
    # Each import run counts exactly the changes it logged (batches are all or nothing).
    for run, added, updated, undone in conn.execute(
        "SELECT id, added, updated, undone_at FROM import_run"
    ).fetchall():
        logged = dict(
            conn.execute(
                "SELECT action, count(*) FROM import_change WHERE run_id = ? GROUP BY action",
                (run,),
            ).fetchall()
        )
        assert (added, updated) == (logged.get("added", 0), logged.get("updated", 0)), why
        states = {
            r[0] is None
            for r in conn.execute(
                "SELECT c.deleted_at FROM import_change ch JOIN contact c ON c.id = ch.contact_id"
                " WHERE ch.run_id = ? AND ch.action = 'added'",
                (run,),
            )
        }
        # An undo is all or nothing: every contact the run added is live, or every one trashed.
        assert states <= ({False} if undone else {True}), why


@pytest.mark.parametrize("op", ["import", "undo", "add"])
def test_killed_writes_leave_a_whole_box(op: str, prepared: dict[str, Path]) -> None:
    rng = random.Random(f"{SEED}-{op}")
    for n in range(KILLS[op]):
        delay = rng.uniform(0, SPAN[op])
        why = f"{op}, kill {n} after {delay:.3f}s (seed {SEED})"
        db = prepared["root"] / f"{op}-{n}.sqlite"
        shutil.copy(prepared["base"], db)
        kill_during(op, db, prepared["source"], delay)
        with check_whole(db, why) as conn:
            check_use_cases(conn, why)
        conn.close()
        with CardBox.open(db) as box:  # opens cleanly, and the use case can run again
            assert box.contacts(limit=1).total >= KNOWN, why


@pytest.mark.parametrize("op", ["upgrade", "backup-rename"])
def test_a_killed_upgrade_leaves_the_box_and_only_whole_backups(
    op: str, prepared: dict[str, Path]
) -> None:
    rng = random.Random(f"{SEED}-{op}")
    for n in range(KILLS.get(op, 1)):
        delay = rng.uniform(0, SPAN.get(op, 5.0))
        why = f"{op}, kill {n} after {delay:.3f}s (seed {SEED})"
        folder = prepared["root"] / f"{op}-{n}"
        folder.mkdir()
        db = folder / "old.sqlite"
        shutil.copy(prepared["old"], db)
        kill_during(op, db, prepared["source"], delay)
        with CardBox.open(db) as box:
            assert box.contacts(limit=1).total == OLD, why
            assert box.search(f"old{OLD - 1}@x.example").total == 1, why
        check_whole(db, why).close()
        backups = schema.complete_backups(db)
        assert 1 <= len(backups) <= backup.LAST, why
        for made in backups:
            with sqlite3.connect(made) as conn:
                assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok", why
                assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == OLD, why
        files = [*folder.iterdir(), *backup.folder(db).glob("*")]
        left = sorted(p.name for p in files if p not in backups)
        assert all(not ("partial" in n or n.endswith("-journal")) for n in left), (why, left)
