"""Benchmark cardbox at several sizes: insert rate, search latency, cold CLI start-up and memory.

    python bench/run.py                          # 1k, 10k and 100k contacts
    python bench/run.py --sizes 1000             # a quick run
    python bench/run.py --sizes 10000 --queries 50 --keep /tmp/boxes

For each size a fresh store is filled with generated contacts (`generate.generate`), every query
from `generate.queries` is run through `CardBox.search` (once to warm up, then timed), and
``python -m cardbox --db PATH search QUERY --json`` is run as a fresh process a few times to measure
what a person waits for at the shell, and how much memory that process peaks at.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from generate import EVENTS, generate, queries

from cardbox.services.box import CardBox

BATCH = 1000
CLI_RUNS = 5
CLI_QUERIES = ("山田", "yamada", "industry:legal tag:investor")
"""One short CJK query, one romaji, one fielded."""
TARGET_SIZE = 100_000
TARGET_P95_MS = 20.0
TARGET_CLI_S = 0.3
TARGET_CLI_MB = 60.0


@dataclass
class Timing:
    """One query's timed run."""

    query: str
    ms: float
    total: int


@dataclass
class CliRun:
    """Cold CLI runs of one query."""

    query: str
    walls: list[float] = field(default_factory=list)
    peaks_mb: list[float] = field(default_factory=list)
    hits: int | None = None
    error: str = ""


@dataclass
class Result:
    """Everything measured at one size."""

    size: int
    generate_s: float = 0.0
    insert_s: float = 0.0
    db_mb: float = 0.0
    timings: list[Timing] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    """Query -> traceback, for queries that raised."""
    cli: list[CliRun] = field(default_factory=list)

    @property
    def insert_rate(self) -> float:
        return self.size / self.insert_s if self.insert_s else 0.0

    def search_ms(self, pct: float) -> float:
        return percentile([t.ms for t in self.timings], pct)

    @property
    def cli_walls(self) -> list[float]:
        return [w for run in self.cli for w in run.walls]

    @property
    def cli_peaks(self) -> list[float]:
        return [p for run in self.cli for p in run.peaks_mb]


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (``pct`` in 0..100); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def db_path(size: int, keep: Path | None, scratch: Path) -> Path:
    """Where the store of this size goes; any old store of that name is removed first."""
    path = (keep or scratch) / f"cardbox-{size}.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def fill(box: CardBox, size: int, result: Result) -> None:
    """Add the events, then ``size`` generated contacts in batches; only the inserts are timed."""
    start = time.perf_counter()
    contacts = generate(size)
    result.generate_s = time.perf_counter() - start
    print(f"  generated {size:,} contacts in {result.generate_s:.1f} s")
    for name, when, venue in EVENTS:
        box.add_event(name, date=when, venue=venue)
    step = max(1, len(contacts) // BATCH // 10)
    for n, first in enumerate(range(0, len(contacts), BATCH), 1):
        start = time.perf_counter()
        box.add_contacts(contacts[first : first + BATCH])
        result.insert_s += time.perf_counter() - start
        done = min(first + BATCH, len(contacts))
        if n % step == 0 and done < len(contacts):
            rate = done / result.insert_s
            print(f"    ... {done:,} inserted, {rate:,.0f}/s so far", flush=True)
    print(f"  inserted {size:,} in {result.insert_s:.1f} s: {result.insert_rate:,.0f} contacts/s")


def search_all(box: CardBox, qs: list[str], result: Result) -> None:
    """Run every query once to warm up, then once timed."""
    for q in qs:
        try:
            box.search(q, limit=50)
        except Exception:
            result.errors[q] = traceback.format_exc()
    for q in qs:
        if q in result.errors:
            continue
        start = time.perf_counter()
        try:
            page = box.search(q, limit=50)
        except Exception:
            result.errors[q] = traceback.format_exc()
            continue
        result.timings.append(Timing(q, (time.perf_counter() - start) * 1000, page.total))
    ms = [t.ms for t in result.timings]
    if ms:
        print(
            f"  search ({len(ms)} queries, limit 50): median {statistics.median(ms):.2f} ms,"
            f" p95 {percentile(ms, 95):.2f} ms, max {max(ms):.2f} ms"
        )
    misses = sum(1 for t in result.timings if t.total == 0)
    print(f"  queries with no hits: {misses}")
    print("  slowest:")
    for t in sorted(result.timings, key=lambda t: -t.ms)[:5]:
        print(f"    {t.ms:8.2f} ms  {t.total:>7,} hits  {t.query!r}")
    for q, tb in result.errors.items():
        print(f"  QUERY RAISED: {q!r}\n" + _indent(tb.rstrip(), 6))


def cold_cli(path: Path, result: Result) -> None:
    """Run ``python -m cardbox --db PATH search Q --json`` as fresh processes."""
    for q in CLI_QUERIES:
        run = CliRun(q)
        result.cli.append(run)
        for _ in range(CLI_RUNS):
            cmd = [sys.executable, "-m", "cardbox", "--db", str(path), "search", q, "--json"]
            code, wall, peak_mb, out, err = _spawn(cmd)
            if code != 0:
                tail = "\n".join(err.decode(errors="replace").rstrip().splitlines()[-12:])
                run.error = f"exit status {code}; stderr tail:\n{tail}"
                break
            run.walls.append(wall)
            run.peaks_mb.append(peak_mb)
            if run.hits is None:
                run.hits = _count(out)
        if run.error:
            print(f"  cold CLI {q!r}: FAILED, {run.error.splitlines()[0]}")
            print(_indent("\n".join(run.error.splitlines()[1:]), 6))
        else:
            hits = "?" if run.hits is None else f"{run.hits}"
            print(
                f"  cold CLI {q!r}: median {statistics.median(run.walls):.3f} s,"
                f" peak RSS {max(run.peaks_mb):.1f} MB, {hits} results in the JSON"
            )


# A child forked from this (large) process starts with this process's RSS as its high-water mark,
# and Linux keeps that mark across exec, so ``os.wait4`` on a direct child reports our own size.
# A small launcher process therefore forks the CLI and reports that grandchild's figures.
_LAUNCHER = """
import os, sys, time
report, argv = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(argv[0], argv)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
with open(report, "w") as f:
    f.write(f"{wall} {usage.ru_maxrss}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _spawn(cmd: list[str]) -> tuple[int, float, float, bytes, bytes]:
    """Run ``cmd`` via the launcher; return its exit code, wall time, peak RSS (MB), output."""
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile("r", suffix=".txt") as report,
    ):
        launcher = [sys.executable, "-S", "-c", _LAUNCHER, report.name]
        proc = subprocess.Popen(launcher + cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        code = proc.wait()
        wall_text, _, rss_text = report.read().partition(" ")
        out.seek(0)
        err.seek(0)
        # ru_maxrss is in KiB on Linux (bytes on macOS).
        scale = 1024 * 1024 if sys.platform == "darwin" else 1024
        wall = float(wall_text) if wall_text else math.nan
        peak = int(rss_text) / scale if rss_text else math.nan
        return code, wall, peak, out.read(), err.read()


def _count(stdout: bytes) -> int | None:
    """How many results the CLI's JSON holds (None if it is not JSON cardbox could mean)."""
    try:
        data = json.loads(stdout)
    except ValueError:
        return None
    if isinstance(data, list):
        return len(data)
    if isinstance(data, dict):
        for key in ("contacts", "results", "items"):
            if isinstance(data.get(key), list):
                return len(data[key])
    return None


def _indent(text: str, n: int) -> str:
    return "\n".join(" " * n + line for line in text.splitlines())


def run_size(size: int, qs: list[str], keep: Path | None, scratch: Path) -> Result:
    """Build a store of ``size`` contacts and measure it."""
    print(f"\n== {size:,} contacts ==")
    result = Result(size)
    path = db_path(size, keep, scratch)
    box = CardBox.open(path)
    try:
        fill(box, size, result)
        search_all(box, qs, result)
    finally:
        box.close()
    result.db_mb = sum(
        p.stat().st_size for p in path.parent.glob(f"{path.name}*") if p.is_file()
    ) / (1024 * 1024)
    print(f"  database: {result.db_mb:.1f} MB at {path}")
    cold_cli(path, result)
    return result


def _fmt(value: float, spec: str) -> str:
    return "-" if math.isnan(value) else format(value, spec)


def summary(results: list[Result]) -> None:
    """One row per size, with the targets at 100k beside the figures."""
    head = (
        f"{'contacts':>9}  {'insert/s':>9}  {'search med':>10}  {'p95':>8}  {'max':>8}"
        f"  {'CLI med':>8}  {'CLI RSS':>8}  {'errors':>6}"
    )
    print("\n== summary ==")
    print(head)
    print("-" * len(head))
    for r in results:
        walls, peaks = r.cli_walls, r.cli_peaks
        cli_s = statistics.median(walls) if walls else math.nan
        rss = max(peaks) if peaks else math.nan
        cli_failed = any(run.error for run in r.cli)
        print(
            f"{r.size:>9,}  {r.insert_rate:>9,.0f}  {_fmt(r.search_ms(50), '.2f'):>7} ms"
            f"  {_fmt(r.search_ms(95), '.2f'):>5} ms  {_fmt(r.search_ms(100), '.1f'):>5} ms"
            f"  {_fmt(cli_s, '.3f'):>6} s  {_fmt(rss, '.1f'):>5} MB"
            f"  {len(r.errors) + cli_failed:>6}"
        )
        if r.size == TARGET_SIZE:
            checks = [
                ("search p95", r.search_ms(95), TARGET_P95_MS, "ms"),
                ("cold CLI", cli_s, TARGET_CLI_S, "s"),
                ("cold CLI RSS", rss, TARGET_CLI_MB, "MB"),
            ]
            verdicts = []
            for name, value, target, unit in checks:
                ok = not math.isnan(value) and value < target
                verdicts.append(
                    f"{name} {_fmt(value, '.3g')} {unit} < {target:g}: {'ok' if ok else 'MISS'}"
                )
            print(f"{'':>9}  100k targets: " + "; ".join(verdicts))
    print(
        f"\ntargets at {TARGET_SIZE:,}: search p95 < {TARGET_P95_MS:g} ms,"
        f" cold CLI < {TARGET_CLI_S:g} s and < {TARGET_CLI_MB:g} MB peak RSS"
    )
    print("(errors: queries that raised, plus 1 if the cold CLI failed)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="comma-separated store sizes (contacts)"
    )
    parser.add_argument("--queries", type=int, default=0, help="use only N of the queries")
    parser.add_argument("--keep", type=Path, help="build the stores in DIR and keep them")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    qs = queries()
    if 0 < args.queries < len(qs):
        qs = [qs[i * len(qs) // args.queries] for i in range(args.queries)]
    print(f"cardbox benchmark: sizes {', '.join(f'{s:,}' for s in sizes)}; {len(qs)} queries")
    started = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="cardbox-bench-") as scratch:
        for size in sizes:
            results.append(run_size(size, qs, args.keep, Path(scratch)))
    summary(results)
    print(f"total run time {time.perf_counter() - started:.0f} s")
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
