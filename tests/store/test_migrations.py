"""Schema upgrades keep every row, and make a backup first."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cardbox.domain.errors import StoreError
from cardbox.services import companies
from cardbox.services.box import CardBox
from cardbox.store import migrate, schema

OLD_TABLES = (
    "contact",
    "phone",
    "email",
    "address",
    "url",
    "event",
    "meeting",
    "industry",
    "contact_industry",
    "tag",
    "contact_tag",
)


def columns(path: Path, table: str) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def rows(path: Path, table: str, cols: list[str] | None = None) -> set[tuple[object, ...]]:
    """The rows of ``table``, as the columns ``cols`` (default: all) see them."""
    with sqlite3.connect(path) as conn:
        return set(conn.execute(f"SELECT {', '.join(cols or ['*'])} FROM {table}"))


def fill_first_schema(path: Path) -> None:
    """Data as a cardbox at schema 0001 would have written it (plain SQL, no current code)."""
    conn = sqlite3.connect(path)
    stamp = "2026-01-01T00:00:00+00:00"
    conn.execute(
        "INSERT INTO industry (id, code, parent_code, name_en, name_ja, aliases, user_defined)"
        " VALUES (1, 'L', NULL, 'Scientific research', '学術研究', '', 0),"
        " (2, 'L-legal', 'L', 'Legal services', '法律', 'lawyer', 0)"
    )
    for i in range(1, 51):
        conn.execute(
            "INSERT INTO contact (id, uid, family_name, given_name, family_reading, given_reading,"
            " reading_confirmed, company, company_reading, department, title, notes, sort_key,"
            " extra, created_at, updated_at, deleted_at) VALUES"
            " (?, ?, '山田', ?, 'やまだ', 'たろう', 1, '株式会社サクラ', 'さくら', '法務部', '部長',"
            " 'note', 'やまだ', '{}', ?, ?, ?)",
            (i, f"uid-{i}", f"太郎{i}", stamp, stamp, stamp if i == 50 else None),
        )
        conn.execute(
            "INSERT INTO phone (contact_id, position, label, e164, text) VALUES (?, 0, 'work', ?, ?)",
            (i, f"+8131234{i:04d}", f"03-1234-{i:04d}"),
        )
        conn.execute(
            "INSERT INTO email (contact_id, position, label, address) VALUES (?, 0, '', ?)",
            (i, f"taro{i}@example.jp"),
        )
        conn.execute(
            "INSERT INTO address (contact_id, position, label, postal_code, region, locality,"
            " street, building, country) VALUES (?, 0, '', '150-0002', '東京都', '渋谷区',"
            " '渋谷2-21-1', '', 'JP')",
            (i,),
        )
        conn.execute(
            "INSERT INTO url (contact_id, position, label, url) VALUES (?, 0, '', 'https://x.example')",
            (i,),
        )
        conn.execute("INSERT INTO contact_industry (contact_id, industry_id) VALUES (?, 2)", (i,))
    conn.execute(
        "INSERT INTO event (id, name, name_norm, date, venue, organiser, notes, created_at)"
        " VALUES (1, '渋谷交流会', '渋谷交流会', '2026-10-15', 'ヒカリエ', '', '', ?)",
        (stamp,),
    )
    conn.execute(
        "INSERT INTO meeting (contact_id, event_id, position, met_order, talked_about, introduced_by)"
        " SELECT id, 1, 0, id, 'M&A', '' FROM contact"
    )
    conn.execute("INSERT INTO tag (id, name, name_norm) VALUES (1, 'Investor', 'investor')")
    conn.execute("INSERT INTO contact_tag (contact_id, tag_id) SELECT id, 1 FROM contact")
    conn.commit()
    conn.close()


def test_revisions_listed_in_code_match_the_migration_scripts() -> None:
    assert migrate.head() == schema.HEAD


def test_upgrading_the_first_schema_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    migrate.upgrade(path, "0001")
    fill_first_schema(path)
    old_columns = {t: columns(path, t) for t in OLD_TABLES}
    before = {t: rows(path, t) for t in OLD_TABLES}

    with CardBox.open(path) as box:
        assert box.search("taro7@example.jp").contacts[0].given_name == "太郎7"
        assert len(box.search("山田", limit=None).contacts) == 49  # the 50th is in the trash
        assert len(box.search("industry:L", limit=None).contacts) == 49
        assert box.get("uid-3").meetings[0].talked_about == "M&A"

    for table in OLD_TABLES:
        if table == "industry":  # the shipped taxonomy is refreshed: ids and codes stay
            after = rows(path, table, old_columns[table])
            assert {r[:2] for r in before[table]} <= {r[:2] for r in after}
        else:
            after = rows(path, table, old_columns[table])
            assert before[table] == after, f"rows of {table} changed in the upgrade"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == schema.HEAD

    (backup,) = tmp_path.glob("old-backups/old-*-upgrade.sqlite")
    assert {t: rows(backup, t) for t in OLD_TABLES} == before


def test_a_box_from_a_newer_cardbox_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    CardBox.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="newer cardbox"):
        CardBox.open(path)


def test_a_file_that_is_not_a_database_is_refused_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match=r"junk\.sqlite"):
        CardBox.open(path)
    assert path.read_bytes() == b"this is not sqlite" * 100


def test_upgrading_fills_company_keys_so_old_cards_form_companies(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    migrate.upgrade(path, "0001")
    fill_first_schema(path)
    with CardBox.open(path) as box:
        (sakura,) = companies.companies(box)
        assert (sakura.name, sakura.people) == ("株式会社サクラ", 49)
        assert companies.company_view(box, "サクラ(株)").key == sakura.key
    with sqlite3.connect(path) as conn:
        keys = set(conn.execute("SELECT DISTINCT company_key FROM contact"))
        assert keys == {("サクラ",)}
        assert conn.execute("SELECT count(*) FROM job_change").fetchone()[0] == 0


def test_upgrading_to_name_parts_moves_prefix_and_suffix_out_of_extra(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    migrate.upgrade(path, "0006")
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO contact (id, uid, family_name, given_name, family_reading, given_reading,"
            " reading_confirmed, company, company_reading, company_key, department, title, notes,"
            " sort_key, birthday, cadence, extra, created_at, updated_at) VALUES"
            " (1, 'u1', 'Doe', 'John', '', '', 1, '', '', '', '', '', '', 'doe', '', '',"
            ' \'{"name_prefix": "Dr.", "name_suffix": "Jr.", "vcard": "X-A:1"}\', \'\', \'\'),'
            " (2, 'u2', '山田', '太郎', '', '', 1, '', '', '', '', '', '', 'やまだ', '', '', '{}',"
            " '', '')"
        )
    with CardBox.open(path) as box:
        john, taro = box.get("u1"), box.get("u2")
    assert (john.name_prefix, john.name_suffix, john.middle_name) == ("Dr.", "Jr.", "")
    assert john.extra == {"vcard": "X-A:1"}
    assert john.name == "Dr. John Doe Jr."
    assert (taro.name, taro.company_reading_confirmed, taro.formatted_name) == (
        "山田 太郎",
        True,
        "",
    )
