"""The PDFium reader against the pdfplumber reader it replaced, and the stream measure that
guards PDFium from decompression bombs (engine/reading/pdf*.py)."""
from __future__ import annotations

import io
import zlib
from pathlib import Path

import pytest

from bench import hostile
from bench.compare_pdf_libraries import column_first_pdf, pdfplumber_pages, table_pdf
from govlint.engine.reading.files import UnreadablePaper, read_paper
from govlint.engine.reading.pdf import read_pages
from govlint.engine.reading.pdf_streams import StreamTooLarge, _lzw_size, check_streams
from govlint.engine.reading.pdf_text import Glyph, text_lines
from tests.paper_builder import write_pdf, write_pdf_pages


def _generated(tmp_path: Path) -> dict[str, bytes]:
    pages = [[f"Paragraph {page}.{line} of the report, with £{page * 1000 + line:,} in it." for line in range(1, 30)] for page in range(1, 4)]
    return {
        "paper with its form": write_pdf(tmp_path / "paper.pdf").read_bytes(),
        "pages with furniture": write_pdf_pages(tmp_path / "pages.pdf", pages, header="Cabinet 30 January", footer="Page {page}").read_bytes(),
        "ruled form": table_pdf("TOP", ruled=True),
        "unruled form": table_pdf("TOP", ruled=False),
        "form drawn column-first": column_first_pdf(),
    }


def test_the_grouping_of_glyphs_into_lines_is_pdfplumbers(tmp_path: Path) -> None:
    import pdfplumber

    for name, data in _generated(tmp_path).items():
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                glyphs = [Glyph(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], n) for n, c in enumerate(page.chars)]
                expected = [line["text"] for line in page.extract_text_lines()]
                assert [line.text for line in text_lines(glyphs)] == expected, name


def test_the_pdfium_reader_reads_the_lines_the_pdfplumber_reader_read(tmp_path: Path) -> None:
    for name, data in _generated(tmp_path).items():
        assert read_pages(data) == pdfplumber_pages(data), name


def test_a_page_shown_turned_is_read_as_shown(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    # A landscape page as word processors print one: a portrait page turned a quarter clockwise
    # when shown (/Rotate 90), its text drawn a quarter anticlockwise so that it reads across.
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(595, 842))
    page.rotate(90)
    for number, line in enumerate(["Decision No: 24/00031", "Decision maker: Cabinet", "Key decision: Yes"]):
        page.drawString(72, -100 - 16 * number, line)
    page.setPageRotation(90)
    page.showPage()
    page.save()
    rows = read_pages(out.getvalue())
    assert [raw for raw, _, _, _ in rows[0]] == ["Decision No: 24/00031", "Decision maker: Cabinet", "Key decision: Yes"]
    assert rows == pdfplumber_pages(out.getvalue())


def _lzw(data: bytes, clear_every: int = 200) -> bytes:
    """PDF LZW codes for `data`, the table cleared often enough that every code stays 9 bits."""
    codes = [256]
    table = {bytes([n]): n for n in range(256)}
    word = b""
    for byte in data:
        longer = word + bytes([byte])
        if longer in table:
            word = longer
            continue
        codes.append(table[word])
        table[longer] = 258 + len(table) - 256
        word = bytes([byte])
        if len(table) - 256 >= clear_every:
            codes += [table[word], 256]
            table = {bytes([n]): n for n in range(256)}
            word = b""
    if word:
        codes.append(table[word])
    codes.append(257)
    bits = "".join(format(code, "09b") for code in codes)
    bits += "0" * (-len(bits) % 8)
    return bytes(int(bits[at : at + 8], 2) for at in range(0, len(bits), 8))


@pytest.mark.parametrize("data", [b"", b"TOBEORNOTTOBEORTOBEORNOT#", bytes(range(256)) * 9, b"a" * 5000], ids=["empty", "classic", "every byte", "one byte repeated"])
def test_an_lzw_stream_is_measured_at_its_decoded_size(data: bytes) -> None:
    from pdfminer.lzw import lzwdecode

    encoded = _lzw(data)
    assert lzwdecode(encoded) == data
    assert _lzw_size(memoryview(encoded), 1 << 30) == len(data)


def _stream_pdf(stream_dictionary: bytes, body: bytes) -> bytes:
    return hostile.text_pdf()[:-6] + b"9 0 obj\n<< /Length %d " % len(body) + stream_dictionary + b" >>\nstream\n" + body + b"\nendstream\nendobj\n%%EOF\n"


def test_streams_past_the_limit_are_refused_and_others_pass(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GOVLINT_MAX_PDF_STREAM_MB", "1")
    two_mb = b" " * (2 << 20)
    check_streams(_stream_pdf(b"/Filter /FlateDecode", zlib.compress(b" " * (1 << 19))))
    for dictionary, body in ((b"/Filter /FlateDecode", zlib.compress(two_mb)), (b"/Filter /LZWDecode", _lzw(two_mb))):
        with pytest.raises(StreamTooLarge, match="more than 1 MB"):
            check_streams(_stream_pdf(dictionary, body))
        paper = tmp_path / "bomb.pdf"
        paper.write_bytes(_stream_pdf(dictionary, body))
        with pytest.raises(UnreadablePaper, match="GOVLINT_MAX_PDF_STREAM_MB"):
            read_paper(paper)


def test_papers_read_in_several_threads_read_as_one_at_a_time(tmp_path: Path) -> None:
    # `serve` checks drafts in threads; PDFium itself must only ever see one of them at a time.
    from concurrent.futures import ThreadPoolExecutor

    papers = list(_generated(tmp_path).values()) * 3
    alone = [read_pages(data) for data in papers]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(read_pages, papers)) == alone
