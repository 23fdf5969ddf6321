"""Keep the UI's Japanese catalog in step with the code (needs Babel, a test dependency).

    python tools/catalog.py            # extract _() / N_() / ngettext() strings from cardbox/tui,
                                       # merge them into cardbox/locale/ja/LC_MESSAGES/cardbox.po
                                       # (existing translations kept) and compile cardbox.mo
    python tools/catalog.py --check    # exit 1 if a string is untranslated or the .mo is stale

The .po file is where translations are written; the .mo next to it is what the app loads.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "cardbox" / "tui"
PO = ROOT / "cardbox" / "locale" / "ja" / "LC_MESSAGES" / "cardbox.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extracted() -> Catalog:
    """Every UI string in the code."""
    catalog = Catalog(project="cardbox", domain="cardbox")
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(SOURCE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        catalog.add(message, locations=[(f"cardbox/tui/{filename}", lineno)])
    return catalog


def current() -> Catalog:
    if not PO.exists():
        return Catalog(locale="ja", project="cardbox", domain="cardbox")
    with PO.open("rb") as f:
        return read_po(f, locale="ja", domain="cardbox")


def compiled(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def messages(catalog: Catalog) -> dict[object, object]:
    """What a catalog translates, message by message (the header, with its tool versions, left out).

    The compiled file is compared by these, not by its bytes: the bytes carry the Babel version
    (``Generated-By``), so a byte comparison fails on every newer Babel.
    """

    def key(value: str | Iterable[str]) -> str | tuple[str, ...]:
        return value if isinstance(value, str) else tuple(value)

    return {
        key(m.id): key(m.string)
        for m in catalog
        if m.id and m.string and not m.fuzzy and (not isinstance(m.string, tuple) or all(m.string))
    }


def untranslated(catalog: Catalog, wanted: Catalog) -> list[str]:
    """Strings in the code without a Japanese translation."""
    missing = []
    for message in wanted:
        if not message.id:
            continue
        have = catalog.get(message.id)
        text = have.string if have else None
        if not text or (isinstance(text, tuple) and not all(text)) or (have and have.fuzzy):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def update() -> int:
    catalog = current()
    catalog.update(extracted(), no_fuzzy_matching=True)
    catalog.obsolete.clear()
    PO.parent.mkdir(parents=True, exist_ok=True)
    with PO.open("wb") as f:
        write_po(f, catalog, width=100, sort_output=False)
    MO.write_bytes(compiled(catalog))
    missing = untranslated(catalog, extracted())
    print(f"{PO.relative_to(ROOT)}: {len(catalog)} strings, {len(missing)} untranslated")
    for m in missing:
        print(f"  untranslated: {m!r}")
    return 0


def check() -> int:
    catalog = current()
    missing = untranslated(catalog, extracted())
    if MO.exists():
        with MO.open("rb") as f:
            stale = messages(read_mo(f)) != messages(catalog)
    else:
        stale = True
    for m in missing:
        print(f"untranslated: {m!r}")
    if stale:
        print(f"{MO.relative_to(ROOT)} is out of date: run python tools/catalog.py")
    return 1 if missing or stale else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="Only check; change nothing.")
    args = parser.parse_args()
    return check() if args.check else update()


if __name__ == "__main__":
    sys.exit(main())
