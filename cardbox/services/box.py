"""`CardBox`: the service both the CLI and the TUI call, one person's box of cards, open.

`CardBox` opens and closes the box and holds its settings; the use cases live in service modules
(`drafts`, `search`, `contacts`, `people`, `catalog`, `demo`, and the free-function services
`importer`, `imports`, `exporter`, `followups`, `companies`, `syncing`), and `CardBox` composes
them: each method here is the module's function, with the box as its first argument. Each use
case is one transaction and returns its result as a value (`contacts.AddResult`), never through
an attribute of the box.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cardbox.domain.companies import JobChange
from cardbox.domain.errors import NoBox, NotFound
from cardbox.domain.model import Contact, Industry
from cardbox.domain.phones import region_from_locale, valid_region
from cardbox.services import catalog as _catalog
from cardbox.services import contacts as _contacts
from cardbox.services import demo as _demo
from cardbox.services import drafts as _drafts
from cardbox.services import people as _people
from cardbox.services import search as _search
from cardbox.services.contacts import AddResult, EditResult
from cardbox.services.drafts import NAME_PARTS, SCALARS, Card, Edits, with_suggested_readings
from cardbox.services.paths import ENV_DB, data_dir, data_folder, default_db_path
from cardbox.services.search import Listing, Page
from cardbox.store import Store

DEFAULT_ZONE = "Asia/Tokyo"


class CardBox:
    """One person's box of cards, open."""

    def __init__(self, store: Store, temporary: tempfile.TemporaryDirectory[str] | None = None):
        self.store = store
        self._temporary = temporary
        self.created: list[Path] = []
        """What opening this box made: the folders, then the box file (empty when it existed)."""

    # -- opening ------------------------------------------------------------------------------

    @classmethod
    def open(
        cls, path: str | Path | None = None, *, create: bool = True, folders: bool = False
    ) -> CardBox:
        """Open the box at ``path`` (default: `default_db_path`); ``":memory:"`` is a throwaway box.

        A box that does not exist yet is created only with ``create`` (the first write, the app,
        ``cardbox init``), else `NoBox` says there is none at that path. Creating one makes no
        folder but cardbox's own `data_folder`, unless ``folders`` says so (``cardbox init``);
        `created` lists what was made, for the caller to say.

        A throwaway box lives in a temporary directory removed by `close`: the read and write paths
        use separate connections, which an SQLite in-memory database cannot share.

        Raises:
            NoBox: there is no box at ``path`` and ``create`` is False, or its folder is missing
                and is not cardbox's own.
        """
        temporary = None
        if str(path) == ":memory:":
            temporary = tempfile.TemporaryDirectory(prefix="cardbox-")
            path = Path(temporary.name) / "cardbox.sqlite"
        target = (Path(path).expanduser() if path is not None else default_db_path()).resolve()
        made = _make_room(target, create=create, folders=folders)
        own = path is None and not os.environ.get(ENV_DB)  # the default folder is cardbox's own
        try:
            box = cls(Store.open(target, own_folder=own), temporary)
        except BaseException:
            if temporary is not None:
                temporary.cleanup()
            raise
        box.created = [] if temporary is not None else made
        try:
            box._seed_taxonomy()
        except BaseException:
            box.close()
            raise
        return box

    @classmethod
    def demo(cls) -> CardBox:
        """A throwaway box filled with the shipped demo cards."""
        box = cls.open(":memory:")
        try:
            box.load_demo()
        except BaseException:
            box.close()
            raise
        return box

    def close(self) -> None:
        """Close the store (and remove a throwaway box)."""
        self.store.close()
        if self._temporary is not None:
            self._temporary.cleanup()
            self._temporary = None

    def __enter__(self) -> CardBox:
        return self

    def __exit__(
        self,
        _t: type[BaseException] | None,
        _e: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def path(self) -> Path:
        """The SQLite file."""
        return self.store.path

    @property
    def throwaway(self) -> bool:
        """True for a box in a temporary directory (``":memory:"``, ``--demo``)."""
        return self._temporary is not None

    @property
    def notices(self) -> list[str]:
        """What the user should be told once about opening the box (made private, read-only)."""
        return list(self.store.notices)

    def data_version(self) -> int | None:
        """Changes whenever another connection commits (for noticing outside writes); None once
        the box is closed."""
        return self.store.data_version()

    def taxonomy(self) -> Mapping[str, Industry]:
        """The industries by code (cached)."""
        return self.store.taxonomy()

    def lang(self) -> str | None:
        """The box's ``lang`` setting (None: not set)."""
        return self.store.setting("lang")

    def set_lang(self, lang: str) -> str:
        """Store the UI language (``ja``, ``en`` or a locale name for one of them).

        Raises:
            ValueError: a language cardbox has no catalog for.
        """
        from cardbox.services.language import normalise as normalise_lang

        code = normalise_lang(lang)
        self.store.set_setting("lang", code)
        return code

    def load(self, ids: Sequence[int]) -> list[Contact]:
        """The live or trashed contacts with these ids (missing ones are left out)."""
        return self.store.contacts(ids)

    def job_history(self, contact_id: int) -> list[JobChange]:
        """The job changes of contact ``contact_id``, oldest first."""
        return self.store.job_history(contact_id)

    def _seed_taxonomy(self) -> None:
        raw = (data_dir() / "industries.json").read_bytes()
        digest = hashlib.sha256(raw).hexdigest()[:16]
        if self.store.setting("taxonomy_hash") == digest:
            return
        nodes: list[Industry] = []

        def walk(items: list[dict[str, Any]], parent: str | None) -> None:
            for item in items:
                nodes.append(
                    Industry(
                        code=item["code"],
                        name_en=item["en"],
                        name_ja=item.get("ja", ""),
                        parent=parent,
                        aliases=tuple(item.get("aliases", ())),
                    )
                )
                walk(item.get("children", []), item["code"])

        walk(json.loads(raw), None)
        self.store.save_industries(nodes)
        self.store.set_setting("taxonomy_hash", digest)

    # -- the use cases, composed from the service modules -------------------------------------

    check = _drafts.check

    get = _search.get
    contacts = _search.contacts
    trash = _search.trash
    search = _search.search
    listing = _search.listing
    rows = _search.rows
    position = _search.position
    selected = _search.selected

    add_card = _contacts.add_card
    add = _contacts.add
    follow_ups = _contacts.follow_ups
    add_contacts = _contacts.add_contacts
    edit_card = _contacts.edit_card
    edit = _contacts.edit
    save_edit = _contacts.save_edit
    set_talked_about = _contacts.set_talked_about
    merge = _contacts.merge
    add_into = _contacts.add_into
    undo_merge = _contacts.undo_merge
    remove = _contacts.remove
    restore = _contacts.restore
    unconfirmed_readings = _contacts.unconfirmed_readings
    confirm_readings = _contacts.confirm_readings
    purge = _contacts.purge

    duplicates = _people.duplicates
    lookalikes = _people.lookalikes

    events = _catalog.events
    industries = _catalog.industries
    tags = _catalog.tags
    companies = _catalog.companies
    company_industries = _catalog.company_industries
    add_event = _catalog.add_event
    add_industry = _catalog.add_industry
    stats = _catalog.stats

    load_demo = _demo.load_demo

    # -- settings -----------------------------------------------------------------------------

    @property
    def region(self) -> str:
        """Default region for phone numbers typed without ``+``: setting, else locale, else JP."""
        return self.store.setting("region") or region_from_locale()

    @property
    def zone(self) -> str:
        """The zone reminders are read and shown in: the ``zone`` setting, else ``$TZ``, else
        the system's, else Asia/Tokyo."""
        for candidate in (self.store.setting("zone"), os.environ.get("TZ", "").lstrip(":")):
            if candidate and valid_zone(candidate):
                return candidate
        try:
            target = os.readlink("/etc/localtime")
        except OSError:
            target = ""
        system = target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else ""
        return system if system and valid_zone(system) else DEFAULT_ZONE

    def set_region(self, region: str) -> str:
        """Store the default phone region (``JP``, ``US`` ...)."""
        code = valid_region(region)
        self.store.set_setting("region", code)
        return code


def valid_zone(name: str) -> bool:
    """True for an IANA zone name this machine knows (``Asia/Tokyo``)."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


__all__ = [
    "NAME_PARTS",
    "SCALARS",
    "AddResult",
    "Card",
    "CardBox",
    "EditResult",
    "Edits",
    "Listing",
    "NotFound",
    "Page",
    "valid_zone",
    "with_suggested_readings",
]


def _make_room(target: Path, *, create: bool, folders: bool) -> list[Path]:
    """Check that a box may be opened at ``target``, making the folders allowed; returns the
    folders made and the box file to be created (``[]`` when the box exists).

    Raises:
        NoBox: no box is there and ``create`` is False, or its folder is missing and is neither
            cardbox's own data folder nor allowed by ``folders``.
    """
    if target.exists():
        return []
    init = f"`cardbox --db {shlex.quote(str(target))} init`"
    if not create:
        raise NoBox("box.none", path=target, init=init)
    missing = [p for p in reversed(target.parents) if not p.exists()]
    if missing and not folders and target.parent != data_folder().resolve():
        raise NoBox("box.no_folder", folder=target.parent, path=target, init=init)
    for folder in missing:
        folder.mkdir(mode=0o700)  # for the user alone, like the box itself
    return [*missing, target]
