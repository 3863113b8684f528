"""Parsing throughput on one core: MB of paper text and decisions read per second.

    python bench/bench_parse.py [CORPUS_DIR_OR_FILES...] [--seconds 5] [--profile]

Files are read and decoded once, then turned into lines, documents and records over and over
for about `--seconds`, so the figure is the parser's, not the disk's. The default input is
the example corpus in ../shared/corpus, read where it lies. `--profile` runs the same loop
under cProfile and prints the functions with the most time of their own.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from govlint.engine.reading.lines import paper_from_text  # noqa: E402
from govlint.engine.extraction.paper import parse_paper  # noqa: E402
from govlint.engine.reading.files import decode, find_papers, read_bytes, DEFAULT_MAX_BYTES  # noqa: E402

DEFAULT_CORPUS = Path(os.environ.get("GOVLINT_SHARED", REPO.parent / "shared")) / "corpus"


def load(paths: list[str]) -> list[tuple[str, str]]:
    files, problems = find_papers(paths, suffixes=(".txt",))
    if problems:
        sys.exit("\n".join(f"bench: {problem}" for problem in problems))
    return [(name, decode(read_bytes(name, DEFAULT_MAX_BYTES)).text) for name in files]


def parse_all(texts: list[tuple[str, str]]) -> int:
    """Decisions read in one pass over every text."""
    return sum(len(parse_paper(paper_from_text(name, text)).decisions) for name, text in texts)


def run(texts: list[tuple[str, str]], seconds: float) -> tuple[int, int, float]:
    """Passes made, decisions read and seconds taken, looping for at least `seconds`."""
    passes = decisions = 0
    start = time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds or passes == 0:
        decisions += parse_all(texts)
        passes += 1
    return passes, decisions, elapsed


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("paths", nargs="*", default=[str(DEFAULT_CORPUS)])
    arguments.add_argument("--seconds", type=float, default=5.0)
    arguments.add_argument("--profile", action="store_true")
    options = arguments.parse_args()

    texts = load(options.paths)
    megabytes = sum(len(text.encode("utf-8")) for _, text in texts) / 1e6
    parse_all(texts)  # warm up: compiled regexes, imports
    if options.profile:
        profiler = cProfile.Profile()
        profiler.runcall(run, texts, options.seconds)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
        return
    passes, decisions, elapsed = run(texts, options.seconds)
    print(f"{len(texts)} files, {megabytes:.2f} MB of text; {passes} passes in {elapsed:.2f} s")
    print(f"{megabytes * passes / elapsed:.2f} MB/s, {decisions / elapsed:.1f} decisions/s ({decisions // passes} decisions a pass)")


if __name__ == "__main__":
    main()
