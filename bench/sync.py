"""Time CardDAV syncs against Radicale (or Xandikos): one started here on 127.0.0.1 (a free port, a
temporary folder), or one started by hand (``--url``).

For each size: box A holds N generated contacts and syncs first (it uploads every card); box B
is empty and syncs next (it downloads every card); then each syncs again with nothing changed,
which must download no card (the script says FAIL if one does). Prints wall times, requests
sent and cards downloaded.

python bench/sync.py                    # 1,000 cards, a Radicale of its own
python bench/sync.py --sizes 1000 10000 --servers radicale xandikos

# a Radicale started by hand, e.g. in tmux:
#   python -m radicale --config "" --server-hosts 127.0.0.1:5232 --auth-type none \\
#       --storage-filesystem-folder /tmp/radicale-data
python bench/sync.py --url http://127.0.0.1:5232/ --sizes 1000
python bench/sync.py --url http://127.0.0.1:5232/ --storage /tmp/radicale-data --seed --sizes 10000

Radicale's PUT gets slower as the address book grows (it checks every card for a duplicate
UID), so the first upload to it is dominated by the server: about 0.1 s a card at 100 cards and
0.2 s at 300 on this machine with plain PUTs and no cardbox at all. ``--seed`` writes the cards
into Radicale's storage folder instead (``--storage`` names it for a server started by hand), to
time downloads and no-change syncs of 10,000 cards.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generate import generate  # noqa: E402

from cardbox.services import syncing  # noqa: E402
from cardbox.services.box import CardBox  # noqa: E402
from cardbox.sync.dav import Client  # noqa: E402
from tests.sync.servers import running  # noqa: E402

TIMEOUT = 3600.0
"""A server parsing 10,000 cards it has not cached may think for minutes before answering."""


def timed(box: CardBox, label: str, *, no_change: bool = False) -> None:
    clients: list[Client] = []
    start = time.perf_counter()
    report = syncing.run(box, "dav", secret="x", client_out=clients, timeout=TIMEOUT)
    took = time.perf_counter() - start
    downloaded = clients[0].downloaded
    verdict = "  FAIL: a no-change sync downloaded cards" if no_change and downloaded else ""
    print(
        f"  {label:<22} {took:7.2f} s   pulled {report.pulled:>6,}  pushed {report.pushed:>6,}"
        f"  downloaded {downloaded:>6,}  requests {clients[0].requests:>5,}"
        f"  errors {len(report.errors)}{verdict}",
        flush=True,
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


@contextmanager
def server_at(
    kind: str, folder: Path, url: str | None, storage: Path | None
) -> Iterator[tuple[str, Path | None]]:
    """(root URL, storage folder) of the server: the one at ``url``, or one started here."""
    if url:
        yield (url if url.endswith("/") else url + "/"), storage
        return
    with running(kind, folder) as server:
        yield server.root, folder / f"{kind}-data"


def run_size(
    size: int, folder: Path, kind: str, seeded: bool, url: str | None, storage: Path | None
) -> None:
    how = "cards written into the server's storage" if seeded else "cards"
    where = url or "started here"
    print(f"{size:,} {how}, {kind} ({where})", flush=True)
    with server_at(kind, folder / f"{kind}-{size}", url, storage) as (root, data):
        name = f"bench{size}-{time.strftime('%H%M%S')}"
        book = f"{root}user/{name}/"
        a = CardBox.open(folder / f"a-{size}-{kind}.sqlite")
        b = CardBox.open(folder / f"b-{size}-{kind}.sqlite")
        try:
            start = time.perf_counter()
            a.add_contacts(generate(size, seed=1))
            print(f"  {'box filled':<22} {time.perf_counter() - start:7.2f} s", flush=True)
            if seeded:
                if data is None:
                    raise SystemExit("--seed with --url needs --storage (the server's folder)")
                seed_radicale(data, name, a)
            else:
                with Client(root, "user", "x") as client:
                    client.make_addressbook(book)
            for box in (a, b):
                syncing.add_account(box, "dav", book, "user", secret="x")
            if seeded:  # Radicale parses every card once to fill its cache: not cardbox's time
                start = time.perf_counter()
                with Client(book, "user", "x", timeout=TIMEOUT) as client:
                    client.propfind_listing(book)
                print(f"  {'server warm-up':<22} {time.perf_counter() - start:7.2f} s", flush=True)
            timed(a, "first sync (pairing)" if seeded else "first sync (upload)")
            timed(b, "first sync (download)")
            timed(a, "no-change sync (A)", no_change=True)
            timed(b, "no-change sync (B)", no_change=True)
        finally:
            a.close()
            b.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument(
        "--servers", nargs="+", default=["radicale"], choices=["radicale", "xandikos"]
    )
    parser.add_argument("--url", help="A server started by hand (its root URL), not one of ours.")
    parser.add_argument(
        "--storage", type=Path, help="With --url and --seed: the Radicale's storage folder."
    )
    parser.add_argument(
        "--seed",
        action="store_true",
        help="Radicale only: write the cards into its storage instead of uploading them (the "
        "upload is the server's slow part), and time a first sync that pairs them instead.",
    )
    args = parser.parse_args()
    servers = ["radicale"] if args.url else args.servers
    with tempfile.TemporaryDirectory(prefix="cardbox-sync-bench-") as scratch:
        for kind in servers:
            for size in args.sizes:
                seeded = args.seed and kind == "radicale"
                run_size(size, Path(scratch), kind, seeded, args.url, args.storage)


if __name__ == "__main__":
    main()
