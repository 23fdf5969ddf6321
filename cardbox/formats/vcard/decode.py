"""Bytes to text for vCard import: the file's encoding, quoted-printable, per-property charsets.

Nothing here raises on bad input: a wrong or unknown charset falls back to a guess, and the last
guess (Latin-1) decodes any byte string.
"""

from __future__ import annotations

import binascii
import codecs
from functools import lru_cache

_BOM_UTF8 = b"\xef\xbb\xbf"

_SJIS_ALIASES = {
    "shift_jis",
    "sjis",
    "x-sjis",
    "shift-jis",
    "windows-31j",
    "ms_kanji",
    "csshiftjis",
}
_SJIS_CODECS = {"shift_jis", "shift_jis_2004", "shift_jisx0213", "cp932"}
_TEXT_CODEC_PREFIXES = (
    "utf-8",
    "utf-16",
    "utf-32",
    "ascii",
    "iso8859",
    "cp",
    "shift_jis",
    "euc_",
    "iso2022",
    "gb",
    "big5",
    "koi8",
    "mac-",
    "johab",
    "hz",
    "tis-620",
    "latin",
)
"""Codecs a CHARSET parameter may select. Others Python knows (``punycode``, ``idna``,
``unicode-escape``, ``zlib``...) are not character sets, and some are slow on hostile input."""


def to_utf8(data: bytes) -> tuple[bytes, int]:
    """The file's bytes as UTF-8 with LF line breaks, and the offset where the text starts.

    A UTF-8 BOM is skipped (by the offset, to avoid copying a large file); UTF-16 with or without
    BOM is made UTF-8. UTF-16 without a BOM is recognised by its NUL bytes: ASCII text in UTF-16
    has a NUL in every other byte (at even offsets for big-endian, odd ones for little-endian).
    CRLF, CR and CR CR LF (iOS 5 and 6) each become one LF, so line numbers stay those of the file.
    """
    start = 0
    if data.startswith(_BOM_UTF8):
        start = 3
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = data.decode("utf-16", "replace").encode("utf-8")
    else:
        head = data[:4096]
        if len(head) >= 4 and head.count(0) * 4 > len(head):
            even, odd = head[0::2].count(0), head[1::2].count(0)
            encoding = "utf-16-be" if even > odd else "utf-16-le"
            data = data.decode(encoding, "replace").encode("utf-8")
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n")
        if b"\r" in data:
            data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return data, start


def qp_decode(raw: bytes) -> bytes:
    """Undo quoted-printable: ``=XX`` escapes become bytes, a final ``=`` (soft break) goes.

    Soft line breaks have already been joined by the line assembler. An ``=`` not followed by two
    hex digits is kept as it is.
    """
    if b"=" not in raw:
        return raw
    return binascii.a2b_qp(raw)


@lru_cache(maxsize=64)
def codec_for(charset: str) -> str | None:
    """The Python codec for a CHARSET parameter value, or ``None`` when unknown or unsafe."""
    name = charset.strip().strip('"').strip().lower()
    if not name:
        return None
    if name in _SJIS_ALIASES:
        return "cp932"
    try:
        found = codecs.lookup(name).name
    except (LookupError, ValueError):
        return None
    if found in _SJIS_CODECS:
        return "cp932"  # a superset of Shift_JIS: NEC and IBM extensions (①, ㈱) decode too
    return found if found.startswith(_TEXT_CODEC_PREFIXES) else None


def _mostly_utf8(raw: bytes) -> bool:
    """True when the bytes are UTF-8 with a few broken sequences (not another charset)."""
    text = raw.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", "ignore")) - bad
    return good > bad


def guess(raw: bytes, japanese: bool) -> str:
    """Decode bytes of unknown charset: UTF-8, then cp932 (on Japanese-phone cards), then cp1252.

    UTF-8 with a stray invalid byte stays UTF-8 (with U+FFFD) rather than becoming mojibake.
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if japanese:
        try:
            return raw.decode("cp932")
        except UnicodeDecodeError:
            pass
    if _mostly_utf8(raw):
        return raw.decode("utf-8", "replace")
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def decode_text(raw: bytes, charset: str = "", japanese: bool = False) -> str:
    """Decode a value: its declared CHARSET when it fits, else `guess`. NUL characters, which no
    text may hold, are removed. Never raises."""
    text = _decode(raw, charset, japanese)
    return text.replace("\x00", "") if "\x00" in text else text


def _decode(raw: bytes, charset: str, japanese: bool) -> str:
    if raw.isascii():
        return raw.decode("ascii")
    if charset:
        codec = codec_for(charset)
        if codec is not None:
            try:
                return raw.decode(codec)
            except (UnicodeDecodeError, LookupError):
                pass
    return guess(raw, japanese)
