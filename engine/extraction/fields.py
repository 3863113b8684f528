"""Labelled fields and sections in a span of lines.

Forms print a label ("DECISION NO:", "Financial Implications:") and its value on the same
line, on a later line, or not at all. A field runs from its heading to the line before the
next heading of the same layout family, so its value is whatever sits in between. That is
what tells a blank field (heading, nothing under it) from an absent one (no heading):
`state()` reads the difference.

A `Label` is one field's heading in all the wordings a reader profile gives for it. Long
headings wrap: "Any interest declared … granted by the" / "Proper Officer:" is one heading over
two lines, never a heading and its content.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from govlint.engine.common.patterns import any_phrase
from govlint.engine.documents.layout import DOTTED_LINE
from govlint.engine.profiles.model import LABEL_FAMILIES, Profile
from govlint.engine.reading.lines import Line
from govlint.engine.records.model import Evidence

# "4. Financial Implications", "7.1 Data Protection …": section numbers before a heading.
_NUMBERING = r"(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?"
# A heading ends at a colon, a dash, an asterisk (KCC's "Key decision*") or the line end.
_HEADING_END = r"\s*[?*]?\s*(?::|\s[-–—]\s|$)\s*"


@dataclass(frozen=True)
class Label:
    name: str
    pattern: re.Pattern[str]
    # Regex text that every line `pattern` matches starts with (read case-blind): most lines
    # of a paper are no heading, and one test of all the labels' starts rules them out at once.
    start: str


# Any numbered heading ("1. Introduction", "3. REASONS") closes the section before it, whether
# or not it is one of the profile's labels.
SECTION = Label("section", re.compile(r"^\d{1,2}\.\s+[A-Z][A-Za-z ()&'’,/-]{2,60}(?P<value>)$"), r"\d{1,2}\.\s+[A-Z]")


def label(name: str, phrases: Sequence[str]) -> Label:
    """A heading worded as any of `phrases`, at the start of a line (after any section
    number), ending as headings end; the value is what follows on the line."""
    words = any_phrase(phrases)
    pattern = re.compile(rf"^{_NUMBERING}{words}{_HEADING_END}(?P<value>.*)$", re.IGNORECASE)
    first_words = any_phrase({phrase.split()[0] for phrase in phrases if phrase.split()})
    return Label(name, pattern, rf"{_NUMBERING}{first_words}")


@lru_cache(maxsize=None)
def profile_labels(profile: Profile, family: str, with_sections: bool = False) -> tuple[Label, ...]:
    """The profile's labels of one family of form, in the order of the profile model."""
    labels = tuple(
        label(name, profile.label_phrases(family, name)) for name in LABEL_FAMILIES[family] if profile.label_phrases(family, name)
    )
    return labels + ((SECTION,) if with_sections else ())


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
        body = [line for line in self.body if line.text and not DOTTED_LINE.match(line.text)]
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
    """The label whose heading starts at `index`, the index of its last line, and the inline value.

    A long heading may wrap ("Any interest declared … granted by the" / "Proper Officer:"): a
    line with no colon of its own is tried joined to the next one, and wins when the heading
    reaches into that line.
    """
    text = lines[index].text
    if ":" not in text and len(text.split()) >= 3:
        following = next((i for i in range(index + 1, min(index + 4, len(lines))) if lines[i].text), None)
        if following is not None:
            joined = f"{text} {lines[following].text}"
            for candidate in labels:
                wrapped = candidate.pattern.match(joined)
                if wrapped and wrapped.start("value") > len(text) + 1:
                    return candidate, following, wrapped["value"].strip()
    for candidate in labels:
        match = candidate.pattern.match(text)
        if match:
            return candidate, index, match["value"].strip()
    return None


def find_fields(lines: Sequence[Line], labels: Sequence[Label], reference: re.Pattern[str] | None = None) -> dict[str, Field]:
    """The first field of each label name in `lines`; each runs up to the next heading.

    `reference` (how decision references are printed) places a reference among the values
    of a header whose labels share a line.
    """
    lines = _unshared(lines, labels, reference)
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


# Columns of a header row come apart as runs of spaces or a TAB in the raw line.
_COLUMN_GAP = re.compile(r"\t|\s{3,}")
_HEADER_VALUE_LINES = 4


def _label_chain(text: str, labels: Sequence[Label]) -> list[str]:
    """The headings of a line that is only headings ("DECISION TO BE TAKEN BY: DECISION NO:"),
    each with its colon; [] for any other line."""
    chain: list[str] = []
    rest = text
    while rest:
        match = next((m for candidate in labels if (m := candidate.pattern.match(rest))), None)
        if match is None or not rest[: match.start("value")].rstrip().endswith(":"):
            return []
        chain.append(rest[: match.start("value")].strip())
        rest = match["value"].strip()
    return chain if len(chain) >= 2 else []


def _unshared(lines: Sequence[Line], labels: Sequence[Label], reference: re.Pattern[str] | None) -> Sequence[Line]:
    """`lines` with each header whose labels share a line, and whose values follow on later
    lines, rewritten as one heading line per label with its value under it.

    The rewritten lines keep their source number, raw text and location, so evidence still
    quotes the paper; only the matched `text` is arranged. A value shaped like a reference goes
    to the reference label wherever it stands; the others are taken in order.
    """
    if not any(line.text.count(":") >= 2 for line in lines):
        return lines
    may_be_heading = _any_start(tuple(labels)).match
    out: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        chain = _label_chain(line.text, labels) if line.text.count(":") >= 2 and may_be_heading(line.text) else []
        if not chain:
            out.append(line)
            index += 1
            continue
        pieces: list[tuple[Line, str]] = []
        index += 1
        while index < len(lines) and len(pieces) < len(chain):
            value_line = lines[index]
            if value_line.text and (may_be_heading(value_line.text) and _heading_at(lines, index, labels)):
                break
            if value_line.text:
                pieces += [(value_line, " ".join(cell.split())) for cell in _COLUMN_GAP.split(value_line.raw) if cell.strip()]
            index += 1
        out += _assigned(line, chain, pieces, labels, reference)
    return out


def _assigned(header: Line, chain: list[str], pieces: list[tuple[Line, str]], labels, reference) -> list[Line]:
    slots: dict[int, tuple[Line, str]] = {}
    if reference is not None:
        numbered = [n for n, heading in enumerate(chain) if next((c for c in labels if c.pattern.match(heading)), None).name == "number"]
        shaped = [piece for piece in pieces if reference.fullmatch(piece[1])]
        if numbered and shaped:
            slots[numbered[0]] = shaped[0]
            pieces = [piece for piece in pieces if piece is not shaped[0]]
    rest = iter(pieces)
    out = []
    for n, heading in enumerate(chain):
        value = slots.get(n) or next(rest, None)
        out.append(Line(header.number, header.raw, heading, header.location))
        if value is not None:
            out.append(Line(value[0].number, value[0].raw, value[1], value[0].location))
    return out


def state(field: Field | None, filled: str, nil: re.Pattern[str]) -> str:
    """absent (no heading), blank (heading only), none (a `nil` answer: "N/A", "None") or `filled`."""
    if field is None:
        return "absent"
    if not field.value:
        return "blank"
    if nil.search(field.value):
        return "none"
    return filled
