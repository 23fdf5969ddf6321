"""Finding the cards of a vCard file by their BEGIN and END lines, in linear time.

Only BEGIN/END lines are looked at here (a regular expression with a literal start finds them at
C speed); everything between them is handed on as a byte range.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_CARD_NAMES = (b"VERSION:", b"FN:", b"FN;", b"N:", b"N;")
_MARK = re.compile(rb"^(?:BEGIN|END)[ \t]*:[^\n]*", re.IGNORECASE | re.MULTILINE)
"""A BEGIN or END line (not indented: that would be a folded line): a literal start, then
anything up to the line break, so no backtracking."""


@dataclass(frozen=True)
class Chunk:
    """A card's byte range in the text (from its first line to the end of its last line), the
    line number of its first line, and a problem found while splitting."""

    start: int
    end: int
    line: int
    """The line number of ``text[start]``."""
    card_line: int
    """Where the card is reported: its BEGIN line, or its first line when BEGIN is missing."""
    problem: str = ""
    raw_start: int = -1
    """Start of the card's whole text (its BEGIN line included), when not ``start``."""
    raw_end: int = -1
    """End of the card's whole text (its END line included), when not ``end``."""

    def raw(self, text: bytes, limit: int = -1) -> bytes:
        """The card's whole text (its first ``limit`` bytes when ``limit`` is given)."""
        start = self.start if self.raw_start < 0 else self.raw_start
        end = self.end if self.raw_end < 0 else self.raw_end
        return text[start : end if limit < 0 else min(end, start + limit)]


def split(text: bytes, pos: int, max_nesting: int) -> Iterator[Chunk]:
    """The cards of a text, found by their BEGIN/END lines alone (step 2 of `parse`).

    - Lines before a BEGIN (a preamble such as ``ENCODING:UTF-8``) are ignored.
    - A BEGIN inside a card ends the card there (nested cards become cards of their own); an
      outer card with nothing but VERSION is dropped. Nesting deeper than `max_nesting` is
      reported once.
    - Lines ended by ``END:VCARD`` outside a card are a card without BEGIN; a card still open at
      the end of the file is a card without END; lines at the end of a file that has neither
      are a card if they hold VERSION, N or FN.
    - ``BEGIN:VLIST`` and other components outside a card are skipped up to their END; inside a
      card, other BEGIN/END lines (``END:`` with no value) are ignored.
    """
    line = 1 + text.count(b"\n", 0, pos)
    line_pos = pos  # text[:line_pos] has `line - 1` line breaks
    open_at = -1  # start of the open card, or -1
    begin_at = 0  # start of its BEGIN line
    open_line = 0
    depth = 0
    nesting_reported = False
    other = False
    loose = pos  # start of lines outside any card (a card without BEGIN?)
    loose_line = line
    for match in _MARK.finditer(text, pos):
        at = match.start()
        line += text.count(b"\n", line_pos, at)
        line_pos = at
        kind, _, what = match.group().strip(b" \t\x00").upper().partition(b":")
        kind, what = kind.strip(), what.strip(b" \t\x00")
        after = min(match.end() + 1, len(text))
        if kind == b"BEGIN" and what == b"VCARD":
            if open_at >= 0:
                depth += 1
                if _has_content(text[open_at:at]):
                    yield Chunk(open_at, at, open_line, open_line - 1, raw_start=begin_at)
                if depth >= max_nesting and not nesting_reported:
                    nesting_reported = True
                    reason = f"cards nested more than {max_nesting} deep; the nesting was ignored"
                    yield Chunk(at, at, line, line, reason)
            else:
                depth = 1
            open_at, open_line, other, begin_at = after, line + 1, False, at
        elif kind == b"END" and what == b"VCARD":
            depth = max(0, depth - 1)
            if open_at >= 0:
                yield Chunk(open_at, at, open_line, open_line - 1, "", begin_at, match.end())
                open_at = -1
            elif not other and _has_content(text[loose:at]):
                yield Chunk(loose, at, loose_line, loose_line, raw_end=match.end())  # no BEGIN
            other = False
        elif open_at < 0:
            other = kind == b"BEGIN"  # BEGIN:VLIST ... END:VLIST outside a card: skipped
        else:
            continue  # END: or BEGIN:X inside a card: ignored
        loose, loose_line = after, line + 1
    if open_at >= 0:
        yield Chunk(open_at, len(text), open_line, open_line - 1, raw_start=begin_at)  # no END
    elif not other:
        rest = text[loose:]
        if any(ln.upper().startswith(_CARD_NAMES) for ln in rest.split(b"\n", 1000)[:1000]):
            yield Chunk(loose, len(text), loose_line, loose_line)


def _has_content(part: bytes) -> bool:
    """True when the lines hold something besides VERSION and blank lines."""
    return any(ln.strip() and not ln.upper().startswith(b"VERSION:") for ln in part.split(b"\n"))
