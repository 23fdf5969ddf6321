"""The box, the CardDAV client and the sync state in the store as the storage interfaces of the
sync engine (`cardbox.sync.sides`): `BoxSide` (the box's contacts), `ServerSide` (one address
book) and `StateSide` (one account's per-card state and token)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime

from cardbox.domain.model import Contact
from cardbox.services.box import CardBox, with_suggested_readings
from cardbox.store.batches import batches
from cardbox.store.syncstate import Account
from cardbox.sync.dav import Client, Fetched, Listing
from cardbox.sync.davxml import norm_href
from cardbox.sync.sides import Status

_SAFE_UID = re.compile(r"^[A-Za-z0-9_.@+-]{1,200}$")


class BoxSide:
    """The box's contacts (`cardbox.sync.sides.Local`)."""

    def __init__(self, box: CardBox) -> None:
        self.box = box

    def index(self) -> dict[int, tuple[str, str]]:
        with self.box.store.reader() as r:
            rows = r.syncstate.live_index()
        return {
            cid: (uid, datetime.fromisoformat(at).isoformat() if at else "")
            for cid, uid, at in rows
        }

    def get(self, ids: Sequence[int]) -> dict[int, Contact]:
        out: dict[int, Contact] = {}
        for batch in batches(ids):
            for c in self.box.store.contacts(batch, photos=True):
                assert c.id is not None
                out[c.id] = c
        return out

    def identify(self, card: Contact) -> int | None:
        return self.box.store.identify(card).contact_id

    def add(self, cards: Sequence[Contact]) -> list[int]:
        return self.box.store.add([with_suggested_readings(c) for c in cards])

    def update(self, contact_id: int, change: Callable[[Contact], Contact]) -> None:
        self.box.store.update(contact_id, change)

    def trash(self, ids: Sequence[int]) -> None:
        self.box.store.set_deleted(ids, True)

    def untrash(self, ids: Sequence[int]) -> None:
        self.box.store.set_deleted(ids, False)


class ServerSide:
    """One address book on the server (`cardbox.sync.sides.Remote`)."""

    def __init__(self, client: Client, book: str) -> None:
        self.client, self.book = client, book

    def listing(self, token: str | None) -> Listing:
        return self.client.listing(self.book, token)

    def fetch(self, hrefs: Sequence[str]) -> tuple[list[Fetched], set[str]]:
        return self.client.multiget(self.book, hrefs)

    def get(self, href: str) -> Fetched | None:
        return self.client.get(href)

    def put(self, href: str, text: str, etag: str | None, *, create: bool) -> str | None:
        return self.client.put(href, text, etag, create=create)

    def delete(self, href: str, etag: str | None) -> None:
        self.client.delete(href, etag)

    def href_for(self, uid: str) -> str:
        stem = uid if _SAFE_UID.match(uid) else str(uuid.uuid5(uuid.NAMESPACE_URL, uid))
        return f"{norm_href(self.book).rstrip('/')}/{stem}.vcf"


class StateSide:
    """One account's sync state in the store (`cardbox.sync.sides.State`)."""

    def __init__(self, box: CardBox, account: Account) -> None:
        self.box, self.account = box, account
        self.token: str | None = None

    def load(self) -> tuple[dict[str, Status], str | None]:
        with self.box.store.reader() as r:
            rows = r.syncstate.load(self.account.id)
        return {r[0]: Status(*r) for r in rows}, self.account.sync_token

    def save(self, rows: Sequence[Status], forget: Sequence[str]) -> None:
        data = [
            (
                r.uid,
                r.contact_id,
                r.href,
                r.etag,
                r.local_hash,
                r.remote_hash,
                r.base,
                r.local_stamp,
            )
            for r in rows
        ]
        with self.box.store.transaction(plain=True) as tx:
            tx.syncstate.save(self.account.id, data, forget)

    def set_token(self, token: str | None) -> None:
        self.token = token
