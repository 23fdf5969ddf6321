"""Every key of the main screen opens its screen, and the company view works end to end."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList, Static

from cardbox.services.box import CardBox
from cardbox.services.companies import company_view
from cardbox.tui.app import CardboxApp
from cardbox.tui.screens.company import CompanyScreen
from cardbox.tui.widgets.contact_table import ContactTable

SIZE = (120, 40)


@pytest.fixture
def demo(demo_box_path: Path) -> Iterator[CardBox]:
    with CardBox.open(demo_box_path) as box:
        yield box


async def settle(app: CardboxApp, pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def on_top(app: CardboxApp, screen: Screen[Any]) -> bool:
    """Whether `screen` is the one shown (in a function: mypy would narrow `screen` to the
    app's `Screen[object]` after an `is` check in the test, losing its own methods)."""
    return app.screen is screen


def table(app: CardboxApp) -> ContactTable:
    return app.main.query_one("#contacts", ContactTable)


SCREENS = {
    "n": "ContactForm",
    "e": "ContactForm",
    "enter": "ContactForm",
    "l": "EventPicker",  # the session asks for its event first
    "x": "ExportScreen",
    "Q": "QrScreen",
    "R": "RemindersScreen",
    "D": "DashboardScreen",
    "J": "KanaIndex",
    "question_mark": "HelpScreen",
    "c": "CompanyScreen",
    "M": "DuplicatesScreen",
}


@pytest.mark.parametrize(("key", "screen"), list(SCREENS.items()))
async def test_each_key_opens_its_screen(demo: CardBox, key: str, screen: str) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        # A card with a company, so that every screen has something to show.
        target = demo.search("山田 太郎", limit=1).contacts[0]
        table(app).cursor = table(app).ids.index(target.id or 0)
        await pilot.press(key)
        await pilot.pause()
        assert type(app.screen).__name__ == screen
        assert app.is_running


async def test_import_opens_its_dialog(demo: CardBox) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("i")
        await pilot.pause(0.3)  # not wait_for_complete: the folder tree's loader never ends
        assert type(app.screen).__name__ == "ImportScreen"


async def test_space_marks_two_cards_and_m_opens_the_merge_screen(demo: CardBox) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        first, second = table(app).ids[:2]
        await pilot.press("space", "space")
        assert table(app).marked == [first, second]
        await pilot.press("m")
        await pilot.pause()
        from cardbox.tui.screens.merge import MergeScreen

        merging = app.screen
        assert isinstance(merging, MergeScreen)
        assert (merging.keep_id, merging.other_id) == (first, second)


async def test_m_without_a_mark_explains_what_to_do(demo: CardBox) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("m")
        await pilot.pause()
        assert type(app.screen).__name__ == "MainScreen"
        assert any("Mark a contact" in str(n.message) for n in app._notifications)


async def test_company_view_lists_its_people_and_enter_goes_to_one(demo: CardBox) -> None:
    target = demo.search("山田 太郎", limit=1).contacts[0]
    view = company_view(demo, target.company)
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        table(app).cursor = table(app).ids.index(target.id or 0)
        await pilot.press("c")
        await settle(app, pilot)
        assert isinstance(app.screen, CompanyScreen)
        text = str(app.screen.query_one("#company-text", Static).content)
        assert view.name in text
        for person in view.people:
            assert person.name in text
        people = app.screen.query_one("#company-people", OptionList)
        assert people.option_count == len(view.people)
        people.highlighted = people.option_count - 1
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, CompanyScreen)
        assert table(app).current == view.people[-1].contact_id


async def test_duplicates_screen_lists_a_pair_and_merges_it(box_path: Path) -> None:
    from cardbox.services.box import Card
    from cardbox.tui.screens.duplicates import DuplicatesScreen
    from cardbox.tui.screens.merge import MergeScreen

    with CardBox.open(box_path) as box:
        a = box.add(
            Card(fields={"family_name": "山田", "given_name": "太郎"}, phones=["090-1234-5678"])
        )
        b = box.add(
            Card(
                fields={"family_name": "山田", "given_name": "太郎", "company": "サクラ"},
                phones=["+81 90 1234 5678"],
                emails=["taro@sakura.example.jp"],
            )
        )
        box.add(Card(fields={"family_name": "Smith", "given_name": "John"}))
        app = CardboxApp(box, agenda_at_start=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("M")
            await settle(app, pilot)
            assert isinstance(app.screen, DuplicatesScreen)
            (pair,) = app.screen.pairs.values()
            assert {pair[0].id, pair[1].id} == {a.id, b.id}
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, MergeScreen)
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert isinstance(app.screen, DuplicatesScreen)
            assert app.screen.pairs == {}
            await pilot.press("escape")
            await settle(app, pilot)
            assert len(table(app).ids) == 2


async def test_readings_screen_accepts_suggestions_one_key_each(box_path: Path) -> None:
    from cardbox.services.box import Card
    from cardbox.tui.screens.readings import ReadingsScreen
    from cardbox.tui.widgets.card_form.form import ContactForm

    with CardBox.open(box_path) as box:
        guessed = box.add(Card(fields={"family_name": "佐藤", "given_name": "翔太"}))
        company = box.add(Card(fields={"family_name": "Smith", "company": "株式会社山田製作所"}))
        box.add(
            Card(
                fields={
                    "family_name": "鈴木",
                    "given_name": "花子",
                    "family_reading": "すずき",
                    "given_reading": "はなこ",
                }
            )
        )
        assert {c.id for c in box.unconfirmed_readings()} == {guessed.id, company.id}
        app = CardboxApp(box, agenda_at_start=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("Y")
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, ReadingsScreen)
            assert set(screen.rows) == {str(guessed.id), str(company.id)}
            first = next(iter(screen.rows))
            await pilot.press("a")
            await settle(app, pilot)
            assert set(screen.rows) == {str(guessed.id), str(company.id)} - {first}
            await pilot.press("enter")  # the card form, to correct the reading
            await settle(app, pilot)
            form = app.screen
            assert isinstance(form, ContactForm)
            await pilot.press("escape")
            await settle(app, pilot)
            assert on_top(app, screen)
            await pilot.press("escape")
            await settle(app, pilot)
        left = box.unconfirmed_readings()
        assert [c.id for c in left] == [int(k) for k in screen.rows]
        assert (
            box.get(int(first)).reading_confirmed and box.get(int(first)).company_reading_confirmed
        )


@pytest.mark.parametrize(("key", "shown"), [("c", {"i", "escape"}), ("M", {"enter", "escape"})])
@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_company_and_duplicates_footers_show_their_own_keys_on_screen(
    demo: CardBox, key: str, shown: set[str], size: tuple[int, int]
) -> None:
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        target = demo.search("山田 太郎", limit=1).contacts[0]
        table(app).cursor = table(app).ids.index(target.id or 0)
        await pilot.press(key)
        await settle(app, pilot)
        footer = app.screen.query_one(Footer)
        visible = {
            k.key
            for k in footer.query(FooterKey)
            if app.screen.region.contains_region(k.region) and k.region.area
        }
        assert shown <= visible


@pytest.mark.parametrize(
    ("lang", "first"),
    [("ja", "商社 / Trading companies (shosha)"), ("en", "Trading companies (shosha) / 商社")],
)
async def test_industries_show_in_the_ui_language_first(
    demo: CardBox, lang: str, first: str
) -> None:
    from textual.widgets import OptionList

    from cardbox.tui import i18n

    target = demo.search("Daniel Becker", limit=1).contacts[0]
    app = CardboxApp(demo, lang=lang, agenda_at_start=False)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            table(app).cursor = table(app).ids.index(target.id or 0)
            await settle(app, pilot)
            pane = app.main.query_one("#card", Static).content
            assert first in " ".join(str(pane).split())  # the detail pane's Industry row
            await pilot.press("c")
            await settle(app, pilot)
            assert first in str(app.screen.query_one("#company-text", Static).content)
            await pilot.press("i")  # the industry picker
            await settle(app, pilot)
            shown = app.screen.query_one("#industries-list", OptionList)
            lines = [str(shown.get_option_at_index(n).prompt) for n in range(shown.option_count)]
            assert any(first in line for line in lines)
    finally:
        i18n.use("en")
