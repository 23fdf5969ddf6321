"""The agenda greets the user at start when something is due, and `a` shows it again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from cardbox import followups
from cardbox.box import CardBox
from cardbox.tui.agenda import AgendaScreen
from cardbox.tui.app import CardboxApp
from tests.conftest import card


def body(app: CardboxApp) -> str:
    from textual.widgets import DataTable

    table = app.screen.query_one("#agenda-table", DataTable)
    cells = [table.get_row_at(i) for i in range(table.row_count)]
    return "\n".join(" ".join(getattr(c, "plain", str(c)) for c in row) for row in cells)


async def test_the_agenda_shows_at_start_when_something_is_due(tmp_path: Path) -> None:
    with CardBox.open(tmp_path / "box.sqlite") as box:
        box.add(card(family_name="[bold]Evil[/bold]", company="Markup [@click=app.quit] Co"))
        past = datetime.now(UTC) - timedelta(days=2)
        followups.remind(box, 1, "1d", "お礼メール", now=past)
        app = CardboxApp(box)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, AgendaScreen)
            text = body(app)
            assert "Overdue" in text and "お礼メール" in text
            assert "[bold]Evil[/bold]" in text and "[@click=app.quit]" in text
            await pilot.press("s")  # snooze a day: still overdue or due, but moved
            await pilot.pause()
            moved = box.store.read(
                lambda c: __import__("cardbox.store.followups", fromlist=["x"]).reminders(c)
            )
            assert moved[0].due > past + timedelta(days=1)
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, AgendaScreen)
            await pilot.press("a")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, AgendaScreen)
            await pilot.press("d")  # done
            await pilot.pause()
            assert "お礼メール" not in body(app)
            await pilot.press("enter")
            await pilot.pause()
            assert app.is_running and not isinstance(app.screen, AgendaScreen)


async def test_no_agenda_at_start_when_nothing_is_due(tmp_path: Path) -> None:
    with CardBox.open(tmp_path / "box.sqlite") as box:
        box.add(card(family_name="山田"))
        app = CardboxApp(box)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert not isinstance(app.screen, AgendaScreen)


async def test_enter_in_the_agenda_goes_to_the_contact(tmp_path: Path) -> None:
    from cardbox.tui.table import ContactTable

    with CardBox.open(tmp_path / "box.sqlite") as box:
        box.add(card(family_name="Aaa"))
        target = box.add(card(family_name="Zzz"))
        followups.remind(
            box, target.id or 0, "1d", "call", now=datetime.now(UTC) - timedelta(days=3)
        )
        app = CardboxApp(box)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, AgendaScreen)
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            table = app.screen.query_one("#contacts", ContactTable)
            assert table.current == target.id
