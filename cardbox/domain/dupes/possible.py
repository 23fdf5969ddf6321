"""Possible matches: pairs too weak to call duplicates that are worth a look, and whether a
shared channel makes two contacts one person."""

from __future__ import annotations

from cardbox.domain.dupes.evidence import (
    SAME_FAMILY_ONLY,
    Features,
    NamePart,
    name_evidence,
)

NAME_REASONS = ("same name", "similar name", "same family name", "one part of", "same company")
NOT_COUNTED = "(not counted: "
"""Reasons a possible match's own reason already says (and the channels it says don't count)."""

ALIKE_PREFIX = 2
"""Letters two Latin given names must begin with alike (Emma and Emily, Rob and Robert)."""


def _alike(a: NamePart, b: NamePart) -> bool:
    """Given names that may be one person's (a short form, a misremembered card): one is an
    initial or the start of the other, or, typed in Latin letters, they begin alike."""
    x, y = sorted((a.written, b.written), key=len)
    if not x or not y:
        return False
    if y.startswith(x):
        return True
    latin = a.script == b.script == "latin"
    return latin and len(x) >= ALIKE_PREFIX and x[:ALIKE_PREFIX] == y[:ALIKE_PREFIX]


def channel_agrees(a: Features, b: Features) -> bool:
    """True when a personal e-mail or phone that ``a`` and ``b`` share makes them one person:
    their names do not disagree (see `name_evidence`; a shared family name under two given
    names, or a name in one field sharing one word, is two people)."""
    points, _ = name_evidence(a, b)
    return points >= 0


def possible_match(
    a: Features, b: Features, shared_numbers: frozenset[str] = frozenset()
) -> tuple[int, str] | None:
    """Why ``a`` and ``b`` may be one person though nothing says they are, best first
    ``(rank, reason)``, or None. The one rule for "possible match" (``cardbox add``, import,
    `cardbox duplicates`, the app):

    0. a personal e-mail or phone shared under names that disagree in one part
       ("same phone, other given name": a family line, or a colleague's old number);
    1. the same full name, written or read ("same name, different company", "... no company
       to compare");
    2. a similar name (a typo) at the same company;
    3. the same family name at the same company with given names alike (Emma and Emily, 健
       and 健太, J. and John).
    """
    points, reason = name_evidence(a, b)
    same_company = bool(a.company) and a.company == b.company
    shared = set(a.personal_emails) & set(b.personal_emails) or (
        set(a.phones) & set(b.phones) - shared_numbers
    )
    if shared and points == SAME_FAMILY_ONLY:
        what = "e-mail" if set(a.personal_emails) & set(b.personal_emails) else "phone"
        other = "one name differs" if a.unordered or b.unordered else "other given name"
        return 0, f"same {what}, {other}"
    if reason.startswith("same name") and len(a.parts) == len(b.parts) == 2:
        if same_company:
            where = "same company"
        elif a.company and b.company:
            where = "different company"
        else:
            where = "no company to compare"
        return 1, f"same name, {where}"
    if reason.startswith("similar name") and same_company:
        return 2, f"{reason}, same company"
    if (
        same_company
        and points == SAME_FAMILY_ONLY
        and not (a.unordered or b.unordered)
        and _alike(a.parts[1], b.parts[1])
    ):
        return 3, "same family name, given names alike, same company"
    return None
