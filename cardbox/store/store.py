"""`Store`: the one object the service layer talks to for persistence.

Reads run on a plain sqlite3 connection; the SQLAlchemy engine for writes is built on the first
write, so a read-only command never imports the ORM.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from cardbox.domain.companies import JobChange
from cardbox.domain.errors import StoreError
from cardbox.domain.model import Contact, Event, Industry
from cardbox.domain.query import Query
from cardbox.store import companies, files, identity, read, schema
from cardbox.store.db import connect, read_only
from cardbox.store.identity import Identity
from cardbox.store.index import INDEX_VERSION
from cardbox.store.search import Hits, search
from cardbox.store.uow import Reader, Transaction

T = TypeVar("T")

if TYPE_CHECKING:
    from cardbox.store.write import ImportCounts, Repeats, Then, Writer


class Store:
    """A cardbox SQLite file, open."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = connect(path)
        self.notices: list[str] = []
        """What the user should be told once about opening the box (made private, read-only)."""
        self.read_only = False
        """The box or its folder cannot be written: every write is refused with a message."""
        self._lock = threading.RLock()
        self._writer: Writer | None = None
        self._taxonomy: dict[str, Industry] | None = None

    @classmethod
    def open(cls, path: Path, *, own_folder: bool = False) -> Store:
        """Open (creating or migrating) the store at ``path``: its files are made the user's
        alone (`files.prepare`; ``own_folder``: its folder is cardbox's own, made private too).
        `cardbox.services.box.CardBox.open` decides whether a box may be created, and where. A box
        cardbox cannot write to (a read-only file or folder) is opened read-only.

        Raises:
            StoreError: it cannot be opened (not a regular file, not a box, too new).
        """
        locked = read_only(path)
        if locked:
            notices = [
                f"{path}: the box or its folder is read-only: opened read-only"
                " (changes will be refused)"
            ]
        else:
            notices = files.prepare(path, own_folder=own_folder)
        store = cls(path)
        store.notices = notices
        store.read_only = locked
        try:
            schema.ensure_current(store._conn, path)
            if store.setting("index_version") != INDEX_VERSION:
                store.reindex()
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        """Close the connections."""
        with self._lock:
            self._conn.close()
            if self._writer is not None:
                self._writer.dispose()
                self._writer = None

    # -- reads --------------------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """The connection to read on: inside a `transaction` of this thread, its own (so a
        use case of several steps sees what it wrote so far); else the read connection."""
        writer = self._writer
        current = writer.open_connection() if writer is not None else None
        if current is not None:
            yield current
            return
        with self._lock:
            yield self._conn

    def contacts(
        self, ids: Sequence[int], *, photos: bool = False, children: bool = True
    ) -> list[Contact]:
        with self._reading() as conn:
            return read.load_contacts(conn, ids, photos=photos, children=children)

    def resolve(self, ref: str | int, *, trash: bool | None = False) -> int:
        with self._reading() as conn:
            return read.resolve(conn, ref, trash=trash)

    def list_ids(
        self,
        *,
        trash: bool = False,
        sort: str = "name",
        limit: int | None = None,
        offset: int = 0,
    ) -> tuple[list[int], int]:
        with self._reading() as conn:
            return read.list_ids(conn, trash=trash, sort=sort, limit=limit, offset=offset)

    def search(self, query: Query, *, limit: int | None = 50, count: bool = True) -> Hits:
        with self._reading() as conn:
            return search(conn, query, limit=limit, count=count)

    def events(self) -> list[Event]:
        with self._reading() as conn:
            return read.events(conn)

    def industries(self) -> list[Industry]:
        with self._reading() as conn:
            return read.industries(conn)

    def tags(self) -> list[tuple[str, int]]:
        with self._reading() as conn:
            return read.tags(conn)

    def import_runs(self) -> list[read.ImportRun]:
        with self._reading() as conn:
            return read.import_runs(conn)

    def import_failures(self, run_id: int) -> list[read.ImportFailure]:
        with self._reading() as conn:
            return read.import_failures(conn, run_id)

    def setting(self, key: str) -> str | None:
        with self._reading() as conn:
            return read.setting(conn, key)

    def data_version(self) -> int | None:
        """Changes whenever another connection commits (for noticing outside writes); None once
        the box is closed (the app may still ask while it shuts down)."""
        with self._lock:
            try:
                return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
            except sqlite3.ProgrammingError:
                return None

    def taxonomy(self) -> Mapping[str, Industry]:
        """Industries by code (cached; refreshed when the taxonomy is written)."""
        if self._taxonomy is None:
            with self._lock:
                self._taxonomy = {i.code: i for i in read.industries(self._conn, counts=False)}
        return self._taxonomy

    # -- writes -------------------------------------------------------------------------------

    @property
    def writer(self) -> Writer:
        if self.read_only:
            raise StoreError("store.read_only", path=self.path)

        if self._writer is None:
            from cardbox.store.write import Writer

            self._writer = Writer.on_path(self.path, self.taxonomy)
        return self._writer

    def add(self, contacts: Sequence[Contact], then: Then | None = None) -> list[int]:
        return self.writer.add(contacts, then)

    def update(
        self, contact_id: int, change: Callable[[Contact], Contact], *, job_source: str = ""
    ) -> JobChange | None:
        return self.writer.update(contact_id, change, job_source=job_source)

    def set_deleted(self, ids: Sequence[int], deleted: bool) -> None:
        self.writer.set_deleted(ids, deleted)

    def confirm_readings(self, ids: Sequence[int]) -> int:
        return self.writer.confirm_readings(ids)

    def purge(self, ids: Sequence[int]) -> int:
        return self.writer.purge(ids)

    def start_import(self, sources: Sequence[str]) -> int:
        return self.writer.start_import(sources)

    def import_batch(
        self,
        run_id: int | None,
        cards: Sequence[Contact],
        merge: Callable[[Contact, Contact], Contact],
        failures: Sequence[tuple[str, int, str, str]] = (),
        *,
        dry_run: bool = False,
        then: Then | None = None,
    ) -> ImportCounts:
        return self.writer.import_batch(run_id, cards, merge, failures, dry_run=dry_run, then=then)

    def undo_import(self, run_id: int) -> tuple[int, int]:
        return self.writer.undo_import(run_id)

    def merge(
        self,
        kept_id: int,
        gone_id: int,
        merge: Callable[[Contact, Contact], Contact],
        repeats: Repeats | None = None,
    ) -> int:
        return self.writer.merge(kept_id, gone_id, merge, repeats)

    def undo_merge(self, merge_id: int) -> tuple[int, int]:
        return self.writer.undo_merge(merge_id)

    def last_merge(self) -> int | None:
        with self._reading() as conn:
            row = conn.execute("SELECT max(id) FROM merge_log WHERE undone_at IS NULL").fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def save_event(self, event: Event) -> None:
        self.writer.save_event(event)

    # -- people and companies -----------------------------------------------------------------

    def identify(self, card: Contact) -> Identity:
        """Who ``card`` is about (`identity.match`)."""
        with self._reading() as conn:
            return identity.match(conn, card)

    def take_job(
        self,
        contact_id: int,
        card: Contact,
        merge: Callable[[Contact, Contact], Contact],
        source: str,
        then: Then | None = None,
    ) -> JobChange | None:
        return self.writer.take_job(contact_id, card, merge, source, then)

    def job_history(self, contact_id: int) -> list[JobChange]:
        with self._reading() as conn:
            return companies.job_history(conn, contact_id)

    def company_rows(self, key: str | None = None) -> list[companies.StoredCompany]:
        with self._reading() as conn:
            return companies.company_rows(conn, key)

    def company_keys(self) -> list[str]:
        with self._reading() as conn:
            return companies.company_keys(conn)

    def company_people(self, key: str) -> list[int]:
        with self._reading() as conn:
            return companies.people(conn, key)

    def people_industries(self, key: str | None = None) -> dict[str, Counter[str]]:
        with self._reading() as conn:
            return companies.people_industries(conn, key)

    def past_people(self, key: str) -> list[JobChange]:
        with self._reading() as conn:
            return companies.past_people(conn, key)

    def save_company(
        self,
        key: str,
        *,
        name: str | None = None,
        reading: str | None = None,
        industry: str | None = None,
    ) -> list[int]:
        return self.writer.save_company(key, name=name, reading=reading, industry=industry)

    def save_industries(self, industries: Sequence[Industry]) -> None:
        self.writer.save_industries(industries)
        self._taxonomy = None

    def set_setting(self, key: str, value: str) -> None:
        from cardbox.store import quick

        self.transact(lambda conn: quick.set_setting(conn, key, value))

    @contextmanager
    def reader(self) -> Iterator[Reader]:
        """The repositories over the read connection (inside a `transaction` of this thread,
        over its connection, so that its reads see its writes), held for the ``with`` block."""
        with self._reading() as conn:
            yield Reader(conn)

    @contextmanager
    def transaction(self, *, plain: bool = False) -> Iterator[Transaction]:
        """One ``BEGIN IMMEDIATE`` write transaction: the repositories with their writes; it
        commits when the ``with`` block ends and rolls back, changing nothing, when it raises.

        Everything the same thread does on this store meanwhile is part of it: the store's write
        methods (`add`, `update`, `merge` ...) and a nested `transaction` join it, and reads see
        what it wrote so far. So a service use case of several steps is one unit of work.

        ``plain``: the use case writes through the repositories only (a reminder, a log line, a
        cadence, the sync state), so the transaction is a plain sqlite3 one (`cardbox.store.quick`)
        and loads no ORM: a cold ``cardbox remind`` or ``log`` costs what a search does. Inside
        it, a store write method that needs the ORM is refused (`Writer.session`), so a use case
        cannot be split over two transactions by mistake; inside an ORM transaction of the same
        thread, a plain one simply joins it."""
        from cardbox.store import quick

        joined = quick.open_here() or (
            self._writer.open_connection() if self._writer is not None else None
        )
        if joined is not None:
            yield Transaction(joined)
            return
        if plain:
            if self.read_only:
                raise StoreError("store.read_only", path=self.path)
            with quick.transaction(self.path) as conn:
                yield Transaction(conn)
            return
        from cardbox.store.write import raw

        with self.writer.session() as s:
            yield Transaction(raw(s))

    def read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn`` on the raw read connection: for tests and the store's own checks only (the
        services use `reader`; a test in tests/test_architecture.py holds them to it)."""
        with self._reading() as conn:
            return fn(conn)

    def transact(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn`` in one ``BEGIN IMMEDIATE`` write transaction; commits when it returns.

        ``fn`` only ever gets a sqlite3 connection, so the transaction is a plain one
        (`cardbox.store.quick`): a single-row write loads no ORM."""
        if self.read_only:
            raise StoreError("store.read_only", path=self.path)
        from cardbox.store import quick

        return quick.transact(self.path, fn)

    def reindex(self, ids: Sequence[int] | None = None) -> None:
        """Recompute search documents; with no ids, all of them, and record the index version."""
        self.writer.reindex(ids)
        if ids is None:
            self.set_setting("index_version", INDEX_VERSION)
