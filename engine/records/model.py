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
    "forward_plan",
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
# The route a decision took to be taken without the full notice of reg 9: none (the ordinary
# 28 clear days), general exception (reg 10) or special urgency (reg 11).
UrgencyRoute = Literal["none", "general_exception", "special_urgency"]
# subject_to_call_in: scrutiny may call it in before the implementation date; waived: exempt
# from call-in (an urgent decision), with its reason.
CallInStatus = Literal["subject_to_call_in", "waived", "not_mentioned"]
ExemptStatus = Literal["public", "exempt", "not_mentioned"]
# Public or stakeholder consultation on the matter (not the committee consultation): held,
# planned, none (the record says there was none) or not mentioned.
PublicConsultationStatus = Literal["held", "planned", "none", "not_mentioned"]
# A declaration's category under the Localism Act and the members' code.
InterestCategory = Literal["disclosable_pecuniary", "other_significant", "other", "not_stated"]

DOCUMENT_KINDS = get_args(DocumentKind)
DECISION_TYPES = get_args(DecisionType)
KEY_DECISION_CRITERIA = get_args(KeyDecisionCriterion)
ASSESSMENT_STATUSES = get_args(AssessmentStatus)
CONSULTATION_STATUSES = get_args(ConsultationStatus)
FIELD_STATES = get_args(FieldState)
URGENCY_ROUTES = get_args(UrgencyRoute)
CALL_IN_STATUSES = get_args(CallInStatus)
EXEMPT_STATUSES = get_args(ExemptStatus)
PUBLIC_CONSULTATION_STATUSES = get_args(PublicConsultationStatus)
INTEREST_CATEGORIES = get_args(InterestCategory)


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
@dataclass(frozen=True)
class Urgency:
    """How a decision taken without 28 clear days' notice on the forward plan was allowed."""

    route: UrgencyRoute = example("none", default="none")
    # The reason the decision could not wait, as the record (or the report on it) gives it;
    # "blank" when it promises a reason and gives none.
    reason: FieldState = example("absent", default="absent")
    # reg 11: the chair (of scrutiny, or of the council) who agreed the decision was urgent.
    agreed_by: str | None = example(None, default=None)
    agreed_date: IsoDate | None = example(None, default=None)
    # reg 10: when the general-exception notice was published, and whether the scrutiny chair
    # was told in writing.
    notice_date: IsoDate | None = example(None, default=None)
    scrutiny_chair_informed: bool = example(False, default=False)


@dataclass(frozen=True)
class ForwardPlanNotice:
    """What a record says of its own notice on the forward plan (reg 9)."""

    # The forward plan reference as printed; None when the record gives none.
    reference: str | None = example("FP/2020/118", default=None)
    # listed: the record cites its entry; not_listed: it says there is none ("Not applicable").
    status: Literal["listed", "not_listed", "not_mentioned"] = example("listed", default="not_mentioned")
    first_published: IsoDate | None = example("2020-08-20", default=None)
    # What the record's own narrative says of the 28 clear days: true "has passed", false
    # "is now approaching"; None when it says nothing.
    period_met: bool | None = example(True, default=None)


@dataclass(frozen=True)
class ExemptInformation:
    """Whether the record or its report withholds information under LGA 1972 Schedule 12A."""

    status: ExemptStatus = example("public", default="not_mentioned")
    # The Schedule 12A Part 1 paragraphs (1-7) cited.
    paragraphs: Annotated[list[int], UNIQUE] = example([], default_factory=list)
    public_interest_test: bool = example(False, default=False)


@dataclass(frozen=True)
class PublicConsultation:
    status: PublicConsultationStatus = example("held", default="not_mentioned")
    # When it took place (its closing date when it gives a period).
    date: IsoDate | None = example("2020-07-31", default=None)
    # The record summarises the responses and how they were taken into account.
    summary: bool = example(True, default=False)


@dataclass(frozen=True)
class DecisionDocument:
    """One document about the decision (its report, PROD, RoD or forward-plan entry), as printed there."""

    kind: Literal["committee_report", "proposed_record_of_decision", "record_of_decision", "forward_plan_entry"] = example("record_of_decision")
    source: str = example("decisions/20-00001.txt")
    lines: tuple[LineNo, LineNo] = example((1, 120))
    decision_no: DecisionNo | None = example("20/00001")
    title: str | None = example("Community Support Services Contract")
    max_money_gbp: Pounds | None = example(1500000.0)


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
    # reg 12(2)(b): the reasons for the decision.
    reasons_field: FieldState = example("given", default="absent")
    # The equality implications as a field: "blank" or "absent" is an error of eqia-missing.
    equality_field: FieldState = example("given", default="absent")
    financial_implications_field: FieldState = example("given", default="absent")
    legal_implications_field: FieldState = example("given", default="absent")
    # The record is marked for publication (true) or as exempt from it (false); None: neither.
    for_publication: bool | None = example(True, default=None)
    call_in: CallInStatus = example("subject_to_call_in", default="not_mentioned")
    urgency: Urgency = field(default_factory=Urgency)
    forward_plan: ForwardPlanNotice = field(default_factory=ForwardPlanNotice)
    exempt: ExemptInformation = field(default_factory=ExemptInformation)
    public_consultation: PublicConsultation = field(default_factory=PublicConsultation)
    # A taken record still worded as the proposal ("I propose to", "will be discussed at").
    placeholder_wording: bool = example(False, default=False)
    # An interest the record notes and the dispensation it names for it.
    dispensation: str | None = example(None, default=None)
    # The interest the record's interests field notes: the most serious kind it names, and
    # whether the member is said to have withdrawn (None: it says neither). None when it notes none.
    interest_category: InterestCategory | None = example(None, default=None)
    interest_withdrew: bool | None = example(None, default=None)
    # The documents read about this decision, each with what it prints; with the corpus view,
    # those of every paper checked.
    documents: list[DecisionDocument] = field(default_factory=list)
    # Every decision number its documents print (the record's own first): more than one is a
    # conflict.
    decision_numbers: Annotated[list[DecisionNo], UNIQUE] = example(["20/00001"], default_factory=list)
    # The corpus view's key for the decision: records (and meetings' items) about one decision
    # share it across files. None until the corpus view links the records.
    case: str | None = example("20/00001", default=None)
    evidence: dict[str, Evidence] = field(default_factory=dict)


@dataclass(frozen=True)
class Declaration:
    member: str = example("Mr A Smith")
    item: str | None = example("6")
    nature: str | None = example("he was a trustee of a charity bidding for the contract")
    decision_no: DecisionNo | None = example("20/00001", default=None)
    category: InterestCategory = example("other", default="not_stated")
    # The minutes record the member leaving the room for the item (true), or taking part or
    # voting on it (false); None: they say neither.
    withdrew: bool | None = example(True, default=None)
    dispensation: str | None = example(None, default=None)


@dataclass(frozen=True)
class DecisionConsidered:
    decision_no: DecisionNo = example("20/00001")
    resolved: str = example("endorse")
    item: str | None = example("6", default=None)
    # Set by the corpus view, as on the decision.
    case: str | None = example("20/00001", default=None)
    # The Schedule 12A Part 1 paragraphs (1-7) the motion to exclude the press and public cites
    # for the item, in the minutes or the agenda: it classifies the item's exempt information.
    exempt_paragraphs: Annotated[list[int], UNIQUE] = example([], default_factory=list)


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


# A key decision announced on the forward plan (the Forthcoming Executive Decisions list, the
# notice of key decisions): reg 9's notice, 28 clear days before the decision is taken.
@dataclass
class ForwardPlanEntry:
    decision_no: DecisionNo | None = example("20/00001")
    title: str | None = example("Community Support Services Contract")
    decision_maker: str | None = example("Cabinet Member for Adult Social Care and Public Health")
    key_decision: bool | None = example(True)
    first_published: IsoDate | None = example("2020-08-20")
    # The date the decision is due, or the start of the period ("not before").
    decision_due: IsoDate | None = example("2020-10-05")
    # The documents to be submitted to the decision maker.
    documents_field: FieldState = example("given")
    # Where copies can be had and other documents asked for: a contact or address.
    contact: str | None = example("Jane Doe, Commissioning Manager, jane.doe@example.gov.uk")
    lines: tuple[LineNo, LineNo] = example((1, 20))
    urgency: Urgency = field(default_factory=Urgency)
    exempt: ExemptInformation = field(default_factory=ExemptInformation)
    case: str | None = example("20/00001", default=None)
    evidence: dict[str, Evidence] = field(default_factory=dict)


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
    forward_plan_entries: list[ForwardPlanEntry] = field(default_factory=list)


# The records a paper yields, by the name the schema, packs and record files use for them.
RECORD_TYPES = {
    "document": Document,
    "decision": Decision,
    "meeting": Meeting,
    "forward_plan_entry": ForwardPlanEntry,
    "paper": Reading,
}


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
