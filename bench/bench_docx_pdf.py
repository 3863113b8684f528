"""Reading speed of Word and PDF papers on one core: documents/s for .docx, pages/s for .pdf.

    python bench/bench_docx_pdf.py [--seconds 5] [--copies 10]

The paper of tests/paper_builder.py (a report and its PROD) is written once as .docx and
once as a PDF pack of `--copies` papers, then read through `engine.reading.files.read_paper` and
parsed over and over for about `--seconds` each, so the figures are the readers' and the
parser's, not the disk's. Needs the test extras (reportlab) to build the PDF.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from govlint.engine.extraction.paper import parse_paper  # noqa: E402
from govlint.engine.reading.files import read_paper  # noqa: E402
from tests.paper_builder import write_docx, write_pdf  # noqa: E402


def rate(path: Path, seconds: float) -> tuple[float, int, str]:
    """Reads per second, decisions per read, and the last line's location (the page count for a PDF)."""
    reads, started = 0, time.perf_counter()
    while True:
        paper = read_paper(path)
        decisions = len(parse_paper(paper).decisions)
        reads += 1
        elapsed = time.perf_counter() - started
        if elapsed >= seconds:
            return reads / elapsed, decisions, paper.lines[-1].location or ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--copies", type=int, default=10, help="papers in the PDF pack")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        docx = write_docx(Path(work) / "paper.docx")
        pdf = write_pdf(Path(work) / "pack.pdf", copies=arguments.copies)
        per_second, decisions, _ = rate(docx, arguments.seconds)
        print(f"docx: {per_second:.1f} documents/s (one report + PROD, {decisions} decision, read and parsed)")
        per_second, decisions, last = rate(pdf, arguments.seconds)
        pages = int(last.split()[1])
        print(f"pdf:  {per_second * pages:.1f} pages/s ({pages}-page pack of {arguments.copies} papers, {decisions} decisions, read and parsed)")


if __name__ == "__main__":
    main()
