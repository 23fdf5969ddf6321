"""Importing vCard and CSV files and folders into a box: the service behind ``cardbox import``.

A CSV file (Eight, Sansan, Google, Outlook, Thunderbird, cardbox's own) is read by
`formats.csv.read` into the same values the vCard parser gives (a contact per row, or a failure
with file, line and reason) and goes through the very same steps below: who a row is about, job
changes, possible matches, undo. Its layout is found from its header before anything is written;
a CSV file of no known layout is refused with the header found (`SourceError`).

Files are read one at a time and their cards streamed through the parser; cards are written in
batches, each one transaction, all recorded under one import run so that the whole import can be
undone. A card that cannot be imported is reported with its file, line and reason, and its raw
text is kept with the run (``cardbox imports failed``).

An import can be cancelled (``cancel`` returns True): reading stops at the next card, the cards
read so far are written, and the run is kept as a normal import that `undo-import` takes back.

Reading the sources (files, folders, CSV sniffing, counting) is `cardbox.services.sources`; the
report's types are `cardbox.services.import_report`.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from cardbox.domain import industry as industry_rules
from cardbox.domain.errors import CardboxError, NotFound, StoreError
from cardbox.domain.identity import HASH_KEY
from cardbox.domain.merge import fill_in
from cardbox.domain.model import Contact, Event, Meeting
from cardbox.formats.csv import read as csv_read
from cardbox.formats.vcard.mapping import Group
from cardbox.formats.vcard.parse import Failure
from cardbox.services.box import CardBox, with_suggested_readings
from cardbox.services.import_report import Failed, JobMove, Outcome, Report, Uncertain
from cardbox.services.sources import SourceError, cards_of, sniff_csv, source_name, survey
from cardbox.store import CardConflict

if TYPE_CHECKING:
    from cardbox.store.write import ImportCounts

BATCH = 1000


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
    layout: str | None = None,
) -> Report:
    """Import every card in ``paths`` into ``box``.

    ``layout`` (``eight``, ``sansan``, ``google``, ``outlook``, ``thunderbird``, ``cardbox``)
    reads every CSV file as that layout instead of finding it from the header.

    ``progress`` is called with the number of cards read so far, after every card (it should be
    cheap); ``cancel`` is asked before every card, and when it returns True the import stops
    there: the cards read until then are imported all the same (``report.cancelled``). With
    ``details`` the report lists what happened to each card (``report.outcomes``).

    Raises:
        SourceError: a path cannot be read or an option names nothing; nothing was imported.
    """
    entries = survey(paths)
    sniffed = sniff_csv([e for e in entries if isinstance(e, Path)], layout)
    code = None
    if industry:
        try:
            code = industry_rules.resolve(box.store.taxonomy().values(), industry).code
        except CardboxError as exc:
            raise SourceError(exc.code, exc.params) from None
    region = region or box.region
    report = Report(run_id=None, dry_run=dry_run, files=len(entries))
    sources = [source_name(e) if isinstance(e, Path) else e.source for e in entries]

    def run_id() -> int | None:
        """The import's run, recorded when it first has something to record: a file that
        holds no card leaves no import behind (`undo-import` takes back the last real one)."""
        if report.run_id is None and not dry_run:
            from cardbox.services.backups import before

            before(box, "import")  # a snapshot first: every import can be taken back whole
            report.run_id = box.store.start_import(sources)
        return report.run_id

    industry_names = {c: i.name for c, i in box.store.taxonomy().items()}
    groups: list[Group] = []
    batch: list[Contact] = []
    where: list[tuple[str, int]] = []
    texts: list[str] = []
    failures: list[tuple[str, int, str, str]] = []
    # The "met" interactions and the event's follow-up go in each batch's own transaction.
    then = box.follow_ups([event]) if event and not dry_run else None

    dated: dict[str, str] = {}

    def store() -> ImportCounts:
        run = run_id()
        try:
            return box.store.import_batch(run, batch, fill_in, failures, dry_run=dry_run, then=then)
        except CardConflict:
            pass
        # One card the box refused costs no other: the batch again, card by card.
        from cardbox.store.write import ImportCounts

        counts = ImportCounts()
        for index, card in enumerate(batch):
            try:
                one = box.store.import_batch(run, [card], fill_in, dry_run=dry_run, then=then)
            except CardConflict as exc:
                failed(*where[index], f"not imported: {exc}", texts[index])
                counts.actions.append("failed")
                continue
            counts.add(one, index)
        counts.add(box.store.import_batch(run, [], fill_in, failures, dry_run=dry_run), 0)
        return counts

    def flush() -> None:
        if not batch and all(line == 0 for _, line, _, _ in failures) and report.run_id is None:
            failures.clear()  # only files without cards: reported, nothing to record
            return
        if dated and not dry_run:
            _date_events(box, dated)
        try:
            counts = store()
        except StoreError as exc:
            done = report.added + report.updated
            if done and report.run_id is not None:
                raise StoreError("import.kept", error=exc, count=done, run=report.run_id) from None
            raise exc from None

        if dated and not dry_run:
            _met_on_dates(box, counts.ids, dated)
            dated.clear()
        report.added += counts.added
        report.updated += counts.updated
        report.unchanged += counts.unchanged
        # The store counts contacts: cards that met a contact another card of the batch had
        # already met are about someone the import brought once more (counted per card here).
        again = sum(a in ("updated", "unchanged") for a in counts.actions)
        report.merged += counts.merged + again - counts.updated - counts.unchanged
        _people_news(box, report, counts, batch, where)
        if details:
            report.outcomes += [
                Outcome(file, line, card.name, action)
                for (file, line), card, action in zip(where, batch, counts.actions, strict=True)
            ]
        batch.clear()
        where.clear()
        texts.clear()
        failures.clear()
        gc.collect(1)  # the young generations once a batch (see `_batched_gc`)

    def failed(source: str, line: int, reason: str, raw: str) -> None:
        report.failed.append(Failed(source, line, reason))
        failures.append((source, line, reason, raw))

    with _batched_gc():
        items = cards_of(entries, sniffed, region, industry_names)
        for read, (item, result) in enumerate(items, 1):
            if cancel is not None and cancel():
                report.cancelled = True
                break
            report.seen += 1
            if isinstance(result, Failure):
                failed(result.source, result.line, result.reason, result.raw)
            elif isinstance(result, Group):
                groups.append(result)
            else:
                warnings = result.extra.get("warnings", "")
                unknown = [i for i in result.industries if i not in industry_names]
                if unknown:  # a hand-edited file: say so, and keep the card
                    warnings = "\n".join(
                        filter(
                            None,
                            [warnings, *(f"industry {i!r} is unknown; left out" for i in unknown)],
                        )
                    )
                    result = replace(
                        result, industries=tuple(i for i in result.industries if i not in unknown)
                    )
                if warnings:
                    report.warnings += [
                        f"{item.source}:{item.line}: {w}" for w in warnings.split("\n")
                    ]
                    result = replace(
                        result, extra={k: v for k, v in result.extra.items() if k != "warnings"}
                    )
                assert not isinstance(item, Failure)
                text = item.header + item.text if isinstance(item, csv_read.Row) else item.text
                digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
                result = replace(result, extra={**result.extra, HASH_KEY: digest})
                batch.append(with_suggested_readings(_with_options(result, event, code, tag)))
                where.append((item.source, item.line))
                texts.append(item.text)
                if isinstance(item, csv_read.Row):
                    dated.update(item.dated)
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
        run_id()
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


def _date_events(box: CardBox, dated: dict[str, str]) -> None:
    """Create the events a file dates (Eight's ``Eight 2024-05-10``), or give a date to one of
    that name that has none; an event's other details are never changed."""
    known = {e.name: e for e in box.events()}
    for name, day in dated.items():
        current = known.get(name)
        if current is None or current.date is None:
            base = current or Event(name=name)
            box.store.save_event(replace(base, date=date.fromisoformat(day)))


def _met_on_dates(box: CardBox, ids: Sequence[int], dated: dict[str, str]) -> None:
    """A "met" interaction on the event's date (noon, the box's zone) for each contact of the
    batch met at a dated event, unless it has that one already: the date counts for "last
    contact" and keep-in-touch."""
    from zoneinfo import ZoneInfo

    from cardbox.domain.model import Interaction

    zone = ZoneInfo(box.zone)
    met = [
        (c.id, name)
        for c in box.store.contacts(list(ids), children=True)
        for name in c.events
        if name in dated and c.id is not None
    ]
    if not met:
        return

    with box.store.transaction() as tx:
        for cid, name in met:
            at = datetime.combine(date.fromisoformat(dated[name]), time(12), zone)
            have = {(i.kind, i.text, i.at) for i in tx.followups.interactions(cid)}
            if ("met", name, at) not in have:
                tx.followups.add_interaction(Interaction(cid, "met", at, name))


def _people_news(
    box: CardBox,
    report: Report,
    counts: ImportCounts,
    batch: Sequence[Contact],
    where: Sequence[tuple[str, int]],
) -> None:
    """Add a batch's possible matches, job changes and contacts back from the trash to the
    report."""
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
    verb = "would be brought back" if report.dry_run else "brought back"
    for index, cid in counts.restored:
        file, line = where[index]
        report.warnings.append(
            f"{file}:{line}: #{cid} {batch[index].name} was in the trash (same UID): {verb},"
            " with what this card holds"
        )


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
