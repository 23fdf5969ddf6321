"""Follow-ups: reminders, the interaction log and keep-in-touch cadences (what is due and the
.ics export are in `cardbox.cli.agenda`)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import click

from cardbox.cli.common import cli, json_option, opened


def describe_rule(rule: str) -> str:
    """How a reminder repeats, as people say it (``every 3 months``)."""
    from cardbox.domain.dates import describe_rule as words

    return words(rule)


def when_text(dt: Any, zone: Any = None) -> str:
    """A time as the CLI shows it: in ``zone`` (the box's) when given."""
    return str((dt.astimezone(zone) if zone is not None else dt).strftime("%Y-%m-%d %H:%M"))


def _at(r: Any, zone: Any) -> str:
    """When a reminder is due, in the box's zone, named; and the zone it was set in when that
    is another one (a reminder made before `cardbox config zone`)."""
    own = f" (set in {r.zone})" if r.zone != zone.key else ""
    return f"{when_text(r.due, zone)} {zone.key}{own}"


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
            f"Logged {item.kind} with {visible(contact.name)} on"
            f" {when_text(item.at, zone)} {zone.key}."
        )
        for r in closed:
            click.echo(
                f"Reminder #{r.id} done" + (f", next {_at(r, zone)}." if not r.done else ".")
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
