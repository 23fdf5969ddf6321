"""Photos go to the address book as a small JPEG, and come back without a sync loop
(against Radicale)."""

from __future__ import annotations

import base64
import io
from dataclasses import replace
from pathlib import Path

from PIL import Image

from cardbox.domain.model import Photo
from cardbox.services import syncing
from cardbox.services.box import CardBox
from cardbox.sync.dav import Client
from cardbox.sync.davxml import norm_href
from tests.conftest import card


def big_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1600, 1200), (20, 120, 200)).save(out, "PNG")
    return out.getvalue()


def test_a_photo_is_sent_as_a_small_jpeg_and_synced_once(
    tmp_path: Path, radicale_book: str
) -> None:
    with CardBox.open(tmp_path / "a.sqlite") as a, CardBox.open(tmp_path / "b.sqlite") as b:
        for box in (a, b):
            syncing.add_account(box, "dav", radicale_book, "user", secret="x")
        cid = a.add(card(family_name="写真", given_name="太郎")).id
        assert cid is not None
        original = big_png()
        a.store.update(cid, lambda c: replace(c, photo=Photo(original, "image/png")))
        assert [x.vcard_version for x in syncing.accounts(a)] == ["3.0"]  # what Radicale says
        assert syncing.run(a, "dav", secret="x").pushed == 1
        with Client(radicale_book, "user", "x") as client:
            listing = client.propfind_listing(radicale_book)
            (href,) = listing.items
            fetched = client.get(norm_href(href))
        assert fetched is not None
        text = fetched.text.replace("\r\n ", "")
        (line,) = [x for x in text.split("\r\n") if x.startswith("PHOTO")]
        head, _, data = line.partition(":")
        assert head.upper() == "PHOTO;ENCODING=B;TYPE=JPEG"
        with Image.open(io.BytesIO(base64.b64decode(data))) as sent:
            assert sent.format == "JPEG" and max(sent.size) == 256
        (mine,) = a.store.contacts([cid], photos=True)
        assert mine.photo == Photo(original, "image/png")  # the box keeps its own
        again = syncing.run(a, "dav", secret="x")
        assert (again.pushed, again.pulled, again.downloaded) == (0, 0, 0)
        assert syncing.run(b, "dav", secret="x").pulled == 1
        (theirs,) = b.store.contacts([1], photos=True)
        assert theirs.photo is not None and theirs.photo.mime == "image/jpeg"
        assert len(theirs.photo.data) < len(original)
        for box in (a, b):
            report = syncing.run(box, "dav", secret="x")
            assert (report.pushed, report.pulled, report.downloaded) == (0, 0, 0)
