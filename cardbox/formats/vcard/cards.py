"""Finding the cards of a vCard file by their BEGIN and END lines, in linear time.

Only BEGIN/END lines are looked at here (a regular expression with a literal start finds them at
C speed); everything between them is handed on as byte ranges.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_CARD_NAMES = (b"VERSION:", b"FN:", b"FN;", b"N:", b"N;")
_BOM = b"\xef\xbb\xbf"
_MARK = re.compile(rb"^(?:\xef\xbb\xbf)*(?:BEGIN|END)[ \t]*:[^\n]*", re.IGNORECASE | re.MULTILINE)
"""A BEGIN or END line (not indented: that would be a folded line), a stray BOM before it
allowed (files joined with ``cat``): a literal start, then anything up to the line break, so no
backtracking."""

Part = tuple[int, int, int]
"""``(start, end, line)``: a byte range of a card's own lines and the line number of its start."""


@dataclass(frozen=True)
class Chunk:
    """A card's own lines as byte ranges of the text (more than one when a nested card sits
    inside it), the line where it is reported and a problem found while splitting."""

    parts: tuple[Part, ...]
    card_line: int
    """Where the card is reported: its BEGIN line, or its first line when BEGIN is missing."""
    problem: str = ""
    head: tuple[int, int] | None = None
    """Its BEGIN line's byte range, when it has one."""
    tail: tuple[int, int] | None = None
    """Its END line's byte range, when it has one."""

    @property
    def size(self) -> int:
        return sum(end - start for start, end, _ in self.parts)

    def raw(self, text: bytes, limit: int = -1) -> bytes:
        """The card's text as the file has it, BEGIN and END lines included, nested cards left
        out (its first ``limit`` bytes when ``limit`` is given)."""
        pieces = [text[self.head[0] : self.head[1]] + b"\n"] if self.head else []
        size = len(pieces[0]) if pieces else 0
        for start, end, _ in self.parts:
            if 0 <= limit <= size:
                break
            stop = end if limit < 0 else min(end, start + limit - size)
            pieces.append(text[start:stop])
            size += stop - start
        if self.tail and (limit < 0 or size < limit):
            pieces.append(text[self.tail[0] : self.tail[1]])
        return b"".join(pieces)


@dataclass
class _Open:
    """A card whose END has not been seen yet."""

    head: tuple[int, int]
    card_line: int
    seg_start: int
    seg_line: int
    parts: list[Part] = field(default_factory=list)
    nested: bool = False

    def pause(self, at: int) -> None:
        """A nested card starts at ``at``: the card's current range ends there."""
        self.parts.append((self.seg_start, at, self.seg_line))
        self.nested = True

    def chunk(self, end: int, tail: tuple[int, int] | None) -> Chunk:
        self.parts.append((self.seg_start, end, self.seg_line))
        return Chunk(
            tuple(p for p in self.parts if p[1] > p[0]), self.card_line, "", self.head, tail
        )


def _mark(line: bytes) -> tuple[bytes, bytes]:
    """``(BEGIN or END, what)`` of a marker line, in upper case; ``what`` without parameters
    (``BEGIN:VCARD;x``), BOMs or NULs."""
    kind, _, what = line.replace(_BOM, b"").upper().partition(b":")
    what = what.split(b";", 1)[0]
    return kind.strip(b" \t\x00"), what.strip(b" \t\x00")


def split(text: bytes, pos: int, max_nesting: int) -> Iterator[Chunk]:
    """The cards of a text, found by their BEGIN/END lines alone (step 2 of `parse`).

    - Lines before a BEGIN (a preamble such as ``ENCODING:UTF-8``) are ignored.
    - A BEGIN inside a card starts a nested card, which is a card of its own (a 2.1 ``AGENT``,
      or a card whose END is missing); at its END the lines belong to the outer card again. An
      outer card with nothing but VERSION besides its nested cards (a doubled BEGIN line) is
      dropped. Nesting deeper than `max_nesting` is reported once, and a BEGIN that deep ends
      the innermost card instead (so a file of BEGIN lines costs linear time and memory).
    - Lines ended by ``END:VCARD`` outside a card are a card without BEGIN; cards still open at
      the end of the file are cards without END; lines at the end of a file that has neither
      are a card if they hold VERSION, N or FN.
    - ``BEGIN:VLIST`` and other components outside a card are skipped up to their END; inside a
      card, other BEGIN/END lines (``END:`` with no value) are ignored.
    """
    line = 1 + text.count(b"\n", 0, pos)
    line_pos = pos  # text[:line_pos] has `line - 1` line breaks
    stack: list[_Open] = []
    nesting_reported = False
    other = False
    loose = pos  # start of lines outside any card (a card without BEGIN?)
    loose_line = line
    for match in _MARK.finditer(text, pos):
        at = match.start()
        line += text.count(b"\n", line_pos, at)
        line_pos = at
        kind, what = _mark(match.group())
        after = min(match.end() + 1, len(text))
        if kind == b"BEGIN" and what == b"VCARD":
            if stack:
                stack[-1].pause(at)
                if len(stack) >= max_nesting:
                    if not nesting_reported:
                        nesting_reported = True
                        reason = (
                            f"cards nested more than {max_nesting} deep; the nesting was ignored"
                        )
                        yield Chunk((), line, reason)
                    chunk = stack.pop().chunk(at, None)
                    if _has_content(text, chunk):
                        yield chunk
            stack.append(_Open((at, match.end()), line, after, line + 1))
        elif kind == b"END" and what == b"VCARD":
            if stack:
                card = stack.pop()
                chunk = card.chunk(at, (at, match.end()))
                if not card.nested or _has_content(text, chunk):
                    yield chunk
                if stack:
                    stack[-1].seg_start, stack[-1].seg_line = after, line + 1
            elif not other and _has_content(text, Chunk(((loose, at, loose_line),), 0)):
                yield Chunk(((loose, at, loose_line),), loose_line, tail=(at, match.end()))
            other = False
        elif not stack:
            other = kind == b"BEGIN"  # BEGIN:VLIST ... END:VLIST outside a card: skipped
        else:
            continue  # END: or BEGIN:X inside a card: ignored
        loose, loose_line = after, line + 1
    if stack:
        while stack:  # cards without END, the innermost first
            card = stack.pop()
            chunk = card.chunk(len(text), None)
            if not card.nested or _has_content(text, chunk):
                yield chunk
            if stack:
                stack[-1].seg_start = len(text)
    elif not other:
        rest = text[loose:]
        if any(ln[:8].upper().startswith(_CARD_NAMES) for ln in rest.split(b"\n", 1000)[:1000]):
            yield Chunk(((loose, len(text), loose_line),), loose_line)


def _has_content(text: bytes, chunk: Chunk) -> bool:
    """True when the card's lines hold something besides VERSION and blank lines."""
    for start, end, _ in chunk.parts:
        for ln in text[start:end].split(b"\n"):
            if ln.strip() and ln[:8].upper() != b"VERSION:":
                return True
    return False
