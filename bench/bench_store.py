"""`govlint report` at scale: the results store and a Dask LocalCluster against --jobs.

Usage: python -m bench.bench_store [N] [--store URL]   (from the repository root; default 8,000 papers)
The papers are bench_report's generated corpus. Timed, each as the whole command:
- a report without the store, with one job and with every core (papers per worker-second);
- a first report into a new store, then a second with nothing changed, then reports after
  changing K papers for several K (the time should grow linearly with K);
- the same report with --executor dask on a LocalCluster of one worker per core.
Every output is compared with the plain one: they must be byte-identical. The figures are
written up in docs/scale.md.
"""
from __future__ import annotations

import argparse
import random
import subprocess
import tempfile
import time
from pathlib import Path

from bench.bench_report import write_corpus
from govlint.engine.checking.batch import default_jobs

TODAY = "2025-06-01"


def timed_report(papers: Path, out: Path, *options: str) -> float:
    start = time.perf_counter()
    subprocess.run(["govlint", "report", str(papers), "-o", str(out), "--no-config", "--today", TODAY, *options], check=True,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


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

        def identical(out: Path, options: tuple[str, ...] = ()) -> bool:
            timed_report(papers, root / "plain.html", "--jobs", str(cores), *options)
            return out.read_bytes() == (root / "plain.html").read_bytes()

        one = timed_report(papers, root / "one.html", "--jobs", "1")
        print(f"no store, --jobs 1: {one:7.1f}s  ({args.n / one:,.0f} papers per worker-second)")
        every = timed_report(papers, root / "every.html", "--jobs", str(cores))
        print(f"no store, --jobs {cores}: {every:7.1f}s  ({args.n / every / cores:,.0f} papers per worker-second)")

        first = timed_report(papers, root / "first.html", "--jobs", str(cores), "--store", store)
        print(f"store, first report:  {first:7.1f}s  (identical: {(root / 'first.html').read_bytes() == (root / 'every.html').read_bytes()})")
        second = timed_report(papers, root / "second.html", "--jobs", str(cores), "--store", store)
        print(f"store, nothing changed: {second:5.2f}s  ({first / second:,.0f}x faster than the first; identical: "
              f"{(root / 'second.html').read_bytes() == (root / 'every.html').read_bytes()})")
        for count in map(int, args.changes.split(",")):
            change(papers, count, rng)
            seconds = timed_report(papers, root / "changed.html", "--jobs", str(cores), "--store", store)
            print(f"store, {count:>5} changed:  {seconds:6.2f}s  ({first / seconds:,.1f}x faster than the first; identical: {identical(root / 'changed.html')})")

        local = timed_report(papers, root / "dask.html", "--executor", "dask", "--jobs", str(cores))
        jobs = timed_report(papers, root / "jobs.html", "--jobs", str(cores))
        print(f"LocalCluster of {cores} workers: {local:6.1f}s against --jobs {cores}: {jobs:6.1f}s "
              f"(identical: {(root / 'dask.html').read_bytes() == (root / 'jobs.html').read_bytes()})")


if __name__ == "__main__":
    main()
