"""The card form, driven by keys through Textual's Pilot: new cards, edits, readings,
validation next to the field, asking before discarding, and hostile text kept literal."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea
from textual.worker import WorkerCancelled

from cardbox.domain.contacts import parse_address
from cardbox.domain.errors import StoreError
from cardbox.domain.model import Address, Contact
from cardbox.services.box import Card, CardBox
from cardbox.tui.dialogs.confirm import Confirm
from cardbox.tui.dialogs.industry_picker import IndustryPicker
from cardbox.tui.widgets.card_form.form import ContactForm
from cardbox.tui.widgets.card_form.formextra import address_changes, address_line
from tests.conftest import card

SIZE = (120, 40)
UNSET = object()


class Host(App[None]):
    """Shows one screen and keeps what it was dismissed with."""

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.first = screen
        self.result: Any = UNSET

    def on_mount(self) -> None:
        self.push_screen(self.first, self._done)

    def _done(self, value: Any) -> None:
        self.result = value


async def settle(app: App[Any], pilot: Pilot[Any]) -> None:
    """Let workers finish and their results reach the screen, until nothing moves."""
    for _ in range(50):
        before = (list(app.screen_stack), app.screen.focused)
        await pilot.pause()
        with suppress(WorkerCancelled):  # a worker of a screen that was just dismissed
            await app.workers.wait_for_complete()
        await pilot.pause(0.02)
        if (list(app.screen_stack), app.screen.focused) == before:
            return


def field(app: App[Any], name: str) -> Input:
    return app.screen.query_one(f"#f-{name}", Input)


def error(app: App[Any], name: str) -> str:
    widget = app.screen.query_one(f"#err-{name}", Static)
    return str(widget.render()) if widget.has_class("shown") else ""


async def type_in(pilot: Pilot[Any], *keys: str) -> None:
    """Type text, one key at a time (``"\\n"`` presses enter: on to the next field)."""
    for text in keys:
        await pilot.press(*["enter" if ch == "\n" else ch for ch in text])


async def test_a_new_card_is_typed_field_to_field_and_saved(box: CardBox) -> None:
    box.add_event("交流会", date="2026-10-15")
    app = Host(ContactForm(box, event="交流会"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        # enter moves on and skips the readings; the order is the card's
        await type_in(pilot, "鈴木\n花子\nAcme\n営業部\n課長\n0312345678\nhanako@acme.example\n")
        await type_in(pilot, "software\ngolf, investor\n採用の相談\n")
        await settle(app, pilot)
        assert field(app, "phones").value == "03-1234-5678"  # written out on leaving
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    saved = app.result
    assert isinstance(saved, Contact)
    assert (saved.family_name, saved.given_name, saved.company) == ("鈴木", "花子", "Acme")
    assert (saved.department, saved.title) == ("営業部", "課長")
    assert [p.e164 for p in saved.phones] == ["+81312345678"]
    assert [e.address for e in saved.emails] == ["hanako@acme.example"]
    assert saved.industries == ("G-software",)
    assert saved.tags == ("golf", "investor")
    (meeting,) = saved.meetings
    assert (meeting.event, meeting.position, meeting.talked_about) == ("交流会", 1, "採用の相談")


async def test_a_problem_is_shown_next_to_its_field_and_nothing_typed_is_lost(
    box: CardBox,
) -> None:
    app = Host(ContactForm(box))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_in(pilot, "山田\n太郎\n\n\n\n090-123\ntaro@\n")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ContactForm)
        assert "too short" in error(app, "phones")
        assert "not an address" in error(app, "emails")
        assert error(app, "family_name") == ""
        assert box.contacts().total == 0
        assert (field(app, "family_name").value, field(app, "given_name").value) == ("山田", "太郎")
        assert (field(app, "phones").value, field(app, "emails").value) == ("090-123", "taro@")
        assert app.screen.focused is field(app, "phones")  # the first field to fix
        field(app, "phones").value = "090-1234-5678"
        field(app, "emails").value = "taro@example.jp"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert isinstance(app.result, Contact)
    assert [p.e164 for p in app.result.phones] == ["+819012345678"]


async def test_a_card_needs_a_name_or_a_company(box: CardBox) -> None:
    app = Host(ContactForm(box))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_in(pilot, "\n\n\n営業部")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "name or a company" in error(app, "family_name")
        assert field(app, "department").value == "営業部"
    assert app.result is UNSET and box.contacts().total == 0


async def test_escape_on_a_half_typed_card_asks_first(box: CardBox) -> None:
    app = Host(ContactForm(box))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_in(pilot, "山田")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert field(app, "family_name").value == "山田"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # discard
        await pilot.pause()
    assert app.result is None and box.contacts().total == 0


async def test_escape_on_an_empty_card_just_closes(box: CardBox) -> None:
    app = Host(ContactForm(box))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, Confirm)
    assert app.result is None


async def test_a_suggested_reading_is_stored_unconfirmed_unless_accepted(box: CardBox) -> None:
    for accept in (False, True):
        app = Host(ContactForm(box))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await type_in(pilot, "山田\n太郎\n株式会社山田製作所\n")
            await settle(app, pilot)
            assert (field(app, "family_reading").value, field(app, "given_reading").value) == (
                "やまだ",
                "たろう",
            )
            assert field(app, "company_reading").value == "やまだせいさくしょ"
            label = app.screen.query_one("#label-family_reading", Label)
            assert label.has_class("suggested")
            assert app.screen.query_one("#hint-family_reading", Label).display
            if accept:
                await pilot.press("ctrl+r")
                await pilot.pause()
                assert not label.has_class("suggested")
            await pilot.press("ctrl+s")
            await settle(app, pilot)
        saved = app.result
        assert isinstance(saved, Contact)
        assert (saved.family_reading, saved.given_reading) == ("やまだ", "たろう")
        assert saved.reading_confirmed is accept
        box.remove(saved.id or 0)


async def test_a_reading_typed_over_the_suggestion_is_confirmed(box: CardBox) -> None:
    app = Host(ContactForm(box))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_in(pilot, "東海林\n")
        await settle(app, pilot)
        assert field(app, "family_reading").value  # something was suggested
        await pilot.press("tab")  # the given name
        await pilot.press("tab")  # the family reading: typing replaces the suggestion
        await type_in(pilot, "しょうじ")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert isinstance(app.result, Contact)
    assert (app.result.family_reading, app.result.reading_confirmed) == ("しょうじ", True)


async def test_a_known_company_is_completed_and_brings_its_industry(box: CardBox) -> None:
    box.add(card(family_name="佐藤", company="株式会社サクラ法律事務所", industries=["lawyer"]))
    app = Host(ContactForm(box))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_in(pilot, "田中\n一郎\n株式会社サク")
        await settle(app, pilot)
        await pilot.press("right")  # accept the completion
        assert field(app, "company").value == "株式会社サクラ法律事務所"
        await pilot.press("enter")
        await settle(app, pilot)
        assert "法律" in field(app, "industries").value
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert isinstance(app.result, Contact)
    assert app.result.industries == box.get(1).industries


async def test_in_japanese_the_industry_a_company_brings_is_accepted(box: CardBox) -> None:
    # The field shows the Japanese name first (法律 / Legal ...); the check once knew only the
    # English-first name and refused the industry the form itself had filled in.
    from cardbox.tui import i18n

    box.add(card(family_name="佐藤", company="株式会社サクラ法律事務所", industries=["lawyer"]))
    i18n.use("ja")
    try:
        app = Host(ContactForm(box))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await type_in(pilot, "田中\n一郎\n株式会社サク")
            await settle(app, pilot)
            await pilot.press("right", "enter")
            await settle(app, pilot)
            assert field(app, "industries").value.startswith("法律")
            await pilot.press("ctrl+s")
            await settle(app, pilot)
    finally:
        i18n.use("en")
    assert isinstance(app.result, Contact)
    assert app.result.industries == box.get(1).industries


async def test_the_industry_picker_filters_and_fills_the_field(box: CardBox) -> None:
    app = Host(ContactForm(box))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_in(pilot, "Acme\n")
        field(app, "industries").focus()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, IndustryPicker)
        await type_in(pilot, "弁護士")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert "Legal" in field(app, "industries").value
        assert error(app, "industries") == ""
        field(app, "industries").value += "; nonsense-industry"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "No industry called nonsense-industry" in error(app, "industries")


def rich_contact(box: CardBox) -> Contact:
    box.add_event("交流会", date="2026-10-15")
    saved = box.add(
        Card(
            fields={
                "family_name": "山田",
                "given_name": "太郎",
                "family_reading": "やまだ",
                "given_reading": "たろう",
                "company": "株式会社サクラ",
                "department": "法務部",
                "title": "課長",
                "notes": "ゴルフ好き\n二行目",
            },
            phones=["mobile:090-1234-5678", "work:+81 3 1234 5678"],
            emails=["work:taro@example.jp"],
            urls=["sakura.example.jp"],
            addresses=["work:〒150-0002 東京都渋谷区渋谷2-21-1"],
            industries=["lawyer"],
            tags=["investor"],
            events=["交流会"],
            talked_about="M&A の相談",
        )
    )
    assert saved.addresses and isinstance(saved.addresses[0], Address)
    return saved


async def test_an_edit_changes_only_the_field_that_was_changed(box: CardBox) -> None:
    before = rich_contact(box)
    app = Host(ContactForm(box, before, event="交流会"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert field(app, "talked_about").value == "M&A の相談"
        title = field(app, "title")
        title.focus()
        await pilot.pause()
        title.value = "部長"
        # leaving phones written in another style is not a change
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        # A new title asks: a new job, or a correction? (n: a correction, no history)
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await settle(app, pilot)
    after = app.result
    assert isinstance(after, Contact)
    assert after == replace(before, title="部長", updated=after.updated)
    assert after.extra == before.extra
    assert box.store.job_history(after.id or 0) == []


async def test_a_new_company_in_an_edit_can_be_recorded_as_a_job_change(box: CardBox) -> None:
    before = rich_contact(box)
    app = Host(ContactForm(box, before))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        field(app, "company").value = "ABC株式会社"
        field(app, "title").value = "取締役"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, Confirm)
        assert "山田 太郎" in str(app.screen.query_one("#confirm-question", Static).content)
        await pilot.press("y")
        await settle(app, pilot)
    after = app.result
    assert isinstance(after, Contact)
    assert (after.company, after.title) == ("ABC株式会社", "取締役")
    (change,) = box.store.job_history(after.id or 0)
    assert (change.old.company, change.old.title) == ("株式会社サクラ", "課長")
    assert (change.new.company, change.new.title) == ("ABC株式会社", "取締役")
    assert change.source == "edit"


async def test_an_edit_replaces_a_changed_list_and_keeps_the_meeting_order(box: CardBox) -> None:
    before = rich_contact(box)
    app = Host(ContactForm(box, before, event="交流会"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        field(app, "phones").value = "mobile:090-1234-5678"
        field(app, "tags").value = "investor, golf"
        field(app, "talked_about").value = "採用の相談"
        field(app, "family_name").value = "山本"  # its typed reading stays (never replaced)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    after = app.result
    assert isinstance(after, Contact)
    assert [(p.label, p.e164) for p in after.phones] == [("mobile", "+819012345678")]
    assert sorted(after.tags) == ["golf", "investor"]
    assert [(m.position, m.talked_about) for m in after.meetings] == [(1, "採用の相談")]
    assert (after.family_name, after.family_reading, after.reading_confirmed) == (
        "山本",
        "やまだ",
        True,
    )
    assert (after.emails, after.addresses, after.urls, after.notes) == (
        before.emails,
        before.addresses,
        before.urls,
        before.notes,
    )


async def test_an_edit_with_a_follow_up_sets_a_reminder(box: CardBox) -> None:
    from cardbox.store import followups as rows

    before = rich_contact(box)
    app = Host(ContactForm(box, before))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert not app.screen.query_one("#row-talked_about").display  # no event given
        field(app, "follow_up").value = "令和6年4月1日"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert error(app, "follow_up")  # refused, never guessed
        field(app, "follow_up").value = "2w"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert isinstance(app.result, Contact)
    assert len(box.store.read(lambda conn: rows.reminders(conn))) == 1


HOSTILE = "[@click=app.quit]x[/] [bold red]赤\x1b[31m\x1b]0;title\x07 \u202eevil"


async def test_hostile_text_is_saved_exactly_and_shown_literally(box: CardBox) -> None:
    app = Host(ContactForm(box))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_in(pilot, "[@click=app.quit]x[/]")
        name = field(app, "family_name")
        name.value = HOSTILE  # pasted: control characters can only arrive that way
        await pilot.pause()
        shown = name._value.plain
        assert "\x1b" not in shown and "\u202e" not in shown and "\x07" not in shown
        assert "[@click=app.quit]x[/]" in shown and "␛" in shown
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.is_running
    assert isinstance(app.result, Contact)
    assert box.get(app.result.id or 0).family_name == HOSTILE
    edit = Host(ContactForm(box, box.get(app.result.id or 0)))
    async with edit.run_test(size=SIZE) as pilot:
        await settle(edit, pilot)
        heading = str(edit.screen.query_one("#form-heading", Static).render())
        assert "[@click=app.quit]x[/]" in heading and "⟨U+001B⟩" in heading
        assert "\x1b" not in heading
        await pilot.press("escape")  # nothing changed: closes without asking
        await pilot.pause()
    assert edit.result is None


async def test_a_failed_save_keeps_the_card_and_the_next_try_saves(
    box: CardBox, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_add = box.add
    calls: list[Card] = []

    def flaky_add(card: Card, **kw: Any) -> Contact:
        calls.append(card)
        if len(calls) == 1:
            raise StoreError("database is locked")
        return real_add(card, **kw)

    monkeypatch.setattr(box, "add", flaky_add)
    app = Host(ContactForm(box))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_in(pilot, "木村\n拓也\n")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, ContactForm)
        status = str(form.query_one("#form-status", Static).render())
        assert "database is locked" in status
        assert (field(app, "family_name").value, field(app, "given_name").value) == ("木村", "拓也")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert isinstance(app.result, Contact) and len(calls) == 2
    assert box.contacts().total == 1


def area(app: App[Any], name: str) -> TextArea:
    return app.screen.query_one(f"#f-{name}", TextArea)


def focused(app: App[Any]) -> Widget | None:
    """What has focus now, read afresh (mypy would carry over what an earlier `is` check proved)."""
    return app.screen.focused


async def test_an_edit_of_notes_and_birthday_changes_only_them(box: CardBox) -> None:
    before = rich_contact(box)
    app = Host(ContactForm(box, before))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        notes = area(app, "notes")
        assert notes.text == "ゴルフ好き\n二行目"
        assert field(app, "urls").value == "https://sakura.example.jp"
        assert area(app, "addresses").text == "work:〒150-0002 東京都渋谷区渋谷2-21-1"
        field(app, "follow_up").focus()
        await pilot.pause()
        await type_in(pilot, "\n")  # enter: on to the birthday
        assert focused(app) is field(app, "birthday")
        await type_in(pilot, "4-12\n")  # yearless; enter: on to the web addresses
        assert focused(app) is field(app, "urls")
        assert field(app, "birthday").value == "--04-12"  # written out on leaving
        await type_in(pilot, "\n")  # on to the addresses
        assert focused(app) is area(app, "addresses")
        await pilot.press("tab")  # enter would start a new line: tab moves on
        assert focused(app) is notes
        await pilot.press("down")  # the cursor moves inside the notes, focus stays
        assert focused(app) is notes and notes.cursor_location == (1, 0)
        await pilot.press("end")
        await type_in(pilot, "\n三行目")  # enter inside the notes: a new line
        assert focused(app) is notes
        assert notes.text == "ゴルフ好き\n二行目\n三行目"
        await pilot.press("ctrl+s")  # saves from inside the notes
        await settle(app, pilot)
    after = app.result
    assert isinstance(after, Contact)
    expected = replace(
        before, notes="ゴルフ好き\n二行目\n三行目", birthday="--04-12", updated=after.updated
    )
    assert after == expected
    assert box.get(before.id or 0) == expected


async def test_down_from_the_last_line_of_notes_leaves_them(box: CardBox) -> None:
    app = Host(ContactForm(box))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        area(app, "notes").focus()
        await type_in(pilot, "a\nb")
        await pilot.press("up")
        assert area(app, "notes").cursor_location[0] == 0  # moved inside
        await pilot.press("up")  # from the first line: the field above
        assert focused(app) is area(app, "addresses")
        await pilot.press("up")  # an empty field: its first line is its last
        assert focused(app) is field(app, "urls")


async def test_a_bad_birthday_is_shown_under_it_and_kept(box: CardBox) -> None:
    app = Host(ContactForm(box))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_in(pilot, "山田\n")
        field(app, "birthday").focus()
        await type_in(pilot, "1985-02-30\n")  # leaving says so at once
        await settle(app, pilot)
        assert "no such day" in error(app, "birthday")
        assert field(app, "birthday").value == "1985-02-30"
        field(app, "birthday").value = "next spring"
        area(app, "notes").focus()
        await type_in(pilot, "会った\n二行目")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ContactForm)
        assert "not a birthday" in error(app, "birthday")
        assert app.screen.focused is field(app, "birthday")
        assert field(app, "birthday").value == "next spring"
        assert area(app, "notes").text == "会った\n二行目"
        assert box.contacts().total == 0
        field(app, "birthday").value = "１９８５－０４－１２"  # full width, as an IME types it
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert isinstance(app.result, Contact)
    assert (app.result.birthday, app.result.notes) == ("1985-04-12", "会った\n二行目")


async def test_an_address_with_a_postal_code_round_trips(box: CardBox) -> None:
    line = "work:〒150-0002 東京都渋谷区渋谷2-21-1 サクラビル5F"
    app = Host(ContactForm(box))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_in(pilot, "山田\n")
        area(app, "addresses").focus()
        await type_in(
            pilot, line + "\nhome:1 Main St, Springfield; 〒530-0001 大阪府大阪市北区梅田1-1"
        )
        field(app, "urls").focus()
        await type_in(pilot, "sakura.example.jp, blog:https://example.com/a")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    saved = app.result
    assert isinstance(saved, Contact)
    work, home, osaka = saved.addresses
    assert work == Address(
        label="work",
        postal_code="150-0002",
        region="東京都",
        locality="渋谷区",
        street="渋谷2-21-1",
        building="サクラビル5F",
        country="JP",
    )
    assert (home.label, home.street) == ("home", "1 Main St, Springfield")
    assert (osaka.postal_code, osaka.region, osaka.locality) == ("530-0001", "大阪府", "大阪市")
    assert [(u.label, u.url) for u in saved.urls] == [
        ("", "https://sakura.example.jp"),
        ("blog", "https://example.com/a"),
    ]
    edit = Host(ContactForm(box, saved))
    async with edit.run_test(size=SIZE) as pilot:
        await settle(edit, pilot)
        assert area(edit, "addresses").text.splitlines()[0] == line  # shown as typed
        field(edit, "urls").value = "blog:https://example.com/a"  # only the web changes
        await pilot.press("ctrl+s")
        await settle(edit, pilot)
    after = edit.result
    assert isinstance(after, Contact)
    assert after.addresses == saved.addresses
    assert [(u.label, u.url) for u in after.urls] == [("blog", "https://example.com/a")]


def test_an_address_kept_as_it_was_is_not_rewritten() -> None:
    imported = Address(label="work", street="1 Main St", locality="Springfield", country="US")
    typed = address_line(imported)
    assert parse_address(typed) != imported  # a typed line holds less structure
    assert address_changes((imported,), [typed]) == ([], [])
    # an address added below: only that is added, the imported one stays as it is
    assert address_changes((imported,), [typed, "〒150-0002 東京都渋谷区渋谷1-1"]) == (
        [],
        ["〒150-0002 東京都渋谷区渋谷1-1"],
    )
    tokyo = parse_address("〒150-0002 東京都渋谷区渋谷1-1")
    # one removed, one changed: the old one goes, the new line comes
    assert address_changes((imported, tokyo), ["〒150-0002 東京都渋谷区渋谷2-2"]) == (
        [imported.one_line(), tokyo.one_line()],
        ["〒150-0002 東京都渋谷区渋谷2-2"],
    )
    # the same address under two labels: removing one would take both, so all are replaced
    home = replace(tokyo, label="home")
    assert address_changes((tokyo, home), [address_line(home)]) == (
        [tokyo.one_line()],
        [address_line(home)],
    )


async def test_hostile_notes_are_saved_exactly_and_shown_literally(box: CardBox) -> None:
    notes = HOSTILE + "\n\t二行目 [/] \x00"
    app = Host(ContactForm(box))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await type_in(pilot, "山田\n")
        widget = area(app, "notes")
        widget.focus()
        widget.text = notes  # pasted
        await pilot.pause()
        first = widget.get_line(0).plain
        assert "\x1b" not in first and "\u202e" not in first and "\x07" not in first
        assert "[@click=app.quit]x[/]" in first and "␛" in first and "␇" in first
        assert widget.get_line(1).plain.startswith("\t")  # a tab stays a tab
        shown = "".join(s.text for s in widget.render_line(0))
        assert "\x1b" not in shown and "[@click=app.quit]x[/]" in shown
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.is_running
    assert isinstance(app.result, Contact)
    assert box.get(app.result.id or 0).notes == notes
    edit = Host(ContactForm(box, box.get(app.result.id or 0)))
    async with edit.run_test(size=SIZE) as pilot:
        await settle(edit, pilot)
        assert area(edit, "notes").text == notes
        await pilot.press("escape")  # nothing changed: closes without asking
        await pilot.pause()
    assert edit.result is None


async def test_notes_whose_line_breaks_a_text_area_rejoins_are_kept_exactly(
    box: CardBox,
) -> None:
    odd = "一\r\n二\n三\u2028四\x0c"
    saved = box.add(Card(fields={"family_name": "山田", "notes": odd}))
    assert saved.notes == odd
    app = Host(ContactForm(box, saved))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        field(app, "title").value = "部長"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert isinstance(app.result, Contact)
    assert (app.result.title, app.result.notes) == ("部長", odd)


async def test_merging_a_logged_card_into_someone_met_at_the_event_keeps_both_talks_once(
    box: CardBox,
) -> None:
    from cardbox.store import followups as stored
    from cardbox.tui.dialogs.lookalikes import Lookalikes

    event = "渋谷異業種交流会 2026冬"
    box.add_event(event, date="2026-12-03", follow_up="3d", follow_up_note="お礼メール")
    known = box.add(
        card(family_name="Wilson", given_name="Emma", company="Wilson Consulting", events=[event])
    )
    box.set_talked_about(known.id or 0, event, "Tokyo office opening")
    app = Host(ContactForm(box, event=event))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        field(app, "family_name").value = "Wilson"
        field(app, "given_name").value = "Emma"
        field(app, "company").value = "Wilson Consulting"
        field(app, "title").value = "Partner"
        field(app, "talked_about").value = "Market entry consulting"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, Lookalikes)
        await pilot.press("m")
        await settle(app, pilot)
    merged = box.get(known.id or 0)
    assert app.result is not UNSET and app.result.id == known.id
    assert [m.talked_about for m in merged.meetings] == [
        "Tokyo office opening / Market entry consulting"
    ]
    assert merged.title == "Partner"
    met = box.store.read(lambda c: stored.interactions(c, known.id or 0))
    reminders = box.store.read(lambda c: stored.reminders(c, contact_id=known.id))
    assert [i.kind for i in met] == ["met"] and [r.note for r in reminders] == ["お礼メール"]
