"""PDF papers into the same line-anchored `Paper` the text reader makes, with pdfplumber.

pdfplumber was chosen over pypdf by measurement (bench/compare_pdf_libraries.py, a PROD form
printed four ways): with its ruled tables read cell by cell, 46 of 48 form rows keep label
and value together, against 39 for pypdf's best mode. pypdf's plain text follows the drawing
order (0 of 12 rows when the label column is drawn first) and its layout mode splits wrapped
labels; pdfplumber is about four times slower (16 against 60-80 pages/s), which a check of
a committee pack can afford. Unruled forms with wrapped labels are the rows still lost.

Each page is read top to bottom as blocks: the ruled tables on it (each row through
`form_rows.table_lines`, label and value on one line as the KCC text layout prints them) and
the text lines around them. Line numbers run 1..N over the whole paper; `location` is
"page N line M", M counting the lines made from that page. Knowing the pages, the reader
empties the page furniture (running headers and footers, page numbers: furniture.py).
"""
from __future__ import annotations

import io
import logging
import re
import zlib
from functools import lru_cache
from typing import Iterable, Iterator

from govlint.engine.common.limits import PDF_PAGES, PDF_STREAM_SIZE, size_text
from govlint.engine.reading.checkboxes import ticked_only
from govlint.engine.reading.form_rows import table_lines
from govlint.engine.reading.furniture import page_furniture
from govlint.engine.reading.lines import Line, Paper, clean_text, finish_paper
from govlint.engine.reading.pdf_columns import cells_of, reading_order

# Text lines whose tops differ by less than this many points are one line of print.
_LINE_TOLERANCE = 3


class NotReadablePdf(ValueError):
    """The bytes are a PDF that cannot be read as text; the message says why."""


class StreamTooLarge(NotReadablePdf):
    """A stream that decompresses past PDF_STREAM_SIZE: raised from inside pdfminer."""


def read_pdf(path: str, data: bytes | None = None, furniture: Iterable[re.Pattern[str]] = ()) -> Paper:
    """The paper in the PDF at `path` (or in `data`, its bytes, when already read).

    `furniture`: extra patterns of lines that are not content (lines.finish_paper).
    """
    # Imported here so that reading text papers never pays for pdfplumber and pdfminer.
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    _bound_pdfminer()
    try:
        with pdfplumber.open(path if data is None else io.BytesIO(data)) as pdf:
            if len(pdf.pages) > PDF_PAGES.count:
                raise NotReadablePdf(PDF_PAGES.refusal(f"the PDF has {len(pdf.pages):,} pages"))
            pages = [_read_page(page) for page in pdf.pages]
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, NotReadablePdf):
            raise cause from None
        raise NotReadablePdf(_reason(cause)) from None
    except NotReadablePdf:
        raise
    except Exception as error:  # noqa: BLE001 - pdfminer and pdfplumber raise many kinds on a damaged page
        raise NotReadablePdf(_reason(error)) from None
    if not any(raw.strip() for page in pages for raw, _, _, _ in page):
        raise NotReadablePdf("no text layer: this PDF needs OCR first")
    return finish_paper(path, list(_number(pages)), furniture)


@lru_cache(maxsize=None)
def _bound_pdfminer() -> None:
    """Cap what pdfminer inflates, and keep its log off standard error (once per process).

    pdfminer inflates a stream whole (`zlib.decompress` and `lzwdecode` in pdftypes), so an
    800 MB Flate stream in a 1 MB file would take 800 MB before any page is read; its own
    module names are replaced with bounded ones. Its fallback for a stream with a bad
    checksum (`decompress_corrupted`) feeds zlib a byte at a time and copies its output on
    each, quadratic in the output, so it is replaced too. Its warnings about damaged files ("Invalid
    MediaBox", "Not adding object … to xref") say nothing a reader of govlint's output can
    act on: a PDF that cannot be read is reported as one line like any bad paper.
    """
    from pdfminer import pdftypes

    pdftypes.zlib = _BoundedZlib()
    pdftypes.lzwdecode = _bounded_lzwdecode
    pdftypes.decompress_corrupted = _decompress_corrupted
    logging.getLogger("pdfminer").addHandler(logging.NullHandler())
    logging.getLogger("pdfminer").propagate = False


def _too_large() -> StreamTooLarge:
    return StreamTooLarge(PDF_STREAM_SIZE.refusal(f"a stream decompresses to more than {size_text(PDF_STREAM_SIZE.bytes)}"))


class _BoundedInflater:
    """zlib's decompressor, refusing output past the limit (pdfminer feeds it piece by piece)."""

    def __init__(self):
        self._inflater = zlib.decompressobj()
        self._left = PDF_STREAM_SIZE.bytes

    def decompress(self, data: bytes) -> bytes:
        out = self._inflater.decompress(data, self._left + 1)
        self._left -= len(out)
        if self._left < 0 or self._inflater.unconsumed_tail:
            raise _too_large()
        return out

    @property
    def eof(self) -> bool:
        return self._inflater.eof


class _BoundedZlib:
    """The part of the zlib module pdfminer uses, bounded."""

    error = zlib.error
    decompressobj = _BoundedInflater

    @staticmethod
    def decompress(data: bytes) -> bytes:
        inflater = _BoundedInflater()
        out = inflater.decompress(data)
        if not inflater.eof:
            raise zlib.error("incomplete or truncated stream")
        return out


def _decompress_corrupted(data: bytes) -> bytes:
    """What inflates of a stream whose checksum is damaged: an error in its last 4 bytes is
    taken as the checksum's, as pdfminer's own fallback does, and the text before it kept."""
    inflater = _BoundedInflater()
    out = [inflater.decompress(data[:-4])]
    for i in range(max(len(data) - 4, 0), len(data)):
        try:
            out.append(inflater.decompress(data[i : i + 1]))
        except zlib.error:
            break
    return b"".join(out)


def _bounded_lzwdecode(data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder

    pieces, left = [], PDF_STREAM_SIZE.bytes
    for piece in LZWDecoder(io.BytesIO(data)).run():
        left -= len(piece)
        if left < 0:
            raise _too_large()
        pieces.append(piece)
    return b"".join(pieces)


def _reason(error: object) -> str:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if isinstance(error, PDFPasswordIncorrect):
        return "encrypted PDF: it needs a password to open; save an unprotected copy"
    if isinstance(error, PDFEncryptionError):
        return f"encrypted PDF that cannot be opened: {error}"
    return f"corrupt PDF ({type(error).__name__}: {error})"


def _number(pages: list[list[tuple[str, str, int, int | None]]]) -> Iterator[Line]:
    texts = [[clean_text(text) for _, text, _, _ in page] for page in pages]
    furniture = page_furniture(texts)
    base = 0
    for page_index, page in enumerate(pages):
        for index, (raw, _, line, column) in enumerate(page):
            text = "" if (page_index, index) in furniture else texts[page_index][index]
            location = f"page {page_index + 1} line {line + 1}" + (f" column {column + 1}" if column is not None else "")
            yield Line(base + line + 1, raw, text, location)
        base += len({line for _, _, line, _ in page})


def _read_page(page) -> list[tuple[str, str, int, int | None]]:
    lines = page_lines(page)
    page.close()  # drops the page's parsed objects: a published pack runs to hundreds of pages
    return lines


def page_lines(page) -> list[tuple[str, str, int, int | None]]:
    """The page's lines in reading order: (raw, shaped text, line on the page, column or None).

    Lines are read top to bottom, each ruled table's rows in place of its text, and a form
    header printed in columns column by column (pdf_columns.py).
    """
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    outside = page.filter(lambda obj: not any(_inside(obj, box) for box in boxes)) if boxes else page
    blocks = [(line["top"], [(line["text"], ticked_only(line["text"]), cells_of(line["text"], line["chars"]))])
              for line in outside.extract_text_lines(return_chars=True)]
    blocks += [(table.bbox[1], [(raw, text, None) for raw, text in _table_rows(table)]) for table in tables]
    rows = [row for _, block in sorted(blocks, key=lambda block: block[0]) for row in block]
    lines = []
    for index, cell, column in reading_order([cells for _, _, cells in rows]):
        raw, text, cells = rows[index]
        if cell is None:
            lines.append((raw, text, index, None))
        else:
            lines.append((cells[cell].raw, ticked_only(cells[cell].raw), index, column))
    return lines


def _inside(obj: dict, box: tuple[float, float, float, float]) -> bool:
    # Only characters are filtered: ruling lines must stay for the tables to be found.
    if obj.get("object_type") != "char":
        return False
    x0, top, x1, bottom = box
    middle_x = (obj["x0"] + obj["x1"]) / 2
    middle_y = (obj["top"] + obj["bottom"]) / 2
    return x0 <= middle_x <= x1 and top <= middle_y <= bottom


def _table_rows(table) -> list[tuple[str, str]]:
    rows = table.extract(y_tolerance=_LINE_TOLERANCE)
    return [(raw, text) for _, raw, text in table_lines([[(cell or "").split("\n") for cell in row] for row in rows])]
