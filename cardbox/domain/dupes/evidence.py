"""What duplicate detection compares: the `Features` of a contact, the weights, and how two
names compare (`name_evidence`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

from cardbox.domain.companies import company_key
from cardbox.domain.merge import is_role_address
from cardbox.domain.model import Contact
from cardbox.domain.readings import fold_variants
from cardbox.domain.romaji import fold_romaji, is_romaji, romaji_key
from cardbox.domain.text import is_kana, normalise

DUPLICATE_THRESHOLD = 0.5
"""`is_duplicate` holds from this score up (2.5 points; see the module notes)."""

POINTS_FOR_CERTAIN = 5.0
"""Points that map to a score of 1.0."""

SAME_EMAIL = 3.0
SAME_PHONE = 2.5
SAME_NAME = 2.0
SIMILAR_NAME = 1.5
SAME_COMPANY = 1.0
SAME_GIVEN_ONLY = 0.3
PART_OF_NAME = 0.3
SAME_FAMILY_ONLY = -1.5
DIFFERENT_NAMES = -3.0

SIMILAR_PART = 0.75
"""Least similarity of each name part for a typo'd name."""
SIMILAR_WHOLE = 0.85
"""Least similarity of the whole name for a typo'd name."""

_NOT_ALNUM = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Match:
    """How likely two contacts are one person: a score in 0..1 and the reasons for it."""

    score: float
    reasons: tuple[str, ...]
    likely: bool = True
    """False for a possible match (`possible_match`): too weak to call a duplicate, worth a
    look; its first reason says why."""


@dataclass(frozen=True)
class NamePart:
    """One part of a name (family or given) as compared."""

    written: str
    """Normalised written form: ``"山田"``, ``"やまだ"``, ``"yamada"``."""
    sound: str
    """Folded romaji of its reading (``"yamada"``), ``""`` when not known."""
    typed: bool
    """True when the sound comes from Latin letters someone typed (so typos are possible)."""
    script: str
    """``"latin"``, ``"kana"`` or ``"kanji"``: the script of ``written``."""


@dataclass(frozen=True, slots=True)
class Features:
    """What duplicate detection looks at in a contact, computed once per contact.

    Small on purpose (slots, tuples, shared name parts): `cardbox duplicates` holds one per live
    contact.
    """

    parts: tuple[NamePart, ...]
    """Family then given; one or two parts, none when the contact has no name."""
    phones: tuple[str, ...]
    personal_emails: tuple[str, ...]
    role_emails: tuple[str, ...]
    company: str
    sound_key: str
    """The folded reading of the whole name, parts sorted (``""`` if a part has none)."""
    unordered: bool = False
    """True when the name was one field cut into words ("Ann Lee" in N's family name), so
    which part is the family name is not known."""


def _written(text: str) -> str:
    text = unicodedata.normalize("NFKD", normalise(fold_variants(text)))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=1 << 16)
def _part(name: str, reading: str) -> NamePart:
    """The compared form of one name part (cached: family names repeat a lot)."""
    sound, typed = "", False
    if reading:
        sound = romaji_key(reading).replace(" ", "")
        typed = bool(sound) and is_romaji(reading)
    if not sound and is_kana(normalise(name)):
        sound = romaji_key(name).replace(" ", "")
    if not sound and is_romaji(name):
        sound, typed = fold_romaji(name).replace(" ", ""), True
    written = _written(name)
    return NamePart(written, sound, typed, _script(written))


@lru_cache(maxsize=1 << 16)
def _name(
    family: str, given: str, family_reading: str, given_reading: str
) -> tuple[tuple[NamePart, ...], str, bool]:
    """The compared parts of a name, its sound key, and whether the parts' order is unknown
    (cached: names repeat a lot)."""
    names = [(family.strip(), family_reading), (given.strip(), given_reading)]
    present = [(n, r) for n, r in names if n]
    parts: tuple[NamePart, ...]
    unordered = False
    if len(present) == 2:
        parts = tuple(_part(n, r) for n, r in present)
    elif not present:
        parts = ()
    else:
        # One field holds the name: split "Taro Yamada" or "山田 太郎" into words (the order is
        # not known, but names are compared in both orders anyway).
        name, reading = present[0]
        words, sounds = name.split(), reading.split()
        if len(words) >= 2:
            if len(sounds) != len(words):
                sounds = [""] * len(words)
            parts = (_part(words[0], sounds[0]), _part(words[-1], sounds[-1]))
            unordered = True
        else:
            parts = (_part(name, reading),)
    return parts, _sound_key(parts), unordered


@lru_cache(maxsize=1 << 14)
def company_of(name: str) -> str:
    return company_key(name) if name.strip() else ""


def features(c: Contact) -> Features:
    """The features of ``c`` that `score_pair` compares."""
    return features_of(
        c.family_name,
        c.given_names,
        c.family_reading,
        c.given_reading,
        c.company,
        (p.e164 for p in c.phones if p.e164),
        (e.address for e in c.emails),
    )


def features_of(
    family: str,
    given: str,
    family_reading: str,
    given_reading: str,
    company: str,
    phones: Iterable[str],
    emails: Iterable[str],
    known_key: str | None = None,
) -> Features:
    """`features` from a contact's fields (E.164 phones, e-mail addresses), for reading many
    contacts straight from rows without building `Contact` values. ``known_key`` is the
    company's `company_key` when already known (the store keeps it)."""
    mails = dict.fromkeys(m for e in emails if (m := e.strip().casefold()))
    role = tuple(e for e in mails if is_role_address(e))
    parts, sound, unordered = _name(family, given, family_reading, given_reading)
    return Features(
        parts=parts,
        phones=tuple(dict.fromkeys(p for p in phones if p)),
        personal_emails=tuple(e for e in mails if e not in role),
        role_emails=role,
        company=company_of(company) if known_key is None else known_key,
        sound_key=sound,
        unordered=unordered,
    )


def _ratio(a: str, b: str) -> float:
    return float(Indel.normalized_similarity(a, b)) if a and b else 0.0


def _same(a: NamePart, b: NamePart) -> bool:
    return bool(a.written and a.written == b.written) or bool(a.sound and a.sound == b.sound)


def _similar(a: NamePart, b: NamePart) -> float:
    """Similarity of two parts; sounds only count when one of them was typed in Latin letters."""
    if _same(a, b):
        return 1.0
    best = 0.0
    if (a.typed or b.typed) and a.sound and b.sound:
        best = _ratio(a.sound, b.sound)
    if a.script == b.script == "latin":
        best = max(best, _ratio(a.written, b.written))
    return best


def _script(written: str) -> str:
    if is_romaji(written):
        return "latin"
    return "kana" if is_kana(written) else "kanji"


def _comparable(a: NamePart, b: NamePart) -> bool:
    """True when the parts can be told apart: both have a reading, or both share a script."""
    return bool(a.sound and b.sound) or (bool(a.written and b.written) and a.script == b.script)


def name_evidence(a: Features, b: Features) -> tuple[float, str]:
    """Points and a reason for how the names of ``a`` and ``b`` compare (``SAME_NAME``,
    ``SIMILAR_NAME`` ... or 0 when they cannot be compared)."""
    if not a.parts or not b.parts:
        return 0.0, ""
    if len(a.parts) == 1 or len(b.parts) == 1:
        one, other = (a, b) if len(a.parts) == 1 else (b, a)
        single = one.parts[0]
        if len(other.parts) == 1:
            if _same(single, other.parts[0]):
                return SAME_NAME, "same name"
            sim = _similar(single, other.parts[0])
            if sim >= SIMILAR_WHOLE:
                return SIMILAR_NAME, f"similar name ({sim:.2f})"
        elif any(_same(single, p) for p in other.parts):
            return PART_OF_NAME, "one name is part of the other"
        if not any(_comparable(single, p) for p in other.parts):
            return 0.0, ""
        return DIFFERENT_NAMES, "different names"
    (fa, ga), (fb, gb) = a.parts, b.parts
    alignments = ((fb, gb, ""), (gb, fb, " (order swapped)"))
    for f2, g2, note in alignments:
        if _same(fa, f2) and _same(ga, g2):
            return SAME_NAME, "same name" + note
    whole = 0.0
    for f2, g2, _ in alignments:
        if min(_similar(fa, f2), _similar(ga, g2)) < SIMILAR_PART:
            continue
        if all(p.sound for p in (fa, ga, f2, g2)):
            whole = max(whole, _ratio(fa.sound + ga.sound, f2.sound + g2.sound))
        if all(p.script == "latin" for p in (fa, ga, f2, g2)):
            whole = max(whole, _ratio(fa.written + ga.written, f2.written + g2.written))
    if whole >= SIMILAR_WHOLE:
        return SIMILAR_NAME, f"similar name ({whole:.2f})"
    if (a.unordered or b.unordered) and any(_same(x, y) for x in (fa, ga) for y in (fb, gb)):
        # "Ann Lee" and "Bob Lee" typed in one field: which part is the family name is not
        # known, so a shared part is taken for the family name (two people), never a married
        # name (one person).
        return SAME_FAMILY_ONLY, "one part of the name shared, the other differs"
    if _same(ga, gb):
        return SAME_GIVEN_ONLY, "same given name, other family name"
    if _same(fa, fb):
        return SAME_FAMILY_ONLY, "same family name, other given name"
    if not (_comparable(fa, fb) or _comparable(ga, gb)):
        return 0.0, ""
    return DIFFERENT_NAMES, "different names"


def _sound_key(parts: tuple[NamePart, ...]) -> str:
    sounds = [p.sound for p in parts]
    if not sounds or not all(sounds):
        return ""
    return "".join(sorted(sounds))
