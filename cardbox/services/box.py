"""`CardBox`: the service both the CLI and the TUI call. It owns the store and the rules.

Everything a person can do to their box goes through here: adding, editing, trashing and searching
contacts, events and the industry taxonomy. Input is parsed and checked here (phone numbers against
the box's region, e-mails, industries) so that both front ends report the same errors.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shlex
import sqlite3
import tempfile
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cardbox.domain import dates as when_rules
from cardbox.domain import industry as industry_rules
from cardbox.domain.companies import JobChange, company_key
from cardbox.domain.contacts import parse_address, parse_email, parse_url
from cardbox.domain.errors import InvalidInput, NoBox, NotFound
from cardbox.domain.followups import default_note, event_note
from cardbox.domain.merge import TEXT_FIELDS
from cardbox.domain.model import (
    Address,
    Contact,
    Event,
    Industry,
    Interaction,
    Meeting,
    Phone,
    Reminder,
)
from cardbox.domain.ordering import row_key
from cardbox.domain.phones import parse_phone, region_from_locale, typed_phone, valid_region
from cardbox.domain.query import parse_query
from cardbox.domain.text import normalise
from cardbox.domain.views import Row, Stats
from cardbox.services.paths import ENV_DB, data_dir, data_folder, default_db_path
from cardbox.store import Store
from cardbox.store.batches import batches
from cardbox.store.companies import with_known_readings

if TYPE_CHECKING:
    from cardbox.store.write import Then

SCALARS = TEXT_FIELDS
"""The single-valued text fields of a contact, as named in forms and ``cardbox edit``
(``birthday``: ``YYYY-MM-DD`` or yearless ``--MM-DD``, stored in that form; empty clears it)."""
DEFAULT_ZONE = "Asia/Tokyo"
NAME_PARTS = ("family_name", "given_name", "middle_name", "name_prefix", "name_suffix")


@dataclass(frozen=True)
class Page:
    """Contacts from a listing or a search, best first, and how many matched in all."""

    contacts: list[Contact]
    total: int
    notes: list[str] = field(default_factory=list)
    capped: bool = False
    """True when more than `total` matched (searches stop counting at 1,000)."""


@dataclass(frozen=True)
class Listing:
    """Ids for the app's table, in the order shown, and how many matched in all."""

    ids: list[int]
    total: int
    notes: list[str] = field(default_factory=list)
    capped: bool = False


@dataclass
class Card:
    """What a person typed for one card, before it is checked (all text, as typed)."""

    fields: dict[str, str] = field(default_factory=dict)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    talked_about: str = ""


@dataclass
class Edits:
    """Changes to one contact: fields to set, and list items to add or remove."""

    set: dict[str, str] = field(default_factory=dict)
    add: Card = field(default_factory=Card)
    remove: Card = field(default_factory=Card)


class CardBox:
    """One person's box of cards, open."""

    def __init__(self, store: Store, temporary: tempfile.TemporaryDirectory[str] | None = None):
        self.store = store
        self._temporary = temporary
        self.created: list[Path] = []
        """What opening this box made: the folders, then the box file (empty when it existed)."""
        self.last_job_change: JobChange | None = None
        """The job change the last `add` recorded: the card was someone known (same personal
        e-mail or phone, or name at the same company) with another company or title, so it
        updated them instead of adding a contact. None when `add` added a new contact."""
        self.last_possible_match: tuple[Contact, str] | None = None
        """The contact the card `add` just added may be, and why (a possible match: the same
        name elsewhere, a similar name at the same company ...); None when there is none."""

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

    def load_demo(self, *, now: datetime | None = None) -> list[int]:
        """Add the demo events and cards shipped in ``data/demo.json``, and their follow-ups
        (`_demo_followups`), timed from ``now`` so that something is always due."""
        demo = json.loads((data_dir() / "demo.json").read_text(encoding="utf-8"))
        for e in demo["events"]:
            self.add_event(
                e["name"],
                date=e.get("date") or None,
                venue=e.get("venue", ""),
                organiser=e.get("organiser", ""),
                notes=e.get("notes", ""),
            )
        contacts = []
        for item in demo["contacts"]:
            card = Card(
                fields={k: item.get(k, "") for k in SCALARS},
                phones=[f"{p.get('label', '')}:{p['text']}" for p in item.get("phones", [])],
                emails=[f"{m.get('label', '')}:{m['address']}" for m in item.get("emails", [])],
                urls=[f"{u.get('label', '')}:{u['url']}" for u in item.get("urls", [])],
                industries=item.get("industries", []),
                tags=item.get("tags", []),
            )
            contact = self.check(card, region="JP")
            contact = replace(
                contact,
                addresses=tuple(Address(**a) for a in item.get("addresses", [])),
                meetings=tuple(
                    Meeting(event=m["name"], talked_about=m.get("talked_about", ""))
                    for m in item.get("events", [])
                ),
            )
            contacts.append(contact)
        ids = self.store.add(contacts)
        by_name = {c.name: cid for c, cid in zip(contacts, ids, strict=True)}
        self._demo_followups(demo.get("followups", {}), by_name, now or datetime.now(UTC))
        return ids

    def _demo_followups(
        self, spec: Mapping[str, Any], by_name: Mapping[str, int], now: datetime
    ) -> None:
        """The demo's reminders (overdue, later today, coming up, repeating), past interactions
        and cadences (someone losing touch) and job changes, relative to ``now``."""
        from datetime import time, timedelta

        from cardbox.domain.companies import Job, JobChange
        from cardbox.store import companies as jobs
        from cardbox.store import followups as rows

        zone = ZoneInfo(self.zone)
        local = now.astimezone(zone)

        def due(item: Mapping[str, Any]) -> datetime:
            day = local.date() + timedelta(days=int(item["due_days"]))
            if "at" in item:
                return datetime.combine(day, time.fromisoformat(item["at"]), zone)
            # Later today: two hours from now, but never past midnight.
            return min(local + timedelta(hours=2), datetime.combine(day, time(23, 59), zone))

        def work(conn: sqlite3.Connection) -> None:
            for r in spec.get("reminders", []):
                when = due(r)
                rule = when_rules.parse_every(r["every"]).rule if r.get("every") else None
                reminder = Reminder(by_name[r["who"]], when, zone.key, r["note"], rule, when)
                rows.add_reminder(conn, reminder, now)
            for i in spec.get("interactions", []):
                at = now - timedelta(days=int(i["days_ago"]))
                rows.add_interaction(conn, Interaction(by_name[i["who"]], i["kind"], at, i["text"]))
            for c in spec.get("cadences", []):
                rows.set_contact_cadence(conn, by_name[c["who"]], c["every"])
            for j in spec.get("job_changes", []):
                cid = by_name[j["who"]]
                (person,) = self.store.contacts([cid], children=False)
                change = JobChange(
                    cid, Job(**j["old"]), Job(person.company, person.department, person.title)
                )
                moved = (now - timedelta(days=int(j["days_ago"]))).isoformat()
                jobs.record_job_changes(conn, [change], at=moved, source="demo")

        self.store.transact(work)

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

    # -- reading ------------------------------------------------------------------------------

    def get(self, ref: str | int, *, trash: bool | None = False) -> Contact:
        """The contact with this id or UID.

        Raises:
            NotFound: there is none (or it is in the trash, unless ``trash`` allows it).
        """
        (contact,) = self.store.contacts([self.store.resolve(ref, trash=trash)])
        return contact

    def contacts(self, *, sort: str = "name", limit: int | None = None, offset: int = 0) -> Page:
        """Live contacts in ``sort`` order (``name``, ``company``, ``created``, ``updated``)."""
        ids, total = self.store.list_ids(sort=sort, limit=limit, offset=offset)
        return Page(self.store.contacts(ids), total)

    def trash(self) -> Page:
        """Contacts in the trash, most recently removed first."""
        ids, total = self.store.list_ids(trash=True)
        return Page(self.store.contacts(ids), total)

    def search(self, text: str, *, limit: int | None = 50) -> Page:
        """Contacts matching a query in cardbox's search language, best first.

        Raises:
            InvalidInput: the query is too long (nothing else a person types is an error).
        """
        query = parse_query(text)
        if query.is_empty:
            return self.contacts(limit=limit)
        hits = self.store.search(query, limit=limit)
        return Page(self.store.contacts(hits.ids), hits.total, hits.notes, hits.capped)

    def listing(self, text: str, *, order: str = "", limit: int = 1000) -> Listing:
        """The ids the app's table shows for a query: every contact in ``order`` for an empty
        query, else up to ``limit`` matches, best first (or in ``order`` when one is given).

        Raises:
            InvalidInput: the query is too long, or ``order`` is not one of `listing.ORDERS`.
        """
        from cardbox.store import listing

        if order and order not in listing.ORDERS:
            raise InvalidInput(f"no sort order {order!r}: use one of {', '.join(listing.ORDERS)}")
        query = parse_query(text)
        if query.is_empty:
            ids = self.store.read(lambda conn: listing.ordered_ids(conn, order or "name"))
            return Listing(ids, len(ids))
        hits = self.store.search(query, limit=limit)
        ids = hits.ids
        if order:
            rows = self.rows(ids)
            ids = [i for i in ids if i in rows]
            ids.sort(key=lambda i: row_key(rows[i], order))
        return Listing(ids, hits.total, hits.notes, hits.capped)

    def rows(self, ids: Sequence[int]) -> dict[int, Row]:
        """What the app's table shows of these contacts."""
        from cardbox.store import listing

        return self.store.read(lambda conn: listing.rows(conn, ids))

    def position(self, key: str) -> int:
        """How many contacts sort before ``key`` in reading order (for the kana index)."""
        from cardbox.store import listing

        return self.store.read(lambda conn: listing.position(conn, normalise(key)))

    def selected(self, query: str) -> Iterator[Contact]:
        """Every live contact a query selects (everyone for an empty one), photos included."""
        page = self.search(query, limit=None) if query.strip() else self.contacts()
        ids = [c.id for c in page.contacts if c.id is not None]
        for batch in batches(ids):
            yield from self.store.contacts(batch, photos=True)

    def duplicates(self) -> list[tuple[Contact, Contact, Any]]:
        """Likely duplicate pairs among live contacts, best first, with a score and the reasons.

        Contacts are only compared when they share a blocking key (a phone, a personal e-mail,
        a folded reading or name), never all pairs.
        """
        from cardbox.domain.dupes import find_duplicates
        from cardbox.store.read import duplicate_features

        ids, feats = self.store.read(duplicate_features)
        found = find_duplicates(feats)
        del feats
        wanted = sorted({ids[i] for i, _, _ in found} | {ids[j] for _, j, _ in found})
        people = {c.id: c for c in self.store.contacts(wanted)}
        return [(people[ids[i]], people[ids[j]], m) for i, j, m in found]

    def lookalikes(self, card: Contact) -> list[tuple[Contact, Any]]:
        """Live contacts that ``card`` (checked, not yet saved) may be, best first, each with a
        `cardbox.domain.dupes.Match` saying why: anyone with the same personal e-mail (never a
        shared mailbox such as info@) or the same phone (unless two or more people share that
        number: a switchboard), whatever their name; anyone the duplicate rules pair with
        it by name (the same name at the same company); then the possible matches
        (`cardbox.domain.dupes.possible_match`, ``match.likely`` False)."""
        from cardbox.domain.dupes import Match, features, is_duplicate, possible_match, score_pair
        from cardbox.store.read import lookalike_ids

        hits = self.store.read(lambda conn: lookalike_ids(conn, card))
        maybe = self.store.identify(card).maybe
        if maybe is not None:
            hits.setdefault(maybe.contact_id, set())
        hits.pop(card.id or 0, None)
        holders: dict[str, int] = {}
        for kinds in hits.values():
            for kind in kinds:
                holders[kind] = holders.get(kind, 0) + 1
        shared = frozenset(k[4:] for k, n in holders.items() if k.startswith("tel:") and n > 1)
        found = []
        for other in self.store.contacts(list(hits)):
            kinds = hits[other.id or 0]
            match = score_pair(features(card), features(other), shared)
            own_line = "email" in kinds or any(
                k[4:] not in shared for k in kinds if k[:4] == "tel:"
            )
            if own_line or is_duplicate(match):
                found.append((other, match))
            elif possible := possible_match(features(card), features(other), shared):
                found.append((other, Match(match.score, (possible[1],), likely=False)))
        found.sort(key=lambda pair: (not pair[1].likely, -pair[1].score))
        return found

    def companies(self) -> list[str]:
        """Companies of live contacts, the most common first (for suggestions)."""
        from cardbox.store.read import company_industries

        counts: dict[str, int] = {}
        for company, _code, n in self.store.read(company_industries):
            counts[company] = counts.get(company, 0) + n
        return sorted(counts, key=lambda c: (-counts[c], c))

    def company_industries(self) -> dict[str, str]:
        """The most common industry code among each company's people, by `company_key`."""
        from cardbox.domain.companies import company_key
        from cardbox.store.read import company_industries

        tally: dict[str, dict[str, int]] = {}
        for company, code, n in self.store.read(company_industries):
            if code:
                codes = tally.setdefault(company_key(company), {})
                codes[code] = codes.get(code, 0) + n
        return {key: max(sorted(codes), key=lambda c: codes[c]) for key, codes in tally.items()}

    def events(self) -> list[Event]:
        """Every event, newest first, with contact counts."""
        return self.store.events()

    def industries(self) -> list[Industry]:
        """The taxonomy, with contact counts."""
        return self.store.industries()

    def tags(self) -> list[tuple[str, int]]:
        """Tags in use, with counts."""
        return self.store.tags()

    def stats(self, *, months: int = 12, quiet: int = 10, now: datetime | None = None) -> Stats:
        """The dashboard's figures: contacts by industry and event, cards added and met per
        month for the last ``months`` months (in the box's zone), and the ``quiet`` contacts
        nobody has been in touch with for longest."""
        from functools import partial

        from cardbox.store.stats import stats

        current = (now or datetime.now(UTC)).astimezone(ZoneInfo(self.zone))
        offset = current.utcoffset()
        year, month = current.year, current.month
        names = []
        for back in range(months - 1, -1, -1):
            y, m = divmod(year * 12 + month - 1 - back, 12)
            names.append(f"{y:04d}-{m + 1:02d}")
        minutes = int(offset.total_seconds() // 60) if offset else 0
        return self.store.read(
            partial(stats, months=names, offset_minutes=minutes, quiet_limit=quiet)
        )

    # -- checking input -----------------------------------------------------------------------

    def check(
        self,
        card: Card,
        *,
        region: str | None = None,
        base: Contact | None = None,
        unchecked: Sequence[Phone] = (),
    ) -> Contact:
        """Turn a typed card into a `Contact`, collecting every problem into one error.

        A typed number must be valid, except one of ``unchecked`` (the contact's own unchecked
        numbers, typed back as they are written).

        Raises:
            InvalidInput: one line per field that could not be accepted.
        """
        region = region or self.region
        errors: list[str] = []
        unknown = set(card.fields) - set(SCALARS)
        if unknown:
            errors.append(f"unknown field(s): {', '.join(sorted(unknown))}")

        def each(values: Iterable[str], parse: Any) -> list[Any]:
            out = []
            for value in values:
                try:
                    out.append(parse(value))
                except InvalidInput as exc:
                    errors.append(str(exc))
            return out

        held = tuple(unchecked) + (base.phones if base else ())
        phones: list[Phone] = each(card.phones, lambda t: typed_phone(t, region, held))
        emails = each(card.emails, parse_email)
        addresses = each(card.addresses, parse_address)
        urls = each(card.urls, parse_url)
        taxonomy = list(self.store.taxonomy().values())
        codes = [
            i.code for i in each(card.industries, lambda v: industry_rules.resolve(taxonomy, v))
        ]
        events = [e.strip() for e in card.events if e.strip()]
        fields: dict[str, Any] = {
            k: v.strip() if k != "notes" else v.strip("\n") for k, v in card.fields.items()
        }
        if fields.get("birthday"):
            try:
                fields["birthday"] = when_rules.typed_birthday(fields["birthday"])
            except InvalidInput as exc:
                errors.append(str(exc))
        if errors:
            raise InvalidInput("\n".join(errors))
        contact = base or Contact(uid=str(uuid.uuid4()))
        contact = replace(
            contact,
            **{k: v for k, v in fields.items() if k in SCALARS},
            phones=contact.phones + tuple(phones),
            emails=contact.emails + tuple(emails),
            addresses=contact.addresses + tuple(addresses),
            urls=contact.urls + tuple(urls),
            meetings=contact.meetings
            + tuple(
                Meeting(event=e, talked_about=card.talked_about)
                for e in events
                if e not in contact.events
            ),
            industries=tuple(dict.fromkeys(contact.industries + tuple(codes))),
            tags=tuple(
                dict.fromkeys(contact.tags + tuple(t.strip() for t in card.tags if t.strip()))
            ),
        )
        if not (contact.family_name or contact.given_name or contact.company):
            raise InvalidInput("a card needs at least a name or a company")
        moved = base is not None and (
            company_key(contact.company) != company_key(base.company) if contact.company else False
        )
        if fields.get("company_reading"):
            contact = replace(contact, company_reading_confirmed=True)  # typed
        elif moved and "company_reading" not in fields:
            # another company: the old one's reading is not this one's
            contact = replace(contact, company_reading="", company_reading_confirmed=True)
        if contact.company.strip() and not contact.company_reading:
            (contact,) = self.store.read(lambda conn: with_known_readings(conn, [contact]))
        if contact.formatted_name and any(
            k in fields and base is not None and fields[k] != getattr(base, k) for k in NAME_PARTS
        ):
            contact = replace(contact, formatted_name="")  # the typed parts are the name now
        if fields.get("family_reading") or fields.get("given_reading"):
            contact = replace(contact, reading_confirmed=True)  # typed: the user's own reading
        return with_suggested_readings(contact)

    # -- writing ------------------------------------------------------------------------------

    def add(
        self, card: Card, *, follow_up: str = "", follow_up_note: str = "", as_new: bool = False
    ) -> Contact:
        """Check and save a new contact.

        A card about someone known (the same personal e-mail or phone, or the same name at the
        same company) that shows another company or title is a job change: that person takes
        the new job, the old one goes to their job history, and no contact is added
        (`last_job_change` says so). ``as_new`` adds a contact all the same (the user said it
        is someone else).

        ``follow_up`` (``3d``, ``next monday``) sets a reminder that long from now, in place of
        the default follow-up of the card's event; ``follow_up_note`` is its note.

        Raises:
            InvalidInput: the card has fields that cannot be accepted, or the follow-up cannot
                be read; nothing is saved.
        """
        at = datetime.now(UTC)
        zone = ZoneInfo(self.zone)
        due = (
            when_rules.parse_when(follow_up, at.astimezone(zone), zone)
            if follow_up.strip()
            else None
        )
        contact = self.check(card)
        self.last_possible_match = None
        # The contact, its meetings, the "met" interactions and the follow-up: one transaction.
        then = self.follow_ups(contact.events, now=at, due=due, note=follow_up_note)
        self.last_job_change = None if as_new else self._new_job(contact, then)
        if self.last_job_change is not None and self.last_job_change.contact_id is not None:
            cid = self.last_job_change.contact_id
        else:
            (cid,) = self.store.add([contact], then)
        return self.get(cid)

    def _new_job(self, contact: Contact, then: Then | None = None) -> JobChange | None:
        """When ``contact`` (checked, not saved) is someone known arriving with another company
        or title, bring the card into that person (``then`` in the same transaction) and
        return the job change; else None."""
        from cardbox.domain.merge import fill_in

        hit = self.store.identify(contact)
        known = hit.contact_id
        if known is None:
            if hit.maybe is not None:
                self.last_possible_match = (self.get(hit.maybe.contact_id), hit.maybe.reason)
            return None
        return self.store.take_job(known, contact, fill_in, "add", then)

    def follow_ups(
        self,
        events: Sequence[str],
        *,
        now: datetime | None = None,
        due: datetime | None = None,
        note: str = "",
    ) -> Then | None:
        """The work that logs a "met" interaction at each of ``events`` for the contacts it is
        given, on the event's date (`when.event_start`), and sets each event's default
        follow-up reminder (``cardbox event add ... --follow-up 3d``), counted from the event's
        date at 09:00 in the box's zone and due now if that is past (`when.event_follow_up`);
        or, with ``due``, one reminder at that time with ``note`` in its place. It is run by
        the store in the transaction that writes the contacts, so a card is never saved
        without its follow-up. None when there is nothing to do."""
        from cardbox.store import followups as rows

        names = [e for e in events if e]
        if not names and due is None:
            return None
        at = now or datetime.now(UTC)
        zone = ZoneInfo(self.zone)
        by_name = {e.name: e for e in self.events()} if names else {}

        def work(conn: sqlite3.Connection, ids: Sequence[int]) -> list[tuple[str, int, int]]:
            out: list[tuple[str, int, int]] = []
            for cid in ids:
                for name in names:
                    event = by_name.get(name)
                    day = event.date if event is not None else None
                    start = when_rules.event_start(day, at, zone)
                    met = rows.add_interaction(conn, Interaction(cid, "met", start, name))
                    out.append(("interaction", cid, met))
                    if due is not None or event is None or not event.follow_up:
                        continue
                    when = when_rules.event_follow_up(event.follow_up, day, at, zone)
                    reminder = Reminder(cid, when, zone.key, event_note(event), None, when)
                    out.append(("reminder", cid, rows.add_reminder(conn, reminder, at)))
                if due is not None:
                    where = names[0] if names else ""
                    text = note.strip() or default_note(where)
                    reminder = Reminder(cid, due, zone.key, text, None, due)
                    out.append(("reminder", cid, rows.add_reminder(conn, reminder, at)))
            return out

        return work

    def add_contacts(self, contacts: Sequence[Contact]) -> list[int]:
        """Save already-checked contacts (bulk loads, benchmarks) in one transaction."""
        return self.store.add(contacts)

    def edit(self, ref: str | int, edits: Edits, *, new_job: bool = False) -> Contact:
        """Apply ``edits`` to a contact; the change is checked before anything is written.

        With ``new_job``, a changed company or title is the person's new job: the old one is
        kept in their job history (`last_job_change` says so). Without it, the edit corrects
        the card and no history is written.

        Raises:
            NotFound: no such live contact.
            InvalidInput: a new value cannot be accepted, or a value to remove is not there.
        """
        cid = self.store.resolve(ref)
        region = self.region
        taxonomy = list(self.store.taxonomy().values())
        gone = replace(
            edits.remove,
            industries=[industry_rules.resolve(taxonomy, v).code for v in edits.remove.industries],
        )

        def change(current: Contact) -> Contact:
            trimmed = _remove(current, gone, region)
            card = replace(edits.add, fields={**edits.add.fields, **edits.set})
            return self.check(card, region=region, base=trimmed, unchecked=current.phones)

        self.last_job_change = self.store.update(cid, change, job_source="edit" if new_job else "")
        return self.get(cid)

    def set_talked_about(self, ref: str | int, event: str, text: str) -> Contact:
        """Change what was talked about at ``event`` (the meeting keeps its place and order).

        Raises:
            NotFound: no such live contact.
            InvalidInput: the contact was not met at that event.
        """
        cid = self.store.resolve(ref)

        def change(current: Contact) -> Contact:
            if event not in current.events:
                raise InvalidInput(f"this contact was not met at {event!r}")
            meetings = tuple(
                replace(m, talked_about=text.strip()) if m.event == event else m
                for m in current.meetings
            )
            return replace(current, meetings=meetings)

        self.store.update(cid, change)
        return self.get(cid)

    def merge(
        self, keep: str | int, other: str | int, *, choices: Mapping[str, str] | None = None
    ) -> tuple[Contact, int]:
        """Merge ``other`` into ``keep`` (see `merge_contacts` for the rules); ``other`` goes to
        the trash. ``choices`` picks single-valued fields (``{"company": value}``, the value
        either contact's), applied in the same transaction. Returns the merged contact and the
        merge's id (`undo_merge` takes it back).

        Raises:
            NotFound: either contact is not live.
            InvalidInput: both refs name the same contact, or a choice is not either's value.
        """
        from cardbox.domain.merge import FollowUps, merge_contacts, repeated

        kept_id, gone_id = self.store.resolve(keep), self.store.resolve(other)
        if kept_id == gone_id:
            raise InvalidInput("that is the same contact twice")
        picked = dict(choices or {})
        events = {e.name: e for e in self.events()}

        def repeats(
            kept: Contact, gone: Contact, kept_log: FollowUps, gone_log: FollowUps
        ) -> tuple[set[int], set[int]]:
            shared = [events[n] for n in kept.events if n in gone.events and n in events]
            return repeated(kept_log, gone_log, [event_note(e) for e in shared])

        merge_id = self.store.merge(
            kept_id, gone_id, lambda k, g: merge_contacts(k, g, picked), repeats
        )
        return self.get(kept_id), merge_id

    def add_into(self, card: Card, into: str | int, *, follow_up: str = "") -> Contact:
        """Save a card as part of someone already in the box (the "merge into them" answer when
        a card looks like someone known): the card is added, then merged into ``into`` by
        `merge` (so `undo_merge` takes it back out). A card the service itself recognises as
        that person with a new job is brought in as a job change instead.

        Raises:
            NotFound: ``into`` is not a live contact.
            InvalidInput: the card cannot be accepted; nothing is saved.
        """
        target = self.store.resolve(into)
        added = self.add(card, follow_up=follow_up)
        if added.id == target or self.last_job_change is not None:
            return added
        merged, _merge_id = self.merge(target, added.id or 0)
        return merged

    def undo_merge(self, merge_id: int | None = None) -> tuple[Contact, Contact]:
        """Take a merge back (the latest by default): both contacts as they were before it."""
        if merge_id is None:
            merge_id = self.store.last_merge()
            if merge_id is None:
                raise InvalidInput("no merge to undo")
        kept_id, gone_id = self.store.undo_merge(merge_id)
        return self.get(kept_id), self.get(gone_id)

    def remove(self, ref: str | int) -> Contact:
        """Move a contact to the trash."""
        contact = self.get(ref)
        assert contact.id is not None
        self.store.set_deleted([contact.id], True)
        return contact

    def restore(self, ref: str | int) -> Contact:
        """Bring a contact back from the trash."""
        cid = self.store.resolve(ref, trash=True)
        self.store.set_deleted([cid], False)
        return self.get(cid)

    def unconfirmed_readings(self) -> list[Contact]:
        """Live contacts whose reading (name or company) is only a suggestion, in name order."""
        from cardbox.store.read import unconfirmed_reading_ids

        return self.store.contacts(self.store.read(unconfirmed_reading_ids))

    def confirm_readings(self, refs: Sequence[str | int]) -> int:
        """Accept the suggested readings (name and company) of these contacts as they are.
        Returns how many had one to accept.

        Raises:
            NotFound: a ref names no live contact.
        """
        ids = [self.store.resolve(r) for r in refs]
        return self.store.confirm_readings(ids) if ids else 0

    def purge(self, refs: Sequence[str | int] = (), *, everything: bool = False) -> int:
        """Delete trashed contacts for good (only contacts already in the trash)."""
        if everything:
            ids, _ = self.store.list_ids(trash=True)
        else:
            ids = [self.store.resolve(r, trash=True) for r in refs]
        return self.store.purge(ids) if ids else 0

    def add_event(
        self,
        name: str,
        *,
        date: str | date | None = None,
        venue: str = "",
        organiser: str = "",
        notes: str = "",
        follow_up: str = "",
        follow_up_note: str = "",
    ) -> Event:
        """Create an event (or fill in details of the one with that name).

        ``follow_up`` (``3d``) makes every card logged at the event get a reminder that long
        after the event's date at 09:00 (due at once when that is past), with
        ``follow_up_note`` (``thank-you mail``); see `follow_ups`.
        """
        name = " ".join(name.split())
        if not name:
            raise InvalidInput("an event needs a name")
        when = _parse_date(date) if isinstance(date, str) else date
        if follow_up:  # refuse what could never be read when a card is logged
            when_rules.parse_when(follow_up, datetime.now(UTC), ZoneInfo("UTC"))
        self.store.save_event(
            Event(
                name=name,
                date=when,
                venue=venue.strip(),
                organiser=organiser,
                notes=notes,
                follow_up=follow_up.strip(),
                follow_up_note=follow_up_note.strip(),
            )
        )
        return next(e for e in self.events() if e.name == name)

    def add_industry(
        self,
        name_en: str,
        *,
        name_ja: str = "",
        parent: str | None = None,
        aliases: Sequence[str] = (),
    ) -> Industry:
        """Add a user-defined industry, optionally under an existing one."""
        taxonomy = list(self.store.taxonomy().values())
        name_en = name_en.strip()
        if not name_en:
            raise InvalidInput("an industry needs a name")
        if industry_rules.matching(taxonomy, name_en) and any(
            normalise(name_en) in (normalise(i.name_en), normalise(i.name_ja), i.code.casefold())
            for i in taxonomy
        ):
            raise InvalidInput(f"industry {name_en!r} already exists")
        top = industry_rules.resolve(taxonomy, parent) if parent else None
        slug = "".join(ch if ch.isalnum() else "-" for ch in normalise(name_en)).strip("-")
        prefix = f"{top.code.split('-')[0]}-" if top else "U-"
        code = prefix + (slug or "industry")
        while code in self.store.taxonomy():
            code += "-2"
        node = Industry(
            code=code,
            name_en=name_en,
            name_ja=name_ja.strip(),
            parent=top.code if top else None,
            aliases=tuple(a.strip() for a in aliases if a.strip()),
            user_defined=True,
        )
        self.store.save_industries([node])
        return node


def valid_zone(name: str) -> bool:
    """True for an IANA zone name this machine knows (``Asia/Tokyo``)."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def with_suggested_readings(contact: Contact) -> Contact:
    """``contact`` with readings suggested where a Japanese name or company has none.

    Suggested readings are marked unconfirmed (until the user types or accepts them): the name
    readings by ``reading_confirmed``, the company's by ``company_reading_confirmed``. A reading
    already there is never replaced. A suggestion is an extra: when the analyser fails on a
    value (SudachiPy refuses input over 49,149 bytes), there is none and the card is kept.
    """
    from cardbox.domain.readings import has_japanese, suggest_company_reading, suggest_reading

    changes: dict[str, Any] = {}
    name = contact.family_name + contact.given_name
    if has_japanese(name) and not (contact.family_reading or contact.given_reading):
        try:
            family, given = suggest_reading(contact.family_name, contact.given_name)
        except Exception:  # any analyser failure: no suggestion, never a lost card
            family = given = ""
        if family or given:
            changes.update(family_reading=family, given_reading=given, reading_confirmed=False)
    if has_japanese(contact.company) and not contact.company_reading:
        try:
            reading = suggest_company_reading(contact.company)
        except Exception:  # as above
            reading = ""
        if reading:
            changes.update(company_reading=reading, company_reading_confirmed=False)
    return replace(contact, **changes) if changes else contact


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"date {text!r}: expected YYYY-MM-DD, e.g. 2026-11-24") from None


def _remove(contact: Contact, gone: Card, region: str) -> Contact:
    """``contact`` without the items listed in ``gone`` (each must be present)."""
    errors: list[str] = []

    def keep(items: tuple[Any, ...], targets: list[str], key: Any, what: str) -> tuple[Any, ...]:
        out = list(items)
        for target in targets:
            wanted = normalise(target)
            hits = [i for i in out if wanted in key(i)]
            if not hits:
                errors.append(f"{what} {target!r} is not on this card")
            out = [i for i in out if i not in hits]
        return tuple(out)

    def phone_keys(p: Phone) -> set[str]:
        keys = {normalise(p.text), p.e164} - {""}
        with contextlib.suppress(InvalidInput):
            keys.add(parse_phone(p.text, region).e164)
        return keys

    def normalised_phone(text: str) -> str:
        try:
            return parse_phone(text, region).e164
        except InvalidInput:
            return normalise(text)

    phones = keep(contact.phones, [normalised_phone(t) for t in gone.phones], phone_keys, "phone")
    contact = replace(
        contact,
        phones=phones,
        emails=keep(contact.emails, gone.emails, lambda e: {normalise(e.address)}, "e-mail"),
        addresses=keep(
            contact.addresses,
            gone.addresses,
            lambda a: {normalise(a.one_line())},
            "address",
        ),
        urls=keep(contact.urls, gone.urls, lambda u: {normalise(u.url)}, "URL"),
        meetings=keep(contact.meetings, gone.events, lambda m: {normalise(m.event)}, "event"),
        industries=keep(contact.industries, gone.industries, lambda c: {normalise(c)}, "industry"),
        tags=keep(contact.tags, gone.tags, lambda t: {normalise(t)}, "tag"),
    )
    if errors:
        raise InvalidInput("\n".join(errors))
    return contact


__all__ = ["SCALARS", "Card", "CardBox", "Edits", "NotFound", "Page"]


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
        raise NoBox(
            f"there is no box at {target}: {init} creates one there, or check --db and $CARDBOX_DB"
        )
    missing = [p for p in reversed(target.parents) if not p.exists()]
    if missing and not folders and target.parent != data_folder().resolve():
        raise NoBox(
            f"the folder {target.parent} does not exist, so there is no box at {target}:"
            f" {init} creates the folder and the box"
        )
    for folder in missing:
        folder.mkdir(mode=0o700)  # for the user alone, like the box itself
    return [*missing, target]
