"""Import of hostile files and folders: every card and every file is imported or reported, the
counts add up, and a file without cards leaves no import behind (issue 10 §4, issue 11 item 5).
"""

from __future__ import annotations

import os
import random
import tempfile
from pathlib import Path

from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardbox.cli import cli
from cardbox.services.box import CardBox
from cardbox.services.import_report import Report
from cardbox.services.importer import import_paths
from tests.conftest import copy_box

CORPUS = Path(__file__).resolve().parents[1] / "data" / "vcard"


def card(name: str, *lines: str) -> bytes:
    given_name, family = name.split()
    body = [f"FN:{name}", f"N:{family};{given_name};;;", *lines]
    return (
        "BEGIN:VCARD\r\nVERSION:3.0\r\n" + "".join(f"{x}\r\n" for x in body) + "END:VCARD\r\n"
    ).encode()


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


def accounted(report: Report) -> int:
    return (
        report.added
        + report.updated
        + report.unchanged
        + report.merged
        + report.groups
        + len(report.failed)
    )


def test_a_file_without_cards_is_reported_and_leaves_no_import_behind(
    tmp_path: Path, box_path: Path
) -> None:
    db = box_path
    real = tmp_path / "real.vcf"
    real.write_bytes(card("Real Person", "EMAIL:real@example.com"))
    notes = tmp_path / "notes.vcf"
    notes.write_text("just some text\n")
    assert run(db, "import", str(real)).exit_code == 0
    result = run(db, "import", str(notes))
    assert result.exit_code == 1
    assert "no vCard in this file (no BEGIN:VCARD line)" in result.output
    assert "undo-import" not in result.output
    with CardBox.open(db) as box:
        assert len(box.store.import_runs()) == 1
    assert "Undid import #1: 1 card(s) to the trash" in run(db, "undo-import").output


def test_a_run_whose_cards_all_failed_is_not_what_a_bare_undo_takes_back(
    tmp_path: Path, box_path: Path
) -> None:
    db = box_path
    real = tmp_path / "real.vcf"
    real.write_bytes(card("Real Person", "EMAIL:real@example.com"))
    empty_card = tmp_path / "empty.vcf"
    empty_card.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:nothing else\r\nEND:VCARD\r\n")
    run(db, "import", str(real))
    assert run(db, "import", str(empty_card)).exit_code == 1
    assert "Undid import #1: 1 card(s)" in run(db, "undo-import").output


def test_folder_entries_that_are_not_files_are_reported_never_opened(
    tmp_path: Path, box_path: Path
) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.vcf").write_bytes(card("Good File", "EMAIL:good@example.com"))
    (folder / "sub" / "deep.VCF").write_bytes(card("Deep File", "EMAIL:deep@example.com"))
    (folder / "loopa.vcf").symlink_to("loopb.vcf")
    (folder / "loopb.vcf").symlink_to("loopa.vcf")
    (folder / "broken.vcf").symlink_to("missing.vcf")
    (folder / "self.vcf").symlink_to(".")
    (folder / "sub" / "up").symlink_to("..")
    (folder / "zero.vcf").symlink_to("/dev/null")
    (folder / "dir.vcf").mkdir()
    os.mkfifo(folder / "fifo.vcf")  # opening it would wait for a writer forever
    with CardBox.open(box_path) as box:
        report = import_paths(box, [folder])
    assert report.added == 2
    assert sorted((Path(f.file).name, f.reason) for f in report.failed) == [
        ("broken.vcf", "not read: a broken symbolic link"),
        ("fifo.vcf", "not read: a FIFO (named pipe)"),
        ("loopa.vcf", "not read: a symbolic link that loops"),
        ("loopb.vcf", "not read: a symbolic link that loops"),
        ("self.vcf", "not read: a link to a folder (links to folders are not followed)"),
        ("zero.vcf", "not read: a device"),
    ]
    assert report.seen == accounted(report) == 8


def test_every_card_of_a_damaged_file_is_counted(tmp_path: Path, box_path: Path) -> None:
    utf16 = card("Beta Utf16").decode().encode("utf-16-le")
    data = (
        card("Alpha Utf8", "EMAIL:a@example.com")
        + utf16
        + card("Alpha Utf8", "EMAIL:a@example.com", "TITLE:Again")
        + b"BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:no name\r\nEND:VCARD\r\n"
        + card("Gamma Nested", "BEGIN:VCARD", "FN:Inner Card", "END:VCARD", "TEL:+1 650 555 1212")
        + b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Group;;;;\r\nFN:Group\r\nX-ADDRESSBOOKSERVER-KIND:group\r\n"
        + b"END:VCARD\r\n"
    )
    source = tmp_path / "mixed.vcf"
    source.write_bytes(data)
    with CardBox.open(box_path) as box:
        report = import_paths(box, [source])
        names = sorted(c.name for c in box.store.contacts(box.store.list_ids()[0]))
    assert names == ["Alpha Utf8", "Beta Utf16", "Gamma Nested", "Inner Card"]
    assert (report.added, report.merged, report.groups, len(report.failed)) == (4, 1, 1, 1)
    assert report.seen == accounted(report) == 7


# -- fuzzing the import front end over mutated corpus files --------------------------------------


def _corpus() -> list[bytes]:
    return [p.read_bytes() for p in sorted(CORPUS.rglob("*.vcf"))]


FILES = _corpus()


def _mutate(data: bytes, rng: random.Random, kind: str) -> bytes:
    if not data:
        return data
    at = rng.randrange(len(data))
    lines = data.split(b"\n")
    line = rng.randrange(len(lines))
    if kind == "truncate":
        return data[:at]
    if kind == "flip":
        out = bytearray(data)
        for _ in range(rng.randint(1, 30)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    if kind == "duplicate":
        return b"\n".join([*lines[:line], lines[line], *lines[line:]])
    if kind == "delete":
        return b"\n".join(lines[:line] + lines[line + 1 :])
    if kind == "nul":
        return data[:at] + b"\x00" * rng.randint(1, 3000) + data[at:]
    if kind == "bom":
        return data[:at] + "\ufeff".encode() + data[at:]
    if kind == "nest":
        return b"\n".join([*lines[:line], b"BEGIN:VCARD", *lines[line:]])
    if kind == "utf16":
        return data[:at] + data.decode("utf-8", "replace").encode("utf-16-le") + data[at:]
    if kind == "splice":
        other = FILES[rng.randrange(len(FILES))]
        return data[:at] + other
    return data


KINDS = ["truncate", "flip", "duplicate", "delete", "nul", "bom", "nest", "utf16", "splice"]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.integers(0, len(FILES) - 1),
    st.lists(st.sampled_from(KINDS), min_size=1, max_size=3),
    st.randoms(use_true_random=False),
)
def test_mutated_corpus_files_import_with_counts_that_add_up(
    empty_box_template: Path, index: int, kinds: list[str], rng: random.Random
) -> None:
    data = FILES[index]
    for kind in kinds:
        data = _mutate(data, rng, kind)
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "mutated.vcf"
        source.write_bytes(data)
        with CardBox.open(copy_box(empty_box_template, Path(scratch) / "box.sqlite")) as box:
            report = import_paths(box, [source])
            live = box.store.list_ids()[1]
    assert report.seen == accounted(report)
    assert report.seen >= 1  # a file is always a card or a failure
    assert all(f.reason for f in report.failed)
    assert live == report.added
