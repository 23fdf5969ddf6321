"""Romaji for search: one folded spelling that Hepburn, kunrei and what people type all reach.

The index and the query are folded by the same function, so a name is found however its romaji is
spelt: ``fold_romaji("Satō") == fold_romaji("satou") == fold_romaji("satoh") == romaji_key("さとう")
== "sato"``. Folded keys are for matching only; `to_hepburn` gives the spelling to show.

The folding (`fold_romaji`), in order:

* Accents are dropped (``ō``, ``ô``, ``ē`` -> ``o``, ``o``, ``e``), case is folded, and
  apostrophes and hyphens go (``jun'ichi``, ``jun-ichi`` -> ``junichi``).
* Consonants go to kunrei-shiki: ``shi/si`` -> ``si``, ``sha/sya`` -> ``sya`` (also ``shu``,
  ``sho``, ``she``), ``chi/ti`` -> ``ti``, ``cha/tya`` -> ``tya`` (``tch``/``cch`` for っち
  -> ``tt``), ``tsu/tu`` -> ``tu``, ``fu/hu`` -> ``hu``, ``ji/zi/di`` -> ``zi``,
  ``ja/jya/zya/dya`` -> ``zya`` (also ``ju``, ``jo``, ``je``), ``du/zu`` -> ``zu``,
  ``wo`` -> ``o``.
* ``n``: ``nn`` -> ``n`` (IME typing of ん, and ``n'`` once the apostrophe is gone), and ``m``
  before ``b``, ``m`` or ``p`` -> ``n`` (``Homma`` = ``Honma`` = ほんま, ``Namba`` = なんば).
* Long vowels: ``oo``, ``ou`` and ``oh`` (before a consonant or at the end) -> ``o``; doubled
  ``aa``, ``ii``, ``uu``, ``ee`` -> one vowel. So たろう, おおの and いいだ fold to ``taro``,
  ``ono`` and ``ida``; 大野/小野 and 飯田/井田 meet, which search accepts. ``ei`` is kept
  (``keiko``), so ``ē`` only meets ``ee``.
* A word ending in an unfinished digraph, as a query typed so far does (``tsuch``, ``sh``, ``j``),
  has it folded the way the finished one would start (``tut``, ``s``, ``z``).

Choices: doubled consonants (small っ) are kept: ``hattori`` (はっとり, 服部) and ``hatori``
(はとり, 羽鳥) are different names in every system, so they stay apart. ``n`` before a vowel is not
marked (``shinya`` is しんや and しにゃ alike).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from cardbox.domain.text import normalise

_BASE = {
    "あ": "a", "い": "i", "う": "u", "え": "e", "お": "o",
    "か": "ka", "き": "ki", "く": "ku", "け": "ke", "こ": "ko",
    "が": "ga", "ぎ": "gi", "ぐ": "gu", "げ": "ge", "ご": "go",
    "さ": "sa", "し": "shi", "す": "su", "せ": "se", "そ": "so",
    "ざ": "za", "じ": "ji", "ず": "zu", "ぜ": "ze", "ぞ": "zo",
    "た": "ta", "ち": "chi", "つ": "tsu", "て": "te", "と": "to",
    "だ": "da", "ぢ": "ji", "づ": "zu", "で": "de", "ど": "do",
    "な": "na", "に": "ni", "ぬ": "nu", "ね": "ne", "の": "no",
    "は": "ha", "ひ": "hi", "ふ": "fu", "へ": "he", "ほ": "ho",
    "ば": "ba", "び": "bi", "ぶ": "bu", "べ": "be", "ぼ": "bo",
    "ぱ": "pa", "ぴ": "pi", "ぷ": "pu", "ぺ": "pe", "ぽ": "po",
    "ま": "ma", "み": "mi", "む": "mu", "め": "me", "も": "mo",
    "や": "ya", "ゆ": "yu", "よ": "yo",
    "ら": "ra", "り": "ri", "る": "ru", "れ": "re", "ろ": "ro",
    "わ": "wa", "ゐ": "i", "ゑ": "e", "を": "o", "ゔ": "vu",
    "ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o",
    "ゃ": "ya", "ゅ": "yu", "ょ": "yo", "ゎ": "wa", "ゕ": "ka", "ゖ": "ke",
}  # fmt: skip
"""One kana, Hepburn."""

_PAIRS = {
    "しゃ": "sha", "しゅ": "shu", "しぇ": "she", "しょ": "sho",
    "じゃ": "ja", "じゅ": "ju", "じぇ": "je", "じょ": "jo",
    "ちゃ": "cha", "ちゅ": "chu", "ちぇ": "che", "ちょ": "cho",
    "ぢゃ": "ja", "ぢゅ": "ju", "ぢょ": "jo",
    "ふぁ": "fa", "ふぃ": "fi", "ふぇ": "fe", "ふぉ": "fo",
    "てぃ": "ti", "でぃ": "di", "とぅ": "tu", "どぅ": "du",
    "うぃ": "wi", "うぇ": "we", "うぉ": "wo", "いぇ": "ye",
    "つぁ": "tsa", "つぃ": "tsi", "つぇ": "tse", "つぉ": "tso",
    "ゔぁ": "va", "ゔぃ": "vi", "ゔぇ": "ve", "ゔぉ": "vo",
}  # fmt: skip
"""Two kana read as one syllable, Hepburn (yōon and the usual loanword spellings)."""

for _kana, _roma in {
    "き": "k", "ぎ": "g", "に": "n", "ひ": "h", "び": "b", "ぴ": "p", "み": "m", "り": "r",
}.items():  # fmt: skip
    for _small, _vowel in (("ゃ", "a"), ("ゅ", "u"), ("ょ", "o")):
        _PAIRS[_kana + _small] = f"{_roma}y{_vowel}"

_VOWELS = "aiueo"


@lru_cache(maxsize=16384)
def to_hepburn(reading: str) -> str:
    """Hepburn romaji of a kana reading (either script, either width): ``さとう`` -> ``satou``.

    Long vowels are spelt out (``satou``, ``raamen``) rather than with macrons. Latin letters,
    digits and spaces pass through; ``""`` when the reading holds anything else (kanji).
    """
    text = normalise(reading).replace("・", " ")
    out: list[str] = []
    geminate = False
    i = 0
    while i < len(text):
        ch = text[i]
        syllable = _PAIRS.get(text[i : i + 2])
        if syllable is not None:
            i += 2
        elif ch in _BASE:
            syllable = _BASE[ch]
            i += 1
        else:
            i += 1
            if ch == "っ":
                geminate = True
                continue
            if ch == "ん":
                out.append("n")
            elif ch == "ー":
                last = next((c for c in reversed("".join(out)) if c in _VOWELS), "")
                out.append(last)
            elif ch.isascii() and (ch.isalnum() or ch in " '-"):
                out.append(ch)
            else:
                return ""
            geminate = False
            continue
        if geminate and syllable[0] not in _VOWELS:
            syllable = ("t" if syllable.startswith("ch") else syllable[0]) + syllable
        geminate = False
        out.append(syllable)
    return " ".join("".join(out).split())


_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"['’‘`ʼ\-‐]", ""),
        (r"cch", "tch"),
        (r"chi", "ti"),
        (r"ch(?=[aueo])", "ty"),
        (r"shi", "si"),
        (r"sh(?=[aueo])", "sy"),
        (r"tsu", "tu"),
        (r"ffu", "hhu"),
        (r"fu", "hu"),
        (r"jj", "zj"),
        (r"jy(?=[aueo])", "zy"),
        (r"ji", "zi"),
        (r"j(?=[aueo])", "zy"),
        (r"di", "zi"),
        (r"du", "zu"),
        (r"dy(?=[aueo])", "zy"),
        (r"wo", "o"),
        (r"m(?=[bmp])", "n"),
        (r"n+", "n"),
        (r"oh(?![aiueoy])", "o"),
        (r"o[ou]+", "o"),
        (r"([aiue])\1+", r"\1"),
        (r"tch\b", "tt"),
        (r"(?:ch|ts)\b", "t"),
        (r"sh\b", "s"),
        (r"j\b", "z"),
    )
)


@lru_cache(maxsize=16384)
def fold_romaji(text: str) -> str:
    """Fold a romaji spelling (Hepburn, kunrei, passport, IME) to the key search compares.

    ``"Satō"``, ``"satou"``, ``"satoh"``, ``"sato"`` -> ``"sato"``; ``"Tsuchiya"``, ``"tutiya"``
    -> ``"tutiya"``. Spaces are kept between words; see the module notes for every rule.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = unicodedata.normalize("NFKC", plain).casefold()
    for pattern, replacement in _RULES:
        folded = pattern.sub(replacement, folded)
    return " ".join(folded.split())


@lru_cache(maxsize=16384)
def romaji_key(reading: str) -> str:
    """The folded romaji of a kana reading: ``"さとう"`` -> ``"sato"``; ``""`` if not kana.

    A reading already in Latin letters (a romaji alias) is folded as it is.
    """
    return fold_romaji(to_hepburn(reading))


def romaji_forms(reading: str) -> set[str]:
    """The folded romaji keys a reading is found by: each word's, and all words run together.

    ``"やまだ たろう"`` -> ``{"yamada", "taro", "yamadataro"}``; ``set()`` if not kana.
    """
    key = romaji_key(reading)
    if not key:
        return set()
    words = key.split()
    return {*words, "".join(words)}


def is_romaji(text: str) -> bool:
    """True when ``text`` is Latin letters (accents allowed), spaces, apostrophes and hyphens."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    plain = unicodedata.normalize("NFKC", plain)
    return bool(plain.strip()) and all(c.isascii() and (c.isalpha() or c in " '-.") for c in plain)
