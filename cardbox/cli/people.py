"""People across cards: duplicates and merging, companies."""

from __future__ import annotations

import click

from cardbox.cli.common import cli, json_option, opened, show_one


@cli.command()
@json_option
@click.pass_context
def duplicates(ctx: click.Context, as_json: bool) -> None:
    """List likely duplicate contacts, with a score and the reasons, then possible matches.

    The same phone or personal e-mail, similar names and readings, the same company. Shared
    mailboxes (info@, sales@ ...) and a company's switchboard number never count on their own.
    Possible matches (score "maybe": the same name at another company, a similar name at the
    same one ...) are what `add` and `import` report; nothing is merged unless you merge it.
    """
    from cardbox.cli.format import dumps, table

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
                            "likely": m.likely,
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
            [
                f"{m.score:.2f}" if m.likely else "maybe",
                f"{a.id}",
                a.name,
                f"{b.id}",
                b.name,
                "; ".join(m.reasons),
            ]
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
    from cardbox.cli.format import company_summary_json, dumps, table
    from cardbox.services import companies as service

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
    from cardbox.cli.format import company_json, company_text, dumps
    from cardbox.services import companies as service

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
