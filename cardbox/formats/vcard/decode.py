"""Bytes to text for vCard import: the file's encoding, quoted-printable, per-property charsets.

Nothing here raises on bad input: a wrong or unknown charset falls back to a guess, and the last
guess (Latin-1) decodes any byte string.
"""

from __future__ import annotations

import binascii
import codecs
import re
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


_UTF16_BEGINS = (b"B\x00E\x00G\x00I\x00N\x00", b"b\x00e\x00g\x00i\x00n\x00")
"""``BEGIN`` in UTF-16: little-endian as it is, big-endian one byte on (after its first NUL).
Found with ``bytes.find`` (C speed even over megabytes of NULs)."""
_UTF8_BEGIN = re.compile(rb"^(\x00?)[ \t]*BEGIN[ \t]*:", re.IGNORECASE | re.MULTILINE)
"""A BEGIN line in UTF-8 (after a little-endian UTF-16 line break, the break's NUL first)."""


def to_utf8(data: bytes) -> tuple[bytes, int]:
    """The file's bytes as UTF-8 with LF line breaks, and the offset where the text starts.

    A UTF-8 BOM is skipped (by the offset, to avoid copying a large file); UTF-16 with a BOM is
    made UTF-8. UTF-16 without a BOM is found card by card, by a BEGIN line in UTF-16 (ASCII in
    UTF-16 has a NUL in every other byte): from there up to the next BEGIN line in UTF-8 the
    bytes are UTF-16 (a UTF-16 card pasted into a UTF-8 file is read, and a UTF-8 card after a
    run of NULs is not lost). A file with no BEGIN or END line in either form whose first 4 KB
    are more than a quarter NULs is UTF-16 whole (a card that lost its BEGIN line).
    CRLF, CR and CR CR LF (iOS 5 and 6) each become one LF, so line numbers stay those of the file.
    """
    start = 0
    if data.startswith(_BOM_UTF8):
        start = 3
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = data.decode("utf-16", "replace").encode("utf-8")
    elif b"\x00" in data:
        data = _utf16_cards(data)
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n")
        if b"\r" in data:
            data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return data, start


def _utf16_begin(data: bytes, start: int) -> tuple[int, bool] | None:
    """Where the next BEGIN line in BOM-less UTF-16 starts, and whether it is big-endian.

    ASCII in UTF-16 read one byte off is the other byte order: a ``BEGIN`` with a NUL before it
    is taken as big-endian from that NUL (the earlier reading), as a whole file of either order
    starts at its first byte.
    """
    while True:
        found = [at for at in (data.find(b, start) for b in _UTF16_BEGINS) if at >= 0]
        if not found:
            return None
        at = min(found)
        big_endian = at > 0 and data[at - 1] == 0
        after = data[at + 10 : at + 12]
        if big_endian and after[:1] in (b":", b" ", b"\t"):
            return at - 1, True
        if not big_endian and after[:1] in (b":", b" ", b"\t") and after[1:] == b"\x00":
            return at, False
        start = at + 1


def _utf16_cards(data: bytes) -> bytes:
    """``data`` with its BOM-less UTF-16 stretches made UTF-8 (see `to_utf8`)."""
    pieces: list[bytes] = []
    done = 0
    found = _utf16_begin(data, 0)
    while found is not None:
        at, big_endian = found
        after = _UTF8_BEGIN.search(data, at + 12)
        end = len(data) if after is None else after.start() + len(after.group(1))
        text = data[at:end].decode("utf-16-be" if big_endian else "utf-16-le", "replace")
        pieces += [data[done:at], text.encode("utf-8")]
        done = end
        found = _utf16_begin(data, end)
    if pieces:
        pieces.append(data[done:])
        return b"".join(pieces)
    head = data[:4096]
    if len(head) >= 4 and head.count(0) * 4 > len(head):
        upper = data.upper()
        if b"BEGIN:VCARD" not in upper and b"END:VCARD" not in upper:
            even, odd = head[0::2].count(0), head[1::2].count(0)
            encoding = "utf-16-be" if even > odd else "utf-16-le"
            return data.decode(encoding, "replace").encode("utf-8")
    return data


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
