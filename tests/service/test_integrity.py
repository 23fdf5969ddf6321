"""Integrity of the import use cases: re-import after undo or rm, an undo that leaves exactly the
box there was, the event follow-up written with its contact, and reading suggestions that never
cost a card (issue 11, items 1-4)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from cardbox.cli import cli
from cardbox.services import importer
from cardbox.services.box import CardBox
from cardbox.services.importer import import_paths
from cardbox.store import CardConflict
from tests.conftest import card

CRLF = "\r\n"


def vcf(*cards: str) -> bytes:
    return "".join(
        "BEGIN:VCARD\r\nVERSION:3.0\r\n" + CRLF.join(c.strip().splitlines()) + "\r\nEND:VCARD\r\n"
        for c in cards
    ).encode("utf-8")


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


ALICE = "UID:uid-alice\nFN:Alice Undo\nN:Undo;Alice;;;\nEMAIL:alice@undo.example"
BOB = "FN:Bob Other\nN:Other;Bob;;;\nEMAIL:bob@other.example"


def live_names(box: CardBox) -> list[str]:
    return sorted(c.name for c in box.contacts().contacts)


# -- 1. a card whose UID is in the trash ----------------------------------------------------------


def test_reimport_after_undo_brings_the_contact_back_and_keeps_its_neighbours(
    tmp_path: Path,
    box_path: Path,
) -> None:
    source = tmp_path / "one.vcf"
    source.write_bytes(vcf(ALICE, BOB))
    db = box_path
    assert run(db, "import", str(source)).exit_code == 0
    assert run(db, "undo-import").exit_code == 0
    again = run(db, "import", str(source))
    assert again.exit_code == 0, again.output
    assert "was in the trash (same UID): brought back" in again.stderr
    with CardBox.open(db) as box:
        assert live_names(box) == ["Alice Undo", "Bob Other"]
        alice = box.get("uid-alice")
        assert alice.id == 1  # the same contact, out of the trash, not a copy
        assert [c.name for c in box.trash().contacts] == ["Bob Other"]  # Bob had no UID
        assert [h.id for h in box.search("alice").contacts] == [1]
        runs = box.store.import_runs()
        assert (runs[0].added, runs[0].updated) == (1, 1)


def test_reimport_after_rm_restores_with_what_the_card_holds(
    tmp_path: Path, box_path: Path
) -> None:
    db = box_path
    with CardBox.open(db) as box:
        first = box.add(card(family_name="Undo", given_name="Alice", emails=["a@undo.example"]))
        box.edit(first.id or 0, _edits(notes="met at the gym"))
        box.remove(first.id or 0)
        exported = tmp_path / "old.vcf"
        exported.write_bytes(
            vcf(f"UID:{first.uid}\nFN:Alice Undo\nN:Undo;Alice;;;\nTITLE:CTO\nEMAIL:b@undo.example")
        )
        report = import_paths(box, [exported])
        assert (report.added, report.updated, report.failed) == (0, 1, [])
        back = box.get(first.id or 0)
        assert back.deleted is None
        assert back.title == "CTO" and back.notes == "met at the gym"
        assert [e.address for e in back.emails] == ["a@undo.example", "b@undo.example"]
        assert box.trash().total == 0
        # and its undo puts it back in the trash as it was
        box.store.undo_import(report.run_id or 0)
        gone = box.get(first.id or 0, trash=True)
        assert gone.deleted is not None and gone.title == ""
        assert box.search("alice").total == 0


def test_a_uid_merged_away_updates_the_contact_it_was_merged_into(
    tmp_path: Path, box_path: Path
) -> None:
    with CardBox.open(box_path) as box:
        kept = box.add(card(family_name="Undo", given_name="Alice", company="Acme"))
        gone = box.add(card(family_name="Undo", given_name="Alice", emails=["x@undo.example"]))
        box.merge(kept.id or 0, gone.id or 0)
        source = tmp_path / "gone.vcf"
        source.write_bytes(vcf(f"UID:{gone.uid}\nFN:Alice Undo\nN:Undo;Alice;;;\nNOTE:hello"))
        report = import_paths(box, [source])
        assert (report.added, report.updated) == (0, 1)
        assert box.get(kept.id or 0).notes == "hello"
        assert box.get(gone.id or 0, trash=True).deleted is not None


def test_a_card_the_box_refuses_costs_only_itself(
    tmp_path: Path, box_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever constraint refuses one card, its neighbours are imported and it is reported
    with file, line and reason."""
    from cardbox.store.write import Writer

    real = Writer.import_batch

    def picky(self: Writer, run_id: Any, cards: Any, *a: Any, **kw: Any) -> Any:
        if any(c.family_name == "Bad" for c in cards):
            raise CardConflict("the box refused it (UNIQUE constraint failed: contact.uid)")
        return real(self, run_id, cards, *a, **kw)

    monkeypatch.setattr(Writer, "import_batch", picky)
    source = tmp_path / "three.vcf"
    source.write_bytes(vcf(BOB, "FN:Bad Card\nN:Bad;Card;;;", ALICE))
    with CardBox.open(box_path) as box:
        report = import_paths(box, [source], details=True)
        assert live_names(box) == ["Alice Undo", "Bob Other"]
        assert [(f.line, f.reason) for f in report.failed] == [
            (7, "not imported: the box refused it (UNIQUE constraint failed: contact.uid)")
        ]
        assert [o.action for o in report.outcomes] == ["added", "failed", "added"]
        (failure,) = box.store.import_failures(report.run_id or 0)
        assert "FN:Bad Card" in failure.raw
        assert box.store.import_runs()[0].added == 2


def test_a_uid_clash_in_the_store_is_a_card_conflict_not_a_traceback(box_path: Path) -> None:
    from cardbox.domain.merge import fill_in
    from cardbox.domain.model import Contact

    with CardBox.open(box_path) as box:
        box.add(card(family_name="A", given_name="B"))
        uid = box.get(1).uid
        clash = Contact(uid=uid, family_name="Zed")
        with pytest.raises(CardConflict, match="UNIQUE"):
            box.store.writer.add([clash])
        counts = box.store.import_batch(None, [clash], fill_in)
        assert (counts.added, counts.unchanged) == (0, 1)  # a live UID is a match, not a clash


# -- 2. undo leaves exactly the box that was there ------------------------------------------------


def snapshot(path: Path, keep: set[int]) -> dict[str, Any]:
    """Everything a user can see of a box: contacts outside ``keep`` are left out only if
    they are in the trash (an undone import leaves what it added there, by design)."""
    conn = sqlite3.connect(path)
    try:
        out: dict[str, Any] = {}
        rows = conn.execute("SELECT * FROM contact ORDER BY id").fetchall()
        cols = [d[0] for d in conn.execute("SELECT * FROM contact").description]
        deleted = cols.index("deleted_at")
        out["contact"] = [r for r in rows if r[0] in keep or r[deleted] is None]
        shown = {r[0] for r in out["contact"]}
        for table in (
            "phone",
            "email",
            "address",
            "url",
            "meeting",
            "contact_industry",
            "contact_tag",
            "photo",
        ):
            out[table] = sorted(
                r[1:] if table != "contact_industry" and table != "contact_tag" else r
                for r in conn.execute(f"SELECT * FROM {table}").fetchall()
                if r[_contact_col(conn, table)] in shown
            )
        for table in ("interaction", "reminder", "job_change", "contact_search"):
            out[table] = conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
        out["fts"] = conn.execute("SELECT rowid, * FROM contact_fts ORDER BY rowid").fetchall()
        conn.execute("INSERT INTO contact_fts(contact_fts, rank) VALUES ('integrity-check', 1)")
        conn.execute("INSERT INTO contact_grams(contact_grams) VALUES ('integrity-check')")
        out["integrity"] = conn.execute("PRAGMA integrity_check").fetchall()
        return out
    finally:
        conn.close()


def _contact_col(conn: sqlite3.Connection, table: str) -> int:
    names = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    return names.index("contact_id")


def test_undo_of_an_import_spanning_batches_leaves_exactly_the_box_before(
    tmp_path: Path, box_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "BATCH", 3)
    db = box_path
    with CardBox.open(db) as box:
        box.add_event("Meetup", follow_up="3d", follow_up_note="thank-you mail")
        known = box.add(
            card(family_name="Known", given_name="Kim", emails=["kim@known.example"], tags=["x"])
        )
        trashed = box.add(card(family_name="Trashed", given_name="Tom", notes="old"))
        box.remove(trashed.id or 0)
        box.add(card(family_name="山田", given_name="太郎", company="株式会社サクラ"))
        keep = {c.id or 0 for c in (known, trashed)} | {3}
        before = snapshot(db, keep)
        searches = {q: box.search(q).total for q in ("kim", "山", "山田", "trashed", "zed")}
        source = tmp_path / "run.vcf"
        source.write_bytes(
            vcf(
                "FN:Zed Zombie\nN:Zombie;Zed;;;\nEMAIL:zed@zombie.example",  # batch 1: added
                "FN:Kim Known\nN:Known;Kim;;;\nEMAIL:kim@known.example\nTITLE:CEO",  # updated
                "FN:Filler One\nN:One;Filler;;;\nEMAIL:f1@filler.example",
                "FN:Zed Zombie\nN:Zombie;Zed;;;\nEMAIL:zed@zombie.example\nTITLE:Undead",
                "FN:Kim Known\nN:Known;Kim;;;\nEMAIL:kim@known.example\nNOTE:again",
                f"UID:{trashed.uid}\nFN:Tom Trashed\nN:Trashed;Tom;;;\nTITLE:Back",  # restored
                "FN:Filler Two\nN:Two;Filler;;;\nEMAIL:f2@filler.example",
            )
        )
        report = import_paths(box, [source], event="Meetup")
        assert report.failed == []
        assert (report.added, report.updated) == (3, 4)  # Zed, Kim, Tom each again in batch 2
        assert box.search("zed").total == 1 and box.get(trashed.id or 0).title == "Back"
        assert len(box.store.read(lambda c: c.execute("SELECT * FROM reminder").fetchall())) > 0
        trashed_n, restored_n = box.store.undo_import(report.run_id or 0)
        assert (trashed_n, restored_n) == (3, 2)
        assert {q: box.search(q).total for q in searches} == searches
        assert live_names(box) == ["Kim Known", "山田 太郎"]
        assert box.get(trashed.id or 0, trash=True).notes == "old"
    after = snapshot(db, keep)
    assert after == before
    assert after["integrity"] == [("ok",)]


# -- 3. add --event: one transaction ---------------------------------------------------------------


def test_add_at_an_event_writes_contact_meeting_interaction_and_follow_up_together(
    tmp_path: Path, box_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cardbox.store import followups

    with CardBox.open(box_path) as box:
        box.add_event("Meetup", follow_up="3d", follow_up_note="thank-you mail")
        added = box.add(card(family_name="Whole", events=["Meetup"]))
        reminders = box.store.read(followups.reminders)
        assert [(r.contact_id, r.note) for r in reminders] == [(added.id, "thank-you mail")]

        def boom(*_a: Any, **_k: Any) -> int:
            raise RuntimeError("killed between the meeting and its follow-up")

        monkeypatch.setattr(followups, "add_reminder", boom)
        with pytest.raises(RuntimeError):
            box.add(card(family_name="Partial", events=["Meetup"]))
        assert live_names(box) == ["Whole"]  # nothing of the half-done add is left
        kinds = box.store.read(lambda c: c.execute("SELECT count(*) FROM interaction").fetchone())
        assert kinds == (1,)
        source = tmp_path / "one.vcf"
        source.write_bytes(vcf(BOB))
        with pytest.raises(RuntimeError):
            import_paths(box, [source], event="Meetup")
        assert live_names(box) == ["Whole"]


def test_import_at_an_event_logs_the_meeting_and_its_undo_removes_it(
    tmp_path: Path, box_path: Path
) -> None:
    from cardbox.store import followups

    with CardBox.open(box_path) as box:
        box.add_event("Meetup", follow_up="3d")
        kim = box.add(card(family_name="Known", given_name="Kim", emails=["kim@known.example"]))
        source = tmp_path / "two.vcf"
        source.write_bytes(vcf(BOB, "FN:Kim Known\nN:Known;Kim;;;\nEMAIL:kim@known.example"))
        report = import_paths(box, [source], event="Meetup")
        assert len(box.store.read(followups.reminders)) == 2
        box.store.undo_import(report.run_id or 0)
        assert box.store.read(followups.reminders) == []
        assert (
            box.store.read(lambda c: c.execute("SELECT count(*) FROM interaction").fetchone())[0]
            == 0
        )
        assert box.get(kim.id or 0).events == ()


# -- 4. reading suggestions are an extra --------------------------------------------------------------


def test_a_name_too_long_for_the_analyser_is_imported_without_a_reading(
    tmp_path: Path, box_path: Path
) -> None:
    big = "山" * 20000
    source = tmp_path / "big.vcf"
    source.write_bytes(
        vcf(
            "FN:Before Big\nN:Before;Big;;;",
            f"FN:{big}\nN:{big};;;;",
            f"FN:山田 太郎\nN:山田;太郎;;;\nORG:株式会社{big}",
            "FN:After Big\nN:After;Big;;;",
        )
    )
    with CardBox.open(box_path) as box:
        report = import_paths(box, [source])
        assert (report.added, report.failed) == (4, [])
        people = {c.family_name[:3]: c for c in box.contacts().contacts}
        assert people["山山山"].family_reading == ""
        assert people["山田"].company_reading == ""
        assert people["山田"].family_reading == "やまだ"  # the name itself is still read
        long_one = box.add(card(family_name="山" * 17000, given_name="太郎"))
        assert long_one.family_reading == ""


def test_any_failure_of_the_analyser_means_no_suggestion(
    box_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cardbox.domain import readings

    def broken(*_a: Any) -> Any:
        raise ValueError("Input is too long")

    monkeypatch.setattr(readings, "suggest_reading", broken)
    monkeypatch.setattr(readings, "suggest_company_reading", broken)
    with CardBox.open(box_path) as box:
        added = box.add(card(family_name="山田", given_name="太郎", company="株式会社サクラ"))
        assert (added.family_reading, added.company_reading) == ("", "")
    result = run(box_path, "add", "--family", "田中", "--given", "花子")
    assert result.exit_code == 0 and "Added #2" in result.stdout


def _edits(**fields: str) -> Any:
    from cardbox.services.box import Edits

    return Edits(set=dict(fields))
