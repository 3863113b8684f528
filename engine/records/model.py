"""The typed records that every later stage reads: documents, decisions, meetings.

Each extracted field keeps where it came from as an `Evidence` (line span and the quoted
text), so a finding raised on a field can always be traced back to a line of the paper.
Records are plain dataclasses; `to_dict` gives the JSON form described by
`engine/schemas/records.schema.json`.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any


DOCUMENT_KINDS = (
    "agenda",
    "minutes",
    "committee_report",
    "proposed_record_of_decision",
    "record_of_decision",
    "eqia_form",
    "appendix",
    "work_programme",
    "other",
)
DECISION_TYPES = ("proposed", "taken", "report_only")
KEY_DECISION_CRITERIA = (
    "expenditure_over_1m",
    "savings_over_1m",
    "affects_more_than_two_divisions",
)
ASSESSMENT_STATUSES = ("completed", "in_progress", "not_completed", "not_required", "not_mentioned")
CONSULTATION_STATUSES = ("planned", "held", "not_possible", "not_mentioned")
# How a free-text statutory field reads: "blank" is a heading with nothing under it,
# "absent" is no heading at all; "none" is an explicit nil answer ("N/A", "None").
FIELD_STATES = ("blank", "none", "recorded", "given", "absent")


@dataclass(frozen=True)
class Evidence:
    """Where a value was read: 1-based inclusive line span and the quoted source text."""

    line: int
    end_line: int
    text: str
    # For papers that are not plain text (Word, PDF): "page 3", "table 2 row 4".
    location: str | None = None


@dataclass(frozen=True)
class Document:
    kind: str
    line_start: int
    line_end: int
    title: str | None
    decision_no: str | None


@dataclass(frozen=True)
class CommitteeConsultation:
    committee: str | None
    date: str | None
    status: str


@dataclass
class Decision:
    decision_no: str | None
    title: str | None
    record_kinds: list[str]
    decision_maker: str | None
    decision_type: str
    key_decision: bool | None
    key_decision_criteria: list[str]
    money_gbp: list[float]
    max_money_gbp: float | None
    electoral_divisions: str | None
    eqia_status: str
    dpia_status: str
    committee_consultation: CommitteeConsultation
    decision_date: str | None
    interests_field: str
    alternatives_field: str
    urgent: bool
    past_pathway: str | None
    future_pathway: str | None
    lines: tuple[int, int]
    evidence: dict[str, Evidence] = field(default_factory=dict)


@dataclass(frozen=True)
class Declaration:
    member: str
    item: str | None
    nature: str | None
    decision_no: str | None = None


@dataclass(frozen=True)
class DecisionConsidered:
    decision_no: str
    resolved: str


@dataclass
class Meeting:
    committee: str | None
    date: str | None
    lines: tuple[int, int]
    present: list[str]
    declarations: list[Declaration]
    decisions_considered: list[DecisionConsidered]
    evidence: dict[str, Evidence] = field(default_factory=dict)


@dataclass
class ParsedPaper:
    """Everything read out of one paper (one input file)."""

    source: str
    documents: list[Document]
    decisions: list[Decision]
    meetings: list[Meeting]


def to_dict(record: Any) -> Any:
    """JSON-ready form of a record: dataclasses become dicts, tuples become lists.

    Evidence maps are ordered by field name so that output is byte-stable.
    """
    if is_dataclass(record):
        return {f.name: to_dict(getattr(record, f.name)) for f in fields(record)}
    if isinstance(record, dict):
        return {key: to_dict(record[key]) for key in sorted(record)}
    if isinstance(record, (list, tuple)):
        return [to_dict(item) for item in record]
    return record
