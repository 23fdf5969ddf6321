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

_CONTROL_AND_INVISIBLE = (
    "\x7f-\x9f"  # DEL and the C1 controls (U+009B is a CSI to many terminals)
    "\u00ad"  # soft hyphen
    "\u061c"  # Arabic letter mark (bidi)
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers (blank names)
    "\u180e"  # Mongolian vowel separator
    "\u200b-\u200f"  # zero-width space, non-joiner, joiner; LRM, RLM
    "\u2028-\u202e"  # line and paragraph separators; bidi embeddings and overrides
    "\u2060-\u206f"  # word joiner, invisible operators, bidi isolates, deprecated format
    "\ufeff"  # BOM, zero-width no-break space
    "\ufff9-\ufffb"  # interlinear annotation
    "\ud800-\udfff"  # lone surrogates (undecodable bytes; no terminal can show them)
    "\U0001bca0-\U0001bca3"  # shorthand format controls
    "\U0001d173-\U0001d17a"  # musical format controls
    "\U000e0000-\U000e007f"  # tag characters
)
"""Every character that is a terminal command, reorders text or cannot be seen, besides the C0
controls: the one list that output (`printable`, the app's inputs, JSON) and search folding
(`strip_invisible`) use."""
UNSAFE = re.compile(f"[\x00-\x1f{_CONTROL_AND_INVISIBLE}]")
"""C0 controls and `_CONTROL_AND_INVISIBLE`."""
UNSAFE_KEEP_LINES = re.compile(f"[\x00-\x08\x0b-\x1f{_CONTROL_AND_INVISIBLE}]")
"""`UNSAFE` less TAB and LF."""
_INVISIBLE = UNSAFE_KEEP_LINES
"""Never useful in a search string (TAB and LF are spaces there)."""
_SPACE = re.compile(r"\s+")
_KANA = re.compile(r"^[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9fー・\s]+$")


def strip_invisible(text: str) -> str:
    """Remove control, bidi and invisible characters (TAB and LF kept)."""
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


def printable(text: str, *, lines: bool = False) -> str:
    """``text`` with control, escape, bidi and invisible characters (`UNSAFE`) shown as
    ``⟨U+XXXX⟩`` (with ``lines``, TAB and LF are kept).

    Contact data goes through this before it reaches a terminal, so that no card can move the
    cursor, set the window title, write the clipboard or reverse the text around it.
    """
    pattern = UNSAFE_KEEP_LINES if lines else UNSAFE
    return pattern.sub(lambda m: f"⟨U+{ord(m.group(0)):04X}⟩", text)
