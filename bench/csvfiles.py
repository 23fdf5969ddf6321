"""Benchmark CSV import and export against vCard, in the same run, on the same contacts.

    python bench/csvfiles.py             # 10,000 generated contacts
    python bench/csvfiles.py --cards 2000

Prints, for the same generated contacts: writing them as vCard 3.0 and as each CSV target, and
the whole import (read, map, match, write to an empty box) of the vCard file, the Google CSV and
cardbox's own CSV. No target of its own: a CSV import should not be slower than the vCard
import of the same contacts.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from generate import generate

from cardbox.formats.csv.write import TARGETS, write_csv
from cardbox.formats.vcard.write import Names, write_vcard
from cardbox.services.box import CardBox
from cardbox.services.importer import import_paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    args = parser.parse_args()
    contacts = generate(args.cards)
    with tempfile.TemporaryDirectory() as tmp:
        files: dict[str, Path] = {}
        start = time.perf_counter()
        text = "".join(write_vcard(c, Names(industries={})) for c in contacts)
        print(f"write vCard 3.0: {time.perf_counter() - start:.2f} s")
        files["vCard"] = Path(tmp) / "cards.vcf"
        files["vCard"].write_text(text, encoding="utf-8")
        for target in TARGETS:
            start = time.perf_counter()
            written = write_csv(contacts, target)
            print(f"write {target}: {time.perf_counter() - start:.2f} s")
            if target in ("csv", "google-csv"):
                files[target] = Path(tmp) / f"{target}.csv"
                files[target].write_bytes(written.data)
        for name, path in files.items():
            with CardBox.open(Path(tmp) / f"{name}.sqlite") as box:
                start = time.perf_counter()
                report = import_paths(box, [path])
                took = time.perf_counter() - start
                assert not report.failed, report.failed[:3]
                rate = args.cards / took
                print(f"import {name}: {took:.1f} s ({rate:,.0f}/s), {report.added:,} new")


if __name__ == "__main__":
    main()
