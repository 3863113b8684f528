"""PDF papers into the same line-anchored `Paper` the text reader makes, with PDFium (pypdfium2).

PDFium gives each page's characters with their boxes and the page's ruling paths, in C; the
grouping into words and lines is pdfplumber's, done over those glyphs (pdf_text.py), and
ruled tables are found by pdfplumber's table finder over those rules (pdf_tables.py), so a
page reads as it did with the pdfplumber reader, several times faster.

Chosen by measurement (bench/compare_pdf_libraries.py: the 37 PDFs of corpus/kcc-2025, 368
pages, one run, CPU time; "lines" is the share of the pdfplumber reader's lines given word
for word, "form rows" the generated PROD form's rows read with their values, of 48):

    reader                              pages/s per core  ratio  gold fields  lines  form rows
    pdfplumber (the previous reader)          13.7          1.0    145/147    100%     46
    pdfminer without layout analysis          29.7          2.2    145/147    100%     46
    pdfminer, tuned LAParams                  29.3          2.1    145/147     88%     33
    PDFium, pdfplumber on ruled pages         20.9          1.5    145/147   99.5%     46
    pypdf plain text                          65.2          4.8    145/147     81%     36
    pypdf layout mode                         40.2          2.9    145/147     76%     39
    PDFium (this reader)                     104.7          7.6    145/147   99.3%     46

pdfminer interprets every content stream in Python: without its layout analysis it is still
only twice as fast, and pdfplumber kept for the ruled pages leaves most of the cost, as 133
of the 368 pages are ruled (budget tables). pypdf is faster than pdfminer but follows the
drawing order and loses form rows. PDFium keeps every field and form row and reads 99.3% of
the lines word for word; the rest are mostly better read ("Agenda" for "A genda" under a
drop capital, "Taxbase" for "Taxb ase") and a few worse: PDFium drops a space glyph that its
next glyph overlaps, so "1.1 On" can read "1.1On". The speed is bounded now by one call into
PDFium per character and the grouping in Python (about half each).

Hostile files: PDFium inflates streams whole with no limit a caller can set, so the streams
are measured first (pdf_streams.py); the page count is checked before any page is read; any
error PDFium gives is one `NotReadablePdf` reason.

Each page is read top to bottom as blocks: the ruled tables on it (each row through
`form_rows.table_lines`, label and value on one line as the KCC text layout prints them) and
the text lines around them. Line numbers run 1..N over the whole paper; `location` is
"page N line M", M counting the lines made from that page. Knowing the pages, the reader
empties the page furniture (running headers and footers, page numbers: furniture.py).
"""
from __future__ import annotations

import ctypes
import re
import threading
from typing import Callable, Iterable, Iterator

from govlint.engine.common.limits import PDF_PAGES
from govlint.engine.reading.checkboxes import ticked_only
from govlint.engine.reading.form_rows import table_lines
from govlint.engine.reading.furniture import page_furniture
from govlint.engine.reading.lines import Line, Paper, clean_text, finish_paper
from govlint.engine.reading.pdf_columns import cells_of, reading_order
from govlint.engine.reading.pdf_streams import StreamTooLarge, check_streams
from govlint.engine.reading.pdf_tables import Rule, Table, find_tables
from govlint.engine.reading.pdf_text import Glyph, TextLine, text_lines

# Form XObjects nest; PDFium follows them as deep as this, and so do the rules read here.
_FORM_DEPTH = 15
# Coordinates closer than this (points) are the same: a rule drawn as a thin box is still straight.
_STRAIGHT = 0.01
# What PDFium adds to the text of a page (a space where it sees a gap between words, a line
# break at the end of each line), each with an empty box.
_GENERATED = frozenset(" \r\n")
# PDFium reports a hyphen that ends a line as U+FFFE ("decision-" / "making").
_HYPHEN = {"\ufffe": "-", "\x02": "-"}

# PDFium is not thread-safe: `serve` checks drafts in threads, so one PDF is read at a time
# in a process (processes, as --jobs and the Dask workers use, each have their own PDFium).
_PDFIUM = threading.Lock()

PageRow = tuple[str, str, int, "int | None"]  # raw, shaped text, line on the page, column or None


class NotReadablePdf(ValueError):
    """The bytes are a PDF that cannot be read as text; the message says why."""


def read_pdf(path: str, data: bytes | None = None, furniture: Iterable[re.Pattern[str]] = ()) -> Paper:
    """The paper in the PDF at `path` (or in `data`, its bytes, when already read).

    `furniture`: extra patterns of lines that are not content (lines.finish_paper).
    """
    if data is None:
        with open(path, "rb") as handle:
            data = handle.read()
    return paper_of_pages(path, read_pages(data), furniture)


def read_pages(data: bytes) -> list[list[PageRow]]:
    """The rows of each page of the PDF in `data` (`page_lines`); NotReadablePdf with the reason."""
    # Imported here so that reading text papers never loads PDFium.
    import pypdfium2

    try:
        check_streams(data)
    except StreamTooLarge as error:
        raise NotReadablePdf(str(error)) from None
    with _PDFIUM:
        try:
            document = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError as error:
            raise NotReadablePdf(_reason(error)) from None
        try:
            if len(document) > PDF_PAGES.count:
                raise NotReadablePdf(PDF_PAGES.refusal(f"the PDF has {len(document):,} pages"))
            pages = [_read_page(document, index) for index in range(len(document))]
        except NotReadablePdf:
            raise
        except Exception as error:  # noqa: BLE001 - a damaged page may give geometry no real page has
            raise NotReadablePdf(_reason(error)) from None
        finally:
            document.close()
    if not any(raw.strip() for page in pages for raw, _, _, _ in page):
        raise NotReadablePdf("no text layer: this PDF needs OCR first")
    return pages


def paper_of_pages(path: str, pages: list[list[PageRow]], furniture: Iterable[re.Pattern[str]] = ()) -> Paper:
    """The paper of the rows of its pages (`page_lines`), numbered, its page furniture emptied."""
    return finish_paper(path, list(_number(pages)), furniture)


def _reason(error: Exception) -> str:
    import pypdfium2.raw as pdfium_c

    code = getattr(error, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return "encrypted PDF: it needs a password to open; save an unprotected copy"
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return f"encrypted PDF that cannot be opened: {error}"
    if code is not None:  # PDFium's own error, which says what it could not do
        return f"corrupt PDF: {str(error).rstrip('.')}"
    return f"corrupt PDF ({type(error).__name__}: {error})"


def _number(pages: list[list[PageRow]]) -> Iterator[Line]:
    texts = [[clean_text(text) for _, text, _, _ in page] for page in pages]
    furniture = page_furniture(texts)
    base = 0
    for page_index, page in enumerate(pages):
        for index, (raw, _, line, column) in enumerate(page):
            text = "" if (page_index, index) in furniture else texts[page_index][index]
            location = f"page {page_index + 1} line {line + 1}" + (f" column {column + 1}" if column is not None else "")
            yield Line(base + line + 1, raw, text, location)
        base += len({line for _, _, line, _ in page})


def _read_page(document, index: int) -> list[PageRow]:
    page = document[index]
    textpage = page.get_textpage()
    try:
        glyphs, rules, box, font_size = page_parts(page, textpage)
        tables, outside = find_tables(rules, glyphs, box)
        return page_lines(text_lines(outside), tables, font_size)
    finally:
        # A published pack runs to hundreds of pages: each page's objects go as soon as it is read.
        textpage.close()
        page.close()


def page_parts(page, textpage) -> tuple[list[Glyph], list[Rule], tuple[float, float, float, float], Callable[[Glyph], float]]:
    """What PDFium gives of a page (pypdfium2's page and its text page): its glyphs, its rules,
    its box as shown, and a glyph's font size (asked while the text page is open)."""
    import pypdfium2.raw as pdfium_c

    place = _Placement(page.get_mediabox(), page.get_rotation())
    return _glyphs(textpage, place), _rules(page, place), place.box, lambda glyph: pdfium_c.FPDFText_GetFontSize(textpage, glyph.index)


def page_lines(lines: list[TextLine], tables: list[Table], font_size: Callable[[Glyph], float]) -> list[PageRow]:
    """The page's rows in reading order: (raw, shaped text, line on the page, column or None).

    Lines are read top to bottom, each ruled table's rows in place of its text, and a form
    header printed in columns column by column (pdf_columns.py).
    """
    blocks = [(line.top, [(line.text, ticked_only(line.text), cells_of(line.text, line.glyphs, font_size))]) for line in lines]
    blocks += [(table.bbox[1], [(raw, text, None) for raw, text in _table_rows(table)]) for table in tables]
    rows = [row for _, block in sorted(blocks, key=lambda block: block[0]) for row in block]
    found = []
    for index, cell, column in reading_order([cells for _, _, cells in rows]):
        raw, text, cells = rows[index]
        if cell is None:
            found.append((raw, text, index, None))
        else:
            found.append((cells[cell].raw, ticked_only(cells[cell].raw), index, column))
    return found


def _table_rows(table: Table) -> list[tuple[str, str]]:
    return [(raw, text) for _, raw, text in table_lines([[(cell or "").split("\n") for cell in row] for row in table.rows])]


class _Placement:
    """PDF user space into page points as the page is shown: y down from its top, /Rotate applied."""

    def __init__(self, mediabox: tuple[float, float, float, float], rotation: int):
        self.left, self.bottom, self.right, self.top = mediabox
        self.rotation = rotation % 360
        width, height = self.right - self.left, self.top - self.bottom
        self.box = (0.0, 0.0, height, width) if self.rotation in (90, 270) else (0.0, 0.0, width, height)

    def point(self, x: float, y: float) -> tuple[float, float]:
        """(x, top) of a point of user space."""
        if self.rotation == 90:
            return y - self.bottom, x - self.left
        if self.rotation == 180:
            return self.right - x, y - self.bottom
        if self.rotation == 270:
            return self.top - y, self.right - x
        return x - self.left, self.top - y

    def box_of(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """(x0, x1, top, bottom) of a user-space box."""
        (xa, ya), (xb, yb) = self.point(left, bottom), self.point(right, top)
        return min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)


def _glyphs(textpage, place: _Placement) -> list[Glyph]:
    """The page's characters with their boxes, in content order (PDFium's line breaks left out)."""
    import pypdfium2.raw as pdfium_c

    count = pdfium_c.FPDFText_CountChars(textpage)
    text = textpage.get_text_range()
    handle = textpage.raw  # the pointer itself: pypdfium2's wrapper costs a lookup per call
    if len(text) != count:  # a character outside the BMP or one PDFium could not map: read one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, index) or 0xFFFD) for index in range(count))
    rect = pdfium_c.FS_RECTF()
    box = ctypes.byref(rect)
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    glyphs: list[Glyph] = []
    # The usual page is shown as stored: its boxes are placed inline, not through `place.box_of`.
    upright = place.rotation == 0
    left, top = place.left, place.top
    for index, char in enumerate(text):
        loose_box(handle, index, box)
        if rect.left == rect.right and rect.top == rect.bottom and char in _GENERATED:
            # Where PDFium saw a space between words it gives one with an empty box: it ends
            # the word before it, on that word's line (a line break ends nothing).
            if char == " " and glyphs:
                last = glyphs[-1]
                glyphs.append(Glyph(" ", last.x1, last.x1, last.top, last.bottom, index))
            continue
        if upright:
            glyphs.append(Glyph(_HYPHEN.get(char, char), rect.left - left, rect.right - left, top - rect.top, top - rect.bottom, index))
        else:
            x0, x1, y0, y1 = place.box_of(rect.left, rect.bottom, rect.right, rect.top)
            glyphs.append(Glyph(_HYPHEN.get(char, char), x0, x1, y0, y1, index))
    return glyphs


def _rules(page, place: _Placement) -> list[Rule]:
    """The straight horizontal and vertical segments of the page's paths, forms included."""
    import pypdfium2.raw as pdfium_c

    rules: list[Rule] = []
    objects = [(pdfium_c.FPDFPage_GetObject(page, index), (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0) for index in range(pdfium_c.FPDFPage_CountObjects(page))]
    matrix = pdfium_c.FS_MATRIX()
    while objects:
        handle, outer, depth = objects.pop()
        kind = pdfium_c.FPDFPageObj_GetType(handle)
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
            continue
        pdfium_c.FPDFPageObj_GetMatrix(handle, ctypes.byref(matrix))
        own = _times((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth < _FORM_DEPTH:
                objects += [(pdfium_c.FPDFFormObj_GetObject(handle, index), own, depth + 1) for index in range(pdfium_c.FPDFFormObj_CountObjects(handle))]
            continue
        rules += _path_rules(handle, own, place)
    return rules


def _path_rules(handle, matrix: tuple[float, ...], place: _Placement) -> list[Rule]:
    import pypdfium2.raw as pdfium_c

    x, y = ctypes.c_float(), ctypes.c_float()
    a, b, c, d, e, f = matrix
    rules = []
    start = last = None
    for index in range(pdfium_c.FPDFPath_CountSegments(handle)):
        segment = pdfium_c.FPDFPath_GetPathSegment(handle, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = place.point(a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and last is not None:
            rules += _rule(last, point)
        last = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            rules += _rule(point, start)
            last = start
    return rules


def _rule(one: tuple[float, float], other: tuple[float, float]) -> list[Rule]:
    (xa, ya), (xb, yb) = one, other
    if abs(ya - yb) < _STRAIGHT:
        return [Rule(min(xa, xb), ya, max(xa, xb), ya)]
    if abs(xa - xb) < _STRAIGHT:
        return [Rule(xa, min(ya, yb), xa, max(ya, yb))]
    return []


def _times(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The affine matrix `inner` then `outer` (PDF's [a b c d e f] order)."""
    a, b, c, d, e, f = inner
    p, q, r, s, t, u = outer
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)
