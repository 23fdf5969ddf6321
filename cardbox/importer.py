"""Importing vCard files and folders into a box: the service behind ``cardbox import``.

Files are read one at a time and their cards streamed through the parser; cards are written in
batches, each one transaction, all recorded under one import run so that the whole import can be
undone. A card that cannot be imported is reported with its file, line and reason, and its raw
text is kept with the run (``cardbox imports failed``).

An import can be cancelled (``cancel`` returns True): reading stops at the next card, the cards
read so far are written, and the run is kept as a normal import that `undo-import` takes back.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from cardbox.box import CardBox, with_suggested_readings
from cardbox.domain import industry as industry_rules
from cardbox.domain.companies import JobChange
from cardbox.domain.errors import CardboxError, NotFound
from cardbox.domain.merge import fill_in
from cardbox.domain.model import Contact, Meeting
from cardbox.formats.vcard.decode import to_utf8
from cardbox.formats.vcard.mapping import Group, to_contact
from cardbox.formats.vcard.parse import MAX_FILE, Failure, RawCard, iter_cards
from cardbox.store.identity import HASH_KEY

if TYPE_CHECKING:
    from cardbox.store.write import ImportCounts

BATCH = 1000
SUFFIXES = (".vcf", ".vcard")


class SourceError(CardboxError):
    """The import cannot run at all: a path is missing or unreadable, or an option is wrong."""


@dataclass(frozen=True)
class Failed:
    """A card that was not imported."""

    file: str
    line: int
    reason: str


@dataclass(frozen=True)
class Outcome:
    """What an import did (or would do) with one card: ``added``, ``updated``, ``unchanged`` or
    ``merged`` (into an earlier card of the same import)."""

    file: str
    line: int
    name: str
    action: str


@dataclass(frozen=True)
class Uncertain:
    """A card imported as a new contact that may be someone already known (``contact_id``)."""

    file: str
    line: int
    name: str
    """The card's name."""
    contact_id: int
    contact_name: str
    reason: str
    """Why it may be them, and why it was not taken for them: ``same name, different company``."""
    new_id: int | None = None
    """The contact the card was imported as (None in a dry run)."""


@dataclass(frozen=True)
class JobMove:
    """A card that showed a known person (``contact_id``) with another company or title."""

    file: str
    line: int
    contact_id: int
    name: str
    change: JobChange


@dataclass
class Report:
    """What an import did (or, with ``dry_run``, would do)."""

    run_id: int | None
    dry_run: bool
    files: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: int = 0
    """Cards that were about someone an earlier card of the same import already brought."""
    groups: int = 0
    failed: list[Failed] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cancelled: bool = False
    """Stopped before the end: what was read until then was imported (and can be undone)."""
    outcomes: list[Outcome] = field(default_factory=list)
    """Card by card, when asked for with ``details``."""
    uncertain: list[Uncertain] = field(default_factory=list)
    """Possible matches: cards imported as new that may be someone known (check and merge)."""
    job_changes: list[JobMove] = field(default_factory=list)
    """Known people who arrived with another company or title (their job history has it)."""


def collect(paths: Iterable[str | Path]) -> list[Path]:
    """The files to read: each file given, and the ``.vcf`` files in each folder (and below)."""
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()
            )
            if not found:
                raise SourceError(f"{path}: no .vcf files in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif not path.exists():
            raise SourceError(f"{path}: no such file or folder")
        else:
            raise SourceError(f"{path}: not a file or folder")
    return files


def import_paths(
    box: CardBox,
    paths: Sequence[str | Path],
    *,
    event: str | None = None,
    industry: str | None = None,
    tag: str | None = None,
    dry_run: bool = False,
    region: str | None = None,
    progress: Callable[[int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    details: bool = False,
) -> Report:
    """Import every card in ``paths`` into ``box``.

    ``progress`` is called with the number of cards read so far, after every card (it should be
    cheap); ``cancel`` is asked before every card, and when it returns True the import stops
    there: the cards read until then are imported all the same (``report.cancelled``). With
    ``details`` the report lists what happened to each card (``report.outcomes``).

    Raises:
        SourceError: a path cannot be read or an option names nothing; nothing was imported.
    """
    files = collect(paths)
    code = None
    if industry:
        try:
            code = industry_rules.resolve(box.store.taxonomy().values(), industry).code
        except CardboxError as exc:
            raise SourceError(str(exc)) from None
    region = region or box.region
    report = Report(run_id=None, dry_run=dry_run, files=len(files))
    if not dry_run:
        from cardbox.backups import before

        before(box, "import")
        report.run_id = box.store.start_import([str(f) for f in files])
    industry_names = {c: i.name for c, i in box.store.taxonomy().items()}
    groups: list[Group] = []
    batch: list[Contact] = []
    where: list[tuple[str, int]] = []
    failures: list[tuple[str, int, str, str]] = []

    def flush() -> None:
        counts = box.store.import_batch(report.run_id, batch, fill_in, failures, dry_run=dry_run)
        if event and not dry_run:
            box.record_meetings({cid: [event] for cid in counts.ids})
        report.added += counts.added
        report.updated += counts.updated
        report.unchanged += counts.unchanged
        report.merged += counts.merged
        _people_news(box, report, counts, batch, where)
        if details:
            report.outcomes += [
                Outcome(file, line, card.name, action)
                for (file, line), card, action in zip(where, batch, counts.actions, strict=True)
            ]
        batch.clear()
        where.clear()
        failures.clear()
        gc.collect(1)  # the young generations once a batch (see `_batched_gc`)

    def failed(source: str, line: int, reason: str, raw: str) -> None:
        report.failed.append(Failed(source, line, reason))
        failures.append((source, line, reason, raw))

    with _batched_gc():
        for read, item in enumerate(_cards(files, report), 1):
            if cancel is not None and cancel():
                report.cancelled = True
                break
            if isinstance(item, Failure):
                failed(item.source, item.line, item.reason, item.raw)
            elif isinstance(
                result := to_contact(item, region=region, industry_names=industry_names), Failure
            ):
                failed(result.source, result.line, result.reason, result.raw)
            elif isinstance(result, Group):
                groups.append(result)
            else:
                warnings = result.extra.get("warnings", "")
                if warnings:
                    report.warnings += [
                        f"{item.source}:{item.line}: {w}" for w in warnings.split("\n")
                    ]
                    result = replace(
                        result, extra={k: v for k, v in result.extra.items() if k != "warnings"}
                    )
                digest = hashlib.sha256(item.text.encode("utf-8", "surrogatepass")).hexdigest()
                result = replace(result, extra={**result.extra, HASH_KEY: digest})
                batch.append(with_suggested_readings(_with_options(result, event, code, tag)))
                where.append((item.source, item.line))
            if len(batch) >= BATCH or len(failures) >= BATCH:
                flush()
            if progress is not None:
                progress(read)
        if batch or failures:
            flush()
    if groups and report.cancelled:
        report.warnings.append(
            f"{len(groups)} group card(s) were not applied: the import was cancelled"
        )
    elif groups:
        report.groups = len(groups)
        _tag_groups(box, report, groups, dry_run)
    return report


@contextmanager
def _batched_gc() -> Iterator[None]:
    """Collect cyclic garbage once a batch instead of every few hundred allocations.

    An import allocates millions of small objects (lines, properties, contacts) that hold no
    cycles and are freed by reference counting; the collector's passes over them cost about a
    twentieth of the import. Automatic collection is back on when the import ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_BEGIN = re.compile(rb"^[ \t]*BEGIN[ \t]*:[ \t]*VCARD", re.IGNORECASE | re.MULTILINE)


def count_cards(paths: Sequence[str | Path]) -> int:
    """About how many cards ``paths`` hold (their ``BEGIN:VCARD`` lines), for a progress bar.

    Raises:
        SourceError: as `import_paths`.
    """
    total = 0
    for path in collect(paths):
        try:
            if path.stat().st_size > MAX_FILE:
                total += 1
                continue
            text, _start = to_utf8(path.read_bytes())
        except OSError:
            total += 1  # the import reports it as one failure
            continue
        total += max(1, len(_BEGIN.findall(text)))
    return total


def _cards(files: Sequence[Path], report: Report) -> Iterator[RawCard | Failure]:
    for path in files:
        try:
            size = path.stat().st_size
            if size > MAX_FILE:
                yield Failure(
                    str(path), 0, f"file is {size:,} bytes; the limit is {MAX_FILE:,}", ""
                )
                continue
            data = path.read_bytes()
        except OSError as exc:
            yield Failure(str(path), 0, f"cannot read the file: {exc.strerror or exc}", "")
            continue
        head = data[:4096]
        cards = iter_cards(data, str(path))
        del data  # the parser holds the only copy of a large file's bytes from here
        found = False
        for card in cards:
            found = True
            yield card
        if not found:
            yield Failure(str(path), 0, _not_a_vcard(head), "")


def _not_a_vcard(head: bytes) -> str:
    if not head:
        return "the file is empty"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "not a vCard file: it holds binary data"
    return "no vCard in this file (no BEGIN:VCARD line)"


def _people_news(
    box: CardBox,
    report: Report,
    counts: ImportCounts,
    batch: Sequence[Contact],
    where: Sequence[tuple[str, int]],
) -> None:
    """Add a batch's possible matches and job changes to the report."""
    ids = {u[1] for u in counts.uncertain} | {c.contact_id for _, c in counts.job_changes}
    names = {c.id: c.name for c in box.store.contacts(sorted(i for i in ids if i), children=False)}
    for index, cid, reason, new_id in counts.uncertain:
        file, line = where[index]
        report.uncertain.append(
            Uncertain(
                file,
                line,
                batch[index].name,
                cid,
                names.get(cid, ""),
                reason,
                None if report.dry_run else new_id,
            )
        )
    for index, change in counts.job_changes:
        file, line = where[index]
        cid = change.contact_id or 0
        report.job_changes.append(JobMove(file, line, cid, names.get(cid, ""), change))


def _with_options(c: Contact, event: str | None, code: str | None, tag: str | None) -> Contact:
    if event and event not in c.events:
        c = replace(c, meetings=(*c.meetings, Meeting(event=event)))
    if code and code not in c.industries:
        c = replace(c, industries=(*c.industries, code))
    if tag and tag not in c.tags:
        c = replace(c, tags=(*c.tags, tag))
    return c


def _tag_groups(box: CardBox, report: Report, groups: list[Group], dry_run: bool) -> None:
    """Group cards become a tag on each member the box holds (never people of their own)."""
    cards = []
    for group in groups:
        for uid in group.members:
            try:
                # Apple writes a member's UID without the ":ABPerson" its card may carry.
                (member,) = box.store.contacts([box.store.resolve(uid)])
            except NotFound:
                if not dry_run:
                    report.warnings.append(f"group {group.name!r}: member {uid} is not in the box")
                continue
            cards.append(Contact(uid=member.uid, tags=(group.name,)))
    if cards:
        box.store.import_batch(report.run_id, cards, fill_in, dry_run=dry_run)
