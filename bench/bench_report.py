"""`govlint report` over a generated corpus: papers/s with one job and with every core.

Usage: python -m bench.bench_report [N]   (from the repository root; default 2,000 papers)
The papers are examples/papers varied with a fixed seed: new decision numbers, dates moved
across eight quarters (2022-2023), and the equality and data protection paragraphs dropped at
random so that gaps vary. Each run is the whole command (start-up, parsing, checking, HTML).
"""
from __future__ import annotations

import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from govlint.engine.checking.batch import default_jobs

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "papers"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")
_NUMBER = re.compile(r"\b24/000\d\d\b")
_GAP_PRONE = re.compile(r"^\s*(Equalit|Data Protection)", re.MULTILINE)


def vary(text: str, rng: random.Random, index: int) -> str:
    year, shift = rng.choice((2022, 2023)), 3 * rng.randrange(4)  # one of eight quarters
    text = _MONTH.sub(lambda m: MONTHS[(MONTHS.index(m.group(1)) + shift) % 12], text)
    text = re.sub(r"\b2024\b", str(year), text)
    text = _NUMBER.sub(f"{year % 100}/{index:05d}", text)
    if rng.random() < 0.35:  # a gap: the heading goes, so the paper no longer states its position
        text = _GAP_PRONE.sub("Notes", text)
    return text


def write_corpus(directory: Path, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    templates = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.txt"))]
    for index in range(n):
        (directory / f"paper-{index:05d}.txt").write_text(vary(templates[index % len(templates)], rng, index), encoding="utf-8")


def timed_run(directory: Path, jobs: int, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run(["govlint", "report", str(directory), "-o", str(out), "--no-config", "--jobs", str(jobs)], check=True)
    return time.perf_counter() - start


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        papers = Path(tmp) / "papers"
        papers.mkdir()
        write_corpus(papers, n)
        cores = default_jobs()
        outputs = []
        for jobs in dict.fromkeys((1, cores)):
            out = Path(tmp) / f"report-{jobs}.html"
            seconds = timed_run(papers, jobs, out)
            outputs.append(out.read_bytes())
            print(f"--jobs {jobs:>2}: {n / seconds:>7,.0f} papers/s ({seconds:.1f}s for {n:,} papers, report {len(outputs[-1]) / 2**20:.1f} MiB)")
        print("output identical across jobs:", all(output == outputs[0] for output in outputs))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
