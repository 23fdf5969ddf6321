"""What is due and what to act on: ``due``, ``losing-touch``, ``reminders`` (the list) and the
calendar export ``export-ics``. Reminders are set and changed in `cardbox.cli.followups`."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click

from cardbox.cli.common import cli, fail, json_option, opened
from cardbox.cli.errors import message
from cardbox.cli.followups import describe_rule, reminder_json, when_text


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
    from cardbox.cli.format import dumps, table
    from cardbox.services import followups

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
                    i.due.strftime("%Y-%m-%d") if i.kind == "birthday" else when_text(i.due),
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
    from cardbox.cli.format import dumps, table
    from cardbox.services import followups

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
    """List open reminders (of one contact, or all), soonest first, in the box's zone."""
    from cardbox.cli.format import dumps, table
    from cardbox.services import followups

    with opened(ctx) as box:
        contact_id = box.get(ref).id if ref else None
        found = followups.reminders_of(box, contact_id, open_only=not everything)
        people = {c.id: c for c in box.load(sorted({r.contact_id for r in found}))}
        zone = ZoneInfo(followups.zone_name(box))
        if as_json:
            click.echo(dumps([reminder_json(r, people.get(r.contact_id), zone) for r in found]))
            return
        if not found:
            click.echo("No reminders.")
            return
        others = sorted({r.zone for r in found if r.zone != zone.key})
        rows = [
            [
                f"#{r.id}",
                when_text(r.due, zone) + ("*" if r.zone != zone.key else ""),
                "done" if r.done else (describe_rule(r.rule) if r.rule else ""),
                people[r.contact_id].name if r.contact_id in people else "",
                r.note,
            ]
            for r in found
        ]
        click.echo(table(["#", "Due", "Repeats", "Name", "Note"], rows, [6, 17, 36, 24, 50]))
        click.echo(f"Times in {zone.key}.")
        if others:
            click.echo(
                f"* set in {', '.join(others)}, before the box's zone was set"
                " (a repeating one keeps that zone's time of day)."
            )


@cli.command(name="export-ics")
@click.argument("query", nargs=-1)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The .ics file to write (- for standard output).",
)
@click.option("--overwrite", is_flag=True, help="Replace the file if it exists.")
@click.pass_context
def export_ics(ctx: click.Context, query: tuple[str, ...], output: Path, overwrite: bool) -> None:
    """Write reminders and birthdays as an iCalendar file for your calendar app.

    \b
    cardbox export-ics -o follow-ups.ics
    cardbox export-ics tag:investor -o investors.ics
    """
    from cardbox.domain.text import printable as visible
    from cardbox.services import followups
    from cardbox.services.safefile import ExistsError

    with opened(ctx) as box:
        if output == Path("-"):
            text, count = followups.calendar(box, " ".join(query))
            click.echo(text, nl=False)
            click.echo(f"Wrote {count} reminder(s) and the known birthdays.", err=True)
            return
        try:
            count = followups.export_ics(box, " ".join(query), output, overwrite=overwrite)
        except ExistsError as exc:
            fail(message(exc), 2)
        except OSError as exc:
            fail(f"{output}: cannot write: {exc.strerror or exc}", 2)
        click.echo(f"Wrote {count} reminder(s) and the known birthdays to {visible(str(output))}.")
