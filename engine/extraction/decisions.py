"""Decision records read from committee reports, proposed records and records of decision.

One `Decision` per decision, whatever papers it has here: the committee report (or its front
sheet), the proposed record (a PROD, a proposed cabinet member decision) or the record of the
decision taken (a RoD, an officer decision record, a ModernGov decision page, one entry of a
Cabinet's record of decisions), and any EQIA form filed with them. A record belongs to the
report with its number, or to the report it directly follows (the report's "Appendix A"; a
PROD whose number is "To be allocated" takes the report's; one printing another number keeps
its own, and the decision lists both in `decision_numbers`). A "Decisions taken outside of the
Cabinet Committee meeting cycle" cover note lists decisions taken between meetings; one whose
record is not in the paper is reported as report_only. A record of several decisions (a
Cabinet's record of decisions, one "Decision No:" each) gives one decision per entry, each
with what the record's head says for all of them (the meeting date, the decision maker).
Reports with no decision of their own (for comment, performance, work programmes, verbal
updates) give no decision; a front sheet that says it is for decision or a key decision does.

Every wording is the reader profile's (`engine.profiles`): labels, statuses, criteria, the
printed form of a reference. Field values are read from the record when there is one, else
from the report; each value keeps the line(s) it came from in `decision.evidence`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Sequence

from govlint.engine.documents.layout import DOTTED_LINE, RULE_LINE, SIGNED_DATE
from govlint.engine.extraction.dates import find_dates, first_date
from govlint.engine.extraction.fields import SENTENCE, Field, evidence, find_fields, sentences_of, state
from govlint.engine.extraction.money import amounts_in, distinct_pounds
from govlint.engine.extraction.procedure import ProcedureFields
from govlint.engine.profiles.labels import profile_labels, record_headings
from govlint.engine.profiles.model import Profile
from govlint.engine.reading.lines import Line, Paper
from govlint.engine.records.model import CommitteeConsultation, Decision, Document, Evidence

REPORT = "committee_report"
PROD = "proposed_record_of_decision"
ROD = "record_of_decision"
EQIA_FORM = "eqia_form"
RECORD_KINDS = (PROD, ROD)
# Documents that end a report's run: a record cannot be the "Appendix A" of a report
# when one of these sits between them.
_BREAKS_RUN = ("agenda", "minutes", "work_programme", "other")

_OUTSIDE_CYCLE = re.compile(r"decisions?\s+taken\s+outside\s+(?:of\s+)?the\s+cabinet\s+committee\s+(?:meeting\s+)?cycle", re.I)
_HONORIFIC = r"(?:mr|mrs|ms|miss|mx|dr|cllr|councillor|sir|dame|lord|lady)\.?"
_PERSON_PREFIX = re.compile(rf"^(?:{_HONORIFIC}\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}},\s*(?=\S)")
_AUTHOR_START = re.compile(rf"^(?:{_HONORIFIC}\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{1,3}},")
_AS_MAKER = re.compile(r"\bAs\s+(?:the\s+)?([^,]{3,120}),\s+I\s+(?:propose|agree|have\s+agreed|have\s+decided)", re.IGNORECASE)
# "The Portfolio Holder for Highways and Transport approved …": a record that names its maker
# only in the decision's opening words.
_MAKER_DID = re.compile(
    r"^The\s+((?:Cabinet|Executive|Lead)\s+Member|Portfolio\s+Holder|(?:Deputy\s+)?Leader)((?:\s+(?:for|of)\s+[A-Z][\w&'’ -]{2,80}?)?)"
    r"\s+(?:approved|agreed|decided|resolved|authorised)\b"
)
# "CABINET - RECORD OF DECISIONS": the body a record of several decisions is for.
_BODY_BEFORE_HEADING = re.compile(r"^(?P<body>[A-Za-z][A-Za-z ,&'’]{2,60}?)\s+[-–—:]\s+\S")
# "RECORD OF DECISIONS TAKEN BY THE CABINET ON WEDNESDAY 4 MARCH 2026": the body after it.
_BODY_AFTER_HEADING = re.compile(r"\b(?:taken|made)\s+by\s+(?:the\s+)?(?P<body>[A-Za-z][A-Za-z ,&'’]{2,60}?)(?=\s+(?:on|at)\b|\s*$)", re.IGNORECASE)
_HELD_ON = re.compile(r"\b(?:held|meeting|taken)\b", re.IGNORECASE)
# An entry's own heading above its reference in a record of several decisions: "Item 7: Waste
# Collection Vehicle Replacement", "Minute 12 - …".
_ITEM_HEADING = re.compile(r"^(?:agenda\s+)?(?:item|minute)\s*(?:no\.?\s*)?\d{1,3}[a-z]?\s*[:.–—-]\s*(?P<title>\S.*)$", re.IGNORECASE)
# "Expenditure or savings of £750,000 or more" is the one money limb, not two criteria.
_MONEY_CRITERIA = ("expenditure_over_1m", "savings_over_1m")
# How far below a record's first line its heading may stand (under a masthead).
_HEAD_LINES = 12
_KEY_BECAUSE = re.compile(r"key\s+decision\s+(?:because|as|since)\b", re.IGNORECASE)
_WARDS_WORD = re.compile(r"\b(?:wards?|electoral\s+divisions?|divisions?)\b", re.IGNORECASE)
# Leading white space is taken from the start of its run only: tried from every space of a long
# run, \s* would rescan the rest of it each time (quadratic in the run).
_LIST_SEPARATOR = re.compile(r"(?:(?<!\s)\s+)?(?:[,;]|\band\b|&)\s*", re.IGNORECASE)
_NAME = re.compile(r"^[A-Z][A-Za-z'’-]+(?: [A-Z][A-Za-z'’-]+){0,2}$")
# A name starts at a word's start and each word is taken whole (*+): tried inside a long run of
# capitals, the word would be rescanned from every letter (quadratic in the run).
# A committee's name ends with one of these words; its name is the capitalised words before it
# ("Adult Social Care and Health Scrutiny Committee"), read back from each such word so that
# the time is linear in the text whatever it holds.
_BODY_WORD = re.compile(r"\b(?:Sub-Committee|Committee|Panel|Board)\b")
_NAME_WORDS = 7
_CONNECTORS = ("and", "&")
# A decision the Cabinet takes is consulted on at the Cabinet meeting ("A report will be
# presented to Cabinet on 30 January 2025").
_CABINET_MEETING = re.compile(r"\b(?:to|at|by)\s+(?:the\s+)?(Cabinet)\b(?!\s+(?:Member|Committee|Portfolio))")
_CAPITALISED = re.compile(r"^[A-Z]")
# A body named after its closing word: "Scrutiny Committee for Resources", "Overview and
# Scrutiny Committee (Place)".
_NAME_AFTER = re.compile(r" for(?: [A-Z][\w’'-]*(?: (?:and|&))?){1,5}| \([A-Z][\w’' &-]{2,40}\)")
_NOT_A_NAME = re.compile(r"^(?:(?:the|no|a|an|this|each|next|any)\s+)+", re.IGNORECASE)


@dataclass
class _Group:
    """The papers of one decision as found in the document list."""

    report: Document | None = None
    report_fields: dict[str, Field] = field(default_factory=dict)  # read once, when grouping
    number: str | None = None  # from the report (its header, or its cover-note list), else the record
    listed_title: tuple[Line, ...] = ()  # a cover note's "20/00106 - Infection Control Fund"
    outside_cycle: bool = False
    records: list[Document] = field(default_factory=list)
    eqia_forms: list[Document] = field(default_factory=list)
    # For one entry of a record of several decisions: the record's head, shared by all.
    head: tuple[Line, ...] = ()


class _Labels:
    """The profile's labels and reference pattern, as every reader here uses them."""

    def __init__(self, profile: Profile):
        self.profile = profile
        self.record = profile_labels(profile, "record")
        self.report = profile_labels(profile, "report")

    def record_fields(self, lines: Sequence[Line]) -> dict[str, Field]:
        return find_fields(lines, self.record, self.profile.reference)

    def report_fields(self, lines: Sequence[Line]) -> dict[str, Field]:
        return find_fields(lines, self.report, self.profile.reference)

    def number_in(self, found: Field | None) -> str | None:
        """The decision reference a field gives, if it gives one."""
        return self.profile.reference_in(found.value) if found is not None and found.value else None


def _span(paper: Paper, document: Document) -> tuple[Line, ...]:
    """The document's lines in reading order (two-column rows can share a number, so not by index)."""
    return paper.between(document.line_start, document.line_end)


def _listed_decisions(report_fields: dict[str, Field], profile: Profile) -> list[tuple[str, tuple[Line, ...]]]:
    """A cover note's list of decisions: each number with the line(s) naming it."""
    found: list[tuple[str, tuple[Line, ...]]] = []
    recommendation = report_fields.get("recommendation")
    body = list(recommendation.body) if recommendation else []
    for index, line in enumerate(body):
        match = profile.reference.match(line.text)
        if match and match.group(0) not in (number for number, _ in found):
            run = [line]
            for following in body[index + 1 :]:
                if not following.text:
                    break
                run.append(following)
            found.append((match.group(0), tuple(run)))
    return found


def _entries(paper: Paper, document: Document, labels: _Labels) -> list[tuple[Document, tuple[Line, ...]]]:
    """A record's entries: itself, or for a record of several decisions one per reference
    heading, each with the record's head (the lines before the first entry)."""
    lines = _span(paper, document)
    starts = _labelled(lines, labels, "number")
    if len(starts) >= 2:
        starts = [_item_heading_above(lines, start) for start in starts]
    else:
        # A list of decisions with no references (ModernGov's delegated decisions): each
        # entry is its title over its "Decision Maker:".
        starts = [_title_above(lines, start, labels) for start in _labelled(lines, labels, "maker")]
        if len(starts) < 2 or None in starts:
            return [(document, ())]
    head = lines[: starts[0]]
    entries = []
    for position, start in enumerate(starts):
        end = starts[position + 1] - 1 if position + 1 < len(starts) else len(lines) - 1
        while end > start and (not lines[end].text or RULE_LINE.match(lines[end].text)):
            end -= 1
        entries.append((replace(document, line_start=lines[start].number, line_end=lines[end].number, decision_no=None), head))
    return entries


def _labelled(lines: Sequence[Line], labels: _Labels, name: str) -> list[int]:
    """Where the lines labelled as the record's `name` field are."""
    label = next((candidate for candidate in labels.record if candidate.name == name), None)
    return [index for index, line in enumerate(lines) if label and line.text and label.match(line.text)]


def _line_above(lines: Sequence[Line], start: int) -> int | None:
    """The nearest line with text above `start`, a blank line or two between allowed."""
    return next((index for index in range(start - 1, max(start - 3, -1), -1) if lines[index].text), None)


def _title_above(lines: Sequence[Line], start: int, labels: _Labels) -> int | None:
    """The title line standing just above `start`, if there is one: no label, no sentence (a
    PDF may keep no blank line above it)."""
    above = _line_above(lines, start)
    if above is None or above == 0:
        return None
    text = lines[above].text
    if ":" in text or text.endswith(".") or any(label.match(text) for label in labels.record):
        return None
    return above


def _item_heading_above(lines: Sequence[Line], start: int) -> int:
    """Where an entry starts: its reference line, or the item heading just above it."""
    above = _line_above(lines, start)
    return above if above is not None and _ITEM_HEADING.match(lines[above].text) else start


def _group_documents(paper: Paper, documents: Sequence[Document], labels: _Labels) -> list[_Group]:
    groups: list[_Group] = []
    # The latest group holding each decision number, kept as groups are made: scanning every
    # group for each record is quadratic in a paper of thousands of records.
    latest: dict[str, _Group] = {}
    current: _Group | None = None
    for document in documents:
        if document.kind == REPORT:
            report_fields = labels.report_fields(_span(paper, document))
            title = report_fields.get("title")
            if title and _OUTSIDE_CYCLE.search(title.value):
                made = [_Group(document, report_fields, number, run, outside_cycle=True) for number, run in _listed_decisions(report_fields, labels.profile)]
                current = None
            else:
                current = _Group(document, report_fields, labels.number_in(report_fields.get("number")) or document.decision_no)
                made = [current]
            groups += made
            latest.update((group.number, group) for group in made if group.number)
        elif document.kind in RECORD_KINDS:
            for entry, head in _entries(paper, document, labels):
                number = labels.number_in(labels.record_fields(_span(paper, entry)).get("number")) or entry.decision_no
                same = latest.get(number) if number else None
                # "Directly follows": its report's Appendix A, numbered alike, "To be allocated", or
                # numbered otherwise (a conflict the decision keeps in its decision_numbers) when
                # no earlier paper holds that number.
                follows = current is not None and not current.records and not head and (number is None or current.number in (None, number) or same is None)
                group = same or (current if follows else None)
                if group is None:
                    group = _Group(number=number, head=head)
                    groups.append(group)
                group.records.append(entry)
                if number:
                    latest[number] = group
                current = group
        elif document.kind == EQIA_FORM:
            if current is not None:
                current.eqia_forms.append(document)
        elif document.kind in _BREAKS_RUN:
            current = None
    return [g for g in groups if g.records or g.outside_cycle or (g.report is not None and (g.number or _for_decision(g, labels.profile)))]


def _for_decision(group: _Group, profile: Profile) -> bool:
    """A front sheet with no reference still carries a decision when it says so: "Status: For
    Decision", or a key decision."""
    status = group.report_fields.get("status")
    key = group.report_fields.get("key")
    return bool(
        (status and profile.words("answers", "for_decision").search(status.value))
        or (key and profile.words("key_decision", "yes").search(key.value))
    )


def _name_before(text: str, body: re.Match) -> str:
    """The body's name: up to _NAME_WORDS capitalised words (joined by "and", "&" or commas)
    before its closing word, and the word itself."""
    words = text[max(0, body.start() - 200) : body.start()].split()
    taken: list[str] = []
    for word in reversed(words):
        named = sum(1 for w in taken if w not in _CONNECTORS)
        # A label ("Scrutiny:") or a sentence's end stands before the name, not in it.
        if named >= _NAME_WORDS or not (word[:1].isupper() or (word in _CONNECTORS and taken)) or word[-1] in ":.;":
            break
        taken.insert(0, word)
    while taken and taken[0] in _CONNECTORS:
        taken.pop(0)
    after = _NAME_AFTER.match(text, body.end())
    return " ".join([*taken, body.group(0)]) + (after.group(0).rstrip(" ,") if after else "")


def _post(text: str) -> str:
    """The post of a decision maker, without the person's name ('Clair Bell, Cabinet Member…')
    or the date of the meeting a report goes to ('Cabinet - 30 January 2025')."""
    dates = find_dates(text)
    if dates and dates[-1][2] >= len(text.rstrip(" .")) and dates[-1][1] > 0:
        text = text[: dates[-1][1]].rstrip(" -–—,")
    return _PERSON_PREFIX.sub("", text).strip(" ,.;")


def _first_author(found: Field) -> tuple[str, list[Line]]:
    """A report's first author ("From: Name, Post" wrapped over lines), before the next name."""
    lines = found.value_lines
    taken: list[Line] = []
    for line in lines:
        if taken and _AUTHOR_START.match(line.text):
            break
        taken.append(line)
    parts = [found.inline] + [line.text for line in taken if line not in found.heading]
    return " ".join(part for part in parts if part), taken or list(found.heading)


def _without_boilerplate(text: str, profile: Profile) -> str:
    """`text` less each group of the profile's printed boilerplate found whole in it."""
    for group in profile.boilerplate:
        patterns = [re.compile(r"\s+".join(re.escape(w) for w in phrase.split()), re.IGNORECASE) for phrase in group]
        if all(pattern.search(text) for pattern in patterns):
            for pattern in patterns:
                text = pattern.sub(" ", text)
    return " ".join(text.split())


def _named_places(text: str) -> list[str]:
    """Places named in a list just before "wards" ("… serve Central, Riverside and Northgate
    wards"): the capitalised names, the first taken from the end of its phrase."""
    match = _WARDS_WORD.search(text)
    while match:
        items = [item.strip() for item in _LIST_SEPARATOR.split(text[max(0, match.start() - 200) : match.start()].rstrip())]
        names: list[str] = []
        for item in reversed(items):
            if _NAME.match(item):
                names.append(item)
                continue
            words = item.split()
            tail = []
            for word in reversed(words[-3:]):
                if not _NAME.match(word):
                    break
                tail.insert(0, word)
            if tail:
                names.append(" ".join(tail))
            break
        if len(names) >= 2:
            return list(reversed(names))
        match = _WARDS_WORD.search(text, match.end())
    return []


def _divisions(text: str, profile: Profile) -> list[str] | None:
    """A divisions or wards field as the names it lists; ["All"] for all wards or divisions
    (however the paper words it: "All Wards", "County-wide")."""
    text = text.strip(" .;")
    if not text:
        return None
    if profile.words("answers", "all_divisions").search(text):
        return ["All"]
    if profile.words("answers", "nil").search(text):
        return None
    return [part.strip(" .") for part in _LIST_SEPARATOR.split(text) if part.strip(" .")] or None


class _Reader(ProcedureFields):
    """Fills one Decision from a group's papers, recording the evidence of each value."""

    def __init__(self, paper: Paper, group: _Group, labels: _Labels):
        self.paper = paper
        self.group = group
        self.labels = labels
        self.profile = labels.profile
        self.evidence: dict[str, Evidence] = {}
        self.report = group.report_fields
        self.record_doc = next((r for r in group.records if r.kind == ROD), group.records[-1] if group.records else None)
        self.record: dict[str, Field] = {}
        self.record_lines: tuple[Line, ...] = ()
        self.date: str | None = None
        if self.record_doc:
            lines = _span(paper, self.record_doc)
            start, self.date, date_line = _signature_start(lines)
            self.record_lines = lines[:start]
            self.record = labels.record_fields(self.record_lines)
            if date_line:
                self.evidence["decision_date"] = evidence([date_line])
        self.head = labels.record_fields(group.head) if group.head else {}

    def words(self, topic: str, value: str) -> re.Pattern[str]:
        return self.profile.words(topic, value)

    def note(self, name: str, source: Evidence | None, value):
        """`value`, with `source` kept as its evidence unless nothing was read (None, [], absent)."""
        if source is not None and value is not None and value not in ([], "absent", "not_mentioned"):
            self.evidence[name] = source
        return value

    def text_field(self, name: str, found: Field | None) -> str | None:
        value = found.value if found else None
        return self.note(name, found.value_evidence() if found else None, value or None)

    def either(self, name: str) -> Field | None:
        return self.record.get(name) or self.report.get(name)

    def body_lines(self) -> tuple[Line, ...]:
        """The lines of the record, else of the report: where a page with no section for a
        matter says it in its prose."""
        if self.record_lines:
            return self.record_lines
        return _span(self.paper, self.group.report) if self.group.report else ()

    @cached_property
    def _prose(self) -> list[tuple[str, list[Line]]]:
        """Every sentence of the record's prose (else the report's) with the lines it is on."""
        return sentences_of(self.body_lines())

    def sentences(self, mention: re.Pattern[str]) -> list[tuple[str, list[Line]]]:
        """Sentences of the record's prose that match `mention`, with their lines."""
        return [(sentence, lines) for sentence, lines in self._prose if mention.search(sentence)]

    def decision_no(self) -> str | None:
        found = self.record.get("number")
        number = self.labels.number_in(found)
        if number:
            return self.note("decision_no", found.value_evidence(), number)
        if self.group.listed_title:
            return self.note("decision_no", evidence(self.group.listed_title), self.group.number)
        report_number = self.report.get("number")
        return self.note("decision_no", report_number.value_evidence() if report_number else None, self.group.number)

    def title(self) -> str | None:
        if "title" in self.record and self.record["title"].value:
            return self.text_field("title", self.record["title"])
        if self.group.listed_title:
            match = self.profile.reference.match(" ".join(line.text for line in self.group.listed_title))
            text = " ".join(line.text for line in self.group.listed_title)[match.end() :].strip(" -–—:") if match else ""
            return self.note("title", evidence(self.group.listed_title), text or None)
        if self.report.get("title") and self.report["title"].value:
            return self.text_field("title", self.report.get("title"))
        return self.heading_title()

    def heading_index(self, lines: Sequence[Line]) -> int:
        """Where the record's heading is among `lines` (its masthead may stand above it)."""
        headings = record_headings(self.profile)
        return next((i for i, line in enumerate(lines[: _HEAD_LINES]) if line.text and headings.search(line.text)), 0)

    def heading_title(self) -> str | None:
        """A page with no title field names its matter in the first line under its heading."""
        if not self.record_doc or not self.record_lines:
            return None
        below = self.record_lines[self.heading_index(self.record_lines) + 1 :]
        if self.group.head and below:
            # An entry of a record of several decisions opens with its own heading, or its title.
            first = next((line for line in self.record_lines if line.text), None)
            item = first and _ITEM_HEADING.match(first.text)
            if item:
                return self.note("title", evidence([first]), item["title"].strip())
            if first and ":" not in first.text:
                return self.note("title", evidence([first]), first.text)
        for line in [line for line in below if line.text][:3]:
            text = line.text
            if ":" in text or text.endswith(".") or len(text.split()) > 16 or find_dates(text) and len(text.split()) < 3:
                continue
            return self.note("title", evidence([line]), text)
        return None

    def decision_maker(self) -> str | None:
        found = self.record.get("maker") or self.head.get("maker")
        if found and found.value:
            return self.note("decision_maker", found.value_evidence(), _post(found.value))
        decision = self.record.get("decision")
        match = decision and (_AS_MAKER.search(decision.value) or _MAKER_DID.match(decision.value))
        if match:
            return self.note("decision_maker", decision.value_evidence(), _post("".join(match.groups())))
        to = self.report.get("to")
        if to and to.value and not self.committee_named(to.value) and not self.words("consultation", "body").search(to.value):
            # A report addressed to a body that is no committee (Cabinet) goes to who decides.
            return self.note("decision_maker", to.value_evidence(), _post(to.value))
        if "maker" in self.report and self.report["maker"].value:
            return self.note("decision_maker", self.report["maker"].value_evidence(), _post(self.report["maker"].value))
        if "from" in self.report:
            text, lines = _first_author(self.report["from"])
            return self.note("decision_maker", evidence(lines), _post(text) or None)
        if self.group.head:
            heading = self.group.head[self.heading_index(self.group.head)]
            body = heading and (_BODY_BEFORE_HEADING.match(heading.text) or _BODY_AFTER_HEADING.search(heading.text))
            if body and not body["body"].lower().rstrip().endswith("council"):
                return self.note("decision_maker", evidence([heading]), body["body"].strip().title())
        return None

    def key_decision(self) -> tuple[bool | None, list[str]]:
        found = self.either("key")
        reason = self.either("key_criteria")
        if found is None and reason is None:
            return None, []
        answer = found.value if found else ""
        key = True if self.words("key_decision", "yes").search(answer) else False if self.words("key_decision", "no").search(answer) else None
        # Older forms print "Key decision" with the criterion under it and no Yes/No.
        if key is None and (answer or (reason and reason.value)):
            key = True
        stated = " ".join(f.value for f in (found, reason) if f)
        source = [f for f in (found, reason) if f]
        criteria = self.criteria(_without_boilerplate(stated, self.profile))
        if key and not criteria:
            because = next(iter(self.sentences(_KEY_BECAUSE)), None)
            if because:
                criteria = self.criteria(because[0])
                if criteria:
                    self.evidence["key_decision_criteria"] = evidence(because[1])
        if source:
            self.note("key_decision", source[0].value_evidence(), key)
            if "key_decision_criteria" not in self.evidence:
                self.note("key_decision_criteria", source[-1].value_evidence(), criteria)
        return key, criteria

    def criteria(self, text: str) -> list[str]:
        criteria = [name for name in ("expenditure_over_1m", "savings_over_1m", "affects_more_than_two_divisions") if self.words("criteria", name).search(text)]
        if self.words("criteria", "amount").search(text) and not ({"expenditure_over_1m", "savings_over_1m"} & set(criteria)):
            criteria.insert(0, "expenditure_over_1m")
        if len(_named_places(text)) > 2 and "affects_more_than_two_divisions" not in criteria:
            criteria.append("affects_more_than_two_divisions")
        if set(_MONEY_CRITERIA) <= set(criteria):
            criteria.remove("savings_over_1m")
        # A money criterion names the threshold; one that only says "major strategies" does not.
        if any(c in _MONEY_CRITERIA for c in criteria) and not self.words("criteria", "threshold").search(text):
            criteria = [c for c in criteria if c not in _MONEY_CRITERIA]
        return criteria

    def divisions(self) -> list[str] | None:
        found = self.either("divisions") or self.head.get("divisions")
        found = found and found.first_paragraph()
        if found and found.value:
            return self.note("electoral_divisions", found.value_evidence(), _divisions(found.value, self.profile))
        for sentence, lines in self.sentences(_WARDS_WORD):
            places = _named_places(sentence)
            if len(places) >= 2:
                return self.note("electoral_divisions", evidence(lines), places)
        return None

    def money(self) -> tuple[list[float], float | None]:
        found = self.record.get("financial") if self.record.get("financial") else self.report.get("financial")
        if found is None and not self.group.report and self.profile.money_in_decision:
            found = self.record.get("decision")
        if found is None:
            return [], None
        amounts = amounts_in(found.heading + found.body)
        if not amounts:
            return [], None
        largest = max(amounts, key=lambda amount: amount.pounds)
        last = max(amount.end_line for amount in amounts)
        span = [line for line in found.heading + found.body if line.number <= last]
        money = self.note("money_gbp", evidence(span), distinct_pounds(amounts))
        return money, self.note("max_money_gbp", Evidence(largest.line, largest.end_line, largest.text), largest.pounds)

    def status(self, text: str, mention: re.Pattern[str] | None) -> str:
        """The assessment's status as `text` gives it: screened out anywhere, else the strongest
        status of a sentence that names the assessment (a sentence about other assessments,
        still to come for later projects, says nothing of this decision's). `mention` None:
        every sentence is about it (the text is the answer under a heading naming it)."""
        if self.words("assessment", "not_required").search(text):
            return "not_required"
        other = self.words("assessment", "other")
        sentences = [s.group(0).strip() for s in SENTENCE.finditer(text)
                     if (mention is None or mention.search(s.group(0))) and not other.search(s.group(0))]
        # Strongest first: "in progress and will be completed by March" is in progress.
        for value in ("in_progress", "not_completed", "completed"):
            if any(self.words("assessment", value).search(sentence) for sentence in sentences):
                return value
        return "not_mentioned"

    def assessment(self, name: str, section: str, topic: str, subject: str) -> str:
        mention = self.words("mentions", topic)
        found = self.either(section)
        # Under "Equality Impact Assessment:" the answer need not name it again ("Yes -
        # attached as Appendix 2"); under "Equality implications" a sentence must.
        names_it = found is not None and mention.search(" ".join(line.text for line in found.heading))
        status = self.status(found.value, None if names_it else mention) if found else "not_mentioned"
        if status == "not_mentioned" and name == "eqia_status" and self.group.eqia_forms:
            form = self.group.eqia_forms[0]
            return self.note(name, evidence([self.paper.line(form.line_start)]), "completed")
        if found:
            # Kept for not_mentioned too: a heading with nothing (or nothing to the point)
            # under it is a different gap from no heading at all.
            self.evidence[name] = found.value_evidence()
            return status
        # A page with no section for it may still say it in its prose.
        for sentence, lines in self.sentences(self.words("mentions", subject)):
            status = self.status(sentence, mention)
            if status != "not_mentioned":
                return self.note(name, evidence(lines), status)
        return "not_mentioned"

    def before_processing(self, dpia_status: str) -> bool:
        """Whether a DPIA still in progress is said to be signed off before processing starts."""
        if dpia_status != "in_progress":
            return False
        found = self.either("data_protection")
        texts = [found.value] if found else [sentence for sentence, _ in self.sentences(self.words("mentions", "dpia"))]
        gate = self.words("assessment", "before_processing")
        return any(gate.search(text) for text in texts)

    def committee_named(self, text: str) -> str | None:
        for match in _BODY_WORD.finditer(text):
            name = _NOT_A_NAME.sub("", _name_before(text, match)).strip(" ,")
            if " " in name and _CAPITALISED.match(name) and not name.lower().startswith(("cabinet committee", "committee")):
                return name
        cabinet = _CABINET_MEETING.search(text)
        return cabinet.group(1) if cabinet and self.words("consultation", "planned").search(text) else None

    def consultation(self, cover_only: bool) -> CommitteeConsultation:
        """From the record's consultation field, else the prose naming a committee consulted;
        a cover note alone means the committee was skipped."""
        found = self.either("consultation")
        text = found.value if found else ""
        body = self.words("consultation", "body")
        if found is None or not self.committee_named(text):
            for sentence, lines in self.sentences(body):
                if self.committee_named(sentence) and (self.words("consultation", "held").search(sentence) or self.words("consultation", "planned").search(sentence)):
                    text, found = sentence, None
                    self.evidence["committee_consultation"] = evidence(lines)
                    break
        pathway = self.report.get("past_pathway")
        if found is None and "committee_consultation" not in self.evidence and pathway and self.committee_named(pathway.value):
            # A report's past pathway lists the committees that have already considered it.
            text = pathway.value
            self.evidence["committee_consultation"] = pathway.value_evidence()
            if not self.words("consultation", "held").search(text):
                text = f"{text} considered"
        if cover_only or self.words("consultation", "not_possible").search(text):
            status = "not_possible"
        elif self.words("consultation", "planned").search(text) and self.committee_named(text):
            status = "planned"
        elif self.words("consultation", "held").search(text) and self.committee_named(text):
            status = "held"
        else:
            status = "not_mentioned"
        committee = self.committee_named(text)
        if committee is None and status == "not_possible" and "to" in self.report:
            # A record that skipped the committee seldom names it; the report is addressed to it.
            committee = self.committee_named(self.report["to"].value)
            self.evidence["committee_consultation.committee"] = self.report["to"].value_evidence()
        date = first_date(text[text.find(committee) :]) if committee and status in ("planned", "held") else None
        # The record's own words are what a reader must see, whatever the status; with no
        # consultation field, a cover note is the only evidence the committee was skipped.
        source = found or (self.report.get("title") if cover_only else None)
        if source is not None:
            self.evidence["committee_consultation"] = source.value_evidence()
        if status == "not_mentioned" and found is None:
            self.evidence.pop("committee_consultation", None)
        return CommitteeConsultation(committee if status != "not_mentioned" else None, date, status)

    def urgent(self, cover_only: bool, consultation: CommitteeConsultation) -> bool:
        main = self.record_doc or self.group.report
        urgent = self.words("urgency", "urgent")
        hit = next((line for line in _span(self.paper, main) if urgent.search(line.text)), None)
        if hit:
            return self.note("urgent", evidence([hit]), True)
        if cover_only:
            return self.note("urgent", self.report["title"].value_evidence(), True)
        if consultation.status == "not_possible":
            return self.note("urgent", self.evidence.get("committee_consultation"), True)
        return False

    def field_state(self, name: str, section: str, filled: str) -> str:
        found = self.either(section)
        if section == "interests" and found is not None and not found.value and self.record.get("dispensation") and self.record["dispensation"].value:
            found = self.record["dispensation"]
        value = state(found, filled, self.words("answers", "nil"))
        if value == "none" and filled == "given":
            # "None" under alternatives says explicitly that none were considered: that is
            # the answer the field asks for, so it counts as given.
            value = "given"
        return self.note(name, found.heading_evidence() if value == "blank" else found.value_evidence() if found else None, value)

    def decision_date(self) -> str | None:
        if self.date or self.record_doc is None or self.record_doc.kind != ROD:
            return self.date
        for found in (self.record.get("date"), self.head.get("date"), self.record.get("signature")):
            date = first_date(found.value) if found and found.value else None
            if date:
                return self.note("decision_date", found.value_evidence(), date)
        for line in self.group.head:
            dates = find_dates(line.text) if line.text and _HELD_ON.search(line.text) else []
            if dates:
                return self.note("decision_date", evidence([line]), dates[0][0])
        return None

    def pathway(self, name: str) -> str | None:
        """A report's past or future pathway: its dated stages ("Adult Social Care Cabinet
        Committee – 15 January 2025") kept apart by "; ", however the lines wrap. A stage starts
        after a date, with a capital ("4 July 2018, 27 September 2019 and …" is one stage)."""
        found = self.report.get(name)
        if found is None or not found.value:
            return self.text_field(name, found)
        text, stages, start = found.value, [], 0
        for _, _, end in find_dates(found.value):
            rest = text[end:].lstrip(" .")
            if rest[:1].isupper() or not rest:
                stages.append(text[start:end].strip(" ;,"))
                start = end
        if len(stages) > 1 and not text[start:].strip(" .;,"):
            return self.note(name, found.value_evidence(), "; ".join(stages))
        return self.text_field(name, found)

    def dated(self, name: str, label: str) -> str | None:
        """The date a labelled field of the record (or of its head) gives, for dates other than the decision's."""
        found = self.record.get(label) or self.head.get(label)
        date = first_date(found.value) if found and found.value else None
        return self.note(name, found.value_evidence(), date) if date else None

    def read(self) -> Decision:
        group = self.group
        kinds = ([REPORT] if group.report else []) + [kind for kind in RECORD_KINDS if any(r.kind == kind for r in group.records)]
        main = self.record_doc or group.report
        decision_type = "taken" if ROD in kinds else "proposed" if PROD in kinds else "report_only"
        heading = evidence([self.paper.line(main.line_start)])
        self.evidence["record_kinds"] = heading
        self.evidence["decision_type"] = heading
        self.evidence["lines"] = heading
        key, criteria = self.key_decision()
        money, largest = self.money()
        cover_only = group.outside_cycle and self.record_doc is None
        consultation = self.consultation(cover_only)
        decision_no = self.decision_no()
        urgent = self.urgent(cover_only, consultation)
        documents, numbers = self.documents(decision_no)
        return Decision(
            decision_no=decision_no,
            title=self.title(),
            record_kinds=kinds,
            decision_maker=self.decision_maker(),
            decision_type=decision_type,
            key_decision=key,
            key_decision_criteria=criteria,
            money_gbp=money,
            max_money_gbp=largest,
            electoral_divisions=self.divisions(),
            eqia_status=self.assessment("eqia_status", "equality", "eqia", "equality"),
            dpia_status=(dpia := self.assessment("dpia_status", "data_protection", "dpia", "data_protection")),
            dpia_before_processing=self.before_processing(dpia),
            committee_consultation=consultation,
            decision_date=self.decision_date(),
            publication_date=self.dated("publication_date", "published"),
            effective_date=self.dated("effective_date", "effective") or self.effective_after_call_in(),
            interests_field=self.field_state("interests_field", "interests", "recorded"),
            alternatives_field=self.field_state("alternatives_field", "alternatives", "given"),
            urgent=urgent,
            past_pathway=self.pathway("past_pathway"),
            future_pathway=self.pathway("future_pathway"),
            lines=(main.line_start, main.line_end),
            reasons_field=self.section_state("reasons_field", "reasons"),
            equality_field=self.section_state("equality_field", "equality"),
            financial_implications_field=self.section_state("financial_implications_field", "financial"),
            legal_implications_field=self.section_state("legal_implications_field", "legal"),
            for_publication=self.for_publication(),
            call_in=self.call_in(),
            urgency=self.urgency(urgent, cover_only),
            forward_plan=self.forward_plan(),
            exempt=self.exempt(),
            public_consultation=self.public_consultation(),
            placeholder_wording=self.placeholder_wording(decision_type == "taken"),
            dispensation=self.dispensation(),
            interest_category=(interest := self.declared_interest())[0],
            interest_withdrew=interest[1],
            documents=documents,
            decision_numbers=numbers,
            evidence=self.evidence,
        )


def _signature_start(lines: Sequence[Line]) -> tuple[int, str | None, Line | None]:
    """Where the signature block starts (dotted lines / date above 'signed   date') and its date."""
    signed = next((i for i in range(len(lines) - 1, -1, -1) if SIGNED_DATE.match(lines[i].text)), None)
    if signed is None:
        return len(lines), None, None
    start, date, date_line = signed, None, None
    for index in range(signed - 1, -1, -1):
        text = lines[index].text
        dates = find_dates(text) if text else []
        only_date = len(dates) == 1 and len(text) - (dates[0][2] - dates[0][1]) <= 3
        if text and not DOTTED_LINE.match(text) and not only_date:
            break
        if only_date and date is None:
            date, date_line = dates[0][0], lines[index]
        start = index
    return start, date, date_line


def extract_decisions(paper: Paper, documents: list[Document], profile: Profile) -> list[Decision]:
    labels = _Labels(profile)
    return [_Reader(paper, group, labels).read() for group in _group_documents(paper, documents, labels)]
