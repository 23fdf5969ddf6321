"""Issue 10 by hand, through the command line: unchecked phones, numbers read in the card's own
country, labels, names and readings as they went in."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from cardbox.cli import cli

CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Tremblay;Marc;;;\r\nFN:Marc Tremblay\r\n"
    "TEL;type=WORK:905-777-1234\r\nTEL;TYPE=HOME:(111) 555-1212\r\n"
    "ADR;type=WORK:;;1 Main St;Toronto;ON;M5V 2T6;Canada\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jane;;;\r\nFN:Jane Doe\r\n"
    "TEL;TYPE=CELL:(650) 555-1212\r\nEND:VCARD\r\n"
)


def run(db: Path, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=True)
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def imported(tmp_path: Path) -> Path:
    db = tmp_path / "box.sqlite"
    source = tmp_path / "cards.vcf"
    source.write_bytes(CARDS.encode())
    run(db, "config", "region", "JP")
    result = run(db, "import", str(source))
    assert "not a valid number for JP (+81)" in result.output  # Jane's number, unchecked
    return db


def test_every_number_is_shown_searchable_in_json_and_exported(tmp_path: Path) -> None:
    db = imported(tmp_path)
    (marc,) = json.loads(run(db, "search", "Tremblay", "--json").output)
    assert marc["phones"] == [
        {"label": "work", "e164": "+19057771234", "text": "905-777-1234"},
        {"label": "home", "e164": None, "text": "(111) 555-1212"},
    ]
    shown = run(db, "show", str(marc["id"])).output
    assert "Phone work  905-777-1234  [+1 905-777-1234]" in shown
    assert "Phone home  (111) 555-1212  [unchecked]" in shown
    assert [
        c["family_name"] for c in json.loads(run(db, "search", "1115551212", "--json").output)
    ] == ["Tremblay"]
    assert [
        c["family_name"] for c in json.loads(run(db, "search", "650-555", "--json").output)
    ] == ["Doe"]
    exported = run(db, "export").output
    assert "TEL;TYPE=WORK,VOICE,pref:+1 905-777-1234\n" in exported
    assert "TEL;TYPE=HOME,VOICE:(111) 555-1212\n" in exported
    assert "TEL;TYPE=CELL,VOICE,pref:(650) 555-1212\n" in exported


def test_show_prints_labels_whole(box_path: Path) -> None:
    db = box_path
    run(
        db,
        "add",
        "--family",
        "山田",
        "--given",
        "太郎",
        "--phone",
        "mobile:090-1234-5678",
        "--email",
        "private mobile:t@example.jp",
    )
    shown = run(db, "show", "1").output
    assert "Phone mobile 090-1234-5678  [+81 90-1234-5678]" in shown
    assert "E-mail private mobile t@example.jp" in shown


def test_add_reads_a_plus_number_as_the_number_it_says(box_path: Path) -> None:
    db = box_path
    run(db, "config", "region", "JP")
    run(db, "add", "--family", "Tremblay", "--phone", "+1 905 777 1234")
    (c,) = json.loads(run(db, "list", "--json").output)
    assert c["phones"][0]["e164"] == "+19057771234"
    bad = CliRunner().invoke(
        cli, ["--db", str(db), "add", "--family", "X", "--phone", "+1 555 123"]
    )
    assert bad.exit_code == 1
    assert "for US (+1)" in bad.output and "JP" not in bad.output


def test_an_unchecked_number_survives_an_edit_of_the_card(tmp_path: Path) -> None:
    db = imported(tmp_path)
    (jane,) = json.loads(run(db, "search", "Doe", "--json").output)
    run(db, "edit", str(jane["id"]), "--title", "CTO", "--phone", "work:03-1234-5678")
    after = json.loads(run(db, "show", str(jane["id"]), "--json").output)
    assert [(p["e164"], p["text"]) for p in after["phones"]] == [
        (None, "(650) 555-1212"),
        ("+81312345678", "03-1234-5678"),
    ]
    run(db, "edit", str(jane["id"]), "--remove-phone", "(650) 555-1212")
    after = json.loads(run(db, "show", str(jane["id"]), "--json").output)
    assert [p["e164"] for p in after["phones"]] == ["+81312345678"]
