"""What an import did (or, with ``dry_run``, would do): the `Report` and its parts, card by card
outcomes, failures, possible matches and job changes."""

from __future__ import annotations

from dataclasses import dataclass, field

from cardbox.domain.companies import JobChange


@dataclass(frozen=True)
class Failed:
    """A card that was not imported."""

    file: str
    line: int
    reason: str


@dataclass(frozen=True)
class Outcome:
    """What an import did (or would do) with one card: ``added``, ``updated``, ``unchanged`` or
    ``merged`` (into an earlier card of the same import)."""

    file: str
    line: int
    name: str
    action: str


@dataclass(frozen=True)
class Uncertain:
    """A card imported as a new contact that may be someone already known (``contact_id``)."""

    file: str
    line: int
    name: str
    """The card's name."""
    contact_id: int
    contact_name: str
    reason: str
    """Why it may be them, and why it was not taken for them: ``same name, different company``."""
    new_id: int | None = None
    """The contact the card was imported as (None in a dry run)."""


@dataclass(frozen=True)
class JobMove:
    """A card that showed a known person (``contact_id``) with another company or title."""

    file: str
    line: int
    contact_id: int
    name: str
    change: JobChange


@dataclass
class Report:
    """What an import did (or, with ``dry_run``, would do)."""

    run_id: int | None
    dry_run: bool
    files: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: int = 0
    """Cards that were about someone an earlier card of the same import already brought."""
    groups: int = 0
    failed: list[Failed] = field(default_factory=list)
    seen: int = 0
    """Cards read (and files that could not be read, or held no card): each is counted once
    in ``added + updated + unchanged + merged + groups + len(failed)``."""
    warnings: list[str] = field(default_factory=list)
    cancelled: bool = False
    """Stopped before the end: what was read until then was imported (and can be undone)."""
    outcomes: list[Outcome] = field(default_factory=list)
    """Card by card, when asked for with ``details``."""
    uncertain: list[Uncertain] = field(default_factory=list)
    """Possible matches: cards imported as new that may be someone known (check and merge)."""
    job_changes: list[JobMove] = field(default_factory=list)
    """Known people who arrived with another company or title (their job history has it)."""
