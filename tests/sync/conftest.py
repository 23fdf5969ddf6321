"""Fixtures for the sync tests: real CardDAV servers on 127.0.0.1, a fresh address book per
test, and boxes with a sync account on it."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cardbox.services import syncing
from cardbox.services.box import CardBox
from cardbox.sync.dav import Client
from tests.conftest import copy_box
from tests.sync.servers import Server, running

_books = itertools.count(1)


@pytest.fixture(scope="module", params=["radicale", "xandikos"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    kind = str(request.param)
    with running(kind, tmp_path_factory.mktemp(kind)) as started:
        yield started


@pytest.fixture
def book(server: Server) -> str:
    """A new, empty address book on the server (its URL)."""
    url = f"{server.root}user/book{next(_books)}/"
    with Client(server.root, "user", "x") as client:
        client.make_addressbook(url)
    return url


@pytest.fixture
def boxes(tmp_path: Path, book: str, empty_box_template: Path) -> Iterator[Callable[[], CardBox]]:
    """Make boxes (each with the account ``dav`` on the test's address book)."""
    opened: list[CardBox] = []

    def make() -> CardBox:
        box = CardBox.open(copy_box(empty_box_template, tmp_path / f"box{len(opened)}.sqlite"))
        opened.append(box)
        syncing.add_account(box, "dav", book, "user", secret="x")
        return box

    yield make
    for box in opened:
        box.close()


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One Radicale for a module that needs only one server."""
    with running("radicale", tmp_path_factory.mktemp("radicale")) as started:
        yield started


@pytest.fixture
def radicale_book(radicale: Server) -> str:
    url = f"{radicale.root}user/book{next(_books)}/"
    with Client(radicale.root, "user", "x") as client:
        client.make_addressbook(url)
    return url
