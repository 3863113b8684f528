"""Page furniture of printed papers: running headers and footers, and page numbers.

A PDF reader knows where each page starts and ends, so furniture is found by where it sits,
not by what a council prints (a reader profile can add its own patterns, `extra_furniture`):

- a bare page number as the first or last line of a page ("2", "- 2 -", "Page 2 of 9");
  a bare number is a page number only where its value steps with the pages: the difference
  between the number and the page's index must be the one most such lines share (a pack
  numbers its papers' pages from each paper's first page), so the pence of an amount or a
  year at the foot of one page stays content;
- a short line at the foot of a page that ends with the page's number,
  "01/decision/glossaries/FormC 2", "Executive Summary 1" (at the head of a page such a line
  is as likely a heading, "Appendix 2", and one that starts with the number is a numbered
  heading, "2 | Recommendations");
- a line at a page edge that recurs on at least half the pages (and on two or more) with
  only its digits changing, "Report of 12 March 2025 - page 4 of 9". A recurring line with no
  digit is left alone: "Not Applicable" at the head of every page of a form is content.

Furniture lines keep their place with empty text (see lines.Paper).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Pattern

# How far into a page from its top and from its bottom furniture is looked for.
_EDGE = 2
_FOOTER_WORDS = 6
_REPEATED_CHARS = 160
_PAGE_NUMBER = re.compile(r"[-–(\[]? ?(?:Page )?(\d{1,4})(?: of \d{1,4})? ?[-–)\]]?", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")


def extra_furniture(text: str, patterns: Iterable[Pattern[str]]) -> bool:
    """Whether a caller's pattern (a reader profile's page furniture) matches the whole of `text`."""
    return any(pattern.fullmatch(text) for pattern in patterns)


def page_furniture(pages: list[list[str]]) -> set[tuple[int, int]]:
    """(page index, line index) of the furniture lines of `pages`, each a page's cleaned texts."""
    edges = [_edge_indexes(texts) for texts in pages]
    numbers = {
        (page, index): int(match.group(1))
        for page, texts in enumerate(pages)
        for index in edges[page]
        if (match := _PAGE_NUMBER.fullmatch(texts[index]))
    }
    offsets = Counter(number - page for (page, _), number in numbers.items())
    # Printed numbers count from 1 on the first page, or from the page after a cover.
    usual = {0, 1}
    if offsets:
        (offset, count), = offsets.most_common(1)
        if count >= 2:
            usual = {offset}
    found = {place for place, number in numbers.items() if number - place[0] in usual}
    for page, texts in enumerate(pages):
        for index in _foot_indexes(texts):
            if (page, index) not in found and _numbered_edge(texts[index], {page + offset for offset in usual}):
                found.add((page, index))
    return found | _repeated(pages, edges)


def _edge_indexes(texts: list[str]) -> list[int]:
    """Indexes of the first and last `_EDGE` lines of a page that have text."""
    filled = [index for index, text in enumerate(texts) if text]
    return sorted(set(filled[:_EDGE] + filled[-_EDGE:]))


def _foot_indexes(texts: list[str]) -> list[int]:
    """Indexes of the last `_EDGE` lines of a page that have text."""
    return [index for index, text in enumerate(texts) if text][-_EDGE:]


def _numbered_edge(text: str, page_numbers: set[int]) -> bool:
    if text.count(" ") >= _FOOTER_WORDS or text.endswith("."):
        return False
    head, _, number = text.rpartition(" ")
    return bool(head) and _is_number(number) and int(number) in page_numbers


def _is_number(word: str) -> bool:
    return len(word) <= 4 and word.isascii() and word.isdigit()


def _repeated(pages: list[list[str]], edges: list[list[int]]) -> set[tuple[int, int]]:
    shapes: dict[str, set[int]] = {}
    places: dict[str, list[tuple[int, int]]] = {}
    for page, texts in enumerate(pages):
        for index in edges[page]:
            text = texts[index]
            if len(text) <= _REPEATED_CHARS and any(char.isdigit() for char in text):
                shape = _DIGITS.sub("#", text)
                shapes.setdefault(shape, set()).add(page)
                places.setdefault(shape, []).append((page, index))
    return {
        place
        for shape, on in shapes.items()
        if len(on) >= 2 and 2 * len(on) >= len(pages)
        for place in places[shape]
    }
