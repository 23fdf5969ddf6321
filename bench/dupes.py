"""Benchmark `cardbox duplicates` on 100,000 generated contacts (target: under 10 s).

python bench/dupes.py                 # builds the box in a temporary folder (about 1 min)
python bench/dupes.py --keep DIR      # keep (and on later runs reuse) the box in DIR
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from generate import generate
from run import _spawn

from cardbox.services.box import CardBox

CONTACTS = 100_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="Folder to keep (and reuse) the box in.")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="cardbox-dupes-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "dupes-100k.sqlite"
    if not path.exists():
        with CardBox.open(path) as box:
            contacts = generate(CONTACTS)
            for start in range(0, CONTACTS, 1000):
                box.add_contacts(contacts[start : start + 1000])
    code, wall, peak, out, err = _spawn(
        [sys.executable, "-m", "cardbox", "--db", str(path), "duplicates", "--json"]
    )
    assert code == 0, err.decode(errors="replace")
    pairs = out.count(b'"score"')
    print(f"cardbox duplicates on {CONTACTS:,}: {wall:.1f} s, peak {peak:.0f} MB, {pairs:,} pairs")
    print("target: under 10 s")


if __name__ == "__main__":
    main()
