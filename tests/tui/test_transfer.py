"""The import, export and QR dialogs, driven with the keyboard as a person would.

The corpus lives next to the repository, in ``tests/data/vcard`` (vendored from the team corpus) (see tests/formats).
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image
from rich.text import Text
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, DirectoryTree, Input, ProgressBar, Static

from cardbox.formats.qr import fit_payload
from cardbox.services import importer
from cardbox.services.box import CardBox
from cardbox.services.import_report import Report
from cardbox.services.importer import import_paths
from cardbox.tui.dialogs.confirm import Confirm
from cardbox.tui.screens.exporting import ExportScreen
from cardbox.tui.screens.importing import ImportScreen
from cardbox.tui.screens.qr import QrScreen
from tests.conftest import card

CORPUS = Path(__file__).resolve().parents[1] / "data" / "vcard"
HOSTILE = "[@click=app.quit]x[/]"


def corpus(name: str) -> Path:
    path = CORPUS / name
    if not path.is_file():
        pytest.fail(f"the vCard corpus is missing: expected {path}", pytrace=False)
    return path


class Host(App[None]):
    """An empty app that shows one dialog and keeps what it was dismissed with."""

    def __init__(self, dialog: Screen[Any]) -> None:
        super().__init__()
        self.dialog = dialog
        self.result: Any = "not dismissed"

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self._dismissed)

    def _dismissed(self, value: Any) -> None:
        self.result = value


async def settle(app: App[Any], pilot: Pilot[Any]) -> None:
    """Wait for the dialogs' workers (not the directory tree's loader, which never ends)."""
    for _ in range(2):
        ours = [w for w in app.workers if not isinstance(w.node, DirectoryTree)]
        if ours:  # (an empty list would mean all of them)
            await app.workers.wait_for_complete(ours)
        await pilot.pause()


def status(app: App[Any], widget_id: str) -> str:
    shown = app.screen.query_one(widget_id, Static).render()
    return shown.plain if isinstance(shown, Text) else str(shown)


def rows(app: App[Any]) -> list[str]:
    table = app.screen.query_one("#import-results", DataTable)
    return [
        " | ".join(getattr(c, "plain", str(c)) for c in table.get_row_at(i))
        for i in range(table.row_count)
    ]


def vcf(*cards: str) -> bytes:
    return "".join(
        "BEGIN:VCARD\r\nVERSION:3.0\r\n" + "\r\n".join(c.strip().splitlines()) + "\r\nEND:VCARD\r\n"
        for c in cards
    ).encode("utf-8")


# -- import -------------------------------------------------------------------------------------


async def test_preview_then_import_a_corpus_folder_then_undo(box: CardBox, tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    folder.mkdir()
    shutil.copy(corpus("aosp-vcard/v21_japanese_2.vcf"), folder)  # Shift_JIS, one person
    shutil.copy(corpus("gammu/char-escaping.vcf"), folder)  # only NOTE lines: fails
    app = Host(ImportScreen(box, folder))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")  # the tree is focused on its root: the folder
        await pilot.pause()
        assert app.screen.query_one("#import-path", Input).value == str(folder)
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert "1 new" in status(app, "#import-status")
        assert "1 failed" in status(app, "#import-status")
        assert rows(app) == [
            "failed | char-escaping.vcf:1 | no name, company, phone or e-mail",
            "new | v21_japanese_2.vcf:1 | 安藤 ロイド1",
        ]
        assert box.contacts().total == 0  # a preview writes nothing
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "as import #1: 1 new" in status(app, "#import-status")
        (person,) = box.contacts().contacts
        assert (person.family_name, person.given_name, person.family_reading) == (
            "安藤",
            "ロイド1",
            "アンドウ",
        )
        assert rows(app)[0].startswith("failed | char-escaping.vcf:1")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await settle(app, pilot)
        assert "undone: 1 card(s) to the trash" in status(app, "#import-status")
        assert box.contacts().total == 0 and box.trash().total == 1
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.result, Report) and app.result.added == 1


async def test_an_import_warning_shows_its_place_under_where_and_its_reason_beside(
    box: CardBox, tmp_path: Path
) -> None:
    folder = tmp_path / "cards"
    folder.mkdir()
    (folder / "odd.vcf").write_bytes(vcf("FN:Taro Yamada\nN:Yamada;Taro;;;\nBDAY:someday"))
    app = Host(ImportScreen(box, folder))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert rows(app)[0] == (
            "warning | odd.vcf:1 | line 5: birthday 'someday' is not a date cardbox reads;"
            " kept as it is"
        )


def test_a_warning_without_a_place_is_all_reason() -> None:
    from cardbox.tui.screens.import_report import split_warning

    assert split_warning("2 group card(s) were not applied: x") == (
        "",
        0,
        "2 group card(s) were not applied: x",
    )
    assert split_warning("/a/b c.vcf:12: #3 Ann was in the trash") == (
        "/a/b c.vcf",
        12,
        "#3 Ann was in the trash",
    )


async def test_backspace_in_the_folder_tree_goes_up_a_folder(box: CardBox, tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    folder.mkdir()
    app = Host(ImportScreen(box, folder))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        tree = app.screen.query_one("#import-tree", DirectoryTree)
        assert app.focused is tree
        await pilot.press("backspace")
        await pilot.pause(0.3)
        assert Path(tree.path) == tmp_path
        await pilot.pause(0.3)
        assert "cards" in [str(n.label) for n in tree.root.children]
        await pilot.press("down", "enter")  # the folder we came from, picked again
        await pilot.pause()
        assert app.screen.query_one("#import-path", Input).value == str(folder)


async def test_stopping_a_large_import_keeps_what_was_written_as_one_run(
    box: CardBox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "BATCH", 100)
    batch = box.store.import_batch

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.03)
        return batch(*args, **kwargs)

    monkeypatch.setattr(box.store, "import_batch", slow)
    source = tmp_path / "many.vcf"
    source.write_bytes(
        vcf(
            *(
                f"N:Person{i};Test;;;\nFN:Test Person{i}\nEMAIL:p{i}@example.com"
                for i in range(3000)
            )
        )
    )
    app = Host(ImportScreen(box, source))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        bar = app.screen.query_one("#import-progress", ProgressBar)
        for _ in range(200):
            await pilot.pause(0.02)
            if bar.progress >= 300:
                break
        assert bar.total is not None and bar.total == 3000 and 300 <= bar.progress < 3000
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.pause(0.1)  # what the worker said before it stopped to wait has arrived
        paused = bar.progress
        await pilot.pause(0.3)
        assert bar.progress == paused  # the import waits for the answer
        await pilot.press("y")
        await settle(app, pilot)
        text = status(app, "#import-status")
        assert "Stopped after" in text and "import #1" in text
        stored = box.contacts().total
        assert 300 <= stored < 3000
        (run,) = box.store.import_runs()
        assert run.added == stored and run.undone is None
        assert f"{stored:,} new" in text
        await pilot.press("ctrl+z")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert box.contacts().total == 0


async def test_a_missing_path_and_a_binary_file_give_messages(box: CardBox, tmp_path: Path) -> None:
    (tmp_path / "photo.vcf").write_bytes(bytes(range(256)) * 20)
    app = Host(ImportScreen(box, tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")  # nothing chosen yet
        await pilot.pause()
        assert "Choose a file or folder first" in status(app, "#import-status")
        typed = str(tmp_path / "nowhere.vcf")
        await pilot.press(*typed)  # the path field has the focus now
        await pilot.press("enter")
        await settle(app, pilot)
        assert "no such file or folder" in status(app, "#import-status")
        assert app.screen.query_one("#import-path", Input).value == typed  # kept
        app.screen.query_one("#import-path", Input).value = str(tmp_path / "photo.vcf")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert rows(app) == ["failed | photo.vcf | not a vCard file: it holds binary data"]
        assert app.is_running and box.contacts().total == 0


async def test_hostile_names_and_file_names_show_literally(box: CardBox, tmp_path: Path) -> None:
    (tmp_path / "[@click=app.quit]evil.vcf").write_bytes(
        vcf(
            f"N:{HOSTILE};[bold]Evil[/bold];;;\nFN:[bold]Evil[/bold] {HOSTILE}"
            "\nEMAIL:evil@example.com",
            "NOTE:x",
        )
    )
    app = Host(ImportScreen(box, tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#import-path", Input).value = str(tmp_path)
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert rows(app) == [
            "failed | [@click=app.quit]evil.vcf:7 | no name, company, phone or e-mail",
            f"new | [@click=app.quit]evil.vcf:1 | [bold]Evil[/bold] {HOSTILE}",
        ]
        app.screen.query_one("#import-results", DataTable).focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.is_running


async def test_job_changes_and_possible_matches_are_listed(box: CardBox, tmp_path: Path) -> None:
    box.add(
        card(
            family_name="山田",
            given_name="太郎",
            company="株式会社サクラ",
            phones=["090-1111-2222"],
        )
    )
    box.add(card(family_name="佐藤", given_name="花子", company="ABC株式会社"))
    source = tmp_path / "moves.vcf"
    source.write_bytes(
        vcf(
            "N:山田;太郎;;;\nFN:山田 太郎\nORG:株式会社モミジ\nTEL:090-1111-2222",
            "N:佐藤;花子;;;\nFN:佐藤 花子\nORG:XYZ株式会社",
        )
    )
    app = Host(ImportScreen(box, source))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert rows(app) == [
            "job change | moves.vcf:1 | 山田 太郎: 株式会社サクラ → 株式会社モミジ",
            "possible match | moves.vcf:8 | 佐藤 花子 may be #2 佐藤 花子 (same name, different "
            "company); would be imported as new",
            "updated | moves.vcf:1 | 山田 太郎",
            "new | moves.vcf:8 | 佐藤 花子",
        ]


async def test_enter_on_a_possible_match_after_importing_opens_the_merge(
    box: CardBox, tmp_path: Path
) -> None:
    from cardbox.tui.screens.merge import MergeScreen

    known = box.add(card(family_name="佐藤", given_name="花子", company="ABC株式会社"))
    source = tmp_path / "maybe.vcf"
    source.write_bytes(vcf("N:佐藤;花子;;;\nFN:佐藤 花子\nORG:XYZ株式会社"))
    app = Host(ImportScreen(box, source))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        table = app.screen.query_one("#import-results", DataTable)
        assert "enter compares and merges" in rows(app)[0]
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MergeScreen)
        assert app.screen.keep_id == known.id
        new = box.get(app.screen.other_id)
        assert new.company == "XYZ株式会社"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ImportScreen)
        assert len(box.search("佐藤 花子", limit=10).contacts) == 1


# -- export -------------------------------------------------------------------------------------


def fill(box: CardBox) -> list[int]:
    ids = []
    for family, tags in (("Aoki", ["investor"]), ("Baba", ["investor"]), ("Chiba", [])):
        ids.append(box.add(card(family_name=family, company="ACME", tags=tags)).id or 0)
    return ids


async def test_export_the_search_result_refuse_then_replace(box: CardBox, tmp_path: Path) -> None:
    fill(box)
    target = tmp_path / "cardbox-export.vcf"
    target.write_text("OLD")
    app = Host(ExportScreen(box, "tag:investor", folder=tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert "2 contact(s) found by the search" in status(app, "#export-what")
        assert "exists" in status(app, "#export-hint")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await pilot.pause()
        assert "Nothing was written" in status(app, "#export-status")
        assert target.read_text() == "OLD"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert "Exported 2 contact(s)" in status(app, "#export-status")
        with CardBox.open(tmp_path / "other.sqlite") as other:
            assert import_paths(other, [target]).added == 2
            assert sorted(c.family_name for c in other.contacts().contacts) == ["Aoki", "Baba"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.result is not None and app.result.count == 2


async def test_export_shows_the_chosen_option_and_no_exists_warning_after_writing(
    box: CardBox, tmp_path: Path
) -> None:
    from textual.widgets import RadioButton

    fill(box)
    app = Host(ExportScreen(box, "", folder=tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)

        def label_style(button: RadioButton) -> Any:
            return button.get_component_rich_style("toggle--label")

        kinds = list(app.screen.query_one("#export-kind").query(RadioButton))
        chosen, other = label_style(kinds[0]), label_style(kinds[1])
        assert kinds[0].value and chosen.bold and not other.bold
        assert chosen.color != other.color
        assert status(app, "#export-hint") == ""
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "Exported" in status(app, "#export-status")
        assert (tmp_path / "cardbox-export.vcf").exists()
        assert "exists" not in status(app, "#export-hint")
        assert status(app, "#export-hint") == "Written by this export."


async def test_export_a_selection_to_a_folder(box: CardBox, tmp_path: Path) -> None:
    ids = fill(box)
    app = Host(ExportScreen(box, "", ids=[ids[0], ids[2]], folder=tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert "2 selected contact(s)" in status(app, "#export-what")
        await pilot.press("down", "enter")  # the "Write" choice has the focus: a folder
        await pilot.pause()
        path = app.screen.query_one("#export-path", Input).value
        assert path == str(tmp_path / "cardbox-export")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        files = sorted((tmp_path / "cardbox-export").iterdir())
        assert len(files) == 2
        text = "".join(f.read_text() for f in files)
        assert "Aoki" in text and "Chiba" in text and "Baba" not in text


async def test_a_qr_code_needs_exactly_one_contact(box: CardBox, tmp_path: Path) -> None:
    ids = fill(box)
    app = Host(ExportScreen(box, "", ids=ids, folder=tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "down", "enter")  # a QR code on screen
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "A QR code holds one contact, and 3 are selected" in status(app, "#export-status")
        assert not isinstance(app.screen, QrScreen)


# -- QR code ------------------------------------------------------------------------------------


def read_screen_code(text: str) -> str:
    """Decode a code drawn with half blocks (light modules as blocks) as a camera would."""
    lines = text.split("\n")
    width = max(len(line) for line in lines)
    scale, margin = 4, 8
    image = Image.new("L", (width * scale + 2 * margin, len(lines) * 2 * scale + 2 * margin), 0)
    light = {"█": (1, 1), "▀": (1, 0), "▄": (0, 1), " ": (0, 0)}
    for y, line in enumerate(lines):
        for x, ch in enumerate(line.ljust(width)):
            for half, on in enumerate(light[ch]):
                if on:
                    top = margin + (2 * y + half) * scale
                    image.paste(
                        255, (margin + x * scale, top, margin + (x + 1) * scale, top + scale)
                    )
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1
    return found[0].text


async def test_the_qr_code_on_screen_scans_and_saves_a_png(box: CardBox, tmp_path: Path) -> None:
    contact = box.add(
        card(
            family_name=HOSTILE,
            given_name="太郎",
            company="株式会社サクラテック",
            phones=["090-1234-5678"],
            emails=["taro@example.jp"],
        )
    )
    app = Host(QrScreen(box, contact.id or 0))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert status(app, "#qr-title") == f"{HOSTILE} 太郎"
        on_screen = read_screen_code(status(app, "#qr-code"))
        assert on_screen.startswith("BEGIN:VCARD") and "taro@example.jp" in on_screen
        assert "Everything fits" in status(app, "#qr-left-out")
        await pilot.press("f")
        await settle(app, pilot)
        assert read_screen_code(status(app, "#qr-code")).startswith("MECARD:N:")
        await pilot.press("s")
        await pilot.pause()
        path = app.screen.query_one("#qr-path", Input)
        assert app.focused is path
        path.value = str(tmp_path / "taro.png")
        await pilot.press("enter")
        await settle(app, pilot)
        assert "Saved" in status(app, "#qr-status")
        found = zxingcpp.read_barcodes(Image.open(tmp_path / "taro.png"))
        assert found[0].text == fit_payload(box.get(contact.id or 0), "mecard").payload
        path.value = str(tmp_path / "taro.gif")
        path.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "saved as .png or .svg" in status(app, "#qr-status")
        await pilot.press("escape")
        await pilot.pause()
        assert app.result is None and app.is_running


async def test_a_large_contact_is_trimmed_to_fit_the_window(box: CardBox) -> None:
    contact = box.add(
        card(
            family_name="山田",
            given_name="太郎",
            company="株式会社サクラテック",
            phones=["090-1234-5678", "03-1234-5678"],
            notes="長いメモ。" * 150,
        )
    )
    app = Host(QrScreen(box, contact.id or 0))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        code = status(app, "#qr-code")
        assert code.count("\n") + 1 <= 39
        assert "Left out to fit the window: the note" in status(app, "#qr-left-out")
        assert "長いメモ" not in read_screen_code(code)
        await pilot.press("a")  # the full code
        await settle(app, pilot)
        assert status(app, "#qr-code").count("\n") + 1 > 39
        assert "larger than the window" in status(app, "#qr-status")


async def test_a_csv_file_previews_and_imports_like_a_vcard(box: CardBox, tmp_path: Path) -> None:
    eight = tmp_path / "eight.csv"
    shutil.copy(CORPUS.parent / "csv" / "eight-old-cp932.csv", eight)
    app = Host(ImportScreen(box, eight))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert "3 new" in status(app, "#import-status")
        assert "new | eight.csv:8 | 髙橋 一郎" in rows(app)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert box.contacts().total == 3
        assert {e.name for e in box.events()} == {"Eight 2024-05-10", "Eight 2023-11-02"}


async def test_export_to_google_csv_from_the_dialog(box: CardBox, tmp_path: Path) -> None:
    fill(box)
    app = Host(ExportScreen(box, "", folder=tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("tab", *["right"] * 6, "space")  # For: Google Contacts CSV
        await pilot.pause()
        path = app.screen.query_one("#export-path", Input).value
        assert path == str(tmp_path / "cardbox-export.csv")
        await pilot.press("shift+tab", "down", "space", "ctrl+s")  # a folder: refused
        await pilot.pause()
        assert "single file" in status(app, "#export-status")
        await pilot.press("up", "space", "ctrl+s")
        await settle(app, pilot)
        assert "Exported 3 contact(s)" in status(app, "#export-status")
        text = (tmp_path / "cardbox-export.csv").read_text(encoding="utf-8")
        assert text.startswith("First Name,") and "Aoki" in text


async def test_a_sansan_export_says_what_cp932_cannot_hold(box: CardBox, tmp_path: Path) -> None:
    box.add(card(family_name="髙橋", given_name="😀", company="﨑山工業"))
    app = Host(ExportScreen(box, "", folder=tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("tab", *["right"] * 8, "space", "ctrl+s")  # For: Sansan CSV
        await settle(app, pilot)
        shown = status(app, "#export-status")
        assert "Exported 1 contact(s)" in shown and "1 could not be written" in shown
        assert "U+1F600" in shown
        data = (tmp_path / "cardbox-export.csv").read_bytes()
        assert "髙橋,?" in data.decode("cp932") and "﨑山工業" in data.decode("cp932")
