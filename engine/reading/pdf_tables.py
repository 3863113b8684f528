"""Ruled tables on a PDF page: pdfplumber's table finder run on the rules and glyphs PDFium gives.

pdfplumber finds a table where ruling lines cross into cells (its `lines` strategy, after
Nurminen's thesis and Tabula) and reads each cell's glyphs as text; that geometry is plain
Python over boxes and is what the reader kept from pdfplumber. What made pdfplumber slow was
pdfminer interpreting every page in Python (bench/compare_pdf_libraries.py); here the boxes
come from PDFium, and pdfplumber is imported only for a page that has rules both ways.
"""
from __future__ import annotations

import bisect
from typing import NamedTuple

from govlint.engine.reading.pdf_text import Glyph, text_lines


class Rule(NamedTuple):
    """A horizontal or vertical ruling segment, page points, y growing down the page."""

    x0: float
    top: float
    x1: float
    bottom: float


class Table(NamedTuple):
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom
    rows: list[list[str | None]]  # each cell's text, lines parted by "\n"; None where a cell spans


def find_tables(rules: list[Rule], glyphs: list[Glyph], page_box: tuple[float, float, float, float]) -> tuple[list[Table], list[Glyph]]:
    """The ruled tables the `rules` draw, each cell read from the `glyphs` inside it, and the glyphs outside them."""
    # A cell needs two rules each way; most pages of prose have none, or only an underline.
    if sum(rule.top == rule.bottom for rule in rules) < 2 or sum(rule.x0 == rule.x1 for rule in rules) < 2:
        return [], glyphs
    from pdfplumber.table import TableFinder

    found = TableFinder(_Page(rules, page_box)).tables
    if not found:
        return [], glyphs
    grids = [_Grid(table.rows) for table in found]
    outside = []
    for glyph in glyphs:
        middle_x, middle_y = (glyph.x0 + glyph.x1) / 2, (glyph.top + glyph.bottom) / 2
        for grid in grids:
            if grid.holds(middle_x, middle_y):
                grid.add(glyph, middle_x, middle_y)
                break
        else:
            outside.append(glyph)
    return [Table(table.bbox, grid.texts()) for table, grid in zip(found, grids)], outside


class _Grid:
    """A table's cells as pdfplumber lays them out in rows, and the glyphs each holds.

    A glyph belongs to the cell its middle is in, left and top edges included, right and
    bottom not (as pdfplumber reads a cell); the cell is found by bisecting the table's
    rulings, not by testing every cell (a budget table has thousands).
    """

    def __init__(self, rows):
        self.layout = [list(row.cells) for row in rows]
        cells = [cell for row in self.layout for cell in row if cell is not None]
        self.xs = sorted({edge for cell in cells for edge in (cell[0], cell[2])})
        self.ys = sorted({edge for cell in cells for edge in (cell[1], cell[3])})
        columns = {x: index for index, x in enumerate(self.xs)}
        lines = {y: index for index, y in enumerate(self.ys)}
        self.slots: dict[tuple[int, int], tuple[float, ...]] = {}
        for cell in cells:
            for column in range(columns[cell[0]], columns[cell[2]]):
                for line in range(lines[cell[1]], lines[cell[3]]):
                    self.slots.setdefault((column, line), cell)
        self.glyphs: dict[tuple[float, ...], list[Glyph]] = {cell: [] for cell in cells}

    def holds(self, x: float, y: float) -> bool:
        """Whether the point is inside the table, edges included (the text outside is what is not)."""
        return self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]

    def add(self, glyph: Glyph, x: float, y: float) -> None:
        cell = self.slots.get((bisect.bisect_right(self.xs, x) - 1, bisect.bisect_right(self.ys, y) - 1))
        if cell is not None:
            self.glyphs[cell].append(glyph)

    def texts(self) -> list[list[str | None]]:
        """Each cell's text, its lines parted by "\\n"; None where no cell starts (a spanning cell)."""
        return [[None if cell is None else "\n".join(line.text for line in text_lines(self.glyphs[cell])) for cell in row] for row in self.layout]


class _Page:
    """What pdfplumber's TableFinder and Table read of a page: its edges, characters and box."""

    def __init__(self, rules: list[Rule], box: tuple[float, float, float, float]):
        self.bbox = box
        self.edges = [_edge(rule) for rule in rules]


def _edge(rule: Rule) -> dict:
    return {
        "x0": rule.x0, "x1": rule.x1, "top": rule.top, "bottom": rule.bottom, "doctop": rule.top,
        "width": rule.x1 - rule.x0, "height": rule.bottom - rule.top,
        "orientation": "h" if rule.top == rule.bottom else "v", "object_type": "line",
    }
