"""Cards: add, list, search, show, edit, and the trash (rm, trash, restore, purge)."""

from __future__ import annotations

from typing import Any

import click

from cardbox.cli.common import F, cli, fail, json_option, opened, show_contacts, show_one


def card_options(f: F) -> F:
    """The options shared by ``add`` and ``edit``."""
    options = [
        click.option("--family", help="Family name (山田, Smith)."),
        click.option("--given", help="Given name (太郎, John)."),
        click.option("--middle", help="Middle (additional) names (Richter)."),
        click.option("--prefix", help="Name prefix (Dr.)."),
        click.option("--suffix", help="Name suffix (Jr.)."),
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
    "middle": "middle_name",
    "prefix": "name_prefix",
    "suffix": "name_suffix",
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
    from cardbox.services.box import Card

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
    with opened(ctx, writes=True) as box:
        added = box.add_card(card_from(options))
        contact, change = added.contact, added.job_change
        if change is None:
            _show_added(box, contact, added.possible_match, as_json)
            return
        from cardbox.cli.format import contact_json, dumps, job_json, job_line
        from cardbox.domain.text import printable as visible

        if as_json:
            data = contact_json(contact, box.taxonomy())
            click.echo(dumps({**data, "job_change": job_json(change)}))
        else:
            click.echo(
                f"#{contact.id} {visible(contact.name)} is known: job change recorded,"
                " no new contact."
            )
            click.echo(f"    {job_line(change)}")


def _show_added(box: Any, contact: Any, maybe: Any, as_json: bool) -> None:
    """ "Added #5 …", and the contact it may be (a possible match), never merged unasked."""
    from cardbox.cli.format import contact_json, dumps
    from cardbox.domain.text import printable as visible

    if as_json:
        data = contact_json(contact, box.taxonomy())
        if maybe is not None:
            other, why = maybe
            data["possible_match"] = {"id": other.id, "name": other.name, "reason": why}
        click.echo(dumps(data))
        return
    show_one(box, contact, False, "Added")
    if maybe is not None:
        other, why = maybe
        click.echo(
            visible(
                f"possible match: #{contact.id} may be #{other.id} {other.name} ({why});"
                f" `cardbox merge {other.id} {contact.id}` joins them"
            )
        )


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


@cli.command(context_settings={"ignore_unknown_options": True})
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
    cardbox search -x              # a word starting with - is a query word (or: search -- -x)
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
    from cardbox.cli.format import contact_json, dumps, job_history_text, job_json

    with opened(ctx) as box:
        contact = box.get(ref, trash=None)
        jobs = box.job_history(contact.id)
        if as_json:
            data = contact_json(contact, box.taxonomy())
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
@click.option(
    "--new-job",
    is_flag=True,
    help="A new --company or --title is a job change: keep the old job in the history.",
)
@json_option
@click.pass_context
def edit(ctx: click.Context, /, ref: str, as_json: bool, new_job: bool, **options: Any) -> None:
    """Change a contact: set fields, add or remove phones, e-mails, events, tags ...

    Text options replace the field (--title "" clears it); --phone, --email, --tag and the other
    repeatable options add; --remove-... options remove.

    \b
    cardbox edit 12 --title 部長 --phone mobile:080-1111-2222 --remove-tag prospect
    cardbox edit 12 --new-job --company ABC株式会社 --title 取締役
    """
    from cardbox.services.box import Edits

    removed = {k.removeprefix("remove_"): v for k, v in options.items() if k.startswith("remove_")}
    added = card_from(options)
    edits = Edits(set=added.fields, add=added, remove=card_from(removed))
    with opened(ctx) as box:
        contact = box.edit(ref, edits, new_job=new_job)
        show_one(box, contact, as_json, "Updated")


@cli.command()
@click.argument("refs", nargs=-1, required=True)
@json_option
@click.pass_context
def rm(ctx: click.Context, refs: tuple[str, ...], as_json: bool) -> None:
    """Move contacts to the trash (`cardbox restore` brings them back)."""
    from cardbox.cli.format import dumps
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
    """Bring contacts back from the trash, or put a backup back.

    A single argument ending in .sqlite or holding a path separator is a backup file: it
    replaces the box, after the box as it is now is saved (`cardbox backups` lists it).
    """
    from cardbox.cli.backups import is_backup_file, restore_backup

    if len(refs) == 1 and is_backup_file(refs[0]):
        restore_backup(ctx, refs[0])
        return
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
@click.option(
    "--confirm",
    "refs",
    multiple=True,
    help="Accept this contact's suggested readings as they are (id or UID), repeatable.",
)
@click.option("--confirm-all", is_flag=True, help="Accept every suggested reading listed.")
@json_option
@click.pass_context
def readings(ctx: click.Context, refs: tuple[str, ...], confirm_all: bool, as_json: bool) -> None:
    """List the readings that are only suggestions (guessed from the dictionary), or accept them.

    A suggested reading is exported like a typed one unless `export --readings confirmed`; to
    correct one instead, `cardbox edit ID --family-reading ... --company-reading ...`.

    \b
    cardbox readings
    cardbox readings --confirm 12 --confirm 15
    """
    from cardbox.cli.format import dumps, table

    with opened(ctx) as box:
        if refs or confirm_all:
            targets = list(refs) or [c.id for c in box.unconfirmed_readings()]
            n = box.confirm_readings(targets)
            if as_json:
                click.echo(dumps({"confirmed": n}))
            else:
                click.echo(f"Confirmed the readings of {n} contact(s).")
            return
        found = box.unconfirmed_readings()
        if as_json:
            click.echo(
                dumps(
                    [
                        {
                            "id": c.id,
                            "name": c.name,
                            "reading": c.reading,
                            "reading_confirmed": c.reading_confirmed,
                            "company": c.company,
                            "company_reading": c.company_reading,
                            "company_reading_confirmed": c.company_reading_confirmed,
                        }
                        for c in found
                    ]
                )
            )
            return
        if not found:
            click.echo("No suggested readings: every reading is typed or accepted.")
            return

        def mark(text: str, confirmed: bool) -> str:
            return text if confirmed or not text else f"{text} ?"

        rows = [
            [
                str(c.id),
                c.name,
                mark(c.reading, c.reading_confirmed),
                c.company,
                mark(c.company_reading, c.company_reading_confirmed),
            ]
            for c in found
        ]
        click.echo(
            table(
                ["ID", "Name", "Reading", "Company", "Company reading"], rows, [7, 24, 22, 28, 22]
            )
        )
        click.echo(f"{len(found)} contact(s); ? marks a suggestion. `--confirm ID` accepts one.")
