"""Syncing from the app: S runs every account in a worker; the status line says when."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from cardbox.services import syncing
from cardbox.services.box import CardBox
from cardbox.tui.app import CardboxApp
from tests.conftest import card


async def test_s_syncs_in_a_worker_and_the_status_line_shows_when(
    tmp_path: Path, box_path: Path, radicale_book: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with CardBox.open(tmp_path / "other.sqlite") as other:
        other.add(card(family_name="Remote", given_name="Person", emails=["r@example.com"]))
        syncing.add_account(other, "dav", radicale_book, "user", secret="x")
        syncing.run(other, "dav", secret="x")
    monkeypatch.setenv("CARDBOX_SYNC_PASSWORD", "x")
    with CardBox.open(box_path) as box:
        box.add(card(family_name="Local", given_name="Person"))
        syncing.add_account(box, "dav", radicale_book, "user", secret="x")
        app = CardboxApp(box, agenda_at_start=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            assert "synced" not in str(app.main.query_one("#status", Static).content)
            await pilot.press("S")
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
            assert sorted(c.family_name for c in box.contacts().contacts) == ["Local", "Remote"]
            assert len(app.main.table.ids) == 2
            assert "synced" in str(app.main.query_one("#status", Static).content)


async def test_s_without_accounts_says_how_to_add_one(box_path: Path) -> None:
    with CardBox.open(box_path) as box:
        app = CardboxApp(box, agenda_at_start=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("S")
            await pilot.pause()
            assert any("cardbox sync add" in str(n.message) for n in app._notifications)
