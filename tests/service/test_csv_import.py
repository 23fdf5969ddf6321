"""CSV through the one import path: counts, dated events, identity against vCard, undo, CLI."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from cardbox.cli import cli
from cardbox.services.box import CardBox
from cardbox.services.exporter import export_csv
from cardbox.services.importer import import_paths
from cardbox.services.sources import SourceError

DATA = Path(__file__).parent.parent / "data" / "csv"


def snapshot(box: CardBox) -> list[object]:
    ids = box.store.list_ids()[0]
    return [
        (c.uid, c.name, c.phones, c.emails, c.addresses, c.meetings, c.tags, c.notes)
        for c in box.store.contacts(ids)
    ]


def interactions(box: CardBox) -> list[tuple[int, str, str, str]]:
    def work(conn: sqlite3.Connection) -> list[tuple[int, str, str, str]]:
        return [
            tuple(r)
            for r in conn.execute("SELECT contact_id, kind, at, text FROM interaction ORDER BY id")
        ]

    return box.store.transact(work)


def test_eight_import_makes_dated_events_and_met_on_that_day(box: CardBox) -> None:
    report = import_paths(box, [DATA / "eight-old-cp932.csv"])
    assert (report.added, report.failed) == (3, [])
    events = {e.name: e.date.isoformat() if e.date else "" for e in box.events()}
    assert events == {"Eight 2024-05-10": "2024-05-10", "Eight 2023-11-02": "2023-11-02"}
    met = interactions(box)
    assert len(met) == 3 and all(kind == "met" for _, kind, _, _ in met)
    assert {(at[:10], text) for _, _, at, text in met} == {
        ("2024-05-10", "Eight 2024-05-10"),
        ("2023-11-02", "Eight 2023-11-02"),
    }


def test_importing_the_same_csv_twice_changes_nothing(box: CardBox, tmp_path: Path) -> None:
    import_paths(box, [DATA / "eight-old-cp932.csv"])
    before, met = snapshot(box), interactions(box)
    for again in ("eight-old-cp932.csv", "eight-old-utf8.csv"):
        report = import_paths(box, [DATA / again])
        assert (report.added, report.updated, report.unchanged) == (0, 0, 3)
    assert snapshot(box) == before and interactions(box) == met


def test_google_csv_of_contacts_imported_as_vcard_updates_them(
    box: CardBox, tmp_path: Path
) -> None:
    vcard = tmp_path / "people.vcf"
    vcard.write_bytes(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:髙橋;一郎;;;\r\nFN:髙橋 一郎\r\n"
        "ORG:株式会社サンプル商事;営業部\r\nEMAIL;TYPE=WORK:takahashi@sample-shoji.example.jp\r\n"
        "END:VCARD\r\n".encode()
    )
    import_paths(box, [vcard])
    report = import_paths(box, [DATA / "google-utf8.csv"])
    assert (report.added, report.updated) == (1, 1)  # 髙橋 updated; the =HYPERLINK row is new
    ids = box.store.list_ids()[0]
    assert len(ids) == 2
    taka = next(c for c in box.store.contacts(ids) if c.family_name == "髙橋")
    assert len(taka.phones) == 3 and "取引先" in taka.tags
    assert (taka.family_reading, taka.given_reading) == ("たかはし", "いちろう")


def test_undo_takes_a_csv_import_back(box: CardBox) -> None:
    import_paths(box, [DATA / "google-legacy-utf8.csv"])
    first = snapshot(box)
    report = import_paths(box, [DATA / "eight-new-utf8.csv"])
    assert report.run_id is not None and report.added == 2
    trashed, restored = box.store.undo_import(report.run_id)
    assert (trashed, restored) == (2, 0)
    assert snapshot(box) == first


def test_unknown_layout_is_refused_before_anything_is_written(box: CardBox, tmp_path: Path) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("氏名だけ,何か\n山田,1\n", encoding="utf-8")
    with pytest.raises(SourceError, match="header found on line 1 is: 氏名だけ,何か"):
        import_paths(box, [odd])
    assert box.store.import_runs() == []
    with pytest.raises(SourceError, match="not a google CSV file"):
        import_paths(box, [DATA / "eight-old-utf8.csv"], layout="google")


def test_export_then_import_into_another_box(box: CardBox, tmp_path: Path) -> None:
    import_paths(box, [DATA / "sansan-cp932.csv"])
    target = tmp_path / "all.csv"
    report, _ = export_csv(box, "", target, to="csv")
    assert report.count == 2 and target.read_bytes().startswith(b"\xef\xbb\xbf")
    with CardBox.open(tmp_path / "other.sqlite") as other:
        assert import_paths(other, [target]).added == 2
        assert snapshot(other) == snapshot(box)


def test_cli_import_and_export(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.sqlite")
    run = CliRunner().invoke
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DATA / "eight-old-cp932.csv", folder / "eight.csv")
    assert run(cli, ["--db", db, "init"]).exit_code == 0  # a dry run never creates the box
    result = run(cli, ["--db", db, "import", str(folder / "eight.csv"), "--dry-run", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["imported"] == 3
    result = run(cli, ["--db", db, "import", str(folder)])  # a folder: its vCards only
    assert result.exit_code == 2 and "no .vcf files" in result.output
    result = run(cli, ["--db", db, "import", str(folder / "eight.csv"), "--tag", "eight"])
    assert result.exit_code == 0 and "Imported 3 new" in result.output
    odd = tmp_path / "odd.csv"
    odd.write_text("a,b\n1,2\n")
    result = run(cli, ["--db", db, "import", str(odd)])
    assert result.exit_code == 2 and "header found on line 1 is: a,b" in result.output
    for to in ("csv", "google-csv", "outlook-csv", "sansan-csv"):
        out = tmp_path / f"{to}.csv"
        result = run(cli, ["--db", db, "export", "--to", to, "-o", str(out)])
        assert result.exit_code == 0 and "Exported 3 contact(s)" in result.output, result.output
        again = run(cli, ["--db", db, "import", str(out), "--json"])
        counts = json.loads(again.output)
        assert counts["imported"] == 0, (to, counts)
    google = (tmp_path / "google-csv.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(" in google and "\n=HYPERLINK" not in google
    result = run(cli, ["--db", db, "export", "--to", "csv", "--dir", str(tmp_path / "d")])
    assert result.exit_code == 2 and "CSV is one file" in result.output


def test_hand_edited_values_are_warned_about_not_fatal(box: CardBox, tmp_path: Path) -> None:
    own = tmp_path / "own.csv"
    own.write_text(
        "UID,Family Name,Given Name,Reading Confirmed,Industry 1 - Code,Keep In Touch,Birthday\n"
        "u1,山田,太郎,yes,ZZZ,abc,2024-13-45\n",
        encoding="utf-8-sig",
    )
    vcard = tmp_path / "x.vcf"
    vcard.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A B\r\nX-CARDBOX-INDUSTRY:ZZZ\r\nEND:VCARD\r\n"
    )
    report = import_paths(box, [own, vcard])
    assert (report.added, report.failed) == (2, [])
    assert sum("industry 'ZZZ' is unknown" in w for w in report.warnings) == 2
    assert any("Keep In Touch 'abc' cannot be read" in w for w in report.warnings)
    yamada = box.get("u1")
    assert (yamada.industries, yamada.cadence, yamada.birthday) == ((), "", "")
    assert "Birthday: 2024-13-45" in yamada.notes
