"""The reader-profile model: what a family of councils' papers looks like, as data.

A profile says how each kind of document announces itself, the label wordings of every field
in a record and in a report's front sheet, how decision references are printed, which printed
text is boilerplate and which lines are page furniture, and the wording that gives each status
(an EqIA completed or screened out, a committee consulted or not). The reader's code knows the
shapes of papers (a label and its value, a section running to the next heading); everything a
council words its own way comes from here.

Label wordings are phrases (plain words, matched case-blind, any white space standing for a
space, a phrase wrapping over two lines allowed); references, furniture and wording are
regular expressions, compiled only when safe (`engine.common.patterns`).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from govlint.engine.common.patterns import any_phrase, any_safe_pattern, required_words, safe_pattern

# The fields a profile may give labels for, by the family of form they appear in. The reader
# reads each one; a profile naming any other is refused, so a misspelling is never ignored.
RECORD_LABELS = (
    "number",  # the decision reference
    "maker",  # who takes the decision
    "title",
    "publication",  # "For publication" / exempt
    "divisions",  # electoral divisions or wards affected
    "key",  # key decision yes/no, with any criterion after it
    "key_criteria",  # a separate "Reason key" / "Key decision reason" field
    "decision",
    "summary",  # a purpose or background section before the decision
    "reasons",
    "financial",
    "legal",
    "equality",
    "data_protection",
    "consultation",
    "alternatives",
    "interests",
    "dispensation",  # a separate dispensation field beside the interests one
    "date",  # the date the decision was taken
    "published",  # the date the record was published
    "effective",  # the date the decision takes effect
    "signature",  # "Signed:" lines and signature panels
    "urgency",  # "Reason for urgency": why the decision could not wait
    "call_in",  # "Subject to call-in: Yes", "Is Callable In?", "Call-in deadline"
    "forward_plan",  # "Forward Plan Reference: FP/2025/088" / "Not applicable"
    "first_published",  # when the forward-plan notice was first published
)
REPORT_LABELS = (
    "from",  # the author; in KCC reports the Cabinet Member who decides
    "to",  # the committee the report goes to for consultation
    "maker",  # "Report to: Cabinet" where the recipient decides
    "number",
    "title",
    "status",  # "For Decision", "For Information"
    "classification",
    "past_pathway",
    "future_pathway",
    "divisions",
    "key",
    "key_criteria",
    "summary",
    "recommendation",
    "for_information",
    "financial",
    "legal",
    "equality",
    "data_protection",
    "consultation",
    "alternatives",
    "interests",  # a section for members' declarations, where a report has one
    "meeting_date",
    "urgency",
    "forward_plan",
)
# An entry of a forward plan (reg 9's notice of a key decision), a block of labelled fields or
# a row of a table whose column headings are these labels.
FORWARD_PLAN_LABELS = (
    "number",  # the plan's reference for the entry
    "title",  # the matter to be decided
    "maker",
    "key",
    "first_published",  # when the entry first appeared on the plan
    "due",  # the date or period of the decision ("Not before 5 Nov 2025", "February 2026")
    "documents",  # the documents to be submitted to the decision maker
    "contact",  # the lead officer, or where copies of the documents can be had
    "restriction",  # whether the matter will be taken in private, and under which paragraph
    "urgency_reason",  # why it cannot wait 28 clear days
    "notice",  # the date of a general-exception or urgency notice for the entry
    "agreed_by",  # who agreed a special-urgency decision could not reasonably be deferred
)
LABEL_FAMILIES = {"record": RECORD_LABELS, "report": REPORT_LABELS, "forward_plan": FORWARD_PLAN_LABELS}
DOCUMENT_KINDS = ("record_of_decision", "proposed_record_of_decision", "committee_report", "minutes", "agenda", "forward_plan")
# Wording topics and the values each gives. Each entry is a list of regular expressions.
WORDING = {
    # "other": sentences about assessments other than this decision's ("separate assessments
    # will be completed as each project comes forward"), which say nothing of its status.
    "assessment": ("not_required", "not_completed", "in_progress", "completed", "other", "before_processing"),
    # The assessments by name, and the subjects they are about (a page with no section for
    # them may still say "no personal data is involved").
    "mentions": ("eqia", "dpia", "equality", "data_protection"),
    "consultation": ("not_possible", "planned", "held", "body"),
    "key_decision": ("yes", "no"),
    # "amount": a bare amount over the threshold ("Yes - over £500,000"), read as spending
    # unless savings are named.
    "criteria": ("expenditure_over_1m", "savings_over_1m", "affects_more_than_two_divisions", "threshold", "amount"),
    "answers": ("nil", "all_divisions", "for_decision"),
    # The route a decision took without 28 clear days' notice: "urgent" a record's mark of
    # urgency; "special_urgency" (reg 11; KCC's FED "Urgent Decision - Immediate
    # Implementation") and "general_exception" (reg 10; KCC's "Semi-urgent decision process") the
    # route a record, a forward-plan entry or its plan's section marks; "normal_route" ("on the
    # normal timescales") says it took none even where an urgent route was once meant;
    # "promised" is a reason announced ("for the reason set out below"), "reason" a reason
    # actually given; "agreed" the agreement that the matter is urgent, "scrutiny_chair" the
    # chair told of it, "notice" a general-exception notice published (in a plan's section: a
    # sentence that dates the notice itself); "not_deferrable" reg 11's "cannot reasonably be
    # deferred", which marks special urgency on a forward-plan entry.
    "urgency": ("urgent", "special_urgency", "general_exception", "normal_route", "promised", "reason", "agreed", "scrutiny_chair", "notice", "not_deferrable"),
    # "effective": the words before a call-in note's implementation date ("take effect on");
    # "yes" / "no": the answers of a call-in field.
    "call_in": ("subject", "waived", "effective", "yes", "no"),
    # What a record says of its own forward-plan notice ("listed", "not_listed",
    # "first_published"; "period_met" / "period_not_met" its narrative on the 28 days: "has
    # passed", "is now approaching"), and how a forward plan is laid out: the headings of its
    # general-exception (reg 10) and special-urgency (reg 11) sections; a section saying there
    # are none ("None issued"); a field still to be filled in ("To be confirmed"); a plan heading
    # that makes every entry a key decision ("Notice of key decisions"); the plan's statement of
    # where copies of the documents can be had, the contact of an entry that names none;
    # "due_by": the words after a decision due date that name its decision maker ("14 January
    # 2026 by Cabinet").
    "forward_plan": (
        "listed",
        "not_listed",
        "period_met",
        "period_not_met",
        "first_published",
        "general_exception_section",
        "special_urgency_section",
        "none_issued",
        "to_be_confirmed",
        "key_plan",
        "copies",
        "due_by",
    ),
    # Exempt information (LGA 1972 Schedule 12A) on a record: whether it is public or exempt;
    # "not_exempt" ("Exempt
    # information: No", a form's printed instruction not to include any), "paragraph" the words
    # before a cited paragraph number.
    "exempt": ("public", "exempt", "not_exempt", "paragraph", "public_interest"),
    # A forward-plan entry's restriction: whether the matter is taken in private ("Part exempt -
    # paragraph 3") or in public ("Private meeting: No").
    "restriction": ("exempt", "public"),
    # Public or stakeholder consultation (not the committee's): "mention" picks the sentences.
    "public_consultation": ("mention", "held", "planned", "none", "summary"),
    # A taken record still worded as the proposal.
    "placeholder": ("proposal",),
    # A member's declaration in minutes: its category, whether the member withdrew or took
    # part ("voted": listed in a vote), and any dispensation.
    "interests": ("disclosable_pecuniary", "other_significant", "other", "withdrew", "took_part", "voted", "dispensation", "no_dispensation"),
}


T = TypeVar("T")
_REFERENCE_SHAPE = re.compile(r"^[\w/. -]{3,40}$")
_PLACEHOLDER = re.compile(r"\bto\s+be\b|\ballocated\b|\bn/?a\b|\btbc\b|\bnot\s+(?:yet|applicable)\b", re.IGNORECASE)


@dataclass(frozen=True, eq=False)
class Profile:
    id: str
    title: str
    version: str
    path: str
    extends: tuple[str, ...] = ()
    detect: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    documents: dict[str, tuple[str, ...]] = field(default_factory=dict)
    labels: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    boilerplate: tuple[tuple[str, ...], ...] = ()
    furniture: tuple[str, ...] = ()
    wording: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # Records with no financial section give their amounts in the decision text (ModernGov
    # pages, district records); a form that has the section and leaves it out gives none.
    money_in_decision: bool = True
    _compiled: dict = field(default_factory=dict, repr=False)

    @cached_property
    def reference(self) -> re.Pattern[str]:
        """A decision reference as printed, not part of a longer run of digits and slashes."""
        body = "|".join(f"(?:{text})" for text in self.references) or "(?!)"
        return safe_pattern(rf"(?<![\w/])(?:{body})(?![\w/])", 0)

    def reference_in(self, text: str) -> str | None:
        """The decision reference a field's value gives: one printed in this profile's forms, else
        the value itself when it reads as a reference ("EMD 2025/27"), never a placeholder
        ("To be allocated by Democratic Services")."""
        match = self.reference.search(text)
        if match:
            return match.group(0)
        value = text.strip(" .;")
        if _REFERENCE_SHAPE.match(value) and any(c.isdigit() for c in value) and not _PLACEHOLDER.search(value):
            return value
        return None

    @cached_property
    def furniture_pattern(self) -> re.Pattern[str] | None:
        """One pattern for all the profile's page furniture (None when it lists none)."""
        return any_safe_pattern(self.furniture) if self.furniture else None

    @cached_property
    def detect_pattern(self) -> re.Pattern[str]:
        return re.compile(any_phrase(self.detect), re.IGNORECASE)

    def words(self, topic: str, value: str) -> re.Pattern[str]:
        """The wording that gives `value` in `topic`, as one pattern (never matching when none)."""
        return self.kept(("words", topic, value), lambda: self.wording_pattern(topic, value))

    def wording_pattern(self, topic: str, value: str) -> re.Pattern[str]:
        """`words(topic, value)` made anew."""
        return any_safe_pattern(self.wording.get(topic, {}).get(value, ()))

    def required(self, pattern: re.Pattern[str]) -> tuple[tuple[tuple[str, ...], ...], ...] | None:
        """patterns.required_words(pattern), kept with the profile: the loader makes those of its
        wordings, so the cache of loaded profiles holds them (parsing them was 3 ms of a run)."""
        return self.kept(("required", pattern.pattern, pattern.flags), lambda: required_words(pattern))

    def kept(self, key: tuple, make: Callable[[], T]) -> T:
        """`make()`, made once for this profile and kept with it: in the cache of loaded profiles
        too when made before the profile is kept there (engine.profiles.loader)."""
        if key not in self._compiled:
            self._compiled[key] = make()
        return self._compiled[key]

    def label_phrases(self, family: str, name: str) -> tuple[str, ...]:
        return self.labels.get(family, {}).get(name, ())

    def heading_phrases(self, kind: str) -> tuple[str, ...]:
        return self.documents.get(kind, ())
