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

The feel of the app (targets from issue 14) is timed the same way, on the same box: ``ctrl+s`` in
logging mode to the next blank card, ``n`` and ``e`` to a ready form, each screen to its first
focused widget, start of ``--demo`` to its first rows, and ``ctrl+q`` to the end of the process.
Each key is sent as a terminal sends it (no waiting for the app to be idle), and the time runs
until the app is ready for the next key (the form on screen with its first field focused).
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
from functools import partial
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

    from cardbox.services.box import CardBox

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
    from cardbox.services.box import CardBox
    from cardbox.tui.app import CardboxApp
    from cardbox.tui.screens.main import MainScreen

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
    from cardbox.services.box import CardBox
    from cardbox.tui.app import CardboxApp
    from cardbox.tui.screens.main import MainScreen

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


SCREENS = {
    "a": "AgendaScreen",
    "R": "RemindersScreen",
    "D": "DashboardScreen",
    "x": "ExportScreen",
    "Q": "QrScreen",
    "M": "DuplicatesScreen",
    "c": "CompanyScreen",
    "i": "ImportScreen",
    "J": "KanaIndex",
    "question_mark": "HelpScreen",
    "n": "ContactForm",
    "e": "ContactForm",
    "l": "EventPicker",
}
"""Keys of the main screen and the screen each opens (by class name)."""


def send(app: object, *keys: str) -> None:
    """Post keys to the app the way the terminal driver does (nothing waits in between)."""
    from textual import events

    for key in keys:
        char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)  # type: ignore[arg-type]
        app.post_message(event)  # type: ignore[attr-defined]


async def until(check: object, limit: float = 20.0) -> float:
    """Seconds until ``check()`` is true (polled every millisecond)."""
    start = time.perf_counter()
    while not check():  # type: ignore[operator]
        if time.perf_counter() - start > limit:
            raise SystemExit(f"not ready after {limit} s: {getattr(check, 'what', '')}")
        await asyncio.sleep(0.001)
    return time.perf_counter() - start


def ready(app: object, name: str) -> bool:
    """The screen on top is ``name``, mounted, and something in it has the focus."""
    screen = app.screen  # type: ignore[attr-defined]
    if type(screen).__name__ != name or not screen.is_mounted:
        return False
    focused = screen.focused
    if name == "ContactForm":
        return focused is not None and focused.id == "f-family_name"
    return focused is not None or name in ("QrScreen", "HelpScreen", "KanaIndex")


def child_feel(path: str) -> None:
    """Time the keys that open screens and log cards (see the module's docstring)."""
    from cardbox.services.box import CardBox
    from cardbox.tui.app import CardboxApp

    box = CardBox.open(path)
    app = CardboxApp(box, agenda_at_start=False)
    out: dict[str, list[float]] = {}

    async def drive() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            main = app.screen
            for _round in range(3):
                for key, name in SCREENS.items():
                    took = 0.0
                    send(app, key)
                    check = partial(ready, app, name)
                    check.what = f"{key} -> {name}, on top: {app.screen!r}"  # type: ignore[attr-defined]
                    took = await until(check)
                    out.setdefault(f"{key} opens {name}", []).append(took)
                    print(f"{key} {took * 1000:.0f} ms", file=sys.stderr, flush=True)
                    await pilot.pause(0.2)
                    while app.screen is not main:
                        send(app, "escape")
                        await pilot.pause(0.2)
                        if type(app.screen).__name__ == "Confirm":
                            send(app, "enter")
                            await pilot.pause(0.2)
                    await pilot.pause(0.1)
            # Logging mode: a new event, then card after card.
            send(app, "l")
            await until(lambda: ready(app, "EventPicker"))
            send(app, *"Bench night", "ctrl+s")
            await until(lambda: ready(app, "ContactForm"))
            for n in range(12):
                name = f"Bench{n}"
                send(app, *name, "tab", "tab", *"Person")
                await until(
                    lambda name=name: (
                        not getattr(app, "keys_pending", False)
                        and app.screen.query_one("#f-family_name").value == name
                    )  # type: ignore[attr-defined]
                )
                start = time.perf_counter()
                send(app, "ctrl+s")
                # The next blank card: a new form, or the same one emptied.
                await until(
                    lambda: (
                        ready(app, "ContactForm")
                        and not app.screen.query_one("#f-family_name").value  # type: ignore[attr-defined]
                        and not getattr(app, "keys_pending", False)
                    )
                )
                out.setdefault("ctrl+s to the next blank card", []).append(
                    time.perf_counter() - start
                )
            await pilot.pause(0.5)

    asyncio.run(drive())
    print(json.dumps({"feel": out, "peak_mb": peak_mb()}))


def child_demo_launch(_unused: str) -> None:
    """Start ``cardbox --demo`` (a fresh demo box) and quit once its first rows are shown."""
    from cardbox.services.box import CardBox
    from cardbox.tui.app import CardboxApp
    from cardbox.tui.screens.main import MainScreen

    start = time.perf_counter()
    box = CardBox.demo()
    app = CardboxApp(box)
    original = MainScreen.on_main_screen_listed

    def listed(self: MainScreen, message: MainScreen.Listed) -> None:
        original(self, message)
        if self.table.ids:
            self.call_after_refresh(lambda: app.exit(time.perf_counter() - start))

    MainScreen.on_main_screen_listed = listed  # type: ignore[method-assign]
    took = app.run(headless=True, size=(120, 40))
    print(json.dumps({"in_process": took}))


def child_quit(path: str) -> None:
    """Open the app, wait for its rows, then press ctrl+q; prints the wall clock of the press
    (the parent times the rest: until the process has ended)."""
    from cardbox.services.box import CardBox
    from cardbox.tui.app import CardboxApp
    from cardbox.tui.screens.main import MainScreen

    box = CardBox.open(path)
    app = CardboxApp(box, agenda_at_start=False)
    original = MainScreen.on_main_screen_listed
    pressed: list[float] = []

    def press() -> None:
        pressed.append(time.time())
        send(app, "ctrl+q")

    def listed(self: MainScreen, message: MainScreen.Listed) -> None:
        original(self, message)
        if self.table.ids and not pressed:
            self.set_timer(0.5, press)

    MainScreen.on_main_screen_listed = listed  # type: ignore[method-assign]
    app.run(headless=True, size=(120, 40))
    box.close()
    print(json.dumps({"pressed": pressed[0]}), flush=True)


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
    parser.add_argument("--feel", help=argparse.SUPPRESS)
    parser.add_argument("--demo-launch", help=argparse.SUPPRESS)
    parser.add_argument("--quit", help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=5, help="Launches to time.")
    parser.add_argument("--only-feel", action="store_true", help="Skip the typing benchmark.")
    args = parser.parse_args()
    for mode, child in (
        ("feel", child_feel),
        ("demo_launch", child_demo_launch),
        ("quit", child_quit),
    ):
        if getattr(args, mode):
            child(getattr(args, mode))
            return
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
    feel(path, args.runs)
    if args.only_feel:
        return
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


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))]


def feel(path: Path, runs: int) -> None:
    """Print the figures a person feels (issue 14's targets)."""
    demos = sorted(spawn("demo-launch", path)[1] for _ in range(runs))
    print(
        f"--demo start to first rows: median {statistics.median(demos):.2f} s,"
        f" max {demos[-1]:.2f} s (target < 1 s)"
    )
    quits = []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, __file__, "--quit", str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        ended = time.time()
        pressed = float(json.loads(out.stdout.strip().splitlines()[-1])["pressed"])
        quits.append(ended - pressed)
        del start
    quits.sort()
    print(
        f"ctrl+q to the end of the process: median {statistics.median(quits) * 1000:.0f} ms,"
        f" max {quits[-1] * 1000:.0f} ms (target < 100 ms)"
    )
    result, _wall = spawn("feel", path)
    for what, times in result["feel"].items():  # type: ignore[attr-defined]
        ms = [t * 1000 for t in times]
        target = 100 if what.startswith(("ctrl+s", "n ", "e ")) else 150
        print(
            f"{what}: median {statistics.median(ms):.0f} ms, p95 {p95(ms):.0f} ms,"
            f" max {max(ms):.0f} ms (target < {target} ms)"
        )


if __name__ == "__main__":
    main()
