"""Text lines of a paper, with the noise of PDF extraction taken off.

A `Line` keeps both the raw text (for quoting as evidence) and a cleaned `text` that the
extractors match against. `Line.number` is always the 1-based line of the source file (lines
end at "\\n", with "\\r\\n" accepted), so that findings point at what an editor or `grep -n`
shows. What is cleaned:

- markdown headings and bold/underscore emphasis;
- page furniture: "Page 37" or "Page 3 of 9" glued to the end of a sentence, a line that is
  only "Page 37" or "Agenda Item 9", and "P" / "age 26" split over two lines (both lines; a
  lone "P" or "age 26" on its own is kept, since it can be content). Furniture lines keep
  their number with empty text. A bare number on its own line is *not* furniture in a text
  paper: there it is far more often a year or the pence of an amount wrapped off the line
  before ("25 November" / "2020", "£980,000." / "00") than a page number (the PDF reader,
  which knows where pages end, finds page numbers by place: furniture.py);
- table rows of Word and Markdown exports, one normaliser per shape: "| Label | Value |"
  (markdown.py) and "Label<TAB>Value" rows outside two-column blocks read "Label: Value",
  wider rows keep their cells joined by " | " (form_rows.py); tick boxes keep only the ticked
  option (checkboxes.py);
- two-column forms (see below);
- words split by print, "D eclarations", "A G E N D A" (words.py), and lines that a caller's
  furniture pattern matches whole (`finish_paper`, shared with the Word and PDF readers).

Every removal is one of these: furniture lines, table borders and separator rows, unticked
options and box glyphs, markdown markers, and spaces. Everything else of `raw` is in `text`,
in order (tests/test_layout_properties.py checks it on generated papers).

Two-column forms. A form laid out in two columns can come out of extraction as rows of
"left cell<TAB>right cell", the left column's text running down the left cells. The rule:

- a *two-column block* is a run of two or more consecutive lines that each hold exactly one
  TAB, in which the text of at least one column visibly flows from a row into the next (a cell
  that does not end a sentence or a label is followed, in the same column, by a cell starting
  with a lower-case letter). A flow in the left column decides it; when only the right
  column flows, the block is a form only if fewer than half its rows start with a label
  (otherwise it is label and value rows whose value wrapped). Rows that are not in a block
  are self-contained rows of a flattened table (read as table rows, above); rows with two or
  more TABs are wider tables.
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
- a capitalised heading printed across both columns and cut inside a word,
  "PROPOSED REC<TAB>ORD OF DECISION", is read whole, "PROPOSED RECORD OF DECISION", in its
  place between the rows above and below it, which are read as blocks of their own
  (`_cut_heading` says when).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Iterable, Pattern

from govlint.engine.reading.checkboxes import ticked_only
from govlint.engine.reading.form_rows import as_label, row_text
from govlint.engine.reading.furniture import extra_furniture
from govlint.engine.reading.markdown import is_pipe_row, pipe_row_text
from govlint.engine.reading.spaced_columns import block_cells, spaced_blocks
from govlint.engine.reading.words import rejoin_split_words


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


# Emphasis runs to the next marker character, so a line of unclosed "**" is read in one pass.
_MARKDOWN_EMPHASIS = re.compile(r"\*\*([^*]+)\*\*|__([^_]+)__")
_MARKDOWN_HEADING = re.compile(r"^#{1,6} ")
# "… out of Page 41": a page number glued to the end of a sentence by the extractor.
_TRAILING_PAGE = re.compile(r" Page \d{1,4}(?: of \d{1,4})?$")
_FURNITURE = re.compile(r"Page \d{1,4}(?: of \d{1,4})?|Agenda Item \d+[a-z]?", re.IGNORECASE)
_SPLIT_PAGE = re.compile(r"^[ \t]*P[ \t]*\r?\n[ \t]*age[ \t]+\d{1,4}[ \t]*\r?$", re.MULTILINE)
# A cell that ends like this has finished its sentence or label; the next row starts afresh.
_CELL_CLOSED = re.compile(r"[.:;?!)]\s*$")
_WORDS = re.compile(r"[A-Za-z]+")
_FIRST_WORD = re.compile(r"^[a-z][A-Za-z]*")
_FIRST_CAPITALS = re.compile(r"^[A-Z]+(?![a-z])")
# A heading is short; a longer row cut inside a word is running text in two columns.
_HEADING_WORDS = 8


def clean_text(raw: str) -> str:
    """The matchable text of one raw line ('' for blank lines and page furniture)."""
    # Every line goes through here, so each regex runs only when its cheap pre-test passes.
    text = " ".join(raw.split())
    if "#" in text:
        text = _MARKDOWN_HEADING.sub("", text)
    if "**" in text or "__" in text:
        text = _MARKDOWN_EMPHASIS.sub(_emphasised, text)
    if text[-1:].isdigit():
        text = _TRAILING_PAGE.sub("", text)
    if text[:1] in "PpAa" and _FURNITURE.fullmatch(text):
        return ""
    return text


def _emphasised(match: re.Match) -> str:
    return match.group(1) or match.group(2)


def _last_word(text: str) -> str:
    """The run of ASCII letters that ends `text` ('' if it ends otherwise)."""
    # Scanned by hand: a search for "[A-Za-z]+$" restarts at every letter of a long word.
    start = len(text)
    while start and text[start - 1].isascii() and text[start - 1].isalpha():
        start -= 1
    return text[start:]


def source_lines(content: str) -> list[str]:
    """Lines as `grep -n` numbers them: split at "\\n" only (a form feed stays inside its line)."""
    lines = content.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def split_page_numbers(content: str) -> set[int]:
    """0-based line indexes of "P" / "age 26" pairs: a page number the extractor broke after its first letter."""
    indexes: set[int] = set()
    head = counted_to = 0
    for match in _SPLIT_PAGE.finditer(content):
        # Newlines counted on from the last match: counting from the start each time is
        # quadratic in a long paper with a page break on every page.
        head += content.count("\n", counted_to, match.start())
        counted_to = match.start()
        indexes.update((head, head + 1))
    return indexes


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
        if end - start >= 2 and _is_two_column([raws[i].split("\t") for i in range(start, end)]):
            blocks.append((start, end))
        start = max(end, start + 1)
    return blocks


def _is_two_column(rows: list[list[str]]) -> bool:
    """Whether rows of two cells are a form in two flowing columns rather than label and value rows."""
    pairs = list(zip(rows, rows[1:]))
    if any(_flows(upper[0], lower[0]) for upper, lower in pairs):
        return True
    # Only the right column runs on: a value wrapped into the next row, or a form whose left
    # column happens not to wrap. Rows that mostly start with a label are label and value rows.
    if not any(_flows(upper[1], lower[1]) for upper, lower in pairs):
        return False
    return 2 * sum(1 for row in rows if as_label(row[0])) < len(rows)


def _vocabulary(raws: list[str]) -> set[str]:
    """Lower-cased words of the paper, leaving out the words at a cell edge (they may be cut)."""
    words: set[str] = set()
    for raw in raws:
        if "\t" not in raw:
            words.update(word.lower() for word in _WORDS.findall(raw))
            continue
        for cell in raw.split("\t"):
            words.update(word.lower() for word in _WORDS.findall(cell)[1:-1])
    return words


def _cut_tail(upper_raw: str, upper_text: str, lower_text: str, vocabulary: set[str]) -> str:
    """The start of `lower_text` that finishes a word cut off `upper_text` at the column edge, or ''."""
    head = _last_word(upper_text)
    tail = _FIRST_WORD.match(lower_text)
    if not head or tail is None or not upper_raw[-1:].isalpha():
        return ""
    joined = (head + tail.group()).lower()
    return tail.group() if joined in vocabulary or head.lower() not in vocabulary else ""


def _cut_heading(left: str, right: str, vocabulary: set[str], in_block: bool) -> str | None:
    """The heading a row spells when a capitalised heading runs across both cells, cut inside a word.

    `PROPOSED REC<TAB>ORD OF DECISION` is one heading printed across the two columns. The cut
    must fall inside a word (no space either side of the TAB), both fragments in capitals, and
    the joined word a word of the paper; inside a two-column block, where headings are cut
    this way, two fragments that are neither of them words of the paper also qualify.
    """
    head = _last_word(left)
    tail = _FIRST_CAPITALS.match(right)
    if not head.isupper() or tail is None or (left + " " + right).count(" ") > _HEADING_WORDS:
        return None
    joined = (head + tail.group()).lower()
    fragments_unknown = head.lower() not in vocabulary and tail.group().lower() not in vocabulary
    if joined in vocabulary or (in_block and fragments_unknown):
        return left + right
    return None


def _column_lines(numbers: range, cells: list[str], column: int, vocabulary: set[str]) -> list[Line]:
    """One column of a block, top to bottom, with words cut at the edge rejoined on the upper line."""
    texts = [clean_text(ticked_only(cell)) for cell in cells]
    for i in range(len(cells) - 1):
        tail = _cut_tail(cells[i], texts[i], texts[i + 1], vocabulary)
        texts[i] += tail
        texts[i + 1] = texts[i + 1][len(tail):].lstrip()
    location = f"column {column + 1}"
    return [Line(number, cell, text, location) for number, cell, text in zip(numbers, cells, texts)]


def _block_lines(raws: list[str], start: int, end: int, vocabulary: set[str]) -> list[Line]:
    """A two-column block read column by column; a heading cut across the columns is read whole, in its place."""
    lines: list[Line] = []
    done = start
    for i in range(start, end + 1):
        heading = _cut_heading(*raws[i].split("\t"), vocabulary, True) if i < end else None
        if heading is None and i < end:
            continue
        rows = [raws[j].split("\t") for j in range(done, i)]
        numbers = range(done + 1, i + 1)
        lines += [line for column in (0, 1) for line in _column_lines(numbers, [row[column] for row in rows], column, vocabulary)]
        if heading is not None:
            lines.append(Line(i + 1, raws[i], clean_text(heading)))
        done = i + 1
    return lines


def _row_text(raw: str, vocabulary: set[str]) -> str:
    """The shaped text of one line outside two-column blocks: table rows, tick boxes."""
    if "|" in raw and is_pipe_row(raw):
        return pipe_row_text(raw)
    if "\t" not in raw:
        return ticked_only(raw)
    cells = raw.split("\t")
    if len(cells) == 2 and (heading := _cut_heading(*cells, vocabulary, False)):
        return heading
    filled = [cell for cell in cells if cell.strip()]
    # "Label<TAB>" with nothing after it is a label row with a blank value.
    if len(filled) == 1 and cells[0].strip():
        return row_text([cells[0], ""])
    return row_text(filled)


def _one_column_lines(raws: list[str], start: int, end: int, furniture: set[int], vocabulary: set[str]) -> list[Line]:
    # Most lines of a paper are plain ASCII prose with nothing for the row or box normalisers:
    # they go straight to clean_text.
    return [
        Line(i + 1, raw, "" if i in furniture else clean_text(
            raw if raw.isascii() and "|" not in raw and "\t" not in raw and "[" not in raw else _row_text(raw, vocabulary)))
        for i, raw in enumerate(raws[start:end], start)
    ]


def finish_paper(source: str, lines: list[Line], furniture: Iterable[Pattern[str]] = ()) -> Paper:
    """The paper of `lines` (in reading order) after the normalisers that need the whole paper.

    Words split by print are rejoined (words.py), and lines that a caller's furniture pattern
    (a reader profile's) matches whole keep their place with empty text.
    """
    furniture = tuple(furniture)
    before = [line.text for line in lines]
    texts = rejoin_split_words(before)
    if furniture:
        texts = ["" if text and extra_furniture(text, furniture) else text for text in texts]
    if texts is not before:
        lines = [line if line.text == text else replace(line, text=text) for line, text in zip(lines, texts)]
    return Paper(source=source, lines=tuple(lines))


def _spaced_block_lines(raws: list[str], start: int, end: int) -> list[Line]:
    """A header or label row in columns of spaces (spaced_columns.py), read column by column.

    The blank lines between a header and its value row come first, so that in reading order
    each label is followed by its value.
    """
    rows = block_cells(raws, start, end)
    blank = [Line(start + offset + 1, raws[start + offset], "") for offset, row in enumerate(rows) if not row]
    return blank + [
        Line(start + offset + 1, row[column], clean_text(ticked_only(row[column])), f"column {column + 1}")
        for column in range(max(len(row) for row in rows))
        for offset, row in enumerate(rows)
        if column < len(row)
    ]


def paper_from_text(source: str, content: str, furniture: Iterable[Pattern[str]] = ()) -> Paper:
    """The paper in the text of a .txt or .md file; `furniture`: extra patterns of page furniture."""
    raws = source_lines(content)
    split_pages = split_page_numbers(content)
    tabbed = "\t" in content
    vocabulary = _vocabulary(raws) if tabbed else set()
    blocks = [(start, end, _block_lines) for start, end in two_column_blocks(raws)] if tabbed else []
    if "   " in content:
        blocks = sorted(blocks + [(start, end, None) for start, end in spaced_blocks(raws)], key=lambda block: block[0])
    lines: list[Line] = []
    done = 0
    for start, end, reader in blocks:
        if start < done:
            continue  # lines both readers claim stay with the first (TAB rows before spaced columns)
        lines += _one_column_lines(raws, done, start, split_pages, vocabulary)
        lines += reader(raws, start, end, vocabulary) if reader else _spaced_block_lines(raws, start, end)
        done = end
    lines += _one_column_lines(raws, done, len(raws), split_pages, vocabulary)
    return finish_paper(source, lines, furniture)
