"""Form headers printed in columns of spaces, as `pdftotext -layout` and fixed-width exports give them.

Two shapes are read column by column, like a two-column block of TAB rows (lines.py):

- a *header row* of two or more labels, each ending in ":", set apart by runs of three or more
  spaces, followed (blank lines allowed, up to `_VALUE_REACH` lines on) by a *value row* with
  as many cells, none of them a label:

      DECISION TO BE TAKEN BY:                        DECISION NO:

      Cabinet Member for Highways and Transport       25/00118

  reads "DECISION TO BE TAKEN BY:" / "Cabinet Member for Highways and Transport", then
  "DECISION NO:" / "25/00118", so each label has its value on the lines below it;
- a *label row* of two or more "Label: value" cells on one line, "Signed:   H Jones      Date:
  21 October 2025", reads as one line per field (a label cell takes the value cell after it).

A single "Label:      value" is already one field and is left to `clean_text`, which closes
the gap. Lines with a TAB belong to the TAB readers.
"""
from __future__ import annotations

import re

from govlint.engine.reading.form_rows import as_label

_GAP = re.compile(r" {3,}")
_VALUE_REACH = 3
_INLINE_LABEL_CHARS = 60


def cells(raw: str) -> list[str]:
    """The cells of a line, split at runs of three or more spaces."""
    return _GAP.split(raw.strip())


def fields(raw: str) -> list[str]:
    """The cells of a line with each label cell joined to the value cell after it, as printed."""
    stripped = raw.strip()
    spans = []
    start = 0
    for gap in _GAP.finditer(stripped):
        spans.append((start, gap.start()))
        start = gap.end()
    spans.append((start, len(stripped)))
    merged: list[tuple[int, int]] = []
    for span in spans:
        if merged and stripped[merged[-1][0]:merged[-1][1]].endswith(":") and not stripped[span[0]:span[1]].endswith(":"):
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return [stripped[start:end] for start, end in merged]


def _is_header(row: list[str]) -> bool:
    return len(row) >= 2 and all(cell.endswith(":") and as_label(cell) for cell in row)


def _is_label_row(row: list[str]) -> bool:
    return len(row) >= 2 and all(_inline_label(cell) for cell in row)


def _inline_label(cell: str) -> bool:
    head, colon, rest = cell.partition(":")
    return bool(colon and rest.strip()) and len(head) <= _INLINE_LABEL_CHARS and as_label(head + ":") is not None


def block_cells(raws: list[str], start: int, end: int) -> list[list[str]]:
    """The cells of each line of a block: a header and its value row, or one label row."""
    if end - start == 1:
        return [fields(raws[start])]
    return [cells(raws[index]) if raws[index].strip() else [] for index in range(start, end)]


def spaced_blocks(raws: list[str]) -> list[tuple[int, int]]:
    """Half-open 0-based ranges of header rows with their value rows, and of label rows."""
    blocks: list[tuple[int, int]] = []
    # Only a line with a colon and a wide gap can start a block: the rest are skipped unread.
    for index in [index for index, raw in enumerate(raws) if "   " in raw and ":" in raw]:
        raw = raws[index]
        if "\t" in raw or (blocks and index < blocks[-1][1]):
            continue
        row = cells(raw)
        end = _value_row_end(raws, index, len(row)) if _is_header(row) else None
        if end is not None:
            blocks.append((index, end))
        elif len(row) >= 2 and _is_label_row(fields(raw)):
            blocks.append((index, index + 1))
    return blocks


def _value_row_end(raws: list[str], header: int, width: int) -> int | None:
    """One past the value row that answers the header row at `header`, or None."""
    for index in range(header + 1, min(len(raws), header + 1 + _VALUE_REACH)):
        if not raws[index].strip():
            continue
        row = cells(raws[index]) if "\t" not in raws[index] else []
        if len(row) == width and not any(cell.endswith(":") for cell in row):
            return index + 1
        return None
    return None
