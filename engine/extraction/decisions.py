"""Decision records read from committee reports, PRODs and RoDs.

One `Decision` per decision, whatever papers it has here: the committee report, the Proposed
Record of Decision (PROD) or the signed Record of Decision (RoD), and any EQIA form filed
with them. A record belongs to the report with its number, or to the report it directly
follows (the report's "Appendix A"; a PROD whose number is "To be allocated" takes the
report's). A "Decisions taken outside of the Cabinet Committee meeting cycle" cover note
lists decisions taken between meetings; one whose record is not in the paper is reported as
report_only. Reports with no decision of their own (for comment, performance, work
programmes, verbal updates) give no decision.

Field values are read from the record when there is one, else from the report; each value
keeps the line(s) it came from in `decision.evidence`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from govlint.engine.extraction.dates import find_dates, first_date
from govlint.engine.extraction.fields import Field, Label, evidence, find_fields, label, state
from govlint.engine.reading.lines import Line, Paper
from govlint.engine.extraction.money import amounts_in, distinct_pounds
from govlint.engine.records.model import DECISION_NUMBER, CommitteeConsultation, Decision, Document, Evidence

REPORT = "committee_report"
PROD = "proposed_record_of_decision"
ROD = "record_of_decision"
EQIA_FORM = "eqia_form"
RECORD_KINDS = (PROD, ROD)
# Documents that end a report's run: a record cannot be the "Appendix A" of a report
# when one of these sits between them.
_BREAKS_RUN = ("agenda", "minutes", "work_programme", "other")

_COMMON = {
    "number": label("number", r"decision\s+(?:no\.?|number|ref(?:erence)?)"),
    "divisions": label("divisions", r"electoral\s+divisions?(?:\s*\(s\))?"),
    "financial": label("financial", r"financial\s+implications?", numbered=True),
    "legal": label("legal", r"legal\s+implications?", numbered=True),
    "equality": label("equality", r"equalit(?:y|ies)(?:\s+impact)?(?:\s+assessment)?\s+implications?", numbered=True),
    "data_protection": label(
        "data_protection", r"data\s+protection(?:\s+impact\s+assessment)?(?:\s+\(dpia\))?\s+implications?", numbered=True
    ),
}
RECORD_LABELS: tuple[Label, ...] = (
    label("maker", r"decision\s+(?:to\s+be\s+)?taken\s+by"),
    _COMMON["number"],
    label("publication", r"for\s+publication"),
    _COMMON["divisions"],
    label("key", r"key\s+decision"),
    label("title", r"subject|title\s+of\s+(?:the\s+)?decision"),
    label("decision", r"decision"),
    label("reasons", r"reasons?(?:\s*\(s\))?\s+for\s+(?:the\s+)?decision"),
    _COMMON["financial"],
    _COMMON["legal"],
    _COMMON["equality"],
    _COMMON["data_protection"],
    label(
        "consultation",
        r"cabinet\s+committee\s+recommendations?\s+and\s+other\s+consultation|member\s+and\s+other\s+consultation|consultation",
    ),
    label("alternatives", r"any\s+alternatives?\s+(?:options?\s+)?considered(?:\s+and\s+rejected)?"),
    label(
        "interests",
        r"any\s+interests?\s+declared\s+when\s+the\s+decision\s+was\s+taken,?\s+and\s+any\s+dispensations?\s+granted"
        r"(?:\s+by\s+the)?",
        tail=r"proper\s+officer|head\s+of\s+paid\s+service",
    ),
)
REPORT_LABELS: tuple[Label, ...] = (
    label("from", r"from"),
    label("to", r"to"),
    _COMMON["number"],
    label("title", r"subject"),
    label("classification", r"classification"),
    label("past_pathway", r"past\s+pathway(?:\s+of\s+(?:the\s+)?(?:paper|report))?"),
    label("future_pathway", r"future\s+pathway(?:\s+of\s+(?:the\s+)?(?:paper|report))?"),
    _COMMON["divisions"],
    label("summary", r"summary"),
    label("recommendation", r"recommendations?(?:\s*\(s\))?", numbered=True),
    label("for_information", r"for\s+information\s+only"),
    _COMMON["financial"],
    _COMMON["legal"],
    _COMMON["equality"],
    _COMMON["data_protection"],
    # Any other numbered section heading ("1. Introduction") closes the one before it.
    Label("section", re.compile(r"^\d{1,2}\.\s+[A-Z][A-Za-z ()&'’,/-]{2,60}(?P<value>)$"), r"\d{1,2}\.\s+[A-Z]"),
)

_OUTSIDE_CYCLE = re.compile(r"decisions?\s+taken\s+outside\s+(?:of\s+)?the\s+cabinet\s+committee\s+(?:meeting\s+)?cycle", re.I)
_LISTED_DECISION = re.compile(r"^(\d{2}/\d{5})\s*[-–—:]?\s*(.*)$")
_SIGNED = re.compile(r"^signed\s+date$", re.IGNORECASE)
_DOTTED = re.compile(r"^[.\s…_]{5,}$")
_PERSON_PREFIX = re.compile(
    r"^(?:(?:mr|mrs|ms|miss|dr|cllr|councillor)\.?\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3},\s*(?=\S)"
)
_AUTHOR_START = re.compile(r"^(?:(?:mr|mrs|ms|miss|dr|cllr)\.?\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3},")
_AS_MAKER = re.compile(r"\bAs\s+(?:the\s+)?(.+?),\s+I\s+(?:propose|agree|have\s+agreed)", re.IGNORECASE)
_YES_NO = re.compile(r"^(yes|no|non[-\s]?key)\b", re.IGNORECASE)
_CRITERIA = (
    ("expenditure_over_1m", re.compile(r"\b(?:expenditure|spend(?:ing)?|value|costs?)\b", re.I)),
    ("savings_over_1m", re.compile(r"\bsavings?\b", re.I)),
    ("affects_more_than_two_divisions", re.compile(r"\b(?:two|2)\s+(?:or\s+more\s+)?(?:electoral\s+divisions|wards)\b", re.I)),
)
# A criterion about money names the threshold; one that only says "major strategies" does not.
_MONEY_THRESHOLD = re.compile(r"£\s?1(?:m\b|\s*million|,000,000)", re.I)
_EQIA = re.compile(r"\b(?:eqia|equality\s+(?:impact\s+)?(?:assessment|analysis))\b", re.I)
_DPIA = re.compile(r"\bdpia\b|data\s+protection\s+impact\s+assessment", re.I)
_NOT_REQUIRED = re.compile(
    r"not\s+(?:be\s+)?(?:been\s+)?(?:required|needed|necessary|applicable)"
    r"|no\s+(?:anticipated\s+|direct\s+)?(?:data(?:\s+protection)?|equalit(?:y|ies))\s+implications",
    re.I,
)
_NOT_COMPLETED = re.compile(
    r"(?:has|have)\s+not\s+(?:yet\s+)?been\s+(?:completed|carried\s+out|undertaken|conducted)|no\s+(?:eqia|dpia)\s+has\s+been", re.I
)
_IN_PROGRESS = re.compile(
    r"in\s+progress|under\s*way|is\s+being\s+(?:developed|completed|undertaken|carried\s+out|prepared)"
    r"|will\s+be\s+(?:completed|undertaken|carried\s+out|conducted|developed)",
    re.I,
)
_COMPLETED = re.compile(
    r"(?:has|have)\s+been\s+(?:carried\s+out|undertaken|completed|conducted|developed|updated|reviewed|produced|prepared)"
    r"|was\s+(?:carried\s+out|undertaken|completed|conducted)|\bcompleted\b",
    re.I,
)
_NOT_POSSIBLE = re.compile(r"not\s+(?:been\s+)?possible|could\s+not\s+(?:reasonably\s+)?be|no\s+(?:cabinet\s+)?committee\s+consultation", re.I)
_PLANNED = re.compile(r"will\s+be\s+(?:discussed|considered|presented|taken)|is\s+(?:due|scheduled)\s+to", re.I)
_HELD = re.compile(r"\b(?:considered|endorsed|discussed|supported|recommended|agreed)\b", re.I)
# A name starts at a word's start and each word is taken whole (*+): tried inside a long run of
# capitals, the word would be rescanned from every letter (quadratic in the run).
_COMMITTEE = re.compile(r"((?:(?<![\w'’])[A-Z][\w'’]*+,?\s+(?:and\s+|&\s+)?){1,7}Committee)\b")
_NOT_A_NAME = re.compile(r"^(?:(?:the|no|a|an|this|each|next|any)\s+)+", re.IGNORECASE)
_URGENT = re.compile(
    r"urgent\s+decision|urgency\s+procedures?|reason\s+for\s+urgency|special\s+urgency|as\s+a\s+matter\s+of\s+urgency", re.I
)


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


def _span(paper: Paper, document: Document) -> tuple[Line, ...]:
    """The document's lines in reading order (two-column rows can share a number, so not by index)."""
    return paper.between(document.line_start, document.line_end)


def _number_in(found: Field | None) -> str | None:
    match = DECISION_NUMBER.search(found.value) if found else None
    return match.group(1) if match else None


def _listed_decisions(report_fields: dict[str, Field]) -> list[tuple[str, tuple[Line, ...]]]:
    """A cover note's list of decisions: each number with the line(s) naming it."""
    found: list[tuple[str, tuple[Line, ...]]] = []
    recommendation = report_fields.get("recommendation")
    body = list(recommendation.body) if recommendation else []
    for index, line in enumerate(body):
        match = _LISTED_DECISION.match(line.text)
        if match and match.group(1) not in (number for number, _ in found):
            run = [line]
            for following in body[index + 1 :]:
                if not following.text:
                    break
                run.append(following)
            found.append((match.group(1), tuple(run)))
    return found


def _group_documents(paper: Paper, documents: Sequence[Document]) -> list[_Group]:
    groups: list[_Group] = []
    # The latest group holding each decision number, kept as groups are made: scanning every
    # group for each record is quadratic in a paper of thousands of records.
    latest: dict[str, _Group] = {}
    current: _Group | None = None
    for document in documents:
        if document.kind == REPORT:
            report_fields = find_fields(_span(paper, document), REPORT_LABELS)
            title = report_fields.get("title")
            if title and _OUTSIDE_CYCLE.search(title.value):
                listed = _listed_decisions(report_fields)
                made = [_Group(document, report_fields, number, run, outside_cycle=True) for number, run in listed]
                current = None
            else:
                current = _Group(document, report_fields, _number_in(report_fields.get("number")) or document.decision_no)
                made = [current]
            groups += made
            latest.update((group.number, group) for group in made if group.number)
        elif document.kind in RECORD_KINDS:
            number = _number_in(find_fields(_span(paper, document), RECORD_LABELS).get("number")) or document.decision_no
            same = latest.get(number) if number else None
            # "Directly follows": its report's Appendix A, numbered alike or "To be allocated".
            follows = current is not None and not current.records and (number is None or current.number in (None, number))
            group = same or (current if follows else None)
            if group is None:
                group = _Group(number=number)
                groups.append(group)
            group.records.append(document)
            if number:
                latest.setdefault(number, group)
            current = group
        elif document.kind == EQIA_FORM:
            if current is not None:
                current.eqia_forms.append(document)
        elif document.kind in _BREAKS_RUN:
            current = None
    return [g for g in groups if g.records or g.outside_cycle or (g.report is not None and g.number)]


def _post(text: str) -> str:
    """The post of a decision maker, without the person's name: 'Clair Bell, Cabinet Member…'."""
    return _PERSON_PREFIX.sub("", text).strip(" ,.")


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


def _status(text: str, mention: re.Pattern[str]) -> str:
    if _NOT_REQUIRED.search(text):
        return "not_required"
    if not mention.search(text):
        return "not_mentioned"
    for status, pattern in (("not_completed", _NOT_COMPLETED), ("in_progress", _IN_PROGRESS), ("completed", _COMPLETED)):
        if pattern.search(text):
            return status
    return "not_mentioned"


def _committee_named(text: str) -> str | None:
    for match in _COMMITTEE.finditer(text):
        name = _NOT_A_NAME.sub("", match.group(1)).strip()
        if " " in name and not name.lower().startswith(("cabinet committee", "committee")):
            return name
    return None


def _signature_start(lines: Sequence[Line]) -> tuple[int, str | None, Line | None]:
    """Where the signature block starts (dotted lines / date above 'signed   date') and its date."""
    signed = next((i for i in range(len(lines) - 1, -1, -1) if _SIGNED.match(lines[i].text)), None)
    if signed is None:
        return len(lines), None, None
    start, date, date_line = signed, None, None
    for index in range(signed - 1, -1, -1):
        text = lines[index].text
        dates = find_dates(text) if text else []
        only_date = len(dates) == 1 and len(text) - (dates[0][2] - dates[0][1]) <= 3
        if text and not _DOTTED.match(text) and not only_date:
            break
        if only_date and date is None:
            date, date_line = dates[0][0], lines[index]
        start = index
    return start, date, date_line


class _Reader:
    """Fills one Decision from a group's papers, recording the evidence of each value."""

    def __init__(self, paper: Paper, group: _Group):
        self.paper = paper
        self.group = group
        self.evidence: dict[str, Evidence] = {}
        self.report = group.report_fields
        self.record_doc = next((r for r in group.records if r.kind == ROD), group.records[-1] if group.records else None)
        self.record: dict[str, Field] = {}
        self.date: str | None = None
        if self.record_doc:
            lines = _span(paper, self.record_doc)
            start, self.date, date_line = _signature_start(lines)
            self.record = find_fields(lines[:start], RECORD_LABELS)
            if date_line:
                self.evidence["decision_date"] = evidence([date_line])

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

    def decision_no(self) -> str | None:
        found = self.record.get("number")
        number = _number_in(found)
        if number:
            return self.note("decision_no", found.value_evidence(), number)
        if self.group.listed_title:
            return self.note("decision_no", evidence(self.group.listed_title), self.group.number)
        return self.note("decision_no", self.report["number"].value_evidence() if "number" in self.report else None, self.group.number)

    def title(self) -> str | None:
        if "title" in self.record:
            return self.text_field("title", self.record["title"])
        if self.group.listed_title:
            text = _LISTED_DECISION.match(" ".join(line.text for line in self.group.listed_title)).group(2)
            return self.note("title", evidence(self.group.listed_title), text.strip() or None)
        return self.text_field("title", self.report.get("title"))

    def decision_maker(self) -> str | None:
        found = self.record.get("maker")
        if found and found.value:
            return self.note("decision_maker", found.value_evidence(), _post(found.value))
        decision = self.record.get("decision")
        match = _AS_MAKER.search(decision.value) if decision else None
        if match:
            return self.note("decision_maker", decision.value_evidence(), _post(match.group(1)))
        if "from" in self.report:
            text, lines = _first_author(self.report["from"])
            return self.note("decision_maker", evidence(lines), _post(text) or None)
        return None

    def key_decision(self) -> tuple[bool | None, list[str]]:
        found = self.record.get("key")
        if found is None:
            return None, []
        answer = _YES_NO.match(found.value)
        # Older forms print "Key decision" with the criterion under it and no Yes/No.
        key = answer.group(1).lower() == "yes" if answer else (True if found.value else None)
        criteria = [name for name, pattern in _CRITERIA if pattern.search(found.value)]
        if "expenditure_over_1m" in criteria or "savings_over_1m" in criteria:
            if not _MONEY_THRESHOLD.search(found.value):
                criteria = [c for c in criteria if c == "affects_more_than_two_divisions"]
        self.note("key_decision", found.value_evidence(), key)
        self.note("key_decision_criteria", found.value_evidence(), criteria)
        return key, criteria

    def money(self) -> tuple[list[float], float | None]:
        found = self.record.get("financial") if self.record else self.report.get("financial")
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

    def assessment(self, name: str, section: str, mention: re.Pattern[str]) -> str:
        found = self.either(section)
        status = _status(found.value, mention) if found else "not_mentioned"
        if status == "not_mentioned" and name == "eqia_status" and self.group.eqia_forms:
            form = self.group.eqia_forms[0]
            return self.note(name, evidence([self.paper.line(form.line_start)]), "completed")
        if found:
            # Kept for not_mentioned too: a heading with nothing (or nothing to the point)
            # under it is a different gap from no heading at all.
            self.evidence[name] = found.value_evidence()
        return status

    def consultation(self, cover_only: bool) -> CommitteeConsultation:
        """From the record's consultation field; a cover note alone means the committee was skipped."""
        found = self.record.get("consultation")
        text = found.value if found else ""
        if cover_only or _NOT_POSSIBLE.search(text):
            status = "not_possible"
        elif _PLANNED.search(text):
            status = "planned"
        elif _HELD.search(text) and _committee_named(text):
            status = "held"
        else:
            status = "not_mentioned"
        committee = _committee_named(text)
        if committee is None and status == "not_possible" and "to" in self.report:
            # A record that skipped the committee seldom names it; the report is addressed to it.
            committee = _committee_named(self.report["to"].value)
            self.evidence["committee_consultation.committee"] = self.report["to"].value_evidence()
        date = first_date(text[text.find(committee) :]) if committee and status in ("planned", "held") else None
        # The record's own words are what a reader must see, whatever the status; with no
        # consultation field, a cover note is the only evidence the committee was skipped.
        source = found or (self.report.get("title") if cover_only else None)
        if source is not None:
            self.evidence["committee_consultation"] = source.value_evidence()
        return CommitteeConsultation(committee, date, status)

    def urgent(self, cover_only: bool, consultation: CommitteeConsultation) -> bool:
        main = self.record_doc or self.group.report
        hit = next((line for line in _span(self.paper, main) if _URGENT.search(line.text)), None)
        if hit:
            return self.note("urgent", evidence([hit]), True)
        if cover_only:
            return self.note("urgent", self.report["title"].value_evidence(), True)
        if consultation.status == "not_possible":
            return self.note("urgent", self.evidence.get("committee_consultation"), True)
        return False

    def field_state(self, name: str, section: str, filled: str) -> str:
        found = self.record.get(section)
        value = state(found, filled)
        return self.note(name, found.heading_evidence() if value == "blank" else found.value_evidence() if found else None, value)

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
        return Decision(
            decision_no=self.decision_no(),
            title=self.title(),
            record_kinds=kinds,
            decision_maker=self.decision_maker(),
            decision_type=decision_type,
            key_decision=key,
            key_decision_criteria=criteria,
            money_gbp=money,
            max_money_gbp=largest,
            electoral_divisions=self.text_field("electoral_divisions", self.either("divisions")),
            eqia_status=self.assessment("eqia_status", "equality", _EQIA),
            dpia_status=self.assessment("dpia_status", "data_protection", _DPIA),
            committee_consultation=consultation,
            decision_date=self.date,
            interests_field=self.field_state("interests_field", "interests", "recorded"),
            alternatives_field=self.field_state("alternatives_field", "alternatives", "given"),
            urgent=self.urgent(cover_only, consultation),
            past_pathway=self.text_field("past_pathway", self.report.get("past_pathway")),
            future_pathway=self.text_field("future_pathway", self.report.get("future_pathway")),
            lines=(main.line_start, main.line_end),
            evidence=self.evidence,
        )


def extract_decisions(paper: Paper, documents: list[Document]) -> list[Decision]:
    return [_Reader(paper, group).read() for group in _group_documents(paper, documents)]
