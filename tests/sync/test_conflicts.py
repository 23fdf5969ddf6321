"""Sync conflicts are kept until resolved: ``cardbox sync conflicts|resolve`` and key C (the
merge screen), against Radicale."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.widgets import DataTable

from cardbox.cli import cli
from cardbox.services import syncing
from cardbox.services.box import CardBox, Edits
from cardbox.tui.app import CardboxApp
from cardbox.tui.screens.conflicts import ConflictScreen
from tests.conftest import card


def run(box: CardBox) -> syncing.Report:
    report = syncing.run(box, "dav", secret="x")
    assert report.errors == [], report.errors
    return report


@pytest.fixture
def pair(tmp_path: Path, radicale_book: str) -> Iterator[tuple[CardBox, CardBox]]:
    """Two boxes on one address book; both changed the title (and B the notes, A the phones)
    of one contact since they last synced: A's sync has two conflicts."""
    a = CardBox.open(tmp_path / "a.sqlite")
    b = CardBox.open(tmp_path / "b.sqlite")
    for box in (a, b):
        syncing.add_account(box, "dav", radicale_book, "user", secret="x")
    a.add(card(family_name="山田", given_name="太郎", title="部長", notes="名刺交換"))
    run(a)
    run(b)
    (theirs,) = b.contacts().contacts
    assert theirs.id is not None
    b.edit(theirs.id, Edits(set={"title": "社長", "notes": "ゴルフ"}))
    run(b)
    a.edit(1, Edits(set={"title": "会長", "notes": "釣り"}))
    assert len(run(a).conflicts) == 2
    yield a, b
    a.close()
    b.close()


def test_conflicts_persist_until_resolved_and_cardbox_values_go_back(
    pair: tuple[CardBox, CardBox], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = pair
    monkeypatch.setenv("CARDBOX_SYNC_PASSWORD", "x")
    runner = CliRunner()
    db = ["--db", str(a.path)]
    assert a.get(1).title == "社長"  # the server's value is in the card
    run(a)  # a later sync neither loses nor repeats them
    listed = json.loads(runner.invoke(cli, [*db, "sync", "conflicts", "--json"]).output)
    assert [(c["field"], c["cardbox"], c["server"]) for c in listed] == [
        ("title", "会長", "社長"),
        ("notes", "釣り", "ゴルフ"),
    ]
    plain = runner.invoke(cli, [*db, "sync", "conflicts"])
    assert "title: server '社長', cardbox '会長'" in plain.output
    title, notes = (c["id"] for c in listed)
    kept = runner.invoke(cli, [*db, "sync", "resolve", str(title), "--keep", "cardbox"])
    assert kept.exit_code == 0, kept.output
    assert "kept cardbox's '会長'" in kept.output
    assert a.get(1).title == "会長" and a.get(1).notes == "ゴルフ"
    dropped = runner.invoke(cli, [*db, "sync", "resolve", str(notes), "--keep", "server"])
    assert dropped.exit_code == 0, dropped.output
    assert "No sync conflicts." in runner.invoke(cli, [*db, "sync", "conflicts"]).output
    assert run(a).pushed == 1
    run(b)
    (theirs,) = b.contacts().contacts
    assert (theirs.title, theirs.notes) == ("会長", "ゴルフ")


def test_resolve_refuses_unknown_numbers_and_changes_nothing(
    pair: tuple[CardBox, CardBox],
) -> None:
    a, _b = pair
    runner = CliRunner()
    db = ["--db", str(a.path)]
    first = syncing.conflicts(a)[0].id
    unknown = runner.invoke(cli, [*db, "sync", "resolve", str(first), "999", "--keep", "cardbox"])
    assert unknown.exit_code == 1 and "no unresolved sync conflict 999" in unknown.output
    assert a.get(1).title == "社長" and len(syncing.conflicts(a)) == 2
    neither = runner.invoke(cli, [*db, "sync", "resolve", "--keep", "server"])
    assert neither.exit_code == 2 and "conflict numbers or --all" in neither.output
    every = runner.invoke(cli, [*db, "sync", "resolve", "--all", "--keep", "server"])
    assert every.exit_code == 0 and syncing.conflicts(a) == []
    assert a.get(1).title == "社長"


async def test_c_opens_the_merge_screen_on_the_conflicts(pair: tuple[CardBox, CardBox]) -> None:
    a, _b = pair
    app = CardboxApp(a, agenda_at_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("C")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        table = app.screen.query_one("#merge-fields", DataTable)
        assert table.row_count == 2
        await pilot.press("left")  # the title: cardbox's value
        await pilot.press("ctrl+s")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert not isinstance(app.screen, ConflictScreen)
    assert syncing.conflicts(a) == []
    assert (a.get(1).title, a.get(1).notes) == ("会長", "ゴルフ")
