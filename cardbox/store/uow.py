"""The unit of work: `Store.reader()` and `Store.transaction()` yield one of these.

A `Reader` exposes typed repositories over the store's read connection (under its lock); a
`Transaction` exposes the same repositories plus their writes, over the connection of one
``BEGIN IMMEDIATE`` transaction that commits when the ``with`` block ends (and rolls back when it
raises). The sqlite3 connection itself never leaves `cardbox.store`: the services see only the
repositories' methods, which are the plain-SQL functions of the store's modules with the
connection bound.

    with box.store.transaction() as tx:
        tx.followups.add_interaction(interaction)
        tx.followups.add_reminder(reminder, now)
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from functools import partial
from typing import Concatenate, Generic, ParamSpec, TypeVar, overload

from cardbox.store import candidates, companies, followups, listing, read, stats, syncstate

P = ParamSpec("P")
R = TypeVar("R")


class _Repository:
    """Functions of one store module, over one connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn


class _On(Generic[P, R]):
    """A store function ``fn(conn, ...)`` as a repository method ``repo.fn(...)``."""

    def __init__(self, fn: Callable[Concatenate[sqlite3.Connection, P], R]) -> None:
        self._fn = fn

    @overload
    def __get__(self, repo: None, owner: type[_Repository]) -> _On[P, R]: ...

    @overload
    def __get__(self, repo: _Repository, owner: type[_Repository]) -> Callable[P, R]: ...

    def __get__(
        self, repo: _Repository | None, owner: type[_Repository]
    ) -> _On[P, R] | Callable[P, R]:
        if repo is None:
            return self
        # Looked up on its module at each use, so that a test that replaces the module's
        # function (to fail a write half-way) reaches the repositories too.
        fn = getattr(sys.modules[self._fn.__module__], self._fn.__name__, self._fn)
        return partial(fn, repo._conn)


class Contacts(_Repository):
    """Contacts as the services read them beyond `Store.contacts`: light summaries, the
    candidates for duplicates and look-alikes, readings waiting to be confirmed."""

    load = _On(read.load_contacts)
    summaries = _On(candidates.summaries)
    lookalike_ids = _On(candidates.lookalike_ids)
    duplicate_features = _On(candidates.duplicate_features)
    unconfirmed_reading_ids = _On(candidates.unconfirmed_reading_ids)
    company_industries = _On(candidates.company_industries)
    with_known_readings = _On(companies.with_known_readings)


class Listing(_Repository):
    """The app's table: ids in an order, the row each shows, where a key falls."""

    ordered_ids = _On(listing.ordered_ids)
    rows = _On(listing.rows)
    position = _On(listing.position)


class Stats(_Repository):
    """The dashboard's aggregates."""

    stats = _On(stats.stats)


class Followups(_Repository):
    """Reminders, interactions, cadences and the agenda's candidates."""

    reminders = _On(followups.reminders)
    reminder = _On(followups.reminder)
    reminders_by_id = _On(followups.reminders_by_id)
    interactions = _On(followups.interactions)
    last_contact = _On(followups.last_contact)
    cadence_defaults = _On(followups.cadence_defaults)
    own_cadences = _On(followups.own_cadences)
    cadence_due = _On(followups.cadence_due)
    open_due = _On(followups.open_due)
    birthdays_on = _On(followups.birthdays_on)
    done_history = _On(followups.done_history)


class FollowupWrites(Followups):
    """`Followups` and their writes."""

    add_reminder = _On(followups.add_reminder)
    log_reminder = _On(followups.log_reminder)
    move_reminder = _On(followups.move_reminder)
    finish_reminder = _On(followups.finish_reminder)
    add_interaction = _On(followups.add_interaction)
    set_cadence_default = _On(followups.set_cadence_default)
    set_contact_cadence = _On(followups.set_contact_cadence)


class Jobs(_Repository):
    """Job history."""

    history = _On(companies.job_history)


class JobWrites(Jobs):
    """`Jobs` and their writes."""

    record = _On(companies.record_job_changes)


class SyncState(_Repository):
    """CardDAV accounts and what each last saw."""

    accounts = _On(syncstate.accounts)
    load = _On(syncstate.load)
    live_index = _On(syncstate.live_index)
    conflicts = _On(syncstate.conflicts)


class SyncStateWrites(SyncState):
    """`SyncState` and its writes."""

    add_account = _On(syncstate.add_account)
    remove_account = _On(syncstate.remove_account)
    save = _On(syncstate.save)
    finish = _On(syncstate.finish)
    add_conflicts = _On(syncstate.add_conflicts)
    drop_conflicts = _On(syncstate.drop_conflicts)
    set_version = _On(syncstate.set_version)


class Reader:
    """The repositories, read-only, over one connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.contacts = Contacts(conn)
        self.listing = Listing(conn)
        self.stats = Stats(conn)
        self.followups = Followups(conn)
        self.jobs = Jobs(conn)
        self.syncstate = SyncState(conn)


class Transaction(Reader):
    """The repositories with their writes, inside one write transaction."""

    followups: FollowupWrites
    jobs: JobWrites
    syncstate: SyncStateWrites

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__(conn)
        self.followups = FollowupWrites(conn)
        self.jobs = JobWrites(conn)
        self.syncstate = SyncStateWrites(conn)
