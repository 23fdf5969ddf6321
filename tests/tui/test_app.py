"""The terminal app driven by Textual's Pilot over the demo box.

The app never writes, so one demo box (plus one card with an escape sequence in its name) serves
the whole module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, Static

from cardbox.domain.model import Contact
from cardbox.services.box import Card, CardBox
from cardbox.tui.app import CardboxApp
from cardbox.tui.widgets.columns import COLUMNS
from cardbox.tui.widgets.contact_table import ContactTable
from tests.tui.test_hostile import MERCER

SIZE = (160, 50)
MARKUP_COMPANY = "Markup & Co. [@click=app.quit]"


@pytest.fixture(scope="module")
def demo() -> Iterator[CardBox]:
    box = CardBox.demo()
    box.add(Card(fields={"family_name": "Evil", "given_name": "\x1b[2JClear"}))
    box.add(MERCER)  # the markup-injection card, no longer in the demo
    try:
        yield box
    finally:
        box.close()


async def settle(app: CardboxApp, pilot: Pilot[Any]) -> None:
    """Let messages flow, the search worker finish, and its result reach the widgets."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def focused(app: CardboxApp) -> Widget | None:
    """What has focus now, read afresh (mypy would carry over what an earlier `is` check proved)."""
    return app.focused


async def search(app: CardboxApp, pilot: Pilot[Any], text: str) -> None:
    app.query_one("#search", Input).value = text
    await settle(app, pilot)


def table(app: CardboxApp) -> ContactTable:
    return app.screen.query_one("#contacts", ContactTable)


def plain(value: object) -> str:
    """The text a cell or a Static shows."""
    if isinstance(value, Text):
        return value.plain
    plain_text = getattr(value, "plain", None)
    return plain_text if isinstance(plain_text, str) else str(value)


def static_text(app: CardboxApp, selector: str) -> str:
    return plain(app.query_one(selector, Static).content)


def unwrapped(text: str) -> str:
    """The detail pane's text with its wrapped values joined again (a value wraps at a space
    onto a line indented past the labels' column)."""

    def join(m: re.Match[str]) -> str:
        # Latin text wraps at a space; Japanese anywhere (no space to give back).
        a, b = m.group(1), m.group(2)
        return a + b if not (a.isascii() or b.isascii()) else f"{a} {b}"

    return re.sub(r"(\S)\n {12}(\S)", join, text)


def visual_text(app: CardboxApp, selector: str) -> str:
    """What Textual will draw for a Static (after any markup processing it might do)."""
    return plain(app.query_one(selector, Static).visual)


def row_texts(app: CardboxApp) -> list[list[str]]:
    """The cells of every row: Name, Reading, Company, Title, Met, Last contact."""
    t = table(app)
    rows = [t.row(i) for i in t.ids]
    return [[str(getattr(r, attr)) for _t, attr, _s in COLUMNS] for r in rows if r]


def drawn(app: CardboxApp) -> str:
    """What the table draws on the screen, line by line."""
    t = table(app)
    return "\n".join(t.render_line(y).text for y in range(t.size.height))


def shown_contacts(app: CardboxApp, box: CardBox) -> list[Contact]:
    return [box.get(i) for i in table(app).ids]


async def test_the_app_starts_with_every_contact_in_the_table_and_says_how_many(
    demo: CardBox,
) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        total = demo.contacts().total
        assert len(table(app).ids) == total >= 55
        assert static_text(app, "#status").startswith(f"{total} contacts")
        assert app.focused is table(app)


async def test_the_detail_pane_shows_the_highlighted_contact(demo: CardBox) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        first, second = shown_contacts(app, demo)[:2]
        assert first.name in static_text(app, "#card")

        await pilot.press("down")
        await pilot.pause()
        card = unwrapped(static_text(app, "#card"))
        assert second.name in card
        if second.company:
            assert second.company in card


async def test_slash_focuses_search_and_typing_narrows_the_table_to_lawyers(demo: CardBox) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        everyone = len(table(app).ids)

        await pilot.press("slash")
        assert app.focused is app.query_one("#search", Input)
        for ch in "弁護士":
            await pilot.press(ch)
        await settle(app, pilot)

        assert app.query_one("#search", Input).value == "弁護士"
        rows = len(table(app).ids)
        assert 0 < rows < everyone
        assert static_text(app, "#status").startswith(f"{rows} contacts")
        for contact in shown_contacts(app, demo):
            assert "L-legal" in contact.industries or "弁護士" in contact.title + contact.company, (
                contact.name
            )

        top = shown_contacts(app, demo)[0]
        card = unwrapped(static_text(app, "#card"))
        assert top.name in card
        assert top.company in card


async def test_escape_and_enter_in_the_search_box_return_focus_to_the_table(demo: CardBox) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        search_box = app.query_one("#search", Input)

        await pilot.press("slash")
        assert app.focused is search_box
        await pilot.press("escape")
        assert focused(app) is table(app)

        await pilot.press("slash", "s", "a", "t", "o", "enter")
        await settle(app, pilot)
        assert focused(app) is table(app)
        assert search_box.value == "sato"


async def test_a_search_with_no_match_empties_the_table_and_the_detail_pane(demo: CardBox) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "zzzqqqxxx")
        assert len(table(app).ids) == 0
        assert static_text(app, "#status").startswith("0 contacts")
        assert static_text(app, "#card") == ""


HOSTILE = ['"', "NEAR(", "AND", "*", "(", "\x00", "tag:", "industry:(", "\x1b[2J", "a" * 5000]


async def test_a_hostile_search_never_crashes_the_app(demo: CardBox) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for query in HOSTILE:
            await search(app, pilot, query)
            assert app.is_running, repr(query)
            status = static_text(app, "#status")
            assert "contacts" in status or "too long" in status, repr(query)
            # The app still searches afterwards.
            await search(app, pilot, "Markup")
            assert len(table(app).ids) == 1, repr(query)


async def test_a_too_long_search_says_so_in_the_status_line(demo: CardBox) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "x" * 5000)
        assert "too long" in static_text(app, "#status")
        assert app.is_running


async def test_markup_in_a_card_is_shown_literally_and_never_runs(demo: CardBox) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "Markup")

        (row,) = row_texts(app)
        assert "[bold]Ken[/bold]" in drawn(app)
        assert "[bold]Ken[/bold]" in row[0]
        assert row[2] == MARKUP_COMPANY
        assert "Chief [i]Escaping[/i] Officer" in row[3]

        for text in (static_text(app, "#card"), visual_text(app, "#card")):
            assert "[bold]Ken[/bold]" in text
            assert MARKUP_COMPANY in unwrapped(text)

        # Click where the would-be link is drawn (the Company line) and on the table cell.
        card = static_text(app, "#card")
        line = card.splitlines().index(next(x for x in card.splitlines() if "[@click" in x))
        column = card.splitlines()[line].index("[@click") + 3
        await pilot.click("#card", offset=(column + 1, line))
        await pilot.click("#contacts", offset=(60, 1))
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        assert app.return_code is None


async def test_an_escape_sequence_in_a_name_is_shown_as_a_visible_code_point(demo: CardBox) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "Evil")

        assert len(table(app).ids) == 1
        assert "⟨U+001B⟩[2J" in drawn(app)
        assert "\x1b" not in drawn(app)
        card = static_text(app, "#card")
        assert "⟨U+001B⟩[2J" in card
        assert "\x1b" not in card
        assert "\x1b" not in visual_text(app, "#card")


async def test_ctrl_q_quits_the_app(demo: CardBox) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")  # quits even from the search box
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0
