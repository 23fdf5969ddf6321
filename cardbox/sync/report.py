"""What a sync reports: what it did (`Report`), the cards it left alone, the fields both sides
changed, and the deletion guard's refusal."""

from __future__ import annotations

from dataclasses import dataclass, field

from cardbox.domain.errors import CardboxError
from cardbox.sync.cards import Conflict


class TooManyDeletes(CardboxError):
    """The run would delete more than the guard allows; nothing was changed."""

    def __init__(self, here: int, there: int) -> None:
        super().__init__("sync.too_many_deletes", here=here, there=there, allow=max(here, there))
        self.here = here
        self.there = there


@dataclass(frozen=True)
class Skipped:
    """A card the sync left alone, and why."""

    where: str
    reason: str


@dataclass(frozen=True)
class ConflictReport:
    """A field both sides changed: the server's value is kept in the card."""

    uid: str
    contact_id: int | None
    name: str
    conflict: Conflict
    here_card: str = ""
    """The card cardbox had (vCard), to put its value back when the user chooses it."""


@dataclass
class Report:
    """What a sync did (or, with ``dry_run``, would do)."""

    dry_run: bool = False
    full_listing: bool = False
    pulled: int = 0
    """Cards added or changed in the box."""
    pushed: int = 0
    """Cards created or changed on the server."""
    deleted_here: int = 0
    """Contacts moved to the trash because the server deleted their card."""
    deleted_there: int = 0
    """Cards deleted on the server because their contact was deleted here."""
    unchanged: int = 0
    conflicts: list[ConflictReport] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    """Actions that failed (network, server); the next run retries them."""
    downloaded: int = 0
