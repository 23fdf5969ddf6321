"""CardDAV sync (``sync ...``): the run, its accounts, its conflicts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from cardbox.cli.common import cli, fail, json_option, opened
from cardbox.cli.errors import message

if TYPE_CHECKING:
    from cardbox.services.syncing import Report


class _SyncGroup(click.Group):
    """``cardbox sync [NAME] [OPTIONS]`` next to ``cardbox sync add|list|remove``: the first
    word that is not an option, an option's value or a subcommand is the account's name."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        rest = list(args)
        skip = False
        for i, arg in enumerate(rest):
            if skip:
                skip = False
                continue
            if arg == "--allow-deletes":
                skip = True
                continue
            if arg.startswith("-"):
                continue
            if arg not in self.commands:
                ctx.meta["sync_name"] = arg
                del rest[i]
            break
        return super().parse_args(ctx, rest)


def _prompt(message: str) -> str:
    import sys

    if not sys.stdin.isatty():
        fail(
            "no password: give --password-command, set CARDBOX_SYNC_PASSWORD, or run this "
            "in a terminal to be asked",
            2,
        )
    return str(click.prompt(message, hide_input=True))


@cli.group(cls=_SyncGroup, invoke_without_command=True)
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
@click.option(
    "--allow-deletes",
    type=click.IntRange(min=0),
    default=0,
    help="Allow a run to delete up to N cards (the guard stops at more than 10, or 10%).",
)
@json_option
@click.pass_context
def sync(ctx: click.Context, dry_run: bool, allow_deletes: int, as_json: bool) -> None:
    """Sync with CardDAV address books: `cardbox sync [NAME]` pulls, then pushes.

    Without NAME every account is synced. A snapshot of the box is taken first. Cards are
    merged field by field; when both sides changed the same field the server's value is kept
    and cardbox's is kept as a conflict until `cardbox sync resolve` (or key C in the app)
    settles it. Deletions only follow an explicit deletion on the other side,
    go to the trash, and a run that would delete more than 10 cards or 10% of either side
    stops unless --allow-deletes covers it. Exit status: 0 done, 1 some cards failed (run it
    again), 2 it could not run, 3 stopped by the deletion guard.

    \b
    cardbox sync add home https://dav.example.com/ --user me --password-command "pass show dav"
    cardbox sync home --dry-run
    cardbox sync conflicts
    cardbox sync resolve 3 --keep cardbox
    """
    if ctx.invoked_subcommand is not None:
        return
    from cardbox.domain.errors import CardboxError
    from cardbox.services import syncing

    name = ctx.meta.get("sync_name")
    with opened(ctx) as box:
        names = [name] if name else [a.name for a in syncing.accounts(box)]
        if not names:
            fail("no sync accounts: add one with `cardbox sync add NAME URL --user USER`", 2)
        results: dict[str, object] = {}
        worst = 0
        for each in names:
            try:
                report = syncing.run(
                    box, each, prompt=_prompt, dry_run=dry_run, allow_deletes=allow_deletes
                )
            except syncing.TooManyDeletes as exc:
                results[each] = {"stopped": str(exc)}
                if not as_json:
                    click.echo(f"{each}: stopped: {exc}", err=True)
                worst = max(worst, 3)
                continue
            except CardboxError as exc:
                results[each] = {"error": message(exc)}
                if not as_json:
                    from cardbox.domain.text import printable

                    click.echo(f"{each}: {printable(message(exc))}", err=True)

                worst = max(worst, 2)
                continue
            results[each] = syncing.summary_of(report)
            if report.errors:
                worst = max(worst, 1)
            if not as_json:
                _show_report(each, report)
        if as_json:
            from cardbox.cli.format import dumps

            click.echo(dumps(results))
    if worst:
        import sys

        sys.exit(worst)


def _show_report(name: str, r: Report) -> None:
    from cardbox.domain.text import printable

    what = "would be " if r.dry_run else ""
    click.echo(
        f"{name}: {what}pulled {r.pulled}, pushed {r.pushed}, deleted here {r.deleted_here}, "
        f"deleted there {r.deleted_there}, conflicts {len(r.conflicts)}, "
        f"skipped {len(r.skipped)}, downloaded {r.downloaded}"
    )
    for c in r.conflicts:
        click.echo(
            printable(
                f"  conflict: #{c.contact_id} {c.name}: {c.conflict.field}: kept the server's "
                f"{c.conflict.there!r}; cardbox had {c.conflict.here!r}"
            )
        )
    for s in r.skipped:
        click.echo(printable(f"  skipped: {s.where}: {s.reason}"))
    for e in r.errors:
        click.echo(printable(f"  failed (run sync again): {e}"), err=True)


@sync.command(name="add")
@click.argument("name")
@click.argument("url")
@click.option("--user", required=True, help="The user name on the server.")
@click.option(
    "--password-command",
    default="",
    help='A command that prints the password, e.g. "pass show dav" (run at each sync).',
)
@click.option(
    "--save-password",
    is_flag=True,
    help="Keep the password in a file only you can read (0600) beside the box.",
)
@click.pass_context
def sync_add(
    ctx: click.Context, name: str, url: str, user: str, password_command: str, save_password: bool
) -> None:
    """Add an address book: a server's address (it is looked up from there) or the address
    book's own URL. The password comes from --password-command, $CARDBOX_SYNC_PASSWORD or a
    prompt; it is stored only with --save-password."""
    from cardbox.services import syncing

    with opened(ctx, writes=True) as box:
        secret = None
        if not password_command:
            import os

            secret = os.environ.get(syncing.ENV_PASSWORD) or _prompt(f"Password for {user}")
        found = syncing.add_account(
            box,
            name,
            url,
            user,
            password_command=password_command,
            secret=secret,
            save_password=save_password,
        )
        click.echo(f"Added {found.name}: address book {found.book}")


@sync.command(name="list")
@json_option
@click.pass_context
def sync_list(ctx: click.Context, as_json: bool) -> None:
    """List the sync accounts and when each last synced (with --json, also what the last run
    did, its conflicts included)."""
    import json

    from cardbox.services import syncing

    with opened(ctx) as box:
        found = syncing.accounts(box)
        if as_json:
            from cardbox.cli.format import dumps

            click.echo(
                dumps(
                    [
                        {
                            "name": a.name,
                            "url": a.url,
                            "book": a.book,
                            "user": a.username,
                            "password_command": a.password_command,
                            "last_synced": a.last_synced,
                            "cards": a.cards,
                            "vcard_version": a.vcard_version,
                            "last_report": json.loads(a.last_report) if a.last_report else None,
                        }
                        for a in found
                    ]
                )
            )
            return
        if not found:
            click.echo("No sync accounts.")
        for a in found:
            when = a.last_synced or "never synced"
            version = f"vCard {a.vcard_version}" if a.vcard_version else "vCard ?"
            click.echo(f"{a.name}  {a.book}  user {a.username}  {a.cards} cards  {version}  {when}")


@sync.command(name="remove")
@click.argument("name")
@click.pass_context
def sync_remove(ctx: click.Context, name: str) -> None:
    """Forget an account and its sync state (no contact is changed, here or there)."""
    from cardbox.services import syncing

    with opened(ctx) as box:
        syncing.remove_account(box, name)
        click.echo(f"Removed {name}")


@sync.command(name="conflicts")
@json_option
@click.pass_context
def sync_conflicts(ctx: click.Context, as_json: bool) -> None:
    """List the conflicts no one has resolved: fields both sides changed since the last sync.

    The card holds the server's value; cardbox's is kept here until `cardbox sync resolve`
    (or the app's merge screen, key C) settles it.
    """
    from cardbox.services import syncing

    with opened(ctx) as box:
        found = syncing.conflicts(box)
    if as_json:
        from cardbox.cli.format import dumps

        click.echo(
            dumps(
                [
                    {
                        "id": c.id,
                        "account": c.account,
                        "uid": c.uid,
                        "contact_id": c.contact_id,
                        "name": c.name,
                        "field": c.field,
                        "cardbox": c.here,
                        "server": c.there,
                        "at": c.at,
                    }
                    for c in found
                ]
            )
        )
        return
    if not found:
        click.echo("No sync conflicts.")
        return
    from cardbox.domain.text import printable

    for c in found:
        who = f"#{c.contact_id}" if c.contact_id is not None else "(purged)"
        click.echo(
            printable(
                f"{c.id}: {c.account} {who} {c.name}: {c.field}: server {c.there!r}, "
                f"cardbox {c.here!r}"
            )
        )
    click.echo("Resolve with: cardbox sync resolve ID... --keep cardbox|server")


@sync.command(name="resolve")
@click.argument("ids", nargs=-1, type=int)
@click.option(
    "--keep",
    type=click.Choice(["cardbox", "server"]),
    required=True,
    help="server: keep the value in the card now; cardbox: put cardbox's value back (the next "
    "sync sends it).",
)
@click.option("--all", "every", is_flag=True, help="Resolve every unresolved conflict.")
@click.pass_context
def sync_resolve(ctx: click.Context, ids: tuple[int, ...], keep: str, every: bool) -> None:
    """Resolve sync conflicts by their numbers (`cardbox sync conflicts` lists them)."""
    from cardbox.services import syncing

    if bool(ids) == every:
        fail("give conflict numbers or --all (not both)", 2)
    with opened(ctx) as box:
        chosen = [c.id for c in syncing.conflicts(box)] if every else list(ids)
        if not chosen:
            click.echo("No sync conflicts.")
            return
        done = syncing.resolve(box, chosen, keep)
    from cardbox.domain.text import printable

    for c in done:
        value = c.here if keep == "cardbox" else c.there
        click.echo(printable(f"{c.id}: {c.name}: {c.field}: kept {keep}'s {value!r}"))
    if keep == "cardbox":
        click.echo("Run `cardbox sync` to send the values kept to the server.")
