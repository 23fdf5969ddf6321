"""The dashboard: bar charts by industry and event with the right counts and aligned columns
(Japanese names two cells a character), months, follow-ups due this week, who has gone quiet
longest; enter goes to a contact, escape closes, an empty box is fine, names are literal."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from cardbox.services import followups
from cardbox.services.box import CardBox
from cardbox.tui.app import CardboxApp
from cardbox.tui.screens.dashboard import DashboardScreen
from cardbox.tui.widgets.charts import EIGHTHS, FULL, Chart, bars
from tests.conftest import card

SIZE = (120, 40)
HOSTILE = "[@click=app.quit]x[/]\x1b[2J"
SHORT = "[b]x[/]\x1b"
"""Short enough to be shown whole in a list line or a chart label."""


class Host:
    """The app with the dashboard pushed once it runs; keeps what it is dismissed with."""

    def __init__(self, box: CardBox, lang: str | None = None) -> None:
        self.app = CardboxApp(box, agenda_at_start=False, lang=lang)
        self.result: list[int | None] = []
        self.screen = DashboardScreen(box)

    async def settle(self, pilot: Pilot[Any]) -> None:
        if not self.screen.is_attached and not self.result:
            self.app.push_screen(self.screen, self.result.append)
        await pilot.pause()
        await self.app.workers.wait_for_complete()
        await pilot.pause()


def chart(app: CardboxApp, chart_id: str) -> list[str]:
    return app.screen.query_one(chart_id, Chart).render().plain.split("\n")


def options(app: CardboxApp, list_id: str) -> list[str]:
    found = app.screen.query_one(list_id, OptionList)
    return [str(getattr(o.prompt, "plain", o.prompt)) for o in found.options]


def bar_column(line: str) -> int:
    """The cell where a line's bar starts."""
    at = min(i for i, ch in enumerate(line) if ch == FULL or ch in EIGHTHS[1:])
    return cell_len(line[:at])


async def test_the_demo_by_event_and_industry_with_the_right_counts(demo_box_path: Path) -> None:
    with CardBox.open(demo_box_path) as box:
        host = Host(box)
        app = host.app
        async with app.run_test(size=SIZE) as pilot:
            await host.settle(pilot)
            title = str(app.screen.query_one("#dash-title", Static).content)
            assert "62 contacts" in title
            events = chart(app, "#by-event")
            for event in box.events():
                line = next(x for x in events if x.startswith(event.name))
                assert line[len(event.name) :].split()[0] == str(event.contact_count)
            assert len({bar_column(line) for line in events}) == 1  # 渋谷… aligned with Tokyo…
            industries = chart(app, "#by-industry")
            # The chart counts the industries people carry (not rolled up to parents, as the
            # sidebar's counts are).
            code, count = box.stats().by_industry[0]
            assert industries[0].startswith(box.store.taxonomy()[code].name_en)
            assert industries[0].split()[-2] == str(count)
            assert industries[-1].startswith("… and ") and "more" in industries[-1]
            assert len({bar_column(line) for line in industries[:-1]}) == 1
            met = "\n".join(chart(app, "#met"))
            assert "54" in met and "15" in met  # October: 渋谷 and IT Week; September: Python
            assert len(options(app, "#quiet")) == 10


async def test_industries_in_japanese_when_the_ui_is_japanese(demo_box_path: Path) -> None:
    with CardBox.open(demo_box_path) as box:
        host = Host(box, lang="ja")
        app = host.app
        async with app.run_test(size=SIZE) as pilot:
            await host.settle(pilot)
            code, _count = box.stats().by_industry[0]
            assert chart(app, "#by-industry")[0].startswith(box.store.taxonomy()[code].name_ja)


async def test_a_long_japanese_name_is_cut_and_the_bars_stay_aligned(box: CardBox) -> None:
    long_name = "第十二回とても長い名前の東京異業種交流会・名刺交換会スペシャル"
    box.add_event(long_name, date="2026-10-01")
    box.add_event("IT", date="2026-10-02")
    box.add(card(family_name="山田", events=[long_name]))
    box.add(card(family_name="Smith", events=["IT"]))
    box.add(card(family_name="Jones", events=["IT"]))
    host = Host(box)
    app = host.app
    async with app.run_test(size=SIZE) as pilot:
        await host.settle(pilot)
        lines = chart(app, "#by-event")
        assert lines[0].startswith("IT ") and lines[1].startswith("第十二回")
        assert "…" in lines[1] and long_name not in lines[1]
        assert bar_column(lines[0]) == bar_column(lines[1])


def test_bars_never_divide_by_zero_and_keep_every_label_the_same_width() -> None:
    text = bars([("営業", 0), ("Sales", 0)], 40).plain.split("\n")
    assert [cell_len(line) for line in text] == [cell_len(text[0])] * 2
    assert bars([], 40).plain == ""


async def test_an_empty_box_says_so(box: CardBox) -> None:
    host = Host(box)
    app = host.app
    async with app.run_test(size=SIZE) as pilot:
        await host.settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        empty = app.screen.query_one("#dash-empty", Static)
        assert empty.display and "empty" in str(empty.content)
        assert chart(app, "#by-event") == ["No contact was met at an event yet."]
        assert options(app, "#quiet") == ["Nobody yet."]
        await pilot.press("escape")
        await host.settle(pilot)
        assert host.result == [None] and not isinstance(app.screen, DashboardScreen)


async def test_enter_on_a_quiet_contact_dismisses_with_its_id(box: CardBox) -> None:
    box.add(card(family_name="Recent"))
    old = box.add(card(family_name=SHORT))
    box.store.transact(
        lambda c: c.execute(
            "UPDATE contact SET created_at = '2020-01-01T00:00:00+00:00' WHERE id = ?",
            (old.id,),
        )
    )
    host = Host(box)
    app = host.app
    async with app.run_test(size=SIZE) as pilot:
        await host.settle(pilot)
        quiet = options(app, "#quiet")
        assert quiet[0].split()[:2] == ["added", "2020-01-01"]
        assert "[b]x[/]⟨U+001B⟩" in quiet[0]
        assert app.focused is app.screen.query_one("#quiet", OptionList)
        await pilot.press("enter")
        await host.settle(pilot)
    assert host.result == [old.id]


async def test_follow_ups_due_this_week_are_listed_and_enter_goes_to_the_contact(
    box: CardBox,
) -> None:
    box.add(card(family_name="Nobody"))
    due = box.add(card(family_name="Tanaka"))
    later = box.add(card(family_name="Later"))
    now = datetime.now(UTC)
    followups.remind(box, due.id or 0, "2d", "send the deck", now=now)
    followups.remind(box, later.id or 0, "30d", "much later", now=now)
    host = Host(box)
    app = host.app
    async with app.run_test(size=SIZE) as pilot:
        await host.settle(pilot)
        lines = options(app, "#due")
        assert len(lines) == 1 and "Tanaka" in lines[0] and "send the deck" in lines[0]
        heading = str(app.screen.query_one("#due-heading", Static).content)
        assert heading.endswith("(1)")
        assert app.focused is app.screen.query_one("#due", OptionList)
        await pilot.press("enter")
        await host.settle(pilot)
    assert host.result == [due.id]


async def test_a_hostile_event_name_is_shown_literally(box: CardBox) -> None:
    box.add(card(family_name="X", events=[HOSTILE]))
    box.add(card(family_name="Y", events=[SHORT]))
    host = Host(box)
    app = host.app
    async with app.run_test(size=SIZE) as pilot:
        await host.settle(pilot)
        lines = chart(app, "#by-event")
        assert any(line.startswith("[@click=app.quit]x[/]⟨U") for line in lines)
        assert any(line.startswith("[b]x[/]⟨U+001B⟩ ") for line in lines)
        assert app.is_running


async def test_at_80x24_both_rows_of_charts_fit_on_the_first_screen() -> None:
    from textual.widgets import Footer

    with CardBox.demo() as box:
        host = Host(box)
        app = host.app
        async with app.run_test(size=(80, 24)) as pilot:
            await host.settle(pilot)
            body = app.screen.query_one("#dash-body").region
            for chart_id in ("#by-industry", "#by-event", "#added", "#met"):
                shown = app.screen.query_one(chart_id, Chart)
                assert body.contains_region(shown.region), chart_id  # not scrolled to
                width = shown.content_size.width
                assert all(cell_len(line) <= width for line in chart(app, chart_id)), chart_id
            assert "54" in "\n".join(chart(app, "#met"))  # the latest months are kept
            assert app.screen.query_one(Footer).region.bottom <= 24
            await pilot.resize_terminal(120, 40)
            await pilot.pause()
            assert len(chart(app, "#by-industry")) == 9  # taller: eight bars and the rest


def test_columns_that_do_not_fit_keep_the_latest_months() -> None:
    from cardbox.tui.widgets.charts import columns

    months = [(f"2026-{m:02}", m) for m in range(1, 13)]
    lines = columns(months, 20, 3).plain.split("\n")
    assert all(cell_len(line) <= 20 for line in lines)
    assert lines[-1].split() == ["07", "08", "09", "10", "11", "12"]
