"""The typed records that every later stage reads: documents, decisions, meetings.

This module is the one declaration of the record model. A field's annotation says everything
about it: its type, whether it may be null (`| None`), its vocabulary (a `Literal`), whether it
is a date (`IsoDate`), its constraints and description (`Annotated` with `Pattern`, `Minimum`,
`Length`, `UNIQUE`, `Description`); `example(...)` gives its value in a complete record with
no gap any rule looks for. From this declaration engine.records.fields derives the field
catalogue (pack loader, fact shapes, date fields), record-file loading and the rule-test
default records, and engine.records.schema generates records.schema.json. Adding a field is
one line here plus its extraction.

Each extracted field of a decision or a meeting keeps where it came from in the record's
`evidence` map (keyed by field path: "decision_date", "committee_consultation.committee",
"declarations[0]"), so a finding raised on a field can always be traced back to a line of the
paper. Records are plain dataclasses; `to_dict` gives their JSON form.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Annotated, Any, Literal, get_args


@dataclass(frozen=True)
class Pattern:
    """The whole text must match `regex` (a JSON Schema pattern)."""

    regex: str


@dataclass(frozen=True)
class Minimum:
    value: int | float


@dataclass(frozen=True)
class Length:
    """The text's length in characters, at least `min` and at most `max`."""

    min: int
    max: int


@dataclass(frozen=True)
class Description:
    """What the value is, for readers of the schema."""

    text: str


class _Marker:
    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


# A list that names each value at most once.
UNIQUE = _Marker("UNIQUE")
# A calendar date, compared as a date by the rules.
DATE = _Marker("DATE")


def example(value: Any, **options: Any) -> Any:
    """The field's value in the complete, gap-free example record (rule tests start from it).

    Fields of a nested record type, and lists of them, need none: their example is built from
    the nested record's own examples. `options` are those of `dataclasses.field` (a default).
    """
    return field(metadata={"example": value}, **options)


DecisionNo = Annotated[str, Length(1, 80), Description('The decision reference as printed (KCC "24/00115", "CAB/2025/031", "ODR-2025-14").')]
IsoDate = Annotated[str, Pattern(r"^\d{4}-\d{2}-\d{2}$"), DATE]
LineNo = Annotated[int, Minimum(1)]
Pounds = Annotated[float, Minimum(0)]

DocumentKind = Literal[
    "agenda",
    "minutes",
    "committee_report",
    "proposed_record_of_decision",
    "record_of_decision",
    "eqia_form",
    "appendix",
    "work_programme",
    "other",
]
RecordKind = Literal["committee_report", "proposed_record_of_decision", "record_of_decision"]
DecisionType = Literal["proposed", "taken", "report_only"]
KeyDecisionCriterion = Literal["expenditure_over_1m", "savings_over_1m", "affects_more_than_two_divisions"]
AssessmentStatus = Literal["completed", "in_progress", "not_completed", "not_required", "not_mentioned"]
ConsultationStatus = Literal["planned", "held", "not_possible", "not_mentioned"]
# How a free-text statutory field reads: "blank" is a heading with nothing under it,
# "absent" is no heading at all; "none" is an explicit nil answer ("N/A", "None").
FieldState = Literal["blank", "none", "recorded", "given", "absent"]

DOCUMENT_KINDS = get_args(DocumentKind)
DECISION_TYPES = get_args(DecisionType)
KEY_DECISION_CRITERIA = get_args(KeyDecisionCriterion)
ASSESSMENT_STATUSES = get_args(AssessmentStatus)
CONSULTATION_STATUSES = get_args(ConsultationStatus)
FIELD_STATES = get_args(FieldState)


@dataclass(frozen=True)
class Evidence:
    """Where a value was read: 1-based inclusive line span and the quoted source text."""

    line: LineNo
    end_line: LineNo
    text: str
    # For papers that are not plain text (Word, PDF): "page 3", "table 2 row 4".
    location: str | None = None


@dataclass(frozen=True)
class Document:
    kind: DocumentKind
    line_start: LineNo
    line_end: LineNo
    title: str | None
    decision_no: DecisionNo | None


@dataclass(frozen=True)
class CommitteeConsultation:
    committee: str | None = example("Adult Social Care Cabinet Committee")
    date: IsoDate | None = example("2020-09-29")
    status: ConsultationStatus = example("held")


# The example decision: a key decision taken by a Cabinet Member after the Cabinet Committee
# endorsed it, with its report, signed and dated.
@dataclass
class Decision:
    decision_no: DecisionNo | None = example("20/00001")
    title: str | None = example("Community Support Services Contract")
    record_kinds: Annotated[list[RecordKind], UNIQUE] = example(["committee_report", "record_of_decision"])
    decision_maker: str | None = example("Cabinet Member for Adult Social Care and Public Health")
    decision_type: DecisionType = example("taken")
    key_decision: bool | None = example(True)
    key_decision_criteria: Annotated[list[KeyDecisionCriterion], UNIQUE] = example(["expenditure_over_1m", "affects_more_than_two_divisions"])
    money_gbp: list[Pounds] = example([1500000.0])
    max_money_gbp: Pounds | None = example(1500000.0)
    # The divisions or wards the record names, as listed; ["All"] when it says all of them.
    electoral_divisions: list[str] | None = example(["All"])
    eqia_status: AssessmentStatus = example("completed")
    dpia_status: AssessmentStatus = example("completed")
    # A DPIA in progress must hold the processing back until it is signed off.
    dpia_before_processing: Annotated[bool, Description("The record says processing will not start before the DPIA is signed off.")] = example(False)
    committee_consultation: CommitteeConsultation
    decision_date: IsoDate | None = example("2020-10-05")
    interests_field: FieldState = example("none")
    alternatives_field: FieldState = example("given")
    urgent: bool = example(False)
    past_pathway: str | None = example("Adult Social Care Directorate Management Team - 1 September 2020")
    future_pathway: str | None = example("Cabinet Member decision")
    lines: tuple[LineNo, LineNo] = example((1, 120))
    # The other dates a record prints, each by its role.
    publication_date: Annotated[IsoDate, Description("When the record was published.")] | None = example("2020-10-06", default=None)
    effective_date: Annotated[IsoDate, Description("When the decision takes effect (after any call-in period).")] | None = example("2020-10-14", default=None)
    evidence: dict[str, Evidence] = field(default_factory=dict)


@dataclass(frozen=True)
class Declaration:
    member: str = example("Mr A Smith")
    item: str | None = example("6")
    nature: str | None = example("he was a trustee of a charity bidding for the contract")
    decision_no: DecisionNo | None = example("20/00001", default=None)


@dataclass(frozen=True)
class DecisionConsidered:
    decision_no: DecisionNo = example("20/00001")
    resolved: str = example("endorse")


@dataclass(frozen=True)
class AgendaItem:
    """An item of a meeting's agenda as a meeting service lists it (ModernGov's GetMeeting)."""

    number: str | None = example("6")
    title: str | None = example("20/00001 - Community Support Services Contract")
    is_decision: bool = example(True)
    call_in: bool = example(False)
    restricted: bool = example(False)
    # What the meeting resolved on the item, in the vocabulary of DecisionConsidered.resolved
    # ("none" when nothing is minuted or decided).
    resolved: str = example("endorse")
    # The papers the meeting considered under this item: the files they were saved as.
    papers: list[str] = example(["papers/20-00001-report.pdf"])


# The example meeting: the committee that endorsed the example decision, with a well-formed
# declaration.
@dataclass
class Meeting:
    committee: str | None = example("Adult Social Care Cabinet Committee")
    date: IsoDate | None = example("2020-09-29")
    lines: tuple[LineNo, LineNo] = example((1, 200))
    present: list[str] = example(["Mr A Smith", "Mrs B Jones"])
    declarations: list[Declaration]
    decisions_considered: list[DecisionConsidered]
    evidence: dict[str, Evidence] = field(default_factory=dict)
    # Read only where a meeting service lists the agenda; minutes read from a paper have none.
    items: list[AgendaItem] = field(default_factory=list)


# How one paper was read. A paper whose records could not be read is never taken as clean:
# `understood` is false and `not_understood` says what was looked for and where, so a rule
# can report it. Records written by another system carry no reading: they are taken as read.
@dataclass
class Reading:
    profile: Annotated[str, Description("The reader profile the paper was read with; empty for records written elsewhere.")] = example(
        "english-councils", default=""
    )
    understood: bool = example(True, default=True)
    not_understood: Annotated[str, Description("What was looked for in the paper and could not be found.")] | None = example(None, default=None)
    lines: tuple[LineNo, LineNo] = example((1, 120), default=(1, 1))
    evidence: dict[str, Evidence] = field(default_factory=dict)


@dataclass
class ParsedPaper:
    """Everything read out of one paper (one input file)."""

    source: str
    documents: list[Document]
    decisions: list[Decision]
    meetings: list[Meeting]
    reading: Reading = field(default_factory=Reading)


# The records a paper yields, by the name the schema, packs and record files use for them.
RECORD_TYPES = {"document": Document, "decision": Decision, "meeting": Meeting, "paper": Reading}


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
