"""The main screen's flows: sidebar filters, sorting, the kana index, trash and undo, help, the
command palette, and noticing changes made by another process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, Static

from cardbox.domain.errors import NotFound
from cardbox.services.box import Card, CardBox
from cardbox.tui.app import CardboxApp
from cardbox.tui.dialogs.kana_index import KanaIndex, key_for
from cardbox.tui.screens.help import HelpScreen
from cardbox.tui.widgets.columns import layout
from cardbox.tui.widgets.contact_table import ContactTable
from cardbox.tui.widgets.sidebar import Sidebar

SIZE = (120, 40)


@pytest.fixture
def demo(demo_box_path: Path) -> Iterator[CardBox]:
    with CardBox.open(demo_box_path) as box:
        yield box


async def settle(app: CardboxApp, pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def table(app: CardboxApp) -> ContactTable:
    return app.main.query_one("#contacts", ContactTable)


def focused(app: CardboxApp) -> Widget | None:
    """What has focus now, read afresh (mypy would carry over what an earlier `is` check proved)."""
    return app.focused


def status(app: CardboxApp) -> str:
    return str(app.main.query_one("#status", Static).content)


async def test_choosing_an_event_in_the_sidebar_filters_and_f_clears(demo: CardBox) -> None:
    event = next(e for e in demo.events() if e.name.startswith("渋谷"))
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        everyone = len(table(app).ids)
        await pilot.press("f")
        assert isinstance(app.focused, Sidebar)
        sidebar = app.main.query_one(Sidebar)
        node = next(
            n for n in sidebar._tree_nodes.values() if n.data and event.name in n.data.query
        )
        sidebar.select_node(node)
        await settle(app, pilot)
        ids = table(app).ids
        assert len(ids) == event.contact_count < everyone
        assert all(event.name in demo.get(i).events for i in ids)
        assert event.name in str(app.main.query_one("#filter", Static).content)

        table(app).focus()
        await pilot.press("F")
        await settle(app, pilot)
        assert len(table(app).ids) == everyone


async def test_the_sidebar_counts_people_under_a_parent_industry_and_hides_empty_ones(
    box: CardBox,
) -> None:
    box.add(Card(fields={"family_name": "Ito", "given_name": "Ken"}, industries=["G-software"]))
    box.add(Card(fields={"family_name": "Ono", "given_name": "Mai"}, industries=["G-software"]))
    box.add(
        Card(fields={"family_name": "Abe", "given_name": "Jo"}, industries=["G", "G-itservices"])
    )
    app = CardboxApp(box, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        sidebar = app.main.query_one(Sidebar)
        shown = {
            n.data.query: str(n.label)
            for n in sidebar._tree_nodes.values()
            if n.data and n.data.query.startswith("industry:")
        }
        # G (Information and communications) counts its sub-industries' people, each once.
        assert shown["industry:G"].endswith(" 3")
        assert shown["industry:G-software"].endswith(" 2")
        # Nobody works in agriculture or transport: those branches are not listed.
        assert "industry:A" not in shown and "industry:H" not in shown
        assert set(shown) == {"industry:G", "industry:G-software", "industry:G-itservices"}
        # Guides (6 cells) + label + count fit the sidebar's 24 cells: the count is seen whole.
        widths = [
            cell_len(str(n.label))  # the label is kept as Text; its plain text's width
            for n in sidebar._tree_nodes.values()
            if n.data and n.data.query.startswith("industry:")
        ]
        assert max(widths) + 6 <= 24
        node = next(
            n for n in sidebar._tree_nodes.values() if n.data and n.data.query == "industry:G"
        )
        sidebar.select_node(node)
        await settle(app, pilot)
        assert len(table(app).ids) == 3


async def test_sort_cycles_through_reading_company_met_and_last_contact(demo: CardBox) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        rows = demo.rows(table(app).ids)
        keys = [rows[i].sort_key for i in table(app).ids]
        assert keys == sorted(keys)  # reading order first
        await pilot.press("s")
        await settle(app, pilot)
        assert "company" in status(app)
        shown = [demo.get(i) for i in table(app).ids]
        companies = [c.company_reading + c.company for c in shown if c.company]
        assert companies == sorted(companies)  # by the company's reading
        assert not any(c.company for c in shown[len(companies) :])  # no company last
        await pilot.press("s")
        await settle(app, pilot)
        assert "date met" in status(app)
        rows = demo.rows(table(app).ids)
        met = [rows[i].met for i in table(app).ids]
        assert met == sorted(met, reverse=True)


async def test_kana_index_jumps_to_the_first_reading_of_the_row(demo: CardBox) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("J")
        assert isinstance(app.screen, KanaIndex)
        await pilot.press("k")  # か row
        await settle(app, pilot)
        row = table(app).row(table(app).current or 0)
        assert row is not None
        assert row.sort_key >= "か"
        before = [r for r in demo.rows(table(app).ids).values() if r.sort_key < "か"]
        assert table(app).cursor == len(before)


def test_kana_index_keys() -> None:
    assert key_for("k") == "か"
    assert key_for("a") == "ぁ"
    assert key_for("S") == "s"
    assert key_for("ナ") == "な"
    assert key_for("1") is None


async def test_trash_then_undo_brings_the_contact_back(demo: CardBox) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        first = table(app).current
        assert first is not None
        total = len(table(app).ids)
        await pilot.press("d")
        await settle(app, pilot)
        assert first not in table(app).ids
        assert len(table(app).ids) == total - 1
        with pytest.raises(NotFound):
            demo.get(first)
        assert demo.get(first, trash=True).id == first
        await pilot.press("u")
        await settle(app, pilot)
        assert first in table(app).ids
        assert demo.get(first).id == first


async def test_a_change_by_another_process_shows_without_a_keystroke(
    demo: CardBox, tmp_path: Path
) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        before = len(table(app).ids)
        with CardBox.open(tmp_path / "box.sqlite") as other:
            other.add(Card(fields={"family_name": "Outsider", "given_name": "Olga"}))
        await pilot.pause(1.3)
        await settle(app, pilot)
        assert len(table(app).ids) == before + 1


async def test_help_lists_the_keys_of_the_main_screen(demo: CardBox) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = dict(app.screen.keys)
        assert {"Search", "Sort", "Trash", "Quit"} <= set(keys.values())
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_every_key_of_the_main_screen_is_a_palette_command(demo: CardBox) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Search", "Filters", "Sort", "Trash", "Agenda", "Kana index"} <= titles


async def test_slash_focuses_search_and_escape_clears_it_from_the_table(demo: CardBox) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", "y", "a", "m", "a", "d", "a", "enter")
        await settle(app, pilot)
        assert app.focused is table(app)
        assert any("山田" in demo.get(i).name for i in table(app).ids)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.main.query_one("#search", Input).value == ""


def test_columns_fit_the_width_and_hide_dates_when_narrow() -> None:
    assert sum(layout(100)) == 100
    narrow = layout(56)
    assert sum(narrow) == 56
    assert narrow[-1] == 0 and narrow[-2] > 0  # only the date met
    assert layout(56, "contacted")[-2] == 0 and layout(56, "contacted")[-1] > 0


async def test_a_narrow_terminal_hides_the_sidebar_until_f(demo: CardBox) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        sidebar = app.main.query_one(Sidebar)
        assert not sidebar.display or sidebar.region.width == 0
        assert table(app).size.width >= 40
        await pilot.press("f")
        await pilot.pause()
        assert sidebar.region.width > 0
        assert app.focused is sidebar
        await pilot.press("escape")
        await pilot.pause()
        assert sidebar.region.width == 0
        assert focused(app) is table(app)


async def test_the_palette_lists_cardbox_commands_first_and_not_textual_generic_keys(
    demo: CardBox,
) -> None:
    from textual.command import CommandList, CommandPalette

    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        assert isinstance(app.screen, CommandPalette)
        listed = app.screen.query_one(CommandList)
        titles = [
            str(listed.get_option_at_index(n).prompt).split("\n")[0]
            for n in range(listed.option_count)
        ]
        assert titles[:3] == ["Search", "Back", "New card"]
        assert titles.index("Mark") > titles.index("Sync with the address book")
        assert titles[-3:] == ["Theme", "Maximize", "Screenshot"]
        assert not {"Focus Next", "Focus Previous", "Scroll Left", "palette"} & set(titles)


async def test_the_palette_prompts_in_the_ui_language(demo: CardBox) -> None:
    from textual.command import CommandInput, CommandPalette

    app = CardboxApp(demo, lang="ja", agenda_at_start=False)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("ctrl+p")
            await pilot.pause(0.5)
            assert isinstance(app.screen, CommandPalette)
            assert app.screen.query_one(CommandInput).placeholder == "コマンドを検索…"
    finally:
        from cardbox.tui.i18n import use

        use("en")
