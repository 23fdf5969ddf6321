"""The sync's decisions, pure of any change: the cards that came in, the box's live contacts, and
for each card the action a run takes (`decide`), then the deletion guard (`guard`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cardbox.domain.model import Contact
from cardbox.sync.cards import Codec
from cardbox.sync.dav import Fetched, Listing
from cardbox.sync.report import TooManyDeletes
from cardbox.sync.sides import Local, Status

MAX_DELETES = 10


@dataclass
class Incoming:
    fetched: Fetched
    contact: Contact
    digest: str
    uid: str
    needs_uid: bool


class Contacts:
    """The box's live contacts: ids, UIDs and stamps for all, whole contacts when asked."""

    def __init__(self, local: Local, index: dict[int, tuple[str, str]]) -> None:
        self.local, self.index = local, index
        self.cache: dict[int, Contact] = {}

    def load(self, ids: Sequence[int]) -> None:
        missing = [i for i in ids if i not in self.cache and i in self.index]
        if missing:
            self.cache.update(self.local.get(missing))

    def __contains__(self, cid: object) -> bool:
        return cid in self.index

    def __getitem__(self, cid: int) -> Contact:
        if cid not in self.cache:
            self.load([cid])
        return self.cache[cid]

    def __len__(self) -> int:
        return len(self.index)

    def stamp(self, cid: int) -> str:
        return self.index[cid][1]

    def ids(self) -> list[int]:
        return list(self.index)

    def by_uid(self) -> dict[str, int]:
        return {uid: cid for cid, (uid, _stamp) in self.index.items() if uid}


Step = tuple[str, Status | None, Incoming | None, int | None]
"""(action, status, incoming card, contact id)."""


def decide(
    rows: dict[str, Status],
    incoming: dict[str, Incoming],
    removed: set[str],
    live: Contacts,
    codec: Codec,
    identify: Callable[[Contact], int | None],
) -> list[Step]:
    """(action, status, incoming card, contact id) for each card that needs work."""
    plan: list[Step] = []
    linked = {r.contact_id for r in rows.values() if r.contact_id is not None}
    for uid, row in rows.items():
        card = incoming.get(uid)
        cid = row.contact_id
        alive = cid is not None and cid in live
        here = None
        if (
            alive
            and cid is not None
            and not (row.local_stamp and row.local_stamp == live.stamp(cid))
        ):
            here = live[cid]
        local_changed = here is not None and codec.digest(here) != row.local_hash
        remote_changed = card is not None and (card.digest != row.remote_hash or card.needs_uid)
        if row.href in removed:
            if not alive:
                plan.append(("forget", row, None, cid))
            elif local_changed:
                plan.append(("repush", row, None, cid))  # an edit beats a delete
            else:
                plan.append(("trash", row, None, cid))
        elif not alive:
            if remote_changed:
                plan.append(("revive", row, card, cid))  # an edit beats a delete
            else:
                plan.append(("delete", row, card, cid))
        elif local_changed or remote_changed:
            plan.append(("sync", row, card, cid))
        elif card is not None and card.fetched.etag != row.etag:
            plan.append(("etag", row, card, cid))
    claimed: set[int] = set(linked)
    by_uid = live.by_uid()
    for uid, card in incoming.items():
        if uid in rows:
            continue
        cid = by_uid.get(uid)
        if cid is None or cid in claimed:
            cid = identify(card.contact)
        if cid is not None and (cid in claimed or cid not in live):
            cid = None
        if cid is not None:
            claimed.add(cid)
            plan.append(("pair", None, card, cid))
        else:
            plan.append(("new_here", None, card, None))
    for cid in live.ids():
        if cid not in claimed:
            plan.append(("new_there", None, None, cid))
    return plan


def guard(
    plan: Sequence[Step],
    live: Contacts,
    rows: dict[str, Status],
    listing: Listing,
    allow: int,
) -> None:
    """Refuse a run that would delete more than ``allow`` and the limits let through."""
    here = sum(1 for action, *_ in plan if action == "trash")
    there = sum(1 for action, *_ in plan if action == "delete")
    sizes = (max(len(live), 1), max(len(rows), len(listing.items), 1))
    for count, size in zip((here, there), sizes, strict=True):
        if count > allow and (count > MAX_DELETES or (count > 1 and count * 10 > size)):
            raise TooManyDeletes(here, there)
