"""A label's compiled pattern, which writes its wordings once, reads every line as the plain
four-form definition of a heading does: the same lines match, with the same value.

The definition below is the one labels were first compiled from (each form spelled out with
all the wordings); it is kept here as the specification the compact pattern must agree with,
on the lines of real papers, on two lines joined as a wrapped heading is, and on lines built
to sit on the boundaries between the forms.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from govlint.engine.common.patterns import any_phrase
from govlint.engine.profiles.labels import HEADING_END, NUMBERING, label
from govlint.engine.profiles.loader import shipped_profiles
from govlint.engine.profiles.model import LABEL_FAMILIES
from govlint.engine.reading.files import read_paper

REPO = Path(__file__).resolve().parents[1]
# Text papers: every line the readers produce from them, read in a few seconds (the PDFs
# take minutes and hold the same kinds of heading).
PAPERS = sorted(
    path
    for folder in (REPO.parent / "shared" / "corpus", REPO / "examples", REPO / "tests" / "fixtures")
    for path in folder.rglob("*")
    if path.suffix in {".txt", ".md"} and path.is_file() and "gold" not in path.parts
)


def specification(phrases: list[str]) -> re.Pattern[str]:
    """The four forms of a heading, each an alternative with all the wordings, the first that
    matches winning; a wording written with a colon is a heading in form 1 only, at its colon."""
    labelled = [phrase[:-1] for phrase in phrases if phrase.endswith(":")]
    phrases = [phrase for phrase in phrases if not phrase.endswith(":")]
    words = any_phrase(phrases)
    numbered = rf"\d{{1,2}}(?:\.\d{{1,2}})*\.?\s+{words}\b[^.:]{{0,60}}$"
    qualified = rf"{words}\b[^.:]{{1,80}}:\s*$"
    several = [phrase for phrase in phrases if len(phrase.split()) >= 2]
    titled = rf"|(?-i:(?=[A-Z])(?=[^a-z\n]*[a-z])){any_phrase(several)}\b[^.:;]{{1,60}}" if several else ""
    return re.compile(
        rf"^(?:{NUMBERING}(?:{words}{HEADING_END}|{any_phrase(labelled)}\s*:\s*)(?P<value>.*)|{numbered}|{NUMBERING}{qualified}{titled})$", re.IGNORECASE
    )


def wordings() -> list[list[str]]:
    """The wordings of every label of every shipped profile, and some that stress the forms:
    wordings that continue others with "?", "*", ":" or a dash, and ones that start with a
    number."""
    found = {
        tuple(profile.label_phrases(family, name))
        for profile in shipped_profiles()
        for family in LABEL_FAMILIES
        for name in LABEL_FAMILIES[family]
        if profile.label_phrases(family, name)
    }
    made = [
        ("key decision", "key decision?", "is key decision?", "is key decision", "decision"),
        ("key decision", "key decision*", "key decision - reasons", "key decision: reasons", "key"),
        ("reasons", "reasons for decision", "reasons - why", "1. reasons", "2 reasons for decision"),
        (".net costs", "net costs", "costs"),
    ]
    return [list(phrases) for phrases in sorted(found) + made]


def read_lines() -> list[str]:
    texts = [line.text for path in PAPERS for line in read_paper(path).lines]
    # A heading that wraps is tried joined to the next line.
    return texts + [f"{a} {b}" for a, b in zip(texts, texts[1:]) if a and b]


def boundary_lines(phrases: list[str]) -> list[str]:
    """Lines on the boundaries between the forms: each wording numbered or not, in capitals or
    not, glued to or spaced from each heading end, value and run-on."""
    lines = []
    for phrase in phrases:
        for shown in (phrase, phrase.upper(), phrase.capitalize(), phrase.title()):
            for number in ("", "4. ", "7.1 ", "12.3. ", "1 2 "):
                for ending in ("", "?", "?No", "? Yes", "?: yes", "*", "*:", ": x", ":", " - yes", " – x:", " and more", " and more:", " More words", "Yes", ". x", "\n", ":\nx", " x" * 40):
                    lines.append(f"{number}{shown}{ending}")
    return lines


def reading(pattern: re.Pattern[str], line: str) -> tuple | None:
    match = pattern.match(line)
    return match and (match["value"], match.start("value"))


@pytest.fixture(scope="module")
def paper_lines() -> list[str]:
    assert PAPERS, "no text papers found under ../shared/corpus, examples or tests/fixtures"
    return read_lines()


@pytest.mark.parametrize("phrases", wordings(), ids=lambda phrases: phrases[0])
def test_label_reads_lines_as_the_specification_does(phrases: list[str], paper_lines: list[str]) -> None:
    compact = label("field", phrases).pattern
    reference = specification(phrases)
    lines = paper_lines + boundary_lines(phrases)
    differing = [line for line in lines if reading(compact, line) != reading(reference, line)]
    assert not differing, [(line, reading(compact, line), reading(reference, line)) for line in differing[:5]]
    assert any(reference.match(line) for line in lines)
