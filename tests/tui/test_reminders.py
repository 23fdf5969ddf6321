"""The reminders screen as a user drives it: done, snooze, reschedule (a bad date, then a good
one), a new reminder, logging a call, the history, and going to the contact."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Input, Static

from cardbox.domain.model import Reminder
from cardbox.services import followups
from cardbox.services.box import CardBox
from cardbox.store import followups as stored
from cardbox.tui.dialogs.followups import LogDialog, ReminderDialog, WhenDialog
from cardbox.tui.screens.reminders import RemindersScreen
from tests.conftest import card

TOKYO = ZoneInfo("Asia/Tokyo")


class Host(App[None]):
    """Opens one screen and keeps what it was dismissed with."""

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.opened = screen
        self.result: object = "still open"

    def on_mount(self) -> None:
        self.push_screen(self.opened, self._dismissed)

    def _dismissed(self, result: object) -> None:
        self.result = result


@pytest.fixture
def box(box_path: Path) -> Iterator[CardBox]:
    with CardBox.open(box_path) as opened:
        followups.set_zone(opened, "Asia/Tokyo")
        opened.add(card(family_name="[bold]Evil[/bold]", company="Markup [@click=app.quit] Co"))
        opened.add(card(family_name="山田", given_name="太郎", company="株式会社サクラ"))
        yield opened


def rows(app: App[None]) -> list[str]:
    table = app.screen.query_one("#reminders-table", DataTable)
    return [
        " ".join(getattr(c, "plain", str(c)) for c in table.get_row_at(i))
        for i in range(table.row_count)
    ]


def status(app: App[None]) -> str:
    return str(app.screen.query_one("#reminders-status", Static).render())


def open_reminders(box: CardBox, contact_id: int | None = None) -> list[Reminder]:
    return box.store.read(lambda c: stored.reminders(c, contact_id=contact_id))


async def settle(app: App[None], pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def type_into(pilot: Pilot[None], text: str) -> None:
    for ch in text:
        await pilot.press(ch if ch != " " else "space")


async def test_done_and_snooze_act_on_the_reminder_under_the_cursor(box: CardBox) -> None:
    past = datetime.now(UTC) - timedelta(days=3)
    first = followups.remind(box, 1, "1d", "お礼メール", now=past)
    second = followups.remind(box, 2, "2d", "send the deck", now=past)
    app = Host(RemindersScreen(box))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        shown = rows(app)
        assert len(shown) == 2 and "お礼メール" in shown[0]
        assert "[bold]Evil[/bold]" in shown[0] and "[@click=app.quit]" in shown[0]
        await pilot.press("s")
        await settle(app, pilot)
        (moved,) = [r for r in open_reminders(box) if r.id == first.id]
        assert moved.due > datetime.now(UTC) + timedelta(hours=23)
        assert "Snoozed a day" in status(app)
        # the snoozed one is now later than the other: the cursor's row 0 is the second
        assert "send the deck" in rows(app)[0]
        await pilot.press("d")
        await settle(app, pilot)
        assert [r.id for r in open_reminders(box)] == [first.id]
        assert all("send the deck" not in row for row in rows(app))
        await pilot.press("h")  # history: what was done shows again, marked done
        await settle(app, pilot)
        assert any("send the deck" in row and "done" in row for row in rows(app))
        assert second.id is not None


async def test_reschedule_shows_why_a_date_is_refused_and_keeps_what_was_typed(
    box: CardBox,
) -> None:
    r = followups.remind(box, 2, "3d", "call", every="month")
    app = Host(RemindersScreen(box, 2))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, WhenDialog)
        await type_into(pilot, "2026-02-30")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WhenDialog)  # refused: still asking
        assert app.screen.query_one("#when", Input).value == "2026-02-30"
        hint = str(app.screen.query_one("#hint", Static).render())
        assert "30 February" in hint and "2026-12-01 09:30" in hint
        app.screen.query_one("#when", Input).value = "2030-12-01 09:30"
        await pilot.pause()
        assert "2030-12-01" in str(app.screen.query_one("#hint", Static).render())
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RemindersScreen)
        (moved,) = open_reminders(box, 2)
        assert moved.id == r.id
        assert moved.due == datetime(2030, 12, 1, 9, 30, tzinfo=TOKYO)
        assert moved.start == moved.due  # the series starts again there
        assert "2030-12-01 09:30" in rows(app)[0]


async def test_snooze_until_a_typed_time_and_escape_changes_nothing(box: CardBox) -> None:
    followups.remind(box, 2, "1d", "call")
    app = Host(RemindersScreen(box, 2))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        before = open_reminders(box, 2)[0].due
        await pilot.press("S")
        await pilot.pause()
        await type_into(pilot, "2d")
        await pilot.press("escape")
        await settle(app, pilot)
        assert open_reminders(box, 2)[0].due == before
        await pilot.press("S")
        await pilot.pause()
        app.screen.query_one("#when", Input).value = "2031年1月15日 14:00"
        await pilot.press("enter")
        await settle(app, pilot)
        assert open_reminders(box, 2)[0].due == datetime(2031, 1, 15, 14, 0, tzinfo=TOKYO)


async def test_a_new_reminder_for_the_contact(box: CardBox) -> None:
    app = Host(RemindersScreen(box, 2))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert rows(app) == []
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ReminderDialog)
        dialog.query_one("#when", Input).value = "2030-01-06 10:00"
        dialog.query_one("#note", Input).value = "四半期の電話"
        dialog.query_one("#every", Input).value = "every blue moon"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog  # the repetition cannot be read: nothing saved
        assert "blue moon" in str(dialog.query_one("#every-hint", Static).render())
        assert open_reminders(box, 2) == []
        dialog.query_one("#every", Input).value = "3 months"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        (new,) = open_reminders(box, 2)
        assert new.note == "四半期の電話" and new.rule == "FREQ=MONTHLY;INTERVAL=3"
        assert new.due == datetime(2030, 1, 6, 10, 0, tzinfo=TOKYO)
        assert "四半期の電話" in rows(app)[0]


async def test_logging_a_call_can_complete_the_due_reminder(box: CardBox) -> None:
    followups.remind(box, 2, "1d", "call back", now=datetime.now(UTC) - timedelta(days=2))
    app = Host(RemindersScreen(box, 2))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("L")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LogDialog)
        assert dialog.query_one("#complete", Checkbox).value is True
        await type_into(pilot, "talked about Osaka")
        await pilot.press("enter")
        await settle(app, pilot)
        (logged,) = box.store.read(lambda c: stored.interactions(c, 2))
        assert (logged.kind, logged.text) == ("call", "talked about Osaka")
        assert open_reminders(box, 2) == []
        assert rows(app) == []


async def test_enter_goes_to_the_contact_and_escape_closes(box: CardBox) -> None:
    followups.remind(box, 2, "1d", "call")
    app = Host(RemindersScreen(box))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.result == 2
    app = Host(RemindersScreen(box))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.result is None


async def test_keys_on_an_empty_list_say_why_nothing_happens(box: CardBox) -> None:
    app = Host(RemindersScreen(box))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("d")
        await pilot.pause()
        assert "Nothing selected" in status(app)
        await pilot.press("n")
        await pilot.pause()
        assert "open the reminders from a contact" in status(app)


async def test_snooze_a_day_puts_off_a_reminder_not_yet_due_from_its_due_time(
    box: CardBox,
) -> None:
    r = followups.remind(box, 2, "5d", "お礼メール")
    app = Host(RemindersScreen(box, 2))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        (moved,) = open_reminders(box, 2)
        assert moved.due == r.due + timedelta(days=1)
        assert "Snoozed a day" in status(app)
