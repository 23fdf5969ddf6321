"""The merge screen: both contacts side by side, a choice per differing field, lists kept whole,
one undoable transaction; escape changes nothing; hostile names shown literally."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from cardbox.domain.model import Contact
from cardbox.services.box import CardBox
from cardbox.tui.app import CardboxApp
from cardbox.tui.screens.merge import MergeScreen
from tests.conftest import card

SIZE = (120, 40)
HOSTILE = "[@click=app.quit]x[/]\x1b[31m"


def two(box: CardBox) -> tuple[Contact, Contact]:
    a = box.add(
        card(
            family_name="山田",
            given_name="太郎",
            company="株式会社サクラ",
            title="部長",
            notes="ゴルフ好き",
            phones=["090-1234-5678"],
            emails=["taro@x.example.jp"],
            tags=["investor"],
        )
    )
    b = box.add(
        card(
            family_name="山田",
            given_name="太郎",
            company="サクラ商事株式会社",
            title="課長",
            department="営業部",
            phones=["03-1234-5678"],
            emails=["t.yamada@y.example.jp"],
            tags=["vip"],
        )
    )
    return a, b


class Host:
    """The app with a merge screen pushed once it runs; keeps what the screen is dismissed
    with."""

    def __init__(self, box: CardBox, keep: int, other: int) -> None:
        self.app = CardboxApp(box, agenda_at_start=False)
        self.result: list[Contact | None] = []
        self.screen = MergeScreen(box, keep, other)

    async def settle(self, pilot: Pilot[Any]) -> None:
        if not self.screen.is_attached and not self.result:
            self.app.push_screen(self.screen, self.result.append)
        await pilot.pause()
        await self.app.workers.wait_for_complete()
        await pilot.pause()


def rows(app: CardboxApp) -> dict[str, tuple[str, str]]:
    table = app.screen.query_one("#merge-fields", DataTable)
    out = {}
    for key in table.rows:
        _label, left, right = table.get_row(key)
        out[str(key.value)] = (left.plain, right.plain)
    return out


async def test_choose_right_for_one_field_left_for_another_and_keep_all_lists(box: CardBox) -> None:
    a, b = two(box)
    host = Host(box, a.id or 0, b.id or 0)
    app = host.app
    async with app.run_test(size=SIZE) as pilot:
        await host.settle(pilot)
        shown = rows(app)
        # company readings are suggested for both, so they differ too
        assert list(shown) == ["company", "company_reading", "department", "title", "notes"]
        # defaults: the kept contact's value where both have one, else the one there is
        assert shown["company"][0].startswith("✓") and not shown["company"][1].startswith("✓")
        assert shown["department"][1].startswith("✓ 営業部")
        lists = str(app.screen.query_one("#merge-lists", Static).content)
        assert "090-1234-5678" in lists and "03-1234-5678" in lists
        assert "t.yamada@y.example.jp" in lists
        await pilot.press("right")  # company: take the right one
        await pilot.press("down", "down", "down", "2", "1")  # title: right, then back to left
        shown = rows(app)
        assert shown["company"][1].startswith("✓ サクラ商事")
        assert shown["title"][0].startswith("✓ 部長")
        await pilot.press("ctrl+s")
        await host.settle(pilot)
        assert not isinstance(app.screen, MergeScreen)
        assert host.screen.merge_id
        merge_id = host.screen.merge_id
    (merged,) = host.result
    assert merged is not None and merged.id == a.id
    assert merged.company == "サクラ商事株式会社" and merged.title == "部長"
    assert merged.department == "営業部"
    assert "company: 株式会社サクラ" in merged.notes and "title: 課長" in merged.notes
    assert {p.e164 for p in merged.phones} == {"+819012345678", "+81312345678"}
    assert {e.address for e in merged.emails} == {"taro@x.example.jp", "t.yamada@y.example.jp"}
    assert set(merged.tags) == {"investor", "vip"}
    assert box.get(a.id or 0) == merged
    kept, back = box.undo_merge(merge_id)
    assert kept.company == "株式会社サクラ" and kept.title == "部長" and kept.notes == "ゴルフ好き"
    assert back.id == b.id and back.company == "サクラ商事株式会社" and back.title == "課長"
    assert [p.e164 for p in kept.phones] == ["+819012345678"]
    assert [p.e164 for p in back.phones] == ["+81312345678"]


async def test_notes_can_be_kept_both_or_one_side(box: CardBox) -> None:
    a = box.add(card(family_name="Lee", given_name="Ann", notes="likes golf"))
    b = box.add(card(family_name="Lee", given_name="Ann", notes="met twice"))
    host = Host(box, a.id or 0, b.id or 0)
    app = host.app
    async with app.run_test(size=SIZE) as pilot:
        await host.settle(pilot)
        left, right = rows(app)["notes"]
        assert left.startswith("✓") and right.startswith("✓")  # both, by default
        await pilot.press("right")
        left, right = rows(app)["notes"]
        assert not left.startswith("✓") and right.startswith("✓")
        await pilot.press("b")
        assert rows(app)["notes"][0].startswith("✓")
        await pilot.press("left", "left")  # both -> left (and no further)
        left, right = rows(app)["notes"]
        assert left.startswith("✓") and not right.startswith("✓")
        await pilot.press("ctrl+s")
        await host.settle(pilot)
    assert box.get(a.id or 0).notes == "likes golf"
    assert box.get(b.id or 0, trash=True).deleted is not None


async def test_escape_changes_nothing(box: CardBox) -> None:
    a, b = two(box)
    host = Host(box, a.id or 0, b.id or 0)
    app = host.app
    async with app.run_test(size=SIZE) as pilot:
        await host.settle(pilot)
        await pilot.press("right", "escape")
        await host.settle(pilot)
        assert not isinstance(app.screen, MergeScreen)
    assert host.result == [None]
    assert box.get(a.id or 0) == a and box.get(b.id or 0) == b
    assert box.store.last_merge() is None


async def test_hostile_names_are_shown_literally(box: CardBox) -> None:
    a = box.add(card(family_name="Evil", given_name="One", company=HOSTILE))
    b = box.add(card(family_name="Evil", given_name=HOSTILE, company="Plain Co"))
    host = Host(box, a.id or 0, b.id or 0)
    app = host.app
    async with app.run_test(size=SIZE) as pilot:
        await host.settle(pilot)
        shown = rows(app)
        assert "[@click=app.quit]x[/]⟨U+001B⟩[31m" in shown["company"][0]
        assert "[@click=app.quit]x[/]⟨U+001B⟩[31m" in shown["given_name"][1]
        table = app.screen.query_one("#merge-fields", DataTable)
        heading = [c.label.plain for c in table.columns.values()][2]
        assert "[@click=app.quit]" in heading
        assert app.is_running


async def test_a_contact_gone_meanwhile_is_a_message_not_a_crash(box: CardBox) -> None:
    a, b = two(box)
    host = Host(box, a.id or 0, b.id or 0)
    app = host.app
    async with app.run_test(size=SIZE) as pilot:
        await host.settle(pilot)
        box.remove(b.id or 0)
        await pilot.press("ctrl+s")
        await host.settle(pilot)
        assert isinstance(app.screen, MergeScreen)
        status = str(app.screen.query_one("#merge-status", Static).content)
        assert status.startswith("Not merged:")
    assert box.get(a.id or 0) == a


async def test_the_same_contact_twice_says_so(box: CardBox) -> None:
    a, _b = two(box)
    host = Host(box, a.id or 0, a.id or 0)
    app = host.app
    async with app.run_test(size=SIZE) as pilot:
        await host.settle(pilot)
        status = str(app.screen.query_one("#merge-status", Static).content)
        assert "same contact twice" in status
        await pilot.press("ctrl+s")
        await host.settle(pilot)
        assert isinstance(app.screen, MergeScreen)
