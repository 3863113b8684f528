"""Properties of the layout normalisers over generated papers (hypothesis).

1. No character of content is dropped. Over a paper's lines in reading order, the non-space
   characters of `raw` appear in `text`, in the same order, except the documented removals
   (lines.py): whole furniture lines, table borders ("|") and pipe-table separator rows,
   markdown markers ("#", "*", "_"), box glyphs with their unticked options, and spaces.
   Normalisers may add characters (the ":" after a label, " | " between cells), never lose
   one: `required(raw)` is a subsequence of the text.
2. Every line's `location` names the place its raw text is on: the source line for text
   papers, the paragraph or table row of a Word file, the page of a PDF.
"""
from __future__ import annotations

import re
import string
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govlint.engine.reading.files import read_paper
from govlint.engine.reading.lines import paper_from_text, source_lines
from tests.paper_builder import write_docx_table, write_pdf_pages

# The documented furniture of a text paper, matched on the line without markers.
FURNITURE = re.compile(r"Page \d{1,4}(?: of \d{1,4})?|Agenda Item \d+[a-z]?", re.IGNORECASE)
MARKERS = str.maketrans("", "", "|#*_")
SEPARATOR_CHARS = set("|-: \t")
# No capital P, so no "P" / "age 26" pair and no " Page 4" glued to a sentence: those
# removals have their own tests (test_lines.py); the lower-case "page 4" line is generated.
ALPHABET = string.ascii_lowercase + "BDEKLRS" + string.digits + "   \t|:-.,*#_£()/"


def nonspace(text: str) -> str:
    return "".join(text.split())


def is_subsequence(needle: str, haystack: str) -> bool:
    found = iter(haystack)
    return all(char in found for char in needle)


def removed_whole(raw: str) -> bool:
    """Whether the documented removals take the whole line (furniture, a separator row)."""
    if raw.lstrip().startswith("|") and "-" in raw and SEPARATOR_CHARS.issuperset(raw):
        return True
    return FURNITURE.fullmatch(" ".join(raw.translate(MARKERS).split())) is not None


def required(raw: str) -> str:
    return "" if removed_whole(raw) else nonspace(raw.translate(MARKERS))


# A cell's own text: a border inside a value would make it two cells.
CELL_ALPHABET = ALPHABET.replace("|", "").replace("\t", "")
words_only = st.text(alphabet=string.ascii_letters + string.digits + "/", min_size=1, max_size=10)
lines_of_text = st.lists(st.text(alphabet=ALPHABET, max_size=40), max_size=25)


@settings(max_examples=300, deadline=None)
@given(lines_of_text)
def test_no_character_of_content_is_dropped(lines: list[str]) -> None:
    paper = paper_from_text("t.txt", "\n".join(lines))
    wanted = "".join(required(line.raw) for line in paper.lines)
    got = nonspace("".join(line.text for line in paper.lines))
    assert is_subsequence(wanted, got), (wanted, got)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Key decision", "Name", "Wards affected"]), st.text(alphabet=CELL_ALPHABET, max_size=30)), min_size=1, max_size=8),
       st.sampled_from(["|", "\t"]))
def test_table_rows_read_label_then_value(rows: list[tuple[str, str]], border: str) -> None:
    content = "\n".join(f"| {label} | {value} |" if border == "|" else f"{label}\t{value}" for label, value in rows)
    paper = paper_from_text("t.txt", content)
    for number, (label, value) in enumerate(rows, start=1):
        text = paper.line(number).text
        assert text.startswith(label + ":"), text
        assert is_subsequence(required(value), nonspace(text[len(label) + 1:]))


labels = st.lists(st.sampled_from(["DECISION TAKEN BY", "DECISION NO", "Date", "Ward"]), min_size=2, max_size=3, unique=True)


@settings(max_examples=100, deadline=None)
@given(labels, st.data())
def test_spaced_header_labels_are_followed_by_their_values(names: list[str], data) -> None:
    values = [data.draw(st.lists(words_only, min_size=1, max_size=3).map(" ".join)) for _ in names]
    indent = data.draw(st.integers(0, 8))
    header = " " * indent + "     ".join(f"{name}:" for name in names)
    row = " " * indent + "     ".join(values)
    paper = paper_from_text("t.txt", f"{header}\n\n{row}\n")
    in_order = [line.text for line in paper.lines if line.text]
    assert in_order == [text for name, value in zip(names, values) for text in (f"{name}:", value)]
    source = source_lines(f"{header}\n\n{row}\n")
    assert all(line.raw in source[line.number - 1] for line in paper.lines)


options = st.lists(st.tuples(st.booleans(), st.sampled_from(["☒", "☐", "[x]", "[ ]", "✓"])), min_size=1, max_size=5)


@settings(max_examples=200, deadline=None)
@given(options)
def test_only_ticked_options_are_kept(marks: list[tuple[bool, str]]) -> None:
    # Each option has its own word, so the test can tell which survived.
    words = [f"option{'abcde'[index]}" for index in range(len(marks))]
    boxes = [box for _, box in marks]
    raw = "Criteria: " + "  ".join(f"{box} {word}" for box, word in zip(boxes, words))
    text = paper_from_text("t.txt", raw).line(1).text
    ticked = [word for box, word in zip(boxes, words) if box in ("☒", "[x]", "✓")]
    assert [word for word in words if word in text] == ticked
    assert text.startswith("Criteria:")
    assert paper_from_text("t.txt", raw).line(1).raw == raw


@settings(max_examples=200, deadline=None)
@given(lines_of_text)
def test_text_lines_are_where_their_location_says(lines: list[str]) -> None:
    content = "\n".join(lines)
    source = source_lines(content)
    for line in paper_from_text("t.txt", content).lines:
        # A cell of a row read in columns is part of its source line.
        assert line.raw == source[line.number - 1] or (line.location is not None and line.raw in source[line.number - 1])


words = st.text(alphabet=string.ascii_letters + string.digits, min_size=1, max_size=10)
phrases = st.lists(words, min_size=1, max_size=6).map(" ".join)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(phrases, max_size=4), st.lists(st.tuples(phrases, phrases), min_size=1, max_size=6))
def test_word_lines_are_where_their_location_says(paragraphs: list[str], rows: list[tuple[str, str]]) -> None:
    with TemporaryDirectory() as folder:
        paper = read_paper(write_docx_table(Path(folder) / "p.docx", [list(row) for row in rows], tuple(paragraphs)))
    for line in paper.lines:
        kind, index = re.fullmatch(r"(paragraph|table 1 row) (\d+)", line.location).groups()
        place = paragraphs[int(index) - 1] if kind == "paragraph" else " ".join(rows[int(index) - 1])
        assert is_subsequence(nonspace(line.raw), nonspace(place)), (line, place)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(phrases, min_size=1, max_size=8), min_size=1, max_size=4), st.sampled_from([None, "{page}", "Form W/{page} rev 2"]))
def test_pdf_lines_are_where_their_location_says(pages: list[list[str]], footer: str | None) -> None:
    with TemporaryDirectory() as folder:
        paper = read_paper(write_pdf_pages(Path(folder) / "p.pdf", pages, footer=footer))
    for line in paper.lines:
        page = int(re.fullmatch(r"page (\d+) line \d+(?: column \d+)?", line.location).group(1))
        printed = pages[page - 1] + ([footer.format(page=page)] if footer else [])
        assert " ".join(line.raw.split()) in printed, (line, printed)
