"""Cards out: ``export`` (vCard, CSV) and ``qr`` codes. Cards in are `cardbox.cli.imports`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from cardbox.cli.common import cli, fail, json_option, opened
from cardbox.cli.errors import message


@cli.command()
@click.argument("query", nargs=-1)
@click.option(
    "--to",
    "profile",
    type=click.Choice(
        [
            "default",
            "iphone",
            "android",
            "google",
            "vcard4",
            "csv",
            "google-csv",
            "outlook-csv",
            "sansan-csv",
        ]
    ),
    default="default",
    help="Target: vCard 3.0 for phones (default, iphone, android, google), RFC 6350 4.0, or CSV:"
    " cardbox's own columns (csv), Google Contacts, Outlook, Sansan (cp932).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="One file (- for standard output).",
)
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="One file per contact.",
)
@click.option("--overwrite", is_flag=True, help="Replace files that exist.")
@click.option(
    "--readings",
    type=click.Choice(["all", "confirmed"]),
    default="all",
    show_default=True,
    help="Write suggested (unconfirmed) readings too, or only those typed or accepted.",
)
@json_option
@click.pass_context
def export(
    ctx: click.Context,
    query: tuple[str, ...],
    profile: str,
    output: Path | None,
    folder: Path | None,
    overwrite: bool,
    readings: str,
    as_json: bool,
) -> None:
    """Export contacts as vCard or CSV (all, or those a search selects) to a file, a folder (vCard)
    or stdout.

    A CSV cell that a spreadsheet would take for a formula (= + - @) is written with a leading '
    so that it shows as text; cardbox reads it back as it was.

    \b
    cardbox export -o everyone.vcf
    cardbox export 'event:"渋谷異業種交流会"' -o shibuya.vcf
    cardbox export tag:investor --dir investors/ --to vcard4
    cardbox export --to google-csv -o google.csv
    cardbox export -o phone.vcf --readings confirmed   # leave suggested readings out
    """
    from cardbox.cli.format import dumps
    from cardbox.domain.text import printable as visible
    from cardbox.services.exporter import (
        ExportError,
        ExportReport,
        export_csv,
        export_dir,
        export_file,
        export_text,
    )

    if output and folder:
        raise click.UsageError("use either -o FILE or --dir DIR, not both")
    if output == Path("-"):  # -o - is standard output
        output = None
    if folder and profile.endswith("csv"):
        raise click.UsageError("CSV is one file: use -o FILE")
    with opened(ctx) as box:
        text = " ".join(query)
        try:
            if profile.endswith("csv"):
                report, data = export_csv(box, text, output, to=profile, overwrite=overwrite)
                from cardbox.domain.text import printable

                for warning in report.warnings:
                    click.echo(f"warning: {printable(warning)}", err=True)
                if output is None:
                    sys.stdout.buffer.write(data)
                    sys.stdout.flush()
                    return
            elif output:
                report = export_file(
                    box, text, output, profile=profile, overwrite=overwrite, readings=readings
                )
            elif folder:
                report = export_dir(
                    box, text, folder, profile=profile, overwrite=overwrite, readings=readings
                )
            else:
                report = ExportReport(readings=readings)
                # The cards hold no control character; on a terminal, bidi and invisible ones
                # are shown too (⟨U+202E⟩), as everywhere else: a person reads it, no file.
                terminal = sys.stdout.isatty()
                for card in export_text(
                    box, text, profile=profile, readings=readings, report=report
                ):
                    shown = visible(card.replace("\r\n", "\n"), lines=True) if terminal else card
                    click.echo(shown, nl=False)
                if not report.count:
                    click.echo("cardbox: no contacts to export", err=True)
                elif report.unconfirmed:
                    click.echo(f"cardbox: {readings_note(report)}", err=True)
                return
        except ExportError as exc:
            fail(message(exc), 2)
        if as_json:
            click.echo(
                dumps(
                    {
                        "exported": report.count,
                        "files": [str(f) for f in report.files],
                        "readings": report.readings,
                        "unconfirmed_readings": report.unconfirmed,
                    }
                )
            )
        else:
            where = output or folder
            note = f" {readings_note(report)}" if report.unconfirmed else ""
            click.echo(f"Exported {report.count} contact(s) to {visible(str(where))}.{note}")


def readings_note(report: Any) -> str:
    """What the export did with suggested readings, for its report."""
    n = report.unconfirmed
    if report.readings == "confirmed":
        return f"{n} card(s) went out without their suggested (unconfirmed) readings."
    return (
        f"{n} card(s) went out with suggested (unconfirmed) readings"
        " (--readings confirmed leaves them out; `cardbox readings` lists them)."
    )


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
@click.option("--overwrite", is_flag=True, help="Replace the file if it exists.")
@click.pass_context
def qr(ctx: click.Context, ref: str, fmt: str, output: Path | None, overwrite: bool) -> None:
    """Show a contact as a QR code a phone camera turns into a contact.

    \b
    cardbox qr 12
    cardbox qr 12 --format mecard -o yamada.png
    """
    from cardbox.domain.text import printable as visible
    from cardbox.services.qr import fit_payload, make_qr, qr_image, qr_text
    from cardbox.services.safefile import ExistsError, atomic_write

    with opened(ctx) as box:
        contact = box.get(ref)
        left_out = fit_payload(contact, fmt).left_out
        code = make_qr(contact, fmt)
        if left_out:
            click.echo(f"Too much for one QR code: left out {', '.join(left_out)}.", err=True)
        if output:
            try:
                atomic_write(output, qr_image(code, output), overwrite=overwrite, follow_links=True)
            except ExistsError as exc:
                fail(message(exc), 2)
            except OSError as exc:
                fail(f"{output}: cannot write: {exc.strerror or exc}", 2)
            click.echo(f"Saved {visible(str(output))}")
        else:
            click.echo(qr_text(code))
