"""Word (.docx) papers into the same line-anchored `Paper` the text reader makes.

The body is read in document order, paragraphs and tables alike (headers and footers are
page furniture and are left out). Each paragraph gives one `Line` per line of text (a manual
line break starts a new one). A table row gives the lines of its cells, left to right; when
the first cell is a form label ("Key decision:", "DECISION NO:") the label and the first line
of its value share one line, "Key decision: Yes", as the text layout of a KCC form prints it,
so the field readers find the value inline and a blank value stays a heading alone.

Line numbers run 1..N over the lines made; `location` names what a user can find in Word:
"paragraph 12" (counting the body's paragraphs, empty ones too) or "table 1 row 4".
A row whose first cell reads as a label without its colon ("Key decision" | "Yes") also
reads "Key decision: Yes", and ticked boxes keep only the ticked option (form_rows.py).
"""
from __future__ import annotations

import io
import re
import zipfile
from typing import Iterable, Iterator

from govlint.engine.common.limits import DOCX_MEMBER_SIZE, DOCX_MEMBERS, DOCX_TOTAL_SIZE, size_text
from govlint.engine.reading.checkboxes import ticked_only
from govlint.engine.reading.form_rows import row_lines
from govlint.engine.reading.lines import Line, Paper, clean_text, finish_paper

class NotWordDocument(ValueError):
    """The bytes are not a readable .docx; the message says what they are instead."""


def read_docx(path: str, data: bytes | None = None, furniture: Iterable[re.Pattern[str]] = ()) -> Paper:
    """The paper in the Word file at `path` (or in `data`, its bytes, when already read).

    `furniture`: extra patterns of lines that are not content (lines.finish_paper).
    """
    source = io.BytesIO(data) if data is not None else path
    _check_expansion(source)
    document = _open(source)
    return finish_paper(path, list(_number(_body_lines(document))), furniture)


def _check_expansion(source) -> None:
    """Refuse a zip whose parts expand past the limits, before python-docx expands any.

    The sizes the zip declares are checked first (free), then each part is inflated in
    pieces and counted, since a crafted zip can declare less than it holds.
    """
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
            if len(members) > DOCX_MEMBERS.count:
                raise NotWordDocument(DOCX_MEMBERS.refusal(f"the Word file has {len(members):,} parts"))
            for member in members:
                _check_size(f"part {member.filename}", member.file_size, DOCX_MEMBER_SIZE)
            _check_size("the Word file", sum(member.file_size for member in members), DOCX_TOTAL_SIZE)
            total = 0
            for member in members:
                total += _inflated_size(archive, member)
                _check_size("the Word file", total, DOCX_TOTAL_SIZE)
    except zipfile.BadZipFile as error:
        raise NotWordDocument(f"corrupt Word document: {error}") from None
    except (OSError, EOFError, NotImplementedError, RuntimeError) as error:
        # zipfile's errors for bad compressed data, unknown methods and encrypted parts.
        raise NotWordDocument(f"corrupt Word document ({type(error).__name__}: {error})") from None
    if isinstance(source, io.BytesIO):
        source.seek(0)


def _check_size(what: str, size: int, limit) -> None:
    if size > limit.bytes:
        raise NotWordDocument(limit.refusal(f"{what} expands to {size_text(size)}"))


def _inflated_size(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> int:
    size = 0
    with archive.open(member) as part:
        while piece := part.read(1024 * 1024):
            size += len(piece)
            _check_size(f"part {member.filename}", size, DOCX_MEMBER_SIZE)
    return size


def _open(source):
    # Imported here so that reading text papers never pays for python-docx and lxml.
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(source)
    except zipfile.BadZipFile as error:
        raise NotWordDocument(f"corrupt Word document: {error}") from None
    except (PackageNotFoundError, KeyError):
        raise NotWordDocument("a zip file but not a Word document (no word/document.xml)") from None
    except ValueError as error:  # python-docx: a package whose main part is not a document
        raise NotWordDocument(f"not a Word document: {error}") from None
    except Exception as error:  # noqa: BLE001 - lxml and zipfile raise many kinds on broken XML
        raise NotWordDocument(f"corrupt Word document ({type(error).__name__}: {error})") from None


def _number(pieces: Iterator[tuple[str, str, str]]) -> Iterator[Line]:
    for number, (raw, text, location) in enumerate(pieces, start=1):
        yield Line(number, raw, clean_text(text), location)


def _body_lines(document) -> Iterator[tuple[str, str, str]]:
    """(raw text, shaped text, location) for every line of the body, in document order."""
    from docx.table import Table

    paragraphs = tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            tables += 1
            yield from _table_lines(block, f"table {tables}")
        else:
            paragraphs += 1
            location = f"paragraph {paragraphs}"
            yield from ((raw, ticked_only(raw), location) for raw in _paragraph_lines(block))


def _paragraph_lines(paragraph) -> list[str]:
    # python-docx renders a manual line break as "\n"; a tab stays inside its line.
    return paragraph.text.split("\n")


def _table_lines(table, name: str) -> Iterator[tuple[str, str, str]]:
    for index, row in enumerate(table.rows, start=1):
        location = f"{name} row {index}"
        yield from ((raw, text, location) for raw, text in row_lines([_cell_lines(cell) for cell in _distinct_cells(row)]))


def _distinct_cells(row) -> list:
    """The row's cells left to right, a merged cell once (python-docx repeats it per grid column)."""
    seen: set[int] = set()
    cells = []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def _cell_lines(cell) -> list[str]:
    """The cell's text lines, a nested table's rows included, with trailing empty lines dropped."""
    from docx.table import Table

    lines: list[str] = []
    for block in cell.iter_inner_content():
        if isinstance(block, Table):
            lines += [raw for raw, _, _ in _table_lines(block, "")]
        else:
            lines += _paragraph_lines(block)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines
