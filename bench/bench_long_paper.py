"""Long papers are read in linear time: CPU seconds per MB of a 19 MB paper against a 100 KB one.

Usage: python -m bench.bench_long_paper [MB]   (from the repository root; default 19)

Both papers are the generated papers of bench_report (examples/papers varied with a fixed seed)
concatenated until they reach their size, so they hold the same mix of reports, records and
minutes: only the length differs. Each figure is the whole reading of the file (bytes to lines,
documents and records), the best of several runs in CPU time, after a warm-up that compiles the
regexes. The yardstick is the 100 KB paper; the goal is a ratio under 2.
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_report import EXAMPLES, vary
from govlint.engine.common.limits import FILE_SIZE
from govlint.engine.extraction.paper import parse_paper
from govlint.engine.reading.files import read_paper

SMALL = 100_000


def long_paper(path: Path, size: int) -> int:
    """A paper of at least `size` bytes at `path`; its size."""
    rng = random.Random(1)
    templates = [template.read_text(encoding="utf-8") for template in sorted(EXAMPLES.glob("*.txt"))]
    parts, total = [], 0
    while total < size:
        parts.append(vary(templates[len(parts) % len(templates)], rng, len(parts)))
        total += len(parts[-1].encode("utf-8")) + 1
    path.write_text("\n".join(parts), encoding="utf-8")
    return path.stat().st_size


def seconds_per_mb(path: Path, size: int, runs: int) -> tuple[float, int]:
    """The best CPU seconds per MB of `runs` readings, and the decisions read."""
    best, decisions = float("inf"), 0
    # The default limit on a paper's size is 20 MB; a longer paper is asked for explicitly.
    max_bytes = max(FILE_SIZE.bytes, size)
    for _ in range(runs):
        start = time.process_time()
        decisions = len(parse_paper(read_paper(path, max_bytes)).decisions)
        best = min(best, time.process_time() - start)
    return best / (size / 1e6), decisions


def main(megabytes: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "small.txt", Path(tmp) / "large.txt"
        small_size, large_size = long_paper(small, SMALL), long_paper(large, int(megabytes * 1e6))
        seconds_per_mb(small, small_size, 1)  # warm-up: imports, regexes compiled on first use
        small_rate, small_decisions = seconds_per_mb(small, small_size, 7)
        large_rate, large_decisions = seconds_per_mb(large, large_size, 3)
    print(f"{small_size / 1e3:,.0f} KB paper: {small_rate:.3f} CPU s per MB ({small_decisions:,} decisions)")
    print(f"{large_size / 1e6:,.1f} MB paper: {large_rate:.3f} CPU s per MB ({large_decisions:,} decisions)")
    print(f"ratio to the {small_size / 1e3:,.0f} KB paper: {large_rate / small_rate:.2f}x (goal: under 2x)")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 19)
