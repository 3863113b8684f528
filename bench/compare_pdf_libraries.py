"""pypdf or pdfplumber for PDF papers: how often a two-column form row's label and value stay together.

    python bench/compare_pdf_libraries.py [--repeat 5]

The PROD form of tests/paper_builder.py (label cell | value cell, some labels wrapping over
several lines, some values over several paragraphs) is printed four ways, as councils'
PDFs come: a ruled table with cells aligned to the top, the same with cells centred
vertically, an unruled table, and a ruled table whose content stream draws the whole label
column before the value column (reading order and drawing order differ). Each extraction is
scored by the rows whose label is followed at once by their whole value in the extracted
text (whitespace aside): "Key decision: Yes Expenditure of …" and not "Key decision:
Subject: Yes …". Needs the test extras (reportlab, pypdf).
"""
from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.paper_builder import PROD  # noqa: E402

ROWS = [row for row in PROD.rows if row.value]
LABEL_WIDTH, VALUE_WIDTH, PADDING = 140.0, 320.0, 4.0


def _style():
    from reportlab.lib.styles import getSampleStyleSheet

    style = getSampleStyleSheet()["BodyText"]
    style.fontSize, style.leading = 9, 11
    return style


def _cells(style):
    from reportlab.platypus import Paragraph

    return [(Paragraph(escape(row.label), style), [Paragraph(escape(text), style) for text in row.value]) for row in ROWS]


def table_pdf(valign: str, ruled: bool) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    style = [("VALIGN", (0, 0), (-1, -1), valign)]
    if ruled:
        style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    table = Table([list(cells) for cells in _cells(_style())], colWidths=[LABEL_WIDTH, VALUE_WIDTH], style=TableStyle(style))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build([table])
    return out.getvalue()


def column_first_pdf() -> bytes:
    """A ruled form whose content stream draws every label, then every value, then the rules."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    left, top = 60.0, A4[1] - 60.0
    placed = []
    y = top
    for label, values in _cells(_style()):
        label_height = label.wrap(LABEL_WIDTH - 2 * PADDING, A4[1])[1]
        value_heights = [value.wrap(VALUE_WIDTH - 2 * PADDING, A4[1])[1] for value in values]
        height = max(label_height, sum(value_heights)) + 2 * PADDING
        placed.append((y, height, label, label_height, values, value_heights))
        y -= height
    for y, _, label, label_height, _, _ in placed:
        label.drawOn(page, left + PADDING, y - PADDING - label_height)
    for y, _, _, _, values, heights in placed:
        offset = y - PADDING
        for value, value_height in zip(values, heights):
            offset -= value_height
            value.drawOn(page, left + LABEL_WIDTH + PADDING, offset)
    for y, height, *_ in placed:
        page.rect(left, y - height, LABEL_WIDTH, height)
        page.rect(left + LABEL_WIDTH, y - height, VALUE_WIDTH, height)
    page.showPage()
    page.save()
    return out.getvalue()


def pypdf_plain(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def pypdf_layout(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text(extraction_mode="layout") for page in PdfReader(io.BytesIO(data)).pages]


def pdfplumber_plain(data: bytes) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() for page in pdf.pages]


def pdfplumber_tables(data: bytes) -> list[str]:
    """What govlint reads: engine.pdf_reader, ruled tables row by row."""
    import pdfplumber

    from govlint.engine.reading.pdf import page_lines

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return ["\n".join(raw for raw, _, _, _ in page_lines(page)) for page in pdf.pages]


EXTRACTORS = {
    "pypdf extract_text": pypdf_plain,
    "pypdf extract_text(layout)": pypdf_layout,
    "pdfplumber extract_text": pdfplumber_plain,
    "pdfplumber tables (govlint)": pdfplumber_tables,
}


def _flat(text: str) -> str:
    return " ".join(text.split())


def rows_together(pages: list[str]) -> int:
    text = _flat(" ".join(pages))
    return sum(_flat(f"{row.label} {' '.join(row.value)}") in text for row in ROWS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="extractions per layout for the timing")
    arguments = parser.parse_args()
    layouts = {
        "ruled, top-aligned": table_pdf("TOP", ruled=True),
        "ruled, centred": table_pdf("MIDDLE", ruled=True),
        "unruled, top-aligned": table_pdf("TOP", ruled=False),
        "ruled, drawn column-first": column_first_pdf(),
    }
    print(f"{len(ROWS)} form rows with a value per layout; cells: rows whose label and whole value read together\n")
    print(f"{'extractor':30}" + "".join(f"{name:>28}" for name in layouts) + f"{'total':>10}{'pages/s':>10}")
    for name, extract in EXTRACTORS.items():
        scores, pages, started = [], 0, time.perf_counter()
        for data in layouts.values():
            for _ in range(arguments.repeat):
                extracted = extract(data)
            scores.append(rows_together(extracted))
            pages += len(extracted) * arguments.repeat
        rate = pages / (time.perf_counter() - started)
        total = f"{sum(scores)}/{len(ROWS) * len(layouts)}"
        print(f"{name:30}" + "".join(f"{f'{score}/{len(ROWS)}':>28}" for score in scores) + f"{total:>10}{rate:>10.1f}")


if __name__ == "__main__":
    main()
