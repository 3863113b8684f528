"""One row of a form table as text lines, shaped as the text layout of a KCC form prints it.

Word and PDF forms put a label in one cell and its value in the next. The field readers
(engine/fields.py) expect "Label: value" on one line with the rest of the value on the lines
below, and a heading alone for a blank field, so a label cell is joined to the first line of
its value. A wrapped label ("… granted by the" / "Proper Officer:") is rejoined first.
"""
from __future__ import annotations

import re

# A form label is one short line ending in a colon; longer text in a first cell is content.
_LABEL = re.compile(r"^[^:]{1,160}:$")


def row_lines(cells: list[list[str]]) -> list[str]:
    """The lines of one form or table row: a label cell joined to the first line of its value."""
    filled = [cell for cell in cells if any(line.strip() for line in cell)]
    # A blank value cell still makes a label row: the heading alone is how a blank field reads.
    if len(cells) == 2 and filled and filled[0] is cells[0] and (label := _as_label(cells[0])):
        value = [line for line in cells[1] if line.strip()] or [""]
        return [f"{label} {value[0]}".rstrip()] + value[1:]
    return [line for cell in filled for line in cell]


def _as_label(lines: list[str]) -> str | None:
    """The cell's text as one label, or None when it is not a label (a wrapped label is rejoined)."""
    text = " ".join(" ".join(lines).split())
    return text if _LABEL.match(text) else None
