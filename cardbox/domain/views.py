"""Read models: what the front ends show of many contacts at once (the table's rows, the
dashboard's figures), built by the store and shown by the app and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cardbox.domain.model import Contact, display_reading, full_name

SORT_ORDERS = ("name", "company", "met", "contacted")
"""The table's sort orders: reading (あいうえお), company, date met (newest first), last contact
(most recent first); contacts without a date come last. Defined in `cardbox.domain.ordering`."""


@dataclass(frozen=True)
class Row:
    """One contact as the table shows it."""

    id: int
    family_name: str
    given_name: str
    family_reading: str
    given_reading: str
    company: str
    title: str
    sort_key: str
    met: str
    """Date of the latest event they were met at (YYYY-MM-DD), else when the card was added."""
    last: str
    """Date of the newest interaction (YYYY-MM-DD), or ''."""
    middle_name: str = ""
    name_prefix: str = ""
    name_suffix: str = ""
    formatted_name: str = ""
    company_reading: str = ""

    @property
    def name(self) -> str:
        """As `Contact.name`."""
        return self.formatted_name or full_name(
            self.family_name, self.given_name, self.middle_name, self.name_prefix, self.name_suffix
        )

    @property
    def reading(self) -> str:
        return display_reading(self.family_reading, self.given_reading)


@dataclass(frozen=True)
class Quiet:
    """A contact and the last time anyone was in touch (or when the card was added)."""

    contact: Contact
    since: datetime
    logged: bool
    """True when ``since`` is a logged interaction; False: nothing logged, ``since`` is when the
    card was added."""


@dataclass(frozen=True)
class Stats:
    """Everything the dashboard counts. Counts are of live contacts (not the trash)."""

    contacts: int
    by_industry: list[tuple[str, int]]
    """(industry code, contacts), most first."""
    by_event: list[tuple[str, int]]
    """(event name, contacts met there), most first."""
    added: list[tuple[str, int]]
    """(``YYYY-MM``, cards added that month), oldest month first, zeros included."""
    met: list[tuple[str, int]]
    """(``YYYY-MM``, cards met at events dated that month), oldest first, zeros included."""
    quiet: list[Quiet]
    """Who has gone longest without an interaction, oldest first."""
