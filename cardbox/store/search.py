"""Search: a parsed `Query` to ranked contact ids, with plain sqlite3.

Terms of three characters or more go to the FTS5 trigram index ``contact_fts``; one- and
two-character terms (山田, 林, Jo) to the gram index ``contact_grams``, which covers the short
fields (names, readings, companies, roles, events, industries, tags). Every term is quoted, so
nothing a person types is FTS syntax. A short term is looked up by its letters and digits
(``t.`` as ``t``); one with none (``-``, ``(``) asks for nothing.

Ranking: bm25 with the name weighted heaviest when there are long terms; otherwise name matches,
then company matches, then the rest, each in reading order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from cardbox.domain.industry import matching, with_descendants
from cardbox.domain.model import Industry
from cardbox.domain.query import Query
from cardbox.store.index import gram_text
from cardbox.store.read import industries as read_industries

COLUMNS = ("name", "company", "role", "labels", "reach", "notes")
WEIGHTS = (10.0, 6.0, 3.0, 2.0, 3.0, 1.0)


@dataclass(frozen=True)
class Hits:
    """Ranked ids (best first), the number of matches in all, and notes for the user."""

    ids: list[int]
    total: int
    notes: list[str] = field(default_factory=list)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _contains(term: str, fts_columns: str, gram_columns: str) -> tuple[str, str]:
    """A subquery of the ids whose columns contain ``term``, and its parameter."""
    if len(term) >= 3:
        return "SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?", fts_columns + _quote(term)
    return "SELECT rowid FROM contact_grams WHERE contact_grams MATCH ?", gram_columns + _quote(
        term
    )


def _ids(conn: sqlite3.Connection, sql: str, params: Sequence[object]) -> str:
    """The ids a small lookup returns, as an SQL list (``NULL`` when there are none)."""
    return ",".join(str(int(r[0])) for r in conn.execute(sql, params)) or "NULL"


def search(
    conn: sqlite3.Connection, query: Query, *, limit: int | None = 50, count: bool = True
) -> Hits:
    """Ids of live contacts matching ``query``, best first.

    Only live contacts have search documents, so ``contact_search`` is the set searched.
    """
    where: list[str] = []
    params: list[object] = []
    notes: list[str] = []
    long_terms = [t for t in query.terms if len(t) >= 3]
    # A short term is looked up by its letters and digits; one with none ("-", "(") asks nothing.
    short_terms = [g for t in query.terms if len(t) < 3 and (g := gram_text(t))]
    score, score_params = "", list[object]()
    if long_terms:
        source = "contact_fts JOIN contact_search s ON s.contact_id = contact_fts.rowid"
        where.append("contact_fts MATCH ?")
        params.append(" ".join(_quote(t) for t in long_terms))
        score = f"bm25(contact_fts, {', '.join(map(str, WEIGHTS))}),"
    else:
        source = "contact_search s"
    for term in short_terms:
        sub, param = _contains(term, "", "")
        where.append(f"s.contact_id IN ({sub})")
        params.append(param)
    if short_terms and not long_terms:
        tiers: list[str] = []
        for column in ("g_name", "g_company"):
            sub, param = _contains(short_terms[0], "", f"{{{column}}} : ")
            tiers.append(f"WHEN s.contact_id IN ({sub}) THEN {len(tiers)}")
            score_params.append(param)
        score = f"CASE {' '.join(tiers)} ELSE {len(tiers)} END,"
    taxonomy: list[Industry] | None = None
    for flt in query.filters:
        if flt.field == "industry":
            taxonomy = taxonomy if taxonomy is not None else read_industries(conn, counts=False)
            codes = sorted(
                with_descendants(taxonomy, (i.code for i in matching(taxonomy, flt.value)))
            )
            if not codes:
                notes.append(f"no industry matches {flt.value!r} (see `cardbox industries`)")
            marks = ",".join("?" * len(codes))
            found = _ids(conn, f"SELECT id FROM industry WHERE code IN ({marks})", codes)
            where.append(
                "s.contact_id IN (SELECT contact_id FROM contact_industry"
                f" WHERE industry_id IN ({found}))"
            )
        elif flt.field == "event":
            found = _ids(conn, "SELECT id FROM event WHERE instr(name_norm, ?) > 0", [flt.value])
            where.append(
                f"s.contact_id IN (SELECT contact_id FROM meeting WHERE event_id IN ({found}))"
            )
        elif flt.field == "tag":
            found = _ids(conn, "SELECT id FROM tag WHERE name_norm = ?", [flt.value])
            where.append(
                f"s.contact_id IN (SELECT contact_id FROM contact_tag WHERE tag_id IN ({found}))"
            )
        elif flt.field == "company":
            value = flt.value if len(flt.value) >= 3 else gram_text(flt.value)
            if value:
                sub, param = _contains(value, "{company} : ", "{g_company} : ")
                where.append(f"s.contact_id IN ({sub})")
                params.append(param)
    sql_where = " AND ".join(where) or "1"
    rows = conn.execute(
        f"SELECT s.contact_id FROM {source} WHERE {sql_where}"
        f" ORDER BY {score} s.sort_key, s.contact_id LIMIT ?",
        (*params, *score_params, -1 if limit is None else limit),
    ).fetchall()
    ids = [r[0] for r in rows]
    total = len(ids)
    if count and limit is not None and total >= limit:
        total = conn.execute(f"SELECT count(*) FROM {source} WHERE {sql_where}", params).fetchone()[
            0
        ]
    return Hits(ids=ids, total=int(total), notes=notes)
