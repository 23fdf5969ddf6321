"""The ``cardbox`` group and what every command shares: opening the box, failing, showing cards.

The topic modules (`contacts`, `events`, `vcard`, `followups`, `people`) register their commands
on `cli`; the package imports all of them, so the group is whole whichever module is loaded first.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from cardbox.cli.errors import exit_code, message
from cardbox.domain.errors import CardboxError

F = TypeVar("F", bound=Callable[..., Any])

EPILOG = "Data: --db PATH, else $CARDBOX_DB, else cardbox.sqlite in the user data directory."


class Ctx:
    """What the group's options decided: which box to open."""

    def __init__(self, db: Path | None, demo: bool) -> None:
        self.db = db
        self.demo = demo


@contextmanager
def opened(
    ctx: click.Context, *, writes: bool = False, folders: bool = False, announce: bool = True
) -> Iterator[Any]:
    """Open the box the global options name; report cardbox errors as messages, not tracebacks.

    A command that only reads never creates a box: where there is none it says so (exit 2). One
    that ``writes`` creates it, in an existing folder or cardbox's own data folder (other
    folders only with ``folders``: ``cardbox init``), and says what it made on stderr (unless
    not ``announce``).
    """
    from cardbox.services.box import CardBox

    options: Ctx = ctx.find_object(Ctx) or Ctx(None, False)
    try:
        if options.demo:
            box = CardBox.demo()
        else:
            box = CardBox.open(options.db, create=writes, folders=folders)
    except CardboxError as exc:
        fail(message(exc), 2)
    except OSError as exc:
        fail(f"cannot open the box: {exc}", 2)
    from cardbox.domain.text import printable as visible

    for notice in box.notices:
        click.echo(f"cardbox: note: {visible(notice)}", err=True)
    for made in box.created if announce else ():
        what = "a new box at" if made == box.path else "the folder"
        click.echo(f"cardbox: created {what} {visible(str(made))}", err=True)
    try:
        yield box
    except CardboxError as exc:
        fail(message(exc), exit_code(exc))
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


def show_contacts(
    box: Any,
    contacts: list[Any],
    total: int,
    as_json: bool,
    notes: list[str],
    capped: bool = False,
) -> None:
    from cardbox.cli.format import contact_json, contact_rows, dumps

    if as_json:
        taxonomy = box.taxonomy()
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
    from cardbox.cli.format import contact_card, contact_json, dumps
    from cardbox.domain.text import printable as visible

    taxonomy = box.taxonomy()
    if as_json:
        click.echo(dumps(contact_json(contact, taxonomy)))
    elif verb:
        click.echo(f"{verb} #{contact.id} {visible(contact.name)}")
    else:
        click.echo(contact_card(contact, taxonomy))


def _undecodable(ctx: click.Context) -> None:
    """Refuse (exit 2) a text argument that is not valid UTF-8 (a Shift_JIS terminal, a script
    passing raw bytes): Python keeps such bytes as lone surrogates, which no search, name or
    file can hold. Paths are not text: a file name in another encoding still works."""
    for name, value in ctx.params.items():
        for item in value if isinstance(value, (tuple, list)) else (value,):
            if isinstance(item, str) and not item.isascii():
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    raw = item.encode("utf-8", "surrogateescape")
                    param = next((p for p in ctx.command.params if p.name == name), None)
                    shown = param.opts[0] if isinstance(param, click.Option) else name.upper()
                    fail(
                        f"{shown} is not valid UTF-8 ({raw!r}); is the terminal's encoding UTF-8?",
                        2,
                    )


class CardboxCommand(click.Command):
    """A command whose text arguments must be valid UTF-8 (`_undecodable`)."""

    def invoke(self, ctx: click.Context) -> Any:
        _undecodable(ctx)
        return super().invoke(ctx)


class CardboxGroup(click.Group):
    """The group of `CardboxCommand` commands (and of groups like itself)."""

    command_class = CardboxCommand
    group_class = type

    def invoke(self, ctx: click.Context) -> Any:
        _undecodable(ctx)
        return super().invoke(ctx)


@click.group(cls=CardboxGroup, invoke_without_command=True, epilog=EPILOG)
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
        with opened(ctx, writes=True) as box:
            from cardbox.tui.app import CardboxApp

            CardboxApp(box, lang=lang).run()
