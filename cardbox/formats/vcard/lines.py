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


class CardError(Exception):
    """A card breaks a size limit or cannot be split into lines; the message is for a person."""


class TooLarge(CardError):
    """A line or a card is over its size limit (too large to keep the card's whole text)."""


_BINARY_NAMES = {b"PHOTO": "photo", b"LOGO": "logo", b"SOUND": "sound", b"KEY": "key"}


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
    b64_open: bool = True
    """Unindented base64 lines may still follow (false after an empty line)."""
    data_uri: bool = False
    """The value is a ``data:`` URI."""
    size: int = 0

    def append(self, part: bytes) -> None:
        if part:
            self.chunks.append(part)
            self.size += len(part)
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
        self.data_uri = joined[colon + 1 : colon + 6].lower() == b"data:"

    def text(self, max_line: int, max_data: int, notes: list[tuple[int, str]]) -> bytes | None:
        """The content line; ``None`` (with a note) for an inline photo, logo, sound or key
        longer than ``max_data``: the card is kept without it.

        Raises:
            CardError: any other line is longer than ``max_line``.
        """
        if self.size > min(max_line, max_data):
            what = _BINARY_NAMES.get(_token(self))
            if what is not None and (self.b64 or self.data_uri):
                mb = max_data * 3 // 4 // (1 << 20)
                notes.append((self.start, f"the {what} is larger than {mb} MB; {what} left out"))
                return None
            if self.size > max_line:
                raise TooLarge(f"line {self.start}: longer than {max_line // (1 << 20)} MB")
        return b"".join(self.chunks)


def _shown(line: bytes) -> str:
    text = line[:160].decode("utf-8", "replace")
    return repr(text if len(line) <= 40 and len(text) <= 40 else text[:40] + "...")


def logical_lines(
    first: int,
    lines: Sequence[bytes],
    v21: bool,
    max_line: int,
    notes: list[tuple[int, str]] | None = None,
    max_data: int | None = None,
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
      the previous value: exporters that leave raw line breaks in values write such lines. In a
      LABEL (a postal label, lines by nature) the break becomes ``\\n``, as it does after a
      value ending in a lone backslash (a 2.1 line continuation); elsewhere the line is joined
      as it is (a fold that lost its leading space). A bare word continues a LABEL too
      (``Germany``).
    - A line that looks like a malformed property (``LABEL,TYPE=WORK:...``, or a bare word
      such as the ``E`` of a truncated file) is dropped with a note, and so are the raw lines
      after it: they belong to the dropped line, never to the property before it.
    - An inline photo (logo, sound, key) longer than ``max_data`` (default ``max_line``) is
      dropped with a note.

    ``notes`` receives ``(line number, message)`` for what was dropped.

    Raises:
        CardError: another content line is longer than ``max_line``.
    """
    notes = [] if notes is None else notes
    max_data = max_line if max_data is None else max_data
    current: _Logical | None = None
    dropped = False  # the raw lines that follow belong to a dropped line
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
            if current.b64 and current.b64_open and line and b":" not in line:
                current.append(line)
                continue
        if not line.strip() or line[:1] == b"#":
            if current is not None and current.b64 and not line.strip():
                current.b64_open = False  # a 2.1 base64 value ends at an empty line
            continue
        token, has_separator = property_token(line)
        if is_name(token) and (has_separator or current is None or not _is_label(current)):
            if (
                current is not None
                and (text := current.text(max_line, max_data, notes)) is not None
            ):
                yield current.start, text
            current = None
            dropped = not has_separator
            if has_separator:
                current = _Logical(number, [line], size=len(line))
                if b":" in line:
                    current.sniff()
            else:
                notes.append((number, f"{_shown(line)} is not a property; left out"))
            continue
        if has_separator and token[:1].isalpha() and b" " not in token and b"\t" not in token:
            # LABEL,TYPE=WORK:... : a broken property line, not text
            if (
                current is not None
                and (text := current.text(max_line, max_data, notes)) is not None
            ):
                yield current.start, text
            current, dropped = None, True
            notes.append((number, f"{_shown(line)} is not a well-formed property; left out"))
            continue
        if current is not None and _token(current) != b"VERSION":
            if current.trailing_backslashes() % 2 == 1:
                current.append(b"n")
            elif _is_label(current):
                current.append(b"\\n")
            current.append(line)
        elif not dropped:  # else already noted with the line it belongs to
            notes.append((number, f"{_shown(line)} is outside any property; left out"))
            current, dropped = None, True
    if current is not None and (text := current.text(max_line, max_data, notes)) is not None:
        yield current.start, text


def _token(current: _Logical) -> bytes:
    """The property name (without its group), in upper case."""
    return property_token(current.chunks[0])[0].rpartition(b".")[2].upper()


def _is_label(current: _Logical) -> bool:
    return _token(current) == b"LABEL"
