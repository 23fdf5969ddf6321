"""Benchmark vCard import and export against vobject, in the same run, on the same cards.

    python bench/vcard.py              # 10,000 generated cards
    python bench/vcard.py --cards 2000

Prints: vobject's parse time for the file and cardbox's whole import of it (parse, map, match,
write to an empty box); vobject's serialize time for the same cards and cardbox's export of them
to one 3.0 file. The issue's targets: import <= 1.5x vobject's parse, export <= 1.5x vobject's
serialize.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import vobject
from generate import generate

from cardbox.formats.vcard.write import Names, write_vcard
from cardbox.services.box import CardBox
from cardbox.services.exporter import export_file
from cardbox.services.importer import import_paths


def vobject_card(c: object) -> vobject.base.Component:
    from cardbox.domain.model import Contact

    assert isinstance(c, Contact)
    card = vobject.vCard()
    card.add("n").value = vobject.vcard.Name(family=c.family_name, given=c.given_name)
    card.add("fn").value = c.name
    if c.family_reading:
        card.add("x-phonetic-last-name").value = c.family_reading
        card.add("x-phonetic-first-name").value = c.given_reading
    if c.company:
        card.add("org").value = [c.company, c.department] if c.department else [c.company]
    if c.title:
        card.add("title").value = c.title
    for p in c.phones:
        tel = card.add("tel")
        tel.value = p.e164
        tel.type_param = "CELL" if p.label == "mobile" else "WORK"
    for e in c.emails:
        mail = card.add("email")
        mail.value = e.address
        mail.type_param = "INTERNET"
    if c.notes:
        card.add("note").value = c.notes
    card.add("uid").value = c.uid
    return card


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    args = parser.parse_args()
    contacts = generate(args.cards)
    names = Names(industries={})
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "cards.vcf"
        source.write_text("".join(write_vcard(c, names) for c in contacts), encoding="utf-8")
        size = source.stat().st_size
        print(f"{args.cards:,} generated cards, {size / 1e6:.1f} MB vCard 3.0")

        start = time.perf_counter()
        parsed = list(vobject.readComponents(source.read_text(encoding="utf-8")))
        vobject_parse = time.perf_counter() - start
        assert len(parsed) == args.cards

        with CardBox.open(Path(tmp) / "box.sqlite") as box:
            start = time.perf_counter()
            report = import_paths(box, [source])
            ours_import = time.perf_counter() - start
            assert not report.failed, report.failed[:3]
            # Generated cards may share a phone number or e-mail: those merge, as they should.
            print(f"imported {report.added:,} new, {report.updated:,} merged into an earlier card")

            vcards = [vobject_card(c) for c in contacts]
            start = time.perf_counter()
            for card in vcards:
                card.serialize()
            vobject_serialize = time.perf_counter() - start

            start = time.perf_counter()
            exported = export_file(box, "", Path(tmp) / "out.vcf")
            ours_export = time.perf_counter() - start
            assert exported.count == report.added

    print(
        f"import: vobject parse {vobject_parse:.2f} s; cardbox import {ours_import:.2f} s"
        f" = {ours_import / vobject_parse:.2f}x (target <= 1.5x),"
        f" {args.cards / ours_import:,.0f} cards/s"
    )
    print(
        f"export: vobject serialize {vobject_serialize:.2f} s; cardbox export {ours_export:.2f} s"
        f" = {ours_export / vobject_serialize:.2f}x (target <= 1.5x)"
    )


if __name__ == "__main__":
    main()
