"""Table rows as text lines: a label cell joined to its value, "Label: value".

Forms put a label in one cell and its value in the next, and Word exports print such a row
as "| Label | Value |" or "Label<TAB>Value". The field readers find a field by its label at
the start of a line followed by ":" with the value inline or on the lines below, so a row of
two cells whose first cell is a label reads "Label: value", and a blank value cell reads
"Label:", the label alone, so that a blank field stays apart from an absent one. A wrapped
label ("… granted by the" / "Proper Officer:") is rejoined first. Rows of three or more cells
are data tables: their cells are kept in order, joined by " | ", in a Word or PDF table as in
a text export (one line per row, each cell's lines joined, an empty cell kept in the raw row
so that columns still line up with the heading row: a table of forward-plan entries is read
column by column). In a Word or PDF table, a row of labels over a row of values is read label
by label (`table_lines`).

Each function gives (raw, text) pairs: `raw` is what the paper shows on the row (quoted as
evidence), `text` the shaped text before `lines.clean_text`; ticked-box choices are reduced to
the ticked option in `text` (checkboxes.py).
"""
from __future__ import annotations

import re

from govlint.engine.reading.checkboxes import ticked_only

# A form label is short and reads as a name, not a sentence: it starts with a letter, does
# not end a sentence and holds no sentence break inside. With a colon it may run long (KCC
# prints "Any interest declared when the decision was taken and … Proper Officer:").
_COLON_LABEL_CHARS = 160
_LABEL_CHARS = 100
_LABEL_WORDS = 16
_SENTENCE_END = re.compile(r"[.!?;,]$|[.!?] [A-Z]")
CELL_JOINER = " | "
# A row of this many cells or more is a row of a data table, not a label and its value.
_DATA_ROW_CELLS = 3


def as_label(text: str) -> str | None:
    """The label `text` reads as, with its colon ("Key decision:"), or None when it is content."""
    text = " ".join(text.split())
    if text.endswith(":") and 1 < len(text) <= _COLON_LABEL_CHARS + 1 and ":" not in text[:-1]:
        return text
    if (
        text[:1].isalpha()
        and len(text) <= _LABEL_CHARS
        and text.count(" ") < _LABEL_WORDS
        and ":" not in text
        and not _SENTENCE_END.search(text)
    ):
        return text + ":"
    return None


def row_text(cells: list[str]) -> str:
    """The text of a one-line row of cells (a pipe or TAB row of a Word export)."""
    cells = [" ".join(ticked_only(cell).split()) for cell in cells]
    if len(cells) == 2 and (label := as_label(cells[0])):
        return f"{label} {cells[1]}".rstrip()
    return CELL_JOINER.join(cell for cell in cells if cell)


def table_lines(rows: list[list[list[str]]]) -> list[tuple[int, str, str]]:
    """(row index, raw, text) of the lines of a Word or PDF table, each row's cells holding lines.

    A row of labels over a row of as many values ("DECISION TAKEN BY:" | "DECISION NO:" above
    "Cabinet Member …" | "24/00117") is read label by label, each label followed by the value
    below it, on the rows they are on.
    """
    found: list[tuple[int, str, str]] = []
    index = 0
    while index < len(rows):
        cells = rows[index]
        below = rows[index + 1] if index + 1 < len(rows) else []
        if _labels_only(cells) and len(below) == len(cells) and not any(_colon_label(cell) for cell in below):
            for label, value in zip(cells, below):
                found.append((index, " ".join(" ".join(label).split()), _colon_label(label)))
                found += [(index + 1, line, ticked_only(line)) for line in value if line.strip()]
            index += 2
            continue
        found += [(index, raw, text) for raw, text in row_lines(cells)]
        index += 1
    return found


def _colon_label(cell: list[str]) -> str | None:
    """The cell's text when it is a label printed with its colon."""
    text = " ".join(" ".join(cell).split())
    return text if text.endswith(":") and as_label(text) else None


def _labels_only(cells: list[list[str]]) -> bool:
    return len(cells) >= 2 and all(_colon_label(cell) for cell in cells)


def row_lines(cells: list[list[str]]) -> list[tuple[str, str]]:
    """(raw, text) of the lines of one Word or PDF table row whose cells hold several lines."""
    if len(cells) >= _DATA_ROW_CELLS:
        joined = [" ".join(" ".join(cell).split()) for cell in cells]
        return [(CELL_JOINER.join(joined), row_text(joined))] if any(joined) else []
    filled = [cell for cell in cells if any(line.strip() for line in cell)]
    # A label beside another label is two headings, not a label and its value.
    if len(cells) == 2 and filled and filled[0] is cells[0] and not _colon_label(cells[1]) and (label := as_label(" ".join(cells[0]))):
        raw_label = " ".join(" ".join(cells[0]).split())
        value = [line for line in cells[1] if line.strip()] or [""]
        first = (f"{raw_label} {value[0]}".rstrip(), f"{label} {ticked_only(value[0])}".rstrip())
        return [first] + [(line, ticked_only(line)) for line in value[1:]]
    return [(line, ticked_only(line)) for cell in filled for line in cell]
