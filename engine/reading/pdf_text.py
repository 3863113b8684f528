"""A page's glyphs into its printed lines: the word and line grouping pdfplumber does, over any glyph source.

The reader takes its glyphs from PDFium (pdf.py); the grouping is pdfplumber's
`extract_text_lines` with its default tolerances, so that a page reads the same lines the
pdfplumber reader gave (bench/compare_pdf_libraries.py measures how many do):

- glyphs are clustered into lines by their top: sorted tops that step by no more than
  `Y_TOLERANCE` points are one line (a chain, so a superscript joins its line);
- within a line glyphs are read left to right; a word ends at a space glyph, where the next
  glyph starts more than `X_TOLERANCE` points past the end of the previous one or left of its
  start, or where its top is more than `Y_TOLERANCE` away;
- the words are clustered by their tops again, and each run of words in one cluster is a
  printed line, its words joined by one space.

Ligature glyphs ("ﬁ") are read as their letters.
"""
from __future__ import annotations

from itertools import groupby
from typing import NamedTuple

X_TOLERANCE = 3.0
Y_TOLERANCE = 3.0
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


class Glyph(NamedTuple):
    """One printed character in page points, y growing down the page; `index` is its place in
    the source's own list (where the font size is looked up when needed)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    index: int


class TextLine(NamedTuple):
    text: str
    top: float
    glyphs: list[Glyph]  # the glyphs of its words, spaces left out


def text_lines(glyphs: list[Glyph]) -> list[TextLine]:
    """The printed lines of `glyphs` (in content order), top to bottom."""
    rows = _clusters([glyph.top for glyph in glyphs])
    ordered = sorted(glyphs, key=lambda glyph: (rows[glyph.top], glyph.x0))
    words: list[list[Glyph]] = []
    current: list[Glyph] = []
    previous_row = None
    for glyph in ordered:
        row = rows[glyph.top]
        if glyph.text.isspace():
            if current:
                words.append(current)
                current = []
        else:
            if current:
                last = current[-1]
                if (
                    row != previous_row
                    or glyph.x0 < last.x0
                    or glyph.x0 > last.x1 + X_TOLERANCE
                    or abs(glyph.top - last.top) > Y_TOLERANCE
                ):
                    words.append(current)
                    current = []
            current.append(glyph)
        previous_row = row
    if current:
        words.append(current)
    tops = [min(glyph.top for glyph in word) for word in words]
    word_rows = _clusters(tops)
    lines = []
    for _, members in groupby(range(len(words)), key=lambda number: word_rows[tops[number]]):
        members = list(members)
        lines.append(TextLine(
            " ".join("".join(LIGATURES.get(glyph.text, glyph.text) for glyph in words[number]) for number in members),
            min(tops[number] for number in members),
            [glyph for number in members for glyph in words[number]],
        ))
    return lines


def _clusters(values: list[float]) -> dict[float, int]:
    """Each value's cluster: sorted distinct values a step of at most Y_TOLERANCE apart share one."""
    found: dict[float, int] = {}
    cluster = -1
    last = None
    for value in sorted(set(values)):
        if last is None or value > last + Y_TOLERANCE:
            cluster += 1
        found[value] = cluster
        last = value
    return found
