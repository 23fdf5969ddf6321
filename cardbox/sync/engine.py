"""The two-way sync of one box with one address book, over two storage interfaces.

`Local` is the box, `Remote` the address book, `State` what the last sync agreed on per card
(`Status`: UID, the box's contact, href, ETag, a content hash of each side, and the last synced
card, the base of the field merge). The algorithm, in the order it runs:

1. List the address book: the changes since the stored sync token (with tombstones), or, on the
   first run, a refused token or a server without sync-collection, every card. Fetch (in
   batches) only cards whose ETag differs from the stored one, or that have none. After a full
   listing, cards known before but not listed are fetched too: a 404 is a deletion, an answer is
   not (a card merely absent from a listing is never deleted).
2. Decide, card by card: pull, push, merge, delete here, delete there, or nothing (a changed
   ETag over an unchanged hash is nothing). Deletions come only from tombstones, 404s and the
   trash; an edit beats a delete on either side.
3. Stop before changing anything when the run would delete more than `MAX_DELETES` cards or more
   than a tenth of either side (when that is more than one card), unless ``allow_deletes``
   covers it.
4. Apply, pull first: new cards on the server are matched to the box's people by UID, then by
   the identity rules of import, so a first sync of two sides holding the same people creates no
   duplicates; cards new here are created with ``If-None-Match: *`` at an href made from their
   UID (after an ambiguous failure the next run finds the card there: a 412, then a fetch, then a
   merge, never a second copy); updates use ``If-Match`` and a 412 is fetched and merged.

Every action records its card's new status only when it succeeded, so a dropped connection, a
5xx or a timeout leaves both sides and the state consistent, and the next run finishes the job.
The sync token is stored only after a run without errors.

This module runs steps 1 and 4; the decisions of steps 2 and 3 are `cardbox.sync.plan`, the
interfaces and `Status` `cardbox.sync.sides`, and what a run reports `cardbox.sync.report`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from cardbox.domain.errors import CardboxError
from cardbox.domain.model import Contact
from cardbox.sync.cards import Codec, apply, merge
from cardbox.sync.dav import Changed, Fetched
from cardbox.sync.plan import Contacts, Incoming, Step, decide, guard
from cardbox.sync.report import ConflictReport, Report, Skipped
from cardbox.sync.sides import Local, Remote, State, Status, stamp

FLUSH = 200


def sync(
    local: Local,
    remote: Remote,
    state: State,
    codec: Codec,
    *,
    dry_run: bool = False,
    allow_deletes: int = 0,
    progress: Callable[[str, int, int], None] | None = None,
    before_change: Callable[[], None] | None = None,
) -> Report:
    """Sync the box with the address book (see the module notes). ``before_change`` is called
    once before the first change to either side (a snapshot of the box): never for a run that
    changes nothing, nor for a dry run.

    Raises:
        TooManyDeletes: the deletion guard stopped the run before any change.
        DavError: the address book could not be listed at all.
    """
    run = _Run(local, remote, state, codec, dry_run, allow_deletes, progress)
    run.before_change = before_change
    return run.run()


class _Run:
    def __init__(
        self,
        local: Local,
        remote: Remote,
        state: State,
        codec: Codec,
        dry_run: bool,
        allow_deletes: int,
        progress: Callable[[str, int, int], None] | None,
    ) -> None:
        self.local, self.remote, self.state, self.codec = local, remote, state, codec
        self.dry_run = dry_run
        self.allow = allow_deletes
        self.progress = progress or (lambda _stage, _done, _total: None)
        self.report = Report(dry_run=dry_run)
        self.pending: list[Status] = []
        self.forgotten: list[str] = []
        self.before_change: Callable[[], None] | None = None

    # -- state --------------------------------------------------------------------------------

    def keep(self, row: Status) -> None:
        self.pending.append(row)
        if len(self.pending) >= FLUSH:
            self.flush()

    def forget(self, uid: str) -> None:
        self.forgotten.append(uid)

    def flush(self) -> None:
        if not self.dry_run and (self.pending or self.forgotten):
            self.state.save(self.pending, self.forgotten)
        self.pending, self.forgotten = [], []

    # -- the run ------------------------------------------------------------------------------

    def run(self) -> Report:
        rows, token = self.state.load()
        self.progress("listing", 0, 0)
        listing = self.remote.listing(token)
        self.report.full_listing = listing.full
        by_href = {r.href: r for r in rows.values()}
        fetch = [
            h
            for h, etag in listing.items.items()
            if (row := by_href.get(h)) is None or etag is None or row.etag != etag
        ]
        if listing.full:
            fetch += [r.href for r in rows.values() if r.href not in listing.items]
        self.progress("fetching", 0, len(fetch))
        fetched, missing = self.remote.fetch(fetch)
        self.report.downloaded = len(fetched)
        removed = {h for h in listing.removed | missing if h in by_href}
        incoming = self._incoming(fetched, rows, by_href)
        index = self.local.index()
        stamps = {r.contact_id: r.local_stamp for r in rows.values() if r.contact_id is not None}
        wanted = [cid for cid, (_uid, when) in index.items() if stamps.get(cid) != when]
        self.progress("planning", 0, len(wanted))
        live = Contacts(self.local, index)
        live.load(wanted)
        plan = decide(rows, incoming, removed, live, self.codec, self.local.identify)
        guard(plan, live, rows, listing, self.allow)
        changes = any(action not in ("etag", "forget") for action, *_ in plan)
        if changes and not self.dry_run and self.before_change is not None:
            self.before_change()
        try:
            self._apply(plan, live)
        finally:
            self.flush()
        if not self.dry_run and not self.report.errors:
            self.state.set_token(listing.token)
        return self.report

    def _incoming(
        self, fetched: Iterable[Fetched], rows: dict[str, Status], by_href: dict[str, Status]
    ) -> dict[str, Incoming]:
        out: dict[str, Incoming] = {}
        for item in fetched:
            parsed = self.codec.parse(item.text, item.href)
            if isinstance(parsed, str):
                self.report.skipped.append(Skipped(item.href, parsed))
                continue
            known = by_href.get(item.href)
            uid, needs_uid = parsed.uid, False
            if not uid:
                uid = known.uid if known else str(uuid.uuid5(uuid.NAMESPACE_URL, item.href))
                needs_uid = True
            if uid in out:
                self.report.skipped.append(
                    Skipped(item.href, f"UID {uid} is also at {out[uid].fetched.href}")
                )
                continue
            row = rows.get(uid)
            if row is not None and row.href != item.href and row.href in by_href:
                self.report.skipped.append(Skipped(item.href, f"UID {uid} is also at {row.href}"))
                continue
            contact = replace(parsed, uid=uid)
            out[uid] = Incoming(item, contact, self.codec.digest(contact), uid, needs_uid)
        return out

    # -- applying -----------------------------------------------------------------------------

    def _apply(
        self,
        plan: Sequence[Step],
        live: Contacts,
    ) -> None:
        new_here = [card for action, _, card, _ in plan if action == "new_here" and card]
        self._add_here(new_here)
        rest = [p for p in plan if p[0] != "new_here"]
        for done, (action, row, card, cid) in enumerate(rest, 1):
            self.progress("applying", done, len(rest))
            try:
                self._one(action, row, card, cid, live)
            except CardboxError as exc:
                what = row.href if row else card.fetched.href if card else f"contact #{cid}"
                self.report.errors.append(f"{what}: {exc}")

    def _one(
        self,
        action: str,
        row: Status | None,
        card: Incoming | None,
        cid: int | None,
        live: Contacts,
    ) -> None:
        report = self.report
        if action == "forget" and row is not None:
            self.forget(row.uid)
        elif action == "trash" and row is not None and cid is not None:
            report.deleted_here += 1
            if not self.dry_run:
                self.local.trash([cid])
                self.forget(row.uid)
        elif action == "delete" and row is not None:
            report.deleted_there += 1
            if not self.dry_run:
                try:
                    self.remote.delete(row.href, row.etag)
                except Changed:
                    fresh = self.remote.get(row.href)
                    if fresh is not None:  # edited there meanwhile: bring it back here
                        report.deleted_there -= 1
                        self._revive(row, self._parsed(fresh, row.uid), cid)
                        return
                self.forget(row.uid)
        elif action == "revive" and row is not None and card is not None:
            self._revive(row, card, cid)
        elif action == "repush" and row is not None and cid is not None:
            self._reconcile(replace(row, etag=None), None, cid, live[cid], create=True)
        elif action == "etag" and row is not None and card is not None:
            if not self.dry_run:
                self.keep(replace(row, etag=card.fetched.etag, href=card.fetched.href))
            report.unchanged += 1
        elif action == "sync" and row is not None and cid is not None:
            self._reconcile(row, card, cid, live[cid])
        elif action == "pair" and card is not None and cid is not None:
            self._reconcile(None, card, cid, live[cid])
        elif action == "new_there" and cid is not None:
            self._push_new(cid, live[cid])

    def _parsed(self, fetched: Fetched, uid: str) -> Incoming:
        parsed = self.codec.parse(fetched.text, fetched.href)
        if isinstance(parsed, str):
            raise CardboxError("sync.card_unreadable", href=fetched.href, reason=parsed)
        needs = not parsed.uid
        contact = replace(parsed, uid=uid)
        return Incoming(fetched, contact, self.codec.digest(contact), uid, needs)

    def _add_here(self, cards: Sequence[Incoming]) -> None:
        self.report.pulled += len(cards)
        if self.dry_run or not cards:
            return
        for start in range(0, len(cards), 500):
            part = cards[start : start + 500]
            ids = self.local.add([c.contact for c in part])
            stored = self.local.get(ids)
            for card, cid in zip(part, ids, strict=True):
                row = Status(
                    card.uid,
                    cid,
                    card.fetched.href,
                    card.fetched.etag,
                    self.codec.digest(stored[cid]),
                    card.digest,
                    card.fetched.text,
                    stamp(stored[cid]),
                )
                if card.needs_uid:  # give the server's card its UID back
                    self._reconcile(row, None, cid, stored[cid], force=True)
                else:
                    self.keep(row)
            self.flush()

    def _revive(self, row: Status, card: Incoming, cid: int | None) -> None:
        """The contact was deleted here but the card was edited there: bring it back."""
        self.report.pulled += 1
        if self.dry_run:
            return
        if cid is not None and self.local.get([cid]):
            self.local.untrash([cid])
            self.local.update(cid, lambda c: replace(card.contact, id=c.id))
        else:
            (cid,) = self.local.add([card.contact])
        stored = self.local.get([cid])[cid]
        self.keep(
            Status(
                row.uid,
                cid,
                card.fetched.href,
                card.fetched.etag,
                self.codec.digest(stored),
                card.digest,
                card.fetched.text,
                stamp(stored),
            )
        )

    def _push_new(self, cid: int, contact: Contact) -> None:
        uid = contact.uid or str(uuid.uuid4())
        row = Status(uid, cid, self.remote.href_for(uid), None, "", "", "")
        self._reconcile(row, None, cid, contact, create=True)

    def _reconcile(
        self,
        row: Status | None,
        card: Incoming | None,
        cid: int,
        here: Contact,
        *,
        create: bool = False,
        force: bool = False,
        retried: bool = False,
    ) -> None:
        """Merge the box's contact with the server's card (``card``, or the base when the server
        did not change it), write the result on whichever side differs, record the status."""
        codec, report = self.codec, self.report
        uid = row.uid if row is not None else card.uid if card is not None else here.uid
        base_text = row.base if row is not None else ""
        base = codec.parse(base_text, "base") if base_text else None
        base_contact = base if isinstance(base, Contact) else None
        seen = codec.roundtrip(here)
        if card is not None:
            there, there_hash, etag = card.contact, card.digest, card.fetched.etag
            href = card.fetched.href
        elif create or base_contact is None:
            there, there_hash, etag = replace(seen, uid=uid), "", None
            href = row.href if row is not None else self.remote.href_for(uid)
        else:
            assert row is not None
            there, there_hash, etag, href = base_contact, row.remote_hash, row.etag, row.href
        merged, conflicts = merge(base_contact, seen, there)
        name = here.name or here.company
        if conflicts:
            mine = codec.render(here, uid=uid)
            report.conflicts += [ConflictReport(uid, cid, name, c, mine) for c in conflicts]
        updated = apply(here, seen, merged)
        pulled = updated != here
        text = codec.render(updated, uid=uid)
        out_hash = codec.digest(replace(updated, uid=uid))
        push = create or force or out_hash != there_hash or (card is not None and card.needs_uid)
        if pulled:
            report.pulled += 1
        if push:
            report.pushed += 1
        if not pulled and not push:
            report.unchanged += 1
        if self.dry_run:
            return
        if pulled:
            self.local.update(cid, lambda c: apply(c, seen, merged))
            updated = self.local.get([cid])[cid]
            text = codec.render(updated, uid=uid)
        if push:
            try:
                etag = self.remote.put(href, text, etag, create=create)
            except Changed:
                if retried:
                    raise
                report.pushed -= 1
                fresh = self.remote.get(href)
                if fresh is None:
                    raise
                again = self._parsed(fresh, uid)
                self._reconcile(row, again, cid, updated, retried=True)
                return
            there_text = text
            there_hash = codec.digest(replace(updated, uid=uid))
        else:
            there_text = card.fetched.text if card is not None else row.base if row else text
        self.keep(
            Status(
                uid,
                cid,
                href,
                etag,
                codec.digest(updated),
                there_hash,
                there_text,
                stamp(updated),
            )
        )
