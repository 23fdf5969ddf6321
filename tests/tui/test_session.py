"""Logging mode end to end: create the event, type three cards (one a lookalike saved anyway,
one merged into the person already in the box), end the session, review and fix a card."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from cardbox.services.box import CardBox
from cardbox.store import followups as rows
from cardbox.tui.dialogs.confirm import Confirm
from cardbox.tui.dialogs.event_picker import EventPicker
from cardbox.tui.dialogs.lookalikes import Lookalikes
from cardbox.tui.screens.session import EventSession
from cardbox.tui.widgets.card_form.form import ContactForm
from tests.conftest import card

SIZE = (120, 40)


class Host(App[None]):
    def __init__(self, box: CardBox) -> None:
        super().__init__()
        self.box = box
        self.closed = False

    def on_mount(self) -> None:
        self.push_screen(EventSession(self.box), self._done)

    def _done(self, _value: None) -> None:
        self.closed = True


async def settle(app: App[Any], pilot: Pilot[Any]) -> None:
    """Let workers finish and their results reach the screens; then wait until the screen
    stack stops changing (a saved card opens the next one, the review fills after a refresh)."""
    for _ in range(50):
        before = (list(app.screen_stack), app.screen.focused)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause(0.02)
        if (list(app.screen_stack), app.screen.focused) == before:
            return


async def type_in(pilot: Pilot[Any], text: str) -> None:
    await pilot.press(*["enter" if ch == "\n" else ch for ch in text])


def heading(app: App[Any]) -> str:
    return str(app.screen.query_one("#form-heading", Static).render())


def review(app: App[Any]) -> list[list[Text]]:
    table = app.screen.query_one("#session-cards", DataTable)
    return [list(table.get_row_at(i)) for i in range(table.row_count)]


def make_box(box: CardBox) -> int:
    taro = box.add(
        card(
            family_name="山田",
            given_name="太郎",
            company="株式会社サクラ",
            emails=["taro@sakura.example.jp"],
        )
    )
    return taro.id or 0


async def test_a_session_logs_cards_in_order_with_duplicates_caught(box: CardBox) -> None:
    taro_id = make_box(box)
    app = Host(box)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, EventPicker)
        await type_in(pilot, "異業種交流会 11月\n2026-11-20\n六本木\n3d\nお礼メール\n")
        await settle(app, pilot)

        assert isinstance(app.screen, ContactForm)
        assert "card 1 · 0 saved" in heading(app)
        await type_in(pilot, "佐藤\n花子\nAcme\n\n\n03-5555-0100\n")
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        # the same personal e-mail as 山田太郎, another name: warned, saved anyway
        assert isinstance(app.screen, ContactForm)
        assert "card 2 · 1 saved" in heading(app)
        await type_in(pilot, "Yamada\nT.\n\n\n\n\ntaro@sakura.example.jp\n")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, Lookalikes)
        await pilot.press("escape")  # back to the card: nothing saved, nothing lost
        await settle(app, pilot)
        assert isinstance(app.screen, ContactForm)
        assert app.screen.query_one("#f-family_name", Input).value == "Yamada"
        assert box.contacts().total == 2
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, Lookalikes)
        await pilot.press("s")
        await settle(app, pilot)

        # the same name at the same company: merged into the one already in the box
        assert "card 3 · 2 saved" in heading(app)
        await type_in(pilot, "山田\n太郎\nサクラ(株)\n\n部長\n090-1234-5678\n")
        await type_in(pilot, "\n\n\nM&A の相談\n")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, Lookalikes)
        await pilot.press("m")
        await settle(app, pilot)

        assert "card 4 · 3 saved" in heading(app)
        await pilot.press("escape")  # on an empty card: the session ends
        await settle(app, pilot)
        assert isinstance(app.screen, EventSession)
        rows_shown = review(app)
        assert [r[0].plain for r in rows_shown] == ["1", "2", "3"]
        assert [r[1].plain for r in rows_shown] == ["佐藤 花子", "T. Yamada", "山田 太郎"]
        assert rows_shown[0][5].plain == "no e-mail" and "red" in str(rows_shown[0][5].style)
        assert rows_shown[1][4].plain == "no phone"
        summary = str(app.screen.query_one("#session-summary", Static).render())
        assert "3 cards logged" in summary

    taro = box.get(taro_id)
    assert (taro.title, [p.e164 for p in taro.phones]) == ("部長", ["+819012345678"])
    (meeting,) = taro.meetings
    assert (meeting.event, meeting.position, meeting.talked_about) == (
        "異業種交流会 11月",
        3,
        "M&A の相談",
    )
    assert box.contacts().total == 3  # 山田太郎, 佐藤花子, T. Yamada; the merged copy is trashed
    assert box.trash().total == 1
    reminders = box.store.read(lambda conn: rows.reminders(conn))
    assert sorted(r.contact_id for r in reminders) == sorted(
        [taro_id, *(c.id for c in box.contacts().contacts if c.id != taro_id)]
    )
    assert {r.note for r in reminders} == {"お礼メール"}
    met = box.store.read(lambda conn: rows.last_contact(conn, [taro_id]))
    assert taro_id in met


async def test_the_review_opens_a_card_to_fix_and_shows_the_change(box: CardBox) -> None:
    event = box.add_event("Meetup", date="2026-11-20")
    app = App[None]()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(EventSession(box, event))
        await settle(app, pilot)
        assert "card 1 · 0 saved" in heading(app)
        await type_in(pilot, "Smith\nJohn\n")
        await pilot.press("ctrl+e")  # something typed: asks first
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        assert review(app)[0][3].plain == "no company"
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ContactForm)
        app.screen.query_one("#f-company", Input).value = "Acme"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, EventSession)
        assert review(app)[0][3].plain == "Acme"
        await pilot.press("n")  # log one more
        await settle(app, pilot)
        assert "card 2 · 1 saved" in heading(app)
    (john,) = box.contacts().contacts
    assert (john.company, john.meetings[0].position) == ("Acme", 1)


async def test_the_event_picker_refuses_a_bad_date_and_can_pick_an_old_event(
    box: CardBox,
) -> None:
    box.add_event("渋谷異業種交流会", date="2026-10-15")
    app = Host(box)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_in(pilot, "新しい会\n2026-13-01")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, EventPicker)
        error = str(app.screen.query_one("#event-error", Static).render())
        assert "YYYY-MM-DD" in error
        assert [e.name for e in box.events()] == ["渋谷異業種交流会"]
        app.screen.query_one("#event-list").focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ContactForm)
        assert "渋谷異業種交流会 · card 1" in heading(app)
        await pilot.press("escape")  # empty card: to the review, nothing logged
        await settle(app, pilot)
        summary = str(app.screen.query_one("#session-summary", Static).render())
        assert "No cards logged yet" in summary
        await pilot.press("escape")
        await pilot.pause()
    assert app.closed


HOSTILE = "[@click=app.quit]x[/] [bold red]赤\x1b[31m \u202eevil"


async def test_hostile_names_show_literally_in_the_warning_and_the_review(box: CardBox) -> None:
    from textual.widgets import OptionList

    box.add(card(family_name=HOSTILE, emails=["evil@example.jp"]))
    event = box.add_event("Meetup")
    app = App[None]()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(EventSession(box, event))
        await settle(app, pilot)
        app.screen.query_one("#f-family_name", Input).value = HOSTILE
        app.screen.query_one("#f-emails", Input).value = "evil@example.jp"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, Lookalikes)
        prompt = app.screen.query_one(OptionList).get_option_at_index(0).prompt
        assert isinstance(prompt, Text)
        assert "[@click=app.quit]x[/]" in prompt.plain and "⟨U+001B⟩" in prompt.plain
        assert "\x1b" not in prompt.plain and "\u202e" not in prompt.plain
        await pilot.press("s")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        (row,) = review(app)
        assert "[@click=app.quit]x[/]" in row[1].plain and "⟨U+202E⟩" in row[1].plain
        assert "\x1b" not in row[1].plain
        assert app.is_running
    assert [c.family_name for c in box.contacts().contacts] == [HOSTILE, HOSTILE]
