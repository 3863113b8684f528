"""Field labels as a reader profile words them, compiled: one pattern per field of a form.

A label is a heading at the start of a line, after any section number ("4. Financial
Implications"), ending at a colon, a dash, a question mark or asterisk ("Is Key decision?:",
KCC's "Key decision*") or the line end; what follows on the line is the field's value. A
numbered section heading may run on past the wording with no value of its own. Shared by the
document splitter (which recognises forms by their labels) and the field readers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Sequence

from govlint.engine.common.patterns import any_phrase
from govlint.engine.profiles.model import LABEL_FAMILIES, Profile

# "4. Financial Implications", "7.1 Data Protection …": section numbers before a heading.
NUMBERING = r"(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?"
# A heading ends at a colon, a dash, a question mark ("Key decision? Yes"), an asterisk (KCC's
# "Key decision*") or the line end.
HEADING_END = r"\s*(?:\?\s*:?|\*?\s*(?::|\s[-–—]\s|$))\s*"


# Compared and hashed by identity: a profile's labels are made once, and caches keyed by them
# must not rehash their patterns on every line.
@dataclass(frozen=True, eq=False)
class Label:
    name: str
    # The regex text of `pattern`. A profile has some fifty labels, long alternations of their
    # wordings that take most of a one-paper run to compile, while a paper shows a few of
    # them: each is compiled when a line is first tried against it.
    text: str
    # Regex text that every line `pattern` matches starts with (read case-blind): most lines
    # of a paper are no heading, and one test of all the labels' starts rules them out at once.
    start: str
    flags: int = re.IGNORECASE

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.text, self.flags)

    @cached_property
    def _start(self) -> re.Pattern[str]:
        return re.compile(self.start, re.IGNORECASE)

    def match(self, text: str) -> re.Match[str] | None:
        """`pattern.match(text)`, the start tried first: a line tried against the labels in
        turn then compiles only those it may be."""
        return self.pattern.match(text) if self._start.match(text) else None


# Any numbered heading ("1. Introduction", "3. REASONS") closes the section before it, whether
# or not it is one of the profile's labels.
SECTION = Label("section", r"^\d{1,2}\.\s+[A-Z][A-Za-z ()&'’,/-]{2,60}(?P<value>)$", r"\d{1,2}\.\s+[A-Z]", 0)


def label(name: str, phrases: Sequence[str]) -> Label:
    """A heading worded as any of `phrases`, at the start of a line (after any section
    number), ending as headings end; the value is what follows on the line."""
    words = any_phrase(phrases)
    # A numbered section heading may go on past the wording ("4. Options considered and
    # dismissed, and associated risk"): it is a heading line with no value of its own.
    numbered = rf"\d{{1,2}}(?:\.\d{{1,2}})*\.?\s+{words}\b[^.:]{{0,60}}$"
    # So may a heading that ends in a colon with nothing after it ("Conflicts of interest
    # declared by any Executive member and dispensations granted:").
    qualified = rf"{words}\b[^.:]{{1,80}}:\s*$"
    # And an unnumbered heading line in capitals that a multi-word wording opens ("Options
    # considered and dismissed, and associated risk", where an extraction dropped the number).
    several = [phrase for phrase in phrases if len(phrase.split()) >= 2]
    # A line all in capitals is a document's own heading ("EXECUTIVE MEMBER DECISION RECORD").
    titled = rf"|(?-i:(?=[A-Z])(?=[^a-z\n]*[a-z])){any_phrase(several)}\b[^.:;]{{1,60}}" if several else ""
    pattern = rf"^(?:{NUMBERING}{words}{HEADING_END}(?P<value>.*)|{numbered}|{NUMBERING}{qualified}{titled})$"
    first_words = any_phrase({phrase.split()[0] for phrase in phrases if phrase.split()})
    return Label(name, pattern, rf"{NUMBERING}{first_words}")


@lru_cache(maxsize=None)
def profile_labels(profile: Profile, family: str) -> tuple[Label, ...]:
    """The profile's labels of one family of form, in the order of the profile model, then any
    other numbered section heading (which closes the field before it)."""
    labels = tuple(
        label(name, profile.label_phrases(family, name)) for name in LABEL_FAMILIES[family] if profile.label_phrases(family, name)
    )
    return labels + (SECTION,)


@lru_cache(maxsize=None)
def any_start(labels: tuple[Label, ...]) -> re.Pattern[str]:
    """Matches at the start of every line that may be a heading of one of `labels`."""
    return re.compile("|".join(f"(?:{candidate.start})" for candidate in labels), re.IGNORECASE)


@dataclass(frozen=True, eq=False)
class RecordHeadings:
    """The headings that open a proposed record and a record of a decision taken, each at the
    end of its line (a sentence that mentions a record is no heading)."""

    proposed: re.Pattern[str]
    taken: re.Pattern[str]

    def search(self, text: str) -> re.Match | None:
        return self.proposed.search(text) or self.taken.search(text)


@lru_cache(maxsize=None)
def record_headings(profile: Profile) -> RecordHeadings:
    def ending(kind: str) -> re.Pattern[str]:
        return re.compile(rf"(?:^|(?<=[\s:–—-])){any_phrase(profile.heading_phrases(kind))}$", re.IGNORECASE)

    return RecordHeadings(ending("proposed_record_of_decision"), ending("record_of_decision"))

