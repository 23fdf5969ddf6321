"""Exported files are read by software that shares no code with cardbox: khard here."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cardbox.services.box import CardBox
from cardbox.services.exporter import export_dir


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


def test_khard_reads_name_parts_and_unchecked_numbers(tmp_path: Path, box_path: Path) -> None:
    from cardbox.domain.model import Contact, Phone

    folder = tmp_path / "cards"
    with CardBox.open(box_path) as box:
        box.add_contacts(
            [
                Contact(
                    uid="u-john",
                    family_name="Doe",
                    given_name="John",
                    middle_name="Richter",
                    name_prefix="Dr.",
                    name_suffix="Jr.",
                    phones=(
                        Phone(e164="", text="(650) 555-1212", label="work"),
                        Phone(e164="+819012345678", text="090-1234-5678"),
                    ),
                ),
                Contact(uid="u-jo", family_name="Doe", given_name="Jo", formatted_name="Joey D."),
            ]
        )
        export_dir(box, "", folder)
    config = tmp_path / "khard.conf"
    config.write_text(
        "[addressbooks]\n[[cards]]\npath = " + str(folder) + "\n"
        "[general]\ndebug = no\ndefault_action = list\neditor = true\nmerge_editor = true\n"
        "[contact table]\ndisplay = formatted_name\nsort = last_name\n"
        "[vcard]\nprivate_objects = ,\n",
        encoding="utf-8",
    )
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    listed = subprocess.run(
        [*khard(), "-c", str(config), "list", "--parsable"], capture_output=True, text=True, env=env
    )
    assert listed.returncode == 0, listed.stderr
    names = {line.split("\t")[1] for line in listed.stdout.splitlines() if "\t" in line}
    assert names == {"Dr. John Richter Doe Jr.", "Joey D."}
    phones = subprocess.run(
        [*khard(), "-c", str(config), "phone", "--parsable"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert phones.returncode == 0, phones.stderr
    assert "(650) 555-1212" in phones.stdout
    assert "+81 90-1234-5678" in phones.stdout
    assert "cell" in phones.stdout.lower()  # the unlabelled mobile number
