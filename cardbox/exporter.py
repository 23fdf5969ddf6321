"""Exporting contacts as vCard: one file, one file per contact in a folder, or standard output.

Files are written the safe way: a temporary file beside the target, flushed to disk, then renamed
over it, so an interrupted export never leaves a truncated file. Nothing existing is overwritten
unless asked, and in a folder every name is made safe and kept inside it (a symlink planted at a
target name is never followed).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cardbox.box import CardBox
from cardbox.domain.errors import CardboxError
from cardbox.domain.model import Contact
from cardbox.formats.vcard.export_filename import filename_key
from cardbox.formats.vcard.write import PROFILES, Names, safe_filename, write_vcard
from cardbox.safefile import ExistsError, atomic_write


class ExportError(CardboxError):
    """The export cannot be written (target exists, folder not writable ...)."""


@dataclass
class ExportReport:
    """What an export wrote."""

    count: int = 0
    files: list[Path] = field(default_factory=list)


def contacts_for(box: CardBox, query: str) -> Iterator[Contact]:
    """Every live contact the query selects (all of them for an empty query), photos included."""
    return box.selected(query)


def names(box: CardBox) -> Names:
    """What the writer needs to name industries."""
    return Names(industries={code: i.name for code, i in box.store.taxonomy().items()})


def _write(target: Path, data: bytes, *, overwrite: bool) -> None:
    try:
        atomic_write(target, data, overwrite=overwrite)
    except ExistsError as exc:
        raise ExportError(str(exc)) from None


def check_profile(profile: str) -> str:
    if profile not in PROFILES:
        raise ExportError(f"unknown profile {profile!r}: use one of {', '.join(PROFILES)}")
    return profile


def export_file(
    box: CardBox, query: str, target: Path, *, profile: str = "default", overwrite: bool = False
) -> ExportReport:
    """All selected contacts in one .vcf file."""
    check_profile(profile)
    known = names(box)
    cards = [write_vcard(c, known, profile) for c in contacts_for(box, query)]
    try:
        _write(target, "".join(cards).encode("utf-8"), overwrite=overwrite)
    except OSError as exc:
        raise ExportError(f"{target}: cannot write: {exc.strerror or exc}") from None
    return ExportReport(count=len(cards), files=[target])


def export_dir(
    box: CardBox, query: str, folder: Path, *, profile: str = "default", overwrite: bool = False
) -> ExportReport:
    """One .vcf file per selected contact in ``folder`` (created if missing)."""
    check_profile(profile)
    known = names(box)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{folder}: cannot create the folder: {exc.strerror or exc}") from None
    root = folder.resolve()
    taken = {filename_key(p.name) for p in root.iterdir()} if not overwrite else set()
    report = ExportReport()
    for contact in contacts_for(box, query):
        name = safe_filename(contact, taken)
        target = root / name
        if target.parent != root:  # safe_filename never allows this; refuse rather than trust
            raise ExportError(f"{name!r}: not a plain file name")
        try:
            _write(
                target, write_vcard(contact, known, profile).encode("utf-8"), overwrite=overwrite
            )
        except OSError as exc:
            raise ExportError(f"{target}: cannot write: {exc.strerror or exc}") from None
        report.count += 1
        report.files.append(target)
    return report


def export_text(box: CardBox, query: str, *, profile: str = "default") -> Iterator[str]:
    """The cards as text, for standard output."""
    check_profile(profile)
    known = names(box)
    for contact in contacts_for(box, query):
        yield write_vcard(contact, known, profile)
