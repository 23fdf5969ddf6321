"""SVG snapshots of every screen at 120x40, in English and in Japanese.

The clock is stopped at 2026-11-24 10:00 Tokyo time (time-machine) while the demo box is built and
the app runs, so dates, the agenda and the dashboard are the same on every run. A snapshot that
differs fails the test and pytest-textual-snapshot writes an HTML report showing both; after a
deliberate change, `pytest tests/tui/test_snapshots.py --snapshot-update` records the new look.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from textual.pilot import Pilot

from cardbox.services import followups
from cardbox.services.box import CardBox
from cardbox.tui.app import CardboxApp
from cardbox.tui.i18n import use
from tests.conftest import copy_box

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
SIZE = (120, 40)
WORKDIR = Path("/tmp/cardbox-snapshots")


@pytest.fixture(scope="module")
def demo_at_now(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo box with two reminders, built once with the clock stopped at NOW; each test opens
    a copy of it (building it takes longer than most snapshots)."""
    path = tmp_path_factory.mktemp("snapshots") / "box.sqlite"
    with time_machine.travel(NOW, tick=False), CardBox.open(path) as made:
        made.store.set_setting("zone", "Asia/Tokyo")
        made.load_demo()
        first = made.search("山田 太郎", limit=1).contacts[0]
        followups.remind(made, first.id or 0, "2026-11-20 09:00", "お礼のメール")
        followups.remind(made, first.id or 0, "2026-11-26 15:00", "Call about the demo")
    return path


@pytest.fixture
def box(demo_at_now: Path, tmp_path: Path) -> Iterator[CardBox]:
    with (
        time_machine.travel(NOW, tick=False),
        CardBox.open(copy_box(demo_at_now, tmp_path / "box.sqlite")) as opened,
    ):
        yield opened
    use("en")


def ids(box: CardBox, *queries: str) -> list[int]:
    return [box.search(q, limit=1).contacts[0].id or 0 for q in queries]


def pusher(make: Callable[[CardBox], Any]) -> Callable[[CardBox], Callable[[Pilot[None]], Any]]:
    def before(box: CardBox) -> Callable[[Pilot[None]], Any]:
        async def run(pilot: Pilot[None]) -> None:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            pilot.app.push_screen(make(box))
            # Not workers.wait_for_complete(): a DirectoryTree's loader never completes.
            await pilot.pause(0.5)

        return run

    return before


def _import(box: CardBox) -> Any:
    from cardbox.tui.screens.importing import ImportScreen

    return ImportScreen(box, start=Path(__file__).parent / "snapshot_files")


def _merge(box: CardBox) -> Any:
    from cardbox.tui.screens.merge import MergeScreen

    keep, other = ids(box, "山田 太郎", "田中 健太")
    return MergeScreen(box, keep, other)


SCREENS: dict[str, tuple[list[str], Callable[[CardBox], Any] | None]] = {
    "main": ([], None),
    "search": (["slash", *"弁護士", "enter"], None),
    "help": (["question_mark"], None),
    "kana_index": (["J"], None),
    "card_form": (["n"], None),
    "event_session": (["l"], None),
    "agenda": (["a"], None),
    "reminders": (["R"], None),
    "dashboard": (["D"], None),
    "export": (["x"], None),
    "qr": (["Q"], None),
    "duplicates": (["M"], None),
    "company": (["c"], None),
    "import": ([], pusher(_import)),
    "merge": ([], pusher(_merge)),
}


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen_snapshot(
    screen: str, lang: str, box: CardBox, snap_compare: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    press, before = SCREENS[screen]
    # The export and QR dialogs offer a file in the current folder: the same one on every machine.
    WORKDIR.mkdir(exist_ok=True)
    monkeypatch.chdir(WORKDIR)
    with time_machine.travel(NOW, tick=False):
        app = CardboxApp(box, lang=lang, agenda_at_start=False)

        async def settle(pilot: Pilot[None]) -> None:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            if before is not None:
                await before(box)(pilot)

        assert snap_compare(app, press=[*press, "_"], terminal_size=SIZE, run_before=settle)
