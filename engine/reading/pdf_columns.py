"""Form headers printed in columns on a PDF page: labels side by side, values below each.

The 2025 KCC forms print "DECISION TO BE TAKEN BY:" and "DECISION NO:" side by side with each
value below its label; a PDF reader that reads lines top to bottom gives the labels as one
line and the values in whatever order their baselines fall ("24/00108" a few points above
"Cabinet"). With the glyph positions the page's own geometry says which value is whose:

- a line splits into cells at gaps wider than `_GAP_EMS` times the font size (a word space
  is a fraction of one; justified text stretches it little more);
- a *header* is a line of two or more cells that are all labels ending in ":";
- the lines below it belong to its columns while every cell of theirs starts at or right of
  the first label and ends before the next column starts, and none is itself a label, up to
  `_VALUE_LINES` lines: a wide line of body text ends the header;
- the header is then read column by column: each label, then the cells below it.

Each cell keeps the number of the line it is on; its location adds its column.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from govlint.engine.reading.form_rows import as_label
from govlint.engine.reading.pdf_text import Glyph

_GAP_EMS = 2.0
_VALUE_LINES = 6
# Points of slack when a value is set a little left of its label.
_ALIGN = 6.0


@dataclass(frozen=True)
class Cell:
    raw: str
    x0: float
    x1: float


def cells_of(text: str, glyphs: list[Glyph], font_size: Callable[[Glyph], float]) -> list[Cell]:
    """The cells of one printed line, split at wide gaps between its glyphs.

    `font_size` gives a glyph's size in points; it is asked only about a gap wider than
    `_GAP_EMS` times half the glyph's box, as a box is never twice its font size tall.
    """
    glyphs = [glyph for glyph in glyphs if glyph.text.strip()]
    if not glyphs:
        return [Cell(text, 0.0, 0.0)]
    cuts = [0]
    for index in range(1, len(glyphs)):
        previous, glyph = glyphs[index - 1], glyphs[index]
        gap = glyph.x0 - previous.x1
        if gap > _GAP_EMS * (glyph.bottom - glyph.top) / 2 and gap > _GAP_EMS * max(font_size(glyph), 1.0):
            cuts.append(index)
    if len(cuts) == 1:
        return [Cell(text, glyphs[0].x0, glyphs[-1].x1)]
    # The line's text holds the same glyphs in the same order with spaces between words.
    letters = [len("".join(glyph.text.split())) for glyph in glyphs]
    if sum(letters) != len("".join(text.split())):
        return [Cell(text, glyphs[0].x0, glyphs[-1].x1)]
    found = []
    position = 0
    for number, start in enumerate(cuts):
        end = cuts[number + 1] if number + 1 < len(cuts) else len(glyphs)
        wanted = sum(letters[start:end])
        begin = position
        while wanted:
            if not text[position].isspace():
                wanted -= 1
            position += 1
        found.append(Cell(text[begin:position].strip(), glyphs[start].x0, glyphs[end - 1].x1))
    return found


def reading_order(rows: list[list[Cell] | None]) -> list[tuple[int, int | None, int | None]]:
    """(row, cell, column) in reading order; cell and column None for a row read whole (a table row is None)."""
    order: list[tuple[int, int | None, int | None]] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        values = _values_below(rows, index) if row is not None and _is_header(row) else []
        if not values:
            order.append((index, None, None))
            index += 1
            continue
        starts = [cell.x0 for cell in row]
        for column in range(len(row)):
            order.append((index, column, column))
            order += [(below, number, column) for below in values for number, cell in enumerate(rows[below]) if _column(starts, cell) == column]
        index = values[-1] + 1
    return order


def _is_header(row: list[Cell]) -> bool:
    return len(row) >= 2 and all(cell.raw.endswith(":") and as_label(cell.raw) for cell in row)


def _values_below(rows: list[list[Cell] | None], header: int) -> list[int]:
    starts = [cell.x0 for cell in rows[header]]
    values = []
    for index in range(header + 1, min(len(rows), header + 1 + _VALUE_LINES)):
        row = rows[index]
        if row is None or not all(_fits(starts, cell) and not cell.raw.endswith(":") for cell in row):
            break
        values.append(index)
    return values


def _column(starts: list[float], cell: Cell) -> int:
    return max(number for number, start in enumerate(starts) if number == 0 or cell.x0 >= start - _ALIGN)


def _fits(starts: list[float], cell: Cell) -> bool:
    """Whether the cell lies inside one column of the header."""
    if cell.x0 < starts[0] - _ALIGN:
        return False
    column = _column(starts, cell)
    return column + 1 == len(starts) or cell.x1 <= starts[column + 1] - _ALIGN
