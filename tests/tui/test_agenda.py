"""The agenda greets the user at start when something is due, and `a` shows it again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cardbox.services import followups
from cardbox.services.box import CardBox
from cardbox.tui.app import CardboxApp
from cardbox.tui.screens.agenda import AgendaScreen
from tests.conftest import card


def body(app: CardboxApp) -> str:
    from textual.widgets import DataTable

    table = app.screen.query_one("#agenda-table", DataTable)
    cells = [table.get_row_at(i) for i in range(table.row_count)]
    return "\n".join(" ".join(getattr(c, "plain", str(c)) for c in row) for row in cells)


async def agenda_shown(app: CardboxApp, pilot: Any) -> None:
    """Wait until the agenda is on screen with its rows: it opens from a worker and fills its
    table from another, which a busy machine can finish after the first pause (bounded)."""
    from textual.css.query import NoMatches
    from textual.widgets import DataTable

    for _ in range(400):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if isinstance(app.screen, AgendaScreen):
            try:
                if app.screen.query_one("#agenda-table", DataTable).row_count:
                    return
            except NoMatches:
                pass
        await pilot.pause(0.025)


async def test_the_agenda_shows_at_start_when_something_is_due(box_path: Path) -> None:
    with CardBox.open(box_path) as box:
        box.add(card(family_name="[bold]Evil[/bold]", company="Markup [@click=app.quit] Co"))
        past = datetime.now(UTC) - timedelta(days=2)
        followups.remind(box, 1, "1d", "お礼メール", now=past)
        app = CardboxApp(box)
        async with app.run_test(size=(120, 40)) as pilot:
            await agenda_shown(app, pilot)
            assert isinstance(app.screen, AgendaScreen)
            text = body(app)
            assert "Overdue" in text and "お礼メール" in text
            assert "[bold]Evil[/bold]" in text and "[@click=app.quit]" in text
            await pilot.press("s")  # snooze a day: still overdue or due, but moved
            await app.workers.wait_for_complete()
            await pilot.pause()
            moved = box.store.read(
                lambda c: __import__("cardbox.store.followups", fromlist=["x"]).reminders(c)
            )
            assert moved[0].due > past + timedelta(days=1)
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, AgendaScreen)
            await pilot.press("a")
            await agenda_shown(app, pilot)
            assert isinstance(app.screen, AgendaScreen)
            await pilot.press("d")  # done
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "お礼メール" not in body(app)
            await pilot.press("enter")
            await pilot.pause()
            assert app.is_running and not isinstance(app.screen, AgendaScreen)


async def test_no_agenda_at_start_when_nothing_is_due(box_path: Path) -> None:
    with CardBox.open(box_path) as box:
        box.add(card(family_name="山田"))
        app = CardboxApp(box)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert not isinstance(app.screen, AgendaScreen)


async def test_enter_in_the_agenda_goes_to_the_contact(box_path: Path) -> None:
    from cardbox.tui.widgets.contact_table import ContactTable

    with CardBox.open(box_path) as box:
        box.add(card(family_name="Aaa"))
        target = box.add(card(family_name="Zzz"))
        followups.remind(
            box, target.id or 0, "1d", "call", now=datetime.now(UTC) - timedelta(days=3)
        )
        app = CardboxApp(box)
        async with app.run_test(size=(120, 40)) as pilot:
            await agenda_shown(app, pilot)
            assert isinstance(app.screen, AgendaScreen)
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            table = app.screen.query_one("#contacts", ContactTable)
            assert table.current == target.id


def losing(app: CardboxApp) -> list[str]:
    from textual.widgets import DataTable

    table = app.screen.query_one("#losing-table", DataTable)
    return [
        " ".join(getattr(c, "plain", str(c)) for c in table.get_row_at(i))
        for i in range(table.row_count)
    ]


def status(app: CardboxApp) -> str:
    from textual.widgets import Static

    return str(app.screen.query_one("#agenda-status", Static).render())


async def test_the_losing_touch_tab_lists_the_worst_first_and_a_logged_call_clears_it(
    box_path: Path,
) -> None:
    from textual.widgets import TabbedContent

    now = datetime.now(UTC)
    with CardBox.open(box_path) as box:
        quarterly = box.add(card(family_name="Quarterly")).id or 0
        monthly = box.add(card(family_name="Monthly", company="[red]Co[/red]")).id or 0
        followups.set_cadence(box, quarterly, "90d")
        followups.set_cadence(box, monthly, "30d")
        followups.log(box, quarterly, "call", at=now - timedelta(days=130))  # 40 late of 90
        followups.log(box, monthly, "call", at=now - timedelta(days=60))  # 30 late of 30
        app = CardboxApp(box)
        async with app.run_test(size=(120, 40)) as pilot:
            await agenda_shown(app, pilot)
            assert isinstance(app.screen, AgendaScreen)
            assert "Keep in touch every 30 days" in body(app)
            await pilot.press("d")  # not a reminder: says what to do instead
            await pilot.pause()
            assert "log a call" in status(app)
            await pilot.press("l")
            await pilot.pause()
            tabs = app.screen.query_one("#agenda-tabs", TabbedContent)
            assert tabs.active == "tab-losing"
            listed = losing(app)
            assert len(listed) == 2 and listed[0].startswith("30 days")
            assert "Monthly" in listed[0] and "[red]Co[/red]" in listed[0]
            assert "Quarterly" in listed[1] and "40 days" in listed[1]
            await pilot.press("L")  # log a call with the worst one
            await pilot.pause()
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            (left,) = losing(app)
            assert "Quarterly" in left
            assert "Logged: Monthly" in status(app)
            await pilot.press("l")
            await pilot.pause()
            assert tabs.active == "tab-agenda"


async def test_reschedule_and_birthdays_in_the_agenda(box_path: Path) -> None:
    from dataclasses import replace
    from zoneinfo import ZoneInfo

    from textual.widgets import Input

    from cardbox.store import followups as stored
    from cardbox.tui.dialogs.followups import WhenDialog

    with CardBox.open(box_path) as box:
        followups.set_zone(box, "Asia/Tokyo")
        tokyo = ZoneInfo("Asia/Tokyo")
        target = box.add(card(family_name="Soon")).id or 0
        born = box.add(card(family_name="Born")).id or 0
        tomorrow = datetime.now(tokyo) + timedelta(days=1)
        box.store.update(born, lambda c: replace(c, birthday=tomorrow.strftime("--%m-%d")))
        followups.remind(box, target, "1d", "call", now=datetime.now(UTC) - timedelta(days=2))
        app = CardboxApp(box)
        async with app.run_test(size=(120, 40)) as pilot:
            await agenda_shown(app, pilot)
            assert isinstance(app.screen, AgendaScreen)
            assert "Born" in body(app) and "Birthday" in body(app)
            await pilot.press("r")
            await pilot.pause()
            assert isinstance(app.screen, WhenDialog)
            app.screen.query_one("#when", Input).value = "12/1(月)"  # 1 December is no Monday
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, WhenDialog)
            app.screen.query_one("#when", Input).value = "2030-12-02 08:00"
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            (moved,) = box.store.read(lambda c: stored.reminders(c, contact_id=target))
            assert moved.due == datetime(2030, 12, 2, 8, 0, tzinfo=tokyo)
            assert "call" not in body(app)  # past the agenda's week now
