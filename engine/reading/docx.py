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
from govlint.engine.reading.form_rows import table_lines
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
    """The paragraph's text lines (a manual line break starts a new one; a tab stays inside its line)."""
    return paragraph_text(paragraph._p).split("\n")


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RUN_TEXT = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
# Wingdings glyphs that Word's symbol dialog inserts as tick boxes: ticked, then empty.
_SYMBOL_BOXES = {"F0FE": "☒", "F078": "☒", "F0FD": "☒", "F0A8": "☐", "F06F": "☐", "F071": "☐"}


def paragraph_text(element) -> str:
    """The text of a paragraph element as Word shows it, tick boxes included.

    python-docx's `Paragraph.text` leaves out content controls, so a check box control (its
    glyph, ☒ or ☐, sits inside one) would vanish and every option would read as chosen; a
    legacy form check box has no glyph at all, only its state, and a box inserted as a
    Wingdings symbol has a code, not a character. Each becomes ☒ or ☐ here, so that
    checkboxes.py keeps only the ticked options.
    """
    parts = []
    for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}ptab", f"{_W}cr", f"{_W}br", f"{_W}noBreakHyphen", f"{_W}sym", f"{_W}checkBox"):
        tag = node.tag
        if tag == f"{_W}checkBox":
            parts.append("☒ " if _checked(node) else "☐ ")
        elif node.getparent().tag != f"{_W}r":
            continue  # tab stops of the paragraph's properties, not text
        elif tag == f"{_W}t":
            parts.append(node.text or "")
        elif tag == f"{_W}br":
            # A page or column break ends no line of text; a text-wrapping break does.
            parts.append("" if node.get(f"{_W}type") in ("page", "column") else "\n")
        elif tag == f"{_W}sym":
            parts.append(_SYMBOL_BOXES.get((node.get(f"{_W}char") or "").upper(), ""))
        else:
            parts.append(_RUN_TEXT[tag])
    return "".join(parts)


def _checked(box) -> bool:
    """The state of a legacy form check box: its w:checked, else its w:default."""
    for name in ("checked", "default"):
        state = box.find(f"{_W}{name}")
        if state is not None:
            return state.get(f"{_W}val", "1") not in ("0", "false", "off")
    return False


def _table_lines(table, name: str) -> Iterator[tuple[str, str, str]]:
    rows = [[_cell_lines(cell) for cell in _distinct_cells(row)] for row in table.rows]
    for index, raw, text in table_lines(rows):
        yield raw, text, f"{name} row {index + 1}"


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
