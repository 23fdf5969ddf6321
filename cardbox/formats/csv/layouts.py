"""Which service wrote a CSV file, told by its header row, and where that row is.

A header is compared by its column names made comparable (`key`: NFKC, so ［姓］ and [姓] or
（カナ） and (カナ) are one; spaces trimmed; case folded). The signs of each layout:

- ``cardbox``: cardbox's own export (a ``Reading Confirmed`` column).
- ``sansan``: Sansan's 名刺データ export (``氏名［姓］``, ``TEL-1(1)``, ``Email(1)``,
  ``住所(1)［全て］``, ``会社名（カナ）``, ``名刺所有者ユーザID``).
- ``eight``: Eight's export: first column ``会社名`` and ``氏名`` or ``姓`` + ``名``, with
  ``TEL会社``, ``e-mail`` or ``名刺交換日``.
- ``google``: Google Contacts, the current layout (``First Name`` with ``Organization Name``,
  ``Labels``, ``Phonetic …`` or ``… 1 - Value``) and the legacy one (``Given Name``,
  ``Family Name``, ``Group Membership``, ``… Yomi``).
- ``outlook``: Outlook.com and desktop Outlook (``E-mail Address``, ``Business Phone``,
  ``Mobile Phone``, ``Job Title``, ``Given Yomi`` ...).
- ``thunderbird``: Thunderbird's address book (``Primary Email``, ``Display Name``).

The header is looked for in the first `HEADER_LINES` lines, so that lines before it (Eight's
``…にEightで生成された名刺リストです。``, ``合計 N 件``, notes; Excel's ``sep=,``) are skipped. A
comma is the separator; a header that only makes sense split at tabs or semicolons (Excel's
"Unicode text", European Excel) makes that the separator.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import unicodedata
from dataclasses import dataclass

LAYOUTS = ("eight", "sansan", "google", "outlook", "thunderbird", "cardbox")
HEADER_LINES = 40
_SEPARATORS = (",", "\t", ";")


@functools.lru_cache(maxsize=4096)
def key(name: str) -> str:
    """A column name made comparable: NFKC, trimmed, case folded, a BOM dropped."""
    return unicodedata.normalize("NFKC", name.replace("\ufeff", "")).strip().casefold()


_SANSAN = {
    "氏名[姓]",
    "tel-1(1)",
    "email(1)",
    "住所(1)[全て]",
    "会社名(カナ)",
    "名刺所有者ユーザid",
}


def detect(header: list[str]) -> str | None:
    """The layout a header row belongs to, or None."""
    names = {key(h) for h in header}
    first = key(header[0]) if header else ""
    if "reading confirmed" in names and "family name" in names:
        return "cardbox"
    if names & {
        "氏名[姓]",
        "tel-1(1)",
        "email(1)",
        "住所(1)[全て]",
        "会社名(カナ)",
        "名刺所有者ユーザid",
    }:
        return "sansan"
    if (
        first == "会社名"
        and ("氏名" in names or {"姓", "名"} <= names)
        and names & {"tel会社", "e-mail", "名刺交換日", "携帯電話"}
    ):
        return "eight"
    google_current = "first name" in names and (
        names & {"organization name", "labels", "phonetic first name", "phonetic last name"}
        or any(n.endswith(" 1 - value") for n in names)
    )
    google_legacy = {"given name", "family name"} <= names and (
        names & {"group membership", "given name yomi", "family name yomi", "name"}
        or any(n.endswith(" 1 - value") for n in names)
    )
    if google_current or google_legacy:
        return "google"
    outlook_signs = {
        "e-mail address",
        "business phone",
        "mobile phone",
        "job title",
        "given yomi",
        "surname yomi",
        "company yomi",
    }
    if {"primary email", "display name"} <= names:
        return "thunderbird"
    if names & outlook_signs:
        return "outlook"
    return None


@dataclass(frozen=True)
class Header:
    """Where a file's header row is and what it says."""

    layout: str | None
    """The layout it belongs to, or None when no line looked like a known header."""
    names: list[str]
    """The column names (of the best candidate line, when none is known)."""
    line: int
    """1-based line number of the header."""
    offset: int
    """Index in the text where the rows after the header start."""
    separator: str = ","


def find_header(text: str, forced: str | None = None) -> Header:
    """The header row of a decoded file (see the module notes). With ``forced``, the first line
    `detect` takes for that layout, or that has two of its name columns, is the header."""
    offset = 0
    fallback: Header | None = None
    lines = io.StringIO(text, newline="")  # ends lines at LF, CRLF and CR (old Mac Excel)
    for number, line in enumerate(itertools.islice(lines, HEADER_LINES), 1):
        offset += len(line)
        line = line.rstrip("\r\n")
        for separator in _SEPARATORS:
            if separator not in line and separator != ",":
                continue
            cells = next(csv.reader([line], delimiter=separator), [])
            found = detect(cells)
            if forced is None and found is not None:
                return Header(found, cells, number, offset, separator)
            if forced is not None and (found == forced or _fits(forced, cells)):
                return Header(forced, cells, number, offset, separator)
        if fallback is None and line.strip():
            fallback = Header(None, next(csv.reader([line]), []), number, offset)
    return fallback or Header(None, [], 1, 0)


_FORCED_SIGNS = {
    "eight": {"会社名", "氏名", "姓", "名", "e-mail", "tel会社", "名刺交換日"},
    "sansan": {"会社名", "氏名", "氏名[姓]", "email(1)", "tel-1(1)"},
    "google": {"first name", "last name", "given name", "family name", "e-mail 1 - value"},
    "outlook": {"first name", "last name", "e-mail address", "company"},
    "thunderbird": {"first name", "last name", "primary email", "display name"},
    "cardbox": {"family name", "given name", "reading confirmed"},
}


def _fits(layout: str, cells: list[str]) -> bool:
    """True when a line has at least two of the columns a layout names people with."""
    return len({key(c) for c in cells} & _FORCED_SIGNS[layout]) >= 2
