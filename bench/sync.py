"""Time CardDAV syncs against a Radicale started on 127.0.0.1 (a free port, a temporary folder).

For each size: box A holds N generated contacts and syncs first (it uploads every card); box B
is empty and syncs next (it downloads every card); then each syncs again with nothing changed,
which must download no card. Prints wall times, requests sent and cards downloaded.

python bench/sync.py                    # 1,000 cards, Radicale
python bench/sync.py --sizes 1000 10000 --servers radicale xandikos

Radicale's PUT gets slower as the address book grows (it checks every card for a duplicate
UID), so the first upload to it is dominated by the server: about 0.1 s a card at 100 cards and
0.2 s at 300 on this machine with plain PUTs and no cardbox at all.
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

from cardbox import syncing  # noqa: E402
from cardbox.box import CardBox  # noqa: E402
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


def run_size(size: int, folder: Path, kind: str) -> None:
    print(f"{size:,} cards, {kind}")
    with running(kind, folder / f"{kind}-{size}") as server:
        book = f"{server.root}user/bench{size}/"
        with Client(server.root, "user", "x") as client:
            client.make_addressbook(book)
        a = CardBox.open(folder / f"a-{size}.sqlite")
        b = CardBox.open(folder / f"b-{size}.sqlite")
        try:
            a.add_contacts(generate(size, seed=1))
            for box in (a, b):
                syncing.add_account(box, "dav", book, "user", secret="x")
            timed(a, "first sync (upload)")
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cardbox-sync-bench-") as scratch:
        for kind in args.servers:
            for size in args.sizes:
                run_size(size, Path(scratch), kind)


if __name__ == "__main__":
    main()
