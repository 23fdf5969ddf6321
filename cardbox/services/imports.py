"""Past imports: the list of runs, the cards a run could not take, and undoing a run.

Reading files into the box is `cardbox.services.importer`; this module is what comes after.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cardbox.domain.errors import NotFound

if TYPE_CHECKING:
    from cardbox.services.box import CardBox
    from cardbox.store.read import ImportFailure, ImportRun


@dataclass(frozen=True)
class Undone:
    """What undoing import ``run`` did: cards sent to the trash and cards given back their past."""

    run: int
    trashed: int
    restored: int


def runs(box: CardBox) -> list[ImportRun]:
    """Every import, newest first."""
    return box.store.import_runs()


def failures(box: CardBox, run: int | None = None) -> tuple[int, list[ImportFailure]]:
    """The cards import ``run`` (the latest by default) could not take, in file order.

    Raises:
        NotFound: there has been no import yet.
    """
    if run is None:
        found = box.store.import_runs()
        if not found:
            raise NotFound("import.none")
        run = found[0].id
    return run, box.store.import_failures(run)


def undo(box: CardBox, run: int | None = None) -> Undone:
    """Take back import ``run``, in one transaction: the cards it added go to the trash and the
    cards it updated get back what they held before. Without ``run``, the latest import not yet
    undone that changed something (one whose cards all failed has nothing to take back).

    Raises:
        NotFound: there is no import to undo.
    """
    if run is None:
        open_runs = [r for r in box.store.import_runs() if r.undone is None]
        open_runs = [r for r in open_runs if r.added or r.updated] or open_runs
        if not open_runs:
            raise NotFound("import.none_to_undo")
        run = open_runs[0].id
    trashed, restored = box.store.undo_import(run)
    return Undone(run, trashed, restored)
