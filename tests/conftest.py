"""Shared fixtures: boxes on temporary files (never the user's own box)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from cardbox.services.box import Card, CardBox


@pytest.fixture(autouse=True)
def _no_user_box(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test may touch the real user's box or depend on the machine's locale."""
    monkeypatch.setenv("CARDBOX_DB", str(tmp_path / "default-box.sqlite"))
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)  # the app's language comes from these
    monkeypatch.delenv("LC_TELEPHONE", raising=False)


def copy_box(template: Path, path: Path) -> Path:
    """A box of its own at ``path``: a copy of the closed box ``template``, private (0600) like a
    box cardbox makes, so that opening it finds nothing to tighten or to say."""
    shutil.copyfile(template, path)
    path.chmod(0o600)
    return path


@pytest.fixture(scope="session")
def empty_box_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty box, made once a session: Alembic builds a new box by running every migration,
    which costs about half a second; a copy of the result costs a few milliseconds. Tests of
    creating and migrating a box (tests/store/test_migrations.py, tests/service/test_open.py,
    the CLI's `init`) still make theirs from nothing."""
    path = tmp_path_factory.mktemp("template") / "empty.sqlite"
    CardBox.open(path).close()
    return path


@pytest.fixture(scope="module")
def demo_box_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A box holding the demo cards, made once a module (its follow-ups are timed from when it is
    made: once a module keeps that within a minute or so of the tests that read it)."""
    path = tmp_path_factory.mktemp("demo-template") / "demo.sqlite"
    with CardBox.open(path) as made:
        made.load_demo()
    return path


@pytest.fixture
def box_path(empty_box_template: Path, tmp_path: Path) -> Path:
    """The path of a new, empty box of the test's own (closed)."""
    return copy_box(empty_box_template, tmp_path / "box.sqlite")


@pytest.fixture
def demo_box_path(demo_box_template: Path, tmp_path: Path) -> Path:
    """The path of a box of the test's own holding the demo cards (closed)."""
    return copy_box(demo_box_template, tmp_path / "box.sqlite")


@pytest.fixture
def box(box_path: Path) -> Iterator[CardBox]:
    """An empty box."""
    with CardBox.open(box_path) as opened:
        yield opened


def card(**kw: object) -> Card:
    """A `Card` from keyword arguments: scalar fields by name, lists by their plural name."""
    made = Card()
    for name, value in kw.items():
        if isinstance(value, (list, tuple)):
            items: list[str] = getattr(made, name)  # AttributeError on a name Card has no list of
            items.extend(str(item) for item in value)
        else:
            made.fields[name] = str(value)
    return made
