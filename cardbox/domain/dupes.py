"""Duplicate contacts: how likely two contacts are one person, and why.

`score_pair` weighs the evidence as points, then maps them to a score in 0..1
(``score = clamp(points / 5)``); `is_duplicate` is ``score >= DUPLICATE_THRESHOLD`` (0.5, that is
2.5 points). The points:

* same personal e-mail (never a role mailbox such as info@): +3.0
* same phone, E.164 (never a company switchboard): +2.5
* same name, family and given, written or by reading: +2.0
* similar name (a typo in a name typed in Latin letters): +1.5
* same company (`company_key`): +1.0
* same given name, other family name (a married name): +0.3
* one name is only part of the other ("Taro" and 山田太郎): +0.3
* same family name, other given name (relatives, colleagues): -1.5
* different names: -3.0
* names that cannot be compared (山田太郎 without a reading against "Taro Yamada"), or a
  missing name: 0

A shared e-mail or phone counts for nothing when the family names agree and the given names
differ (内田 豊 and 内田 理恵 sharing uchida@ or a home phone are a family, not one person).

So a contact channel (personal e-mail or phone) with a name that does not contradict it is enough,
and so is the same name at the same company; a name alone is not (namesakes), nor is a shared
number or company with another person's name. Shared role mailboxes and switchboard numbers
(given by the caller as ``shared_numbers``, see `switchboard_numbers`) are named in the reasons
but count for nothing.

How the weights and the threshold were chosen: by reasoning about the cases above, before any
labelled pair was scored. Generated pairs from other seeds than the committed one
(tests/domain/data/make_pairs.py --seed N) then showed one bug (a kanji name without reading
counted as "different" from its own katakana), which was fixed; the weights were not changed
after the committed pairs (tests/domain/data/pairs.json) were scored.

Names are compared part by part, written (NFKC, kana script and width folded, variant kanji such as
髙/高 folded) and by reading (folded romaji, so やまだ, ﾔﾏﾀﾞ and "Yamada" meet), with rapidfuzz for
similarity. Readings are exact: two Japanese readings that differ are two names (さとう/さいとう),
so only names typed in Latin letters can be "similar" by a typo.

To avoid comparing all pairs, `block_keys` gives each contact keys (phones, personal e-mails,
reading, written name, one part written and one read, and company with each name part typed in
Latin letters, for typos); `candidate_pairs` and `find_duplicates` compare only contacts that
share one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
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
class _Part:
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

    parts: tuple[_Part, ...]
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
def _part(name: str, reading: str) -> _Part:
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
    return _Part(written, sound, typed, _script(written))


@lru_cache(maxsize=1 << 16)
def _name(
    family: str, given: str, family_reading: str, given_reading: str
) -> tuple[tuple[_Part, ...], str, bool]:
    """The compared parts of a name, its sound key, and whether the parts' order is unknown
    (cached: names repeat a lot)."""
    names = [(family.strip(), family_reading), (given.strip(), given_reading)]
    present = [(n, r) for n, r in names if n]
    parts: tuple[_Part, ...]
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
def _company(name: str) -> str:
    return company_key(name) if name.strip() else ""


def features(c: Contact) -> Features:
    """The features of ``c`` that `score_features` compares."""
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
        company=_company(company) if known_key is None else known_key,
        sound_key=sound,
        unordered=unordered,
    )


def _ratio(a: str, b: str) -> float:
    return float(Indel.normalized_similarity(a, b)) if a and b else 0.0


def _same(a: _Part, b: _Part) -> bool:
    return bool(a.written and a.written == b.written) or bool(a.sound and a.sound == b.sound)


def _similar(a: _Part, b: _Part) -> float:
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


def _comparable(a: _Part, b: _Part) -> bool:
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


def score_features(a: Features, b: Features, shared_numbers: frozenset[str] = frozenset()) -> Match:
    """`score_pair` on features computed beforehand (for scoring many pairs)."""
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


def score_pair(a: Contact, b: Contact, shared_numbers: frozenset[str] = frozenset()) -> Match:
    """How likely ``a`` and ``b`` are one person (see the module notes for the points).

    ``shared_numbers`` are company switchboard numbers (`switchboard_numbers`): they never count.
    """
    return score_features(features(a), features(b), shared_numbers)


def is_duplicate(match: Match) -> bool:
    """True when a match is likely one person: ``match.score >= DUPLICATE_THRESHOLD``."""
    return match.likely and match.score >= DUPLICATE_THRESHOLD


def _sound_key(parts: tuple[_Part, ...]) -> str:
    sounds = [p.sound for p in parts]
    if not sounds or not all(sounds):
        return ""
    return "".join(sorted(sounds))


def block_keys(c: Contact, shared_numbers: frozenset[str] = frozenset()) -> set[str]:
    """Keys under which ``c`` is compared with others: only contacts sharing a key are paired.

    ``tel:`` E.164 phones (not switchboards), ``mail:`` personal e-mails, ``read:`` the folded
    reading of the whole name and ``name:`` the written name (both in either order), and
    ``fg:``/``gf:`` one part written and the other read (山田 さくら and 山田 桜), and ``co:`` the
    company with each name part typed in Latin letters (where typos happen).
    """
    return block_keys_of(features(c), shared_numbers)


def block_keys_of(f: Features, shared_numbers: frozenset[str] = frozenset()) -> set[str]:
    """`block_keys` on features computed beforehand."""
    keys = {f"tel:{p}" for p in f.phones if p not in shared_numbers}
    keys |= {f"mail:{e}" for e in f.personal_emails}
    if f.sound_key:
        keys.add(f"read:{f.sound_key}")
    if len(f.parts) == 2:
        # One part written, the other read: 山田 さくら meets 山田 桜 (read やまだ さくら).
        family, given = f.parts
        if family.written and given.sound:
            keys.add(f"fg:{family.written}|{given.sound}")
        if family.sound and given.written:
            keys.add(f"gf:{family.sound}|{given.written}")
    written = [p.written for p in f.parts]
    if written and all(written):
        keys.add("name:" + "".join(sorted(written)))
    if f.company:
        # Names typed in Latin letters can hold a typo that the other keys would miss.
        keys |= {f"co:{f.company}|{p.sound}" for p in f.parts if p.typed}
    return keys


def switchboard_numbers(contacts: Iterable[Contact], min_contacts: int = 3) -> frozenset[str]:
    """Numbers shared by ``min_contacts`` or more contacts of the same company (a switchboard)."""
    return switchboard_of(
        ((_company(c.company), (p.e164 for p in c.phones if p.e164)) for c in contacts),
        min_contacts,
    )


def switchboard_of(
    holders: Iterable[tuple[str, Iterable[str]]], min_contacts: int = 3
) -> frozenset[str]:
    """`switchboard_numbers` from ``(company key, phones)`` per contact (`Features` give both)."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for company, phones in holders:
        if not company:
            continue
        for p in {p for p in phones if p}:
            counts[(company, p)] += 1
    return frozenset(p for (_, p), n in counts.items() if n >= min_contacts)


def candidate_pairs(
    contacts: Sequence[Contact],
    shared_numbers: frozenset[str] = frozenset(),
    max_block: int = 1000,
) -> Iterator[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of contacts that share a block key, each pair once.

    A key shared by more than ``max_block`` contacts is skipped (it identifies no one).
    """
    return candidate_pairs_of([features(c) for c in contacts], shared_numbers, max_block)


def find_duplicates(
    contacts: Sequence[Contact], shared_numbers: frozenset[str] | None = None
) -> list[tuple[int, int, Match]]:
    """Likely duplicate pairs among ``contacts`` as ``(i, j, match)``, best first, then the
    possible matches (``match.likely`` False, see `possible_match`).

    ``shared_numbers`` defaults to `switchboard_numbers` of ``contacts``.
    """
    return duplicates_of([features(c) for c in contacts], shared_numbers)


def duplicates_of(
    feats: Sequence[Features], shared_numbers: frozenset[str] | None = None
) -> list[tuple[int, int, Match]]:
    """`find_duplicates` on features computed beforehand (read straight from rows)."""
    shared = (
        switchboard_of((f.company, f.phones) for f in feats)
        if shared_numbers is None
        else shared_numbers
    )
    found = []
    maybe: list[tuple[int, int, int, Match]] = []
    for i, j in candidate_pairs_of(feats, shared):
        match = score_features(feats[i], feats[j], shared)
        if is_duplicate(match):
            found.append((i, j, match))
        elif possible := possible_match(feats[i], feats[j], shared):
            rank, why = possible
            reasons = (
                why,
                *(r for r in match.reasons if not r.startswith(_NAME_REASONS) and _OFF not in r),
            )
            maybe.append((rank, i, j, Match(match.score, reasons, likely=False)))
    found.sort(key=lambda t: (-t[2].score, t[0], t[1]))
    maybe.sort(key=lambda t: (t[0], -t[3].score, t[1], t[2]))
    return found + [(i, j, m) for _, i, j, m in maybe]


_KEY_BITS = 44
"""Bits of a block key's hash kept: two keys that collide only add a pair to score."""


def candidate_pairs_of(
    feats: Sequence[Features], shared: frozenset[str] = frozenset(), max_block: int = 1000
) -> Iterator[tuple[int, int]]:
    """`candidate_pairs` on features computed beforehand.

    Each (key, contact) is one integer (the key's hash above the contact's index), and the
    sorted integers put each key's contacts side by side: a few bytes per key instead of a
    dictionary of strings and lists, which at 100,000 contacts was most of the memory.
    """
    n = len(feats)
    bits = max(1, (n - 1).bit_length())
    low = (1 << bits) - 1
    high = (1 << _KEY_BITS) - 1
    entries = [
        ((hash(key) & high) << bits) | i
        for i, f in enumerate(feats)
        for key in block_keys_of(f, shared)
    ]
    entries.sort()
    seen: set[int] = set()
    start, total = 0, len(entries)
    while start < total:
        head = entries[start] >> bits
        end = start + 1
        while end < total and entries[end] >> bits == head:
            end += 1
        if 2 <= end - start <= max_block:
            members = [e & low for e in entries[start:end]]  # ascending: sorted by index
            for x, i in enumerate(members):
                for j in members[x + 1 :]:
                    pair = i * n + j
                    if i != j and pair not in seen:
                        seen.add(pair)
                        yield i, j
        start = end


# -- possible matches ---------------------------------------------------------------------------

_NAME_REASONS = ("same name", "similar name", "same family name", "one part of", "same company")
_OFF = "(not counted: "
"""Reasons a possible match's own reason already says (and the channels it says don't count)."""

ALIKE_PREFIX = 2
"""Letters two Latin given names must begin with alike (Emma and Emily, Rob and Robert)."""


def _alike(a: _Part, b: _Part) -> bool:
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
