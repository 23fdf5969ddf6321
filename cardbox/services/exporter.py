"""Exporting contacts as vCard (one file, one file per contact in a folder, or standard output)
or as CSV for a service (`export_csv`: cardbox's own columns, Google, Outlook, Sansan).

Files are written the safe way: a temporary file beside the target, flushed to disk, then renamed
over it, so an interrupted export never leaves a truncated file. Nothing existing is overwritten
unless asked, and in a folder every name is made safe and kept inside it (a symlink planted at a
target name is never followed).

The contacts are those a search selects, or an explicit list of ids (a selection in the app). A
long export reports ``progress`` (contacts written so far) and stops when ``cancel`` returns
True: a single file is then not written at all; in a folder the files written so far stay.

Readings: ``readings="all"`` (the default) writes suggested readings (dictionary guesses not yet
confirmed) like typed ones, since a phone sorts better with a good guess than with none, and the
report counts the cards that carried one (`ExportReport.unconfirmed`); ``readings="confirmed"``
leaves them out, and the report counts the cards that lost one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cardbox.domain.errors import CardboxError
from cardbox.domain.model import Contact
from cardbox.domain.query import parse_query
from cardbox.formats.csv.write import TARGETS as CSV_TARGETS
from cardbox.formats.csv.write import write_csv
from cardbox.formats.vcard.export_filename import filename_key
from cardbox.formats.vcard.write import (
    PROFILES,
    Names,
    has_suggestions,
    safe_filename,
    without_suggestions,
    write_vcard,
)
from cardbox.services.box import CardBox
from cardbox.services.safefile import ExistsError, atomic_write
from cardbox.store.batches import batches


class ExportError(CardboxError):
    """The export cannot be written (target exists, folder not writable ...)."""


@dataclass
class ExportReport:
    """What an export wrote."""

    count: int = 0
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """What could not be written as it is (a character Sansan's cp932 cannot hold)."""
    cancelled: bool = False
    """Stopped before the end (see the module's documentation for what was written)."""
    unconfirmed: int = 0
    """Cards that held a suggested (unconfirmed) reading: written with it (``readings="all"``)
    or without it (``"confirmed"``)."""
    readings: str = "all"


Progress = Callable[[int], None]
Cancel = Callable[[], bool]
READINGS = ("all", "confirmed")
"""Which readings an export writes: every one, or only those typed or accepted."""


def check_readings(readings: str) -> str:
    if readings not in READINGS:
        raise ExportError("export.unknown_readings", readings=readings, choices=", ".join(READINGS))
    return readings


def _policy(contact: Contact, readings: str, report: ExportReport) -> Contact:
    """The contact as the readings policy writes it, counted in ``report`` when it matters."""
    if not has_suggestions(contact):
        return contact
    report.unconfirmed += 1
    return without_suggestions(contact) if readings == "confirmed" else contact


def contacts_for(box: CardBox, query: str, ids: Sequence[int] | None = None) -> Iterator[Contact]:
    """Every live contact the query selects (all of them for an empty query), or the contacts
    ``ids`` names when given, photos included."""
    if ids is None:
        return box.selected(query)
    return _by_ids(box, ids)


def _by_ids(box: CardBox, ids: Sequence[int]) -> Iterator[Contact]:
    for batch in batches(ids):
        yield from box.store.contacts(batch, photos=True)


def selected_ids(box: CardBox, query: str) -> list[int]:
    """The ids of the live contacts ``query`` selects (everyone for an empty query), in the
    order an export writes them.

    Raises:
        InvalidInput: the query is too long.
    """
    parsed = parse_query(query)
    if parsed.is_empty:
        return box.store.list_ids()[0]
    return list(box.store.search(parsed, limit=None, count=False).ids)


def names(box: CardBox) -> Names:
    """What the writer needs to name industries."""
    return Names(industries={code: i.name for code, i in box.store.taxonomy().items()})


def _write(target: Path, data: bytes, *, overwrite: bool, follow_links: bool = False) -> None:
    try:
        atomic_write(target, data, overwrite=overwrite, follow_links=follow_links)
    except ExistsError as exc:
        raise ExportError(exc.code, exc.params) from None


def check_profile(profile: str) -> str:
    if profile not in PROFILES:
        raise ExportError("export.unknown_profile", profile=profile, choices=", ".join(PROFILES))
    return profile


def export_file(
    box: CardBox,
    query: str,
    target: Path,
    *,
    profile: str = "default",
    overwrite: bool = False,
    ids: Sequence[int] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    readings: str = "all",
) -> ExportReport:
    """All selected contacts in one .vcf file (nothing is written when cancelled)."""
    check_profile(profile)
    report = ExportReport(readings=check_readings(readings))
    known = names(box)
    cards: list[str] = []
    for contact in contacts_for(box, query, ids):
        if cancel is not None and cancel():
            return ExportReport(cancelled=True)
        cards.append(write_vcard(_policy(contact, readings, report), known, profile))
        if progress is not None:
            progress(len(cards))
    try:
        # The file the user named: with --overwrite a symlink there is written through.
        _write(target, "".join(cards).encode("utf-8"), overwrite=overwrite, follow_links=True)
    except OSError as exc:
        raise ExportError("export.unwritable", path=target, reason=exc.strerror or exc) from None
    report.count, report.files = len(cards), [target]
    return report


def export_dir(
    box: CardBox,
    query: str,
    folder: Path,
    *,
    profile: str = "default",
    overwrite: bool = False,
    ids: Sequence[int] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    readings: str = "all",
) -> ExportReport:
    """One .vcf file per selected contact in ``folder`` (created if missing)."""
    check_profile(profile)
    check_readings(readings)
    known = names(box)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # a new folder: the user's alone
    except OSError as exc:
        raise ExportError("export.no_folder", path=folder, reason=exc.strerror or exc) from None
    root = folder.resolve()
    taken = {filename_key(p.name) for p in root.iterdir()} if not overwrite else set()
    report = ExportReport(readings=readings)
    for contact in contacts_for(box, query, ids):
        if cancel is not None and cancel():
            report.cancelled = True
            break
        name = safe_filename(contact, taken)
        target = root / name
        if target.parent != root:  # safe_filename never allows this; refuse rather than trust
            raise ExportError("export.bad_name", name=name)
        try:
            card = write_vcard(_policy(contact, readings, report), known, profile)
            _write(target, card.encode("utf-8"), overwrite=overwrite)
        except OSError as exc:
            raise ExportError(
                "export.unwritable", path=target, reason=exc.strerror or exc
            ) from None
        report.count += 1
        report.files.append(target)
        if progress is not None:
            progress(report.count)
    return report


def export_text(
    box: CardBox,
    query: str,
    *,
    profile: str = "default",
    readings: str = "all",
    report: ExportReport | None = None,
) -> Iterator[str]:
    """The cards as text, for standard output; ``report`` (when given) is filled as they go."""
    check_profile(profile)
    check_readings(readings)
    report = report if report is not None else ExportReport(readings=readings)
    known = names(box)
    for contact in contacts_for(box, query):
        report.count += 1
        yield write_vcard(_policy(contact, readings, report), known, profile)


def export_csv(
    box: CardBox,
    query: str,
    target: Path | None,
    *,
    to: str = "csv",
    overwrite: bool = False,
    ids: Sequence[int] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> tuple[ExportReport, bytes]:
    """All selected contacts in one CSV file for ``to`` (one of `CSV_TARGETS`), written to
    ``target`` (nothing is written when cancelled); with no target, only the bytes are
    returned (for standard output)."""
    if to not in CSV_TARGETS:
        raise ExportError("export.unknown_csv", target=to, choices=", ".join(CSV_TARGETS))

    contacts: list[Contact] = []
    for contact in contacts_for(box, query, ids):
        if cancel is not None and cancel():
            return ExportReport(cancelled=True), b""
        contacts.append(contact)
        if progress is not None:
            progress(len(contacts))
    dates = {e.name: e.date for e in box.events() if e.date is not None}
    written = write_csv(contacts, to, dates)
    report = ExportReport(count=written.rows, warnings=written.warnings)
    if target is not None:
        try:
            _write(target, written.data, overwrite=overwrite)
        except OSError as exc:
            raise ExportError(
                "export.unwritable", path=target, reason=exc.strerror or exc
            ) from None
        report.files.append(target)
    return report, written.data
