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
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Sequence

from govlint.engine.documents.layout import RULE_LINE
from govlint.engine.profiles.labels import Label, any_start
from govlint.engine.reading.lines import Line
from govlint.engine.records.model import Evidence

@dataclass(frozen=True)
class Field:
    name: str
    heading: tuple[Line, ...]  # the heading line(s), wrapped part included
    inline: str  # text after the heading on its last line
    body: tuple[Line, ...]  # lines after the heading up to the next heading

    @property
    def value_lines(self) -> list[Line]:
        """The lines that carry the value (the heading's last line when the value is inline)."""
        body = [line for line in self.body if line.text and not RULE_LINE.match(line.text)]
        return ([self.heading[-1]] if self.inline else []) + body

    # Read many times over by the readers of a record: kept once made (the dataclass is frozen,
    # and cached_property writes past it to the instance's own dictionary).
    @cached_property
    def value(self) -> str:
        parts = [self.inline] + [line.text for line in self.value_lines if line not in self.heading]
        return " ".join(part for part in parts if part).strip()

    def first_paragraph(self) -> "Field":
        """The field up to the first blank line after its value starts: a form's one-line
        answer ("Wards affected: Eastfield") without the unlabelled section a page may print
        under it ("Summary of Decision" and its text)."""
        started = bool(self.inline)
        for index, line in enumerate(self.body):
            if line.text:
                started = True
            elif started:
                return Field(self.name, self.heading, self.inline, self.body[:index])
        return self

    def first_value_line(self) -> Line | None:
        lines = self.value_lines
        return lines[0] if lines else None

    def heading_evidence(self) -> Evidence:
        return evidence(self.heading)

    def value_evidence(self) -> Evidence:
        """The heading and the value lines together, or the heading alone for a blank field.
        The quote runs over every line of the span it names, page furniture between the value's
        lines included, so that it reads as the paper does there."""
        below = [line for line in self.value_lines if line not in self.heading]
        if not below:
            return evidence(self.heading)
        last = self.body.index(below[-1])
        return evidence(self.heading + self.body[: last + 1])


# A sentence starts at the text's start or after a full stop only: tried from every character of
# a long run before a stop that ends no sentence ("£38.00"), it would rescan the run each time.
# A stop inside a word or number ("5.00 pm", "£1.5m") does not end it: each such stop is
# taken once, so a sentence is still read in one pass.
SENTENCE = re.compile(r"(?:\A|(?<=\.))[^.]*(?:\.(?!\s|$)[^.]*)*(?:\.(?=\s|$)|$)")


def sentences_of(lines: Sequence[Line]) -> list[tuple[str, list[Line]]]:
    """Every sentence of `lines` (joined, blank lines left out) with the lines it is on."""
    lines = [line for line in lines if line.text]
    starts, parts, offset = [], [], 0
    for line in lines:
        starts.append(offset)
        parts.append(line.text)
        offset += len(line.text) + 1
    text = " ".join(parts)
    found = []
    for match in SENTENCE.finditer(text):
        sentence = match.group(0).strip()
        if sentence:
            first = bisect_right(starts, match.start()) - 1
            last = bisect_right(starts, max(match.start(), match.end() - 1)) - 1
            found.append((sentence, lines[max(first, 0) : last + 1] or lines[:1]))
    return found


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
                wrapped = candidate.match(joined)
                if wrapped and wrapped["value"] is not None and wrapped.start("value") > len(text) + 1:
                    return candidate, following, wrapped["value"].strip()
    for candidate in labels:
        match = candidate.match(text)
        if match:
            return candidate, index, (match["value"] or "").strip()
    return None


def find_fields(lines: Sequence[Line], labels: Sequence[Label], reference: re.Pattern[str] | None = None) -> dict[str, Field]:
    """The first field of each label name in `lines`; each runs up to the next heading.

    `reference` (how decision references are printed) places a reference among the values
    of a header whose labels share a line.
    """
    lines = _unshared(lines, labels, reference)
    headings: list[tuple[Label, int, int, str]] = []
    may_be_heading = any_start(tuple(labels)).match
    after = 0  # the line after the last heading found: a wrapped heading's tail is no heading
    for index in [i for i, line in enumerate(lines) if line.text and may_be_heading(line.text)]:
        found = _heading_at(lines, index, labels) if index >= after else None
        if found:
            headings.append((found[0], index, found[1], found[2]))
            after = found[1] + 1
    fields: dict[str, Field] = {}
    for position, (found_label, start, last, inline) in enumerate(headings):
        end = headings[position + 1][1] if position + 1 < len(headings) else len(lines)
        end = next((i for i in range(last + 1, end) if _other_label_ends(lines, i, inline)), end)
        found = Field(found_label.name, tuple(lines[start : last + 1]), inline, tuple(lines[last + 1 : end]))
        # A section heading over its own labelled answers ("7. Conflicts of interest" /
        # "Names of any councillor who declared…: None") is read by the answers.
        if found_label.name not in fields or not fields[found_label.name].value:
            fields[found_label.name] = found
    return fields


def _other_label_ends(lines: Sequence[Line], index: int, inline: str) -> bool:
    """Whether a line labelled with a label the profile does not know ("Lead officer: …",
    "Decision status: …") ends the field above it: forms put one field on each such line.
    Under a section heading, prose may start "Option one: …", so there the line must stand
    apart (after a blank line, which a PDF may not keep) or read as a form's short answer."""
    match = _OTHER_LABEL.match(lines[index].text)
    if not match:
        return False
    answer = lines[index].text[match.end() - 1 :].strip()
    return bool(inline) or not lines[index - 1].text or (len(answer.split()) <= _SHORT_ANSWER_WORDS and not answer.endswith("."))


# A form's answer ("Priya Lendon", "06/11/2025") is a few words, not a sentence.
_SHORT_ANSWER_WORDS = 6
_OTHER_LABEL = re.compile(r"^[A-Z][A-Za-z'’/&-]*(?: [A-Za-z'’/&-]+){0,4}\??:\s+\S")


# Columns of a header row come apart as runs of spaces or a TAB in the raw line.
_COLUMN_GAP = re.compile(r"\t|\s{3,}")


def _label_chain(text: str, labels: Sequence[Label]) -> list[str]:
    """The headings of a line that is only headings ("DECISION TO BE TAKEN BY: DECISION NO:"),
    each with its colon; [] for any other line."""
    chain: list[str] = []
    rest = text
    while rest:
        match = next((m for candidate in labels if (m := candidate.match(rest))), None)
        if match is None or match["value"] is None or not rest[: match.start("value")].rstrip().endswith(":"):
            return []
        chain.append(rest[: match.start("value")].strip())
        rest = match["value"].strip()
    return chain if len(chain) >= 2 else []


def _unshared(lines: Sequence[Line], labels: Sequence[Label], reference: re.Pattern[str] | None) -> Sequence[Line]:
    """`lines` with each header whose labels come together and whose values follow later
    rewritten as one heading line per label with its value under it: labels sharing a line
    ("DECISION TO BE TAKEN BY: DECISION NO:"), or stacked one under another with their values
    below them all, as some extractions print a form's header.

    The rewritten lines keep their source number, raw text and location, so evidence still
    quotes the paper; only the matched `text` is arranged. A value shaped like a reference goes
    to the reference label wherever it stands; the others are taken in order.
    """
    if not any(line.text.endswith(":") or line.text.count(":") >= 2 for line in lines):
        return lines
    may_be_heading = any_start(tuple(labels)).match
    out: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        chain = _label_chain(line.text, labels) if line.text.count(":") >= 2 and may_be_heading(line.text) else []
        if chain:
            pieces, index = _values_below(lines, index + 1, len(chain), labels, may_be_heading)
            out += _assigned([(line, heading) for heading in chain], pieces, labels, reference)
            continue
        # Only a heading with nothing after its colon can open a stack.
        stacked, after = _stacked(lines, index, labels, may_be_heading) if reference is not None and line.text.endswith(":") else ([], index)
        if stacked:
            pieces, end = _values_below(lines, after, len(stacked), labels, may_be_heading)
            if any(reference.fullmatch(text) for _, text in pieces) and all(len(text.split()) <= _SHORT_ANSWER_WORDS for _, text in pieces):
                out += _assigned(stacked, pieces, labels, reference)
                index = end
                continue
        out.append(line)
        index += 1
    return out


_STACK = 4


def _stacked(lines: Sequence[Line], index: int, labels: Sequence[Label], may_be_heading) -> tuple[list[tuple[Line, str]], int]:
    """Label-only lines one under another from `index` (blank lines between), one of them the
    reference's, and the index after them; ([], index) when there are fewer than two."""
    stacked: list[tuple[Line, str]] = []
    at = index
    while at < len(lines) and len(stacked) < _STACK:
        text = lines[at].text
        if not text:
            at += 1
            continue
        found = may_be_heading(text) and next((m for label in labels if (m := label.match(text))), None)
        if not found or found["value"] is None or found["value"].strip() or not text.endswith(":"):
            break
        stacked.append((lines[at], text))
        at += 1
    names = {next(label.name for label in labels if label.match(text)) for _, text in stacked}
    return (stacked, at) if len(stacked) >= 2 and "number" in names else ([], index)


def _values_below(lines: Sequence[Line], index: int, wanted: int, labels, may_be_heading) -> tuple[list[tuple[Line, str]], int]:
    """Up to `wanted` values from the lines at `index` on (cells of a row split at column gaps),
    stopping at the next heading; and the index after them."""
    pieces: list[tuple[Line, str]] = []
    while index < len(lines) and len(pieces) < wanted:
        value_line = lines[index]
        if value_line.text and (may_be_heading(value_line.text) and _heading_at(lines, index, labels)):
            break
        if value_line.text:
            pieces += [(value_line, " ".join(cell.split())) for cell in _COLUMN_GAP.split(value_line.raw) if cell.strip()]
        index += 1
    return pieces, index


def _split_reference(piece: tuple[Line, str], reference: re.Pattern[str]) -> list[tuple[Line, str]]:
    """A value piece holding a reference beside another value ("Cabinet 24/00109", columns
    printed one space apart) as the two values."""
    line, text = piece
    match = reference.search(text)
    if match is None or match.group(0) == text:
        return [piece]
    rest = " ".join(f"{text[: match.start()]} {text[match.end() :]}".split())
    return [(line, rest), (line, match.group(0))] if rest else [(line, match.group(0))]


def _assigned(headers: list[tuple[Line, str]], pieces: list[tuple[Line, str]], labels, reference) -> list[Line]:
    """Each heading (its line and text) followed by its value: a reference-shaped value to the
    reference label, the others in order."""
    slots: dict[int, tuple[Line, str]] = {}
    if reference is not None:
        numbered = [n for n, (_, heading) in enumerate(headers) if next((c for c in labels if c.match(heading)), None).name == "number"]
        pieces = [part for piece in pieces for part in _split_reference(piece, reference)]
        shaped = [piece for piece in pieces if reference.fullmatch(piece[1])]
        if numbered and shaped:
            slots[numbered[0]] = shaped[0]
            pieces = [piece for piece in pieces if piece is not shaped[0]]
    rest = iter(pieces)
    out = []
    for n, (header, heading) in enumerate(headers):
        value = slots.get(n) or next(rest, None)
        out.append(Line(header.number, header.raw, heading, header.location))
        if value is not None:
            out.append(Line(value[0].number, value[0].raw, value[1], value[0].location))
    return out


_PARAGRAPH_NUMBER = re.compile(r"^\d{1,2}\.\d{1,2}\.?\s+")


def state(field: Field | None, filled: str, nil: re.Pattern[str]) -> str:
    """absent (no heading), blank (heading only), none (a `nil` answer: "N/A", "None") or `filled`."""
    if field is None:
        return "absent"
    if not field.value:
        return "blank"
    # A numbered report's answer carries its paragraph number: "10.1 None."
    if nil.search(_PARAGRAPH_NUMBER.sub("", field.value, count=1)):
        return "none"
    # A field of labelled answers ("Declared by the decision maker: None", "Dispensation
    # granted: Not applicable") says none when every answer does.
    answers = [line.text.rsplit(":", 1)[-1].strip() for line in field.value_lines if line.text]
    if field.inline and not field.body:
        answers = [field.inline]
    if answers and all(":" in line.text for line in field.value_lines if line.text) and all(nil.search(a) for a in answers):
        return "none"
    return filled
