"""One CSV row as named cells, and the small readers every layout shares (dates, labels)."""

from __future__ import annotations

import re
from datetime import date

from cardbox.formats.csv.layouts import key
from cardbox.formats.csv.text import unguard


class Columns:
    """A header's column names by `layouts.key`, worked out once per file."""

    def __init__(self, header: list[str]) -> None:
        self.header = header
        self.by_key: dict[str, int] = {}
        for index, name in enumerate(header):
            self.by_key.setdefault(key(name), index)
        self._numbered: dict[str, list[int]] = {}

    def numbered(self, prefix: str) -> list[int]:
        """The numbers n of the columns ``"{prefix} n - …"`` (Google: ``E-mail 1 - Value``)."""
        if prefix not in self._numbered:
            found = set()
            start = key(prefix) + " "
            for name in self.by_key:
                if name.startswith(start):
                    number = name[len(start) :].partition(" ")[0]
                    if number.isdigit():
                        found.add(int(number))
            self._numbered[prefix] = sorted(found)
        return self._numbered[prefix]


class Cells:
    """A row's cells by column name (compared with `layouts.key`); remembers what was read so
    that the rest can be kept (`rest`)."""

    def __init__(self, header: list[str] | Columns, values: list[str]) -> None:
        self.columns = header if isinstance(header, Columns) else Columns(header)
        self.header = self.columns.header
        self._by_key = self.columns.by_key
        self.values = [_lines(unguard(v)) if v else v for v in values]
        self._used: set[int] = set()

    def has(self, name: str) -> bool:
        return key(name) in self._by_key

    def get(self, *names: str) -> str:
        """The first non-empty cell among the columns ``names`` (trimmed), or ``""``."""
        for name in names:
            index = self._by_key.get(key(name))
            if index is None:
                continue
            self._used.add(index)
            value = self.values[index].strip() if index < len(self.values) else ""
            if value:
                return value
        return ""

    def header_index(self, name: str) -> int | None:
        """The index of the column ``name``, or None."""
        return self._by_key.get(key(name))

    def numbered(self, prefix: str) -> list[int]:
        """The numbers n of the columns ``"{prefix} n - …"`` (Google: ``E-mail 1 - Value``)."""
        return self.columns.numbered(prefix)

    def rest(self) -> list[tuple[str, str]]:
        """The non-empty cells no reader took: ``(column name, value)``; cells beyond the header
        are named ``column N``."""
        out = []
        for index, value in enumerate(self.values):
            if index in self._used or not value.strip():
                continue
            name = self.header[index] if index < len(self.header) else f"column {index + 1}"
            out.append((name.replace("\ufeff", "").strip() or f"column {index + 1}", value))
        return out

    def skip(self, *names: str) -> None:
        """Mark columns as read without reading them (flags that say nothing about a person)."""
        for name in names:
            index = self._by_key.get(key(name))
            if index is not None:
                self._used.add(index)


def _lines(value: str) -> str:
    """Line breaks inside a cell made LF (Excel writes LF, a CRLF file may hold CRLF)."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value


_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$")
_MDY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s.*)?$")
_YEARLESS = re.compile(r"^--(\d{2})-?(\d{2})$")


def parse_date(text: str) -> str:
    """``YYYY-MM-DD`` (or ``--MM-DD``) from the ways CSV files write a date: ``2024/05/10``,
    ``2024-05-10``, ``2024年5月10日``, Outlook's ``5/10/2024`` (month first unless the first
    number cannot be a month); ``""`` for anything else or a date that does not exist."""
    text = text.strip()
    yearless = _YEARLESS.match(text)
    if yearless:
        month, day = int(yearless.group(1)), int(yearless.group(2))
        return f"--{month:02d}-{day:02d}" if _exists(2000, month, day) else ""
    match = _YMD.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        us = _MDY.match(text)
        if not us:
            return ""
        month, day, year = (int(g) for g in us.groups())
        if month > 12:
            month, day = day, month
    return f"{year:04d}-{month:02d}-{day:02d}" if _exists(year, month, day) else ""


def _exists(year: int, month: int, day: int) -> bool:
    try:
        date(max(year, 1), month, day)
    except ValueError:
        return False
    return True


def label(text: str) -> str:
    """A service's label as a cardbox label: ``* Work`` -> ``work``, ``Home Fax`` -> ``home
    fax``, ``Mobile`` -> ``mobile``; a custom label is kept as written."""
    text = text.strip().removeprefix("*").strip()
    lower = text.lower()
    if lower in _KNOWN:
        return _KNOWN[lower]
    return text


_KNOWN = {
    "home": "home",
    "work": "work",
    "mobile": "mobile",
    "cell": "mobile",
    "other": "other",
    "main": "main",
    "pager": "pager",
    "home fax": "home fax",
    "work fax": "work fax",
    "other fax": "fax",
    "fax": "fax",
    "business": "work",
    "personal": "home",
    "profile": "profile",
    "blog": "blog",
    "home page": "home page",
    "homepage": "home page",
}
