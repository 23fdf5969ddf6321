"""Benchmark cold write commands against a cold `cardbox search --json`, in the same run.

    python bench/writes.py                       # 100,000 contacts in a temporary folder
    python bench/writes.py --keep DIR            # keep (and on later runs reuse) the box in DIR
    python bench/writes.py --size 10000 --runs 3 # a quick check

Each command runs as a fresh process (`run._spawn`: wall time and peak RSS of the command
alone), with Python's bytecode cache (as an installed cardbox runs), after one uncounted run of
each. The commands take turns, round after round, so that a change in the machine's load
falls on all of them alike; the ratios to the search's median are the figures that travel
between machines. Targets (issue 15) at 100,000 contacts: every write under 0.4 s and at most
3x the search; the search under 0.12 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's cardbox

from generate import generate
from run import _spawn

from cardbox.domain.model import Reminder
from cardbox.services.box import CardBox
from cardbox.store import followups as rows

ROOT = Path(__file__).resolve().parent.parent
TARGET_WRITE_S = 0.4
TARGET_RATIO = 3.0
TARGET_SEARCH_S = 0.12
SEARCH = ("search", "山田", "--json")


def build(path: Path, size: int, reminders: int) -> None:
    """``size`` generated contacts, and ``reminders`` open ones on contact 1 (one for each
    ``done`` run to close)."""
    now = datetime.now(UTC)
    tokyo = ZoneInfo("Asia/Tokyo")
    with CardBox.open(path) as box:
        contacts = generate(size)
        for start in range(0, size, 1000):
            box.add_contacts(contacts[start : start + 1000])
        due = (now + timedelta(days=7)).astimezone(tokyo)

        def fill(conn: object) -> None:
            import sqlite3

            assert isinstance(conn, sqlite3.Connection)
            for i in range(reminders):
                rows.add_reminder(
                    conn, Reminder(1, due, "Asia/Tokyo", f"bench {i}", None, due), now
                )

        box.store.transact(fill)  # type: ignore[arg-type]
        box.store.set_setting("zone", "Asia/Tokyo")


def commands(path: Path, runs: int) -> dict[str, list[list[str]]]:
    """For each command measured, the argument lists of its runs (the first is not counted)."""
    with CardBox.open(path) as box:
        open_ids = box.store.read(
            lambda conn: [
                r[0]
                for r in conn.execute(
                    "SELECT id FROM reminder WHERE done_at IS NULL AND note LIKE 'bench %'"
                    " ORDER BY id"
                )
            ]
        )
    if len(open_ids) < 2 * (runs + 1):
        raise SystemExit(f"{path}: too few open bench reminders left; remove the box to rebuild it")
    n = runs + 1
    return {
        "search --json": [list(SEARCH)] * n,
        "cadence": [["cadence", "1", f"{30 + i}d"] for i in range(n)],
        "remind": [["remind", "1", "tomorrow 10:00", "bench"] for _ in range(n)],
        "done": [["done", str(open_ids[i])] for i in range(n)],
        "snooze": [["snooze", str(open_ids[n + i]), "1d"] for i in range(n)],
        "log": [["log", "1", "call", "bench"] for _ in range(n)],
        "add": [["add", "--family", "Bench", "--given", f"Run{i}"] for i in range(n)],
        "edit": [["edit", "1", "--title", f"Bench {i}"] for i in range(n)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="Folder to keep (and reuse) the box in.")
    parser.add_argument("--size", type=int, default=100_000, help="Contacts in the box.")
    parser.add_argument("--runs", type=int, default=5, help="Counted runs of each command.")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="cardbox-writes-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"writes-{args.size}.sqlite"
    if not path.exists():
        start = time.perf_counter()
        build(path, args.size, reminders=200)
        print(f"built {args.size:,} contacts in {time.perf_counter() - start:.0f} s")
    # Measure this checkout, whatever cardbox is installed, with a bytecode cache of its own.
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])
    )
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")

    plan = commands(path, args.runs)
    walls: dict[str, list[float]] = {name: [] for name in plan}
    peaks: dict[str, list[float]] = {name: [] for name in plan}
    for run in range(args.runs + 1):
        for name, argvs in plan.items():
            cmd = [sys.executable, "-m", "cardbox", "--db", str(path), *argvs[run]]
            code, wall, peak, _out, err = _spawn(cmd)
            if code != 0:
                raise SystemExit(f"{' '.join(argvs[run])}: exit {code}: {err.decode()[-2000:]}")
            if run:
                walls[name].append(wall)
                peaks[name].append(peak)

    search = statistics.median(walls["search --json"])
    load = os.getloadavg()[0]
    print(f"{args.size:,} contacts, median of {args.runs} cold runs each, load average {load:.1f}")
    print(f"{'command':<15} {'median':>8} {'x search':>9} {'peak MB':>8}  target")
    for name in plan:
        median = statistics.median(walls[name])
        ratio = median / search
        if name == "search --json":
            target = f"< {TARGET_SEARCH_S} s"
        else:
            target = f"< {TARGET_WRITE_S} s, <= {TARGET_RATIO:.0f}x search"
        print(f"{name:<15} {median:>7.3f}s {ratio:>8.2f}x {max(peaks[name]):>8.1f}  {target}")


if __name__ == "__main__":
    main()
