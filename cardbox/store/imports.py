"""Imports in the store: one batch of cards in one transaction (matched, added or updated,
logged for undo), the run's record, and undoing a run.

`import_batch` is in three steps: `_plan` matches each card (`cardbox.store.identity`, or an
earlier card of the batch), `_write` writes the contacts, `_log` records what the run did.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import insert, update
from sqlmodel import Session

from cardbox.domain.companies import JobChange, job_change, with_job
from cardbox.domain.errors import InvalidInput
from cardbox.domain.merge import same
from cardbox.domain.model import Contact
from cardbox.domain.serial import from_data, to_data
from cardbox.store import companies, identity, read
from cardbox.store.index import remove_documents
from cardbox.store.tables import (
    ImportChangeRow,
    ImportFailureRow,
    ImportRunRow,
)
from cardbox.store.uow import Transaction
from cardbox.store.writing import (
    CONTACT,
    FOLLOW_UP_ROWS,
    Then,
    contact_values,
    guarded,
    now_text,
    raw,
    table_of,
    without_key,
)

if TYPE_CHECKING:
    from cardbox.store.write import Writer


@dataclass
class ImportCounts:
    """What one import batch did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: int = 0
    """Cards folded into another card of the same batch (same person twice in one file)."""
    failed: int = 0
    ids: list[int] = field(default_factory=list)
    """The contacts added or changed."""
    actions: list[str] = field(default_factory=list)
    """Per card, in order: ``added``, ``updated``, ``unchanged`` or ``merged`` (into an earlier
    card of the batch)."""
    uncertain: list[tuple[int, int, str, int]] = field(default_factory=list)
    """Cards added as new that may be someone known: (card index, contact id, why, the new
    contact's id)."""
    job_changes: list[tuple[int, JobChange]] = field(default_factory=list)
    """Known people who arrived with another company or title: (card index, the change)."""
    restored: list[tuple[int, int]] = field(default_factory=list)
    """Cards whose UID belonged to a contact in the trash, which they brought back (with what
    they hold added, as for any known person): (card index, contact id). Counted as updated."""

    def add(self, other: ImportCounts, offset: int) -> None:
        """Count ``other`` (a batch whose first card was card ``offset`` of this one) in."""
        self.added += other.added
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.merged += other.merged
        self.failed += other.failed
        self.ids += other.ids
        self.actions += other.actions
        self.uncertain += [(i + offset, c, why, n) for i, c, why, n in other.uncertain]
        self.job_changes += [(i + offset, change) for i, change in other.job_changes]
        self.restored += [(i + offset, c) for i, c in other.restored]


@dataclass
class _Plan:
    """What a batch will do, worked out card by card before anything is written."""

    pending: list[Contact] = field(default_factory=list)
    """New contacts (slots), in order; a later card of the same person folds into its slot."""
    by_key: dict[str, int] = field(default_factory=dict)
    """Identity keys (`identity.keys`) of the slots, to find an earlier card of the batch."""
    slot_hashes: dict[int, list[str]] = field(default_factory=dict)
    updates: dict[int, tuple[Contact, Contact]] = field(default_factory=dict)
    """Known contacts by id: (as stored, as it will be)."""
    seen_hash: dict[str, int] = field(default_factory=dict)
    actions: list[int | str] = field(default_factory=list)
    """Per card: ``added``, ``merged`` or the id of the contact it matched."""
    jobs: dict[int, tuple[int, JobChange]] = field(default_factory=dict)
    revived: set[int] = field(default_factory=set)


def import_batch(
    w: Writer,
    run_id: int | None,
    cards: Sequence[Contact],
    merge: Callable[[Contact, Contact], Contact],
    failures: Sequence[tuple[str, int, str, str]] = (),
    *,
    dry_run: bool = False,
    then: Then | None = None,
) -> ImportCounts:
    """Add or update the contacts ``cards`` are about, in one transaction.

    Each card is matched (`identity.find`, or an earlier card of the same batch); a match is
    updated with ``merge(existing, card)``, recording the state before for undo; the rest are
    added. A card whose UID belongs to a contact in the trash (after ``undo-import`` or
    ``rm``) brings that contact back, updated the same way (see `identity.uid_holder`). ``then``
    runs in the same transaction with the ids added or changed; the rows it adds are logged
    with the run. With ``dry_run`` everything is worked out and then rolled back.

    Raises:
        CardConflict: the box refused a card; nothing of the batch was written.
    """
    counts = ImportCounts()
    with guarded(w.where), Session(w.engine, expire_on_commit=False) as s:
        conn = raw(s)
        plan = _plan(w, conn, cards, merge, counts)
        stamp = now_text()
        changed = _write(w, s, plan, counts, stamp)
        counts.failed = len(failures)
        counts.ids = [c.id for c in plan.pending if c.id is not None] + list(changed)
        source = f"import #{run_id}" if run_id is not None else "import"
        counts.job_changes = [
            (index, replace(change, at=datetime.fromisoformat(stamp), source=source))
            for cid, (index, change) in plan.jobs.items()
            if cid in changed
        ]
        companies.record_job_changes(
            conn,
            [change for _, change in counts.job_changes],
            at=stamp,
            source=source,
            run_id=run_id,
        )
        follow_ups = then(Transaction(conn), counts.ids) if then is not None and counts.ids else ()
        if run_id is not None:
            _log(s, run_id, plan.pending, changed, follow_ups, failures, counts)
        if dry_run:
            s.rollback()
        else:
            s.commit()
    return counts


def _plan(
    w: Writer,
    conn: sqlite3.Connection,
    cards: Sequence[Contact],
    merge: Callable[[Contact, Contact], Contact],
    counts: ImportCounts,
) -> _Plan:
    """Match each card: to an earlier card of the batch, to a stored contact (with its job
    change, if it brings one), or to nobody (a new contact)."""
    plan = _Plan()
    pending, by_key, updates = plan.pending, plan.by_key, plan.updates
    for index, card in enumerate(cards):
        digest = card.extra.get(identity.HASH_KEY, "")
        slot = next(
            (
                by_key[k]
                for k in identity.keys(card)
                if k in by_key and identity.compatible(k, pending[by_key[k]], card)
            ),
            None,
        )
        if identity.HASH_KEY in card.extra:
            card = replace(card, extra=without_key(card.extra, identity.HASH_KEY))
        if slot is not None:
            pending[slot] = merge(pending[slot], card)
            plan.slot_hashes[slot].append(digest)
            counts.merged += 1
            plan.actions.append("merged")
            continue
        hit = identity.match(conn, replace(card, extra={identity.HASH_KEY: digest}))
        found = hit.contact_id
        if found is None and card.uid:
            found = identity.uid_holder(conn, card.uid)
            if found is not None:
                hit = identity.Identity(found, "uid")
                if (
                    found not in plan.revived
                    and conn.execute(
                        "SELECT 1 FROM contact WHERE id = ? AND deleted_at IS NOT NULL",
                        (found,),
                    ).fetchone()
                ):
                    plan.revived.add(found)
                    counts.restored.append((index, found))
        if found is None and hit.maybe is not None:
            maybe = (index, hit.maybe.contact_id, hit.maybe.reason, len(pending))
            counts.uncertain.append(maybe)
        elif found is None and (near := identity.near(card, pending, by_key)):
            # An earlier card of this file it may be (not yet stored): its slot, as
            # -(slot + 1), becomes its contact id below.
            counts.uncertain.append((index, -(near[0] + 1), near[1], len(pending)))
        if found is None:
            by_key.update(dict.fromkeys(identity.keys(card), len(pending)))
            if digest:
                by_key[f"hash:{digest}"] = len(pending)
            plan.slot_hashes[len(pending)] = [digest]
            pending.append(card)
            plan.actions.append("added")
            continue
        plan.actions.append(found)
        plan.seen_hash[digest] = found
        if found in updates:
            before, current = updates[found]
        else:
            before = read.load_contacts(conn, [found], photos=True)[0]
            current = replace(before, deleted=None)  # out of the trash if it was there
        change = (
            None
            if hit.how == "card"  # the very same card again is no news
            else job_change(current, card, companies.past_jobs(conn, found))
        )
        if change is not None:
            current = with_job(current, change, card)
            (current,) = companies.with_company_industries(conn, [current], w.taxonomy())
            (current,) = companies.with_known_readings(conn, [current])
            plan.jobs[found] = (index, replace(change, contact_id=found))
        updates[found] = (before, merge(current, card))
    return plan


def _write(
    w: Writer, s: Session, plan: _Plan, counts: ImportCounts, stamp: str
) -> dict[int, tuple[Contact, Contact]]:
    """Write what ``plan`` worked out: new contacts (given ids here), changed ones, contacts
    brought back from the trash, and the hash of every card's text. Returns the contacts
    changed (before, after) by id; ``plan.pending`` gets the new contacts with their ids."""
    conn = raw(s)
    updates = plan.updates
    changed = {k: v for k, v in updates.items() if k in plan.revived or not same(v[0], v[1])}
    counts.unchanged = len(updates) - len(changed)
    counts.updated = len(changed)
    counts.added = len(plan.pending)
    counts.actions = [
        a if isinstance(a, str) else ("updated" if a in changed else "unchanged")
        for a in plan.actions
    ]
    if plan.pending:
        first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM contact").fetchone()[0]
        pending = companies.with_company_industries(conn, plan.pending, w.taxonomy())
        pending = companies.with_known_readings(conn, pending)
        plan.pending = [replace(c, id=first + n) for n, c in enumerate(pending)]
        counts.uncertain = [
            (i, c if c > 0 else first - c - 1, why, first + slot)
            for i, c, why, slot in counts.uncertain
        ]
        s.execute(
            insert(CONTACT),
            [
                {
                    "id": c.id,
                    "uid": c.uid or str(uuid.uuid4()),
                    "created_at": stamp,
                    **contact_values(c, stamp),
                }
                for c in plan.pending
            ],
        )
    w.write_children(s, plan.pending)
    w.rewrite(s, [replace(a, id=cid) for cid, (_b, a) in changed.items()], stamp)
    if plan.revived:
        s.execute(update(CONTACT).where(CONTACT.c.id.in_(plan.revived)).values(deleted_at=None))
    # Remember each card's text, so the very same card is known again next time.
    for slot, digests in plan.slot_hashes.items():
        plan.seen_hash.update(dict.fromkeys(digests, plan.pending[slot].id or 0))
    conn.executemany(
        "INSERT OR REPLACE INTO card_hash (hash, contact_id) VALUES (?, ?)",
        [(d, cid) for d, cid in plan.seen_hash.items() if d],
    )
    return changed


def _log(
    s: Session,
    run_id: int,
    added: Sequence[Contact],
    changed: Mapping[int, tuple[Contact, Contact]],
    follow_ups: Sequence[tuple[str, int, int]],
    failures: Sequence[tuple[str, int, str, str]],
    counts: ImportCounts,
) -> None:
    """Record what the batch did in run ``run_id``, for ``cardbox imports`` and the undo."""
    log = (
        [{"run_id": run_id, "contact_id": c.id, "action": "added", "before": None} for c in added]
        + [
            {
                "run_id": run_id,
                "contact_id": cid,
                "action": "updated",
                "before": json.dumps(to_data(before), ensure_ascii=False),
            }
            for cid, (before, _after) in changed.items()
        ]
        + [
            {"run_id": run_id, "contact_id": cid, "action": table, "before": str(row)}
            for table, cid, row in follow_ups
        ]
    )
    if log:
        s.execute(insert(table_of(ImportChangeRow)), log)
    if failures:
        s.execute(
            insert(table_of(ImportFailureRow)),
            [
                {"run_id": run_id, "source": f[0], "line": f[1], "reason": f[2], "raw": f[3]}
                for f in failures
            ],
        )
    raw(s).execute(
        "UPDATE import_run SET added = added + ?, updated = updated + ?,"
        " unchanged = unchanged + ?, failed = failed + ? WHERE id = ?",
        (counts.added, counts.updated, counts.unchanged, counts.failed, run_id),
    )


def start_import(w: Writer, sources: Sequence[str]) -> int:
    """Record the start of an import; returns its run id."""
    with w.session() as s:
        return int(
            s.execute(
                insert(table_of(ImportRunRow))
                .values(started_at=now_text(), sources="\n".join(sources))
                .returning(table_of(ImportRunRow).c.id)
            ).scalar_one()
        )


def undo_import(w: Writer, run_id: int) -> tuple[int, int]:
    """Undo an import in one transaction: the box is left as it was before the import.

    The contacts it added go to the trash (with their search documents gone, and the card
    hashes that pointed at them); the ones it changed get back their state from before the
    run, the earliest one recorded when several batches of the run changed them (a contact
    the run brought back from the trash goes back there); the interactions and reminders
    it logged (``--event``) and the job changes it recorded are removed. A contact the run
    added and a later batch of it updated simply goes to the trash. Returns (trashed,
    restored).
    """
    with w.session() as s:
        conn = raw(s)
        row = conn.execute("SELECT undone_at FROM import_run WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise InvalidInput("import.not_found", id=run_id)
        if row[0] is not None:
            raise InvalidInput("import.undone", id=run_id, when=row[0][:19])
        changes = conn.execute(
            "SELECT contact_id, action, before FROM import_change WHERE run_id = ? ORDER BY id",
            (run_id,),
        ).fetchall()
        stamp = now_text()
        added = list(dict.fromkeys(cid for cid, action, _ in changes if action == "added"))
        fresh = set(added)
        earliest: dict[int, str] = {}
        for cid, action, before in changes:
            if action == "updated" and cid not in fresh:
                earliest.setdefault(cid, before)
            elif action in FOLLOW_UP_ROWS:
                conn.execute(f"DELETE FROM {action} WHERE id = ?", (int(before),))
        if added:
            s.execute(
                update(CONTACT)
                .where(CONTACT.c.id.in_(added), CONTACT.c.deleted_at.is_(None))
                .values(deleted_at=stamp, updated_at=stamp)
            )
            remove_documents(conn, added)
            for start in range(0, len(added), 500):
                chunk = added[start : start + 500]
                conn.execute(
                    f"DELETE FROM card_hash WHERE contact_id IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
        olds = [replace(from_data(json.loads(b)), id=cid) for cid, b in earliest.items()]
        w.rewrite(s, olds, stamp)
        for old in olds:
            when = old.updated.isoformat() if old.updated is not None else stamp
            gone = old.deleted.isoformat() if old.deleted is not None else None
            conn.execute(
                "UPDATE contact SET updated_at = ?, deleted_at = ? WHERE id = ?",
                (when, gone, old.id),
            )
        companies.forget_run(conn, run_id)
        conn.execute("UPDATE import_run SET undone_at = ? WHERE id = ?", (stamp, run_id))
        return len(added), len(olds)
