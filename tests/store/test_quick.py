"""Single-row writes through plain sqlite3 (`cardbox.store.quick`): the rows they write are the rows
the ORM would write, they are one transaction, and they fail with the writer's messages."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session

from cardbox.domain.errors import StoreError
from cardbox.domain.model import Interaction, Reminder
from cardbox.services.box import CardBox
from cardbox.store import followups as rows
from cardbox.store import quick
from cardbox.store.db import CardConflict
from cardbox.store.tables import (
    CadenceDefaultRow,
    InteractionRow,
    ReminderLogRow,
    ReminderRow,
)
from tests.conftest import card

DUE = datetime(2026, 12, 10, 0, 0, tzinfo=UTC)
NOW = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)


def table(path: Path, name: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as conn:
        return list(conn.execute(f"SELECT * FROM {name} ORDER BY rowid"))


def test_quick_rows_are_the_rows_the_orm_writes(tmp_path: Path) -> None:
    """The same reminder, log line, interaction and default cadence, written once by the ORM
    (from the table classes' own defaults) and once through `quick.transact`: identical rows."""
    orm, plain = tmp_path / "orm.sqlite", tmp_path / "plain.sqlite"
    for path in (orm, plain):
        with CardBox.open(path) as box:
            box.add(card(family_name="山田", given_name="太郎"))

    with CardBox.open(orm) as box, Session(box.store.writer._engine) as s:
        s.add(
            ReminderRow(
                contact_id=1,
                due_at=DUE.isoformat(),
                zone="Asia/Tokyo",
                note="電話",
                rule="FREQ=MONTHLY",
                start_at=DUE.isoformat(),
                created_at=NOW.isoformat(),
            )
        )
        s.flush()
        s.add(
            ReminderLogRow(
                reminder_id=1, kind="done", occurrence=DUE.isoformat(), at=NOW.isoformat()
            )
        )
        s.add(InteractionRow(contact_id=1, kind="call", at=NOW.isoformat(), text="話した"))
        s.add(CadenceDefaultRow(kind="tag", key="investor", cadence="30d"))
        s.commit()

    def work(conn: sqlite3.Connection) -> None:
        reminder = Reminder(1, DUE, "Asia/Tokyo", "電話", "FREQ=MONTHLY", DUE)
        assert rows.add_reminder(conn, reminder, NOW) == 1
        assert rows.log_reminder(conn, 1, "done", DUE, NOW)
        assert rows.add_interaction(conn, Interaction(1, "call", NOW, "話した")) == 1
        rows.set_cadence_default(conn, "tag", "investor", "30d")

    quick.transact(plain, work)
    for name in ("reminder", "reminder_log", "interaction", "cadence_default"):
        assert table(plain, name) == table(orm, name), name
        assert table(plain, name) != []


def test_a_contact_cadence_written_plainly_is_what_the_orm_update_writes(tmp_path: Path) -> None:
    from dataclasses import replace

    orm, plain = tmp_path / "orm.sqlite", tmp_path / "plain.sqlite"
    for path in (orm, plain):
        with CardBox.open(path) as box:
            box.add(card(family_name="山田", given_name="太郎"))
    with CardBox.open(orm) as box:
        box.store.update(1, lambda c: replace(c, cadence="60d"))
    quick.transact(plain, lambda conn: rows.set_contact_cadence(conn, 1, "60d"))
    with sqlite3.connect(orm) as a, sqlite3.connect(plain) as b:
        query = "SELECT cadence FROM contact WHERE id = 1"
        assert a.execute(query).fetchone() == b.execute(query).fetchone() == ("60d",)


def test_a_setting_written_plainly_is_the_row_the_orm_merges(tmp_path: Path) -> None:
    orm, plain = tmp_path / "orm.sqlite", tmp_path / "plain.sqlite"
    for path in (orm, plain):
        CardBox.open(path).close()
    with CardBox.open(orm) as box:
        box.store.writer.set_setting("region", "US")
        box.store.writer.set_setting("region", "JP")
        box.store.writer.set_setting("zone", "Asia/Tokyo")
    quick.transact(plain, lambda conn: quick.set_setting(conn, "region", "US"))
    quick.transact(plain, lambda conn: quick.set_setting(conn, "region", "JP"))
    quick.transact(plain, lambda conn: quick.set_setting(conn, "zone", "Asia/Tokyo"))
    assert sorted(table(plain, "setting")) == sorted(table(orm, "setting"))
    assert ("region", "JP") in table(plain, "setting")


def test_a_refused_write_is_a_card_conflict_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "box.sqlite"
    with CardBox.open(path) as box:
        box.add(card(family_name="山田"))

    def work(conn: sqlite3.Connection) -> None:
        rows.add_interaction(conn, Interaction(1, "call", NOW, "first"))
        rows.add_interaction(conn, Interaction(99, "call", NOW, "no such contact"))

    with pytest.raises(CardConflict, match="refused"):
        quick.transact(path, work)
    assert table(path, "interaction") == []


def test_an_error_in_the_work_rolls_everything_back(tmp_path: Path) -> None:
    path = tmp_path / "box.sqlite"
    with CardBox.open(path) as box:
        box.add(card(family_name="山田"))

    def work(conn: sqlite3.Connection) -> None:
        rows.add_interaction(conn, Interaction(1, "call", NOW, "first"))
        raise ValueError("stop")

    with pytest.raises(ValueError, match="stop"):
        quick.transact(path, work)
    assert table(path, "interaction") == []
    quick.transact(path, lambda conn: rows.add_interaction(conn, Interaction(1, "call", NOW)))
    assert len(table(path, "interaction")) == 1  # the box is not left locked


def test_a_failing_write_is_a_store_error_naming_the_box(tmp_path: Path) -> None:
    path = tmp_path / "box.sqlite"
    with CardBox.open(path) as box:
        box.add(card(family_name="山田"))

    def work(conn: sqlite3.Connection) -> None:
        rows.add_interaction(conn, Interaction(1, "call", NOW, "first"))
        conn.execute("INSERT INTO no_such_table VALUES (1)")

    with pytest.raises(StoreError, match=r"box\.sqlite: cannot write to the box: no such table"):
        quick.transact(path, work)
    assert table(path, "interaction") == []
