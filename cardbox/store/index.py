"""The search document of a contact: its text, normalised, in six weighted columns.

The document is computed in Python (NFKC, case fold, katakana to hiragana, romaji of readings,
phone numbers as digits in international and national form) and stored in ``contact_search``;
triggers keep the FTS5 trigram table ``contact_fts`` in step with it (sqlite-utils' pattern).
Values are joined with newlines so that no substring match runs from one field into the next.

Trigrams cannot answer one- and two-character queries (山田, 林), so the short fields (names,
readings, companies, roles, events, industries, tags) also go into ``contact_grams`` as every
one- and two-character gram. That table is contentless: this module adds and removes its rows,
recomputing the grams of the old document to delete them.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import astuple, dataclass

from cardbox.domain.model import Contact, Industry
from cardbox.domain.phones import digit_forms
from cardbox.domain.readings import suggest_word_readings
from cardbox.domain.romaji import romaji_forms, romaji_key
from cardbox.domain.text import normalise, romaji, sort_key
from cardbox.store.batches import batches

INDEX_VERSION = "4"
"""Bump when `document` or `grams` change: an open box whose index is older is re-indexed."""

_RUN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class SearchDoc:
    """The columns of ``contact_search``, in bm25 weight order (heaviest first)."""

    name: str
    company: str
    role: str
    labels: str
    reach: str
    notes: str


def _join(values: Iterable[str]) -> str:
    seen = dict.fromkeys(n for v in values if v and (n := normalise(v)))
    return "\n".join(seen)


def document(contact: Contact, taxonomy: Mapping[str, Industry]) -> SearchDoc:
    """Build the search document of ``contact``; ``taxonomy`` maps industry codes to industries."""
    c = contact
    names = [
        c.family_name,
        c.given_name,
        c.family_name + c.given_name,
        c.given_name + c.family_name,
        c.middle_name,
        c.formatted_name,
    ]
    names += [c.family_reading, c.given_reading, c.family_reading + c.given_reading]
    roman = [romaji(c.family_reading), romaji(c.given_reading)]
    names += [*roman, "".join(roman), "".join(reversed(roman))]
    # Folded romaji (kunrei, long vowels shortened) so Hepburn and kunrei spellings both find it.
    names += sorted(romaji_forms(f"{c.family_reading} {c.given_reading}".strip()))
    company = [
        c.company,
        c.company_reading,
        romaji(c.company_reading),
        romaji_key(c.company_reading),
    ]
    labels = [m.event for m in c.meetings]
    for code in c.industries:
        ind = taxonomy.get(code)
        if ind is not None:
            labels += [ind.name_en, ind.name_ja, *ind.aliases]
    labels += c.tags
    reach = [e.address for e in c.emails]
    for p in c.phones:
        reach.extend(digit_forms(p.e164) if p.e164 else (p.digits,))
    reach += [u.url for u in c.urls]
    for a in c.addresses:
        reach.append(a.one_line())
        reach.append(re.sub(r"\D", "", a.postal_code))
    notes = [c.notes]
    for m in c.meetings:
        notes += [m.talked_about, m.introduced_by]
    return SearchDoc(
        name=_join(names),
        company=_join(company),
        role=_join(_role(c.department, c.title)),
        labels=_join(labels),
        reach=_join(reach),
        notes=_join(notes),
    )


def _role(*texts: str) -> list[str]:
    """Department and title, with the suggested reading of their Japanese words and its romaji
    (so ``bengoshi``, ``bengosi`` and べんごし find 弁護士)."""
    out = list(texts)
    for text in texts:
        for reading in suggest_word_readings(text):
            out += [reading, romaji(reading), romaji_key(reading)]
    return out


def grams(*columns: str) -> str:
    """Every one- and two-character gram of the letter/digit runs in ``columns``, space-separated.

    A gram is a unicode61 token as long as it holds only letters and digits, which is why only
    runs of those are cut into grams (see `gram_text`).
    """
    out: dict[str, None] = {}
    for text in columns:
        for run in _RUN.findall(text):
            # Each character, then the pair it starts (the order the index was built in).
            for i in range(len(run) - 1):
                out[run[i]] = None
                out[run[i : i + 2]] = None
            out[run[-1]] = None
    return " ".join(out)


def gram_text(term: str) -> str:
    """The letters and digits of a short term: what can be looked up in ``contact_grams``."""
    return "".join(_RUN.findall(term))


def _gram_row(doc: tuple[str, str, str, str]) -> tuple[str, str, str]:
    name, company, role, labels = doc
    return grams(name), grams(company), grams(role, labels)


def contact_sort_key(c: Contact) -> str:
    """Sort by reading (あいうえお order), falling back to the written name."""
    return sort_key(c.family_reading or c.family_name, c.given_reading or c.given_name)


def remove_documents(conn: sqlite3.Connection, ids: Sequence[int]) -> None:
    """Remove the documents of ``ids`` from both indexes (inside the caller's transaction)."""
    for chunk in batches(ids):
        marks = ",".join("?" * len(chunk))
        old = conn.execute(
            "SELECT contact_id, name, company, role, labels FROM contact_search"
            f" WHERE contact_id IN ({marks})",
            chunk,
        ).fetchall()
        conn.executemany(
            "INSERT INTO contact_grams (contact_grams, rowid, g_name, g_company, g_more)"
            " VALUES ('delete', ?, ?, ?, ?)",
            [(row[0], *_gram_row(row[1:])) for row in old],
        )
        conn.execute(f"DELETE FROM contact_search WHERE contact_id IN ({marks})", chunk)


def write_documents(
    conn: sqlite3.Connection, contacts: Sequence[Contact], taxonomy: Mapping[str, Industry]
) -> None:
    """Replace the search documents of ``contacts`` (inside the caller's transaction).

    Trashed contacts get none: the trash is not searched.
    """
    remove_documents(conn, [c.id for c in contacts if c.id is not None])
    rows = [
        (c.id, contact_sort_key(c), *astuple(document(c, taxonomy)))
        for c in contacts
        if c.deleted is None
    ]
    conn.executemany(
        "INSERT INTO contact_search"
        " (contact_id, sort_key, name, company, role, labels, reach, notes)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.executemany(
        "INSERT INTO contact_grams (rowid, g_name, g_company, g_more) VALUES (?, ?, ?, ?)",
        [(row[0], *_gram_row(row[2:6])) for row in rows],
    )
