"""What cards are filed under: events, industries, tags; and the settings (config)."""

from __future__ import annotations

from typing import Any

import click

from cardbox.cli.common import F, cli, json_option, opened


@cli.command()
@json_option
@click.pass_context
def events(ctx: click.Context, as_json: bool) -> None:
    """List events, newest first, with how many cards were met at each."""
    list_events(ctx, as_json)


def list_events(ctx: click.Context, as_json: bool) -> None:
    from cardbox.cli.format import dumps, event_json, table

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
    from cardbox.cli.format import dumps, event_json
    from cardbox.domain.text import printable as visible

    with opened(ctx, writes=True) as box:
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
    from cardbox.cli.format import dumps, industry_json, industry_tree

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

    with opened(ctx, writes=True) as box:
        node = box.add_industry(name, name_ja=ja, parent=parent, aliases=alias)
        click.echo(f"Industry {node.code} {visible(node.name)}")


@cli.command()
@json_option
@click.pass_context
def tags(ctx: click.Context, as_json: bool) -> None:
    """List tags in use, with counts."""
    from cardbox.cli.format import dumps, table

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
    from cardbox.domain.text import printable as visible
    from cardbox.services import followups
    from cardbox.services import language as i18n

    with opened(ctx, writes=bool(key and value)) as box:
        if key == "region" and value:
            box.set_region(value)
        elif key == "zone" and value:
            followups.set_zone(box, value)
        elif key == "lang" and value:
            try:
                box.set_lang(value)
            except ValueError as exc:
                raise click.UsageError(str(exc)) from exc
        click.echo(f"region  {box.region}")
        click.echo(f"zone    {followups.zone_name(box)}")
        click.echo(f"lang    {i18n.pick(None, box.lang())}")
        click.echo(f"db      {visible(str(box.path))}")


@cli.command()
@click.pass_context
def init(ctx: click.Context) -> None:
    """Create the box (and its folder) if there is none yet.

    Commands that only read (list, search, due ...) never create a box; adding a card, importing,
    adding an event or industry, a setting, and the app create it on first use, in an existing
    folder or cardbox's own data folder. `init` also makes a missing folder:

    \b
    cardbox --db ~/cards/work.sqlite init
    """
    from cardbox.domain.text import printable as visible

    with opened(ctx, writes=True, folders=True, announce=False) as box:
        for made in box.created:
            what = "a new box at" if made == box.path else "the folder"
            click.echo(f"Created {what} {visible(str(made))}")
        if not box.created:
            click.echo(f"There is a box at {visible(str(box.path))} already.")
