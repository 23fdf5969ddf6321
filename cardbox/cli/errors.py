"""Errors as the command line says them: the English of each code, plus the command to run next.

Every `CardboxError` carries a code and its params (see `cardbox.domain.errors`); this is the one
place the CLI words them. `HINTS` adds what only makes sense at a shell prompt ("see `cardbox
industries`", "use --overwrite"); `exit_code` is the status the CLI exits with.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from cardbox.domain.errors import CardboxError, InvalidInput, Problem, StoreError, english

#: What to do next, by code, appended to the English (params are filled in as for the message).
HINTS: Final[dict[str, str]] = {
    "industry.unknown": (
        ": see `cardbox industries`, or add your own with `cardbox industries add`"
    ),
    "import.not_found": " (see `cardbox imports`)",
    "merge.not_found": " (see `cardbox merges`)",
    "reminder.not_found": " (see `cardbox reminders`)",
    "company.not_found": " (see `cardbox companies`)",
    "sync.no_account": " (`cardbox sync list` shows them)",
    "sync.conflict_unknown": " (`cardbox sync conflicts` lists them)",
    "sync.too_many_deletes": ". If that is right, run it again with --allow-deletes {allow}",
    "sync.no_password": (
        ": give --password-command, set {env}, or run the command in a terminal to be asked"
    ),
    "file.exists": " (use --overwrite to replace it)",
    "snooze.earlier": " (`cardbox reschedule`)",
    "box.none": ": {init} creates one there, or check --db and $CARDBOX_DB",
    "box.no_folder": ": {init} creates the folder and the box",
    "import.kept": " (`cardbox undo-import {run}` takes them back)",
}


def _said(code: str, params: Mapping[str, object]) -> str:
    shown = {
        k: message(v)
        if isinstance(v, CardboxError)
        else _problem(v)
        if isinstance(v, Problem)
        else v
        for k, v in params.items()
    }
    hint = HINTS.get(code, "")
    if hint:
        try:
            hint = hint.format_map(shown)
        except (KeyError, IndexError, ValueError):
            hint = ""
    return english(code, shown) + hint


def _problem(problem: Problem) -> str:
    return _said(problem.code, problem.params)


def message(exc: CardboxError) -> str:
    """What the CLI prints for ``exc`` (one line per problem of a form)."""
    if isinstance(exc, InvalidInput):
        return "\n".join(_problem(p) for p in exc.problems)
    return _said(exc.code, exc.params)


def describe(exc: BaseException) -> str:
    """`message` for a cardbox error; the text of any other (an `OSError`)."""
    return message(exc) if isinstance(exc, CardboxError) else str(exc)


def exit_code(exc: CardboxError) -> int:
    """2 when the box cannot be used, else 1 (the command was refused)."""
    return 2 if isinstance(exc, StoreError) else 1
