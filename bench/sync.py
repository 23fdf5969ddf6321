"""Time CardDAV syncs against a Radicale started on 127.0.0.1 (a free port, a temporary folder).

For each size: box A holds N generated contacts and syncs first (it uploads every card); box B
is empty and syncs next (it downloads every card); then each syncs again with nothing changed,
which must download no card. Prints wall times, requests sent and cards downloaded.

python bench/sync.py                    # 1,000 cards, Radicale
python bench/sync.py --sizes 1000 10000 --servers radicale xandikos

Radicale's PUT gets slower as the address book grows (it checks every card for a duplicate
UID), so the first upload to it is dominated by the server: about 0.1 s a card at 100 cards and
0.2 s at 300 on this machine with plain PUTs and no cardbox at all. ``--seed`` writes the cards
into Radicale's storage folder instead, to time downloads and no-change syncs of 10,000 cards.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generate import generate  # noqa: E402

from cardbox.services import syncing  # noqa: E402
from cardbox.services.box import CardBox  # noqa: E402
from cardbox.sync.dav import Client  # noqa: E402
from tests.sync.servers import running  # noqa: E402


def timed(box: CardBox, label: str) -> None:
    clients: list[Client] = []
    start = time.perf_counter()
    report = syncing.run(box, "dav", secret="x", client_out=clients)
    took = time.perf_counter() - start
    print(
        f"  {label:<22} {took:7.2f} s   pulled {report.pulled:>6,}  pushed {report.pushed:>6,}"
        f"  downloaded {clients[0].downloaded:>6,}  requests {clients[0].requests:>5,}"
        f"  errors {len(report.errors)}"
    )


def seed_radicale(data: Path, name: str, box: CardBox) -> None:
    """Write the box's cards straight into Radicale's storage (what an upload would leave)."""
    from cardbox.sync.cards import Codec

    codec = Codec({c: i.name for c, i in box.store.taxonomy().items()}, box.region)
    folder = data / "collection-root" / "user" / name
    folder.mkdir(parents=True)
    (folder / ".Radicale.props").write_text('{"tag": "VADDRESSBOOK"}')
    for contact in box.contacts().contacts:
        (folder / f"{contact.uid}.vcf").write_text(codec.render(contact), newline="")


def run_size(size: int, folder: Path, kind: str, seeded: bool) -> None:
    how = "cards written into the server's storage" if seeded else "cards"
    print(f"{size:,} {how}, {kind}")
    with running(kind, folder / f"{kind}-{size}") as server:
        name = f"bench{size}"
        book = f"{server.root}user/{name}/"
        a = CardBox.open(folder / f"a-{size}-{kind}.sqlite")
        b = CardBox.open(folder / f"b-{size}-{kind}.sqlite")
        try:
            a.add_contacts(generate(size, seed=1))
            if seeded:
                seed_radicale(folder / f"{kind}-{size}" / f"{kind}-data", name, a)
            else:
                with Client(server.root, "user", "x") as client:
                    client.make_addressbook(book)
            for box in (a, b):
                syncing.add_account(box, "dav", book, "user", secret="x")
            if seeded:  # Radicale parses every card once to fill its cache: not cardbox's time
                start = time.perf_counter()
                with Client(book, "user", "x", timeout=3600) as client:
                    client.propfind_listing(book)
                print(f"  {'server warm-up':<22} {time.perf_counter() - start:7.2f} s")
            timed(a, "first sync (pairing)" if seeded else "first sync (upload)")
            timed(b, "first sync (download)")
            timed(a, "no-change sync (A)")
            timed(b, "no-change sync (B)")
        finally:
            a.close()
            b.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument(
        "--servers", nargs="+", default=["radicale"], choices=["radicale", "xandikos"]
    )
    parser.add_argument(
        "--seed",
        action="store_true",
        help="Radicale only: write the cards into its storage instead of uploading them (the "
        "upload is the server's slow part), and time a first sync that pairs them instead.",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cardbox-sync-bench-") as scratch:
        for kind in args.servers:
            for size in args.sizes:
                run_size(size, Path(scratch), kind, args.seed and kind == "radicale")


if __name__ == "__main__":
    main()
