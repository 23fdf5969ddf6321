"""How the app feels in use: a visible cursor, columns that fit, no lost keystrokes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from rich.color import Color
from textual.pilot import Pilot
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Input, Static

from cardbox.services.box import CardBox
from cardbox.tui.app import CardboxApp
from cardbox.tui.widgets.contact_table import ContactTable

SIZE = (120, 40)


@pytest.fixture
def demo(demo_box_path: Path) -> Iterator[CardBox]:
    with CardBox.open(demo_box_path) as box:
        yield box


async def settle(app: CardboxApp, pilot: Pilot[None], *, workers: bool = True) -> None:
    """Wait until every key sent has been handled and the app is idle (and, with ``workers``,
    its workers are done: not with a folder tree on screen, whose loader never completes)."""
    for _ in range(500):
        await pilot.pause()
        if workers:
            await app.workers.wait_for_complete()
        await pilot.pause()
        if not app.keys_pending:
            return
    raise AssertionError("keys still waiting after 500 rounds")


def table(app: CardboxApp) -> ContactTable:
    return app.main.query_one("#contacts", ContactTable)


def backgrounds(strip: Strip) -> set[Color | None]:
    """The background colours of a drawn line's text (the padding at its end left out)."""
    return {seg.style.bgcolor if seg.style else None for seg in strip if seg.text.strip()}


async def test_the_cursor_row_and_marked_rows_look_different_from_the_others(demo: CardBox) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "j")
        grid = table(app)
        assert grid.cursor == 2
        cursor = backgrounds(grid.render_line(2))
        others = [backgrounds(grid.render_line(y)) for y in (0, 1, 3, 4)]
        want = grid.get_component_rich_style("contact-table--cursor").bgcolor
        assert cursor == {want}
        assert all(want not in line for line in others)
        # Marking the cursor's row moves the cursor down; the marked row keeps its own look.
        await pilot.press("space")
        marked = backgrounds(grid.render_line(2))
        assert grid.cursor == 3
        assert marked == {grid.get_component_rich_style("contact-table--marked").bgcolor}
        assert all(marked != line for line in others)
        # The whole screen, as a terminal would show it, has the cursor's colour.
        assert want is not None and want.triplet is not None
        assert want.triplet.hex in app.export_screenshot()


def burst(app: CardboxApp, *keys: str) -> None:
    """Send keys the way a terminal delivers an IME commit or a paste: all at once, with no
    waiting between them (Pilot's `press` waits for the app to be idle after each key)."""
    import unicodedata

    from textual import events
    from textual.keys import _character_to_key, _get_unicode_name_from_key

    for key in keys:
        char: str | None = key if len(key) == 1 else None
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        with suppress(KeyError):
            char = char or unicodedata.lookup(_get_unicode_name_from_key(key))
        event = events.Key(key, char)
        event.set_sender(app)
        app.post_message(event)


async def test_a_burst_of_keys_in_the_search_box_arrives_whole_and_in_order(demo: CardBox) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        search = app.main.query_one("#search", Input)
        burst(app, "slash", *"佐藤")
        await settle(app, pilot)
        assert search.value == "佐藤"
        burst(app, "backspace", "backspace", *"田中", "backspace", *"健太")
        await settle(app, pilot)
        assert search.value == "田健太"
        burst(app, *"sato", *["backspace"] * 4, *"tanaka")
        await settle(app, pilot)
        assert search.value == "田健太satanaka"[:3] + "tanaka"
        # Enter leaves the box for the table; what follows is a table key, not more text.
        burst(app, "enter", "j", "j")
        await settle(app, pilot)
        assert search.value == "田健太tanaka"
        assert app.focused is table(app)


def on_top(app: CardboxApp, screen: Screen[Any]) -> bool:
    """Whether `screen` is the one shown (in a function: mypy would narrow `screen` to the
    app's `Screen[object]` after an `is` check in the test, losing its own methods)."""
    return app.screen is screen


def value(app: CardboxApp, selector: str) -> str:
    return app.screen.query_one(selector, Input).value


async def test_keys_typed_straight_after_a_key_that_opens_a_form_land_in_that_form(
    demo: CardBox,
) -> None:
    from cardbox.tui.widgets.card_form.form import ContactForm

    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        burst(app, "n", *"田中", "enter", *"健太")
        await settle(app, pilot)
        assert isinstance(app.screen, ContactForm)
        assert value(app, "#f-family_name") == "田中"
        assert value(app, "#f-given_name") == "健太"
        assert app.main.query_one("#search", Input).value == ""


async def test_the_industry_picker_gets_the_filter_typed_at_once_and_enter_picks_from_it(
    demo: CardBox,
) -> None:
    from cardbox.tui.widgets.card_form.form import ContactForm

    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        burst(app, "ctrl+o", *"trading", "enter", "tab", *"golf")
        await settle(app, pilot)
        assert isinstance(app.screen, ContactForm)
        industries = value(app, "#f-industries")
        assert "Trading" in industries and "Agriculture" not in industries
        # The picker gave the focus to the industry field, and tab went on from there.
        assert value(app, "#f-tags") == "golf"
        assert value(app, "#f-family_name") == ""


async def test_tab_then_text_in_the_new_reminder_dialog_fills_each_field(demo: CardBox) -> None:
    from rich.text import Text

    from cardbox.tui.dialogs.followups import ReminderDialog

    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.push_screen(ReminderDialog(Text("x"), "Asia/Tokyo"))
        await settle(app, pilot)
        burst(app, *"12月15日 10:00", "tab", *"見積もり確認の電話", "tab", *"3 months")
        await settle(app, pilot)
        assert value(app, "#when") == "12月15日 10:00"
        assert value(app, "#note") == "見積もり確認の電話"
        assert value(app, "#every") == "3 months"


async def test_a_path_typed_in_a_burst_after_tab_lands_in_the_import_path_field(
    demo: CardBox, tmp_path: Path
) -> None:
    from cardbox.tui.screens.importing import ImportScreen

    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.push_screen(ImportScreen(demo, start=tmp_path))
        await pilot.pause(0.3)
        burst(app, "tab", *"~/cards/名刺.vcf")
        await settle(app, pilot, workers=False)
        assert value(app, "#import-path") == "~/cards/名刺.vcf"


async def test_keys_typed_while_the_agenda_is_worked_out_go_to_the_agenda(demo: CardBox) -> None:
    from cardbox.tui.screens.agenda import AgendaScreen

    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        before = table(app).cursor
        burst(app, "a", "j", "j")
        await settle(app, pilot)
        assert isinstance(app.screen, AgendaScreen)
        assert table(app).cursor == before  # the main table did not move


async def test_after_a_refused_save_keys_typed_ahead_never_fill_the_open_card(
    demo: CardBox,
) -> None:
    from cardbox.tui.widgets.card_form.form import ContactForm

    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, ContactForm)
        burst(app, *"Wilson")
        await settle(app, pilot)
        form.fields.input("phones").value = "090-123-456"
        form.fields.input("emails").value = "hanako@"
        await settle(app, pilot)
        # ctrl+s, and straight on with the next card, as if it had been saved.
        burst(app, "ctrl+s", *"Raj", "tab", "tab", *"Patel")
        await settle(app, pilot)
        assert on_top(app, form)
        values = form.values()
        assert values["family_name"] == "Wilson"
        assert values["phones"] == "090-123-456" and values["emails"] == "hanako@"
        assert not any("Raj" in v or "Patel" in v for v in values.values())
        await pilot.pause(0.3)
        alert = str(form.query_one("#form-alert", Static).content)
        assert "2 fields need attention" in alert and "keys typed after ctrl+s" in alert
        assert app.focused is form.query_one("#f-phones")
        # What is typed now goes on at the end of the first problem, replacing nothing.
        burst(app, "7")
        await settle(app, pilot)
        assert form.values()["phones"] == "090-123-4567"


def test_the_table_shortens_japanese_legal_forms_and_dims_them() -> None:
    from cardbox.tui.widgets.columns import short_company

    front = short_company("株式会社サクラテック")
    assert front.plain == "㈱サクラテック"
    assert [(s.start, s.end, str(s.style)) for s in front.spans] == [(0, 1, "dim")]
    assert short_company("サクラテック株式会社").plain == "サクラテック㈱"
    assert short_company("合同会社炭").plain == "(同)炭"
    assert short_company("株式会社").plain == "株式会社"  # nothing else to show
    assert short_company("Acme Japan K.K.").plain == "Acme Japan K.K."


def test_columns_take_what_their_values_need_and_hide_rather_than_squeeze() -> None:
    from cardbox.tui.widgets.columns import LEAST, layout

    want = {"name": 13, "reading": 14, "company": 16, "title": 20}
    wide = layout(120, "", want)
    assert sum(wide) == 120
    assert wide[0] > 13 and wide[1] > 14  # "Daniel Becker" and a reading whole at 120
    assert layout(80, "", {"name": 11})[0] > 11  # "Alice Smith" whole at 80
    for width in range(20, 60):
        sizes = layout(width, "", want)
        assert sum(sizes) == width
        shown = [s for s, attr in zip(sizes[:4], LEAST, strict=True) if s]
        assert all(s >= LEAST[a] for s, a in zip(sizes[:4], LEAST, strict=True) if s)
        assert sizes[0] and shown  # the name always stays


async def test_at_120_columns_japanese_names_readings_and_companies_show_whole(
    demo: CardBox,
) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        grid = table(app)
        lines = ["".join(seg.text for seg in grid.render_line(y)) for y in range(grid.size.height)]
        text = "\n".join(lines)
        assert "株式会社" not in text and "㈱" in text
        rows = [grid.row(i) for i in grid.ids[: grid.size.height]]
        for row in rows:
            # (with the sidebar and the detail pane, the table has 56 cells at 120 columns)
            if row is not None and row.name and 0 < cell_len(row.reading) <= 13:
                line = next(ln for ln in lines if row.name in ln)
                assert row.reading in line, (row.name, row.reading, line)


def test_the_detail_pane_indents_wrapped_values_and_never_breaks_a_phone_number() -> None:
    from cardbox.domain.model import Address, Contact, Phone
    from cardbox.tui.widgets.render import LABEL, detail

    contact = Contact(
        family_name="Becker",
        given_name="Daniel",
        company="Bluefin Trading Co., Ltd.",
        phones=(Phone("+817055550147", "070-5555-0147", "mobile"),),
        addresses=(Address(street="1-2-3 Shibuya\nHikarie 12F", locality="Tokyo"),),
    )
    lines = detail(contact, {}, width=36).plain.splitlines()
    company = next(n for n, ln in enumerate(lines) if ln.lstrip().startswith("Company"))
    assert lines[company + 1].startswith(" " * LABEL) and "Ltd." in lines[company + 1]
    assert any(ln.rstrip().endswith("070-5555-0147") for ln in lines)
    assert any("+81 70-5555-0147" in ln for ln in lines)
    assert all(len(ln) <= 36 for ln in lines)
    assert not any("U+000A" in ln for ln in lines)
    assert any(ln.strip() == "Hikarie 12F, Tokyo" or "Hikarie 12F" in ln for ln in lines)


async def test_the_agenda_answers_question_mark_and_home_end_g_and_shows_S(
    demo: CardBox,
) -> None:
    from textual.widgets import DataTable

    from cardbox.services import followups
    from cardbox.tui.screens.agenda import AgendaScreen
    from cardbox.tui.screens.help import HelpScreen

    for n, contact_id in enumerate(table_ids(demo)[:4]):
        followups.remind(demo, contact_id, f"{n + 1}d", f"call {n}")
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, AgendaScreen)
        agenda = app.screen.query_one("#agenda-table", DataTable)
        assert agenda.row_count >= 4
        await pilot.press("end")
        assert agenda.cursor_row == agenda.row_count - 1
        await pilot.press("home")
        assert agenda.cursor_row == 0
        await pilot.press("G")
        assert agenda.cursor_row == agenda.row_count - 1
        await pilot.press("g")
        assert agenda.cursor_row == 0
        keys = {key for key, b in app.screen.active_bindings.items() if b.binding.show}
        assert "S" in keys
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)


def table_ids(box: CardBox) -> list[int]:
    return [c.id or 0 for c in box.search("", limit=10).contacts]


def test_a_phone_too_wide_for_the_pane_breaks_only_at_its_spaces_and_stays_indented() -> None:
    from cardbox.tui.widgets.render import hanging

    text, shown = "03-5555-0131", "+81 3-5555-0131"
    assert hanging(f"{text}  {shown}", 13, whole=(text, shown)) == [text, "+81", "3-5555-0131"]
    assert hanging(f"{text}  {shown}", 15, whole=(text, shown)) == [text, shown]
