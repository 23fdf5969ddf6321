"""Duplicate contacts: how likely two contacts are one person, and why.

One API, over `Features` (what is compared, computed once per contact): `features` from a
`Contact`, or `features_of` from its fields (read straight from rows). Modules: `evidence`
(features, weights, name comparison), `score` (`score_pair`, `is_duplicate`), `pairs` (blocking,
switchboards, `find_duplicates`) and `possible` (`possible_match`, `channel_agrees`).

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

from cardbox.domain.dupes.evidence import (
    DIFFERENT_NAMES,
    DUPLICATE_THRESHOLD,
    PART_OF_NAME,
    POINTS_FOR_CERTAIN,
    SAME_COMPANY,
    SAME_EMAIL,
    SAME_FAMILY_ONLY,
    SAME_GIVEN_ONLY,
    SAME_NAME,
    SAME_PHONE,
    SIMILAR_NAME,
    SIMILAR_PART,
    SIMILAR_WHOLE,
    Features,
    features,
    features_of,
    name_evidence,
)
from cardbox.domain.dupes.pairs import (
    block_keys,
    candidate_pairs,
    find_duplicates,
    switchboard_numbers,
)
from cardbox.domain.dupes.possible import ALIKE_PREFIX, channel_agrees, possible_match
from cardbox.domain.dupes.score import Match, is_duplicate, score_pair

__all__ = [
    "ALIKE_PREFIX",
    "DIFFERENT_NAMES",
    "DUPLICATE_THRESHOLD",
    "PART_OF_NAME",
    "POINTS_FOR_CERTAIN",
    "SAME_COMPANY",
    "SAME_EMAIL",
    "SAME_FAMILY_ONLY",
    "SAME_GIVEN_ONLY",
    "SAME_NAME",
    "SAME_PHONE",
    "SIMILAR_NAME",
    "SIMILAR_PART",
    "SIMILAR_WHOLE",
    "Features",
    "Match",
    "block_keys",
    "candidate_pairs",
    "channel_agrees",
    "features",
    "features_of",
    "find_duplicates",
    "is_duplicate",
    "name_evidence",
    "possible_match",
    "score_pair",
    "switchboard_numbers",
]
