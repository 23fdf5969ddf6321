"""Hostile contact data through every screen: markup, links to actions, escape sequences, control
characters and bidi overrides are shown as text, never run, and never stop the app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from cardbox.services import followups
from cardbox.services.box import Card, CardBox
from cardbox.tui.app import CardboxApp
from cardbox.tui.widgets.contact_table import ContactTable

SIZE = (160, 50)
LINK = "[@click=app.quit]x[/]"
STYLE = "[bold red]"
ESCAPE = "\x1b[2J\x1b]0;PWNED\x07Ken"
RTL = "Eve\u202etxt.exe"
COMPANY = "[link=x]E[/link]KK"


@pytest.fixture
def box(box_path: Path) -> Iterator[CardBox]:
    with CardBox.open(box_path) as opened:
        opened.add_event(STYLE + " night")
        for n, (family, given) in enumerate(((LINK, STYLE), (ESCAPE, RTL))):
            opened.add(
                Card(
                    fields={
                        "family_name": family,
                        "given_name": given,
                        "company": COMPANY,
                        "title": STYLE,
                        "notes": f"{LINK}\n{ESCAPE}",
                    },
                    emails=[f"person{n}@evil.example"],
                    events=[STYLE + " night"],
                    tags=[LINK],
                    talked_about=LINK,
                )
            )
        first = opened.search("Evil", limit=10).contacts[0]
        followups.remind(opened, first.id or 0, "1d", LINK)
        yield opened


def screen_text(app: CardboxApp) -> str:
    """Every character the current screen draws."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def assert_safe(app: CardboxApp, *expected: str) -> None:
    assert app.is_running
    assert app.return_code is None
    drawn = screen_text(app)
    assert "\x1b" not in drawn
    assert "\u202e" not in drawn
    for text in expected:
        assert text in drawn, (text, drawn[:2000])


async def settle(app: CardboxApp, pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def go(app: CardboxApp, pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(app, pilot)


async def test_hostile_text_is_literal_on_every_screen(box: CardBox) -> None:
    app = CardboxApp(box, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        table = app.main.query_one("#contacts", ContactTable)
        assert len(table.ids) == 2
        # The table, the detail pane (notes, meeting, reminder, tags), the sidebar.
        assert_safe(app, LINK, STYLE, "⟨U+001B⟩[2J", "⟨U+202E⟩", COMPANY)
        # Clicking where a link would be does nothing.
        await pilot.click("#card", offset=(2, 0))
        await pilot.click("#contacts", offset=(3, 0))
        assert_safe(app, LINK)

        for keys, shown in (
            (("e",), [LINK, STYLE]),  # the card form
            (("escape",), [LINK]),
            (("c",), [COMPANY, LINK]),  # the company view
            (("escape",), [LINK]),
            (("R",), [LINK]),  # reminders
            (("escape",), [LINK]),
            (("a",), [LINK]),  # agenda
            (("escape",), [LINK]),
            (("D",), [STYLE]),  # dashboard
            (("escape",), [LINK]),
            (("Q",), []),  # QR code
            (("escape",), [LINK]),
            (("x",), []),  # export
            (("escape",), [LINK]),
            (("question_mark",), []),
            (("escape",), [LINK]),
        ):
            await go(app, pilot, *keys)
            assert_safe(app, *shown)
            if keys == ("escape",):
                assert type(app.screen).__name__ == "MainScreen", app.screen

        # Merge the two hostile cards.
        await go(app, pilot, "home", "space", "space", "m")
        assert type(app.screen).__name__ == "MergeScreen"
        assert_safe(app, LINK, "⟨U+001B⟩[2J")
        await go(app, pilot, "escape")

        # A toast names the contact: trash and undo.
        await go(app, pilot, "home", "d")
        assert_safe(app)
        (toast,) = [n.message for n in app._notifications]
        assert "\x1b" not in toast and "\u202e" not in toast
        assert "⟨U+001B⟩" in toast or LINK in toast
        await go(app, pilot, "u")
        assert len(table.ids) == 2

        # The search box takes hostile text as a query and the palette lists commands.
        await go(app, pilot, "slash", *"[@click", "enter")
        assert_safe(app, LINK)
        await go(app, pilot, "ctrl+p")
        assert_safe(app)
        await go(app, pilot, "escape")
        assert app.is_running


MERCER = Card(
    fields={
        "family_name": "Mercer",
        "given_name": "[bold]Ken[/bold]",
        "company": "Markup & Co. [@click=app.quit]",
        "department": "[red]R&D[/red]",
        "title": "Chief [i]Escaping[/i] Officer",
        "notes": "Printed like this on the card, honestly: [b]bold[/b] \\[not markup]"
        " [link=https://example.com]link[/link]\n[@click=app.quit]x[/] must display literally"
        " and do nothing.",
    },
    phones=["mobile:090-5555-0161"],
    emails=["work:ken@markup.example.com"],
    urls=["work:https://markup.example.com/[/]"],
    events=["Tokyo Python Meetup #42"],
    talked_about="Rich/Textual markup injection in terminal apps [/]",
    industries=["G-software"],
    tags=["speaker"],
)
"""The markup-injection card that once sat in the demo box: a test fixture, not a first sight."""


async def test_the_markup_card_is_shown_literally_and_does_nothing(box_path: Path) -> None:
    with CardBox.open(box_path) as box:
        box.add(MERCER)
        app = CardboxApp(box, agenda_at_start=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert_safe(
                app,
                "[bold]Ken[/bold] Mercer",
                "Markup & Co.",
                "[@click=app.quit]",
                "[i]Escaping[/i]",
                "[red]R&D[/red]",
                "[b]bold[/b]",
                "apps [/]",
            )
            await pilot.click("#card", offset=(2, 3))
            for keys in (("e",), ("escape",), ("c",), ("escape",), ("D",), ("escape",)):
                await go(app, pilot, *keys)
                assert_safe(app)
            assert_safe(app, "[bold]Ken[/bold] Mercer")
