"""Benchmark `cardbox due` cold on a box of 100,000 contacts with 20,000 reminders.

    python bench/due.py                 # builds the box in a temporary folder (about 1.5 min)
    python bench/due.py --keep DIR      # keep (and on later runs reuse) the box in DIR

The reminders are spread from 30 days overdue to 60 days ahead (one in five repeating monthly),
with 30,000 logged interactions, a 60-day cadence for everyone tagged "investor" and a 90-day one
of their own for every 50th contact, a 90-day default for the finance industry, and a birthday
for three contacts in ten (a third of them without the year, a few on 29 February): a heavy
agenda. The figures are taken twice: with Python's bytecode cache (as an installed cardbox runs)
and without it (``PYTHONDONTWRITEBYTECODE``, every module compiled at each start). Prints the
median wall time and peak memory of `cardbox due` and `cardbox due --json` run as fresh
processes, after an uncounted first run. Target: under 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's cardbox

from generate import generate
from run import _spawn

from cardbox.domain.model import Interaction, Reminder
from cardbox.services.box import CardBox
from cardbox.store import followups as rows

ROOT = Path(__file__).resolve().parent.parent
CONTACTS = 100_000
REMINDERS = 20_000
RUNS = 5


def build(path: Path) -> None:
    rng = random.Random(5)
    now = datetime.now(UTC)
    tokyo = ZoneInfo("Asia/Tokyo")
    with CardBox.open(path) as box:
        contacts = generate(CONTACTS)
        for start in range(0, CONTACTS, 1000):
            box.add_contacts(contacts[start : start + 1000])

        def fill(conn: object) -> None:
            import sqlite3

            assert isinstance(conn, sqlite3.Connection)
            for i in range(REMINDERS):
                due = (now + timedelta(days=rng.uniform(-30, 60))).astimezone(tokyo)
                rule = "FREQ=MONTHLY" if i % 5 == 0 else None
                reminder = Reminder(rng.randint(1, CONTACTS), due, "Asia/Tokyo", f"r{i}", rule, due)
                rows.add_reminder(conn, reminder, now)
            for _ in range(30_000):
                at = now - timedelta(days=rng.uniform(0, 100))
                rows.add_interaction(conn, Interaction(rng.randint(1, CONTACTS), "call", at))
            rows.set_cadence_default(conn, "tag", "investor", "60d")
            rows.set_cadence_default(conn, "industry", "J", "90d")
            conn.execute("UPDATE contact SET cadence = '90d' WHERE id % 50 = 0")
            for cid in range(1, CONTACTS + 1, 10):
                for n in range(3):
                    day = date(2000, 1, 1) + timedelta(days=rng.randrange(366))
                    year = "--" if n == 0 else f"{rng.randint(1950, 2000)}-"
                    if year != "--" and (day.month, day.day) == (2, 29):
                        year = "1996-"
                    birthday = f"{year}{day:%m-%d}"
                    conn.execute(
                        "UPDATE contact SET birthday = ? WHERE id = ?", (birthday, cid + n)
                    )

        box.store.transact(fill)  # type: ignore[arg-type]
        box.store.set_setting("zone", "Asia/Tokyo")


def measure(path: Path, *extra: str) -> tuple[float, float]:
    """Median wall time (s) and peak RSS (MB) of `cardbox --db PATH due ...` as a new process,
    after one run that is not counted (it upgrades the schema and fills the bytecode cache)."""
    walls, peaks = [], []
    for run in range(RUNS + 1):
        code, wall, peak, _out, err = _spawn(
            [sys.executable, "-m", "cardbox", "--db", str(path), "due", *extra]
        )
        assert code == 0, err.decode(errors="replace")
        if run == 0:
            continue
        walls.append(wall)
        peaks.append(peak)
    return statistics.median(walls), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="Folder to keep (and reuse) the box in.")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="cardbox-due-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "due-100k.sqlite"
    if not path.exists():
        start = time.perf_counter()
        build(path)
        took = time.perf_counter() - start
        print(f"built {CONTACTS:,} contacts, {REMINDERS:,} reminders in {took:.0f} s")
    # Measure this checkout, whatever cardbox is installed.
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])
    )
    cache = folder / "pycache"
    for mode in ("bytecode cache", "no bytecode cache"):
        if mode == "bytecode cache":
            os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
            os.environ["PYTHONPYCACHEPREFIX"] = str(cache)
        else:
            os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
            os.environ.pop("PYTHONPYCACHEPREFIX", None)
        for extra in ((), ("--json",)):
            wall, peak = measure(path, *extra)
            label = " ".join(("cardbox due", *extra))
            print(
                f"{label:<18} {mode:<18} median {wall:.3f} s over {RUNS} runs,"
                f" peak {peak:.1f} MB (target < 0.5 s)"
            )


if __name__ == "__main__":
    main()
