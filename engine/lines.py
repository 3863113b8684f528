"""Text lines of a paper, with the noise of PDF extraction taken off.

A `Line` keeps both the raw text (for quoting as evidence) and a cleaned `text` that the
extractors match against: markdown emphasis and page furniture ("Page 37" glued to the end
of a sentence, a lone "Agenda Item 9") are removed, runs of blanks are folded. Lines that are
only furniture keep their number but have empty text, so that line numbers in findings are
always those of the source file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the source
    raw: str
    text: str
    location: str | None = None  # "page 3", "table 2 row 4" for Word/PDF papers


@dataclass(frozen=True)
class Paper:
    """A paper as a sequence of text lines, before any structure is read from it."""

    source: str
    lines: tuple[Line, ...]

    def line(self, number: int) -> Line:
        return self.lines[number - 1]


_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
# "… out of Page 41": a page number glued to the end of a sentence by the extractor.
_TRAILING_PAGE = re.compile(r"\s+Page\s+\d{1,4}\s*$")
_FURNITURE = re.compile(
    r"^(?:Page\s+\d{1,4}|P|age\s+\d{1,4}|Agenda\s+Item\s+\d+[a-z]?|\d{1,4})$", re.IGNORECASE
)
_SPACES = re.compile(r"[ \t\u00a0]+")


def clean_text(raw: str) -> str:
    """The matchable text of one raw line ('' for blank lines and page furniture)."""
    text = raw.replace("\u00a0", " ").strip()
    text = _MARKDOWN_HEADING.sub("", text)
    text = _MARKDOWN_EMPHASIS.sub(r"\2", text)
    text = _TRAILING_PAGE.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    if _FURNITURE.match(text):
        return ""
    return text


def paper_from_text(source: str, content: str) -> Paper:
    raw_lines = content.splitlines()
    return Paper(
        source=source,
        lines=tuple(Line(number=i, raw=raw, text=clean_text(raw)) for i, raw in enumerate(raw_lines, 1)),
    )
