"""File names are data too: escape sequences, bidi overrides and markup in the names of files and
folders are shown as text in the import dialog (tree, path, preview, report), never sent to the
terminal (issue 11 item 7)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, DirectoryTree, Input, Static

from cardbox.services.box import CardBox
from cardbox.tui.screens.importing import ImportScreen

CLIPBOARD = "clip\x1b]52;c;cHduZWQ=\x07.vcf"
CLEAR = "csi\x1b[2J\x1b[Hclear.vcf"
TITLE = "evil\x1b]0;FILETITLE\x07\u202eman.vcf"
MARKUP = "[@click=app.quit]q[b].vcf"
FOLDER = "in\x1b]0;DIR\x07box"
CARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\nEND:VCARD\r\n"


class Host(App[None]):
    def __init__(self, dialog: Screen[Any]) -> None:
        super().__init__()
        self.dialog = dialog

    def on_mount(self) -> None:
        self.push_screen(self.dialog)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    where = tmp_path / FOLDER
    where.mkdir()
    (where / CLIPBOARD).write_bytes(CARD)
    (where / CLEAR).write_bytes(CARD.replace(b"Ann", b"Bob"))
    (where / TITLE).write_text("not a card\n")
    (where / MARKUP).write_bytes(CARD.replace(b"Ann", b"Cat"))
    return where


@pytest.fixture
def box(box_path: Path) -> Iterator[CardBox]:
    with CardBox.open(box_path) as opened:
        yield opened


def drawn(app: App[Any]) -> str:
    """Every character the current screen draws."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def assert_safe(app: App[Any]) -> str:
    text = drawn(app)
    assert app.is_running and app.return_code is None
    for raw in ("\x1b", "\x07", "\u202e"):
        assert raw not in text
    assert "⟨U+001B⟩" in text
    return text


async def settle(app: App[Any], pilot: Pilot[Any]) -> None:
    for _ in range(2):
        ours = [w for w in app.workers if not isinstance(w.node, DirectoryTree)]
        if ours:
            await app.workers.wait_for_complete(ours)
        await pilot.pause()


async def test_escape_sequences_in_file_names_are_shown_never_sent(
    box: CardBox, folder: Path
) -> None:
    app = Host(ImportScreen(box, folder))
    async with app.run_test(size=(160, 40)) as pilot:
        tree = app.screen.query_one(DirectoryTree)
        for _ in range(100):
            if len(tree.root.children) == 4:
                break
            await pilot.pause(0.05)
        assert len(tree.root.children) == 4
        text = assert_safe(app)
        # The folder (the tree's root) and each file, escapes shown, markup as text.
        assert "in⟨U+001B⟩]0;DIR⟨U+0007⟩box" in text
        assert "clip⟨U+001B⟩]52;c;cHduZWQ=⟨U+0007⟩.vcf" in text
        assert "csi⟨U+001B⟩[2J⟨U+001B⟩[Hclear.vcf" in text
        assert "evil⟨U+001B⟩]0;FILETITLE⟨U+0007⟩⟨U+202E⟩man.vcf" in text
        assert MARKUP in text
        # Picking a file puts its path, exact, in the path field, which shows it safely.
        await pilot.press("down", "enter")
        await pilot.pause()
        value = app.screen.query_one("#import-path", Input).value
        assert value.startswith(str(folder)) and "\x1b" in value
        assert_safe(app)
        # The preview of the whole folder: names in the table and the report.
        app.screen.query_one("#import-path", Input).value = str(folder)
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert_safe(app)
        table = app.screen.query_one("#import-results", DataTable)
        cells = [
            getattr(c, "plain", str(c)) for i in range(table.row_count) for c in table.get_row_at(i)
        ]
        assert "evil⟨U+001B⟩]0;FILETITLE⟨U+0007⟩⟨U+202E⟩man.vcf" in cells
        assert not any("\x1b" in c for c in cells)
        summary = app.screen.query_one("#import-status", Static).render()
        assert "3 new" in str(summary) and "1 failed" in str(summary)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert_safe(app)
        assert box.contacts().total == 3


async def test_a_file_without_cards_imports_nothing_and_leaves_nothing_to_undo(
    box: CardBox, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.vcf"
    notes.write_text("just some text\n")
    app = Host(ImportScreen(box, notes))
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        summary = str(app.screen.query_one("#import-status", Static).render())
        assert summary == "Nothing was imported from 1 file(s): 1 failed."
        assert app.screen.query_one("#import-undo").disabled
    assert box.store.import_runs() == []
