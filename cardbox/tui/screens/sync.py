"""Syncing from the app (key S, or the palette): every CardDAV account in a thread worker, with
its progress on the status line and a summary when done. The password must come from the
account's password command, ``$CARDBOX_SYNC_PASSWORD`` or a saved file: the app never asks."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from cardbox.domain.errors import CardboxError
from cardbox.services import syncing
from cardbox.tui.errors import describe
from cardbox.tui.i18n import N_, _
from cardbox.tui.widgets.render import literal

if TYPE_CHECKING:
    from cardbox.tui.screens.main import MainScreen

STAGES = {
    "listing": N_("listing the address book"),
    "fetching": N_("fetching cards"),
    "planning": N_("comparing"),
    "applying": N_("applying changes"),
}


def last_synced(screen: MainScreen) -> str:
    """ "synced 12-03 10:15" for the status line, or "" when no account has synced yet."""
    found = syncing.accounts(screen.box)
    stamps = [a.last_synced for a in found if a.last_synced]
    if not stamps:
        return ""
    when = datetime.fromisoformat(max(stamps)).astimezone().strftime("%m-%d %H:%M")
    return _("synced {when}").format(when=when)


def start(screen: MainScreen) -> None:
    """Sync every account in a worker (one sync at a time)."""
    names = [a.name for a in syncing.accounts(screen.box)]
    if not names:
        screen.app.notify(
            _("No sync accounts. Add one with: cardbox sync add NAME URL --user USER"),
            severity="warning",
        )
        return
    screen.status(literal(_("Syncing…")))
    screen.run_worker(lambda: _run(screen, names), thread=True, exclusive=True, group="sync")


def _run(screen: MainScreen, names: list[str]) -> None:
    from cardbox.services import syncing

    lines: list[str] = []
    failed = False
    for name in names:

        def progress(stage: str, done: int, total: int, name: str = name) -> None:
            text = _("Syncing {name}: {stage}").format(name=name, stage=_(STAGES.get(stage, stage)))
            if total:
                text += f" {done:,}/{total:,}"
            screen.app.call_from_thread(screen.status, literal(text))

        try:
            report = syncing.run(screen.box, name, progress=progress)
        except CardboxError as exc:  # no password, server down, deletion guard ...
            lines.append(f"{name}: {describe(exc)}")
            failed = True
            continue
        except Exception as exc:  # a surprise must end as a message, never end the app
            lines.append(f"{name}: {type(exc).__name__}: {exc}")
            failed = True
            continue
        lines.append(
            _(
                "{name}: pulled {pulled}, pushed {pushed}, deleted here {here}, "
                "deleted there {there}, conflicts {conflicts}"
            ).format(
                name=name,
                pulled=report.pulled,
                pushed=report.pushed,
                here=report.deleted_here,
                there=report.deleted_there,
                conflicts=len(report.conflicts),
            )
        )
        if report.conflicts:
            lines.append(
                _("{count} conflict(s): press C to choose the values to keep").format(
                    count=len(report.conflicts)
                )
            )
        if report.errors:
            failed = True
            lines.append(_("{count} card(s) failed: sync again").format(count=len(report.errors)))
    screen.app.call_from_thread(_done, screen, lines, failed)


def _done(screen: MainScreen, lines: list[str], failed: bool) -> None:
    screen.app.notify(
        "\n".join(lines),
        title=_("Sync"),
        severity="error" if failed else "information",
        timeout=10,
    )
    screen.synced = last_synced(screen)
    screen.reload()


def conflicts(screen: MainScreen) -> None:
    """Open the merge screen on the unresolved sync conflicts, one contact after another."""
    from cardbox.tui.screens.conflicts import open_next

    if not open_next(screen.box, screen.app.push_screen, screen.reload):
        screen.app.notify(_("No sync conflicts."))
