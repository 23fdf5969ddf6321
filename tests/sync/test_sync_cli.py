"""``cardbox sync add|list|remove`` and ``cardbox sync [NAME]`` against Radicale."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from cardbox.cli import cli
from tests.sync.servers import Server


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("CARDBOX_SYNC_PASSWORD", "x")
    return CliRunner()


def test_add_sync_list_and_remove(
    runner: CliRunner, tmp_path: Path, radicale: Server, radicale_book: str
) -> None:
    a, b = ["--db", str(tmp_path / "a.sqlite")], ["--db", str(tmp_path / "b.sqlite")]
    assert runner.invoke(cli, [*a, "add", "--family", "山田", "--given", "太郎"]).exit_code == 0
    added = runner.invoke(cli, [*a, "sync", "add", "home", radicale_book, "--user", "user"])
    assert added.exit_code == 0, added.output
    assert radicale_book in added.output
    found = runner.invoke(cli, [*b, "sync", "add", "home", radicale.root, "--user", "user"])
    assert found.exit_code == 0, found.output  # found by discovery from the server's root
    dry = runner.invoke(cli, [*a, "sync", "home", "--dry-run"])
    assert "would be pulled 0, pushed 1" in dry.output
    done = runner.invoke(cli, [*a, "sync", "home"])
    assert done.exit_code == 0 and "pushed 1" in done.output
    listed = json.loads(runner.invoke(cli, [*a, "sync", "list", "--json"]).output)
    assert listed[0]["name"] == "home" and listed[0]["cards"] == 1
    assert listed[0]["last_synced"] and listed[0]["last_report"]["pushed"] == 1
    as_json = json.loads(runner.invoke(cli, [*a, "sync", "--json"]).output)
    assert as_json["home"]["pushed"] == 0 and as_json["home"]["downloaded"] == 0
    removed = runner.invoke(cli, [*a, "sync", "remove", "home"])
    assert removed.exit_code == 0
    assert "No sync accounts." in runner.invoke(cli, [*a, "sync", "list"]).output
    none = runner.invoke(cli, [*a, "sync"])
    assert none.exit_code == 2 and "no sync accounts" in none.output


def test_bad_input_gets_a_message_not_a_traceback(
    runner: CliRunner, tmp_path: Path, radicale_book: str
) -> None:
    db = ["--db", str(tmp_path / "a.sqlite")]
    bad_name = runner.invoke(cli, [*db, "sync", "add", "a b", radicale_book, "--user", "u"])
    assert bad_name.exit_code == 1 and "account name" in bad_name.output
    bad_url = runner.invoke(cli, [*db, "sync", "add", "x", "ftp://host/", "--user", "u"])
    assert bad_url.exit_code == 1 and "expected http" in bad_url.output
    unreachable = runner.invoke(
        cli, [*db, "sync", "add", "x", "http://127.0.0.1:9/", "--user", "u"]
    )
    assert unreachable.exit_code == 1 and "ConnectError" in unreachable.output
    unknown = runner.invoke(cli, [*db, "sync", "nosuch"])
    assert unknown.exit_code == 2 and "no sync account 'nosuch'" in unknown.output


def test_a_saved_password_is_readable_by_the_owner_alone(
    runner: CliRunner, tmp_path: Path, radicale_book: str
) -> None:
    db = ["--db", str(tmp_path / "a.sqlite")]
    added = runner.invoke(
        cli, [*db, "sync", "add", "home", radicale_book, "--user", "u", "--save-password"]
    )
    assert added.exit_code == 0, added.output
    (saved,) = (tmp_path / "a-sync").iterdir()
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600 and saved.read_text() == "x"
    runner.invoke(cli, [*db, "sync", "remove", "home"])
    assert not saved.exists()
