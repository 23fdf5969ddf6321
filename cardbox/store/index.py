"""The search document of a contact: its text, normalised, in five weighted columns.

The document is computed in Python (NFKC, case fold, katakana to hiragana, romaji of readings,
phone numbers as digits in international and national form) and stored in ``contact_search``;
triggers keep the FTS5 trigram table ``contact_fts`` in step with it (sqlite-utils' pattern).
Values are joined with newlines so that no substring match runs from one field into the next.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import astuple, dataclass

from cardbox.domain.model import Contact, Industry
from cardbox.domain.phones import digit_forms
from cardbox.domain.text import normalise, romaji, sort_key

INDEX_VERSION = "1"
"""Bump when `document` changes: an open box whose index is older is re-indexed."""


@dataclass(frozen=True)
class SearchDoc:
    """The five columns of ``contact_search``, in bm25 weight order (heaviest first)."""

    name: str
    company: str
    role: str
    reach: str
    other: str


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
    ]
    names += [c.family_reading, c.given_reading, c.family_reading + c.given_reading]
    roman = [romaji(c.family_reading), romaji(c.given_reading)]
    names += [*roman, "".join(roman), "".join(reversed(roman))]
    company = [c.company, c.company_reading, romaji(c.company_reading)]
    reach = [e.address for e in c.emails]
    for p in c.phones:
        reach.extend(digit_forms(p.e164))
    reach += [u.url for u in c.urls]
    for a in c.addresses:
        reach.append(a.one_line())
        reach.append(re.sub(r"\D", "", a.postal_code))
    other = [c.notes]
    for m in c.meetings:
        other += [m.event, m.talked_about, m.introduced_by]
    for code in c.industries:
        ind = taxonomy.get(code)
        if ind is not None:
            other += [ind.name_en, ind.name_ja, *ind.aliases]
    other += c.tags
    return SearchDoc(
        name=_join(names),
        company=_join(company),
        role=_join([c.department, c.title]),
        reach=_join(reach),
        other=_join(other),
    )


def contact_sort_key(c: Contact) -> str:
    """Sort by reading (あいうえお order), falling back to the written name."""
    return sort_key(c.family_reading or c.family_name, c.given_reading or c.given_name)


def write_documents(
    conn: sqlite3.Connection,
    contacts: Sequence[Contact],
    taxonomy: Mapping[str, Industry],
) -> None:
    """Replace the search documents of ``contacts`` (inside the caller's transaction)."""
    ids = [(c.id,) for c in contacts]
    conn.executemany("DELETE FROM contact_search WHERE contact_id = ?", ids)
    conn.executemany(
        "INSERT INTO contact_search (contact_id, name, company, role, reach, other)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [(c.id, *astuple(document(c, taxonomy))) for c in contacts],
    )
