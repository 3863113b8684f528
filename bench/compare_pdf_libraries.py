"""PDF readers compared on the real papers: speed, the decision fields read, form rows kept together.

    python bench/compare_pdf_libraries.py [--shared ../shared] [--only NAME ...]

Each candidate reads every PDF of ../shared/corpus/kcc-2025 (37 council PDFs, 368 pages) into
the rows of its pages, in one run on one machine:

- pages/s per core: pages over the CPU seconds of this process (`time.process_time`), so
  other work on the machine does not count against a candidate;
- gold fields: the decision fields of the gold answer keys right on the gold PDFs of that
  folder, the paper made from the candidate's rows and parsed as govlint parses (the
  machinery of `python -m bench.accuracy`), with the decisions found;
- form rows: the generated PROD form of tests/paper_builder.py printed four ways (ruled with
  cells aligned to the top, ruled and centred, unruled, ruled but drawn column by column),
  scored by the rows whose label is followed at once by their whole value (whitespace
  aside): "Key decision: Yes Expenditure of …", not "Key decision: Subject: Yes …".

The candidates:

- "pdfplumber (previous reader)": what govlint read with until the PDFium reader, pdfplumber
  on pdfminer, with the same settings (ruled tables found and read cell by cell, the text
  around them as lines with the glyphs, then the reader's own page assembly); the yardstick;
- "pdfminer, no layout analysis": pdfminer's characters and paths with `laparams=None`, fed
  to the same grouping, table finder and assembly as the PDFium reader;
- "pdfminer, tuned LAParams": pdfminer's own text lines (`boxes_flow=None`, no vertical
  text), the page read as those lines, no tables or columns;
- "PDFium, pdfplumber on ruled pages": PDFium for every page, pdfplumber for the pages
  ruled both ways (the pages that may hold a form);
- "pypdf plain" and "pypdf layout": pypdf's two text modes, each page read as its lines;
- "PDFium (govlint)": engine/reading/pdf.py.

Needs the test extras (reportlab, pypdf); pdfminer comes with pdfplumber.
"""
from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path
from collections import Counter
from typing import Callable, NamedTuple
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from govlint.engine.extraction.paper import parse_paper  # noqa: E402
from govlint.engine.reading.checkboxes import ticked_only  # noqa: E402
from govlint.engine.reading.pdf import PageRow, page_lines, page_parts, paper_of_pages, read_pages  # noqa: E402
from govlint.engine.reading.pdf_tables import Rule, Table, find_tables  # noqa: E402
from govlint.engine.reading.pdf_text import Glyph, TextLine, text_lines  # noqa: E402
from govlint.engine.records.model import to_dict  # noqa: E402
from tests.gold_compare import gold_papers, score_corpus  # noqa: E402
from tests.paper_builder import PROD  # noqa: E402

FOLDER = "kcc-2025"
ROWS = [row for row in PROD.rows if row.value]
LABEL_WIDTH, VALUE_WIDTH, PADDING = 140.0, 320.0, 4.0
# pdfplumber's settings in the previous reader: text and table cells with its default tolerances.
LINE_TOLERANCE = 3

Pages = list[list[PageRow]]


# --- the candidates: the bytes of a PDF into the rows of its pages -------------------------


def pdfplumber_pages(data: bytes) -> Pages:
    """The previous reader: pdfplumber's tables and text lines, with the settings it used."""
    import pdfplumber

    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            pages.append(pdfplumber_page(page))
            page.close()
    return pages


def pdfplumber_page(page) -> list[PageRow]:
    found = page.find_tables()
    boxes = [table.bbox for table in found]
    outside = page.filter(lambda obj: not (obj.get("object_type") == "char" and any(_middle_in(obj, box) for box in boxes))) if boxes else page
    sizes: list[float] = []
    lines = []
    for line in outside.extract_text_lines(return_chars=True):
        glyphs = []
        for char in line["chars"]:
            glyphs.append(Glyph(char["text"], char["x0"], char["x1"], char["top"], char["bottom"], len(sizes)))
            sizes.append(char["size"])
        lines.append(TextLine(line["text"], line["top"], glyphs))
    tables = [Table(table.bbox, table.extract(y_tolerance=LINE_TOLERANCE)) for table in found]
    return page_lines(lines, tables, lambda glyph: sizes[glyph.index])


def _middle_in(obj: dict, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    return x0 <= (obj["x0"] + obj["x1"]) / 2 <= x1 and top <= (obj["top"] + obj["bottom"]) / 2 <= bottom


def pdfminer_raw_pages(data: bytes) -> Pages:
    """pdfminer without layout analysis: its characters and paths through the PDFium reader's grouping."""
    pages = []
    for layout in _pdfminer_layouts(data, None):
        glyphs: list[Glyph] = []
        sizes: list[float] = []
        rules: list[Rule] = []
        _pdfminer_objects(layout, layout.height, glyphs, sizes, rules)
        tables, outside = find_tables(rules, glyphs, (0.0, 0.0, layout.width, layout.height))
        pages.append(page_lines(text_lines(outside), tables, lambda glyph, sizes=sizes: sizes[glyph.index]))
    return pages


def _pdfminer_layouts(data: bytes, laparams):
    """pdfminer's page layouts; with `laparams` None, its objects as drawn (its `extract_pages`
    puts default layout parameters in place of None)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    resources = PDFResourceManager()
    device = PDFPageAggregator(resources, laparams=laparams)
    interpreter = PDFPageInterpreter(resources, device)
    for page in PDFPage.get_pages(io.BytesIO(data)):
        interpreter.process_page(page)
        yield device.get_result()


def _pdfminer_objects(container, height: float, glyphs: list[Glyph], sizes: list[float], rules: list[Rule]) -> None:
    from pdfminer.layout import LTChar, LTCurve, LTFigure

    for item in container:
        if isinstance(item, LTChar):
            glyphs.append(Glyph(item.get_text(), item.x0, item.x1, height - item.y1, height - item.y0, len(sizes)))
            sizes.append(item.size)
        elif isinstance(item, LTCurve):  # LTRect and LTLine too
            points = [(x, height - y) for x, y in item.pts]
            for (xa, ya), (xb, yb) in zip(points, points[1:] + points[:1] if len(points) > 2 else points[1:]):
                if ya == yb:
                    rules.append(Rule(min(xa, xb), ya, max(xa, xb), ya))
                elif xa == xb:
                    rules.append(Rule(xa, min(ya, yb), xa, max(ya, yb)))
        elif isinstance(item, LTFigure):
            _pdfminer_objects(item, height, glyphs, sizes, rules)


def pdfminer_layout_pages(data: bytes) -> Pages:
    """pdfminer's own layout analysis, tuned for speed: its text lines, top to bottom."""
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine

    def lines_of(container):
        for item in container:
            if isinstance(item, LTTextLine):
                yield item
            elif isinstance(item, LTTextContainer):
                yield from lines_of(item)

    pages = []
    for layout in _pdfminer_layouts(data, LAParams(boxes_flow=None, detect_vertical=False, all_texts=False)):
        texts = [line.get_text().strip() for line in sorted(lines_of(layout), key=lambda line: (-line.y1, line.x0))]
        pages.append(_rows_of_text("\n".join(texts)))
    return pages


def hybrid_pages(data: bytes) -> Pages:
    """PDFium for each page, pdfplumber for a page ruled both ways (where a form may be)."""
    import pdfplumber
    import pypdfium2

    pages = []
    document = pypdfium2.PdfDocument(data)
    plumber = None
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            glyphs, rules, _, font_size = page_parts(page, textpage)
            if sum(rule.top == rule.bottom for rule in rules) >= 2 and sum(rule.x0 == rule.x1 for rule in rules) >= 2:
                plumber = plumber or pdfplumber.open(io.BytesIO(data))
                pages.append(pdfplumber_page(plumber.pages[index]))
                plumber.pages[index].close()
            else:
                pages.append(page_lines(text_lines(glyphs), [], font_size))
            textpage.close()
            page.close()
    finally:
        document.close()
        if plumber is not None:
            plumber.close()
    return pages


def pypdf_plain_pages(data: bytes) -> Pages:
    from pypdf import PdfReader

    return [_rows_of_text(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def pypdf_layout_pages(data: bytes) -> Pages:
    from pypdf import PdfReader

    return [_rows_of_text(page.extract_text(extraction_mode="layout")) for page in PdfReader(io.BytesIO(data)).pages]


def pdfium_pages(data: bytes) -> Pages:
    """govlint's reader: engine/reading/pdf.py."""
    return read_pages(data)


def _rows_of_text(text: str) -> list[PageRow]:
    lines = [line.strip() for line in text.splitlines()]
    return [(line, ticked_only(line), index, None) for index, line in enumerate(line for line in lines if line)]


CANDIDATES: dict[str, tuple[str, Callable[[bytes], Pages]]] = {
    "pdfplumber": ("pdfplumber (previous reader)", pdfplumber_pages),
    "pdfminer-raw": ("pdfminer, no layout analysis", pdfminer_raw_pages),
    "pdfminer-la": ("pdfminer, tuned LAParams", pdfminer_layout_pages),
    "hybrid": ("PDFium, pdfplumber on ruled pages", hybrid_pages),
    "pypdf": ("pypdf plain", pypdf_plain_pages),
    "pypdf-layout": ("pypdf layout", pypdf_layout_pages),
    "pdfium": ("PDFium (govlint)", pdfium_pages),
}
YARDSTICK = "pdfplumber"


# --- the measures ---------------------------------------------------------------------------


def corpus_pdfs(shared: Path) -> list[Path]:
    return sorted((shared / "corpus" / FOLDER).rglob("*.pdf"))


def timed(read: Callable[[bytes], Pages], files: dict[Path, bytes]) -> tuple[dict[Path, Pages], int, float]:
    """Each file's pages as `read` gives them, the page count and the CPU seconds taken."""
    started = time.process_time()
    found = {path: read(data) for path, data in files.items()}
    return found, sum(len(pages) for pages in found.values()), time.process_time() - started


class GoldScore(NamedTuple):
    right: int  # decision fields right
    scored: int
    decisions: int  # found of `expected`
    expected: int
    declarations: int  # found of `declared`
    declared: int

    def __add__(self, other):
        return GoldScore(*(a + b for a, b in zip(self, other)))


def gold_fields(read: dict[Path, Pages], shared: Path) -> dict[str, GoldScore]:
    """The score of each gold PDF of the folder, its paper made from `read` and parsed as govlint parses."""
    scores = {}
    for paper in gold_papers(shared / "corpus"):
        if paper.folder != FOLDER or paper.path.suffix.lower() != ".pdf":
            continue
        parsed = parse_paper(paper_of_pages(str(paper.path), read[paper.path.resolve()]))
        result = score_corpus({paper.stem: to_dict(parsed)}, [paper])
        scores[paper.stem] = GoldScore(
            *result.accuracy(FOLDER), result.decisions_found[FOLDER], result.decisions_expected[FOLDER],
            result.declarations_found, result.declarations_expected,
        )
    return scores


def lines_kept(read: dict[Path, Pages], yardstick: dict[Path, Pages]) -> tuple[int, int]:
    """How many of the yardstick's lines, page by page, the candidate gives word for word."""
    kept = total = 0
    for path, pages in yardstick.items():
        for page, other in zip(pages, read[path] + [[]] * len(pages)):
            before = Counter(" ".join(raw.split()) for raw, _, _, _ in page)
            kept += sum((before & Counter(" ".join(raw.split()) for raw, _, _, _ in other)).values())
            total += sum(before.values())
    return kept, total


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
    from reportlab.platypus import SimpleDocTemplate, Table as Grid, TableStyle

    style = [("VALIGN", (0, 0), (-1, -1), valign)]
    if ruled:
        style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    table = Grid([list(cells) for cells in _cells(_style())], colWidths=[LABEL_WIDTH, VALUE_WIDTH], style=TableStyle(style))
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


def generated_forms() -> dict[str, bytes]:
    return {
        "ruled, top-aligned": table_pdf("TOP", ruled=True),
        "ruled, centred": table_pdf("MIDDLE", ruled=True),
        "unruled, top-aligned": table_pdf("TOP", ruled=False),
        "ruled, drawn column-first": column_first_pdf(),
    }


def _flat(text: str) -> str:
    return " ".join(text.split())


def rows_together(pages: Pages) -> int:
    text = _flat(" ".join(raw for page in pages for raw, _, _, _ in page))
    return sum(_flat(f"{row.label} {' '.join(row.value)}") in text for row in ROWS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--only", nargs="*", choices=list(CANDIDATES), help=f"measure these candidates alone ({YARDSTICK} is always measured)")
    args = parser.parse_args()
    files = {path.resolve(): path.read_bytes() for path in corpus_pdfs(args.shared)}
    forms = generated_forms()
    names = [YARDSTICK] + [name for name in (args.only or CANDIDATES) if name != YARDSTICK]
    results = {}
    for name in names:
        _, read = CANDIDATES[name]
        pages_read, pages, seconds = timed(read, files)
        form_score = sum(rows_together(read(data)) for data in forms.values())
        results[name] = (pages_read, pages / seconds, seconds, gold_fields(pages_read, args.shared), form_score)
    yardstick_pages, yardstick_rate = results[YARDSTICK][0], results[YARDSTICK][1]
    print(f"{len(files)} PDFs of corpus/{FOLDER}, {pages} pages, one run; pages/s per core = pages / CPU seconds of this process")
    print(f"gold: decision fields right on the {FOLDER} gold PDFs; lines: the previous reader's lines given word for word;")
    print("form rows: generated PROD form rows whose label and whole value read together, 4 layouts\n")
    print(f"{'candidate':36}{'pages/s':>9}{'CPU s':>8}{'ratio':>7}{'gold':>10}{'decisions':>11}{'declar.':>9}{'lines':>8}{'form rows':>11}")
    for name, (pages_read, rate, seconds, gold, form_score) in results.items():
        total = sum(gold.values(), GoldScore(0, 0, 0, 0, 0, 0))
        kept, before = lines_kept(pages_read, yardstick_pages)
        print(
            f"{CANDIDATES[name][0]:36}{rate:9.1f}{seconds:8.2f}{rate / yardstick_rate:7.1f}{f'{total.right}/{total.scored}':>10}"
            f"{f'{total.decisions}/{total.expected}':>11}{f'{total.declarations}/{total.declared}':>9}{kept / before:8.1%}"
            f"{f'{form_score}/{len(ROWS) * len(forms)}':>11}"
        )
    print("\nPer gold PDF: decision fields right/scored, then decisions and declarations found\n")
    print(f"{'gold PDF':42}" + "".join(f"{name:>17}" for name in results))
    for stem in sorted(results[YARDSTICK][3]):
        cells = [results[name][3][stem] for name in results]
        print(f"{stem:42}" + "".join(f"{f'{g.right}/{g.scored} {g.decisions}/{g.expected} {g.declarations}/{g.declared}':>17}" for g in cells))


if __name__ == "__main__":
    main()
