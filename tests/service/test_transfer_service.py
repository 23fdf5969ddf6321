"""What the import and export dialogs need from the services: card-by-card outcomes of a preview,
progress, cancelling (an import keeps what it wrote as an undoable run; a file export writes
nothing), explicit selections, and a clear reason for files that hold no vCard."""

from __future__ import annotations

from pathlib import Path

import pytest

from cardbox.services import importer
from cardbox.services.box import CardBox
from cardbox.services.exporter import export_dir, export_file, selected_ids
from cardbox.services.importer import import_paths
from cardbox.services.sources import count_cards
from tests.conftest import card


def vcf(*cards: str) -> bytes:
    return "".join(
        "BEGIN:VCARD\r\nVERSION:3.0\r\n" + "\r\n".join(c.strip().splitlines()) + "\r\nEND:VCARD\r\n"
        for c in cards
    ).encode("utf-8")


YAMADA = "N:山田;太郎;;;\nFN:山田 太郎\nTEL;TYPE=CELL:090-1234-5678\nUID:uid-yamada"
SMITH = "N:Smith;John;;;\nFN:John Smith\nEMAIL:john@acme.example.com"
YAMADA_AGAIN = "N:山田;太郎;;;\nFN:山田 太郎\nTEL:090-1234-5678\nTITLE:部長"
EMPTY = "NOTE:nothing else"


def many(n: int) -> bytes:
    return vcf(
        *(f"N:Person{i};Test;;;\nFN:Test Person{i}\nEMAIL:p{i}@example.com" for i in range(n))
    )


def test_a_preview_says_what_each_card_would_do_and_writes_nothing(
    box: CardBox, tmp_path: Path
) -> None:
    source = tmp_path / "a.vcf"
    source.write_bytes(vcf(YAMADA, SMITH, YAMADA_AGAIN, EMPTY))
    preview = import_paths(box, [source], dry_run=True, details=True)
    assert [(o.line, o.name, o.action) for o in preview.outcomes] == [
        (1, "山田 太郎", "added"),
        (8, "John Smith", "added"),
        (14, "山田 太郎", "merged"),
    ]
    assert [(f.line, f.reason) for f in preview.failed] == [
        (21, "no name, company, phone or e-mail")
    ]
    assert box.contacts().total == 0 and box.store.import_runs() == []
    import_paths(box, [tmp_path / "a.vcf"])
    (tmp_path / "b.vcf").write_bytes(vcf(SMITH, "N:山田;太郎;;;\nTEL:090-1234-5678\nNOTE:new"))
    again = import_paths(box, [tmp_path / "b.vcf"], dry_run=True, details=True)
    assert [o.action for o in again.outcomes] == ["unchanged", "updated"]


def test_progress_counts_every_card_read(box: CardBox, tmp_path: Path) -> None:
    source = tmp_path / "many.vcf"
    source.write_bytes(many(25) + vcf(EMPTY))
    seen: list[int] = []
    import_paths(box, [source], progress=seen.append)
    assert seen == list(range(1, 27))
    assert count_cards([source]) == 26


def test_a_cancelled_import_keeps_what_it_read_as_one_undoable_run(
    box: CardBox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "BATCH", 10)
    source = tmp_path / "many.vcf"
    source.write_bytes(many(100))
    read: list[int] = []
    report = import_paths(box, [source], progress=read.append, cancel=lambda: len(read) >= 35)
    assert report.cancelled and report.added == 35
    assert box.contacts().total == 35
    (run,) = box.store.import_runs()
    assert (run.id, run.added, run.undone) == (report.run_id, 35, None)
    assert box.store.undo_import(run.id) == (35, 0)
    assert box.contacts().total == 0


def test_a_file_without_vcards_is_a_failure_with_a_reason(box: CardBox, tmp_path: Path) -> None:
    (tmp_path / "photo.vcf").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (tmp_path / "notes.vcf").write_text("just some notes\n")
    (tmp_path / "empty.vcf").write_bytes(b"")
    report = import_paths(box, [tmp_path], dry_run=True)
    assert sorted((Path(f.file).name, f.reason) for f in report.failed) == [
        ("empty.vcf", "the file is empty"),
        ("notes.vcf", "no vCard in this file (no BEGIN:VCARD line)"),
        ("photo.vcf", "not a vCard file: it holds binary data"),
    ]


def test_export_an_explicit_selection_with_progress(box: CardBox, tmp_path: Path) -> None:
    a = box.add(card(family_name="Aoki", tags=["investor"]))
    b = box.add(card(family_name="Baba", tags=["investor"]))
    box.add(card(family_name="Chiba"))
    assert a.id is not None and b.id is not None
    assert sorted(selected_ids(box, "tag:investor")) == sorted([a.id, b.id])
    assert len(selected_ids(box, "")) == 3
    seen: list[int] = []
    report = export_file(box, "", tmp_path / "one.vcf", ids=[b.id or 0], progress=seen.append)
    text = (tmp_path / "one.vcf").read_text()
    assert report.count == 1 and "Baba" in text and "Aoki" not in text and seen == [1]


def test_a_cancelled_export_writes_no_file_and_a_folder_keeps_what_was_written(
    box: CardBox, tmp_path: Path
) -> None:
    for name in ("Aoki", "Baba", "Chiba"):
        box.add(card(family_name=name))
    target = tmp_path / "all.vcf"
    done: list[int] = []
    report = export_file(box, "", target, progress=done.append, cancel=lambda: len(done) >= 2)
    assert report.cancelled and report.files == [] and not target.exists()
    done.clear()
    folder = export_dir(
        box, "", tmp_path / "dir", progress=done.append, cancel=lambda: len(done) >= 2
    )
    assert folder.cancelled and folder.count == 2
    assert sorted(p.name for p in (tmp_path / "dir").iterdir()) == sorted(
        p.name for p in folder.files
    )
