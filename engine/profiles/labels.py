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

from govlint.engine.common.patterns import any_phrase, wordings
from govlint.engine.profiles.model import LABEL_FAMILIES, Profile

# "4. Financial Implications", "7.1 Data Protection …": section numbers before a heading.
SECTION_NUMBER = r"\d{1,2}(?:\.\d{1,2})*\.?\s+"
NUMBERING = rf"(?:{SECTION_NUMBER})?"
# A heading ends at a colon, a dash, a question mark ("Key decision? Yes"), an asterisk (KCC's
# "Key decision*") or the line end.
HEADING_END = r"\s*(?:\?\s*:?|\*?\s*(?::|\s[-–—]\s|$))\s*"
# What, at some place in a wording, would let the wording's start before it end a heading.
_CONTINUED = re.compile(r"\s?[?*:]|\s[-–—]")


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
    number), ending as headings end; the value is what follows on the line.

    A line is a heading in one of four forms: (1) the wording then a heading end and the
    value; (2) after a section number, a heading that runs on past the wording ("4. Options
    considered and dismissed, and associated risk"), with no value of its own; (3) a heading
    that ends in a colon with nothing after it ("Conflicts of interest declared by any
    Executive member and dispensations granted:"); (4) an unnumbered line opening with a
    multi-word wording, starting with a capital and not all in capitals ("Options considered
    and dismissed, and associated risk", where an extraction dropped the number; a line all in
    capitals is a document's own heading, "EXECUTIVE MEMBER DECISION RECORD"). Form 1 wins
    over the others whichever wording it follows, as its value is the field's.

    The wordings are written once, followed by the four endings, each tried only where its
    form allows (a section number taken, the line's case, a multi-word wording): compiling a
    long case-blind alternation is most of what a label costs, and a paper compiles a dozen.
    Written so, the endings of one wording are tried before the next wording, so a line where
    a longer wording takes ending 2-4 and a shorter one ending 1 ("Key decision?No" with "key
    decision?" and "key decision") would lose its value: the few shorter wordings that can
    be read so (one that another wording continues with "?", "*", ":" or a dash) are tried
    with ending 1 first, and if one holds, only ending 1 is.

    A wording written with a colon ("cabinet member:") is a heading in form 1 only, ending at
    the colon: words that also open a line of prose or a signature block ("Cabinet Member for
    Highways and Transport") name the field only as a label.
    """
    labelled_only = wordings(phrase.rstrip()[:-1] for phrase in phrases if phrase.rstrip().endswith(":"))
    ordered = wordings(phrase for phrase in phrases if not phrase.rstrip().endswith(":"))
    # Two wordings that match at one place of a line are one the prefix of the other, and the
    # longer is tried first: so all the multi-word wordings may go before the single words.
    several = [phrase for phrase in ordered if " " in phrase]
    single = [phrase for phrase in ordered if " " not in phrase]
    words = "|".join(
        ([f"(?P<several>{any_phrase(several)})"] if several else [])
        + ([any_phrase(single)] if single else [])
        + ([f"(?P<colon>{any_phrase(labelled_only)})"] if labelled_only else [])
    ) or "(?!)"
    # Wordings a section number may run into ("1.2 …") leave the number's extent open, and
    # then any wording may be read with ending 1 after another reading with another ending.
    if any(phrase[0].isdigit() or phrase[0] == "." for phrase in ordered):
        first = ordered
    else:
        # Found by length alone (every wording as long as the start of another that goes on
        # so), which may take in a few more than needed: trying one more first changes nothing.
        shadowed = {i for phrase in ordered for i in range(1, len(phrase)) if _CONTINUED.match(phrase, i)}
        first = [phrase for phrase in ordered if len(phrase) in shadowed]
    others = r"(?(number)\b[^.:]{0,60}$|(?!))|\b[^.:]{1,80}:\s*$"
    if several:
        others += r"|(?(titled)(?(several)\b[^.:;]{1,60}|(?!))|(?!))"
    guard = ""
    if first:
        guard = rf"(?P<first>(?={NUMBERING}{any_phrase(first)}{HEADING_END}.*$))?"
        others = rf"(?(first)(?!)|(?:{others}))"
    opening = rf"(?:(?P<number>{SECTION_NUMBER})|(?P<titled>(?-i:(?=[A-Z])(?=[^a-z\n]*[a-z]))))?"
    if labelled_only:
        ending = rf"(?(colon)\s*:\s*|{HEADING_END})(?P<value>.*)|(?(colon)(?!)|(?:{others}))"
    else:
        ending = rf"{HEADING_END}(?P<value>.*)|{others}"
    pattern = rf"^{guard}{opening}(?:{words})(?:{ending})$"
    first_words = any_phrase({phrase.split()[0] for phrase in (*ordered, *labelled_only) if phrase.split()})
    return Label(name, pattern, rf"{NUMBERING}{first_words}")


@lru_cache(maxsize=None)
def profile_labels(profile: Profile, family: str) -> tuple[Label, ...]:
    """The profile's labels of one family of form, in the order of the profile model, then any
    other numbered section heading (which closes the field before it).

    The profile's own are kept with it (Profile.kept), and so in the cache of loaded profiles,
    which makes them all: writing their text is a few milliseconds of every run. SECTION is
    not, as the readers know it by its identity."""
    labels = profile.kept(
        ("labels", family),
        lambda: tuple(label(name, profile.label_phrases(family, name)) for name in LABEL_FAMILIES[family] if profile.label_phrases(family, name)),
    )
    return labels + (SECTION,)


@lru_cache(maxsize=None)
def any_start(labels: tuple[Label, ...]) -> re.Pattern[str]:
    """Matches at the start of every line that may be a heading of one of `labels`."""
    return re.compile("|".join(f"(?:{candidate.start})" for candidate in labels), re.IGNORECASE)


# What may follow a record's heading on its line: who took the decisions and when ("RECORD OF
# DECISIONS TAKEN BY THE CABINET ON WEDNESDAY 4 MARCH 2026", "Record of decisions of the
# Executive"), never a sentence's full stop.
HEADING_QUALIFIER = r"(?:\s+(?:(?:taken|made|agreed)\s+(?:by|at)|of|by)\s+[^.]{1,100})?"


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
        return re.compile(rf"(?:^|(?<=[\s:–—-])){any_phrase(profile.heading_phrases(kind))}{HEADING_QUALIFIER}$", re.IGNORECASE)

    return RecordHeadings(ending("proposed_record_of_decision"), ending("record_of_decision"))

