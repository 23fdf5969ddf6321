"""How likely two contacts are one person: points for the evidence, a score in 0..1."""

from __future__ import annotations

from dataclasses import dataclass

from cardbox.domain.dupes.evidence import (
    DUPLICATE_THRESHOLD,
    POINTS_FOR_CERTAIN,
    SAME_COMPANY,
    SAME_EMAIL,
    SAME_FAMILY_ONLY,
    SAME_PHONE,
    Features,
    name_evidence,
)


@dataclass(frozen=True)
class Match:
    """How likely two contacts are one person: a score in 0..1 and the reasons for it."""

    score: float
    reasons: tuple[str, ...]
    likely: bool = True
    """False for a possible match (`possible_match`): too weak to call a duplicate, worth a
    look; its first reason says why."""


def score_pair(a: Features, b: Features, shared_numbers: frozenset[str] = frozenset()) -> Match:
    """How likely ``a`` and ``b`` are one person (see `cardbox.domain.dupes` for the points).

    ``shared_numbers`` are company switchboard numbers (`switchboard_numbers`): they never count.
    """
    points = 0.0
    reasons: list[str] = []
    name_points, name_reason = name_evidence(a, b)
    # Two given names that differ under one family name are two people (a family mailbox such
    # as uchida@ or suzuki-family@, a home phone): what they share then proves nothing.
    channels_count = name_points != SAME_FAMILY_ONLY
    other = "one name differs" if a.unordered or b.unordered else "other given name"
    unless = "" if channels_count else f" (not counted: {other})"
    emails = sorted(set(a.personal_emails).intersection(b.personal_emails))
    if emails:
        points += SAME_EMAIL if channels_count else 0.0
        reasons.append(f"same personal e-mail {emails[0]}{unless}")
    phones = set(a.phones).intersection(b.phones)
    own = sorted(phones - shared_numbers)
    if own:
        points += SAME_PHONE if channels_count else 0.0
        reasons.append(f"same phone {own[0]}{unless}")
    points += name_points
    if name_reason:
        reasons.append(name_reason)
    if _reading_equal(a, b):
        reasons.append("same reading")
    if a.company and a.company == b.company:
        points += SAME_COMPANY
        reasons.append("same company")
    role = sorted(set(a.role_emails).intersection(b.role_emails))
    reasons += [f"shared role mailbox {e} (not counted)" for e in role]
    reasons += [f"shared switchboard {p} (not counted)" for p in sorted(phones & shared_numbers)]
    score = min(1.0, max(0.0, points / POINTS_FOR_CERTAIN))
    return Match(score=round(score, 4), reasons=tuple(reasons))


def _reading_equal(a: Features, b: Features) -> bool:
    return bool(a.sound_key) and a.sound_key == b.sound_key


def is_duplicate(match: Match) -> bool:
    """True when a match is likely one person: ``match.score >= DUPLICATE_THRESHOLD``."""
    return match.likely and match.score >= DUPLICATE_THRESHOLD
