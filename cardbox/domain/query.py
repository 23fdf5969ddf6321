"""The search language shared by ``cardbox search``, ``cardbox export`` and the TUI's search box.

A query is free-text terms (all must match, anywhere in the contact) and fielded filters::

    yamada industry:legal event:"Shibuya 2026" tag:investor company:sakura

Quoted text is one term. A ``field:`` the language does not know is plain text, so ``10:30`` or
``mailto:x`` still search for themselves. Parsing never fails on what a person types; only a query
longer than `MAX_QUERY` characters is refused, with a message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cardbox.domain.companies import strip_legal_forms
from cardbox.domain.errors import InvalidInput
from cardbox.domain.text import normalise, strip_invisible

MAX_QUERY = 1000
"""Longest query accepted, in characters."""
MAX_TERMS = 16
"""Most terms and filters in one query."""
FIELDS = ("industry", "event", "tag", "company")
"""The fielded filters."""

_TOKEN = re.compile(r'(?:(\w+):)?(?:"([^"]*)"?|(\S+))')
_PHONE_LIKE = re.compile(r"^\+?[\d\s().\-]{2,}$")
# A number typed with spaces ("+81 3 1234 5678", "090 1234 5678") is one term, not four.
_SPACED_NUMBER = re.compile(r"(?<![\w+])(?:\+|0|\()[\d()]*(?:[ \-.][\d()]+)+(?!\w)")


@dataclass(frozen=True)
class Filter:
    """One ``field:value`` part of a query; the value is normalised."""

    field: str
    value: str


@dataclass(frozen=True)
class Query:
    """A parsed query: terms all of which must match, and filters all of which must hold."""

    terms: tuple[str, ...] = ()
    """Normalised free-text terms (phone-like terms reduced to their digits)."""
    filters: tuple[Filter, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when the query asks for nothing (matches every contact)."""
        return not self.terms and not self.filters


def without_legal_forms(text: str) -> str:
    """``text`` without the legal-form words of a company (株式会社, (株), ㈱, Inc. ...), as
    `cardbox.domain.companies` folds company names; unchanged when nothing else would be left.

    ``(株)サクラテック``, ``㈱サクラテック`` and ``サクラテック株式会社`` all search for
    ``サクラテック``, so they find 株式会社サクラテック however the card writes it; ``株式会社``
    alone still searches for itself.
    """
    stripped = strip_legal_forms(text)
    return stripped if stripped else text


def normalise_term(text: str) -> str:
    """Fold one term the way the index is folded; a phone-like term becomes its digits, and a
    company's legal form is left out (`without_legal_forms`)."""
    folded = normalise(text)
    digits = sum(ch.isdigit() for ch in folded)
    if _PHONE_LIKE.match(folded) and (digits >= 3 or (folded[0] == "+" and digits)):
        return re.sub(r"\D", "", folded)
    return normalise(without_legal_forms(text))


def parse_query(text: str) -> Query:
    """Parse what a person typed into a `Query`.

    Raises:
        InvalidInput: the query is longer than `MAX_QUERY` characters or has more than
            `MAX_TERMS` parts.
    """
    if len(text) > MAX_QUERY:
        raise InvalidInput("query.too_long", length=len(text), limit=MAX_QUERY)
    text = strip_invisible(text).replace("\u201c", '"').replace("\u201d", '"')
    text = text.replace("\uff02", '"')  # full-width quote, typed with a Japanese IME
    text = _SPACED_NUMBER.sub(lambda m: re.sub(r"[ ]", "", m.group(0)), text)
    terms: list[str] = []
    filters: list[Filter] = []
    for match in _TOKEN.finditer(text):
        field, quoted, bare = match.group(1), match.group(2), match.group(3)
        if field and field.casefold() in FIELDS:
            # An empty filter ("event:" while still typing) asks for nothing.
            value = quoted if quoted is not None else bare or ""
            if field.casefold() == "company":
                value = without_legal_forms(value)
            value = normalise(value)
            if value:
                filters.append(Filter(field.casefold(), value))
            continue
        raw = quoted if quoted is not None else (bare or "")
        if not field and raw.endswith(":") and raw[:-1].casefold() in FIELDS:
            continue
        if field:
            raw = f"{field}:{raw}"
        term = normalise_term(raw)
        if term:
            terms.append(term)
    if len(terms) + len(filters) > MAX_TERMS:
        raise InvalidInput("query.too_many_parts", count=len(terms) + len(filters), limit=MAX_TERMS)

    return Query(terms=tuple(dict.fromkeys(terms)), filters=tuple(dict.fromkeys(filters)))
