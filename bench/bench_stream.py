"""A corpus streams through `govlint check` and `govlint report`: memory in the number of papers, and --jobs scaling.

Usage: python -m bench.bench_stream [SMALL LARGE] [--part memory|jobs]
(from the repository root; default 1000 8000, both parts)

The papers are bench_report's generated corpus. Printed, each with its ratio to its yardstick:
- memory: the peak resident set, and apart (tracing costs memory of its own) the peak of
  Python's allocations (tracemalloc), of a whole `govlint check --format json` and
  `govlint report` (HTML) with --jobs 1 over SMALL and over LARGE papers, LARGE against SMALL,
  and what the run keeps of each paper once it is read (its PaperCheck: findings, checked
  records, kept records), measured on SMALL;
- scaling: wall time and CPU seconds (the command and its worker processes) of `govlint report`
  over LARGE papers with --jobs 1 and --jobs 2, the best of three runs each, with the load
  average before and after (the machine may be shared: wall time depends on the neighbours),
  and the CPU seconds of the command's own process at --jobs 2: the serial part (Amdahl).

Measured on 4,000 papers, idle 2-core machine (load average 1.1 to 1.4), best of three:
--jobs 1 21.47 s wall, 21.44 CPU s; --jobs 2 12.55 s wall, 22.45 CPU s, the command's own
process 2.87 s: 1.71x in wall time, a serial part of 13% of the --jobs 1 CPU (at most 1.76x);
a second run 21.35 s against 12.66 s, 1.69x, serial part 14%.
Earlier, on 4,000 papers (2 cores, load average 2.4 to 2.7: two other processes running, so
wall times say little): --jobs 1 23.5 s wall, 23.2 CPU s (59.3 s and 59.2 CPU s before the
corpus rules' joins were found once and run in the workers); --jobs 2 26.5 CPU s, of which the
command's own process 4.6 s: a serial part of 20% of the --jobs 1 CPU, at most 1.67x on 2 idle
cores. Of the parent's 4.6 s: the HTML rendering 1.8, taking in the papers' checks 1.0, the
corpus step 1.4 (linking 0.3, cutting 0.3, taking in the parts' results), report and gate 0.8.

Figures (peak RSS, 1,000 -> 8,000 papers, a 2-core machine shared with other work; docs/scale.md
has the table): report 123.0 -> 889.2 MiB (7.23x) before the kept records were cut to the fields
read and the output written as it is made, 72.0 -> 357.8 MiB (4.97x) after; check --format json
201.6 -> 1,748.7 MiB (8.67x) before, 78.5 -> 346.0 MiB (4.41x) after; then, with the records
handed on kept without a search for equal values and the collector's young generation run every
50,000 allocations, on the idle machine: report 67.1 -> 287.7 MiB (4.29x), check 67.8 -> 280.9 MiB
(4.14x).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_report import write_corpus

RUNS = 3
# Each command's output as measured: check's JSON, for CI, and report's default page.
FORMATS = {"check": "json", "report": "html"}


def memory_of(command: str, papers: Path, out: Path, traced: bool) -> int:
    """Peak RSS (bytes) of one in-process `govlint COMMAND --jobs 1` in a fresh process, or with
    `traced` the peak of Python's allocations (tracemalloc), which is measured apart: tracing
    costs memory of its own, which would be counted in the RSS."""
    code = (
        "import resource, sys, tracemalloc\n"
        "from govlint.checks.cli import main\n"
        + ("tracemalloc.start()\n" if traced else "")
        + f"sys.argv = ['govlint', {command!r}, {str(papers)!r}, '-o', {str(out)!r}, '--format', {FORMATS[command]!r}, '--no-config', '--jobs', '1']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        + ("print(tracemalloc.get_traced_memory()[1])\n" if traced else "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)\n")
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(done.stdout.strip().splitlines()[-1])


def kept_per_paper(papers: Path) -> tuple[float, float]:
    """Bytes of Python objects a run keeps per paper once read (its PaperCheck), and of those the kept records."""
    import tracemalloc

    from govlint.engine.checking.batch import check_files
    from govlint.engine.checking.run import RunPlan
    from govlint.engine.packs.loader import load_pack
    from govlint.engine.reading.files import DEFAULT_MAX_BYTES
    from govlint.engine.report.summary import RECORD_FIELDS

    files = sorted(str(path) for path in papers.iterdir())
    plan = RunPlan.of([load_pack("kent-county-council")], RECORD_FIELDS)
    list(check_files(files[:20], DEFAULT_MAX_BYTES, plan))  # warm-up: regexes, compiled packs
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    checks = list(check_files(files, DEFAULT_MAX_BYTES, plan))
    kept = tracemalloc.get_traced_memory()[0] - before
    records = [check.kept for check in checks]
    del checks
    only_records = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    del records
    return kept / len(files), only_records / len(files)


def timed_report(papers: Path, jobs: int, out: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system of the command and its workers) and CPU seconds
    of the command's own process (what it does while no worker can: the serial part) of one run."""
    code = (
        "import json, resource, sys\n"
        "from govlint.checks.cli import main\n"
        f"sys.argv = ['govlint', 'report', {str(papers)!r}, '-o', {str(out)!r}, '--no-config', '--jobs', '{jobs}']\n"
        "try:\n    main()\nexcept SystemExit as end:\n    assert not end.code, end.code\n"
        "own = resource.getrusage(resource.RUSAGE_SELF)\n"
        "print(json.dumps(own.ru_utime + own.ru_stime))\n"
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = json.loads(done.stdout.strip().splitlines()[-1])
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), own


def load() -> str:
    return "/".join(f"{value:.2f}" for value in os.getloadavg())


def memory(corpora: dict[int, Path], small: int, large: int, tmp: Path) -> None:
    print(f"memory of `govlint check --format json` and `govlint report` (HTML), --jobs 1 (load average before: {load()})")
    for command in ("check", "report"):
        for key, name in (("rss", "peak RSS"), ("traced", "tracemalloc peak")):
            peaks = {n: memory_of(command, corpora[n], tmp / f"{command}-{n}.{FORMATS[command]}", key == "traced") for n in (small, large)}
            print(f"  {command:6} {name:16}: {peaks[small] / 2**20:6.1f} MiB over {small:,} papers, {peaks[large] / 2**20:6.1f} MiB over {large:,}: "
                  f"{peaks[large] / peaks[small]:.2f}x for {large / small:.0f}x the papers "
                  f"({(peaks[large] - peaks[small]) / (large - small) / 1e3:.2f} KB per added paper)")
    kept, records = kept_per_paper(corpora[small])
    print(f"  kept per paper once read (its PaperCheck, for the report): {kept / 1e3:.2f} KB, of it its compact records {records / 1e3:.2f} KB")


def scaling(papers: Path, n: int, tmp: Path) -> None:
    print(f"`govlint report` over {n:,} papers, best of {RUNS} (load average before: {load()})")
    best, outputs = {}, {}
    for jobs in (1, 2):
        out = tmp / f"report-{jobs}.html"
        runs = [timed_report(papers, jobs, out) for _ in range(RUNS)]
        best[jobs] = min(runs)
        outputs[jobs] = out.read_bytes()
        wall, cpu, own = best[jobs]
        print(f"  --jobs {jobs}: {wall:6.2f} s wall, {cpu:6.2f} CPU s, of which the command's own process {own:6.2f} ({n / wall:,.0f} papers/s); "
              f"walls {', '.join(f'{run[0]:.2f}' for run in runs)}")
    print(f"  --jobs 2 against --jobs 1: {best[1][0] / best[2][0]:.2f}x faster in wall time (goal: 1.7x on an idle 2-core machine), "
          f"{best[2][1] / best[1][1]:.2f}x the CPU seconds")
    # Amdahl: what the command's own process does at --jobs 2 no worker does for it (start-up,
    # linking, cutting the corpus, taking results in, the report), against all the work of --jobs 1.
    print(f"  serial part: the command's own process at --jobs 2 is {best[2][2] / best[1][1]:.0%} of the --jobs 1 CPU seconds "
          f"(at most {1 / (best[2][2] / best[1][1] + (1 - best[2][2] / best[1][1]) / 2):.2f}x on 2 idle cores)")
    print(f"  output identical at --jobs 1 and 2: {outputs[1] == outputs[2]}; load average after: {load()}; cores: {os.cpu_count()}")


def main(small: int, large: int, part: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpora = {}
        for n in (small, large):
            corpora[n] = Path(tmp) / f"papers-{n}"
            corpora[n].mkdir()
            write_corpus(corpora[n], n)
        if part in (None, "memory"):
            memory(corpora, small, large, Path(tmp))
        if part in (None, "jobs"):
            scaling(corpora[large], large, Path(tmp))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 8000], metavar="N", help="SMALL and LARGE")
    parser.add_argument("--part", choices=("memory", "jobs"), help="one part only")
    options = parser.parse_args()
    main(*options.sizes[:2], options.part)
