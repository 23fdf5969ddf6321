"""Read vCard 2.1, 3.0 and 4.0 files into raw cards: bytes in, properties out, never an exception.

The pipeline (``notes/vcard-interop.md``, "Where cardbox must do better"):

1. the file's encoding: UTF-8 BOM skipped, UTF-16 with or without BOM made UTF-8, and CRLF, CR
   and CR CR LF made LF (`decode.to_utf8`);
2. cards found by their BEGIN/END lines alone, tolerating a missing BEGIN or END, preamble lines,
   other components (``BEGIN:VLIST``) and nested cards (`cards.split`);
3. per card, physical lines joined into content lines on bytes: folding, quoted-printable soft
   breaks, unindented base64 (`lines`);
4. per property, the header parsed without regular expressions (`params`) and the value decoded:
   quoted-printable undone, then its CHARSET, else UTF-8, else cp932 on cards with Japanese-phone
   signs, else cp1252 (`decode`).

Every step is linear in its input. A card that breaks a limit becomes a `Failure` with a reason a
person understands and its raw text; the cards after it are read as if nothing happened.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from cardbox.formats.vcard.cards import Chunk, split
from cardbox.formats.vcard.decode import decode_text, guess, qp_decode, to_utf8
from cardbox.formats.vcard.lines import CardError, TooLarge, logical_lines
from cardbox.formats.vcard.params import HeaderError, parse_header, rebuild, value_colon

MB = 1 << 20
MAX_FILE = 100 * MB
"""A file larger than this is refused whole."""
MAX_CARD = 8 * MB
"""A card larger than this (photo included) is refused; 8 MB leaves room for a `MAX_PHOTO`
photo in base64 (4/3 of its size)."""
MAX_LINE = 8 * MB
"""One unfolded content line (a photo is one line). An inline photo (logo, sound, key) over it
is left out with a warning and does not count towards `MAX_CARD`: the card is kept."""
MAX_PHOTO = 5 * MB
"""A decoded photo larger than this is dropped with a warning (the contact is kept); see
`mapping`."""
MAX_HEADER = 64 * 1024
"""The name and parameters of one property (everything before the value)."""
MAX_DATA_LINE = MAX_PHOTO * 4 // 3 + MAX_HEADER
"""An inline photo (logo, sound, key) line longer than this holds more than `MAX_PHOTO` bytes:
it is left out with a warning as soon as it is read, and the card is kept whatever its size."""
MAX_CARD_LINES = 250_000
"""Physical lines in one card: an 8 MB photo folded at 75 octets is about 110,000; the cap
keeps the per-line work of any card well under a second."""
MAX_PROPS_PER_CARD = 5000
MAX_PARAMS = 100
"""Parameters on one property."""
MAX_NESTING = 20
"""``BEGIN:VCARD`` lines inside a card before the file is reported as nested too deep."""

_VERSIONS = ("2.1", "3.0", "4.0")
_JAPANESE_SIGNS = (b"X-GNO:", b"X-GN:", b"X-GN;", b"X-REDUCTION:", b"X-SD-", b"X-IRMC-N")
"""What AOSP's VCardSourceDetector takes as a Japanese phone (and so Shift_JIS)."""
_JAPANESE_STARTS = _JAPANESE_SIGNS[:5]
_HEAD = 256
"""Bytes of a line looked at for VERSION and the Japanese-phone signs."""


@dataclass(frozen=True)
class Prop:
    """One content line of a card, decoded."""

    group: str
    """The ``itemN`` group in lower case, or ``""``."""
    name: str
    """Upper case: ``TEL``, ``X-PHONETIC-FIRST-NAME``."""
    params: tuple[tuple[str, str], ...]
    """``(NAME, value)`` in order; 2.1 bare parameters as ``TYPE``/``ENCODING``; ``TYPE=a,b``
    as two pairs; quotes removed."""
    value: str
    """Quoted-printable undone and the charset applied; still backslash-escaped; base64
    payloads left as base64 text without whitespace."""
    line: int
    """1-based line number in the file where the property starts."""
    raw: str
    """The whole content line as vCard 3.0 text (to keep properties cardbox does not model)."""

    def param(self, name: str) -> list[str]:
        """All values of a parameter (``name`` in upper case)."""
        return [v for k, v in self.params if k == name]

    def types(self) -> set[str]:
        """The TYPE values in lower case."""
        return {v.lower() for k, v in self.params if k == "TYPE"}


@dataclass(frozen=True)
class RawCard:
    """One card's properties, before mapping to a contact."""

    source: str
    line: int
    """Line of ``BEGIN:VCARD`` (or of the first property when BEGIN is missing)."""
    version: str
    """``2.1``, ``3.0`` or ``4.0`` (``3.0`` when the card does not say)."""
    props: tuple[Prop, ...]
    text: str
    """The card's raw text, decoded as well as possible, kept for cards that fail."""
    notes: tuple[tuple[int, str], ...] = ()
    """``(line, message)`` for lines the parser left out (a broken line, a photo too large to
    read); mapping turns them into warnings."""


@dataclass(frozen=True)
class Failure:
    """A card (or file) that could not be read, with a reason for a person and its raw text."""

    source: str
    line: int
    reason: str
    raw: str


def read_cards(data: bytes, source: str) -> tuple[list[RawCard], list[Failure]]:
    """All cards of a file and the failures among them, in file order."""
    cards: list[RawCard] = []
    failures: list[Failure] = []
    for item in iter_cards(data, source):
        if isinstance(item, RawCard):
            cards.append(item)
        else:
            failures.append(item)
    return cards, failures


def iter_cards(data: bytes, source: str) -> Iterator[RawCard | Failure]:
    """The cards of a file one by one, as they are read (see the module docstring)."""
    if len(data) > MAX_FILE:
        yield Failure(source, 0, f"file larger than {MAX_FILE // MB} MB", "")
        return
    text, start = to_utf8(data)
    # The normalised copy is all that is needed from here: let the caller's bytes go (a 100 MB
    # file would otherwise be held twice for the whole import).
    del data
    japanese = any(sign in text for sign in _JAPANESE_SIGNS)
    for chunk in split(text, start, MAX_NESTING):
        yield _card(source, text, chunk, japanese)


def _card(source: str, text: bytes, chunk: Chunk, japanese: bool) -> RawCard | Failure:
    try:
        if chunk.problem:
            return Failure(source, chunk.card_line, chunk.problem, "")
        if sum(text.count(b"\n", start, end) for start, end, _ in chunk.parts) > MAX_CARD_LINES:
            reason = f"card of more than {MAX_CARD_LINES:,} lines"
            raw = guess(chunk.raw(text, 4096), japanese) + "\n[...]"
            return Failure(source, chunk.card_line, reason, raw)
        return _build(source, text, chunk, japanese)
    except TooLarge as exc:
        raw = guess(chunk.raw(text, 4096), japanese) + "\n[...]"
        return Failure(source, chunk.card_line, str(exc), raw)
    except (CardError, HeaderError) as exc:
        return Failure(source, chunk.card_line, str(exc), guess(chunk.raw(text), japanese))
    except Exception as exc:  # a safety net: one card's surprise must not stop the file
        reason = f"could not be read ({type(exc).__name__})"
        return Failure(source, chunk.card_line, reason, guess(chunk.raw(text), japanese))


def _version(upper: bytes) -> str:
    """The first VERSION line's value that cardbox knows, else 3.0 (``upper`` starts with LF)."""
    at = upper.find(b"\nVERSION:")
    while at >= 0:
        end = upper.find(b"\n", at + 1)
        value = upper[at + 9 : end if end >= 0 else len(upper)].strip()
        if value.decode("ascii", "replace") in _VERSIONS:
            return value.decode("ascii")
        at = upper.find(b"\nVERSION:", at + 1)
    return "3.0"


def _japanese_sign(upper: bytes) -> bool:
    return any(b"\n" + sign in upper for sign in _JAPANESE_STARTS) or b"X-IRMC-N" in upper


def _build(source: str, text: bytes, chunk: Chunk, japanese: bool) -> RawCard:
    parts = [(first, text[start:end].split(b"\n")) for start, end, first in chunk.parts]
    # VERSION and the Japanese-phone signs are at the start of a line: upper-case only the
    # starts (a photo or a long NOTE is megabytes on one line).
    upper = b"\n" + b"\n".join(ln[:_HEAD] for _, lines in parts for ln in lines).upper()
    version = _version(upper)
    japanese = japanese or _japanese_sign(upper)
    props: list[Prop] = []
    notes: list[tuple[int, str]] = []
    kept = 0
    for first, lines in parts:
        for number, content in logical_lines(
            first, lines, version == "2.1", MAX_LINE, notes, MAX_DATA_LINE
        ):
            kept += len(content)
            if kept > MAX_CARD:
                raise TooLarge(f"card larger than {MAX_CARD // MB} MB")
            colon = value_colon(content)
            if colon < 0:
                shown = content[:40].decode("utf-8", "replace")
                notes.append((number, f"{shown!r} has no value; left out"))
                continue
            if colon > MAX_HEADER:
                raise CardError(f"line {number}: parameters longer than {MAX_HEADER // 1024} KB")
            try:
                prop = _prop(number, content, colon, version, japanese)
            except HeaderError as exc:
                raise CardError(f"line {number}: {exc}") from None
            if prop is not None:
                props.append(prop)
                if len(props) > MAX_PROPS_PER_CARD:
                    raise CardError(f"more than {MAX_PROPS_PER_CARD:,} properties in one card")
    raw = chunk.raw(text)
    return RawCard(
        source, chunk.card_line, version, tuple(props), guess(raw, japanese), tuple(notes)
    )


_DROP_QP = frozenset({"CHARSET", "ENCODING"})
_DROP_CHARSET = frozenset({"CHARSET"})


def _prop(number: int, content: bytes, colon: int, version: str, japanese: bool) -> Prop | None:
    header_bytes, value_bytes = content[:colon], content[colon + 1 :]
    if header_bytes.isascii():
        header_text = header_bytes.decode("ascii")
    else:
        header_text = decode_text(header_bytes, "", japanese)
    header = parse_header(header_text, version == "4.0", MAX_PARAMS)
    if not header.name:
        return None
    encoding = charset = ""
    for key, val in header.params:
        if key == "ENCODING":
            encoding = val.upper()
        elif key == "CHARSET":
            charset = val
    if encoding in ("B", "BASE64"):
        value = value_bytes.translate(None, b" \t\r\n").decode("ascii", "replace")
    elif encoding == "QUOTED-PRINTABLE":
        value = decode_text(qp_decode(value_bytes), charset, japanese)
    elif value_bytes.isascii() and b"\x00" not in value_bytes:
        value = value_bytes.decode("ascii")
    else:
        value = decode_text(value_bytes, charset, japanese)
    if encoding == "QUOTED-PRINTABLE" or version == "2.1" or encoding == "BASE64":
        drop = _DROP_QP if encoding == "QUOTED-PRINTABLE" else _DROP_CHARSET
        raw = rebuild(header, value, drop)
    elif charset:
        raw = rebuild(header, value, _DROP_CHARSET)
    else:
        raw = header_text + ":" + value
    return Prop(header.group, header.name, header.params, value, number, raw)
