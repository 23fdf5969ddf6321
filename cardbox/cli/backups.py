"""Backups: ``backup`` (a checked snapshot), ``backups`` (the list) and ``restore FILE``."""

from __future__ import annotations

from pathlib import Path

import click

from cardbox.cli.common import Ctx, cli, fail, json_option, opened
from cardbox.cli.errors import describe


def _box_path(ctx: click.Context) -> Path:
    from cardbox.services.paths import default_db_path

    options: Ctx = ctx.find_object(Ctx) or Ctx(None, False)
    if options.demo:
        fail("the demo box is thrown away on exit: there is nothing to back up or restore", 2)
    return Path(options.db) if options.db is not None else default_db_path()


@cli.command()
@click.option(
    "--to",
    "to",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the snapshot into this folder (default: the box's backup folder).",
)
@click.pass_context
def backup(ctx: click.Context, to: Path | None) -> None:
    """Write a checked snapshot of the box (SQLite VACUUM INTO, then an integrity check).

    Snapshots are readable by you alone. `cardbox backups` lists them; `cardbox restore FILE`
    puts one back.
    """
    from cardbox.services.backups import BackupError
    from cardbox.services.backups import backup as make

    _box_path(ctx)
    with opened(ctx) as box:
        try:
            path = make(box, to)
        except (BackupError, OSError) as exc:
            fail(f"no backup written: {describe(exc)}", 2)
        click.echo(f"Backup written: {path}")


@cli.command()
@json_option
@click.pass_context
def backups(ctx: click.Context, as_json: bool) -> None:
    """List the box's snapshots, newest first.

    Automatic snapshots are taken before every sync, import and restore (and before a schema
    upgrade) and thinned: the last 10, then one a day for two weeks, then one a month for a
    year. Snapshots made with `cardbox backup` are kept until you delete them.
    """
    from cardbox.services.backups import snapshots

    found = snapshots(_box_path(ctx))
    if as_json:
        from cardbox.cli.format import dumps

        click.echo(
            dumps(
                [
                    {
                        "path": str(s.path),
                        "at": s.at.isoformat(),
                        "reason": s.reason,
                        "bytes": s.size,
                    }
                    for s in found
                ]
            )
        )
        return
    if not found:
        click.echo("No backups.")
        return
    for s in found:
        at = s.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        click.echo(f"{at}  {s.reason:<8} {s.size:>12,}  {s.path}")


def is_backup_file(ref: str) -> bool:
    """True when ``cardbox restore``'s argument names a backup file rather than a contact."""
    import os

    return ref.endswith(".sqlite") or os.sep in ref or (os.altsep or os.sep) in ref


def restore_backup(ctx: click.Context, file: str) -> None:
    """Put the snapshot ``file`` back as the box, after saving the box as it is now."""
    from cardbox.services.backups import BackupError
    from cardbox.services.backups import restore as put_back

    path = _box_path(ctx)
    try:
        saved = put_back(path, Path(file))
    except (BackupError, OSError) as exc:
        fail(f"nothing restored: {describe(exc)}", 2)
    if saved is not None:
        click.echo(f"The box as it was is saved in {saved}")
    click.echo(f"Restored {file} to {path}")
