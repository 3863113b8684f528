"""PDF reading speed: pages/s per core of govlint's PDFium reader against the previous pdfplumber reader.

    python bench/bench_pdf.py [--shared ../shared] [--rounds 3]

Both read every PDF of ../shared/corpus/kcc-2025 (37 council PDFs) into a `Paper` (page
rows, numbering and page furniture included), in the same process, taking turns for
`--rounds` rounds so that a change in the machine's load falls on both. Time is CPU time of
this process (`time.process_time`), so pages/s is per core; the figure is the median round.
The yardstick is pdfplumber read with the settings the previous reader used
(compare_pdf_libraries.pdfplumber_pages), through the same page assembly.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.compare_pdf_libraries import corpus_pdfs, pdfplumber_pages  # noqa: E402
from govlint.engine.reading.pdf import paper_of_pages, read_pdf  # noqa: E402


def previous_reader(name: str, data: bytes):
    return paper_of_pages(name, pdfplumber_pages(data))


def _page_count(data: bytes) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


READERS = {"pdfplumber (previous reader)": previous_reader, "PDFium (govlint)": read_pdf}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    files = {str(path): path.read_bytes() for path in corpus_pdfs(args.shared)}
    seconds: dict[str, list[float]] = {name: [] for name in READERS}
    pages = sum(_page_count(data) for data in files.values())
    for _ in range(args.rounds):
        for name, read in READERS.items():
            started = time.process_time()
            for path, data in files.items():
                read(path, data)
            seconds[name].append(time.process_time() - started)
    rates = {name: pages / statistics.median(times) for name, times in seconds.items()}
    old, new = rates.values()
    print(f"{len(files)} PDFs, {pages} pages, {args.rounds} rounds taking turns; CPU seconds of this process (median round)\n")
    for name, rate in rates.items():
        print(f"{name:30}{rate:8.1f} pages/s per core  ({statistics.median(seconds[name]):.2f} s; rounds {', '.join(f'{s:.2f}' for s in seconds[name])})")
    print(f"\nratio: {new / old:.1f}x the previous reader")


if __name__ == "__main__":
    main()
