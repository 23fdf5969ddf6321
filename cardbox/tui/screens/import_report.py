"""What an import (or its preview) did, as the import screen shows it: the summary line and
the rows of the results table (`fill_results`)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from rich.text import Text
from textual.widgets import DataTable

from cardbox.services.import_report import Report
from cardbox.tui.i18n import N_, _
from cardbox.tui.widgets.file_tree import is_dir
from cardbox.tui.widgets.render import literal

SHOWN = 1000
"""Rows listed in the results table (the summary has the full counts)."""

Row = tuple[Text, Text, Text]
"""What, where, name or reason."""

ACTIONS = {
    "added": (N_("new"), "green"),
    "updated": (N_("updated"), "cyan"),
    "unchanged": (N_("unchanged"), "dim"),
    "merged": (N_("merged"), "dim"),
}


_WARNING = re.compile(r"(?P<file>[^\n]+?):(?P<line>\d+): (?P<reason>.*)", re.DOTALL)


def split_warning(warning: str) -> tuple[str, int, str]:
    """An importer warning ("file:line: reason", or only a reason) as its file, line and
    reason, so that the table shows the place under Where and the reason under the reason."""
    found = _WARNING.fullmatch(warning)
    if found is None:
        return "", 0, warning
    return found["file"], int(found["line"]), found["reason"]


def report_rows(report: Report, base: Path) -> tuple[list[Row], dict[str, tuple[int, int]]]:
    """The results table's rows (failures, warnings, job changes, possible matches, then each
    card), with places relative to ``base`` when it is a folder; and the rows of possible
    matches imported as new, by row key: (the known contact, the card imported as new)."""

    def where(file: str, line: int) -> Text:
        name = os.path.relpath(file, base) if is_dir(base) else Path(file).name
        return literal(f"{name}:{line}" if line else name)

    rows: list[tuple[Text, Text, Text]] = [
        (Text(_("failed"), style="red"), where(f.file, f.line), literal(f.reason))
        for f in report.failed
    ]
    for w in report.warnings:
        file, line, reason = split_warning(w)
        rows.append(
            (
                Text(_("warning"), style="yellow"),
                where(file, line) if file else Text(""),
                literal(reason),
            )
        )
    for j in report.job_changes:
        moved = _("{name}: {old} → {new}").format(
            name=j.name, old=j.change.old.describe() or "-", new=j.change.new.describe()
        )
        rows.append((Text(_("job change"), style="cyan"), where(j.file, j.line), literal(moved)))
    pairs: dict[str, tuple[int, int]] = {}
    for u in report.uncertain:
        if u.new_id:
            maybe = _(
                "{name} may be #{id} {known} ({reason}); imported as new: enter compares and merges"
            )
        else:
            maybe = _("{name} may be #{id} {known} ({reason}); would be imported as new")
        maybe = maybe.format(name=u.name, id=u.contact_id, known=u.contact_name, reason=u.reason)
        if u.new_id:
            pairs[str(len(rows))] = (u.contact_id, u.new_id)
        rows.append(
            (Text(_("possible match"), style="yellow"), where(u.file, u.line), literal(maybe))
        )
    for o in report.outcomes:
        label, style = ACTIONS.get(o.action, (o.action, ""))
        rows.append((Text(_(label), style=style), where(o.file, o.line), literal(o.name)))
    return rows, pairs


def summary(report: Report, read: int) -> Text:
    counts = {
        "files": report.files,
        "run": report.run_id,
        "added": f"{report.added:,}",
        "updated": f"{report.updated:,}",
        "unchanged": f"{report.unchanged:,}",
        "merged": f"{report.merged:,}",
        "failed": f"{len(report.failed):,}",
        "read": f"{read:,}",
    }
    if report.dry_run:
        text = _(
            "Preview of {files} file(s): {added} new, {updated} updated, {unchanged} unchanged, "
            "{merged} merged into another card, {failed} failed. Nothing has been written yet: "
            "ctrl+s imports."
        )
        if report.cancelled:
            text = _(
                "Preview stopped after {read} cards: {added} new, {updated} updated, "
                "{unchanged} unchanged, {failed} failed so far. Nothing has been written."
            )
    elif report.run_id is None:  # no file held a card (or none was read): nothing recorded
        text = _("Nothing was imported from {files} file(s): {failed} failed.")
    elif report.cancelled:
        text = _(
            "Stopped after {read} cards. Those were imported as import #{run}: {added} new, "
            "{updated} updated, {unchanged} unchanged, {failed} failed; the rest was not read. "
            "ctrl+z undoes it."
        )
    else:
        text = _(
            "Imported {files} file(s) as import #{run}: {added} new, {updated} updated, "
            "{unchanged} unchanged, {merged} merged into another card, {failed} failed. "
            "ctrl+z undoes it."
        )
    return Text(text.format(**counts))


def fill_results(
    table: DataTable[object], report: Report, base: Path
) -> dict[str, tuple[int, int]]:
    """The results table filled with the report's rows (the first `SHOWN`); the possible
    matches by row key, as `report_rows` gives them."""
    table.clear()
    rows, pairs = report_rows(report, base)
    for n, row in enumerate(rows[:SHOWN]):
        table.add_row(*row, key=str(n))
    if len(rows) > SHOWN:
        more = _("… and {count} more").format(count=f"{len(rows) - SHOWN:,}")
        table.add_row(Text(""), Text(""), Text(more, style="dim"), key="more")
    return pairs
