"""Reading the sources of an import: the files to read (`collect`, `survey`: files given, the vCard
files of folders, what cannot be read as a file and why), how many cards they hold, for a
progress bar (`count_cards`), CSV files sniffed for their layout before anything is written, and
each card or row of the files in order, with what it maps to (`cards_of`)."""

from __future__ import annotations

import errno
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from cardbox.domain.errors import CardboxError, InvalidInput
from cardbox.domain.model import Contact
from cardbox.formats.csv import read as csv_read
from cardbox.formats.vcard.decode import to_utf8
from cardbox.formats.vcard.mapping import Group, to_contact
from cardbox.formats.vcard.parse import MAX_FILE, Failure, RawCard, iter_cards

CSV = ".csv"
VCARD_SUFFIXES = (".vcf", ".vcard")
SUFFIXES = (*VCARD_SUFFIXES, CSV)
"""What the app's file tree shows; a folder is searched for vCard files only (`collect`)."""


class SourceError(CardboxError):
    """The import cannot run at all: a path is missing or unreadable, or an option is wrong."""


def collect(paths: Iterable[str | Path]) -> list[Path]:
    """The files to read: each file given, and the ``.vcf`` files in each folder (and below).

    CSV files are read when named one by one: a folder often holds CSV files of other kinds
    (a bank statement, a spreadsheet), and any of them would refuse the whole import."""
    return [entry for entry in survey(paths) if isinstance(entry, Path)]


def survey(paths: Iterable[str | Path]) -> list[Path | Failure]:
    """`collect`, and in file order, each entry of a folder with a vCard name that cannot be
    read as a file (a FIFO, a device, a socket, a broken link, a link loop, a link to a folder,
    which are never opened or followed) as a `Failure` with the reason.

    Raises:
        SourceError: a path given is missing, not a file or folder, or a folder without any
            ``.vcf`` entry.
    """
    out: list[Path | Failure] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in VCARD_SUFFIXES)
            entries = [(p, _not_a_file(p)) for p in found if not p.is_dir() or p.is_symlink()]
            if not entries:
                raise SourceError("import.empty_folder", path=path)
            out += [Failure(source_name(p), 0, why, "") if why else p for p, why in entries]
        elif path.is_file():
            out.append(path)
        elif not path.exists():
            raise SourceError("import.missing", path=path)
        else:
            raise SourceError("import.not_file", path=path)
    return out


def source_name(path: Path) -> str:
    """A file's name as text, for reports and the import's record: bytes of a name that are not
    UTF-8 (a file named on a Latin-1 or Shift_JIS system) become U+FFFD."""
    name = str(path)
    if name.isascii():
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a link to a folder (links to folders are not followed)"),
)


def _not_a_file(path: Path) -> str:
    """Why ``path`` is not read as a vCard file, or ``""`` when it is a regular file."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "not read: a symbolic link that loops"
        if path.is_symlink():
            return "not read: a broken symbolic link"
        return f"cannot read the file: {exc.strerror or exc}"
    if stat.S_ISREG(mode):
        return ""
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return f"not read: {kind}"


_BEGIN = re.compile(rb"^[ \t]*BEGIN[ \t]*:[ \t]*VCARD", re.IGNORECASE | re.MULTILINE)


def count_cards(paths: Sequence[str | Path]) -> int:
    """About how many cards ``paths`` hold (their ``BEGIN:VCARD`` lines, a CSV file's lines),
    for a progress bar.

    Raises:
        SourceError: as `cardbox.services.importer.import_paths`.
    """
    total = 0
    for path in survey(paths):
        if isinstance(path, Failure):
            total += 1  # the import reports it as one failure
            continue
        try:
            if path.stat().st_size > MAX_FILE:
                total += 1
                continue
            if path.suffix.lower() == CSV:
                total += max(1, path.read_bytes().count(b"\n"))  # about one row a line
                continue
            text, _start = to_utf8(path.read_bytes())
        except OSError:
            total += 1  # the import reports it as one failure
            continue
        total += max(1, len(_BEGIN.findall(text)))
    return total


Read = RawCard | csv_read.Row | Failure
"""Where a result came from: a vCard, a CSV row, or (for a failure) the failure itself."""


def sniff_csv(files: Sequence[Path], layout: str | None) -> dict[Path, csv_read.Sniffed]:
    """Each CSV file decoded, with its header and layout.

    Raises:
        SourceError: a CSV file cannot be read, is not text, or is of no known layout.
    """
    found = {}
    for path in files:
        if path.suffix.lower() != CSV:
            continue
        try:
            found[path] = csv_read.sniff(path.read_bytes(), str(path), layout)
        except OSError as exc:
            raise SourceError("import.unreadable", path=path, reason=exc.strerror or exc) from None
        except InvalidInput as exc:
            raise SourceError(exc.code, exc.params) from None

    return found


def cards_of(
    files: Sequence[Path | Failure],
    sniffed: dict[Path, csv_read.Sniffed],
    region: str,
    industry_names: dict[str, str],
) -> Iterator[tuple[Read, Contact | Group | Failure]]:
    """Each card or row of the files and what it maps to, in file order."""
    for item in _cards(files, sniffed, region):
        if isinstance(item, Failure):
            yield item, item
        elif isinstance(item, csv_read.Row):
            yield item, item.contact
        else:
            yield item, to_contact(item, region=region, industry_names=industry_names)


def _cards(
    files: Sequence[Path | Failure], sniffed: dict[Path, csv_read.Sniffed], region: str
) -> Iterator[RawCard | csv_read.Row | Failure]:
    for path in files:
        if isinstance(path, Failure):
            yield path  # not a file: never opened
            continue
        if path in sniffed:
            yield from csv_read.iter_rows(sniffed.pop(path), str(path), region=region)
            continue
        try:
            size = path.stat().st_size
            if size > MAX_FILE:
                yield Failure(
                    source_name(path), 0, f"file is {size:,} bytes; the limit is {MAX_FILE:,}", ""
                )
                continue
            data = path.read_bytes()
        except OSError as exc:
            yield Failure(source_name(path), 0, f"cannot read the file: {exc.strerror or exc}", "")
            continue
        head = data[:4096]
        cards = iter_cards(data, source_name(path))
        del data  # the parser holds the only copy of a large file's bytes from here
        found = False
        for card in cards:
            found = True
            yield card
        if not found:
            yield Failure(source_name(path), 0, _not_a_vcard(head), "")


def _not_a_vcard(head: bytes) -> str:
    if not head:
        return "the file is empty"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "not a vCard file: it holds binary data"
    return "no vCard in this file (no BEGIN:VCARD line)"
