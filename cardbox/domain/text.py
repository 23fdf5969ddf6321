"""Text normalisation for search and sorting.

The same function folds both what is stored and what is typed, so that width, case and kana script
never decide whether something is found: ``ﾔﾏﾀﾞ``, ``ヤマダ`` and ``やまだ`` are one string, as are
``ＡＢＣ`` and ``abc``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jaconv

# C0/C1 controls, bidi overrides and zero-width characters: never useful in a search string.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)
_SPACE = re.compile(r"\s+")
_KANA = re.compile(r"^[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9fー・\s]+$")


def strip_invisible(text: str) -> str:
    """Remove control, bidi-override and zero-width characters."""
    return _INVISIBLE.sub("", text)


@lru_cache(maxsize=16384)
def normalise(text: str) -> str:
    """Fold text for matching: NFKC, case-folded, katakana to hiragana, spaces collapsed.

    Cached: an import folds the same industry names, events, tags and companies card after card.
    """
    text = unicodedata.normalize("NFKC", strip_invisible(text)).casefold()
    text = jaconv.kata2hira(text)
    return _SPACE.sub(" ", text).strip()


def is_kana(text: str) -> bool:
    """True when the text is only kana (either script, either width) and spaces."""
    return bool(text) and bool(_KANA.match(text))


@lru_cache(maxsize=16384)
def romaji(reading: str) -> str:
    """Hepburn-style romaji of a kana reading, e.g. ``やまだ`` -> ``yamada``; empty if not kana."""
    folded = normalise(reading)
    if not is_kana(folded):
        return ""
    return str(jaconv.kana2alphabet(folded)).replace("ー", "")


def sort_key(*parts: str) -> str:
    """A key that sorts readings in あいうえお order and Latin names alphabetically."""
    return normalise(" ".join(p for p in parts if p))


_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]"
)
_UNSAFE_KEEP_LINES = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]"
)


def printable(text: str, *, lines: bool = False) -> str:
    """``text`` with control, escape, bidi and zero-width characters shown as ``⟨U+XXXX⟩``.

    Contact data goes through this before it reaches a terminal, so that no card can move the
    cursor, set the window title, write the clipboard or reverse the text around it.
    """
    pattern = _UNSAFE_KEEP_LINES if lines else _UNSAFE
    return pattern.sub(lambda m: f"⟨U+{ord(m.group(0)):04X}⟩", text)
