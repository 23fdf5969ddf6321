"""Finding duplicate pairs among many contacts without comparing all pairs: block keys,
switchboard numbers, candidate pairs, and the pairs found."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence

from cardbox.domain.dupes.evidence import (
    Features,
)
from cardbox.domain.dupes.possible import NAME_REASONS, NOT_COUNTED, possible_match
from cardbox.domain.dupes.score import Match, is_duplicate, score_pair


def block_keys(f: Features, shared_numbers: frozenset[str] = frozenset()) -> set[str]:
    """Keys under which a contact is compared with others: only contacts sharing a key are paired.

    ``tel:`` E.164 phones (not switchboards), ``mail:`` personal e-mails, ``read:`` the folded
    reading of the whole name and ``name:`` the written name (both in either order), and
    ``fg:``/``gf:`` one part written and the other read (山田 さくら and 山田 桜), and ``co:`` the
    company with each name part typed in Latin letters (where typos happen).
    """
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


def switchboard_numbers(feats: Iterable[Features], min_contacts: int = 3) -> frozenset[str]:
    """Numbers shared by ``min_contacts`` or more contacts of the same company (a switchboard)."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for f in feats:
        if not f.company:
            continue
        for p in {p for p in f.phones if p}:
            counts[(f.company, p)] += 1
    return frozenset(p for (_, p), n in counts.items() if n >= min_contacts)


def find_duplicates(
    feats: Sequence[Features],
    shared_numbers: frozenset[str] | None = None,
    *,
    stop: Callable[[], bool] | None = None,
) -> list[tuple[int, int, Match]]:
    """Likely duplicate pairs among ``feats`` as ``(i, j, match)``, best first, then the
    possible matches (``match.likely`` False, see `possible_match`).

    ``shared_numbers`` defaults to `switchboard_numbers` of ``feats``. ``stop`` is asked every
    1,000 pairs; when it turns true the search ends early with what it found (nobody wants it).
    """
    shared = switchboard_numbers(feats) if shared_numbers is None else shared_numbers
    found = []
    maybe: list[tuple[int, int, int, Match]] = []
    for n, (i, j) in enumerate(candidate_pairs(feats, shared)):
        if stop is not None and n % 1000 == 0 and stop():
            break
        match = score_pair(feats[i], feats[j], shared)
        if is_duplicate(match):
            found.append((i, j, match))
        elif possible := possible_match(feats[i], feats[j], shared):
            rank, why = possible
            reasons = (
                why,
                *(
                    r
                    for r in match.reasons
                    if not r.startswith(NAME_REASONS) and NOT_COUNTED not in r
                ),
            )
            maybe.append((rank, i, j, Match(match.score, reasons, likely=False)))
    found.sort(key=lambda t: (-t[2].score, t[0], t[1]))
    maybe.sort(key=lambda t: (t[0], -t[3].score, t[1], t[2]))
    return found + [(i, j, m) for _, i, j, m in maybe]


_KEY_BITS = 44
"""Bits of a block key's hash kept: two keys that collide only add a pair to score."""


def candidate_pairs(
    feats: Sequence[Features], shared: frozenset[str] = frozenset(), max_block: int = 1000
) -> Iterator[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of contacts that share a block key, each pair once.
    A key shared by more than ``max_block`` contacts is skipped (it identifies no one).

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
        for key in block_keys(f, shared)
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
