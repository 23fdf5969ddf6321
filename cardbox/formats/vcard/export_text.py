"""Text-level helpers for writing vCards: escaping, parameter values, folding, the NOTE text.

Everything here works on one value or one content line and knows nothing about contacts except
`note_value` / `notes_from_note`, which define how meetings are shown in NOTE (and how an importer
takes them back out).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cardbox.domain.model import Contact, Meeting

CRLF = "\r\n"
FOLD_OCTETS = 75
"""RFC 2426 §2.6, RFC 6350 §3.2: lines SHOULD NOT be longer than 75 octets (without CRLF)."""

_SPECIAL = re.compile(r"[\\,;\r\n\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""C0 controls except TAB, LF and CR (which become ``\\n``), DEL and C1 controls: not allowed in
a value, and terminal commands when an export is printed."""
_PARAM_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f";:,]')


def escape(value: str, semicolons: bool = True) -> str:
    r"""Escape a text value (or one component of a structured value) for vCard 3.0 and 4.0.

    ``\`` ``,`` ``;`` become ``\\`` ``\,`` ``\;``; CRLF, CR and LF all become ``\n`` (so a CR
    does not survive a round trip: it comes back as LF). Other control characters (C0, DEL and
    C1) are dropped: no vCard value may hold them, phones choke on them, and a terminal takes
    them as commands.

    ``semicolons=False`` leaves ``;`` alone: for single-valued text in vCard 4.0, where RFC 6350
    §3.4 makes escaping it optional and some readers (ical.js, so Thunderbird) do not unescape it.
    vCard 3.0 (RFC 2426 §4, ``SAFE-CHAR``) requires it everywhere.
    """
    if not _SPECIAL.search(value):
        return value
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROLS.sub("", value).replace("\\", "\\\\").replace(",", "\\,")
    if semicolons:
        value = value.replace(";", "\\;")
    return value.replace("\n", "\\n")


def structured(components: Iterable[str]) -> str:
    """``;``-separated components, each escaped (N, ORG, ADR, X-CARDBOX-MET)."""
    return ";".join(escape(c) for c in components)


def text_list(values: Iterable[str], semicolons: bool = True) -> str:
    """``,``-separated values, each escaped (CATEGORIES): a comma inside a value stays in it."""
    return ",".join(escape(v, semicolons) for v in values)


def param_value_30(value: str) -> str:
    """A vCard 3.0 parameter value: characters a parameter cannot hold become spaces."""
    return _PARAM_UNSAFE.sub(" ", value).strip()


def param_value_40(value: str) -> str:
    """A vCard 4.0 parameter value, RFC 6868 caret-encoded and always double-quoted."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("^", "^^").replace("\n", "^n").replace('"', "^'")
    return '"' + _CONTROLS.sub("", value) + '"'


def _no_surrogates(line: str) -> str:
    return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in line)


def fold(line: str, width: int = FOLD_OCTETS) -> str:
    """Fold one content line at ``width`` octets, never inside a UTF-8 sequence.

    Continuation lines start with one space, which counts towards their ``width`` octets. The
    result has CRLF between the physical lines and no line break at the end. Lone surrogates
    (which cannot be written in UTF-8) become U+FFFD.
    """
    if line.isascii():
        if len(line) <= width:
            return line
        parts = [line[:width]]
        step = width - 1
        parts += [" " + line[i : i + step] for i in range(width, len(line), step)]
        return CRLF.join(parts)
    try:
        data = line.encode("utf-8")
    except UnicodeEncodeError:
        data = _no_surrogates(line).encode("utf-8")
    if len(data) <= width:
        return data.decode("utf-8")
    chunks: list[bytes] = []
    start, limit, size = 0, width, len(data)
    while size - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: step back to the character start
            cut -= 1
        chunks.append(data[start:cut])
        start, limit = cut, width - 1
    chunks.append(data[start:])
    return b"\r\n ".join(chunks).decode("utf-8")


# -- NOTE ----------------------------------------------------------------------------------------


def met_line(meeting: Meeting) -> str:
    """How a meeting reads in NOTE: ``Met at Tokyo Meetup 2024 (AI agents)``."""
    line = f"Met at {meeting.event}"
    return f"{line} ({meeting.talked_about})" if meeting.talked_about else line


def note_value(contact: Contact) -> str:
    """The NOTE text: the contact's notes, then one ``Met at ...`` line per meeting.

    Phones ignore CATEGORIES, so this is where a person sees on the phone where they met someone.
    """
    lines = [met_line(m) for m in contact.meetings]
    if contact.notes:
        lines.insert(0, contact.notes)
    return "\n".join(lines)


def notes_from_note(note: str, meetings: Iterable[Meeting]) -> str:
    """The contact's own notes from a NOTE written by `note_value` (the inverse, for import).

    When NOTE ends with exactly the ``Met at`` lines of ``meetings`` (as read back from the
    X-CARDBOX-MET lines), they are removed with the line break before them; otherwise NOTE is
    returned unchanged.
    """
    tail = "\n".join(met_line(m) for m in meetings)
    if not tail:
        return note
    if note == tail:
        return ""
    if note.endswith("\n" + tail):
        return note[: -len(tail) - 1]
    return note
