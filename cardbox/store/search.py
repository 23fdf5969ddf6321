"""Search: a parsed `Query` to ranked contact ids, with plain sqlite3, in milliseconds at 100k.

Terms of three characters or more are looked up in the FTS5 trigram index ``contact_fts``; one-
and two-character terms (山田, 林, Jo) in the gram index ``contact_grams``, which covers the short
fields (names, readings, companies, roles, events, industries, tags). Every term is quoted, so
nothing a person types is FTS syntax. A short term is looked up by its letters and digits (``t.``
as ``t``); one with none (``-``, ``(``) asks for nothing.

Ranking is by where the terms match: in the name, then in the company, then anywhere; within each
tier the newest card comes first. Each tier is one FTS query in rowid order with a LIMIT, which
FTS5 answers without visiting every match, so a common term costs no more than a rare one. The
other terms and the filters are checked per candidate row. Counting stops at `COUNT_CAP`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from cardbox.domain.industry import named_by, with_descendants
from cardbox.domain.model import Industry
from cardbox.domain.query import Query
from cardbox.domain.romaji import fold_romaji, is_romaji
from cardbox.store.index import gram_text
from cardbox.store.read import industries as read_industries

COUNT_CAP = 1000
"""Matches are counted up to this many; beyond it the total is reported as "1,000+"."""
BIG_FILTER = 3000
"""A filter matching more contacts than this is checked per row, walking everyone newest first."""


@dataclass(frozen=True)
class Hits:
    """Ranked ids (best first), how many matched in all, and notes for the user."""

    ids: list[int]
    total: int
    capped: bool = False
    """True when there are more than `total` matches (counting stopped at `COUNT_CAP`)."""
    notes: list[str] = field(default_factory=list)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _ids(conn: sqlite3.Connection, sql: str, params: Sequence[object]) -> list[int]:
    return [int(r[0]) for r in conn.execute(sql, params)]


def _listed(ids: Sequence[int]) -> str:
    return ",".join(map(str, ids)) or "NULL"


@dataclass
class _Filter:
    """A filter as a per-row check, and as a driver (its contacts, newest first)."""

    table: str
    key: str
    values: list[int]

    def check(self) -> str:
        return (
            f"EXISTS (SELECT 1 FROM {self.table} f WHERE f.contact_id = s.contact_id"
            f" AND f.{self.key} IN ({_listed(self.values)}))"
        )

    def size(self, conn: sqlite3.Connection) -> int:
        sql = f"SELECT count(*) FROM {self.table} WHERE {self.key} IN ({_listed(self.values)})"
        return int(conn.execute(sql).fetchone()[0])


class _Plan:
    """The SQL pieces of one query."""

    def __init__(self, conn: sqlite3.Connection, query: Query) -> None:
        self.conn = conn
        self.notes: list[str] = []
        self.checks: list[str] = []
        self.params: list[object] = []
        self.filters: list[_Filter] = []
        self.long = [t for t in query.terms if len(t) >= 3]
        self.short = [g for t in query.terms if len(t) < 3 and (g := gram_text(t))]
        self.company: list[str] = []
        for flt in query.filters:
            self._filter(flt.field, flt.value)
        # Short terms, when the long ones drive, are checked on the stored text of the row.
        for term in self.short if self.long else []:
            self._check_text(term, TEXT_COLUMNS)
        for value in self.company if (self.long or self.short) else self.company[1:]:
            self._check_text(value, ("company",))

    def _check_text(self, term: str, columns: Sequence[str]) -> None:
        self.checks.append("(" + " OR ".join(f"instr(s.{c}, ?) > 0" for c in columns) + ")")
        self.params.extend([term] * len(columns))

    def _filter(self, name: str, value: str) -> None:
        conn = self.conn
        if name == "industry":
            taxonomy: list[Industry] = read_industries(conn, counts=False)
            codes = sorted(with_descendants(taxonomy, (i.code for i in named_by(taxonomy, value))))
            if not codes:
                self.notes.append(f"no industry matches {value!r} (see `cardbox industries`)")
            marks = ",".join("?" * len(codes)) or "NULL"
            found = _ids(conn, f"SELECT id FROM industry WHERE code IN ({marks})", codes)
            self.filters.append(_Filter("contact_industry", "industry_id", found))
        elif name == "event":
            found = _ids(conn, "SELECT id FROM event WHERE instr(name_norm, ?) > 0", [value])
            self.filters.append(_Filter("meeting", "event_id", found))
        elif name == "tag":
            found = _ids(conn, "SELECT id FROM tag WHERE name_norm = ?", [value])
            self.filters.append(_Filter("contact_tag", "tag_id", found))
        elif name == "company":
            self.company.append(value)

    def where(self, skip: _Filter | None = None) -> tuple[str, list[object]]:
        checks = self.checks + [f.check() for f in self.filters if f is not skip]
        return "".join(f" AND {c}" for c in checks), list(self.params)

    # -- the text that drives -----------------------------------------------------------------

    def driver(self) -> _Driver | None:
        """The FTS table and expressions that find candidates, or None for filters only."""
        if self.long:
            return _Driver.trigram(self.long)
        if self.short:
            return _Driver.grams(self.short)
        if self.company:
            value = self.company[0]
            if len(value) >= 3:
                return _Driver.trigram([value], only="company")
            gram = gram_text(value)
            return _Driver.grams([gram], only="company") if gram else None
        return None


MAX_TRIGRAMS = 4
"""A long term is looked up by at most this many of its trigrams, then checked whole."""
TEXT_COLUMNS = ("name", "company", "role", "labels", "reach", "notes")


@dataclass
class _Driver:
    """An FTS table to find candidates in, by tier (name, company, anywhere)."""

    table: str
    terms: list[tuple[str, ...]]
    """The whole (normalised) terms, each with its alternatives (a romaji term: its folded
    spelling too, so that ``satou``, ``satoh`` and ``sato`` meet)."""
    phrases: list[str]
    """What is asked of FTS: each term quoted, or a spread of a long term's trigrams."""
    verify: list[tuple[str, ...]]
    """Terms looked up by some of their trigrams, so to be checked whole on the stored text."""
    only: str | None = None
    """Set for a ``company:`` filter that drives: match in that column only."""

    @classmethod
    def trigram(cls, terms: list[str], only: str | None = None) -> _Driver:
        phrases: list[str] = []
        verify: list[tuple[str, ...]] = []
        alternatives = [_spellings(t) for t in terms]
        for term, alts in zip(terms, alternatives, strict=True):
            if len(alts) > 1:
                phrases.append("(" + " OR ".join(_quote(a) for a in alts) + ")")
                continue
            grams = [term[i : i + 3] for i in range(len(term) - 2)]
            if len(grams) <= MAX_TRIGRAMS:
                phrases.append(_quote(term))
                continue
            # A long phrase makes FTS5 walk every trigram's posting list: use a spread of them.
            step = (len(grams) - 1) / (MAX_TRIGRAMS - 1)
            phrases.extend(
                _quote(g)
                for g in dict.fromkeys(grams[round(i * step)] for i in range(MAX_TRIGRAMS))
            )
            verify.append((term,))
        return cls("contact_fts", alternatives, phrases, verify, only)

    @classmethod
    def grams(cls, terms: list[str], only: str | None = None) -> _Driver:
        phrases = [_quote(t) for t in terms]
        return cls("contact_grams", [(t,) for t in terms], phrases, [], only)

    def match(self, column: str | None = None) -> str:
        """The MATCH expression, in one text column (``name``, ``company``) or in all."""
        column = column or self.only
        expr = " AND ".join(self.phrases)
        if column and self.table == "contact_grams":
            column = f"g_{column}"
        return f"{{{column}}} : ({expr})" if column else expr

    def verified(self, column: str | None = None) -> tuple[str, list[object]]:
        """Row checks for the terms FTS only half-answered, in one text column or any."""
        column = column or self.only
        return _in_text(self.verify, (column,) if column else TEXT_COLUMNS)

    def in_column(self, column: str) -> tuple[str, list[object]]:
        """Row checks that every term is in one text column (to rank a small result)."""
        return _in_text(self.terms, (column,))


def _spellings(term: str) -> tuple[str, ...]:
    """A term and, for romaji, its folded spelling when that is long enough for trigrams."""
    if is_romaji(term):
        folded = fold_romaji(term)
        if folded != term and len(folded) >= 3:
            return (term, folded)
    return (term,)


def _in_text(terms: Sequence[tuple[str, ...]], columns: Sequence[str]) -> tuple[str, list[object]]:
    sql, params = "", list[object]()
    for alts in terms:
        sql += " AND (" + " OR ".join(f"instr(s.{c}, ?) > 0" for _ in alts for c in columns) + ")"
        params.extend(a for a in alts for _ in columns)
    return sql, params


def search(
    conn: sqlite3.Connection, query: Query, *, limit: int | None = 50, count: bool = True
) -> Hits:
    """Ids of live contacts matching ``query``, best first.

    Only live contacts have search documents, so ``contact_search`` is the set searched.
    """
    plan = _Plan(conn, query)
    driver = plan.driver()
    if driver is not None:
        return _by_text(plan, driver, limit=limit)
    if plan.filters:
        return _by_filter(plan, limit=limit)
    # Nothing to match (only punctuation was typed): everyone, in reading order.
    rows = _ids(
        conn,
        "SELECT contact_id FROM contact_search ORDER BY sort_key, contact_id LIMIT ?",
        [-1 if limit is None else limit],
    )
    total = int(conn.execute("SELECT count(*) FROM contact_search").fetchone()[0])
    return Hits(rows, total, notes=plan.notes)


def _count(plan: _Plan, sql: str, params: list[object]) -> tuple[int, bool]:
    """How many rows ``sql`` gives, counting no further than `COUNT_CAP`."""
    n = int(
        plan.conn.execute(f"SELECT count(*) FROM ({sql} LIMIT {COUNT_CAP + 1})", params).fetchone()[
            0
        ]
    )
    return min(n, COUNT_CAP), n > COUNT_CAP


def _by_text(plan: _Plan, d: _Driver, *, limit: int | None) -> Hits:
    checks, params = plan.where()
    head = f"SELECT d.rowid FROM {d.table} d JOIN contact_search s ON s.contact_id = d.rowid"
    verify, verify_params = d.verified()
    base = f"{head} WHERE {d.table} MATCH ?{verify}{checks}"
    base_params: list[object] = [d.match(), *verify_params, *params]
    total, capped = _count(plan, base, base_params)
    want = -1 if limit is None else limit
    if not capped:
        # A few hundred matches at most: rank them all at once.
        if d.only:
            order, order_params = "", list[object]()
        else:
            name, name_params = d.in_column("name")
            company, company_params = d.in_column("company")
            order = f"CASE WHEN 1{name} THEN 0 WHEN 1{company} THEN 1 ELSE 2 END, "
            order_params = [*name_params, *company_params]
        ids = _ids(
            plan.conn,
            f"{base} ORDER BY {order}d.rowid DESC LIMIT ?",
            [*base_params, *order_params, want],
        )
        return Hits(ids, total, notes=plan.notes)
    # Many matches: one query per tier, each stopping as soon as it has enough.
    found: list[int] = []
    tiers: list[str | None] = [None] if d.only else ["name", "company", None]
    for column in tiers:
        need = None if limit is None else limit - len(found)
        if need is not None and need <= 0:
            break
        tier_verify, tier_params = d.verified(column)
        seen = f" AND d.rowid NOT IN ({_listed(found)})" if found else ""
        found += _ids(
            plan.conn,
            f"{head} WHERE {d.table} MATCH ?{tier_verify}{checks}{seen}"
            " ORDER BY d.rowid DESC LIMIT ?",
            [d.match(column), *tier_params, *params, -1 if need is None else need],
        )
    return Hits(found, total, capped=capped, notes=plan.notes)


def _by_filter(plan: _Plan, *, limit: int | None) -> Hits:
    sizes = {id(f): f.size(plan.conn) for f in plan.filters}
    driver = min(plan.filters, key=lambda f: sizes[id(f)])
    want = -1 if limit is None else limit
    if sizes[id(driver)] > BIG_FILTER:
        # Most contacts pass: walk everyone newest first and stop when there are enough.
        checks, params = plan.where()
        base = f"SELECT s.contact_id FROM contact_search s WHERE 1{checks}"
        order = "s.contact_id DESC"
    else:
        checks, params = plan.where(skip=driver)
        base = (
            f"SELECT DISTINCT d.contact_id FROM {driver.table} d"
            " JOIN contact_search s ON s.contact_id = d.contact_id"
            f" WHERE d.{driver.key} IN ({_listed(driver.values)}){checks}"
        )
        order = "d.contact_id DESC"
    ids = _ids(plan.conn, f"{base} ORDER BY {order} LIMIT ?", [*params, want])
    if limit is None or len(ids) < limit:
        return Hits(ids, len(ids), notes=plan.notes)
    total, capped = _count(plan, base, params)
    return Hits(ids, total, capped=capped, notes=plan.notes)
