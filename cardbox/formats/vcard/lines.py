"""Logical lines of a vCard card, in linear time, on bytes.

`logical_lines` joins the physical lines of one card into content lines: RFC folding,
quoted-printable soft breaks, the unindented base64 lines of some 2.1 writers, and the raw line
breaks some exporters leave inside values. Everything works on bytes, so a fold or a soft break
inside a multi-byte character (or inside an ``=XX`` escape) is joined before anything is
decoded.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

_NAME_CHARS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_./"
_WHITESPACE = b" \t"


class CardError(Exception):
    """A card breaks a size limit or cannot be split into lines; the message is for a person."""


def property_token(line: bytes) -> tuple[bytes, bool]:
    """The text before the first ``:`` or ``;`` and whether such a separator was found."""
    colon = line.find(b":")
    semi = line.find(b";", 0, colon if colon >= 0 else len(line))
    cut = semi if semi >= 0 else colon
    if cut < 0:
        return line, False
    return line[:cut], True


def is_name(token: bytes) -> bool:
    """A property name (with an optional ``group.``): ASCII letters, digits, ``-_./``, letter first.

    ``/`` and ``_`` are not in the RFC but KDE writes them (``X-messaging/xmpp-All``).
    """
    return bool(token) and token[:1].isalpha() and not token.translate(None, _NAME_CHARS)


@dataclass
class _Logical:
    start: int
    chunks: list[bytes]
    qp: bool = False
    b64: bool = False
    qp_open: bool = True
    """A soft break may still follow (false once a soft break was followed by an empty line)."""
    header_seen: bool = False

    def append(self, part: bytes) -> None:
        if part:
            self.chunks.append(part)
            if not self.header_seen and b":" in part:
                self.sniff()

    def ends_with_soft_break(self) -> bool:
        for chunk in reversed(self.chunks):
            if chunk:
                return chunk.endswith(b"=")
        return False

    def trailing_backslashes(self) -> int:
        last = self.chunks[-1]
        return len(last) - len(last.rstrip(b"\\"))

    def drop_soft_break(self) -> None:
        while not self.chunks[-1]:
            self.chunks.pop()
        self.chunks[-1] = self.chunks[-1][:-1]

    def sniff(self) -> None:
        """Note whether the header declares quoted-printable or base64 (once a ``:`` is seen)."""
        joined = self.chunks[0] if len(self.chunks) == 1 else b"".join(self.chunks)
        colon = joined.find(b":")
        if colon < 0:
            return
        self.header_seen = True
        header = joined[:colon].upper()
        self.qp = b"QUOTED-PRINTABLE" in header
        self.b64 = b"BASE64" in header or b"ENCODING=B" in header

    def text(self, max_line: int) -> bytes:
        joined = b"".join(self.chunks)
        if len(joined) > max_line:
            raise CardError(f"line {self.start}: longer than {max_line // (1 << 20)} MB")
        return joined


def logical_lines(
    first: int, lines: Sequence[bytes], v21: bool, max_line: int
) -> Iterator[tuple[int, bytes]]:
    """Join one card's physical lines (the first is line ``first`` of the file) into
    ``(line number, content line)`` pairs.

    - A line starting with a space or tab continues the previous one (3.0/4.0 drop that one
      whitespace character; 2.1 keeps it, as its spec says).
    - A quoted-printable value ending in ``=`` continues on the next line; the ``=`` goes. An
      empty line after such a soft break ends the value.
    - Inside a base64 value, lines without ``:`` continue it (2.1 writers that do not indent).
    - Empty lines and ``#`` comment lines are skipped.
    - A line that cannot start a property (it does not begin with a property name) continues
      the previous value: exporters that leave raw line breaks in values write such lines. After
      a value ending in a lone backslash (a 2.1 line continuation) the break becomes ``\\n``.
    - A line that looks like a malformed property (``LABEL,TYPE=WORK:...``, or a bare word
      such as the ``E`` of a truncated file) is dropped.

    Raises:
        CardError: a content line is longer than ``max_line`` bytes.
    """
    current: _Logical | None = None
    fold = 0 if v21 else 1
    for number, line in enumerate(lines, first):
        if current is not None:
            if current.qp and current.qp_open and current.ends_with_soft_break():
                current.drop_soft_break()
                if not line:
                    current.qp_open = False
                current.append(line)
                continue
            head = line[:1]
            if head == b" " or head == b"\t":
                current.append(line[fold:])
                continue
            if current.b64 and line and b":" not in line:
                current.append(line)
                continue
        if not line.strip() or line[:1] == b"#":
            if current is not None and current.b64 and not line.strip():
                current.b64 = False  # a 2.1 base64 value ends at an empty line
            continue
        token, has_separator = property_token(line)
        if is_name(token):
            if current is not None:
                yield current.start, current.text(max_line)
            if has_separator:
                current = _Logical(number, [line])
                if b":" in line:
                    current.sniff()
            else:
                current = None  # a bare word: the rest of a truncated line
            continue
        if has_separator and token[:1].isalpha() and not any(c in _WHITESPACE for c in token):
            continue  # LABEL,TYPE=WORK:... : a broken property line, not text
        if current is not None:
            if current.trailing_backslashes() % 2 == 1:
                current.append(b"n")
            current.append(line)
    if current is not None:
        yield current.start, current.text(max_line)
