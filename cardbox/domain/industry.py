"""Matching what a person types against the industry taxonomy."""

from __future__ import annotations

from collections.abc import Iterable

from cardbox.domain.errors import InvalidInput
from cardbox.domain.model import Industry
from cardbox.domain.text import normalise


def _names(i: Industry) -> list[str]:
    return [normalise(n) for n in (i.code, i.name_en, i.name_ja, *i.aliases) if n]


def matching(taxonomy: Iterable[Industry], value: str) -> list[Industry]:
    """Industries named by ``value``: exact code, name or alias first, else those containing it."""
    value = normalise(value)
    nodes = list(taxonomy)
    exact = [i for i in nodes if value in _names(i)]
    if exact or not value:
        return exact
    return [i for i in nodes if any(value in n for n in _names(i))]


def resolve(taxonomy: Iterable[Industry], value: str) -> Industry:
    """The one industry ``value`` names.

    Raises:
        InvalidInput: nothing matches, or several do (the message lists them).
    """
    found = matching(taxonomy, value)
    if len(found) == 1:
        return found[0]
    if not found:
        raise InvalidInput(
            f"unknown industry {value!r}: see `cardbox industries`, "
            "or add your own with `cardbox industries add`"
        )
    names = ", ".join(f"{i.code} ({i.name_en})" for i in found[:8])
    raise InvalidInput(f"industry {value!r} is ambiguous: {names}; use the code")


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
