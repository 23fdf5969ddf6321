"""`cardbox companies`, `company`, job history in `show` and people news in `import`, as run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from cardbox.cli import cli
from tests.conftest import copy_box


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=True)


def ok(result: Result) -> Result:
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def data(db: Path, *args: str) -> Any:
    return json.loads(ok(run(db, *args, "--json")).stdout)


def add(db: Path, *args: str) -> Result:
    return ok(run(db, "add", *args))


@pytest.fixture
def people(empty_box_template: Path, tmp_path: Path) -> Path:
    path = copy_box(empty_box_template, tmp_path / "people.sqlite")
    ok(run(path, "event", "add", "渋谷交流会", "--date", "2026-10-15"))
    add(path, "--family", "山田", "--given", "太郎", "--company", "株式会社サクラテック",
        "--title", "部長", "--phone", "090-1234-5678")  # fmt: skip
    add(path, "--family", "鈴木", "--given", "花子", "--company", "サクラテック(株)",
        "--event", "渋谷交流会", "--talked-about", "M&A")  # fmt: skip
    add(path, "--family", "Smith", "--given", "John", "--company", "Acme Inc.")
    return path


def test_companies_lists_each_company_once_with_its_people_count(people: Path) -> None:
    found = data(people, "companies")
    assert [(c["name"], c["people"]) for c in found] == [("Acme Inc.", 1), ("サクラテック(株)", 2)]
    assert found[1]["reading"] == "さくらてっく"
    out = ok(run(people, "companies")).stdout
    assert "Acme Inc." in out and "People" in out


def test_company_shows_everyone_there_and_where_they_were_met(people: Path) -> None:
    view = data(people, "company", "㈱サクラテック")
    assert [p["name"] for p in view["people"]] == ["鈴木 花子", "山田 太郎"]
    (met,) = view["people"][0]["met"]
    assert met == {"event": "渋谷交流会", "date": "2026-10-15", "talked_about": "M&A"}
    assert view["past"] == []
    out = ok(run(people, "company", "サクラテック")).stdout
    assert "People (2)" in out and "渋谷交流会 (2026-10-15)" in out


def test_setting_the_industry_reaches_its_people_and_later_ones(people: Path) -> None:
    out = ok(run(people, "company", "サクラテック", "--industry", "lawyer")).stdout
    assert "added to 2 of its 2 people" in out
    add(people, "--family", "佐藤", "--given", "健", "--company", "サクラテック株式会社")
    view = data(people, "company", "サクラテック")
    assert (view["industry_code"], view["industry_set"], len(view["people"])) == (
        "L-legal",
        True,
        3,
    )
    assert len(data(people, "search", "industry:legal")) == 3


def test_a_job_change_by_add_is_shown_by_show_and_the_company_view(people: Path) -> None:
    out = ok(run(people, "add", "--family", "山田", "--given", "太郎", "--company", "ABC株式会社",
                 "--title", "取締役", "--phone", "090-1234-5678")).stdout  # fmt: skip
    assert "#1 山田 太郎 is known: job change recorded" in out
    assert "株式会社サクラテック 部長 → ABC株式会社 取締役" in out
    shown = data(people, "show", "1")
    assert shown["company"] == "ABC株式会社"
    (job,) = shown["job_history"]
    assert job["from"] == {"company": "株式会社サクラテック", "department": "", "title": "部長"}
    assert job["to"]["title"] == "取締役" and job["source"] == "add"
    assert "Job history" in ok(run(people, "show", "1")).stdout
    (past,) = data(people, "company", "サクラテック")["past"]
    assert (past["id"], past["to"]["company"]) == (1, "ABC株式会社")
    assert len(data(people, "list")) == 3


def test_import_reports_job_changes_and_possible_matches(people: Path, tmp_path: Path) -> None:
    cards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:山田;太郎;;;\r\nFN:山田 太郎\r\nORG:ABC株式会社\r\n"
        "TITLE:取締役\r\nTEL:090-1234-5678\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:鈴木;花子;;;\r\nFN:鈴木 花子\r\nORG:北斗電機\r\n"
        "END:VCARD\r\n"
    )
    (tmp_path / "in.vcf").write_text(cards, encoding="utf-8")
    report = data(people, "import", str(tmp_path / "in.vcf"), "--dry-run")
    (job,) = report["job_changes"]
    assert (job["id"], job["line"], job["to"]["company"]) == (1, 1, "ABC株式会社")
    (maybe,) = report["uncertain"]
    assert (maybe["line"], maybe["id"], maybe["reason"]) == (9, 2, "same name, different company")
    out = ok(run(people, "import", str(tmp_path / "in.vcf"))).stdout
    assert "job change: #1 山田 太郎: 株式会社サクラテック 部長 → ABC株式会社 取締役" in out
    assert f"possible match: card at {tmp_path / 'in.vcf'}:9 (鈴木 花子) may be #2 鈴木 花子" in out
    assert "imported as new" in out
    ok(run(people, "undo-import"))
    assert data(people, "show", "1")["job_history"] == []
    assert data(people, "show", "1")["company"] == "株式会社サクラテック"


def test_an_unknown_company_is_a_message_and_exit_status_one(people: Path) -> None:
    result = run(people, "company", "ミドリ")
    assert result.exit_code == 1
    assert "no company 'ミドリ'" in result.output
    bad = run(people, "company", "サクラテック", "--industry", "no-such-thing")
    assert bad.exit_code == 1 and "unknown industry" in bad.output
