"""Benchmark `cardbox due` cold on a box of 100,000 contacts with 20,000 reminders.

    python bench/due.py                 # builds the box in a temporary folder (about 1.5 min)
    python bench/due.py --keep DIR      # keep (and on later runs reuse) the box in DIR

The reminders are spread from 30 days overdue to 60 days ahead (one in five repeating monthly),
with 30,000 logged interactions, a 60-day cadence for everyone tagged "investor" and a 90-day one
of their own for every 50th contact: a heavy agenda. Prints the median wall time and peak memory
of `cardbox due` and `cardbox due --json` run as fresh processes. Target: under 0.5 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from generate import generate
from run import _spawn

from cardbox.box import CardBox
from cardbox.domain.model import Interaction, Reminder
from cardbox.store import followups as rows

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
            conn.execute("UPDATE contact SET cadence = '90d' WHERE id % 50 = 0")

        box.store.transact(fill)  # type: ignore[arg-type]
        box.store.set_setting("zone", "Asia/Tokyo")


def measure(path: Path, *extra: str) -> tuple[float, float]:
    """Median wall time (s) and peak RSS (MB) of `cardbox --db PATH due ...` as a new process."""
    walls, peaks = [], []
    for _ in range(RUNS):
        code, wall, peak, _out, err = _spawn(
            [sys.executable, "-m", "cardbox", "--db", str(path), "due", *extra]
        )
        assert code == 0, err.decode(errors="replace")
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
    for extra in ((), ("--json",)):
        wall, peak = measure(path, *extra)
        label = " ".join(("cardbox due", *extra))
        print(
            f"{label:<20} median {wall:.3f} s over {RUNS} runs, peak {peak:.1f} MB (target < 0.5 s)"
        )


if __name__ == "__main__":
    main()
