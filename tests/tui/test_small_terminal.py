"""Every dialog fits an 80x24 terminal: nothing runs off the right side, and what does not fit
in height can be scrolled to (buttons included)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.containers import ScrollableContainer
from textual.pilot import Pilot
from textual.widget import Widget

from cardbox.services import followups
from cardbox.services.box import CardBox
from cardbox.tui.app import CardboxApp

SMALL = (80, 24)


@pytest.fixture
def demo(demo_box_path: Path) -> Iterator[CardBox]:
    with CardBox.open(demo_box_path) as box:
        first = box.search("山田 太郎", limit=1).contacts[0]
        followups.remind(box, first.id or 0, "1d", "お礼のメール")
        yield box


async def opened(app: CardboxApp, pilot: Pilot[None], *keys: str) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    for key in keys:
        await pilot.press(key)
        await pilot.pause(0.1)
    await pilot.pause(0.3)


def reachable(widget: Widget, width: int, height: int) -> bool:
    """On screen, or inside a container that scrolls to it."""
    region = widget.region
    if region.right > width:
        return False
    if region.bottom <= height and region.y >= 0:
        return True
    return any(
        isinstance(a, ScrollableContainer) or a.styles.overflow_y in ("auto", "scroll")
        for a in widget.ancestors_with_self
        if isinstance(a, Widget)
    )


@pytest.mark.parametrize(
    ("keys", "widgets"),
    [
        (("n", "ctrl+o"), "#industries, #industries-list"),
        (("Y",), "ReadingsScreen > Vertical, #readings-table"),
        (("i",), "#import-side Button, #import-results"),
        (("x",), "#export RadioButton, #export Button"),
        (("a", "n"), "ReminderDialog Input, ReminderDialog Button"),
        (("a", "L"), "LogDialog Input, LogDialog Button"),
        (("a", "G", "S"), "WhenDialog Input, WhenDialog Button"),
        (("l",), "EventPicker Input, #event-list"),
    ],
)
async def test_dialogs_fit_80x24(demo: CardBox, keys: tuple[str, ...], widgets: str) -> None:
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=SMALL) as pilot:
        await opened(app, pilot, *keys)
        found = list(app.screen.query(widgets))
        assert found, (keys, type(app.screen).__name__)
        for widget in found:
            if widget.display:
                assert reachable(widget, *SMALL), (keys, widget, widget.region)


@pytest.mark.parametrize("screen_key", ["D", "M"])
async def test_home_end_g_and_G_move_to_the_first_and_last_row_of_every_list(
    demo: CardBox, screen_key: str
) -> None:
    from textual.widgets import DataTable, OptionList

    from tests.conftest import card

    for n in range(3):  # look-alike pairs for the duplicates screen
        box_card = card(family_name="Becker", given_name="Daniel", company=f"Bluefin {n}")
        demo.add(box_card)
    app = CardboxApp(demo, agenda_at_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(app, pilot, screen_key)
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        focused = app.screen.focused

        def where() -> tuple[int | None, int]:
            if isinstance(focused, DataTable):
                return focused.cursor_row, focused.row_count
            assert isinstance(focused, OptionList), focused
            return focused.highlighted, focused.option_count

        assert where()[1] >= 2
        await opened(app, pilot, "G")
        assert where()[0] == where()[1] - 1
        await opened(app, pilot, "g")
        assert where()[0] == 0
        await opened(app, pilot, "end")
        assert where()[0] == where()[1] - 1
        await opened(app, pilot, "home")
        assert where()[0] == 0
