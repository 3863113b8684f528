"""Meetings read from minutes: committee, date, who was present, declarations, decisions.

One `Meeting` per document of kind "minutes". The layout family is the modern.gov minute
book that KCC and many other councils print:

    MINUTES of a meeting of the <committee> held at <place> on <weekday>, <date>.
    PRESENT: <name> (Chairman), <name>, … and <name>
    ALSO PRESENT: … / IN ATTENDANCE: … / OFFICERS: …
    221. Declarations of Interest by Members in items on the agenda
    (Item. 3)
    (1) Mr Burden declared an interest in relation to item 6 on the agenda, as he was …
    224. 20/00098 - Community Based Wellbeing Services Procurement Restart
    (Item. 6)
    (2) RESOLVED that the decision proposed to be taken by the Cabinet Member … be endorsed.

Each minute is the block from its numbered heading to the next one; its agenda item is the
"(Item. N)" marker under the heading. Minutes that print no such markers are cut at numbered
headings instead, and the heading number stands for the agenda item (those councils number
minutes as their agenda items).

Declarations are sentences naming a member (with a title such as Mr/Mrs/Cllr, or a bare
forename and surname) followed by "declared …" anywhere in the minutes, or by "noted /
advised / stated … that …" inside a minute headed "Declarations …". `item` is the agenda
item the sentence names ("item 6", "this item" meaning the minute it sits in), else None;
`nature` is the reason clause ("as he was the Director of …"), or for the "noted that" form
the whole clause. `decision_no` is the decision number printed in the heading of the minute
for that agenda item.

A declaration's `category` (disclosable pecuniary, other significant, other, not stated), whether
the member `withdrew` (left the room: true; stayed, took part or is listed in a vote: false) and
any `dispensation` are read from its sentence and those after it up to the next declaration,
then, for withdrawal, from the minute of the item it names ("(Councillor Tindall had left the
room.)", a recorded vote listing the member), in the reader profile's wording.

A decision considered keeps the Schedule 12A paragraphs cited by a motion to exclude the press
and public minuted under its item (`exempt_paragraphs`).

`decisions_considered` lists every decision number ("YY/NNNNN") printed in a minute, in
order, once each. `resolved` is read from the minute's RESOLVED sentences, from a small
vocabulary, strongest outcome first when a minute resolves several things:

    endorse    the committee endorsed the proposed decision
    recommend  the committee made a recommendation to the decision maker
    agree      recommendations agreed / approved without saying "endorse"
    note       the report or decision was noted
    other      a RESOLVED sentence that says none of these
    none       the minute records no resolution at all

Evidence: `meeting.evidence` has a key for each field set (committee, date, lines, present,
declarations, decisions_considered) and one per list entry, keyed "declarations[i]" and
"decisions_considered[i]" with i the entry's index in its list.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from govlint.engine.extraction.dates import find_dates
from govlint.engine.extraction.fields import SENTENCE
from govlint.engine.extraction.procedure import schedule_12a_paragraphs
from govlint.engine.profiles.loader import DEFAULT_PROFILE, named_profile
from govlint.engine.profiles.model import Profile
from govlint.engine.reading.lines import Line, Paper
from govlint.engine.records.model import DecisionConsidered, Declaration, Document, Evidence, Meeting

_MINUTES_HEADING = re.compile(
    r"\bminutes\s+of\s+(?:an?\s+|the\s+)?(?:[a-z]+\s+)?meeting\s+of\s+(?:the\s+)?"
    r"(?P<committee>.+?)(?=\s+held\b|\s+on\s+[A-Z][a-z]+day\b|,|\.\s|\.?$)",
    re.IGNORECASE,
)
_MEETING_HELD = re.compile(r"\bminutes\s+of\s+(?:an?\s+|the\s+)?(?:[a-z]+\s+)?meeting\s+held\b", re.IGNORECASE)
# How far above such a heading the body's title line may stand, and what it looks like: a few
# words of a name, no figures, not the council's own name.
_TITLE_REACH = 4
_BODY_TITLE = re.compile(r"^[A-Z][A-Za-z&'’,-]*(?: [A-Za-z&'’,-]+){0,7}$")
_COUNCIL_NAME = re.compile(r"\w\s+(?:borough|district|county|city|town|parish)\s+council$|^london\s+borough\s+of\b", re.IGNORECASE)
_PRESENT_LABEL = re.compile(r"^(?:members\s+)?present\s*:\s*", re.IGNORECASE)
# Any other attendance label ("ALSO PRESENT:", "IN ATTENDANCE:", "OFFICERS:", "APOLOGIES:")
# ends the PRESENT list; a name never has a colon after a few words.
_LABEL = re.compile(r"^[A-Za-z][A-Za-z ]{1,40}:")
# Each whitespace run is tried from its start only ((?<!\s)): tried from every space of a long
# run, \s* and \s+ would rescan the rest of it each time (quadratic in the run).
_PARENTHESIS = re.compile(r"(?<!\s)\s*\([^()]*\)")
_NAME_SEPARATOR = re.compile(r",\s*|(?<!\s)\s+and\s+")
# Post-nominals ("MBE", "OBE", "JP") are the only all-capital parts of a members list.
_HONOUR = re.compile(r"^[A-Z]{2,4}$")
# "Councillors Rao, Patel and Begum": one plural title that belongs to every name.
_PLURAL_TITLE = re.compile(r"^(?P<title>Councillor|Cllr)s\.?\s+", re.IGNORECASE)

_ITEM_MARKER = re.compile(r"^\(\s*Item\.?\s*(?P<item>\d{1,3}[a-z]?)\s*\)$", re.IGNORECASE)
# "224. 20/00098 - …", or a number and a title in capitals with no stop ("44 SALTINGS INDUSTRIAL
# ESTATE - …", as district minute books print them).
_MINUTE_HEADING = re.compile(r"^(?P<number>\d{1,4})(?:\.\s+(?P<title>[A-Z0-9].*)|\s+(?=[A-Z]{2})(?P<capitals>[A-Z]{2,}\b.*))$")
# A numbered heading sits at most this many non-blank lines above its item marker (titles wrap).
_TITLE_LINES = 3

_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Sir|Dame|Lord|Lady|Rev|Revd)\.?"
_NAME_WORD = r"[A-Z][\w'’-]*\.?"
_MEMBER = (
    rf"(?P<member>{_TITLE}(?:\s+{_NAME_WORD}){{0,3}}\s+[A-Z][\w'’-]+"
    rf"|(?!(?:The|This|That|It|All|No|Each|Members?)\b)[A-Z][a-z]+\s+[A-Z][\w'’-]+)"
)
# A sentence ends at a full stop followed by a space: "section 3.2" and "£1.5m" do not end one.
_SENTENCE_REST = r"(?P<body>.+?)(?:\.(?=\s|$)|$)"
_DECLARED = re.compile(rf"{_MEMBER}\s+declared\s+{_SENTENCE_REST}")
# "Mrs Chandler and Mr Rayner declared …": the member named before "and" declared it too.
_JOINT_MEMBER = re.compile(rf"{_MEMBER},?\s+and\s+$")
_JOINT_WINDOW = 80
# "Members who were district or borough councillors declared an interest": one declaration
# on behalf of everyone it describes.
_COLLECTIVE = re.compile(rf"(?P<member>\b(?:All\s+)?Members\s+who\s+(?:were|are)\s+[^.]{{3,80}}?)\s+declared\s+{_SENTENCE_REST}")
_STATED = re.compile(
    rf"{_MEMBER}\s+(?:noted|advised|stated|said|explained|reported|informed the \w+)\s+(?:that\s+)?{_SENTENCE_REST}"
)
# "Cllr L. Grant - Item 7 - other registrable interest: …": a declarations minute's list.
_LISTED = re.compile(rf"{_MEMBER}\s*[-–—:]\s*{_SENTENCE_REST}")
_DECLARATIONS_TITLE = re.compile(r"\bdeclarations?\b", re.IGNORECASE)
# "item 6", "agenda item no. 6", or the minute the item is minuted under ("in Minute 44").
_ITEM_REFERENCE = re.compile(r"\b(?:agenda\s+)?(?:(?P<minute>minutes?)|items?)\s*(?:no\.?\s*)?(?P<item>\d{1,4}[a-z]?)\b", re.IGNORECASE)
# How far after a declaration its withdrawal or dispensation may be minuted, when no other
# declaration follows it.
_CONTEXT = 600
# "Mr X noted that there were no declarations": a nil return, not an interest.
_NIL = re.compile(r"(?:there\s+(?:were|was)\s+)?no\b", re.IGNORECASE)
_THIS_ITEM = re.compile(r"\bth(?:is|at)\s+item\b", re.IGNORECASE)
_REASON = re.compile(r"(?:^|,\s*|\s)(?:as|because|since|being|given that|in that)\s+(?P<nature>.+)$", re.IGNORECASE)
# Whether the member withdrew is minuted after the reason; it is not part of the interest.
_WITHDRAWAL = re.compile(
    r",?(?<!\s)\s+and\s+(?:left|withdrew|took no part|did not take part|remained)\b.*$", re.IGNORECASE
)

_RESOLVED = re.compile(rf"\b(?:RESOLVED|Resolved(?=\s*(?:that\b|:|,)))\s*:?\s*{_SENTENCE_REST}")
# Strongest first: a minute that notes a report and endorses a decision endorsed it.
_OUTCOMES = (
    ("endorse", re.compile(r"\bendors(?:e|ed|es|ing)\b", re.IGNORECASE)),
    ("recommend", re.compile(r"\brecommend(?:s|ed)?\b(?!ation)", re.IGNORECASE)),
    ("agree", re.compile(r"\b(?:agree|agreed|approve|approved)\b", re.IGNORECASE)),
    ("note", re.compile(r"\bnoted?\b", re.IGNORECASE)),
)


@dataclass(frozen=True)
class _Passage:
    """The cleaned text of some lines joined by spaces, remembering each character's line."""

    text: str
    offsets: tuple[int, ...]  # where each joined line starts in `text`
    numbers: tuple[int, ...]  # its line number in the paper

    def evidence(self, start: int, end: int) -> Evidence:
        first = self.numbers[bisect_right(self.offsets, start) - 1]
        last = self.numbers[bisect_right(self.offsets, max(start, end - 1)) - 1]
        return Evidence(first, last, self.text[start:end].strip())

    def whole(self) -> Evidence:
        return self.evidence(0, len(self.text))


def _passage(lines: list[Line]) -> _Passage:
    parts, offsets, numbers, at = [], [], [], 0
    for line in lines:
        if not line.text:
            continue
        parts.append(line.text)
        offsets.append(at)
        numbers.append(line.number)
        at += len(line.text) + 1
    return _Passage(" ".join(parts), tuple(offsets), tuple(numbers))


@dataclass(frozen=True)
class _Minute:
    """One numbered minute: its agenda item, heading title and whole text."""

    item: str | None
    title: str
    text: _Passage
    number: str | None = None  # the minute's own number, where it differs from its item

    def heading(self) -> Evidence:
        first = self.text.offsets[1] - 1 if len(self.text.offsets) > 1 else len(self.text.text)
        return self.text.evidence(0, first)


def _paragraph(lines: list[Line], start: int, stop_at_label: bool = False) -> list[Line]:
    """Lines from `start` up to the first blank line (or the next attendance label)."""
    taken = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.text or (stop_at_label and _LABEL.match(line.text)):
            break
        taken.append(line)
    return taken


def _read_heading(lines: list[Line]) -> tuple[str | None, str | None, dict[str, Evidence]]:
    """Committee and meeting date from the "MINUTES of a meeting of …" paragraph."""
    for index, line in enumerate(lines):
        if not _MINUTES_HEADING.search(line.text):
            continue
        heading = _passage(_paragraph(lines, index))
        match = _MINUTES_HEADING.search(heading.text)
        committee = match["committee"].strip()
        evidence = {"committee": heading.evidence(match.start("committee"), match.end("committee"))}
        dates = find_dates(heading.text[match.end() :])
        if not dates:
            return committee, None, evidence
        iso, start, end = dates[0]
        evidence["date"] = heading.evidence(match.end() + start, match.end() + end)
        return committee, iso, evidence
    return _held_heading(lines)


def _held_heading(lines: list[Line]) -> tuple[str | None, str | None, dict[str, Evidence]]:
    """Committee and date where the minutes' heading names no body ("Minutes of the meeting
    held on Tuesday 10 February 2026"): the body is the title line above it ("CABINET"),
    under the council's name."""
    for index, line in enumerate(lines):
        if not _MEETING_HELD.search(line.text):
            continue
        heading = _passage(_paragraph(lines, index))
        found: dict[str, Evidence] = {}
        dates = find_dates(heading.text)
        iso = None
        if dates:
            iso, start, end = dates[0]
            found["date"] = heading.evidence(start, end)
        above = [earlier for earlier in lines[max(0, index - _TITLE_REACH) : index] if earlier.text]
        title = above[-1] if above else None
        if title is None or not _BODY_TITLE.match(title.text) or _COUNCIL_NAME.search(title.text):
            return None, iso, found
        found["committee"] = Evidence(title.number, title.number, title.raw.strip(), title.location)
        return title.text.strip(), iso, found
    return None, None, {}


def _split_names(listed: str) -> list[str]:
    """The names of a members list; groups parted by ";" ("Councillor A (in the Chair);
    Councillors B, C and D") each take their own title."""
    if ";" in listed:
        return [name for group in listed.split(";") for name in _split_names(group.strip())]
    plural = _PLURAL_TITLE.match(listed)
    prefix = f"{plural['title'].capitalize()} " if plural else ""
    listed = _PLURAL_TITLE.sub("", listed)
    names: list[str] = []
    for part in _NAME_SEPARATOR.split(listed):
        part = part.strip(" .;")
        if not part:
            continue
        if _HONOUR.match(part) and names:
            names[-1] = f"{names[-1]}, {part}"
        else:
            names.append(prefix + part)
    return names


def _read_present(lines: list[Line]) -> tuple[list[str], Evidence | None]:
    for index, line in enumerate(lines):
        if not _PRESENT_LABEL.match(line.text):
            continue
        block = _passage(_paragraph(lines, index, stop_at_label=True))
        listed = _PRESENT_LABEL.sub("", block.text)
        # Role notes "(Chairman)", "(Substitute for Mr X)" are not names; strip the innermost
        # brackets first so that nested ones go too.
        while _PARENTHESIS.search(listed):
            listed = _PARENTHESIS.sub("", listed)
        return _split_names(listed), block.whole()
    return [], None


def _heading_above(lines: list[Line], marker: int, floor: int) -> int | None:
    """Index of the numbered heading whose (wrapped) title ends just above an item marker."""
    seen = 0
    for index in range(marker - 1, floor - 1, -1):
        if not lines[index].text:
            continue
        if _MINUTE_HEADING.match(lines[index].text):
            return index
        seen += 1
        if seen >= _TITLE_LINES:
            return None
    return None


def _minute_starts(lines: list[Line], first: int) -> list[tuple[int, int | None]]:
    """(heading index, item marker index or None) for each minute at or after `first`."""
    starts: list[tuple[int, int | None]] = []
    for index in range(first, len(lines)):
        if _ITEM_MARKER.match(lines[index].text):
            floor = starts[-1][1] + 1 if starts else first
            heading = _heading_above(lines, index, floor)
            starts.append((index if heading is None else heading, index))
    if starts:
        return starts
    # No "(Item N)" markers: take numbered headings whose numbers run on one by one, so that
    # the "1.", "2." paragraphs inside a minute are not mistaken for minutes; minutes may skip
    # items not taken ("2. Minutes", then "5. Allotment Rents"), so a heading, not a sentence,
    # may jump a few numbers on.
    previous: int | None = None
    for index in range(first, len(lines)):
        match = _MINUTE_HEADING.match(lines[index].text)
        if not match:
            continue
        number = int(match["number"])
        title = _title_of(match)
        heading = not title.rstrip().endswith(".") and len(title.split()) <= _HEADING_WORDS
        if previous is None or number in (previous, previous + 1) or (heading and previous < number <= previous + _SKIPPED_ITEMS):
            starts.append((index, None))
            previous = number
    return starts


# A minute heading is a few words; minutes skip at most this many item numbers at once.
_HEADING_WORDS = 12
_SKIPPED_ITEMS = 6


def _title_of(heading: re.Match) -> str:
    return heading["title"] if heading["title"] is not None else heading["capitals"]


def _read_minutes(lines: list[Line], first: int) -> list[_Minute]:
    starts = _minute_starts(lines, first)
    minutes = []
    for position, (heading, marker) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        title_end = marker if marker is not None else heading + 1
        if marker is not None:
            item = _ITEM_MARKER.match(lines[marker].text)["item"]
        else:
            item = _MINUTE_HEADING.match(lines[heading].text)["number"]
        title = _MINUTE_HEADING.sub(_title_of, _passage(lines[heading:title_end]).text)
        numbered = _MINUTE_HEADING.match(lines[heading].text)
        minutes.append(_Minute(item=item, title=title, text=_passage(lines[heading:end]), number=numbered["number"] if numbered else None))
    return minutes


def _declaration(match: re.Match, minute: _Minute, stated: bool, minutes: list[_Minute] = ()) -> Declaration | None:
    body = match["body"].strip()
    if _NIL.match(body):
        return None
    item_match = _ITEM_REFERENCE.search(body)
    item = item_match["item"] if item_match else (minute.item if _THIS_ITEM.search(body) else None)
    if item_match and item_match["minute"]:
        # Minutes numbered apart from the agenda: the minute named stands for its item.
        item = next((m.item for m in minutes if m.number == item and m.item), item)
    reason = _REASON.search(body)
    nature = _WITHDRAWAL.sub("", reason["nature"]).strip() if reason else (body if stated else None)
    return Declaration(member=match["member"], item=item, nature=nature)


def _declarations_in(minute: _Minute, minutes: list[_Minute]) -> list[tuple[Declaration, Evidence, tuple[int, int]]]:
    """Declarations in one minute, in order, each with its evidence and the span of the minute's
    text that speaks of it (its sentence and what follows up to the next declaration);
    "noted that …" counts only under a Declarations heading."""
    text = minute.text.text
    found = {m.start(): (m, False) for pattern in (_DECLARED, _COLLECTIVE) for m in pattern.finditer(text)}
    if _DECLARATIONS_TITLE.search(minute.title):
        listed = (m for m in _LISTED.finditer(text) if _ITEM_REFERENCE.search(m["body"]) and "interest" in m["body"].lower())
        for m in (*_STATED.finditer(text), *listed):
            if not any(s <= m.start() < d.end() for s, (d, _) in found.items()):
                found[m.start()] = (m, True)
    starts = sorted(found)
    declarations = []
    for position, (_, (m, stated)) in enumerate(sorted(found.items())):
        declaration = _declaration(m, minute, stated, minutes)
        if not declaration:
            continue
        following = starts[position + 1] if position + 1 < len(starts) else len(text)
        context = (m.start(), min(following, m.end() + _CONTEXT))
        joint = _JOINT_MEMBER.search(text, max(0, m.start() - _JOINT_WINDOW), m.start())
        if joint:
            declarations.append((replace(declaration, member=joint["member"]), minute.text.evidence(joint.start(), m.end()), context))
        declarations.append((declaration, minute.text.evidence(m.start(), m.end()), context))
    return declarations


def _described(declaration: Declaration, minute: _Minute, context: tuple[int, int], minutes: list[_Minute], profile: Profile) -> tuple[Declaration, dict[str, Evidence]]:
    """The declaration with its category, withdrawal and dispensation as the minutes give them,
    and the evidence of each."""
    text = minute.text.text
    words = profile.words
    quoted: dict[str, Evidence] = {}
    # The sentence from the member's name on: an initial ("Cllr R. Moore") ends no sentence.
    own = (context[0], _sentence_around(text, context[0] + len(declaration.member))[1])
    category = next((name for name in ("disclosable_pecuniary", "other_significant", "other") if words("interests", name).search(text, *own)), "not_stated")
    if category != "not_stated":
        quoted["category"] = minute.text.evidence(*own)
    withdrew = None
    surname = declaration.member.split()[-1]
    own_sentences = _about_member(text, context, surname)
    candidates = [(minute, start, end) for start, end in own_sentences]
    item_minute = next((m for m in minutes if declaration.item is not None and m.item == declaration.item and m is not minute), None)
    if item_minute is not None:
        candidates += [(item_minute, start, end) for start, end in _sentences(item_minute.text.text, 0, len(item_minute.text.text)) if surname in item_minute.text.text[start:end]]
    for where, start, end in candidates:
        sentence = where.text.text[start:end]
        if words("interests", "withdrew").search(sentence):
            withdrew = True
        elif words("interests", "took_part").search(sentence) or (where is item_minute and words("interests", "voted").search(sentence)):
            withdrew = False
        if withdrew is not None:
            quoted["withdrew"] = where.text.evidence(start, end)
            break
    dispensation = None
    for start, end in own_sentences:
        sentence = text[start:end]
        if words("interests", "dispensation").search(sentence) and not words("interests", "no_dispensation").search(sentence):
            dispensation = sentence.strip()
            quoted["dispensation"] = minute.text.evidence(start, end)
            break
    return replace(declaration, category=category, withdrew=withdrew, dispensation=dispensation), quoted


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of text[start:end], as spans of `text`."""
    return [(start + m.start(), start + m.end()) for m in SENTENCE.finditer(text[start:end]) if m.group(0).strip()]


def _about_member(text: str, context: tuple[int, int], surname: str) -> list[tuple[int, int]]:
    """The declaration's sentence and those after it that go on about the same member (by a
    pronoun or their name), up to the first that does not."""
    sentences = _sentences(text, *context)
    taken = sentences[:1]
    for start, end in sentences[1:]:
        sentence = text[start:end].strip()
        if not (_GOES_ON.match(sentence) or surname in sentence):
            break
        taken.append((start, end))
    return taken


# A sentence that goes on about the member just named: "He left the room", "The interest did
# not affect his position".
_GOES_ON = re.compile(r"^(?:\(?[a-z]\)\s{0,3})?(?:he|she|they|his|her|their|the\s+(?:member|councillor|interest))\b", re.IGNORECASE)


def _sentence_around(text: str, at: int) -> tuple[int, int]:
    """The span of the sentence that starts at `at`."""
    return next(iter(_sentences(text, at, min(len(text), at + _CONTEXT))), (at, at))


def _read_declarations(minutes: list[_Minute], body: _Minute, reference: re.Pattern[str], profile: Profile) -> list[tuple[Declaration, Evidence, dict[str, Evidence]]]:
    """Every declaration, linked to the decision number of the minute for its agenda item, with
    the evidence of the declaration and of each detail read.

    `body` is the whole minutes text, searched when no minute headings could be found.
    """
    found = []
    for minute in minutes or [body]:
        for declaration, where, context in _declarations_in(minute, minutes):
            linked = replace(declaration, decision_no=_decision_for_item(minutes, declaration.item, reference))
            described, details = _described(linked, minute, context, minutes, profile)
            found.append((described, where, details))
    return found


def _outcome(minute: _Minute) -> tuple[str, Evidence | None]:
    resolutions = list(_RESOLVED.finditer(minute.text.text))
    if not resolutions:
        return "none", None
    said = " ".join(m.group(0) for m in resolutions)
    evidence = minute.text.evidence(resolutions[0].start(), resolutions[-1].end())
    for word, pattern in _OUTCOMES:
        if pattern.search(said):
            return word, evidence
    return "other", evidence


def _exclusion(minute: _Minute, profile: Profile) -> tuple[list[int], Evidence | None]:
    """The Schedule 12A paragraphs a motion to exclude the press and public in the minute cites."""
    text = minute.text.text
    if not profile.words("exempt", "exempt").search(text):
        return [], None
    for start, end in _sentences(text, 0, len(text)):
        sentence = text[start:end]
        if profile.words("exempt", "exempt").search(sentence) and not profile.words("exempt", "not_exempt").search(sentence):
            paragraphs = schedule_12a_paragraphs(sentence, profile)
            if paragraphs:
                return paragraphs, minute.text.evidence(start, end)
    return [], None


def _decisions_considered(minutes: list[_Minute], reference: re.Pattern[str], profile: Profile) -> list[tuple[DecisionConsidered, Evidence, dict[str, Evidence]]]:
    considered: dict[str, tuple[DecisionConsidered, Evidence, dict[str, Evidence]]] = {}
    for minute in minutes:
        mentions = list(reference.finditer(minute.text.text))
        if not mentions:
            continue
        resolved, evidence = _outcome(minute)
        for mention in mentions:
            number = mention.group(0)
            if number not in considered:
                where = evidence or minute.text.evidence(mention.start(), mention.end())
                details = {"item": minute.heading()} if minute.item is not None else {}
                paragraphs, motion = _exclusion(minute, profile)
                if motion is not None:
                    details["exempt_paragraphs"] = motion
                considered[number] = (DecisionConsidered(number, resolved, item=minute.item, exempt_paragraphs=paragraphs), where, details)
    return list(considered.values())


def _decision_for_item(minutes: list[_Minute], item: str | None, reference: re.Pattern[str]) -> str | None:
    for minute in minutes:
        if item is not None and minute.item == item:
            number = reference.search(minute.title)
            return number.group(0) if number else None
    return None


def _list_evidence(name: str, entries: list[tuple[object, Evidence, dict[str, Evidence]]]) -> dict[str, Evidence]:
    """Evidence for each entry ("name[i]") and each detail of it ("name[i].withdrew") and,
    spanning them all, for the list itself."""
    evidence = {f"{name}[{index}]": where for index, (_, where, _) in enumerate(entries)}
    for index, (_, _, details) in enumerate(entries):
        evidence.update((f"{name}[{index}].{detail}", quote) for detail, quote in details.items())
    if entries:
        parts = [where for _, where, _ in entries]
        evidence[name] = Evidence(min(e.line for e in parts), max(e.end_line for e in parts), parts[0].text)
    return evidence


def read_meeting(paper: Paper, document: Document, reference: re.Pattern[str], profile: Profile | None = None) -> Meeting:
    """The meeting recorded by one minutes document of `paper`; `reference` is how decision
    references are printed (the reader profile's, or a caller's own), `profile` the wording of
    declarations (the general profile's when none is given)."""
    profile = profile or named_profile(DEFAULT_PROFILE)
    lines = list(paper.between(document.line_start, document.line_end))
    committee, date, evidence = _read_heading(lines)
    first_words = next((line.text for line in lines if line.text), "")
    evidence["lines"] = Evidence(document.line_start, document.line_end, first_words)
    present, present_evidence = _read_present(lines)
    if present_evidence:
        evidence["present"] = present_evidence
    body_start = next((i for i, line in enumerate(lines) if _PRESENT_LABEL.match(line.text)), 0)
    minutes = _read_minutes(lines, body_start)

    declarations = _read_declarations(minutes, _Minute(None, "", _passage(lines[body_start:])), reference, profile)
    evidence.update(_list_evidence("declarations", declarations))
    # "No declarations of interest had been received" is the evidence for an empty list.
    declaring = [m for m in minutes if _DECLARATIONS_TITLE.search(m.title)]
    if not declarations and declaring:
        evidence["declarations"] = declaring[0].text.whole()
    considered = _decisions_considered(minutes, reference, profile)
    evidence.update(_list_evidence("decisions_considered", considered))

    return Meeting(
        committee=committee,
        date=date,
        lines=(document.line_start, document.line_end),
        present=present,
        declarations=[entry for entry, _, _ in declarations],
        decisions_considered=[entry for entry, _, _ in considered],
        evidence=evidence,
    )


def extract_meetings(paper: Paper, documents: list[Document], profile: Profile) -> list[Meeting]:
    return [read_meeting(paper, document, profile.reference, profile) for document in documents if document.kind == "minutes"]
