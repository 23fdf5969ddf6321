"""Merging two contacts in the store, and undoing a merge (the merge log keeps the state before)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy import update

from cardbox.domain.errors import InvalidInput
from cardbox.domain.merge import FollowUps
from cardbox.domain.model import Contact
from cardbox.domain.serial import from_data, to_data
from cardbox.store import read
from cardbox.store.index import remove_documents, write_documents
from cardbox.store.writing import (
    CONTACT,
    now_text,
    raw,
)

if TYPE_CHECKING:
    from cardbox.store.write import Writer


MOVED_BY_MERGE = ("interaction", "reminder", "job_change")
"""Rows of the merged-away contact that move to the kept one (and back on undo)."""


Repeats = Callable[[Contact, Contact, FollowUps, FollowUps], tuple[set[int], set[int]]]
"""Given the kept and the merged-away contact and their follow-ups, the ids of the merged-away
one's interactions and reminders that stay with it (`cardbox.domain.merge.repeated`)."""


def _follow_ups(conn: sqlite3.Connection, contact_id: int) -> FollowUps:
    from cardbox.store import followups

    return FollowUps(
        followups.interactions(conn, contact_id),
        followups.reminders(conn, contact_id=contact_id, open_only=False),
    )


def merge(
    w: Writer,
    kept_id: int,
    gone_id: int,
    merge: Callable[[Contact, Contact], Contact],
    repeats: Repeats | None = None,
) -> int:
    """Merge ``gone`` into ``kept`` in one transaction; ``gone`` goes to the trash. Its
    interactions and reminders move to ``kept``, except those ``repeats`` names (ids of
    interactions, ids of reminders), which stay with it. Returns the merge's id (for undo)."""
    with w.session() as s:
        conn = raw(s)
        kept, gone = read.load_contacts(conn, [kept_id, gone_id], photos=True)
        merged = replace(merge(kept, gone), id=kept_id)
        stamp = now_text()
        left: dict[str, set[int]] = {}
        if repeats is not None:
            left["interaction"], left["reminder"] = repeats(
                kept, gone, _follow_ups(conn, kept_id), _follow_ups(conn, gone_id)
            )
        moved = {
            table: [
                r[0]
                for r in conn.execute(f"SELECT id FROM {table} WHERE contact_id = ?", (gone_id,))
                if r[0] not in left.get(table, ())
            ]
            for table in MOVED_BY_MERGE
        }
        for table, ids in moved.items():
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                conn.execute(
                    f"UPDATE {table} SET contact_id = ? WHERE id IN ({','.join('?' * len(chunk))})",
                    (kept_id, *chunk),
                )
        w.rewrite(s, [merged], stamp)
        s.execute(
            update(CONTACT)
            .where(CONTACT.c.id == gone_id)
            .values(deleted_at=stamp, updated_at=stamp)
        )
        remove_documents(conn, [gone_id])
        cur = conn.execute(
            "INSERT INTO merge_log (kept_id, gone_id, before, moved, at) VALUES (?, ?, ?, ?, ?)",
            (
                kept_id,
                gone_id,
                json.dumps(to_data(kept), ensure_ascii=False),
                json.dumps(moved),
                stamp,
            ),
        )
        return int(cur.lastrowid or 0)


def undo_merge(w: Writer, merge_id: int) -> tuple[int, int]:
    """Undo a merge: the kept contact gets its state back, the other leaves the trash with
    its interactions and reminders. Returns (kept id, restored id)."""
    with w.session() as s:
        conn = raw(s)
        row = conn.execute(
            "SELECT kept_id, gone_id, before, moved, undone_at FROM merge_log WHERE id = ?",
            (merge_id,),
        ).fetchone()
        if row is None:
            raise InvalidInput("merge.not_found", id=merge_id)
        kept_id, gone_id, before, moved, undone = row
        if undone is not None:
            raise InvalidInput("merge.undone", id=merge_id, when=undone[:19])
        stamp = now_text()
        w.rewrite(s, [replace(from_data(json.loads(before)), id=kept_id)], stamp)
        for table, ids in json.loads(moved).items():
            if table in MOVED_BY_MERGE and ids:
                marks = ",".join("?" * len(ids))
                conn.execute(
                    f"UPDATE {table} SET contact_id = ? WHERE id IN ({marks})", (gone_id, *ids)
                )
        s.execute(
            update(CONTACT).where(CONTACT.c.id == gone_id).values(deleted_at=None, updated_at=stamp)
        )
        write_documents(conn, read.load_contacts(conn, [gone_id]), w.taxonomy())
        conn.execute("UPDATE merge_log SET undone_at = ? WHERE id = ?", (stamp, merge_id))
        return int(kept_id), int(gone_id)
