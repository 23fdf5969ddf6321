"""The command line: a thin shell over `CardBox`.

Bare ``cardbox`` opens the terminal app; every subcommand works on the same store and prints for
people or, with ``--json``, for scripts. Textual is imported only to open the app, and the read
commands never import the ORM, so a scripted ``cardbox search`` starts in a fraction of a second.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from cardbox.domain.errors import CardboxError, StoreError

F = TypeVar("F", bound=Callable[..., Any])

EPILOG = "Data: --db PATH, else $CARDBOX_DB, else cardbox.sqlite in the user data directory."


class Ctx:
    """What the group's options decided: which box to open."""

    def __init__(self, db: Path | None, demo: bool) -> None:
        self.db = db
        self.demo = demo


@contextmanager
def opened(ctx: click.Context) -> Iterator[Any]:
    """Open the box the global options name; report cardbox errors as messages, not tracebacks."""
    from cardbox.box import CardBox

    options: Ctx = ctx.find_object(Ctx) or Ctx(None, False)
    try:
        box = CardBox.demo() if options.demo else CardBox.open(options.db)
    except CardboxError as exc:
        fail(str(exc), 2)
    except OSError as exc:
        fail(f"cannot open the box: {exc}", 2)
    try:
        yield box
    except CardboxError as exc:
        fail(str(exc), 1 if not isinstance(exc, StoreError) else 2)
    finally:
        box.close()


def fail(message: str, code: int) -> None:
    """Print an error for a person and exit with ``code``."""
    from cardbox.domain.text import printable as visible

    for line in message.splitlines() or [""]:
        click.echo(f"cardbox: {visible(line)}", err=True)
    sys.exit(code)


def json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")(f)


def card_options(f: F) -> F:
    """The options shared by ``add`` and ``edit``."""
    options = [
        click.option("--family", help="Family name (山田, Smith)."),
        click.option("--given", help="Given name (太郎, John)."),
        click.option("--family-reading", help="Reading of the family name (やまだ)."),
        click.option("--given-reading", help="Reading of the given name (たろう)."),
        click.option("--company", help="Company (株式会社サクラ)."),
        click.option("--company-reading", help="Reading of the company (さくら)."),
        click.option("--department", help="Department (営業部)."),
        click.option("--title", help="Job title (部長)."),
        click.option("--note", "notes", help="Notes."),
        click.option(
            "--birthday", help="Birthday: 1985-04-12, or --04-12 / 04-12 when the year is unknown."
        ),
        click.option(
            "--phone",
            multiple=True,
            help='Phone, repeatable: "090-1234-5678", "work:+81 3 1234 5678".',
        ),
        click.option("--email", multiple=True, help='E-mail, repeatable: "work:taro@example.jp".'),
        click.option(
            "--address",
            multiple=True,
            help='Address, repeatable: "work:〒150-0002 東京都渋谷区…".',
        ),
        click.option("--url", multiple=True, help="Web address, repeatable."),
        click.option("--event", multiple=True, help="Event met at, repeatable (created if new)."),
        click.option("--talked-about", help="With --event: one line of what you talked about."),
        click.option(
            "--industry",
            multiple=True,
            help="Industry code, name or alias, repeatable.",
        ),
        click.option("--tag", multiple=True, help="Tag, repeatable."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


FIELD_OPTIONS = {
    "family": "family_name",
    "given": "given_name",
    "family_reading": "family_reading",
    "given_reading": "given_reading",
    "company": "company",
    "company_reading": "company_reading",
    "department": "department",
    "title": "title",
    "notes": "notes",
    "birthday": "birthday",
}


def card_from(options: dict[str, Any]) -> Any:
    """A `Card` from ``add``/``edit`` options."""
    from cardbox.box import Card

    return Card(
        fields={f: options[o] for o, f in FIELD_OPTIONS.items() if options.get(o) is not None},
        phones=list(options.get("phone") or ()),
        emails=list(options.get("email") or ()),
        addresses=list(options.get("address") or ()),
        urls=list(options.get("url") or ()),
        events=list(options.get("event") or ()),
        industries=list(options.get("industry") or ()),
        tags=list(options.get("tag") or ()),
        talked_about=options.get("talked_about") or "",
    )


def show_contacts(
    box: Any,
    contacts: list[Any],
    total: int,
    as_json: bool,
    notes: list[str],
    capped: bool = False,
) -> None:
    from cardbox.cli_format import contact_json, contact_rows, dumps

    if as_json:
        taxonomy = box.store.taxonomy()
        click.echo(dumps([contact_json(c, taxonomy) for c in contacts]))
        return
    for note in notes:
        click.echo(f"note: {note}", err=True)
    if not contacts:
        click.echo("No contacts.")
        return
    click.echo(contact_rows(contacts))
    if total > len(contacts) or capped:
        of = f"{total:,}+" if capped else f"{total:,}"
        click.echo(f"… {len(contacts)} of {of} shown (--limit 0 shows all)")


def show_one(box: Any, contact: Any, as_json: bool, verb: str = "") -> None:
    from cardbox.cli_format import contact_card, contact_json, dumps
    from cardbox.domain.text import printable as visible

    taxonomy = box.store.taxonomy()
    if as_json:
        click.echo(dumps(contact_json(contact, taxonomy)))
    elif verb:
        click.echo(f"{verb} #{contact.id} {visible(contact.name)}")
    else:
        click.echo(contact_card(contact, taxonomy))


@click.group(invoke_without_command=True, epilog=EPILOG)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="CARDBOX_DB",
    help="The box (SQLite file) to use.",
)
@click.option("--demo", is_flag=True, help="Use a throwaway box filled with demo cards.")
@click.option(
    "--lang",
    type=click.Choice(["en", "ja"]),
    help="Language of the terminal app (default: the `lang` setting, else the locale).",
)
@click.version_option(package_name="cardbox")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, demo: bool, lang: str | None) -> None:
    """cardbox: business cards from networking events, kept local.

    Run without a command to open the terminal app.
    """
    ctx.obj = Ctx(db, demo)
    if ctx.invoked_subcommand is None:
        with opened(ctx) as box:
            from cardbox.tui.app import CardboxApp

            CardboxApp(box, lang=lang).run()


@cli.command()
@card_options
@json_option
@click.pass_context
def add(ctx: click.Context, /, as_json: bool, **options: Any) -> None:
    """Add a contact.

    \b
    cardbox add --family 山田 --given 太郎 --family-reading やまだ --given-reading たろう \\
        --company 株式会社サクラ --phone 090-1234-5678 --email work:taro@example.jp \\
        --event "渋谷異業種交流会" --industry legal --tag investor
    """
    with opened(ctx) as box:
        contact = box.add(card_from(options))
        change = box.last_job_change
        if change is None:
            show_one(box, contact, as_json, "Added")
            return
        from cardbox.cli_format import contact_json, dumps, job_json, job_line
        from cardbox.domain.text import printable as visible

        if as_json:
            data = contact_json(contact, box.store.taxonomy())
            click.echo(dumps({**data, "job_change": job_json(change)}))
        else:
            click.echo(
                f"#{contact.id} {visible(contact.name)} is known: job change recorded,"
                " no new contact."
            )
            click.echo(f"    {job_line(change)}")


@cli.command(name="list")
@click.option(
    "--sort",
    type=click.Choice(["name", "company", "created", "updated"]),
    default="name",
    help="Order: name reading (あいうえお), company, newest created or updated.",
)
@click.option("--limit", type=click.IntRange(min=0), default=0, help="At most N (0 = all).")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip the first N.")
@json_option
@click.pass_context
def list_(ctx: click.Context, sort: str, limit: int, offset: int, as_json: bool) -> None:
    """List contacts."""
    with opened(ctx) as box:
        page = box.contacts(sort=sort, limit=limit or None, offset=offset)
        show_contacts(box, page.contacts, page.total - offset, as_json, [])


@cli.command()
@click.argument("query", nargs=-1, required=True)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=50,
    show_default=True,
    help="At most N (0 = all).",
)
@json_option
@click.pass_context
def search(ctx: click.Context, query: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Find contacts, best match first.

    Free text matches any part of a name (kanji, kana, romaji), reading, company, department,
    title, e-mail, phone (any format), notes, events, industries and tags. Filters combine
    with it: industry:X (with sub-industries), event:X, tag:X, company:X.

    \b
    cardbox search 山田
    cardbox search lawyer event:渋谷
    cardbox search 03-1234-5678
    cardbox search 'industry:G tag:investor'
    """
    with opened(ctx) as box:
        page = box.search(" ".join(query), limit=limit or None)
        show_contacts(box, page.contacts, page.total, as_json, page.notes, page.capped)


@cli.command()
@click.argument("ref")
@json_option
@click.pass_context
def show(ctx: click.Context, ref: str, as_json: bool) -> None:
    """Show one contact (by ID or UID), with the job history."""
    from cardbox.cli_format import contact_json, dumps, job_history_text, job_json

    with opened(ctx) as box:
        contact = box.get(ref, trash=None)
        jobs = box.store.job_history(contact.id)
        if as_json:
            data = contact_json(contact, box.store.taxonomy())
            click.echo(dumps({**data, "job_history": [job_json(j) for j in jobs]}))
            return
        show_one(box, contact, False)
        if jobs:
            click.echo(job_history_text(jobs))


@cli.command()
@click.argument("ref")
@card_options
@click.option("--remove-phone", multiple=True, help="Remove this phone (any format).")
@click.option("--remove-email", multiple=True, help="Remove this e-mail.")
@click.option("--remove-address", multiple=True, help="Remove addresses containing this text.")
@click.option("--remove-url", multiple=True, help="Remove this web address.")
@click.option("--remove-event", multiple=True, help="Remove the meeting at this event.")
@click.option("--remove-industry", multiple=True, help="Remove this industry.")
@click.option("--remove-tag", multiple=True, help="Remove this tag.")
@json_option
@click.pass_context
def edit(ctx: click.Context, /, ref: str, as_json: bool, **options: Any) -> None:
    """Change a contact: set fields, add or remove phones, e-mails, events, tags ...

    Text options replace the field (--title "" clears it); --phone, --email, --tag and the other
    repeatable options add; --remove-... options remove.

    \b
    cardbox edit 12 --title 部長 --phone mobile:080-1111-2222 --remove-tag prospect
    """
    from cardbox.box import Edits

    removed = {k.removeprefix("remove_"): v for k, v in options.items() if k.startswith("remove_")}
    added = card_from(options)
    edits = Edits(set=added.fields, add=added, remove=card_from(removed))
    with opened(ctx) as box:
        contact = box.edit(ref, edits)
        show_one(box, contact, as_json, "Updated")


@cli.command()
@click.argument("refs", nargs=-1, required=True)
@json_option
@click.pass_context
def rm(ctx: click.Context, refs: tuple[str, ...], as_json: bool) -> None:
    """Move contacts to the trash (`cardbox restore` brings them back)."""
    from cardbox.cli_format import dumps
    from cardbox.domain.text import printable as visible

    with opened(ctx) as box:
        gone = [box.remove(ref) for ref in refs]
        if as_json:
            click.echo(dumps([{"id": c.id, "name": c.name} for c in gone]))
        for c in gone if not as_json else []:
            click.echo(f"Moved to trash #{c.id} {visible(c.name)}")


@cli.command()
@json_option
@click.pass_context
def trash(ctx: click.Context, as_json: bool) -> None:
    """List the contacts in the trash."""
    with opened(ctx) as box:
        page = box.trash()
        show_contacts(box, page.contacts, page.total, as_json, [])


@cli.command()
@click.argument("refs", nargs=-1, required=True)
@json_option
@click.pass_context
def restore(ctx: click.Context, refs: tuple[str, ...], as_json: bool) -> None:
    """Bring contacts back from the trash."""
    with opened(ctx) as box:
        for ref in refs:
            show_one(box, box.restore(ref), as_json, "Restored")


@cli.command()
@click.argument("refs", nargs=-1)
@click.option("--all", "everything", is_flag=True, help="Empty the whole trash.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def purge(ctx: click.Context, refs: tuple[str, ...], everything: bool, yes: bool) -> None:
    """Delete contacts in the trash for good. Only trashed contacts can be purged."""
    if not refs and not everything:
        raise click.UsageError("name the trashed contacts to purge, or use --all")
    with opened(ctx) as box:
        what = "the whole trash" if everything else f"{len(refs)} contact(s)"
        if not yes and not click.confirm(f"Delete {what} for good?", default=False):
            fail("nothing deleted", 1)
        click.echo(f"Deleted {box.purge(list(refs), everything=everything)} contact(s) for good.")


@cli.command()
@json_option
@click.pass_context
def events(ctx: click.Context, as_json: bool) -> None:
    """List events, newest first, with how many cards were met at each."""
    list_events(ctx, as_json)


def list_events(ctx: click.Context, as_json: bool) -> None:
    from cardbox.cli_format import dumps, event_json, table

    with opened(ctx) as box:
        found = box.events()
        if as_json:
            click.echo(dumps([event_json(e) for e in found]))
        elif not found:
            click.echo("No events.")
        else:
            rows = [
                [
                    e.date.isoformat() if e.date else "",
                    e.name,
                    e.venue,
                    str(e.contact_count),
                ]
                for e in found
            ]
            click.echo(table(["Date", "Event", "Venue", "Cards"], rows, [10, 40, 30, 6]))


@cli.group(name="event")
def event() -> None:
    """Events: `cardbox event add NAME`, `cardbox event list`."""


@event.command(name="list")
@json_option
@click.pass_context
def event_list(ctx: click.Context, as_json: bool) -> None:
    """List events, newest first."""
    list_events(ctx, as_json)


def _event_add(
    ctx: click.Context,
    name: str,
    date: str | None,
    venue: str,
    organiser: str,
    notes: str,
    follow_up: str,
    follow_up_note: str,
    as_json: bool,
) -> None:
    from cardbox.cli_format import dumps, event_json
    from cardbox.domain.text import printable as visible

    with opened(ctx) as box:
        e = box.add_event(
            name,
            date=date,
            venue=venue,
            organiser=organiser,
            notes=notes,
            follow_up=follow_up,
            follow_up_note=follow_up_note,
        )
        click.echo(dumps(event_json(e)) if as_json else f"Event {visible(e.name)}")


def event_add_options(f: F) -> F:
    f = json_option(f)
    f = click.option("--follow-up-note", default="", help='Its note ("thank-you mail").')(f)
    f = click.option(
        "--follow-up", default="", help="Remind about each card logged here after this (3d)."
    )(f)
    f = click.option("--notes", default="", help="Notes about the event.")(f)
    f = click.option("--organiser", default="", help="Who organised it.")(f)
    f = click.option("--venue", default="", help="Where.")(f)
    f = click.option("--date", help="When: YYYY-MM-DD.")(f)
    return click.argument("name")(f)


@event.command(name="add")
@event_add_options
@click.pass_context
def event_add(ctx: click.Context, /, **kw: Any) -> None:
    """Add an event (or fill in the details of an existing one).

    \b
    cardbox event add "渋谷異業種交流会 2026秋" --date 2026-11-20 --venue "渋谷ヒカリエ"
    """
    _event_add(ctx, **kw)


@cli.group(invoke_without_command=True)
@json_option
@click.pass_context
def industries(ctx: click.Context, as_json: bool) -> None:
    """The industry taxonomy as a tree (JSIC major groups and finer industries), with counts."""
    if ctx.invoked_subcommand is not None:
        return
    from cardbox.cli_format import dumps, industry_json, industry_tree

    with opened(ctx) as box:
        found = box.industries()
        click.echo(dumps([industry_json(i) for i in found]) if as_json else industry_tree(found))


@industries.command(name="add")
@click.argument("name")
@click.option("--ja", default="", help="Japanese name.")
@click.option("--parent", help="Put it under this industry (code, name or alias).")
@click.option("--alias", multiple=True, help="Another word for it, repeatable.")
@click.pass_context
def industries_add(
    ctx: click.Context, name: str, ja: str, parent: str | None, alias: tuple[str, ...]
) -> None:
    """Add your own industry.

    \b
    cardbox industries add "Space tech" --ja 宇宙 --parent G --alias space
    """
    from cardbox.domain.text import printable as visible

    with opened(ctx) as box:
        node = box.add_industry(name, name_ja=ja, parent=parent, aliases=alias)
        click.echo(f"Industry {node.code} {visible(node.name)}")


@cli.command()
@json_option
@click.pass_context
def tags(ctx: click.Context, as_json: bool) -> None:
    """List tags in use, with counts."""
    from cardbox.cli_format import dumps, table

    with opened(ctx) as box:
        found = box.tags()
        if as_json:
            click.echo(dumps([{"tag": t, "contacts": n} for t, n in found]))
        else:
            click.echo(
                table(["Tag", "Cards"], [[t, str(n)] for t, n in found], [30, 6])
                if found
                else "No tags."
            )


@cli.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--event", help="Record every card as met at this event (created if new).")
@click.option("--industry", help="Give every card this industry (code, name or alias).")
@click.option("--tag", help="Give every card this tag.")
@click.option("--dry-run", is_flag=True, help="Show what would be added, updated, skipped.")
@json_option
@click.pass_context
def import_(
    ctx: click.Context,
    paths: tuple[Path, ...],
    event: str | None,
    industry: str | None,
    tag: str | None,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Import vCard files (2.1, 3.0, 4.0) or folders of .vcf files.

    A card about someone already in the box (same UID, personal e-mail or phone) only adds
    what it brings. Exit status: 0 all imported, 1 some cards failed (the rest are imported),
    2 the import could not run. `cardbox undo-import` takes the whole import back.

    \b
    cardbox import contacts.vcf --event "渋谷異業種交流会 2026秋"
    cardbox import ~/Downloads/iphone-export/ --dry-run
    """
    from cardbox.importer import SourceError, import_paths

    with opened(ctx) as box:
        try:
            report = import_paths(
                box, paths, event=event, industry=industry, tag=tag, dry_run=dry_run
            )
        except SourceError as exc:
            fail(str(exc), 2)
        show_import(report, as_json)
        if report.failed:
            sys.exit(1)


def show_import(report: Any, as_json: bool) -> None:
    from cardbox.cli_format import dumps, job_json
    from cardbox.domain.text import printable as visible

    if as_json:
        click.echo(
            dumps(
                {
                    "run": report.run_id,
                    "dry_run": report.dry_run,
                    "files": report.files,
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
        f" from {report.files} file(s)"
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
    from cardbox.cli_format import dumps, table

    with opened(ctx) as box:
        runs = box.store.import_runs()
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
    from cardbox.cli_format import dumps
    from cardbox.domain.text import printable as visible

    with opened(ctx) as box:
        runs = box.store.import_runs()
        if not runs:
            fail("no imports yet", 1)
        run = run if run is not None else runs[0].id
        found = box.store.import_failures(run)
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
    with opened(ctx) as box:
        runs = [r for r in box.store.import_runs() if r.undone is None]
        if run is None:
            if not runs:
                fail("no import to undo", 1)
            run = runs[0].id
        trashed, restored = box.store.undo_import(run)
        click.echo(f"Undid import #{run}: {trashed} card(s) to the trash, {restored} restored.")


@cli.command()
@click.argument("query", nargs=-1)
@click.option(
    "--to",
    "profile",
    type=click.Choice(["default", "iphone", "android", "google", "vcard4"]),
    default="default",
    help="Target: vCard 3.0 for phones (default, iphone, android, google) or RFC 6350 4.0.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="One file.")
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="One file per contact.",
)
@click.option("--overwrite", is_flag=True, help="Replace files that exist.")
@json_option
@click.pass_context
def export(
    ctx: click.Context,
    query: tuple[str, ...],
    profile: str,
    output: Path | None,
    folder: Path | None,
    overwrite: bool,
    as_json: bool,
) -> None:
    """Export contacts as vCard (all, or those a search selects) to a file, a folder or stdout.

    \b
    cardbox export -o everyone.vcf
    cardbox export 'event:"渋谷異業種交流会"' -o shibuya.vcf
    cardbox export tag:investor --dir investors/ --to vcard4
    """
    from cardbox.cli_format import dumps
    from cardbox.exporter import ExportError, export_dir, export_file, export_text

    if output and folder:
        raise click.UsageError("use either -o FILE or --dir DIR, not both")
    with opened(ctx) as box:
        text = " ".join(query)
        try:
            if output:
                report = export_file(box, text, output, profile=profile, overwrite=overwrite)
            elif folder:
                report = export_dir(box, text, folder, profile=profile, overwrite=overwrite)
            else:
                written = 0
                for card in export_text(box, text, profile=profile):
                    click.echo(card, nl=False)
                    written += 1
                if not written:
                    click.echo("cardbox: no contacts to export", err=True)
                return
        except ExportError as exc:
            fail(str(exc), 2)
        if as_json:
            click.echo(dumps({"exported": report.count, "files": [str(f) for f in report.files]}))
        else:
            where = output or folder
            click.echo(f"Exported {report.count} contact(s) to {where}.")


@cli.command()
@click.argument("ref")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["vcard", "mecard"]),
    default="vcard",
    show_default=True,
    help="vCard 3.0 (iPhone and Android cameras) or MECARD (carries the reading to Android).",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Save as .png or .svg."
)
@click.pass_context
def qr(ctx: click.Context, ref: str, fmt: str, output: Path | None) -> None:
    """Show a contact as a QR code a phone camera turns into a contact.

    \b
    cardbox qr 12
    cardbox qr 12 --format mecard -o yamada.png
    """
    from cardbox.formats.qr import fit_payload, make_qr, qr_text, save_qr

    with opened(ctx) as box:
        contact = box.get(ref)
        left_out = fit_payload(contact, fmt).left_out
        code = make_qr(contact, fmt)
        if left_out:
            click.echo(f"Too much for one QR code: left out {', '.join(left_out)}.", err=True)
        if output:
            try:
                save_qr(code, output)
            except OSError as exc:
                fail(f"{output}: cannot write: {exc.strerror or exc}", 2)
            click.echo(f"Saved {output}")
        else:
            click.echo(qr_text(code))


def _when(dt: Any) -> str:
    return str(dt.strftime("%Y-%m-%d %H:%M"))


def reminder_json(r: Any, contact: Any | None = None) -> dict[str, Any]:
    out = {
        "id": r.id,
        "contact_id": r.contact_id,
        "due": r.due.isoformat(),
        "zone": r.zone,
        "note": r.note,
        "every": r.rule,
        "done": r.done.isoformat() if r.done else None,
    }
    if contact is not None:
        out["name"] = contact.name
    return out


@cli.command()
@click.argument("ref")
@click.argument("when")
@click.argument("note", required=False, default="")
@click.option("--every", help='Repeat: "month", "3 months", "2 weeks", "2nd tuesday", "year" ...')
@json_option
@click.pass_context
def remind(
    ctx: click.Context, ref: str, when: str, note: str, every: str | None, as_json: bool
) -> None:
    """Set a follow-up reminder on a contact.

    WHEN is what you would say: 3d, 2w, 1m, tomorrow 10:00, next monday, 12/1 (month/day),
    2026-12-01 09:30, 12月1日. Times are in your zone (`cardbox config zone`).

    \b
    cardbox remind 12 3d "thank-you mail"
    cardbox remind 12 "next monday 10:00" call --every "3 months"
    """
    from cardbox import followups
    from cardbox.cli_format import dumps
    from cardbox.domain.text import printable as visible

    with opened(ctx) as box:
        r = followups.remind(box, ref, when, note, every=every)
        contact = box.get(r.contact_id)
        if as_json:
            click.echo(dumps(reminder_json(r, contact)))
        else:
            repeat = f", repeating {r.rule}" if r.rule else ""
            click.echo(
                f"Reminder #{r.id}: {visible(contact.name)} on {_when(r.due)} {r.zone}{repeat}"
            )


@cli.command()
@click.argument("reminder", type=int)
@click.pass_context
def done(ctx: click.Context, reminder: int) -> None:
    """Mark a reminder done (a repeating one moves to its next time)."""
    from cardbox import followups

    with opened(ctx) as box:
        r = followups.complete(box, reminder)
        if r.done is None:
            click.echo(f"Done. Reminder #{r.id} next due {_when(r.due)} {r.zone}.")
        else:
            click.echo(f"Done. Reminder #{r.id} is closed.")


@cli.command()
@click.argument("reminder", type=int)
@click.argument("until")
@click.pass_context
def snooze(ctx: click.Context, reminder: int, until: str) -> None:
    """Put a reminder off until later (1d, tomorrow 10:00, next monday ...)."""
    from cardbox import followups

    with opened(ctx) as box:
        r = followups.snooze(box, reminder, until)
        click.echo(f"Reminder #{r.id} snoozed until {_when(r.due)} {r.zone}.")


@cli.command(name="log")
@click.argument("ref")
@click.argument("kind", type=click.Choice(["met", "call", "email", "meeting", "message", "note"]))
@click.argument("text", required=False, default="")
@click.option("--complete", is_flag=True, help="Also mark this contact's due reminders done.")
@click.pass_context
def log_(ctx: click.Context, ref: str, kind: str, text: str, complete: bool) -> None:
    """Log a call, e-mail, meeting ... with a contact (it resets the keep-in-touch clock).

    \b
    cardbox log 12 call "talked about the Osaka office"
    cardbox log 12 email "sent the thank-you" --complete
    """
    from cardbox import followups
    from cardbox.domain.text import printable as visible

    with opened(ctx) as box:
        item, closed = followups.log(box, ref, kind, text, complete_open=complete)
        contact = box.get(item.contact_id)
        click.echo(f"Logged {item.kind} with {visible(contact.name)}.")
        for r in closed:
            click.echo(f"Reminder #{r.id} done" + (f", next {_when(r.due)}" if not r.done else "."))


@cli.command()
@click.option(
    "--days", type=click.IntRange(min=0), default=7, show_default=True, help="How far ahead."
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=50,
    show_default=True,
    help="At most N lines per section (0 = all); --json always has everything.",
)
@json_option
@click.pass_context
def due(ctx: click.Context, days: int, limit: int, as_json: bool) -> None:
    """What is overdue, due today and coming up: reminders, keep-in-touch cadences, birthdays.

    Exit status is 0 whether or not anything is due.
    """
    from cardbox import followups
    from cardbox.cli_format import dumps, table

    with opened(ctx) as box:
        found = followups.agenda(box, days=days, limit=None if as_json or not limit else limit)
        sections = (
            ("overdue", found.overdue),
            ("today", found.today),
            ("upcoming", found.upcoming),
        )
        if as_json:
            click.echo(dumps({name: [_due_json(i) for i in items] for name, items in sections}))
            return
        if not any(items for _, items in sections):
            click.echo(f"Nothing due in the next {days} day(s).")
            return
        for name, items in sections:
            if not items:
                continue
            total = found.total(name)
            click.echo(f"{name.capitalize()} ({total})")
            rows = [
                [
                    i.due.strftime("%Y-%m-%d") if i.kind == "birthday" else _when(i.due),
                    f"#{i.reminder_id}" if i.reminder_id else "",
                    f"{i.contact.id}",
                    i.contact.name,
                    i.contact.company,
                    i.note,
                ]
                for i in items
            ]
            click.echo(
                table(
                    ["When", "Rem.", "ID", "Name", "Company", "What"], rows, [16, 6, 7, 22, 24, 50]
                )
            )
            if len(items) < total:
                click.echo(f"… and {total - len(items)} more (--limit 0 shows all)")
            click.echo("")


def _due_json(i: Any) -> dict[str, Any]:
    return {
        "due": i.due.isoformat(),
        "kind": i.kind,
        "contact_id": i.contact.id,
        "name": i.contact.name,
        "note": i.note,
        "reminder": i.reminder_id,
        "every_days": i.every_days,
        "last": i.last.isoformat() if i.last else None,
        "age": i.age,
    }


@cli.command(name="losing-touch")
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=50,
    show_default=True,
    help="At most N people, worst first (0 = all).",
)
@json_option
@click.pass_context
def losing_touch(ctx: click.Context, limit: int, as_json: bool) -> None:
    """Who is past their keep-in-touch cadence, worst first (most late for their cadence).

    \b
    cardbox losing-touch
    cardbox losing-touch --limit 10 --json
    """
    from cardbox import followups
    from cardbox.cli_format import dumps, table

    with opened(ctx) as box:
        drifts, total = followups.losing_touch(box, limit=limit or None)
        if as_json:
            click.echo(dumps([_drift_json(d) for d in drifts]))
            return
        if not drifts:
            click.echo("Nobody is past their keep-in-touch cadence.")
            return
        rows = [
            [
                f"{d.over.days}d",
                f"{d.every_days}d",
                d.last.astimezone(d.now.tzinfo).strftime("%Y-%m-%d") if d.last else "never",
                f"{d.contact.id}",
                d.contact.name,
                d.contact.company,
            ]
            for d in drifts
        ]
        click.echo(
            table(["Late", "Every", "Last", "ID", "Name", "Company"], rows, [6, 6, 10, 7, 24, 30])
        )
        if len(drifts) < total:
            click.echo(f"… and {total - len(drifts)} more (--limit 0 shows all)")


def _drift_json(d: Any) -> dict[str, Any]:
    return {
        "contact_id": d.contact.id,
        "name": d.contact.name,
        "company": d.contact.company,
        "every_days": d.every_days,
        "last": d.last.isoformat() if d.last else None,
        "due": d.due.isoformat(),
        "days_late": d.over.days,
        "late_ratio": round(d.ratio, 3),
    }


@cli.command()
@click.argument("ref", required=False)
@click.option("--all", "everything", is_flag=True, help="Include reminders already done.")
@json_option
@click.pass_context
def reminders(ctx: click.Context, ref: str | None, everything: bool, as_json: bool) -> None:
    """List open reminders (of one contact, or all), soonest first."""
    from cardbox.cli_format import dumps, table
    from cardbox.store import followups as stored

    with opened(ctx) as box:
        contact_id = box.get(ref).id if ref else None
        found = box.store.read(
            lambda conn: stored.reminders(conn, contact_id=contact_id, open_only=not everything)
        )
        people = {c.id: c for c in box.store.contacts(sorted({r.contact_id for r in found}))}
        if as_json:
            click.echo(dumps([reminder_json(r, people.get(r.contact_id)) for r in found]))
            return
        rows = [
            [
                f"#{r.id}",
                _when(r.due),
                "done" if r.done else (r.rule or ""),
                people[r.contact_id].name if r.contact_id in people else "",
                r.note,
            ]
            for r in found
        ]
        click.echo(
            table(["#", "Due", "Repeats", "Name", "Note"], rows, [6, 16, 24, 24, 50])
            if rows
            else "No reminders."
        )


@cli.command()
@click.argument("target", required=False)
@click.argument("every", required=False, default="")
@click.option("--tag", help="Set the default for everyone with this tag.")
@click.option("--industry", help="Set the default for everyone in this industry.")
@click.pass_context
def cadence(
    ctx: click.Context, target: str | None, every: str, tag: str | None, industry: str | None
) -> None:
    """Keep in touch: how often you want to hear from someone (60d, 2w, 3m; "" clears).

    The clock counts from the last logged interaction (`cardbox log`), so a call moves it.

    \b
    cardbox cadence 12 60d
    cardbox cadence --tag investor 60d
    cardbox cadence --industry legal 3m
    """
    from cardbox import followups
    from cardbox.domain.text import printable as visible

    with opened(ctx) as box:
        if tag or industry:
            value = target or every  # `cadence --tag investor 60d`: the cadence is the argument
            kind, key = ("tag", tag) if tag else ("industry", industry)
            followups.set_default_cadence(box, kind, key or "", value)
            click.echo(f"Everyone with {kind} {visible(key or '')}: " + (value or "no default"))
            return
        if not target:
            raise click.UsageError("name a contact, or use --tag / --industry")
        contact = followups.set_cadence(box, target, every)
        click.echo(
            f"{visible(contact.name)}: keep in touch "
            + (f"every {every}" if every else "(cleared)")
        )


@cli.command(name="export-ics")
@click.argument("query", nargs=-1)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The .ics file to write.",
)
@click.option("--overwrite", is_flag=True, help="Replace the file if it exists.")
@click.pass_context
def export_ics(ctx: click.Context, query: tuple[str, ...], output: Path, overwrite: bool) -> None:
    """Write reminders and birthdays as an iCalendar file for your calendar app.

    \b
    cardbox export-ics -o follow-ups.ics
    cardbox export-ics tag:investor -o investors.ics
    """
    from cardbox import followups
    from cardbox.safefile import ExistsError

    with opened(ctx) as box:
        try:
            count = followups.export_ics(box, " ".join(query), output, overwrite=overwrite)
        except (ExistsError, OSError) as exc:
            fail(str(exc), 2)
        click.echo(f"Wrote {count} reminder(s) and the known birthdays to {output}.")


@cli.command()
@json_option
@click.pass_context
def duplicates(ctx: click.Context, as_json: bool) -> None:
    """List likely duplicate contacts, with a score and the reasons.

    The same phone or personal e-mail, similar names and readings, the same company. Shared
    mailboxes (info@, sales@ ...) and a company's switchboard number never count on their own.
    """
    from cardbox.cli_format import dumps, table

    with opened(ctx) as box:
        pairs = box.duplicates()
        if as_json:
            click.echo(
                dumps(
                    [
                        {
                            "a": a.id,
                            "b": b.id,
                            "names": [a.name, b.name],
                            "score": round(m.score, 3),
                            "reasons": list(m.reasons),
                        }
                        for a, b, m in pairs
                    ]
                )
            )
            return
        if not pairs:
            click.echo("No likely duplicates.")
            return
        rows = [
            [f"{m.score:.2f}", f"{a.id}", a.name, f"{b.id}", b.name, "; ".join(m.reasons)]
            for a, b, m in pairs
        ]
        click.echo(table(["Score", "A", "Name", "B", "Name", "Why"], rows, [5, 7, 22, 7, 22, 70]))


@cli.command()
@click.argument("keep")
@click.argument("other")
@json_option
@click.pass_context
def merge(ctx: click.Context, keep: str, other: str, as_json: bool) -> None:
    """Merge OTHER into KEEP: one contact with everything of both; OTHER goes to the trash.

    KEEP's values win where both have one; OTHER's differing name, company, department, title
    or birthday is written into the notes. Every phone, e-mail, address, URL, event, industry,
    tag, interaction and reminder of both is kept. `cardbox undo-merge` takes it back.

    \b
    cardbox merge 12 48
    """
    with opened(ctx) as box:
        contact, merge_id = box.merge(keep, other)
        show_one(box, contact, as_json, "Merged into")
        if not as_json:
            click.echo(f"Merge #{merge_id}: `cardbox undo-merge {merge_id}` takes it back.")


@cli.command()
@json_option
@click.pass_context
def companies(ctx: click.Context, as_json: bool) -> None:
    """List companies: how many people you know at each, with reading and industry.

    A company is one however it is written: 株式会社ABC, ABC(株), ㈱ABC and ABC Inc. are one.
    """
    from cardbox import companies as service
    from cardbox.cli_format import company_summary_json, dumps, table

    with opened(ctx) as box:
        found = service.companies(box)
        if as_json:
            click.echo(dumps([company_summary_json(c) for c in found]))
            return
        if not found:
            click.echo("No companies.")
            return
        rows = [
            [
                c.name,
                c.reading,
                c.industry_name if c.industry_set or not c.industry else f"({c.industry_name})",
                str(c.people),
            ]
            for c in found
        ]
        click.echo(table(["Company", "Reading", "Industry", "People"], rows, [36, 24, 36, 6]))
        if any(c.industry and not c.industry_set for c in found):
            click.echo(
                "(Industry) is the most common among its people; "
                "`cardbox company NAME --industry CODE` sets one."
            )


@cli.command()
@click.argument("name", nargs=-1, required=True)
@click.option(
    "--industry",
    help='Set the company\'s industry (code, name or alias; "" clears it). Its people get it, '
    "and so does anyone who joins it later.",
)
@click.option("--reading", help="Set the company's reading (さくらてっく).")
@click.option("--display-name", help="Set the name shown for the company.")
@json_option
@click.pass_context
def company(
    ctx: click.Context,
    name: tuple[str, ...],
    industry: str | None,
    reading: str | None,
    display_name: str | None,
    as_json: bool,
) -> None:
    """Show one company: everyone you know there, where you met them, and who moved on.

    NAME is any way of writing it (ABC株式会社, ㈱ABC, abc) or a unique part of it.

    \b
    cardbox company サクラテック
    cardbox company サクラテック --industry legal
    """
    from cardbox import companies as service
    from cardbox.cli_format import company_json, company_text, dumps

    text = " ".join(name)
    with opened(ctx) as box:
        if industry is None and reading is None and display_name is None:
            view = service.company_view(box, text)
        else:
            view, added = service.set_company(
                box, text, industry=industry, reading=reading, display_name=display_name
            )
            if not as_json and industry:
                click.echo(f"Industry set; added to {added} of its {len(view.people)} people.")
        click.echo(dumps(company_json(view)) if as_json else company_text(view))


@cli.command(name="undo-merge")
@click.argument("merge_id", required=False, type=int)
@click.pass_context
def undo_merge(ctx: click.Context, merge_id: int | None) -> None:
    """Take a merge back (the latest by default): both contacts as they were."""
    from cardbox.domain.text import printable as visible

    with opened(ctx) as box:
        kept, restored = box.undo_merge(merge_id)
        click.echo(
            f"Undid the merge: #{kept.id} {visible(kept.name)} and #{restored.id} "
            f"{visible(restored.name)} are two contacts again."
        )


@cli.command()
@click.argument("key", required=False, type=click.Choice(["region", "zone", "lang"]))
@click.argument("value", required=False)
@click.pass_context
def config(ctx: click.Context, key: str | None, value: str | None) -> None:
    """Show or change settings.

    \b
    region  default country for phone numbers typed without +, e.g. JP, US
            (default: from the locale; JP when the locale names no country)
    zone    time zone for reminders, e.g. Asia/Tokyo (default: $TZ, else the
            system's, else Asia/Tokyo)
    lang    language of the terminal app: en or ja (default: from the locale)
    \b
    cardbox config region US
    cardbox config zone Europe/London
    cardbox config lang ja
    """
    from cardbox import followups
    from cardbox.tui import i18n

    with opened(ctx) as box:
        if key == "region" and value:
            box.set_region(value)
        elif key == "zone" and value:
            followups.set_zone(box, value)
        elif key == "lang" and value:
            try:
                box.store.set_setting("lang", i18n.normalise(value))
            except ValueError as exc:
                raise click.UsageError(str(exc)) from exc
        click.echo(f"region  {box.region}")
        click.echo(f"zone    {followups.zone_name(box)}")
        click.echo(f"lang    {i18n.pick(None, box.store.setting('lang'))}")
        click.echo(f"db      {box.path}")


def main(args: list[str] | None = None) -> None:
    """Entry point of the ``cardbox`` command."""
    cli.main(args=args, prog_name="cardbox")
