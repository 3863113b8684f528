"""`govlint report` at scale: the results store and a Dask LocalCluster against --jobs.

Usage: python -m bench.bench_store [N] [--store URL]   (from the repository root; default 8,000 papers)
The papers are bench_report's generated corpus. Timed, each as the whole command:
- a report without the store, with one job and with every core (papers per worker-second);
- a first report into a new store, then a second with nothing changed, then reports after
  changing K papers for several K (the time should grow linearly with K);
- the same report with --executor dask on a LocalCluster of one worker per core.
Every output is compared with the plain one: they must be byte-identical, but for the section a
report through the store adds from the second on (what changed since the previous report). Each run is shown
as wall-clock seconds and as CPU seconds (user and system, the command and its workers):
on a shared machine the CPU figure is the one that does not depend on the neighbours. The
figures are written up in docs/scale.md.
"""
from __future__ import annotations

import argparse
import random
import resource
import subprocess
import tempfile
import time
from pathlib import Path

from bench.bench_report import write_corpus
from govlint.checks.formatters.report_trend import without_trend
from govlint.engine.checking.batch import default_jobs

TODAY = "2025-06-01"


class Timed:
    """Wall-clock and CPU seconds of one command."""

    def __init__(self, wall: float, cpu: float):
        self.wall, self.cpu = wall, cpu

    def __truediv__(self, other: Timed) -> str:
        return f"{self.wall / other.wall:,.1f}x wall, {self.cpu / other.cpu:,.1f}x CPU"

    def __str__(self) -> str:
        return f"{self.wall:7.2f}s wall {self.cpu:7.2f}s CPU"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_report(papers: Path, out: Path, *options: str) -> Timed:
    start, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(["govlint", "report", str(papers), "-o", str(out), "--no-config", "--today", TODAY, *options], check=True,
                   stderr=subprocess.DEVNULL)
    return Timed(time.perf_counter() - start, _children_cpu() - cpu)


def change(papers: Path, count: int, rng: random.Random) -> None:
    """Edit `count` papers: a sentence added at the end, so each reads as a new paper."""
    for path in rng.sample(sorted(papers.iterdir()), count):
        path.write_text(path.read_text(encoding="utf-8") + f"\nRevised {rng.randrange(10**9)}.\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=8000)
    parser.add_argument("--store", help="a store URL (default: a new SQLite file)")
    parser.add_argument("--changes", default="10,100,1000")
    args = parser.parse_args()
    cores = default_jobs()
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        papers = root / "papers"
        papers.mkdir()
        write_corpus(papers, args.n)
        store = args.store or str(root / "results.db")

        def identical(out: Path, plain: Path | None = None) -> bool:
            """`out` (a report through the store) less its section on what changed is `plain` (made now if not given)."""
            if plain is None:
                plain = root / "plain.html"
                timed_report(papers, plain, "--jobs", str(cores))
            return without_trend(out.read_text(encoding="utf-8"), "html") == plain.read_text(encoding="utf-8")

        one = timed_report(papers, root / "one.html", "--jobs", "1")
        print(f"no store, --jobs 1:      {one}  ({args.n / one.wall:,.0f} papers per worker-second wall, {args.n / one.cpu:,.0f} per CPU-second)")
        every = timed_report(papers, root / "every.html", "--jobs", str(cores))
        print(f"no store, --jobs {cores}:      {every}  ({args.n / every.wall / cores:,.0f} papers per worker-second wall; "
              f"identical to --jobs 1: {(root / 'one.html').read_bytes() == (root / 'every.html').read_bytes()})")

        first = timed_report(papers, root / "first.html", "--jobs", str(cores), "--store", store)
        print(f"store, first report:     {first}  (identical: {(root / 'first.html').read_bytes() == (root / 'every.html').read_bytes()})")
        second = timed_report(papers, root / "second.html", "--jobs", str(cores), "--store", store)
        print(f"store, nothing changed:  {second}  (faster than the first: {first / second}; identical: "
              f"{identical(root / 'second.html', root / 'every.html')})")
        for count in map(int, args.changes.split(",")):
            change(papers, count, rng)
            seconds = timed_report(papers, root / "changed.html", "--jobs", str(cores), "--store", store)
            print(f"store, {count:>5} changed:   {seconds}  (faster than the first: {first / seconds}; identical: {identical(root / 'changed.html')})")

        local = timed_report(papers, root / "dask.html", "--executor", "dask", "--jobs", str(cores))
        jobs = timed_report(papers, root / "jobs.html", "--jobs", str(cores))
        print(f"LocalCluster, {cores} workers: {local}")
        print(f"--jobs {cores}:                {jobs}  (identical: {(root / 'dask.html').read_bytes() == (root / 'jobs.html').read_bytes()})")


if __name__ == "__main__":
    main()
