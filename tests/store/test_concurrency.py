"""Two processes writing the same box at once: no "database is locked", no lost update."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

from cardbox.services.box import CardBox
from tests.conftest import card

WORKER = textwrap.dedent(
    """
    import sys
    from cardbox.services.box import Card, CardBox, Edits

    path, name, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with CardBox.open(path) as box:
        for i in range(rounds):
            # Read-modify-write of the same contact from every process: each adds its own tag.
            box.edit("shared", Edits(add=Card(tags=[f"{name}-{i}"])))
            box.add(Card(fields={"family_name": name, "given_name": str(i)}))
            box.search(name)
    print("done", name)
    """
)


def test_concurrent_writers_never_fail_and_never_lose_an_update(tmp_path: Path) -> None:
    path = tmp_path / "box.sqlite"
    with CardBox.open(path) as box:
        box.add_contacts([replace(box.check(card(family_name="Shared")), uid="shared")])

    rounds, workers = 25, 4
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(path), f"w{n}", str(rounds)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(workers)
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err
        assert out.startswith("done")

    with CardBox.open(path) as box:
        tags = set(box.get("shared").tags)
        assert tags == {f"w{n}-{i}" for n in range(workers) for i in range(rounds)}
        assert box.contacts().total == 1 + workers * rounds
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            conn.execute("INSERT INTO contact_fts(contact_fts) VALUES ('integrity-check')")
