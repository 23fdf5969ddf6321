"""Faults between cardbox and the server (against Radicale): dropped connections, timeouts after
the server acted, 5xx answers, listings with cards left out, and a server with no ETags."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from cardbox.services import syncing
from cardbox.services.box import CardBox, Edits
from cardbox.sync.dav import Client
from cardbox.sync.report import Report
from tests.conftest import card, copy_box
from tests.sync.test_contract import people

DAV = "{DAV:}"


class Faulty(httpx.BaseTransport):
    """Passes requests to the server, except that, at random (seeded): the connection drops
    before the request is sent, the answer is lost after the server acted on it (a timeout),
    or the server answers 500."""

    def __init__(self, seed: int, rate: float) -> None:
        self.inner = httpx.HTTPTransport()
        self.random = random.Random(seed)
        self.rate = rate
        self.faults = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        roll = self.random.random()
        if roll < self.rate / 3:
            self.faults += 1
            raise httpx.ConnectError("connection dropped", request=request)
        if roll < self.rate * 2 / 3:
            self.faults += 1
            self.inner.handle_request(request).close()
            raise httpx.ReadTimeout("no answer", request=request)
        if roll < self.rate:
            self.faults += 1
            return httpx.Response(500, request=request)
        return self.inner.handle_request(request)


class Rewriting(httpx.BaseTransport):
    """Passes requests to the server and rewrites its multistatus answers with ``edit``."""

    def __init__(self, edit: Callable[[httpx.Request, ET.Element], None], etags: bool) -> None:
        self.inner = httpx.HTTPTransport()
        self.edit = edit
        self.etags = etags

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        content = response.read()
        headers = {
            k: v
            for k, v in response.headers.items()
            if k.lower() not in ("content-length", "content-encoding", "transfer-encoding")
            and (self.etags or k.lower() != "etag")
        }
        if response.status_code == 207:
            root = ET.fromstring(content)
            self.edit(request, root)
            content = ET.tostring(root, encoding="utf-8")
        return httpx.Response(response.status_code, headers=headers, content=content)


def run(box: CardBox, transport: httpx.BaseTransport | None = None) -> Report:
    return syncing.run(box, "dav", secret="x", transport=transport)


def server_uids(book: str) -> list[str]:
    with Client(book, "user", "x") as client:
        listing = client.propfind_listing(book)
        cards, _ = client.multiget(book, sorted(listing.items))
    return sorted(
        line[4:] for c in cards for line in c.text.splitlines() if line.startswith("UID:")
    )


@pytest.fixture
def pair(tmp_path: Path, radicale_book: str, empty_box_template: Path) -> tuple[CardBox, CardBox]:
    boxes = []
    for name in ("a", "b"):
        box = CardBox.open(copy_box(empty_box_template, tmp_path / f"{name}.sqlite"))
        syncing.add_account(box, "dav", radicale_book, "user", secret="x")
        boxes.append(box)
    return boxes[0], boxes[1]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_faults_mid_sync_leave_both_sides_consistent_and_make_no_duplicates(
    pair: tuple[CardBox, CardBox], radicale_book: str, seed: int
) -> None:
    a, b = pair
    for i in range(15):
        a.add(card(family_name=f"Person{i}", emails=[f"p{i}@example.com"]))
    for i in range(5):
        b.add(card(family_name=f"Other{i}", phones=[f"090-1234-56{i:02d}"]))
    faulty = Faulty(seed, 0.25)
    for _attempt in range(30):  # keep syncing through faults until a run is clean
        try:
            if not run(a, faulty).errors and not run(b, faulty).errors:
                break
        except syncing.DavError:
            continue  # the listing itself failed: nothing was changed
    else:
        pytest.fail("no clean run in 30 attempts")
    assert faulty.faults > 0
    a.edit(1, Edits(set={"title": "after the faults"}))
    for box in (a, b, a):
        assert run(box).errors == []
    assert people(a) == people(b)
    assert len(people(a)) == 20
    uids = server_uids(radicale_book)
    assert len(uids) == len(set(uids)) == 20  # no card twice on the server


def test_a_listing_with_cards_left_out_deletes_nothing(
    pair: tuple[CardBox, CardBox], radicale_book: str
) -> None:
    a, b = pair
    for i in range(6):
        a.add(card(family_name=f"Person{i}", emails=[f"p{i}@example.com"]))
    run(a)
    run(b)

    def hide_half(request: httpx.Request, root: ET.Element) -> None:
        body = request.content.decode()
        if "sync-collection" in body or "propfind" in body:
            for response in list(root.findall(f"{DAV}response"))[::2]:
                root.remove(response)

    truncated = Rewriting(hide_half, etags=True)
    for box in (a, b):  # incremental listings, then full ones (a refused token)
        assert run(box, truncated).deleted_here == 0
        box.store.transact(lambda conn: conn.execute("UPDATE sync_account SET sync_token='x'"))
        report = run(box, truncated)
        assert (report.deleted_here, report.deleted_there, report.errors) == (0, 0, [])
    assert len(people(a)) == len(people(b)) == 6
    assert len(server_uids(radicale_book)) == 6


def test_a_server_without_etags_syncs_without_loops(
    pair: tuple[CardBox, CardBox], radicale_book: str
) -> None:
    a, b = pair

    def drop_etags(_request: httpx.Request, root: ET.Element) -> None:
        for prop in root.iter(f"{DAV}prop"):
            for etag in prop.findall(f"{DAV}getetag"):
                prop.remove(etag)

    no_etags = Rewriting(drop_etags, etags=False)
    for i in range(4):
        a.add(card(family_name=f"Person{i}", emails=[f"p{i}@example.com"]))
    assert run(a, no_etags).pushed == 4
    assert run(b, no_etags).pulled == 4
    for box in (a, b):
        again = run(box, no_etags)
        assert (again.pulled, again.pushed, again.errors) == (0, 0, [])
    b.edit(1, Edits(set={"title": "edited"}))
    assert run(b, no_etags).pushed == 1
    assert run(a, no_etags).pulled == 1
    assert people(a) == people(b)
    assert len(server_uids(radicale_book)) == 4
