"""One content line's header: ``group.NAME;param=value;BARE:`` split without regular expressions.

Every scan is a left-to-right pass with ``find``, so a hostile header (thousands of ``=a``,
unbalanced quotes, no colon at all) costs time linear in its length.
"""

from __future__ import annotations

from dataclasses import dataclass

ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
"""2.1 bare parameters that are encodings; every other bare parameter is a type."""


class HeaderError(Exception):
    """The header cannot be read; the message is for a person."""


@dataclass(frozen=True)
class Header:
    group: str
    name: str
    params: tuple[tuple[str, str], ...]


def value_colon(line: bytes) -> int:
    """Index of the ``:`` that ends the header (one inside a quoted parameter value does not),
    or -1. An unclosed quote is taken as a literal character."""
    colon = line.find(b":")
    pos = 0
    while colon >= 0:
        quote = line.find(b'"', pos, colon)
        if quote < 0:
            return colon
        close = line.find(b'"', quote + 1)
        if close < 0:
            return colon
        pos = close + 1
        if pos > colon:
            colon = line.find(b":", pos)
    return -1


def _split_outside_quotes(text: str) -> list[str]:
    """``text`` split at ``;`` that are not inside double quotes."""
    if '"' not in text:
        return text.split(";")
    parts: list[str] = []
    start = pos = 0
    semi = text.find(";")
    while semi >= 0:
        quote = text.find('"', pos, semi)
        if quote >= 0:
            close = text.find('"', quote + 1)
            if close >= 0:
                pos = close + 1
                if pos > semi:
                    semi = text.find(";", pos)
                continue
        parts.append(text[start:semi])
        start = pos = semi + 1
        semi = text.find(";", pos)
    parts.append(text[start:])
    return parts


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        return value[1:-1]
    return value


def _caret_decode(value: str) -> str:
    """RFC 6868 parameter value encoding (vCard 4.0): ``^n`` newline, ``^'`` quote, ``^^``."""
    if "^" not in value:
        return value
    out: list[str] = []
    pos = 0
    while True:
        caret = value.find("^", pos)
        if caret < 0 or caret + 1 >= len(value):
            out.append(value[pos:])
            return "".join(out)
        out.append(value[pos:caret])
        nxt = value[caret + 1]
        out.append({"n": "\n", "N": "\n", "'": '"', "^": "^"}.get(nxt, "^" + nxt))
        pos = caret + 2


def parse_header(header: str, v4: bool, max_params: int) -> Header:
    """Read ``group.NAME;params`` (the text before the value colon).

    Bare 2.1 parameters become ``("TYPE", x)`` or, for encodings, ``("ENCODING", X)``;
    ``TYPE=a,b`` becomes two ``TYPE`` pairs; quotes are removed; names are upper-cased.

    Raises:
        HeaderError: too many parameters.
    """
    if ";" not in header:
        group, _, name = header.strip().rpartition(".")
        return Header(group.lower(), name.upper(), ())
    if header.count(";") > max_params:
        raise HeaderError(f"more than {max_params} parameters")
    parts = _split_outside_quotes(header)
    group, _, name = parts[0].strip().rpartition(".")
    params: list[tuple[str, str]] = []
    for part in parts[1:]:
        part = part.strip()
        if not part:
            continue
        key, eq, value = part.partition("=")
        key = key.strip().upper()
        if not eq:
            if key in ENCODINGS:
                params.append(("ENCODING", key))
            else:
                params += [
                    ("TYPE", t) for t in (x.strip() for x in part.replace('"', "").split(",")) if t
                ]
            continue
        if key == "TYPE":  # TYPE=a,b and 4.0's TYPE="work,voice": a comma always separates
            params += [
                ("TYPE", t) for t in (x.strip() for x in value.replace('"', "").split(",")) if t
            ]
            continue
        value = _unquote(value)
        params.append((key, _caret_decode(value) if v4 else value))
    return Header(group.lower(), name.upper(), tuple(params))


def _quote_if_needed(value: str) -> str:
    if any(c in value for c in ';:,"') or value != value.strip():
        return '"' + value.replace('"', "'") + '"'
    return value


def rebuild(header: Header, value: str, drop: frozenset[str]) -> str:
    """A 3.0-style content line from a parsed header and a decoded value, without the parameters
    named in ``drop`` (CHARSET, quoted-printable ENCODING), ``ENCODING=b`` for base64 and
    line breaks in the value written as ``\\n``."""
    out = [f"{header.group}.{header.name}" if header.group else header.name]
    for key, val in header.params:
        if key in drop:
            continue
        if key == "ENCODING" and val.upper() in ("BASE64", "B"):
            val = "b"
        out.append(f"{key}={_quote_if_needed(val.replace(chr(10), ' '))}")
    if "\r" in value or "\n" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return ";".join(out) + ":" + value
