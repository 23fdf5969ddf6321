"""The detail pane and the log dialog show follow-ups as a person reads them (issue 12): times in
the box's zone, repeats in words (in the UI's language), the text that was logged, and a past
interaction logged from the app."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import DataTable, Input, Static

from cardbox.services import followups
from cardbox.services.box import CardBox
from cardbox.store import followups as stored
from cardbox.tui import i18n
from cardbox.tui.app import CardboxApp
from cardbox.tui.dialogs.followups import LogDialog
from cardbox.tui.screens.reminders import RemindersScreen
from tests.conftest import card

TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture
def box(box_path: Path) -> Iterator[CardBox]:
    with CardBox.open(box_path) as opened:
        followups.set_zone(opened, "Etc/UTC")
        opened.add(card(family_name="田中", given_name="健太"))
        followups.remind(opened, 1, "2030-11-30 01:00", "before the zone")
        followups.set_zone(opened, "Asia/Tokyo")
        followups.remind(opened, 1, "2030-12-15 10:00", "quarterly", every="3 months")
        followups.log(opened, 1, "call", "見積もりの件で電話、来週訪問", when="2026-11-28 15:00")
        yield opened
    i18n.use("en")


def pane(app: CardboxApp) -> str:
    content = app.screen.query_one("#card", Static).content
    return str(getattr(content, "plain", content))


@pytest.mark.parametrize(
    ("lang", "repeat", "set_in", "call"),
    [
        ("en", "every 3 months", "(set in Etc/UTC)", "call"),
        ("ja", "3か月ごと", "(Etc/UTC で設定)", "電話"),
    ],
)
async def test_the_detail_pane_shows_repeats_in_words_times_in_the_zone_and_the_logged_text(
    box: CardBox, lang: str, repeat: str, set_in: str, call: str
) -> None:
    app = CardboxApp(box, lang=lang, agenda_at_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        # The pane wraps long values under themselves: compared without the white space.
        text = "".join(pane(app).split())
        assert "".join(f"2030-12-15 10:00 quarterly  ↻ {repeat}".split()) in text
        assert "FREQ=" not in text
        assert "".join(f"2030-11-30 10:00 before the zone  {set_in}".split()) in text
        assert "".join(f"2026-11-28  {call}: 見積もりの件で電話、来週訪問".split()) in text


async def test_the_reminders_screen_says_repeats_in_words_and_the_zone(box: CardBox) -> None:
    app = CardboxApp(box, agenda_at_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        app.push_screen(RemindersScreen(box))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        title = str(app.screen.query_one("#reminders-title", Static).render())
        assert "times in Asia/Tokyo" in title
        table = app.screen.query_one("#reminders-table", DataTable)
        cells = [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]
        assert "2030-11-30 10:00" in cells[0] and "(set in Etc/UTC)" in cells[0]
        assert "every 3 months" in cells[1] and "FREQ=" not in cells[1]


async def test_the_log_dialog_records_a_past_call(box: CardBox) -> None:
    app = CardboxApp(box, agenda_at_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        app.push_screen(RemindersScreen(box, 1))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("L")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LogDialog)
        dialog.query_one("#text", Input).value = "lunch in Osaka"
        dialog.query_one("#when", Input).value = "2030-01-01"  # ahead: refused, kept
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "in the future" in str(dialog.query_one("#when-hint", Static).render())
        dialog.query_one("#when", Input).value = "2d ago"
        await pilot.pause()
        assert "Reads as" in str(dialog.query_one("#when-hint", Static).render())
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    logged = box.store.read(lambda c: stored.interactions(c, 1))
    lunch = next(i for i in logged if i.text == "lunch in Osaka")
    expected = datetime.now(TOKYO) - timedelta(days=2)
    assert abs(lunch.at - expected) < timedelta(minutes=5)
