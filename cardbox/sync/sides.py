"""What the sync engine works over: the three storage interfaces (`Local` the box, `Remote` the
address book, `State` the per-account sync state) and `Status`, what the last sync agreed on for
one card."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from cardbox.domain.model import Contact
from cardbox.sync.dav import Fetched, Listing


@dataclass(frozen=True)
class Status:
    """What the last sync agreed on for one card."""

    uid: str
    contact_id: int | None
    href: str
    etag: str | None
    local_hash: str
    remote_hash: str
    base: str
    local_stamp: str = ""
    """When the contact was last changed as of ``local_hash`` (an unchanged stamp spares
    writing and hashing the card again)."""


def stamp(contact: Contact) -> str:
    return contact.updated.isoformat() if contact.updated is not None else ""


class Local(Protocol):
    """The box."""

    def index(self) -> dict[int, tuple[str, str]]:
        """Every live contact's id -> (UID, when it last changed, as `stamp` writes it)."""

    def get(self, ids: Sequence[int]) -> dict[int, Contact]:
        """These contacts (live or trashed), by id."""

    def identify(self, card: Contact) -> int | None:
        """The live contact a card is about, by the import's identity rules."""

    def add(self, cards: Sequence[Contact]) -> list[int]:
        """Save new contacts; their ids."""

    def update(self, contact_id: int, change: Callable[[Contact], Contact]) -> None:
        """Change a contact in one transaction."""

    def trash(self, ids: Sequence[int]) -> None:
        """Move contacts to the trash."""

    def untrash(self, ids: Sequence[int]) -> None:
        """Bring contacts back from the trash."""


class Remote(Protocol):
    """The address book."""

    def listing(self, token: str | None) -> Listing: ...

    def fetch(self, hrefs: Sequence[str]) -> tuple[list[Fetched], set[str]]: ...

    def get(self, href: str) -> Fetched | None: ...

    def put(self, href: str, text: str, etag: str | None, *, create: bool) -> str | None: ...

    def delete(self, href: str, etag: str | None) -> None: ...

    def href_for(self, uid: str) -> str: ...


class State(Protocol):
    """The per-account sync state."""

    def load(self) -> tuple[dict[str, Status], str | None]: ...

    def save(self, rows: Sequence[Status], forget: Sequence[str]) -> None: ...

    def set_token(self, token: str | None) -> None: ...
