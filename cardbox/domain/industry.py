"""Matching what a person types against the industry taxonomy.

Two questions, one rule each:

* `named_by` (the ``industry:`` search filter): every industry whose code is the text, or whose
  English or Japanese name or alias contains it: Japanese anywhere (``不動産`` is part of
  不動産業界), Latin at the start of a word (``real`` in "Real estate", but ``pit`` not in
  "Hospitality"), and Latin of one or two letters as a whole word (``IT``, never every "it").
* `matching` (naming one industry for a card): an exact code, name or alias first, else
  `named_by`; `resolve` wants exactly one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cardbox.domain.errors import InvalidInput
from cardbox.domain.model import Industry
from cardbox.domain.text import normalise


def _names(i: Industry) -> list[str]:
    return [normalise(n) for n in (i.code, i.name_en, i.name_ja, *i.aliases) if n]


def _part_of(value: str) -> re.Pattern[str]:
    """``value`` as part of a name: anywhere; a Latin value at a word's start, and one of one
    or two characters (``G``, ``IT``) only as a whole word."""
    if not (value[:1].isascii() and value[:1].isalnum()):
        return re.compile(re.escape(value))
    tail = "(?![a-z0-9])" if len(value) < 3 else ""
    return re.compile("(?<![a-z0-9])" + re.escape(value) + tail)


def named_by(taxonomy: Iterable[Industry], value: str) -> list[Industry]:
    """Industries whose code is ``value`` or one of whose names or aliases contains it (see the
    module notes), in taxonomy order."""
    value = normalise(value)
    if not value:
        return []
    part = _part_of(value)
    return [
        i
        for i in taxonomy
        if normalise(i.code) == value
        or any(part.search(n) for n in _names(i) if n != normalise(i.code))
    ]


def matching(taxonomy: Iterable[Industry], value: str) -> list[Industry]:
    """Industries named by ``value``: exact code, name or alias first, else `named_by`."""
    value = normalise(value)
    nodes = list(taxonomy)
    exact = [i for i in nodes if value in _names(i)]
    if exact or not value:
        return exact
    return named_by(nodes, value)


def resolve(taxonomy: Iterable[Industry], value: str) -> Industry:
    """The one industry ``value`` names.

    Raises:
        InvalidInput: nothing matches, or several do (the message lists them).
    """
    found = matching(taxonomy, value)
    if len(found) == 1:
        return found[0]
    if not found:
        raise InvalidInput("industry.unknown", name=value, field="industries")
    names = ", ".join(f"{i.code} ({i.name_en})" for i in found[:8])
    raise InvalidInput("industry.ambiguous", name=value, names=names, field="industries")


def with_descendants(taxonomy: Iterable[Industry], codes: Iterable[str]) -> set[str]:
    """The codes given and the codes of every industry below them."""
    children: dict[str, list[str]] = {}
    for i in taxonomy:
        if i.parent:
            children.setdefault(i.parent, []).append(i.code)
    chosen = set(codes)
    todo = list(chosen)
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in chosen:
                chosen.add(child)
                todo.append(child)
    return chosen
