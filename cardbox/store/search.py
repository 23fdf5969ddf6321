"""Search: a parsed `Query` to ranked contact ids, with plain sqlite3.

Terms of three characters or more go to the FTS5 trigram index, each quoted so that nothing a person
types is FTS syntax. Shorter terms (山田, 林) cannot use trigrams; they are matched with ``instr``
over the same normalised text, inside the FTS candidates when there are any, else over the table.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from cardbox.domain.industry import matching, with_descendants
from cardbox.domain.model import Industry
from cardbox.domain.query import Query
from cardbox.store.read import industries as read_industries

COLUMNS = ("name", "company", "role", "reach", "other")
WEIGHTS = (10.0, 6.0, 3.0, 3.0, 1.0)


@dataclass(frozen=True)
class Hits:
    """Ranked ids (best first), the number of matches in all, and notes for the user."""

    ids: list[int]
    total: int
    notes: list[str] = field(default_factory=list)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _anywhere(term: str) -> tuple[str, list[str]]:
    clause = " OR ".join(f"instr(s.{col}, ?) > 0" for col in COLUMNS)
    return f"({clause})", [term] * len(COLUMNS)


def search(
    conn: sqlite3.Connection,
    query: Query,
    *,
    limit: int | None = 50,
    count: bool = True,
) -> Hits:
    """Ids of live contacts matching ``query``, best first."""
    where = ["c.deleted_at IS NULL"]
    params: list[object] = []
    notes: list[str] = []
    long_terms = [t for t in query.terms if len(t) >= 3]
    short_terms = [t for t in query.terms if len(t) < 3]
    if long_terms:
        source = (
            "contact_fts JOIN contact_search s ON s.contact_id = contact_fts.rowid"
            " JOIN contact c ON c.id = s.contact_id"
        )
        where.append("contact_fts MATCH ?")
        params.append(" ".join(_quote(t) for t in long_terms))
        score = f"bm25(contact_fts, {', '.join(map(str, WEIGHTS))}),"
        score_params: list[object] = []
    else:
        source = "contact c JOIN contact_search s ON s.contact_id = c.id"
        score, score_params = "", []
        if short_terms:
            first = short_terms[0]
            score = (
                "CASE WHEN instr(s.name, ?) = 1 THEN 0 WHEN instr(s.name, ?) > 0 THEN 1"
                " WHEN instr(s.company, ?) > 0 THEN 2 ELSE 3 END,"
            )
            score_params = [first, first, first]
    for term in short_terms:
        clause, more = _anywhere(term)
        where.append(clause)
        params.extend(more)
    taxonomy: list[Industry] | None = None
    for flt in query.filters:
        if flt.field == "industry":
            taxonomy = taxonomy if taxonomy is not None else read_industries(conn, counts=False)
            codes = sorted(
                with_descendants(taxonomy, (i.code for i in matching(taxonomy, flt.value)))
            )
            if not codes:
                notes.append(f"no industry matches {flt.value!r} (see `cardbox industries`)")
            marks = ",".join("?" * len(codes)) or "NULL"
            where.append(
                "c.id IN (SELECT ci.contact_id FROM contact_industry ci JOIN industry i"
                f" ON i.id = ci.industry_id WHERE i.code IN ({marks}))"
            )
            params.extend(codes)
        elif flt.field == "event":
            where.append(
                "c.id IN (SELECT m.contact_id FROM meeting m JOIN event e ON e.id = m.event_id"
                " WHERE instr(e.name_norm, ?) > 0)"
            )
            params.append(flt.value)
        elif flt.field == "tag":
            where.append(
                "c.id IN (SELECT ct.contact_id FROM contact_tag ct JOIN tag t"
                " ON t.id = ct.tag_id WHERE t.name_norm = ?)"
            )
            params.append(flt.value)
        elif flt.field == "company":
            where.append("instr(s.company, ?) > 0")
            params.append(flt.value)
    sql_where = " AND ".join(where)
    rows = conn.execute(
        f"SELECT c.id FROM {source} WHERE {sql_where} ORDER BY {score} c.sort_key, c.id LIMIT ?",
        (*params, *score_params, -1 if limit is None else limit),
    ).fetchall()
    ids = [r[0] for r in rows]
    total = len(ids)
    if count and limit is not None and total >= limit:
        total = conn.execute(f"SELECT count(*) FROM {source} WHERE {sql_where}", params).fetchone()[
            0
        ]
    return Hits(ids=ids, total=int(total), notes=notes)
