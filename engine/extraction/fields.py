"""Labelled fields and sections in a span of lines.

Forms print a label ("DECISION NO:", "Financial Implications:") and its value on the same
line, on a later line, or not at all. A field runs from its heading to the line before the
next heading of the same layout family, so its value is whatever sits in between. That is
what tells a blank field (heading, nothing under it) from an absent one (no heading):
`state()` reads the difference.

A `Label` is one field's heading in all its spellings. Some headings wrap: "Any interest
declared … granted by the" / "Proper Officer:" — the `tail` pattern (on the same line or the
next non-blank one) is part of the heading, so it is never read as the field's content.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from govlint.engine.reading.lines import Line
from govlint.engine.records.model import Evidence

# "4. Financial Implications", "7.1 Data Protection …": section numbers before a heading.
_NUMBERING = r"(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?"
# A heading ends at a colon, a dash, an asterisk (KCC's "Key decision*") or the line end.
_HEADING_END = r"\s*\*?\s*(?::|\s-\s|$)\s*"
_DOTTED = re.compile(r"^[.\s…_]{5,}$")
_NIL = re.compile(r"^(?:n/?a|none|nil|not\s+applicable|no\s+(?:interests?|alternatives?)(?:\s+\w+){0,3})\.?$", re.IGNORECASE)


@dataclass(frozen=True)
class Label:
    name: str
    pattern: re.Pattern[str]
    # Regex text that every line `pattern` matches starts with (read case-blind): most lines
    # of a paper are no heading, and one test of all the labels' starts rules them out at once.
    start: str
    tail: re.Pattern[str] | None = None


def label(name: str, words: str, tail: str | None = None, numbered: bool = False) -> Label:
    """A heading made of `words` (a regex) at the start of a line, ending as headings end."""
    start = rf"{_NUMBERING if numbered else ''}(?:{words})"
    inline_tail = rf"(?:\s+(?:{tail}))?" if tail else ""
    pattern = re.compile(rf"^{start}{inline_tail}{_HEADING_END}(?P<value>.*)$", re.IGNORECASE)
    tail_pattern = re.compile(rf"^(?:{tail}){_HEADING_END}(?P<value>.*)$", re.IGNORECASE) if tail else None
    return Label(name, pattern, start, tail_pattern)


@lru_cache(maxsize=None)
def _any_start(labels: tuple[Label, ...]) -> re.Pattern[str]:
    """Matches at the start of every line that may be a heading of one of `labels`."""
    return re.compile("|".join(f"(?:{candidate.start})" for candidate in labels), re.IGNORECASE)


@dataclass(frozen=True)
class Field:
    name: str
    heading: tuple[Line, ...]  # the heading line(s), wrapped part included
    inline: str  # text after the heading on its last line
    body: tuple[Line, ...]  # lines after the heading up to the next heading

    @property
    def value_lines(self) -> list[Line]:
        """The lines that carry the value (the heading's last line when the value is inline)."""
        body = [line for line in self.body if line.text and not _DOTTED.match(line.text)]
        return ([self.heading[-1]] if self.inline else []) + body

    @property
    def value(self) -> str:
        parts = [self.inline] + [line.text for line in self.value_lines if line not in self.heading]
        return " ".join(part for part in parts if part).strip()

    def first_value_line(self) -> Line | None:
        lines = self.value_lines
        return lines[0] if lines else None

    def heading_evidence(self) -> Evidence:
        return evidence(self.heading)

    def value_evidence(self) -> Evidence:
        """The heading and the value lines together, or the heading alone for a blank field."""
        lines = self.value_lines
        return evidence(self.heading + tuple(line for line in lines if line not in self.heading))


def evidence(lines: Sequence[Line]) -> Evidence:
    """Evidence over the span of `lines`, quoting their raw text (blank lines left out)."""
    quoted = " ".join(line.raw.strip() for line in lines if line.raw.strip())
    return Evidence(lines[0].number, lines[-1].number, quoted, lines[0].location)


def _heading_at(lines: Sequence[Line], index: int, labels: Sequence[Label]) -> tuple[Label, int, str] | None:
    """The label whose heading starts at `index`, the index of its last line, and the inline value."""
    text = lines[index].text
    for candidate in labels:
        match = candidate.pattern.match(text)
        if not match:
            continue
        if candidate.tail is None or text.rstrip().endswith(":"):
            return candidate, index, match["value"].strip()
        following = next((i for i in range(index + 1, min(index + 4, len(lines))) if lines[i].text), None)
        if following is not None and (tail := candidate.tail.match(lines[following].text)):
            return candidate, following, tail["value"].strip()
        return candidate, index, match["value"].strip()
    return None


def find_fields(lines: Sequence[Line], labels: Sequence[Label]) -> dict[str, Field]:
    """The first field of each label name in `lines`; each runs up to the next heading."""
    headings: list[tuple[Label, int, int, str]] = []
    may_be_heading = _any_start(tuple(labels)).match
    after = 0  # the line after the last heading found: a wrapped heading's tail is no heading
    for index in [i for i, line in enumerate(lines) if line.text and may_be_heading(line.text)]:
        found = _heading_at(lines, index, labels) if index >= after else None
        if found:
            headings.append((found[0], index, found[1], found[2]))
            after = found[1] + 1
    fields: dict[str, Field] = {}
    for position, (found_label, start, last, inline) in enumerate(headings):
        end = headings[position + 1][1] if position + 1 < len(headings) else len(lines)
        if found_label.name not in fields:
            fields[found_label.name] = Field(found_label.name, tuple(lines[start : last + 1]), inline, tuple(lines[last + 1 : end]))
    return fields


def state(field: Field | None, filled: str) -> str:
    """absent (no heading), blank (heading only), none ("N/A", "None") or `filled`."""
    if field is None:
        return "absent"
    if not field.value:
        return "blank"
    if _NIL.match(field.value):
        return "none"
    return filled
