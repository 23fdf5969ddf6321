"""Hostile input on the command line (issue 11 items 8-10): arguments that are not UTF-8, control
and invisible characters in exported and printed text."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner, Result

from cardbox.cli import cli

P = "\x1b]0;PWN\x07\x1b]52;c;cHduZWQ=\x07\x9b2J"
INVISIBLE = "\u061c\U000e0041\u202e"


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


@pytest.fixture
def db(box_path: Path) -> Path:
    path = box_path
    assert (
        run(path, "add", "--family", "山田", "--given", "太郎", "--email", "y@x.example").exit_code
        == 0
    )
    assert (
        run(path, "add", "--family", "Smith", "--given", "John", "--email", "j@x.example").exit_code
        == 0
    )
    return path


# Python turns bytes that are not UTF-8 in argv into lone surrogates (surrogateescape).
BAD = "\udcff"
CUT = "山田\udce3\udc81"


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["search", BAD], "QUERY"),
        (["search", CUT], "QUERY"),
        (["show", BAD], "REF"),
        (["export", BAD], "QUERY"),
        (["event", "add", BAD], "NAME"),
        (["add", "--family", BAD, "--email", "s@x.example"], "--family"),
        (["edit", "1", "--title", BAD], "--title"),
    ],
)
def test_arguments_that_are_not_utf8_are_refused_never_read_as_empty(
    db: Path, args: list[str], shown: str
) -> None:
    result = run(db, *args)
    assert result.exit_code == 2, result.output
    assert f"cardbox: {shown} is not valid UTF-8" in result.output
    assert "Traceback" not in result.output
    assert "Smith" not in result.output and "BEGIN:VCARD" not in result.output
    assert "s@x.example" not in run(db, "list").output


def test_a_path_in_another_encoding_still_works(db: Path, tmp_path: Path) -> None:
    source = tmp_path / "caf\udce9.vcf"  # b"caf\xe9.vcf": a Latin-1 file name
    source.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEND:VCARD\r\n")
    result = run(db, "import", str(source))
    assert result.exit_code == 0 and "Imported 1 new" in result.output


def test_export_to_stdout_carries_no_control_character(db: Path, tmp_path: Path) -> None:
    source = tmp_path / "u.vcf"
    source.write_text(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:X Y\r\nN:Y;X;;;\r\nURL:http://imp.example/{P}\r\n"
        f"X-KEPT:{P}\r\nNOTE:{P}\r\nEND:VCARD\r\n",
        newline="",
    )
    assert run(db, "import", str(source)).exit_code == 0
    out = run(db, "export", "X").output
    assert "URL:http://imp.example/]0;PWN]52;c;cHduZWQ=2J" in out
    assert not [c for c in out if (ord(c) < 0x20 and c not in "\r\n") or 0x7F <= ord(c) <= 0x9F]


def test_bidi_tag_and_invisible_characters_are_escaped_in_human_output_and_json(
    db: Path,
) -> None:
    assert run(db, "add", "--family", f"Eve{INVISIBLE}", "--email", "e@x.example").exit_code == 0
    shown = run(db, "show", "3").output
    assert "Eve⟨U+061C⟩⟨U+E0041⟩⟨U+202E⟩" in shown
    raw = run(db, "show", "3", "--json").output
    assert not any(ch in raw for ch in INVISIBLE)
    assert "\\u061c\\udb40\\udc41\\u202e" in raw
    assert json.loads(raw)["family_name"] == f"Eve{INVISIBLE}"


def test_export_to_a_terminal_shows_bidi_and_invisible_characters(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(db, "add", "--family", f"Eve{INVISIBLE}", "--email", "e@x.example").exit_code == 0
    piped = run(db, "export", "Eve").output
    assert f"Eve{INVISIBLE}" in piped  # a file or a pipe gets the text as it is
    terminal = SimpleNamespace(stdout=SimpleNamespace(isatty=lambda: True), exit=sys.exit)
    monkeypatch.setattr("cardbox.cli.vcard.sys", terminal)
    shown = run(db, "export", "Eve").output
    assert "Eve⟨U+061C⟩⟨U+E0041⟩⟨U+202E⟩" in shown
    assert not any(ch in shown for ch in INVISIBLE)
