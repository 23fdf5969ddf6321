"""The layers hold, and scripted commands stay light.

import-linter reads the static import graph; these tests also check what is actually loaded at run
time, which a deferred import inside a function can change.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {m.split(".")[0] for m in json.loads(out.splitlines()[-1])}


def test_importing_the_cli_does_not_load_textual_or_the_orm() -> None:
    loaded = loaded_after("import cardbox.cli")
    assert not loaded & {"textual", "sqlalchemy", "sqlmodel", "alembic"}


def test_a_scripted_search_does_not_load_the_orm(tmp_path: Path) -> None:
    db = tmp_path / "box.sqlite"
    subprocess.run(
        [sys.executable, "-m", "cardbox", "--db", str(db), "add", "--family", "山田"], check=True
    )
    code = (
        "from cardbox.cli import main\n"
        "try:\n"
        f"    main(['--db', {str(db)!r}, 'search', '山田', '--json'])\n"
        "except SystemExit:\n"
        "    pass"
    )
    loaded = loaded_after(code)
    assert "sqlite3" in loaded
    assert not loaded & {"textual", "sqlalchemy", "sqlmodel", "alembic"}


ORM = {"sqlalchemy", "sqlmodel", "pydantic", "alembic"}
HEAVY = {"textual", "httpx", "PIL", "vobject", "sudachipy"}


@pytest.fixture(scope="module")
def written_box(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A box with one contact (#1, Latin name: no reading to suggest) and two reminders."""
    db = tmp_path_factory.mktemp("arch") / "box.sqlite"
    for args in (
        ["add", "--family", "Smith", "--given", "Ann"],
        ["remind", "1", "2030-01-01", "call"],
        ["remind", "1", "2030-02-01", "mail"],
    ):
        subprocess.run(
            [sys.executable, "-m", "cardbox", "--db", str(db), *args],
            check=True,
            capture_output=True,
        )
    return db


def run_loaded(db: Path, args: list[str]) -> set[str]:
    code = (
        "from cardbox.cli import main\n"
        "try:\n"
        f"    main(['--db', {str(db)!r}, *{args!r}])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code"
    )
    return loaded_after(code)


@pytest.mark.parametrize(
    "args",
    [
        ["cadence", "1", "30d"],
        ["remind", "1", "tomorrow 10:00", "call back"],
        ["done", "1"],
        ["snooze", "2", "1d"],
        ["reschedule", "2", "2030-03-01"],
        ["log", "1", "call", "talked"],
        ["reminders"],
        ["due"],
        ["show", "1"],
        ["config", "zone", "Asia/Tokyo"],
    ],
    ids=lambda a: a[0],
)
def test_single_row_writes_and_reads_load_no_orm(written_box: Path, args: list[str]) -> None:
    """Follow-up writes go through plain sqlite3 (`cardbox.store.quick`), reads always did; the
    box is up to date, so Alembic is not loaded to check its schema either. No phone number is
    read or shown, so phonenumbers (a third of the imports) is not loaded."""
    loaded = run_loaded(written_box, args)
    assert "sqlite3" in loaded
    assert not loaded & (ORM | HEAVY | {"phonenumbers"})


def test_listing_sync_accounts_loads_no_orm_and_no_pillow(written_box: Path) -> None:
    """Pillow is imported only when a photo is shrunk for a server (`formats.image`); the sync
    commands may load httpx (the client is imported with the sync service)."""
    loaded = run_loaded(written_box, ["sync", "list"])
    assert not loaded & (ORM | {"PIL", "textual", "sudachipy"})


@pytest.mark.parametrize(
    "args",
    [
        ["add", "--family", "Jones", "--email", "j@example.com"],
        ["edit", "1", "--title", "CTO", "--tag", "vip"],
        ["rm", "1"],
        ["restore", "1"],
        ["event", "add", "Meetup"],
    ],
    ids=lambda a: a[0],
)
def test_contact_writes_load_the_orm_but_nothing_else_heavy(
    written_box: Path, args: list[str]
) -> None:
    """Writing a contact (its child rows, search document, job history) still goes through the
    ORM writer (`cardbox.store.write`), so these may load it; no UI, network, image, vCard or reading dictionary comes with it when nothing
    needs them (Latin names and titles: no reading to suggest)."""
    loaded = run_loaded(written_box, args)
    assert "sqlite3" in loaded
    assert not loaded & ({"alembic"} | HEAVY)


def test_importing_the_date_grammars_compiles_no_regular_expression() -> None:
    """Their patterns compile on first use (`cardbox.domain.dates.words.Lazy`): a command that
    reads no date pays nothing for them."""
    code = (
        "import re, sys, dateutil.rrule, cardbox.domain.text\n"
        "compiled = []\n"
        "plain = re.compile\n"
        "def counting(*args, **kwargs):\n"
        "    compiled.append(sys._getframe(1).f_globals.get('__name__'))\n"
        "    return plain(*args, **kwargs)\n"
        "re.compile = counting\n"
        "import cardbox.domain.dates\n"
        "re.compile = plain\n"
        "print(sorted(m for m in compiled if m and m.startswith('cardbox')))\n"
        "from cardbox.domain.dates import parse_when, parse_every, parse_past\n"
        "from datetime import datetime\n"
        "from zoneinfo import ZoneInfo\n"
        "tokyo = ZoneInfo('Asia/Tokyo')\n"
        "now = datetime(2026, 12, 3, 9, 0, tzinfo=tokyo)\n"
        "print(parse_when('12月5日 午後3時', now, tokyo).isoformat())\n"
        "print(parse_every('every 2nd tuesday').rule)\n"
        "print(parse_past('3日前', now, tokyo).date())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == [
        "[]",
        "2026-12-05T15:00:00+09:00",
        "FREQ=MONTHLY;BYDAY=2TU",
        "2026-11-30",
    ]


def test_the_domain_imports_nothing_of_the_outer_layers() -> None:
    loaded = loaded_after("import cardbox.domain, cardbox.domain.query, cardbox.domain.phones")
    assert not loaded & {"sqlite3", "sqlalchemy", "sqlmodel", "vobject", "textual", "click"}


def _tool(name: str) -> list[str]:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: install the test extras (pip install -e '.[test]')")
    return [found]


STATIC_CHECKS = {
    "import-linter": ["lint-imports"],
    # ruff and mypy run as modules of this interpreter: its mypy sees the stubs installed with it.
    "ruff-check": [sys.executable, "-m", "ruff", "check", "cardbox", "tests", "bench"],
    "ruff-format": [sys.executable, "-m", "ruff", "format", "--check", "cardbox", "tests", "bench"],
    "mypy": [sys.executable, "-m", "mypy"],
}


@pytest.fixture(scope="module")
def static_checks() -> Iterator[dict[str, subprocess.Popen[str]]]:
    """Every static check, started at once: mypy takes most of the time on one core, and the
    others run beside it instead of after it. Each test below waits for its own."""
    started = {
        name: subprocess.Popen(
            command if command[0] == sys.executable else _tool(command[0]) + command[1:],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, command in STATIC_CHECKS.items()
    }
    try:
        yield started
    finally:
        for process in started.values():
            if process.poll() is None:
                process.kill()
            process.communicate()


@pytest.mark.parametrize("name", list(STATIC_CHECKS))
def test_static_checks_pass(static_checks: dict[str, subprocess.Popen[str]], name: str) -> None:
    out, err = static_checks[name].communicate()
    assert static_checks[name].returncode == 0, out[-4000:] + err[-2000:]


def test_the_front_ends_never_reach_the_store() -> None:
    """cli/ and tui/ call the services only: no ``box.store`` (nor any ``.store.`` attribute) is
    mentioned in them, so every use case has its one home in `cardbox.services`."""
    reach = re.compile(r"\.store\.|\bbox\.store\b|\bstore\.(?:read|transact)\b")
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for front in ("cli", "tui")
        for path in sorted((ROOT / "cardbox" / front).rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if reach.search(line)
    ]
    assert found == []


def test_the_services_use_the_unit_of_work_not_the_raw_connection() -> None:
    """`Store.read` / `Store.transact` hand out the sqlite3 connection (kept for tests); the
    services go through `Store.reader()` / `Store.transaction()` and their repositories."""
    raw = re.compile(r"\.store\.(?:read|transact)\(")
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in sorted((ROOT / "cardbox" / "services").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if raw.search(line)
    ]
    assert found == []
