"""Text lines of a paper, with the noise of PDF extraction taken off.

A `Line` keeps both the raw text (for quoting as evidence) and a cleaned `text` that the
extractors match against. `Line.number` is always the 1-based line of the source file (lines
end at "\\n", with "\\r\\n" accepted), so that findings point at what an editor or `grep -n`
shows. What is cleaned:

- markdown headings and bold/underscore emphasis;
- page furniture: "Page 37" glued to the end of a sentence, a line that is only "Page 37" or
  "Agenda Item 9", and "P" / "age 26" split over two lines (both lines; a lone "P" or
  "age 26" on its own is kept, since it can be content). Furniture lines keep their number
  with empty text. A bare number on its own line is *not* furniture: in extracted papers it
  is far more often a year or the pence of an amount wrapped off the line before ("25
  November" / "2020", "£980,000." / "00") than a page number;
- two-column forms (see below).

Two-column forms. A form laid out in two columns can come out of extraction as rows of
"left cell<TAB>right cell", the left column's text running down the left cells. The rule:

- a *two-column block* is a run of two or more consecutive lines that each hold exactly one
  TAB, in which the text of at least one column visibly flows from a row into the next (a cell
  that does not end a sentence or a label is followed, in the same column, by a cell starting
  with a lower-case letter). Rows with no such flow are self-contained rows of a flattened
  table and are left as they are; rows with two or more TABs are wider tables, also left.
- a block is read as a one-column paper would be: the left cells top to bottom, then the
  right cells. Each cell becomes a `Line` with the number of the row it sits on, its own raw
  text, and `location` "column 1" or "column 2". `Paper.lines` is therefore in *reading*
  order and can hold two lines with the same number: look lines up with `Paper.line(n)` or
  by `Line.number`, not by index arithmetic.
- a word cut at the column edge ("Cabinet Mem" / "ber for …") is rejoined on the upper line
  ("Cabinet Member" / "for …"). Without glyph positions a cut cannot be told from a wrap by
  shape alone, so it is decided with the paper's own words: the cell must end in a letter
  with no trailing space (extractors keep the space at a soft wrap), the next cell in the
  column must start with a lower-case letter, and either the joined word is used elsewhere in
  the paper or the upper fragment is not ("Mem" is not a word of the paper; "and" is, so
  "and" / "older" stays two words).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the source
    raw: str
    text: str
    location: str | None = None  # "page 3", "table 2 row 4" for Word/PDF papers; "column 2" in two-column forms


@dataclass(frozen=True)
class Paper:
    """A paper as a sequence of text lines in reading order, before any structure is read from it."""

    source: str
    lines: tuple[Line, ...]

    @cached_property
    def _spans(self) -> tuple[dict[int, int], dict[int, int]]:
        """Index of the first and of the last line of each source number."""
        first: dict[int, int] = {}
        last: dict[int, int] = {}
        for index, line in enumerate(self.lines):
            first.setdefault(line.number, index)
            last[line.number] = index
        return first, last

    def line(self, number: int) -> Line:
        """The line with this source number (in a two-column row, its left cell)."""
        # Every earlier number has at least one line, so a line found at index number-1 is
        # the first of its number; only after a two-column block must the map be consulted.
        if 0 < number <= len(self.lines) and self.lines[number - 1].number == number:
            return self.lines[number - 1]
        return self.lines[self._spans[0][number]]

    def between(self, start: int, end: int) -> tuple[Line, ...]:
        """The lines numbered `start` to `end` inclusive, in reading order."""
        first, last = self._spans
        start, end = max(start, 1), min(end, len(last))
        if start > end:
            return ()
        window = self.lines[first[start] : last[end] + 1]
        return tuple(line for line in window if start <= line.number <= end)


_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MARKDOWN_HEADING = re.compile(r"^#{1,6} ")
# "… out of Page 41": a page number glued to the end of a sentence by the extractor.
_TRAILING_PAGE = re.compile(r" Page \d{1,4}$")
_FURNITURE = re.compile(r"Page \d{1,4}|Agenda Item \d+[a-z]?", re.IGNORECASE)
_SPLIT_PAGE = re.compile(r"^[ \t]*P[ \t]*\r?\n[ \t]*age[ \t]+\d{1,4}[ \t]*\r?$", re.MULTILINE)
# A cell that ends like this has finished its sentence or label; the next row starts afresh.
_CELL_CLOSED = re.compile(r"[.:;?!)]\s*$")
_WORDS = re.compile(r"[A-Za-z]+")
_LAST_WORD = re.compile(r"[A-Za-z]+$")
_FIRST_WORD = re.compile(r"^[a-z][A-Za-z]*")


def clean_text(raw: str) -> str:
    """The matchable text of one raw line ('' for blank lines and page furniture)."""
    # Every line goes through here, so each regex runs only when its cheap pre-test passes.
    text = " ".join(raw.split())
    if "#" in text:
        text = _MARKDOWN_HEADING.sub("", text)
    if "**" in text or "__" in text:
        text = _MARKDOWN_EMPHASIS.sub(r"\2", text)
    if text[-1:].isdigit():
        text = _TRAILING_PAGE.sub("", text)
    if text[:1] in "PpAa" and _FURNITURE.fullmatch(text):
        return ""
    return text


def source_lines(content: str) -> list[str]:
    """Lines as `grep -n` numbers them: split at "\\n" only (a form feed stays inside its line)."""
    lines = content.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def split_page_numbers(content: str) -> set[int]:
    """0-based line indexes of "P" / "age 26" pairs: a page number the extractor broke after its first letter."""
    heads = (content.count("\n", 0, match.start()) for match in _SPLIT_PAGE.finditer(content))
    return {index for head in heads for index in (head, head + 1)}


def _flows(upper: str, lower: str) -> bool:
    """Whether `lower` continues the text of `upper` in the same column."""
    return bool(upper.strip()) and not _CELL_CLOSED.search(upper) and lower.lstrip()[:1].islower()


def two_column_blocks(raws: list[str]) -> list[tuple[int, int]]:
    """Half-open 0-based index ranges of the two-column blocks (see the module docstring)."""
    blocks = []
    start = 0
    while start < len(raws):
        end = start
        while end < len(raws) and raws[end].count("\t") == 1:
            end += 1
        if end - start >= 2 and _has_flow([raws[i].split("\t") for i in range(start, end)]):
            blocks.append((start, end))
        start = max(end, start + 1)
    return blocks


def _has_flow(rows: list[list[str]]) -> bool:
    return any(_flows(upper[column], lower[column]) for upper, lower in zip(rows, rows[1:]) for column in (0, 1))


def _vocabulary(raws: list[str], blocks: list[tuple[int, int]]) -> set[str]:
    """Lower-cased words of the paper, leaving out the words at a column edge (they may be cut)."""
    in_block = {i for start, end in blocks for i in range(start, end)}
    words: set[str] = set()
    for i, raw in enumerate(raws):
        if i not in in_block:
            words.update(word.lower() for word in _WORDS.findall(raw))
            continue
        for cell in raw.split("\t"):
            words.update(word.lower() for word in _WORDS.findall(cell)[1:-1])
    return words


def _cut_tail(upper_raw: str, upper_text: str, lower_text: str, vocabulary: set[str]) -> str:
    """The start of `lower_text` that finishes a word cut off `upper_text` at the column edge, or ''."""
    head = _LAST_WORD.search(upper_text)
    tail = _FIRST_WORD.match(lower_text)
    if head is None or tail is None or not upper_raw[-1:].isalpha():
        return ""
    joined = (head.group() + tail.group()).lower()
    return tail.group() if joined in vocabulary or head.group().lower() not in vocabulary else ""


def _column_lines(numbers: range, cells: list[str], column: int, vocabulary: set[str]) -> list[Line]:
    """One column of a block, top to bottom, with words cut at the edge rejoined on the upper line."""
    texts = [clean_text(cell) for cell in cells]
    for i in range(len(cells) - 1):
        tail = _cut_tail(cells[i], texts[i], texts[i + 1], vocabulary)
        texts[i] += tail
        texts[i + 1] = texts[i + 1][len(tail):].lstrip()
    location = f"column {column + 1}"
    return [Line(number, cell, text, location) for number, cell, text in zip(numbers, cells, texts)]


def _block_lines(raws: list[str], start: int, end: int, vocabulary: set[str]) -> list[Line]:
    rows = [raws[i].split("\t") for i in range(start, end)]
    numbers = range(start + 1, end + 1)
    return [line for column in (0, 1) for line in _column_lines(numbers, [row[column] for row in rows], column, vocabulary)]


def _one_column_lines(raws: list[str], start: int, end: int, furniture: set[int]) -> list[Line]:
    return [Line(i + 1, raws[i], "" if i in furniture else clean_text(raws[i])) for i in range(start, end)]


def paper_from_text(source: str, content: str) -> Paper:
    raws = source_lines(content)
    furniture = split_page_numbers(content)
    blocks = two_column_blocks(raws) if "\t" in content else []
    vocabulary = _vocabulary(raws, blocks) if blocks else set()
    lines: list[Line] = []
    done = 0
    for start, end in blocks:
        lines += _one_column_lines(raws, done, start, furniture)
        lines += _block_lines(raws, start, end, vocabulary)
        done = end
    lines += _one_column_lines(raws, done, len(raws), furniture)
    return Paper(source=source, lines=tuple(lines))
