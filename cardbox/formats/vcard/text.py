"""Reading vCard text values: escapes, structured components, lists, labels, readings.

All scanning uses ``str.find`` loops or ``split``, linear in the value's length.
"""

from __future__ import annotations

import re
import unicodedata

_HALF_WIDTH_KANA = re.compile("[\uff61-\uff9f]")
_KANA = re.compile("[\u3041-\u30ff\uff66-\uff9f]")
_CAMEL = re.compile("(?<=[a-z])(?=[A-Z])")
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60"
    "\uffe0-\uffe6\U00020000-\U0003fffd]"
)
MAX_LABEL = 200
"""Characters kept of an ``X-ABLabel`` (a label is a word or two)."""
MAX_STRUCTURED = 64 * 1024
"""Structured and list values (N, ORG, ADR, CATEGORIES) are read up to this many characters;
no real card comes near it, and it bounds the work on a hostile one."""


def unescape(value: str, v21: bool = False) -> str:
    r"""Undo backslash escapes: ``\n`` ``\N`` newline, ``\\`` ``\,`` ``\;``.

    In 3.0/4.0 any other escaped character stands for itself (Gmail writes ``\:`` and ``\"``);
    2.1 defines only ``\;``, so there other backslashes are kept (``C:\temp``). Line breaks from
    quoted-printable (CRLF, CR) become LF. Works with ``str.replace`` only (C speed).
    """
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if "\\" not in value:
        return value
    parts = value.split("\\\\")
    last = len(parts) - 1
    for i, part in enumerate(parts):
        if "\\" not in part:
            continue
        keep_end = i == last and part.endswith("\\")  # a lone backslash at the very end
        if keep_end:
            part = part[:-1]
        part = part.replace("\\n", "\n").replace("\\N", "\n")
        part = part.replace("\\,", ",").replace("\\;", ";")
        if not v21:
            part = part.replace("\\", "")
        parts[i] = part + "\\" if keep_end else part
    return "\\".join(parts)


def split_unescaped(value: str, sep: str) -> list[str]:
    """``value`` split at each ``sep`` not escaped by a backslash; the parts stay escaped."""
    if "\\" not in value:
        return value.split(sep)
    out: list[str] = []
    pending: list[str] = []
    for part in value.split(sep):
        pending.append(part)
        if (len(part) - len(part.rstrip("\\"))) % 2:
            continue  # the separator after this part is escaped
        out.append(sep.join(pending))
        pending = []
    if pending:
        out.append(sep.join(pending))
    return out


def components(value: str, v21: bool, count: int = 0) -> list[str]:
    """The ``;``-separated components of N, ORG, ADR..., unescaped and stripped, padded to
    ``count``. Commas inside a component are kept: cardbox never cuts a value at a comma."""
    parts = [unescape(p, v21).strip() for p in split_unescaped(value[:MAX_STRUCTURED], ";")]
    return parts + [""] * (count - len(parts))


def text_list(value: str, v21: bool) -> list[str]:
    """A ``,``-separated list (CATEGORIES): ``\\,`` keeps a comma inside an item."""
    items = split_unescaped(value[:MAX_STRUCTURED], ",")
    return [t for t in (unescape(p, v21).strip() for p in items) if t]


def has_cjk(text: str) -> bool:
    """True when the text has a wide character: CJK, kana, hangul, full-width forms."""
    return bool(_WIDE.search(text))


def has_kana(text: str) -> bool:
    return bool(_KANA.search(text))


def reading(text: str) -> str:
    """A reading as the card gives it, half-width katakana made full-width (NFKC): ``ﾔﾏﾀﾞ`` ->
    ``ヤマダ``. Hiragana and full-width katakana are kept as they are."""
    text = text.strip()
    if _HALF_WIDTH_KANA.search(text):
        text = unicodedata.normalize("NFKC", text)
    return text


def split_two(text: str) -> tuple[str, str]:
    """``"ヤマダ タロウ"`` -> ``("ヤマダ", "タロウ")`` (ASCII or ideographic space); one word
    -> ``(word, "")``."""
    parts = text.replace("\u3000", " ").split(None, 1)
    if not parts:
        return "", ""
    return parts[0], parts[1].strip() if len(parts) > 1 else ""


def clean_label(text: str) -> str:
    """An Apple/Google ``X-ABLabel``: ``_$!<Mobile>!$_`` -> ``mobile``, ``_$!<HomePage>!$_`` ->
    ``home page``; a custom label is kept as written."""
    text = text.strip()[:MAX_LABEL]
    if text.startswith("_$!<") and text.endswith(">!$_"):
        inner = text[4:-4].strip()
        if inner.lower() == "iphone":
            return "iPhone"
        return _CAMEL.sub(" ", inner).lower()
    return text


_LOCATIONS = ("work", "home")
_KINDS = {
    "cell": "mobile",
    "mobile": "mobile",
    "fax": "fax",
    "pager": "pager",
    "main": "main",
    "car": "car",
    "video": "video",
    "isdn": "isdn",
}


def type_label(types: set[str], phone: bool = False) -> str:
    """A cardbox label from TYPE values: ``{"work", "fax"}`` -> ``work fax``, ``{"cell",
    "voice", "pref"}`` -> ``mobile``; ``voice``, ``pref``, ``internet`` and unknown types say
    nothing. E-mails take only the location (and ``cell`` -> ``mobile``)."""
    if "iphone" in types:
        return "iPhone"
    words = [w for w in _LOCATIONS if w in types]
    if not words and "other" in types:
        words.append("other")
    if phone:
        kinds = dict.fromkeys(_KINDS[t] for t in sorted(types) if t in _KINDS)
        words += [
            k for k in ("mobile", "fax", "pager", "main", "car", "video", "isdn") if k in kinds
        ]
    elif "cell" in types or "mobile" in types:
        words.append("mobile")
    return " ".join(words)
