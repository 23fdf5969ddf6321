"""Reading suggestions (furigana) for Japanese names and companies.

A suggestion is only that: the caller stores it with ``reading_confirmed=False`` until the user
accepts or edits it, and never overwrites a confirmed reading with one.

Readings come from SudachiPy with its core dictionary (``sudachipy`` + ``sudachidict-core``, both
from PyPI, nothing fetched at run time). The analyser is loaded on the first call and kept, so that
importing ``cardbox.domain`` stays cheap; calls are serialised by a lock because a Sudachi tokenizer
is not safe to share between threads.

How a name is read:

* Text is NFKC-normalised (half-width kana become full-width) and variant kanji that the dictionary
  lacks are folded to their common form (髙 -> 高, 﨑 -> 崎, see `VARIANTS`).
* A part with no kanji or kana (``"Smith"``) has no reading; a part in kana only is its own reading,
  in hiragana.
* Otherwise the family and given names are analysed together, followed by さん, so that the
  analyser sees a person's name in context and prefers name readings (実 -> みのる rather than
  じつ). If a word straddles the family/given boundary, each part is analysed alone.
* When the analysis of a part is not a person's name (学 read as がく) but the dictionary has that
  exact part as a family or given name, the dictionary's name reading is taken.
* A part with a character the dictionary cannot read gets no reading (``""``): no suggestion is
  better than a wrong one half in kanji.
"""

from __future__ import annotations

import importlib
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import jaconv

from cardbox.domain.companies import strip_legal_forms

VARIANTS = {
    "髙": "高",
    "﨑": "崎",
    "嵜": "崎",
    "𠮷": "吉",
    "邉": "辺",
    "邊": "辺",
    "濵": "浜",
    "濱": "浜",
    "齋": "斎",
    "齊": "斉",
    "德": "徳",
    "櫻": "桜",
    "澤": "沢",
    "廣": "広",
    "國": "国",
    "嶋": "島",
    "眞": "真",
    "惠": "恵",
    "實": "実",
    "藏": "蔵",
    "瀨": "瀬",
    "冨": "富",
}
"""Variant (異体字) and old forms common in names, mapped to the form dictionaries know."""

_VARIANTS = str.maketrans(VARIANTS)
_JAPANESE = re.compile(
    r"[\u3040-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9f"  # kana (not the middle dot ・)
    r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f々〆ヶ]"  # kanji
)
_KANA_ONLY = re.compile(r"^[\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ffー・ 　]+$")
_READING = re.compile(r"^[\u3041-\u3096ー]+$")
_SKIP_POS = ("空白", "補助記号")
_HONORIFIC = "さん"
MAX_READ = 200
"""Longer names and companies get no suggestion: none is that long, and the analyser refuses
input over 49,149 bytes (about 16,000 kanji)."""


def fold_variants(text: str) -> str:
    """``text`` with variant kanji folded to their common form: ``髙橋`` -> ``高橋``."""
    return text.translate(_VARIANTS)


def has_japanese(text: str) -> bool:
    """True when ``text`` holds at least one kanji or kana."""
    return _JAPANESE.search(text) is not None


@dataclass
class _Analyser:
    tokenizer: Any
    dictionary: Any
    lock: threading.Lock


@cache
def _analyser() -> _Analyser:
    """Load SudachiPy and its core dictionary (once; about 40 ms, memory-mapped)."""
    # Imported by name: SudachiPy ships no py.typed marker, and its objects are used untyped here.
    sudachipy = importlib.import_module("sudachipy")
    dictionary = sudachipy.Dictionary()
    tokenizer = dictionary.tokenizer(mode=sudachipy.SplitMode.C)
    return _Analyser(tokenizer, dictionary, threading.Lock())


def _prepare(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return fold_variants("".join(text.split()))


def _hiragana(katakana: str) -> str:
    return str(jaconv.kata2hira(katakana))


def _read_morphemes(morphemes: list[Any]) -> str:
    """The hiragana reading of some morphemes, or ``""`` when one of them cannot be read."""
    out = []
    for m in morphemes:
        if m.part_of_speech()[0] in _SKIP_POS and not has_japanese(m.surface()):
            continue
        reading = _hiragana(m.reading_form())
        if m.is_oov() or not _READING.match(reading):
            return ""
        out.append(reading)
    return "".join(out)


def _is_name(morphemes: list[Any], kind: str) -> bool:
    return len(morphemes) == 1 and morphemes[0].part_of_speech()[2:4] == ("人名", kind)


def _name_readings(an: _Analyser, part: str, kind: str) -> list[str]:
    """Readings the dictionary lists for ``part`` as a family (姓) or given (名) name."""
    return [
        _hiragana(m.reading_form())
        for m in an.dictionary.lookup(part)
        if m.part_of_speech()[2:4] == ("人名", kind)
    ]


def _split(morphemes: list[Any], boundary: int) -> tuple[list[Any], list[Any]] | None:
    """Morphemes before and after ``boundary``, or None if one straddles it."""
    head = [m for m in morphemes if m.end() <= boundary]
    tail = [m for m in morphemes if m.begin() >= boundary]
    if len(head) + len(tail) != len(morphemes):
        return None
    return head, tail


def _analyse(an: _Analyser, text: str) -> list[Any] | None:
    """The morphemes of ``text`` read as a name (followed by さん), or None if さん merged."""
    morphemes = list(an.tokenizer.tokenize(text + _HONORIFIC))
    split = _split(morphemes, len(text))
    return None if split is None else split[0]


def _read_part(an: _Analyser, part: str, kind: str, morphemes: list[Any]) -> str:
    reading = _read_morphemes(morphemes)
    if _is_name(morphemes, kind):
        return reading
    names = _name_readings(an, part, kind)
    if names and reading not in names:
        return names[0]
    return reading


def suggest_reading(family: str, given: str) -> tuple[str, str]:
    """Suggested hiragana readings of a name: ``("山田", "太郎")`` -> ``("やまだ", "たろう")``.

    A part without kanji or kana gets ``""``; a part in kana gets itself in hiragana
    (``"ﾀﾛｳ"`` -> ``"たろう"``); a part the dictionary cannot read gets ``""``.
    """
    f, g = _prepare(family), _prepare(given)
    out = {"姓": "", "名": ""}
    if len(f) + len(g) > MAX_READ:
        return "", ""
    todo = []
    for kind, part in (("姓", f), ("名", g)):
        if not has_japanese(part):
            continue
        if _KANA_ONLY.match(part):
            out[kind] = _hiragana(part.replace("・", ""))
        else:
            todo.append((kind, part))
    if not todo:
        return out["姓"], out["名"]
    an = _analyser()
    with an.lock:
        parts: list[tuple[str, str, list[Any]]] = []
        if len(todo) == 2:
            morphemes = _analyse(an, f + g)
            split = None if morphemes is None else _split(morphemes, len(f))
            if split is not None:
                parts = [("姓", f, split[0]), ("名", g, split[1])]
        if not parts:
            for kind, part in todo:
                parts.append((kind, part, _analyse(an, part) or []))
        for kind, part, ms in parts:
            out[kind] = _read_part(an, part, kind, ms)
    return out["姓"], out["名"]


def suggest_company_reading(company: str) -> str:
    """Suggested hiragana reading of a company, legal-form words (株式会社, ㈱ ...) left out.

    ``"株式会社山田製作所"`` -> ``"やまだせいさくしょ"``; ``""`` for a name without kanji or kana
    (``"ABC Inc."``) or with a character the dictionary cannot read.
    """
    name = fold_variants(strip_legal_forms(company))
    if len(name) > MAX_READ or not has_japanese(name):
        return ""
    if _KANA_ONLY.match(name):
        return _hiragana(name.replace("・", "").replace(" ", "").replace("　", ""))
    an = _analyser()
    with an.lock:
        return _read_morphemes(list(an.tokenizer.tokenize(name)))


@lru_cache(maxsize=4096)
def suggest_word_readings(text: str) -> tuple[str, ...]:
    """Suggested hiragana readings of the Japanese words of a title or department, one per word
    that can be read: ``"法務部 部長"`` -> ``("ほうむぶ", "ぶちょう")``; ``()`` for ``"CTO"``.

    Cached: titles repeat (部長, 課長, 弁護士) card after card.
    """
    out: list[str] = []
    for word in unicodedata.normalize("NFKC", text).split():
        word = fold_variants(word)
        if not has_japanese(word):
            continue
        if _KANA_ONLY.match(word):
            reading = _hiragana(word.replace("・", ""))
        else:
            an = _analyser()
            with an.lock:
                reading = _read_morphemes(list(an.tokenizer.tokenize(word)))
        if reading:
            out.append(reading)
    return tuple(out)


def split_full_name(text: str) -> tuple[str, str]:
    """A Japanese full name written as one word, split into family and given name by the
    dictionary: ``"山田太郎"`` -> ``("山田", "太郎")``, ``"髙橋一郎"`` -> ``("髙橋", "一郎")``.

    The text is split after its first word when the dictionary reads that word as a family name
    (人名・姓) and something follows it; otherwise ``(text, "")``: the whole text is kept as the
    family name rather than cut at a guess.
    """
    text = text.strip()
    if not has_japanese(text) or len(text) < 2:
        return text, ""
    an = _analyser()
    with an.lock:
        morphemes = list(an.tokenizer.tokenize(fold_variants(text) + _HONORIFIC))
    first = morphemes[0] if morphemes else None
    if first is None or first.part_of_speech()[2:4] != ("人名", "姓"):
        return text, ""
    end = first.end()  # variant folding is one character for one, so offsets hold for `text`
    if end >= len(text):
        return text, ""
    return text[:end], text[end:].strip()
