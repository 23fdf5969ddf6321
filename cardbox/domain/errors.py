"""Errors a user can read: every one says what is wrong and where."""

from __future__ import annotations


class CardboxError(Exception):
    """Base of every error cardbox reports to a person instead of a traceback."""


class InvalidInput(CardboxError):
    """Something typed or read could not be accepted (a phone number, a date, a query)."""


class NotFound(CardboxError):
    """A contact, event or industry that was asked for does not exist."""


class StoreError(CardboxError):
    """The store cannot be opened or used (old SQLite, unreadable file, newer schema)."""


class NoBox(StoreError):
    """There is no box at the path given, and the command does not create one."""
