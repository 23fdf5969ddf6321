"""Cards in: ``import`` (vCard and CSV files and folders), the import history (``imports``,
``imports failed``) and ``undo-import``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from cardbox.cli.common import cli, fail, json_option, opened
from cardbox.cli.errors import message


@cli.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--event", help="Record every card as met at this event (created if new).")
@click.option("--industry", help="Give every card this industry (code, name or alias).")
@click.option("--tag", help="Give every card this tag.")
@click.option("--dry-run", is_flag=True, help="Show what would be added, updated, skipped.")
@click.option(
    "--format",
    "layout",
    type=click.Choice(["eight", "sansan", "google", "outlook", "thunderbird", "cardbox"]),
    help="Read CSV files as this layout (found from the header by default).",
)
@json_option
@click.pass_context
def import_(
    ctx: click.Context,
    paths: tuple[Path, ...],
    event: str | None,
    industry: str | None,
    tag: str | None,
    dry_run: bool,
    layout: str | None,
    as_json: bool,
) -> None:
    """Import vCard files (2.1, 3.0, 4.0) or folders of .vcf files, and CSV files (Eight, Sansan,
    Google Contacts, Outlook, Thunderbird, cardbox).

    A card about someone already in the box (same UID, personal e-mail or phone) only adds
    what it brings. A CSV file's layout is found from its header; a file of no known layout is
    refused. Exit status: 0 all imported, 1 some cards failed (the rest are imported), 2 the
    import could not run. `cardbox undo-import` takes the whole import back.

    \b
    cardbox import contacts.vcf --event "渋谷異業種交流会 2026秋"
    cardbox import ~/Downloads/iphone-export/ --dry-run
    cardbox import eight.csv --tag eight
    """
    from cardbox.services.importer import import_paths
    from cardbox.services.sources import SourceError

    with opened(ctx, writes=not dry_run) as box:
        try:
            report = import_paths(
                box,
                paths,
                event=event,
                industry=industry,
                tag=tag,
                dry_run=dry_run,
                layout=layout,
            )
        except SourceError as exc:
            fail(message(exc), 2)
        show_import(report, as_json)
        if report.failed:
            sys.exit(1)


def show_import(report: Any, as_json: bool) -> None:
    from cardbox.cli.format import dumps, job_json
    from cardbox.domain.text import printable as visible

    if as_json:
        click.echo(
            dumps(
                {
                    "run": report.run_id,
                    "dry_run": report.dry_run,
                    "files": report.files,
                    "cards": report.seen,
                    "imported": report.added,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                    "merged": report.merged,
                    "groups": report.groups,
                    "failed": [
                        {"file": f.file, "line": f.line, "reason": f.reason} for f in report.failed
                    ],
                    "warnings": report.warnings,
                    "job_changes": [
                        {"file": j.file, "line": j.line, "id": j.contact_id, "name": j.name}
                        | job_json(j.change)
                        for j in report.job_changes
                    ],
                    "uncertain": [
                        {
                            "file": u.file,
                            "line": u.line,
                            "name": u.name,
                            "id": u.contact_id,
                            "contact_name": u.contact_name,
                            "reason": u.reason,
                            "new_id": u.new_id,
                        }
                        for u in report.uncertain
                    ],
                }
            )
        )
        return
    verb = "Would import" if report.dry_run else "Imported"
    click.echo(
        f"{verb} {report.added} new, {report.updated} updated, {report.unchanged} unchanged"
        f" from {report.seen - sum(not f.line for f in report.failed)} card(s)"
        f" in {report.files} file(s)"
        + (f"; {report.merged} merged into another card of the import" if report.merged else "")
        + (f"; {report.groups} group card(s) became tags" if report.groups else "")
        + (f"; {len(report.failed)} failed" if report.failed else "")
        + "."
    )
    for w in report.warnings[:20]:
        click.echo(f"warning: {visible(w)}", err=True)
    if len(report.warnings) > 20:
        click.echo(f"warning: … and {len(report.warnings) - 20} more", err=True)
    for f in report.failed:
        click.echo(f"failed: {visible(f.file)}:{f.line}: {visible(f.reason)}", err=True)
    for j in report.job_changes[:50]:
        old, new = j.change.old.describe() or "-", j.change.new.describe()
        click.echo(
            visible(f"job change: #{j.contact_id} {j.name}: {old} → {new} ({j.file}:{j.line})")
        )
    for u in report.uncertain[:50]:
        click.echo(
            visible(
                f"possible match: card at {u.file}:{u.line} ({u.name}) may be #{u.contact_id}"
                f" {u.contact_name} ({u.reason}); "
                + (
                    f"imported as new #{u.new_id} (`cardbox merge {u.contact_id} {u.new_id}`"
                    " joins them)"
                    if u.new_id
                    else "would be imported as new"
                )
            )
        )
    hidden = max(0, len(report.job_changes) - 50) + max(0, len(report.uncertain) - 50)
    if hidden:
        click.echo(f"… and {hidden} more job changes and possible matches (--json lists all)")
    if report.run_id is not None:
        hint = " (`cardbox imports failed` shows the cards)" if report.failed else ""
        click.echo(
            f"Import #{report.run_id}: `cardbox undo-import {report.run_id}` takes it back{hint}."
        )


@cli.group(invoke_without_command=True)
@json_option
@click.pass_context
def imports(ctx: click.Context, as_json: bool) -> None:
    """List past imports, newest first."""
    if ctx.invoked_subcommand is not None:
        return
    from cardbox.cli.format import dumps, table
    from cardbox.services import imports

    with opened(ctx) as box:
        runs = imports.runs(box)
        if as_json:
            click.echo(dumps([run.__dict__ | {"sources": list(run.sources)} for run in runs]))
            return
        rows = [
            [
                str(r.id),
                r.started[:19].replace("T", " "),
                f"{r.added}/{r.updated}/{r.unchanged}/{r.failed}",
                "undone" if r.undone else "",
                ", ".join(r.sources),
            ]
            for r in runs
        ]
        click.echo(
            table(["#", "When (UTC)", "new/upd/same/failed", "", "Files"], rows, [5, 19, 20, 6, 60])
            if rows
            else "No imports yet."
        )


@imports.command(name="failed")
@click.argument("run", required=False, type=int)
@json_option
@click.pass_context
def imports_failed(ctx: click.Context, run: int | None, as_json: bool) -> None:
    """Show the cards an import could not take (the latest import by default), with raw text."""
    from cardbox.cli.format import dumps
    from cardbox.domain.text import printable as visible
    from cardbox.services import imports

    with opened(ctx) as box:
        run, found = imports.failures(box, run)
        if as_json:
            click.echo(dumps([f.__dict__ for f in found]))
            return
        if not found:
            click.echo(f"Import #{run}: every card was imported.")
        for f in found:
            click.echo(f"--- {visible(f.source)}:{f.line}: {visible(f.reason)}")
            click.echo(visible(f.raw.replace("\r\n", "\n"), lines=True).rstrip("\n"))


@cli.command(name="undo-import")
@click.argument("run", required=False, type=int)
@click.pass_context
def undo_import(ctx: click.Context, run: int | None) -> None:
    """Take back an import (the latest by default).

    Cards it added go to the trash; cards it updated get back what they held before.
    """
    from cardbox.services import imports

    with opened(ctx) as box:
        done = imports.undo(box, run)
        click.echo(
            f"Undid import #{done.run}: {done.trashed} card(s) to the trash,"
            f" {done.restored} restored."
        )
