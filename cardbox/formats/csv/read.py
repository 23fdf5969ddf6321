"""A CSV file's bytes to contacts, row by row: what the importer gets from the vCard parser.

`sniff` decodes the file (`text.decode`) and finds its header (`layouts.find_header`); a file
that is not text, or whose header is no known layout, is refused with what was found. `iter_rows`
then yields, for each row, a `Row` (the contact, its line and its raw text) or a `Failure` with
file, line and reason: one bad row never stops the others. Blank rows (Excel's ``,,,,``) are
skipped. Cells are unguarded (`text.unguard`) so that a cardbox export reads back as written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from cardbox.domain.errors import InvalidInput
from cardbox.domain.model import Contact
from cardbox.formats.csv import own
from cardbox.formats.csv.build import Draft
from cardbox.formats.csv.cells import Cells, Columns
from cardbox.formats.csv.layouts import LAYOUTS, Header, find_header
from cardbox.formats.csv.services import READERS
from cardbox.formats.csv.text import decode
from cardbox.formats.vcard.parse import MAX_FILE, Failure

MAX_FIELD = 16 << 20
"""The largest cell read (a photo in cardbox's own CSV); the csv module's default is 128 KB."""
MAX_ROW_LINES = 10_000
"""A row spanning more lines than this (an unclosed quote) is reported instead of read on."""


@dataclass(frozen=True)
class Sniffed:
    """A decoded CSV file and its header."""

    text: str
    encoding: str
    header: Header


@dataclass(frozen=True)
class Row:
    """One row read into a contact."""

    source: str
    line: int
    text: str
    """The row as it stands in the file (decoded), for the import's records."""
    contact: Contact
    dated: dict[str, str]
    """Event name -> date (``YYYY-MM-DD``) for the events this row dates (名刺交換日)."""
    header: str = ""
    """The layout and header the row was read under: the same row text under other columns
    is another card (`identity`'s card hash covers both)."""


def sniff(data: bytes, source: str, layout: str | None = None) -> Sniffed:
    """Decode a CSV file and find its header.

    Raises:
        InvalidInput: the file is too large, not text, or has no header of a known layout (the
            message quotes the header found).
    """
    if layout is not None and layout not in LAYOUTS:
        raise InvalidInput("csv.unknown_layout", layout=layout, choices=", ".join(LAYOUTS))
    if len(data) > MAX_FILE:
        raise InvalidInput("csv.too_large", source=source, mb=MAX_FILE >> 20)
    if not data.strip():
        raise InvalidInput("csv.empty", source=source)
    try:
        text, encoding = decode(data)
    except InvalidInput as exc:
        raise InvalidInput("nested", where=source, error=exc) from None
    header = find_header(text, layout)
    if header.layout is None:
        found = ",".join(header.names)
        if len(found) > 300:
            found = found[:300] + "…"
        code = "csv.not_layout" if layout else "csv.no_layout"
        raise InvalidInput(
            code, source=source, layout=layout, line=header.line, found=found or "(nothing)"
        )

    return Sniffed(text, encoding, header)


def _records(
    text: str, start: int, line: int, separator: str
) -> Iterator[tuple[int, str, list[str]] | tuple[int, str]]:
    """``(first line, raw text, cells)`` per record after ``start`` (on line ``line``);
    ``(line, reason)`` for a record that could not be read."""
    lines = io.StringIO(text[start:], newline="")
    taken: list[str] = []

    def feed() -> Iterator[str]:
        for line in lines:
            taken.append(line)
            if len(taken) > MAX_ROW_LINES:
                raise csv.Error(f"a row of more than {MAX_ROW_LINES:,} lines (a quote not closed?)")
            yield line

    reader = csv.reader(feed(), delimiter=separator, strict=False)
    old = csv.field_size_limit()
    csv.field_size_limit(MAX_FIELD)
    try:
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield line, str(exc)
                line += len(taken)
                taken.clear()
                if "quote not closed" in str(exc):
                    return
                continue
            yield line, "".join(taken), cells
            line += len(taken)
            taken.clear()
    finally:
        csv.field_size_limit(old)


def iter_rows(sniffed: Sniffed, source: str, *, region: str = "JP") -> Iterator[Row | Failure]:
    """The rows of a sniffed file as contacts (see the module notes)."""
    header = sniffed.header
    layout = header.layout or ""
    reader = own.read if layout == "cardbox" else READERS[layout]
    columns = Columns(header.names)
    signature = f"{layout}\n{','.join(header.names)}\n"
    for item in _records(sniffed.text, header.offset, header.line + 1, header.separator):
        if len(item) == 2:
            yield Failure(source, item[0], item[1], "")
            continue
        line, raw, values = item
        if not any(v.strip() for v in values):
            continue
        try:
            cells = Cells(columns, values)
            draft = Draft(region=region)
            reader(cells, draft)
            if layout != "cardbox":
                draft.keep_rest(cells.rest())
            if raw.count('"') % 2 and "\n" in raw.replace("\r", "\n").rstrip("\n"):
                draft.warnings.append(
                    "a quote in this row is not closed: the rest of the file was read as one cell"
                )
            result = draft.contact()
        except Exception as exc:  # a safety net: one row's surprise must not stop the file
            yield Failure(source, line, f"could not be read ({type(exc).__name__})", raw)
            continue
        if isinstance(result, str):
            yield Failure(source, line, result, raw)
        else:
            yield Row(source, line, raw, result, dict(draft.dated), signature)
