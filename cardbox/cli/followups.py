"""Follow-ups: reminders, the interaction log, keep-in-touch cadences, what is due, .ics export."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click

from cardbox.cli.common import cli, fail, json_option, opened
from cardbox.cli.errors import message


def describe_rule(rule: str) -> str:
    """How a reminder repeats, as people say it (``every 3 months``)."""
    from cardbox.domain.dates import describe_rule as words

    return words(rule)


def _when(dt: Any, zone: Any = None) -> str:
    """A time as the CLI shows it: in ``zone`` (the box's) when given."""
    return str((dt.astimezone(zone) if zone is not None else dt).strftime("%Y-%m-%d %H:%M"))


def _at(r: Any, zone: Any) -> str:
    """When a reminder is due, in the box's zone, named; and the zone it was set in when that
    is another one (a reminder made before `cardbox config zone`)."""
    own = f" (set in {r.zone})" if r.zone != zone.key else ""
    return f"{_when(r.due, zone)} {zone.key}{own}"


def reminder_json(r: Any, contact: Any | None = None, zone: Any = None) -> dict[str, Any]:
    out = {
        "id": r.id,
        "contact_id": r.contact_id,
        "due": (r.due.astimezone(zone) if zone is not None else r.due).isoformat(),
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
    from cardbox.cli.format import dumps
    from cardbox.domain.text import printable as visible
    from cardbox.services import followups

    with opened(ctx) as box:
        r = followups.remind(box, ref, when, note, every=every)
        contact = box.get(r.contact_id)
        zone = ZoneInfo(followups.zone_name(box))
        if as_json:
            click.echo(dumps(reminder_json(r, contact, zone)))
        else:
            repeat = f", repeating {describe_rule(r.rule)}" if r.rule else ""
            click.echo(f"Reminder #{r.id}: {visible(contact.name)} on {_at(r, zone)}{repeat}")


@cli.command()
@click.argument("reminder", type=int)
@click.pass_context
def done(ctx: click.Context, reminder: int) -> None:
    """Mark a reminder done (a repeating one moves to its next time)."""
    from cardbox.services import followups

    with opened(ctx) as box:
        r = followups.complete(box, reminder)
        if r.done is None:
            zone = ZoneInfo(followups.zone_name(box))
            click.echo(f"Done. Reminder #{r.id} next due {_at(r, zone)}.")
        else:
            click.echo(f"Done. Reminder #{r.id} is closed.")


@cli.command()
@click.argument("reminder", type=int)
@click.argument("until")
@click.pass_context
def snooze(ctx: click.Context, reminder: int, until: str) -> None:
    """Put a reminder off until later (1d, tomorrow 10:00, next monday ...)."""
    from cardbox.services import followups

    with opened(ctx) as box:
        r = followups.snooze(box, reminder, until)
        zone = ZoneInfo(followups.zone_name(box))
        click.echo(f"Reminder #{r.id} snoozed until {_at(r, zone)}.")


@cli.command()
@click.argument("reminder", type=int)
@click.argument("when")
@click.pass_context
def reschedule(ctx: click.Context, reminder: int, when: str) -> None:
    """Move a reminder to another time, earlier or later (a repeating one continues from there).

    \b
    cardbox reschedule 4 "2026-12-01 09:30"
    cardbox reschedule 4 tomorrow
    """
    from cardbox.services import followups

    with opened(ctx) as box:
        r = followups.reschedule(box, reminder, when)
        zone = ZoneInfo(followups.zone_name(box))
        click.echo(f"Reminder #{r.id} moved to {_at(r, zone)}.")


@cli.command(name="log")
@click.argument("ref")
@click.argument("kind", type=click.Choice(["met", "call", "email", "meeting", "message", "note"]))
@click.argument("text", required=False, default="")
@click.option("--complete", is_flag=True, help="Also mark this contact's due reminders done.")
@click.option(
    "--at",
    "when",
    default="",
    help='When it happened (default: now): "3d ago", "yesterday 15:00", "2026-11-28 15:00".',
)
@click.pass_context
def log_(ctx: click.Context, ref: str, kind: str, text: str, complete: bool, when: str) -> None:
    """Log a call, e-mail, meeting ... with a contact (it resets the keep-in-touch clock).

    \b
    cardbox log 12 call "talked about the Osaka office"
    cardbox log 12 email "sent the thank-you" --complete
    cardbox log 12 meeting "lunch in Osaka" --at "2026-11-28 12:30"
    cardbox log 12 call --at 3d-ago
    """
    from cardbox.domain.text import printable as visible
    from cardbox.services import followups

    with opened(ctx) as box:
        item, closed = followups.log(box, ref, kind, text, when=when, complete_open=complete)
        contact = box.get(item.contact_id)
        zone = ZoneInfo(followups.zone_name(box))
        click.echo(
            f"Logged {item.kind} with {visible(contact.name)} on {_when(item.at, zone)} {zone.key}."
        )
        for r in closed:
            click.echo(
                f"Reminder #{r.id} done" + (f", next {_at(r, zone)}." if not r.done else ".")
            )


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
                _when(r.due, zone) + ("*" if r.zone != zone.key else ""),
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
    from cardbox.domain.text import printable as visible
    from cardbox.services import followups

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
