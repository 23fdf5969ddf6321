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
