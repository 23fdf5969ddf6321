"""vCard 4.0 when the address book says it takes it (``supported-address-data``), 3.0 otherwise."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from PIL import Image

from cardbox.domain.model import Photo
from cardbox.services import syncing
from cardbox.services.box import CardBox
from cardbox.sync.dav import Client
from cardbox.sync.davxml import norm_href
from tests.conftest import card
from tests.sync.servers import Server, running

RADICALE = """<?xml version="1.0"?>
<multistatus xmlns="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav"><response>
<href>/user/book/</href><propstat><prop><CR:supported-address-data>
<CR:address-data-type content-type="text/vcard" version="4.0"/>
<CR:address-data-type content-type="text/vcard" version="3.0"/>
</CR:supported-address-data></prop><status>HTTP/1.1 200 OK</status></propstat>
</response></multistatus>"""
XANDIKOS = """<?xml version="1.0"?>
<ns0:multistatus xmlns:ns0="DAV:" xmlns:ns1="urn:ietf:params:xml:ns:carddav"><ns0:response>
<ns0:href>/user/book/</ns0:href><ns0:propstat><ns0:status>HTTP/1.1 200 OK</ns0:status>
<ns0:prop><ns1:supported-address-data><ns1:content-type content-type="text/vcard" version="3.0"/>
</ns1:supported-address-data></ns0:prop></ns0:propstat></ns0:response></ns0:multistatus>"""
SILENT = """<?xml version="1.0"?>
<multistatus xmlns="DAV:"><response><href>/user/book/</href><propstat><prop>
<supported-address-data xmlns="urn:ietf:params:xml:ns:carddav"/></prop>
<status>HTTP/1.1 404 Not Found</status></propstat></response></multistatus>"""


def answering(body: str) -> httpx.MockTransport:
    return httpx.MockTransport(lambda _request: httpx.Response(207, text=body))


def test_the_versions_an_address_book_advertises_are_read() -> None:
    book = "http://127.0.0.1:1/user/book/"
    for body, expected in ((RADICALE, {"3.0", "4.0"}), (XANDIKOS, {"3.0"}), (SILENT, set())):
        with Client(book, transport=answering(body)) as client:
            assert client.vcard_versions(book) == expected


class Advertises4(httpx.BaseTransport):
    """The real server, except that its address book says it takes vCard 4.0."""

    def __init__(self) -> None:
        self.real = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "PROPFIND" and b"supported-address-data" in request.read():
            return httpx.Response(207, text=RADICALE)
        return self.real.handle_request(request)


@pytest.fixture(scope="module")
def xandikos(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Xandikos keeps the bytes it is sent (Radicale, which says it takes only 3.0 here,
    rewrites a 4.0 card and breaks its data: URI)."""
    with running("xandikos", tmp_path_factory.mktemp("xandikos")) as started:
        yield started


def jpeg(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 200, 90)).save(out, "JPEG")
    return out.getvalue()


def test_a_server_that_takes_4_0_gets_4_0_cards_and_3_0_readers_agree(
    tmp_path: Path, xandikos: Server
) -> None:
    book = f"{xandikos.root}user/versions/"
    with Client(xandikos.root, "user", "x") as client:
        client.make_addressbook(book)
    with CardBox.open(tmp_path / "a.sqlite") as a, CardBox.open(tmp_path / "b.sqlite") as b:
        four = Advertises4()
        syncing.add_account(a, "dav", book, "user", secret="x", transport=four)
        syncing.add_account(b, "dav", book, "user", secret="x")
        assert [x.vcard_version for x in syncing.accounts(a)] == ["4.0"]
        assert [x.vcard_version for x in syncing.accounts(b)] == ["3.0"]  # Xandikos's own answer
        added = a.add(
            card(
                family_name="山田",
                given_name="太郎",
                family_reading="やまだ",
                company="株式会社ABC",
                phones=["mobile:090-1234-5678"],
                emails=["taro@abc.example.jp"],
                birthday="1985-04-12",
            )
        )
        assert added.id is not None
        photo = jpeg((800, 600))
        a.store.update(added.id, lambda c: replace(c, photo=Photo(photo, "image/jpeg")))
        assert syncing.run(a, "dav", secret="x", transport=four).pushed == 1
        with Client(book, "user", "x") as client:
            (href,) = client.propfind_listing(book).items
            fetched = client.get(norm_href(href))
        assert fetched is not None
        lines = fetched.text.replace("\r\n ", "").split("\r\n")
        assert "VERSION:4.0" in lines
        (line,) = [x for x in lines if x.startswith("PHOTO")]
        assert line.startswith("PHOTO:data:image/jpeg;base64,")
        with Image.open(io.BytesIO(base64.b64decode(line.partition(",")[2]))) as sent:
            assert max(sent.size) == 256
        assert syncing.run(b, "dav", secret="x").pulled == 1
        (mine,) = a.contacts().contacts
        (theirs,) = b.contacts().contacts
        fields = ("family_name", "given_name", "family_reading", "company", "birthday")
        assert [getattr(theirs, f) for f in fields] == [getattr(mine, f) for f in fields]
        assert [p.e164 for p in theirs.phones] == [p.e164 for p in mine.phones]
        assert [e.address for e in theirs.emails] == [e.address for e in mine.emails]
        for box, transport in ((a, four), (b, None)):
            report = syncing.run(box, "dav", secret="x", transport=transport)
            assert (report.pushed, report.pulled, report.downloaded) == (0, 0, 0)
        # an account added before cardbox asked is asked at its next sync
        b.store.transact(lambda conn: conn.execute("UPDATE sync_account SET vcard_version = ''"))
        syncing.run(b, "dav", secret="x")
        assert [x.vcard_version for x in syncing.accounts(b)] == ["3.0"]
