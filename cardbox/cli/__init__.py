"""The command line: a thin shell over `CardBox`.

Bare ``cardbox`` opens the terminal app; every subcommand works on the same store and prints for
people or, with ``--json``, for scripts. Textual is imported only to open the app, and the read
commands never import the ORM, so a scripted ``cardbox search`` starts in a fraction of a second.

The group lives in `common`; each topic module adds its commands to it when imported, and this
package imports every one of them, so ``cardbox.cli.cli`` always has all the commands.
"""

from __future__ import annotations

from cardbox.cli import (
    agenda,
    backups,
    contacts,
    events,
    followups,
    imports,
    people,
    sync,
    vcard,
)
from cardbox.cli.common import cli

__all__ = [
    "agenda",
    "backups",
    "cli",
    "contacts",
    "events",
    "followups",
    "imports",
    "main",
    "people",
    "sync",
    "vcard",
]


def main(args: list[str] | None = None) -> None:
    """Entry point of the ``cardbox`` command."""
    cli.main(args=args, prog_name="cardbox")
