"""Markdown pipe tables (Word exported by pandoc, hand-written Markdown) as label and value lines.

A row "| Label | Value |" reads "Label: Value" and a wider row keeps its cells in order
(form_rows.row_text); a separator row "|---|:---:|" is layout and reads as an empty line, so
that the rows above and below it stay apart. Headings and **bold** are taken off every line by
`lines.clean_text`. A row is a line that starts with "|" (leading spaces allowed); an escaped
"\\|" stays inside its cell.
"""
from __future__ import annotations

import re

from govlint.engine.reading.form_rows import row_text

_SEPARATOR_CHARS = frozenset("|-: \t")
_CELL_BORDER = re.compile(r"(?<!\\)\|")


def is_pipe_row(raw: str) -> bool:
    return raw.lstrip()[:1] == "|"


def pipe_row_text(raw: str) -> str:
    """The text of one pipe-table line ('' for a separator row)."""
    if "-" in raw and _SEPARATOR_CHARS.issuperset(raw):
        return ""
    cells = _CELL_BORDER.split(raw.strip())
    # The outer borders leave an empty string at each end; a row written without its closing
    # border leaves none there.
    if cells and not cells[0].strip():
        cells = cells[1:]
    if len(cells) > 1 and raw.rstrip().endswith("|") and not cells[-1].strip():
        cells = cells[:-1]
    return row_text([cell.replace("\\|", "|") for cell in cells])
