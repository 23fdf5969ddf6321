"""Benchmark the terminal app on 100,000 generated contacts.

Targets: launch to the first screen with rows shown under 1 s; keystroke in the search box to
updated rows under 100 ms (p95); memory under 300 MB.

python bench/tui.py                   # builds the box in a temporary folder (about 1-2 min)
python bench/tui.py --keep DIR        # keep (and on later runs reuse) the box in DIR

Launch is timed from spawning a fresh ``python`` until the app (headless, 120x40) has drawn its
first rows, as a user starting ``cardbox`` would wait. Typing is timed in a second process driving
the app with Textual's Pilot: each character of each query is pressed, and the time until the
screen has been redrawn with that query's rows is taken on the app's own clock (Pilot's own
waiting after a key press is not counted; the search box's wait for the next keystroke is).
Peak RSS is read by each process about itself.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CONTACTS = 100_000
QUERIES = [
    "yamada",
    "山田",
    "やまだ",
    "ヤマダ",
    "tanaka",
    "弁護士",
    "sato",
    "smith",
    "株式会社",
    "090",
    "example.jp",
    "industry:legal",
    "tag:investor",
    "event:",
    "engineer",
    "john",
    "鈴木",
    "takahashi",
    "コンサル",
    "部長",
]


def build(folder: Path) -> Path:
    sys.path.insert(0, str(Path(__file__).parent))
    from generate import generate

    from cardbox.box import CardBox

    path = folder / "tui-100k.sqlite"
    if not path.exists():
        with CardBox.open(path) as box:
            contacts = generate(CONTACTS)
            for start in range(0, CONTACTS, 1000):
                box.add_contacts(contacts[start : start + 1000])
    return path


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_launch(path: str) -> None:
    """Open the app on the box and quit as soon as the first rows are on screen."""
    from cardbox.box import CardBox
    from cardbox.tui.app import CardboxApp
    from cardbox.tui.main import MainScreen

    box = CardBox.open(path)
    app = CardboxApp(box)
    original = MainScreen.on_main_screen_listed

    def listed(self: MainScreen, message: MainScreen.Listed) -> None:
        original(self, message)
        if self.table.ids:
            self.call_after_refresh(lambda: app.exit(len(self.table.ids)))

    MainScreen.on_main_screen_listed = listed  # type: ignore[method-assign]
    shown = app.run(headless=True, size=(120, 40))
    print(json.dumps({"rows": shown, "peak_mb": peak_mb()}))


def child_typing(path: str) -> None:
    """Type every query a key at a time; time each key until the table shows its result."""
    from cardbox.box import CardBox
    from cardbox.tui.app import CardboxApp
    from cardbox.tui.main import MainScreen

    box = CardBox.open(path)
    app = CardboxApp(box, agenda_at_start=False)
    done: dict[str, float] = {}
    original = MainScreen.on_main_screen_listed

    def listed(self: MainScreen, message: MainScreen.Listed) -> None:
        original(self, message)
        # Stamped once the screen has been redrawn with the new rows.
        self.call_after_refresh(lambda: done.__setitem__(message.text, time.perf_counter()))

    MainScreen.on_main_screen_listed = listed  # type: ignore[method-assign]
    times: list[tuple[float, str]] = []

    async def drive() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.main
            search = screen.query_one("#search")
            for query in QUERIES:
                search.value = ""  # type: ignore[attr-defined]
                await app.workers.wait_for_complete()
                await pilot.pause()
                search.focus()
                typed = ""
                for ch in query:
                    typed += ch
                    done.pop(typed, None)
                    start = time.perf_counter()
                    await pilot.press(ch)
                    deadline = start + 10
                    while typed not in done:
                        if time.perf_counter() > deadline:
                            raise SystemExit(f"no result for {typed!r} after 10 s")
                        await asyncio.sleep(0.001)
                    times.append((done[typed] - start, typed))
                    await pilot.pause()

    asyncio.run(drive())
    print(json.dumps({"times": times, "peak_mb": peak_mb()}))


def spawn(mode: str, path: Path) -> tuple[dict[str, object], float]:
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, __file__, f"--{mode}", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - start
    return json.loads(out.stdout.strip().splitlines()[-1]), wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="Folder to keep (and reuse) the box in.")
    parser.add_argument("--launch", help=argparse.SUPPRESS)
    parser.add_argument("--typing", help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=5, help="Launches to time.")
    args = parser.parse_args()
    if args.launch:
        child_launch(args.launch)
        return
    if args.typing:
        child_typing(args.typing)
        return
    folder = args.keep or Path(tempfile.mkdtemp(prefix="cardbox-tui-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = build(folder)
    spawn("launch", path)  # warm the page cache once
    launches = [spawn("launch", path) for _ in range(args.runs)]
    walls = sorted(wall for _, wall in launches)
    rows = launches[0][0]["rows"]
    peak = max(float(str(r["peak_mb"])) for r, _ in launches)
    print(
        f"launch to first rows ({CONTACTS:,} contacts, {rows:,} listed): "
        f"median {statistics.median(walls):.2f} s, max {walls[-1]:.2f} s, peak {peak:.0f} MB"
    )
    typing, _wall = spawn("typing", path)
    keyed = sorted((float(t) * 1000, q) for t, q in typing["times"])  # type: ignore[attr-defined]
    times = [t for t, _q in keyed]
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"keystroke to updated rows ({len(times)} keys): median {statistics.median(times):.1f} ms,"
        f" p95 {p95:.1f} ms, max {times[-1]:.1f} ms; peak {float(str(typing['peak_mb'])):.0f} MB"
    )
    print("slowest keys: " + ", ".join(f"{q!r} {t:.0f} ms" for t, q in keyed[-5:]))
    print("targets: launch < 1 s, keystroke p95 < 100 ms, memory < 300 MB")


if __name__ == "__main__":
    main()
