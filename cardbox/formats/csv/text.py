"""Bytes to text (deterministically), and the spreadsheet formula guard.

Decoding tries, in this order and never by a detector's guess: a UTF-16 BOM; strict UTF-8 (with
or without its BOM); cp932 (Shift_JIS as Windows writes it: 髙, 﨑 and the NEC/IBM extensions
exist only there). A file that is neither is refused with the first byte that fits no encoding.
"""

from __future__ import annotations

import codecs

from cardbox.domain.errors import InvalidInput

DANGER = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet takes as the start of a formula (OWASP's CSV injection list)."""
_GUARDED = (*DANGER, "'")


def decode(data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` of a CSV file's bytes (see the module notes).

    Raises:
        InvalidInput: the bytes are neither UTF-8 nor cp932; the message says where.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InvalidInput("csv.bad_utf16", where=_where(data, exc)) from None
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise InvalidInput("csv.bad_utf8", where=_where(data, exc)) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8:
        try:
            return data.decode("cp932"), "cp932"
        except UnicodeDecodeError:
            raise InvalidInput("csv.encoding", where=_where(data, utf8)) from None


def _where(data: bytes, exc: UnicodeDecodeError) -> str:
    line = data.count(b"\n", 0, exc.start) + 1
    return f"byte 0x{data[exc.start]:02x} on line {line}"


def guard(value: str) -> str:
    """A cell a spreadsheet shows as text: a leading ``'`` before a formula start; a value that
    already starts with ``'`` and a formula start (or a second ``'``) gets one too, so that
    `unguard` always gives the value back."""
    if value.startswith(DANGER) or (value[:1] == "'" and value[1:2] in _GUARDED and value[1:2]):
        return "'" + value
    return value


def unguard(value: str) -> str:
    """The value `guard` was given (other cells are returned as they are)."""
    if value[:1] == "'" and value[1:2] and value[1:2] in _GUARDED:
        return value[1:]
    return value
