"""The read path's column lists (`cardbox.store.rows`) name real columns, and convert by name."""

from __future__ import annotations

from datetime import UTC, datetime

from cardbox.store import rows
from cardbox.store.tables import ContactRow, ReminderRow
from cardbox.store.writing import table_of


def test_every_listed_column_is_in_the_schema() -> None:
    contact = set(table_of(ContactRow).columns.keys())
    reminder = set(table_of(ReminderRow).columns.keys())
    assert set(rows.CONTACT) <= contact and set(rows.PERSON) <= contact
    assert set(rows.REMINDER) <= reminder
    assert len(set(rows.CONTACT)) == len(rows.CONTACT)


def test_a_row_converts_by_column_name() -> None:
    values: dict[str, object] = dict.fromkeys(rows.CONTACT, "")
    values |= {
        "id": 7,
        "family_name": "山田",
        "company": "株式会社サクラ",
        "reading_confirmed": 1,
        "company_reading_confirmed": 0,
        "extra": '{"x": "1"}',
        "created_at": "2026-11-24T10:00:00+00:00",
        "updated_at": None,
        "deleted_at": None,
    }
    c = rows.contact(tuple(values[k] for k in rows.CONTACT), tags=("investor",))
    assert (c.id, c.family_name, c.company, c.tags) == (7, "山田", "株式会社サクラ", ("investor",))
    assert c.reading_confirmed and not c.company_reading_confirmed
    assert c.extra == {"x": "1"} and c.deleted is None
    assert c.created == datetime(2026, 11, 24, 10, tzinfo=UTC)
    who = rows.person((3, "u", "佐藤", "健", "さとう", "けん", "ACME", "", "営業", "部長"))
    assert (who.id, who.given_reading, who.title) == (3, "けん", "部長")
    light = rows.light((3, "u", "Doe", "John", "", "", "ACME", "", "", "", "Paul"))
    assert (light.id, light.given_name, light.middle_name) == (3, "John", "Paul")
