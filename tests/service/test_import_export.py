"""Import and export as a user runs them: counts, identity, failures, undo, files on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cardbox.cli import cli
from cardbox.services.box import CardBox
from cardbox.services.exporter import ExportError, export_dir, export_file
from cardbox.services.importer import import_paths
from cardbox.services.sources import SourceError

CRLF = "\r\n"


def vcf(*cards: str) -> bytes:
    return "".join(
        "BEGIN:VCARD\r\nVERSION:3.0\r\n" + CRLF.join(c.strip().splitlines()) + "\r\nEND:VCARD\r\n"
        for c in cards
    ).encode("utf-8")


YAMADA = """
N:山田;太郎;;;
FN:山田 太郎
X-PHONETIC-LAST-NAME:ヤマダ
X-PHONETIC-FIRST-NAME:タロウ
ORG:株式会社サクラテック;営業部
TITLE:部長
TEL;TYPE=CELL:090-1234-5678
EMAIL;TYPE=INTERNET,WORK:taro@sakura.example.jp
UID:uid-yamada
"""
SMITH = """
N:Smith;John;;;
FN:John Smith
ORG:Acme Inc.
TEL;TYPE=WORK:+1 415 555 0132
EMAIL:john@acme.example.com
NICKNAME:Johnny
"""


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


@pytest.fixture
def db(box_path: Path) -> Path:
    return box_path


def test_import_adds_cards_and_a_second_import_changes_nothing(tmp_path: Path, db: Path) -> None:
    source = tmp_path / "cards.vcf"
    source.write_bytes(vcf(YAMADA, SMITH))
    with CardBox.open(db) as box:
        first = import_paths(box, [source])
        assert (first.added, first.updated, first.unchanged, first.failed) == (2, 0, 0, [])
        again = import_paths(box, [source])
        assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
        assert box.contacts().total == 2
        yamada = box.search("yamada").contacts[0]
        assert (yamada.family_reading, yamada.given_reading) == ("ヤマダ", "タロウ")
        assert (yamada.company, yamada.department, yamada.title) == (
            "株式会社サクラテック",
            "営業部",
            "部長",
        )
        assert [p.e164 for p in yamada.phones] == ["+819012345678"]
        smith = box.search("smith").contacts[0]
        assert "NICKNAME:Johnny" in smith.extra.get("vcard", "")


def test_a_card_about_someone_known_only_adds_what_it_brings(tmp_path: Path, db: Path) -> None:
    with CardBox.open(db) as box:
        (tmp_path / "a.vcf").write_bytes(vcf(YAMADA))
        import_paths(box, [tmp_path / "a.vcf"])
        newer = """
N:山田;太郎;;;
FN:山田 太郎
TITLE:取締役
TEL;TYPE=WORK:03-5555-0101
EMAIL:TARO@sakura.example.jp
"""
        (tmp_path / "b.vcf").write_bytes(vcf(newer))
        report = import_paths(box, [tmp_path / "b.vcf"])
        assert (report.added, report.updated) == (0, 1)
        (c,) = box.contacts().contacts
        assert c.title == "部長"  # nothing overwritten
        assert sorted(p.e164 for p in c.phones) == ["+81355550101", "+819012345678"]


def test_a_shared_mailbox_never_makes_two_people_one(tmp_path: Path, db: Path) -> None:
    a = "N:Sato;Ken;;;\nFN:Ken Sato\nEMAIL:info@shared.example.jp"
    b = "N:Ito;Aya;;;\nFN:Aya Ito\nEMAIL:info@shared.example.jp"
    (tmp_path / "c.vcf").write_bytes(vcf(a, b))
    with CardBox.open(db) as box:
        assert import_paths(box, [tmp_path / "c.vcf"]).added == 2


def test_options_apply_to_every_card_and_dry_run_writes_nothing(tmp_path: Path, db: Path) -> None:
    (tmp_path / "d.vcf").write_bytes(vcf(YAMADA, SMITH))
    with CardBox.open(db) as box:
        dry = import_paths(box, [tmp_path / "d.vcf"], event="Expo", tag="fair", dry_run=True)
        assert (dry.added, dry.run_id) == (2, None)
        assert box.contacts().total == 0 and box.events() == []
        import_paths(box, [tmp_path / "d.vcf"], event="Expo", industry="lawyer", tag="fair")
        for c in box.contacts().contacts:
            assert c.events == ("Expo",) and "fair" in c.tags and c.industries == ("L-legal",)


def test_one_bad_card_is_reported_and_kept_and_the_rest_imported(tmp_path: Path, db: Path) -> None:
    empty = "NOTE:nothing else on this card"
    (tmp_path / "e.vcf").write_bytes(vcf(YAMADA, empty, SMITH))
    result = run(db, "import", str(tmp_path / "e.vcf"), "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["imported"] == 2
    (failed,) = report["failed"]
    assert failed["file"].endswith("e.vcf") and failed["line"] == 13 and failed["reason"]
    shown = run(db, "imports", "failed")
    assert "nothing else on this card" in shown.stdout


def test_exit_status_two_when_the_import_cannot_run(tmp_path: Path, db: Path) -> None:
    result = run(db, "import", str(tmp_path / "missing.vcf"))
    assert result.exit_code == 2
    assert "no such file" in result.stderr
    with CardBox.open(db) as box, pytest.raises(SourceError):
        import_paths(box, [tmp_path])  # a folder with no .vcf


def test_undo_import_trashes_what_it_added_and_restores_what_it_changed(
    tmp_path: Path, db: Path
) -> None:
    (tmp_path / "a.vcf").write_bytes(vcf(YAMADA))
    run(db, "import", str(tmp_path / "a.vcf"))
    (tmp_path / "b.vcf").write_bytes(
        vcf("N:山田;太郎;;;\nFN:山田 太郎\nEMAIL:taro@sakura.example.jp\nNOTE:new note", SMITH)
    )
    assert run(db, "import", str(tmp_path / "b.vcf")).exit_code == 0
    undo = run(db, "undo-import")
    assert "1 card(s) to the trash, 1 restored" in undo.stdout
    with CardBox.open(db) as box:
        (c,) = box.contacts().contacts
        assert c.notes == "" and c.family_name == "山田"
        assert [t.family_name for t in box.trash().contacts] == ["Smith"]
    assert "already undone" in run(db, "undo-import", "2").stderr


def test_export_writes_files_safely_and_never_overwrites_unless_asked(
    tmp_path: Path, db: Path
) -> None:
    (tmp_path / "a.vcf").write_bytes(vcf(YAMADA, SMITH))
    with CardBox.open(db) as box:
        import_paths(box, [tmp_path / "a.vcf"], event="Expo")
        out = tmp_path / "out.vcf"
        assert export_file(box, "", out).count == 2
        text = out.read_bytes()
        assert not text.startswith(b"\xef\xbb\xbf") and b"\r\n" in text and b"\n\n" not in text
        assert text.count(b"BEGIN:VCARD") == 2
        with pytest.raises(ExportError, match="already exists"):
            export_file(box, "", out)
        assert export_file(box, "smith", out, overwrite=True).count == 1
        folder = tmp_path / "cards"
        report = export_dir(box, "event:expo", folder)
        assert report.count == 2 and all(f.parent == folder.resolve() for f in report.files)
        again = export_dir(box, "event:expo", folder)
        assert {f.name for f in again.files}.isdisjoint({f.name for f in report.files})


def test_export_then_import_gives_back_the_same_contacts(tmp_path: Path, db: Path) -> None:
    (tmp_path / "a.vcf").write_bytes(vcf(YAMADA, SMITH))
    with CardBox.open(db) as box:
        import_paths(box, [tmp_path / "a.vcf"], event="Expo", industry="lawyer", tag="fair")
        export_file(box, "", tmp_path / "out.vcf")
        before = {
            c.uid: c for c in box.store.contacts([c.id or 0 for c in box.contacts().contacts])
        }
    with CardBox.open(tmp_path / "other.sqlite") as other:
        report = import_paths(other, [tmp_path / "out.vcf"])
        assert report.added == 2 and not report.failed
        for c in other.contacts().contacts:
            old = before[c.uid]
            for name in (
                "family_name",
                "given_name",
                "family_reading",
                "given_reading",
                "company",
                "department",
                "title",
                "notes",
                "emails",
                "tags",
                "industries",
                "events",
                "meetings",
            ):
                assert getattr(c, name) == getattr(old, name), name
            # the number comes back as written on export (international form), same E.164 and label
            assert [(p.e164, p.label) for p in c.phones] == [(p.e164, p.label) for p in old.phones]


def test_the_very_same_card_is_known_again_even_without_uid_email_or_phone(
    tmp_path: Path, db: Path
) -> None:
    (tmp_path / "n.vcf").write_bytes(vcf("N:Tanaka;Hanako;;;\nFN:Hanako Tanaka\nORG:Foo"))
    with CardBox.open(db) as box:
        assert import_paths(box, [tmp_path / "n.vcf"]).added == 1
        again = import_paths(box, [tmp_path / "n.vcf"])
        assert (again.added, again.unchanged) == (0, 1)
        assert box.contacts().total == 1


CORPUS = Path(__file__).resolve().parents[1] / "data" / "vcard"


def test_the_whole_corpus_imports_exports_and_imports_again(tmp_path: Path, db: Path) -> None:
    assert CORPUS.is_dir(), f"the vendored corpus is missing at {CORPUS}"
    first = run(db, "import", str(CORPUS), "--json")
    assert first.exit_code == 1  # four cards hold nothing to import; the rest go in
    report = json.loads(first.stdout)
    assert report["files"] == 145 and len(report["failed"]) == 4 and report["imported"] > 150
    again = json.loads(run(db, "import", str(CORPUS), "--json").stdout)
    assert (again["imported"], again["updated"]) == (0, 0)
    out = tmp_path / "all.vcf"
    assert run(db, "export", "-o", str(out)).exit_code == 0
    other = tmp_path / "other.sqlite"
    back = run(other, "import", str(out), "--json")
    assert back.exit_code == 0, back.stderr
    again = json.loads(back.stdout)
    # every exported card is back; a few that share an e-mail or phone with another fold into it
    assert again["imported"] + again["merged"] == report["imported"]
    assert again["merged"] <= 3


def test_readings_are_suggested_for_japanese_names_and_confirmed_when_typed(
    tmp_path: Path, db: Path
) -> None:
    from cardbox.services.box import Edits
    from tests.conftest import card

    with CardBox.open(db) as box:
        c = box.add(card(family_name="佐藤", given_name="翔太", company="株式会社山田製作所"))
        assert (c.family_reading, c.given_reading, c.reading_confirmed) == (
            "さとう",
            "しょうた",
            False,
        )
        assert c.company_reading == "やまだせいさくしょ"
        assert [x.name for x in box.search("sato").contacts] == ["佐藤 翔太"]
        typed = box.edit(c.id or 0, Edits(set={"given_reading": "しょうだい"}))
        assert (typed.given_reading, typed.reading_confirmed) == ("しょうだい", True)
        english = box.add(card(family_name="Smith", given_name="John"))
        assert english.family_reading == "" and english.reading_confirmed
        (tmp_path / "j.vcf").write_bytes(vcf("N:鈴木;花子;;;\nFN:鈴木 花子"))
        import_paths(box, [tmp_path / "j.vcf"])
        imported = box.search("鈴木").contacts[0]
        assert (imported.family_reading, imported.reading_confirmed) == ("すずき", False)


def test_duplicates_lists_the_same_person_twice_but_not_a_shared_mailbox(db: Path) -> None:
    from tests.conftest import card

    with CardBox.open(db) as box:
        box.add(card(family_name="山田", given_name="太郎", emails=["taro@x.example.jp"]))
        box.add(
            card(family_name="山田", given_name="太郎", emails=["TARO@x.example.jp"], company="X")
        )
        box.add(card(family_name="Sato", given_name="Ken", emails=["info@y.example.jp"]))
        box.add(card(family_name="Ito", given_name="Aya", emails=["info@y.example.jp"]))
    listed = json.loads(run(db, "duplicates", "--json").stdout)
    assert [sorted(p["names"]) for p in listed] == [["山田 太郎", "山田 太郎"]]
    assert any("e-mail" in r for r in listed[0]["reasons"])


def test_merge_keeps_everything_of_both_and_undo_gives_both_back(db: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from cardbox.services import followups

    noon = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    from tests.conftest import card

    with CardBox.open(db) as box:
        a = box.add(
            card(family_name="山田", given_name="太郎", title="部長", phones=["090-1234-5678"])
        )
        b = box.add(
            card(
                family_name="山田",
                given_name="太郎",
                title="課長",
                company="サクラ",
                emails=["taro@x.example.jp"],
                tags=["investor"],
            )
        )
        # A fixed noon: "1d" from now would be due "today" when the test runs after 23:00.
        followups.remind(box, b.id or 0, "1d", "call", now=noon)
        followups.log(box, b.id or 0, "call", "hello")
    result = run(db, "merge", str(a.id), str(b.id))
    assert result.exit_code == 0, result.stderr
    with CardBox.open(db) as box:
        merged = box.get(a.id or 0)
        assert merged.title == "部長" and merged.company == "サクラ"
        assert "課長" in merged.notes  # the other title is kept in the notes
        assert [p.e164 for p in merged.phones] == ["+819012345678"]
        assert [e.address for e in merged.emails] == ["taro@x.example.jp"]
        assert merged.tags == ("investor",)
        assert [c.id for c in box.trash().contacts] == [b.id]
        due = followups.agenda(box, days=3, now=noon + timedelta(hours=1))
        assert [i.contact.id for i in due.upcoming] == [a.id]
    assert run(db, "undo-merge").exit_code == 0
    with CardBox.open(db) as box:
        assert box.get(a.id or 0).title == "部長" and box.get(a.id or 0).emails == ()
        assert box.get(b.id or 0).emails[0].address == "taro@x.example.jp"
        assert box.trash().contacts == []
    assert "already undone" in run(db, "undo-merge", "1").stderr
    assert run(db, "merge", str(a.id), str(a.id)).exit_code == 1


def test_two_names_in_one_field_on_one_mobile_stay_two_people_and_are_reported(
    tmp_path: Path, db: Path
) -> None:
    """N:Ann Lee and N:Bob Lee (names only in N's family field) sharing a mobile, in one file."""
    ann = "N:Ann Lee;;;;\nFN:Ann Lee\nTEL;TYPE=CELL:090-1111-2222\nNOTE:met at the bar"
    bob = "N:Bob Lee;;;;\nFN:Bob Lee\nTEL;TYPE=CELL:090-1111-2222"
    (tmp_path / "lee.vcf").write_bytes(vcf(ann, bob))
    with CardBox.open(db) as box:
        report = import_paths(box, [tmp_path / "lee.vcf"])
        assert (report.added, report.merged) == (2, 0)
        assert sorted(c.name for c in box.contacts().contacts) == ["Ann Lee", "Bob Lee"]
        (maybe,) = report.uncertain
        assert (maybe.name, maybe.contact_name) == ("Bob Lee", "Ann Lee")
        assert maybe.reason.startswith("same phone, one name differs")
        assert maybe.new_id is not None and maybe.new_id != maybe.contact_id
    listed = json.loads(run(db, "duplicates", "--json").stdout)
    assert [(sorted(p["names"]), p["likely"]) for p in listed] == [(["Ann Lee", "Bob Lee"], False)]


def test_import_reports_a_second_john_smith_and_a_similar_colleague_as_possible(
    tmp_path: Path, db: Path
) -> None:
    from tests.conftest import card

    with CardBox.open(db) as box:
        smith = box.add(card(family_name="Smith", given_name="John", company="Acme"))
        emma = box.add(card(family_name="Wilson", given_name="Emma", company="Wilson Consulting"))
        (tmp_path / "new.vcf").write_bytes(
            vcf(
                "N:Smith;John;;;\nFN:John Smith\nORG:Globex",
                "N:Wilson;Emily;;;\nFN:Emily Wilson\nORG:Wilson Consulting LLC",
            )
        )
        report = import_paths(box, [tmp_path / "new.vcf"])
        assert report.added == 2  # never merged without the user
        assert [(u.contact_id, u.reason) for u in report.uncertain] == [
            (smith.id, "same name, different company"),
            (emma.id, "same family name, given names alike, same company"),
        ]
