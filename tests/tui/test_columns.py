"""The contact table's columns and the detail pane at 120x40 and 80x24, on the demo box: the
names on screen whole, readings whole at 120, a column hidden rather than squeezed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import Static

from cardbox.domain.views import Row
from cardbox.services.box import CardBox
from cardbox.tui.app import CardboxApp
from cardbox.tui.widgets.columns import layout
from cardbox.tui.widgets.contact_table import ContactTable


async def settle(app: CardboxApp, pilot: Pilot[None]) -> None:
    """Wait until every key sent has been handled and the app's workers are done."""
    for _ in range(500):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not app.keys_pending:
            return
    raise AssertionError("keys still waiting after 500 rounds")


@pytest.fixture
def demo(demo_box_path: Path) -> Iterator[CardBox]:
    with CardBox.open(demo_box_path) as box:
        yield box


def screenful(grid: ContactTable) -> list[tuple[Row, str]]:
    """The rows on screen and their lines as drawn."""
    top = int(grid.scroll_offset.y)
    out = []
    for y in range(grid.size.height):
        if top + y >= len(grid.ids):
            break
        row = grid.row(grid.ids[top + y])
        assert row is not None
        out.append((row, "".join(seg.text for seg in grid.render_line(y))))
    return out


def test_names_take_what_they_need_before_the_other_columns() -> None:
    # 80 columns, no sidebar: the table has about 48 cells
    english = layout(48, "", {"name": 15, "reading": 0, "company": 25, "title": 20})
    assert english[0] >= 16 and english[1] == 0  # "Michael O'Brien" whole; no empty readings
    japanese = layout(48, "", {"name": 11, "reading": 13, "company": 20, "title": 10})
    assert japanese[0] >= 12 and japanese[1] >= 14 and japanese[2] >= 10
    # 120 columns with the sidebar and the detail pane: about 55 cells
    both = layout(55, "", {"name": 15, "reading": 16, "company": 25, "title": 20})
    assert both[0] >= 16 and both[1] >= 17 and both[2] >= 10
    # 80 columns with the sidebar open: the name alone rather than a cut name and company
    assert layout(24, "", {"name": 15, "reading": 16, "company": 25, "title": 20}) == [
        24,
        *[0] * 5,
    ]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_every_name_and_reading_on_screen_shows_whole(
    demo: CardBox, size: tuple[int, int]
) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        grid = app.main.query_one("#contacts", ContactTable)
        seen = 0
        for _page in range(4):  # English names first, then Japanese ones
            for row, line in screenful(grid):
                if "[" in row.name:  # the demo's markup test card is longer than any column
                    continue
                assert row.name in line, (size, row.name, line)
                if size[0] >= 120 and row.reading:
                    assert row.reading in line, (size, row.reading, line)
                seen += 1
            await pilot.press("pagedown")
            await settle(app, pilot)
        assert seen > size[1]
        assert any(cell_len(row.name) == 9 and row.name in line for row, line in screenful(grid))


async def test_the_sidebar_at_80_columns_hides_a_column_instead_of_squeezing(
    demo: CardBox,
) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f")
        await settle(app, pilot)
        grid = app.main.query_one("#contacts", ContactTable)
        header = app.main.query_one("#header", Static).render()
        assert "… …" not in str(header)
        for row, line in screenful(grid):
            if "[" not in row.name:
                assert row.name in line and "… …" not in line


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_detail_pane_is_wrapped_for_its_width_from_the_start(
    demo: CardBox, size: tuple[int, int]
) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        card = app.main.query_one("#card", Static)
        lines = str(card.render()).splitlines()
        assert len(lines) > 5
        assert all(cell_len(line.rstrip()) <= card.size.width for line in lines), lines
        # and again after the sidebar comes and goes (the pane keeps its width there)
        await pilot.press("f", "escape")
        await settle(app, pilot)
        lines = str(card.render()).splitlines()
        assert all(cell_len(line.rstrip()) <= card.size.width for line in lines), lines


def test_a_pane_too_narrow_for_a_number_beside_its_label_puts_values_under_labels() -> None:
    from cardbox.domain.model import Contact, Phone
    from cardbox.tui.widgets.render import detail

    contact = Contact(
        family_name="Becker",
        given_name="Daniel",
        company="Bluefin Trading Co., Ltd.",
        phones=(Phone("+817055550147", "070-5555-0147", "mobile"),),
    )
    lines = detail(contact, {}, width=25).plain.splitlines()  # the pane at 80 columns
    assert "  +81 70-5555-0147" in lines and "  070-5555-0147" in lines
    assert "☎ mobile" in lines and "Company" in lines
    assert all(len(line) <= 25 for line in lines)
    wide = detail(contact, {}, width=36).plain.splitlines()
    assert any(line.startswith("☎ mobile    070-5555-0147") for line in wide)
