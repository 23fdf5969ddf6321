"""Events, the industry taxonomy and settings, as the write path stores them (the ORM, for
these few single rows)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import update

from cardbox.domain.model import Event, Industry
from cardbox.store.tables import EventRow, IndustryRow, SettingRow
from cardbox.store.writing import Lookups, raw, table_of

if TYPE_CHECKING:
    from cardbox.store.write import Writer


def save_event(w: Writer, event: Event) -> None:
    """Create an event, or update the details of the one with that name."""
    with w.session() as s:
        event_id = Lookups(s).event(event.name)
        changes = {
            "date": event.date.isoformat() if event.date else None,
            "venue": event.venue,
            "organiser": event.organiser,
            "notes": event.notes,
            "follow_up": event.follow_up,
            "follow_up_note": event.follow_up_note,
        }
        changes = {k: v for k, v in changes.items() if v}
        if changes:
            s.execute(
                update(table_of(EventRow))
                .where(table_of(EventRow).c.id == event_id)
                .values(**changes)
            )


def save_industries(w: Writer, industries: Sequence[Industry]) -> None:
    """Insert or update taxonomy nodes by code."""
    with w.session() as s:
        known = dict(raw(s).execute("SELECT code, id FROM industry").fetchall())
        for ind in industries:
            found = s.get(IndustryRow, known[ind.code]) if ind.code in known else None
            row = found if found is not None else IndustryRow(code=ind.code)
            row.parent_code = ind.parent
            row.name_en = ind.name_en
            row.name_ja = ind.name_ja
            row.aliases = "\n".join(ind.aliases)
            row.user_defined = ind.user_defined
            s.add(row)


def set_setting(w: Writer, key: str, value: str) -> None:
    """Store a setting."""
    with w.session() as s:
        s.merge(SettingRow(key=key, value=value))
