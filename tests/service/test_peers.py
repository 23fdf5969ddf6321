"""Exported files are read by software that shares no code with cardbox: khard here."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cardbox.box import CardBox
from cardbox.exporter import export_dir


def khard() -> list[str]:
    found = shutil.which("khard", path=str(Path(sys.executable).parent)) or shutil.which("khard")
    if found is None:
        pytest.fail("khard is not installed: install the test extras (pip install -e '.[test]')")
    return [found]


def test_khard_lists_an_exported_folder_with_the_same_names(tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    with CardBox.demo() as box:
        report = export_dir(box, "", folder)
        names = {c.name for c in box.contacts().contacts}
    assert report.count == len(names)
    config = tmp_path / "khard.conf"
    config.write_text(
        "[addressbooks]\n[[cards]]\npath = " + str(folder) + "\n"
        "[general]\ndebug = no\ndefault_action = list\neditor = true\nmerge_editor = true\n"
        "[contact table]\ndisplay = formatted_name\nsort = last_name\n"
        "[vcard]\nprivate_objects = ,\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [*khard(), "-c", str(config), "list", "--parsable"],
        capture_output=True,
        text=True,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )
    assert result.returncode == 0, result.stderr
    listed = {line.split("\t")[1] for line in result.stdout.splitlines() if "\t" in line}
    assert listed == names
