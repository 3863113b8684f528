"""Seeded random conditions and packs for the differential tests (records come from bench.generate)."""
from __future__ import annotations

import random
from datetime import date

from bench.generate import CONSULT, FIELD_STATES, STATUSES, TEXTS, URGENCY_ROUTES
from govlint.engine.packs.model import (AllOf, AnyOf, Citation, Compare, Count, DaysBetween, Not, Outer, Pack, Param, RecordExists, Rule,
                          SeverityCase, Some, Source, ForKind)

SOURCE = Source("test-source", "Test Regulations 2012, reg 1", "https://example.invalid/regs")


DECISION_LEAVES = (
    lambda r: Compare("eqia_status", r.choice(("eq", "ne")), r.choice(STATUSES)),
    lambda r: Compare("dpia_status", "in", tuple(r.sample(STATUSES, r.randrange(3)))),
    lambda r: Compare("key_decision", r.choice(("eq", "ne")), r.choice((True, False, None))),
    lambda r: Compare("key_decision", r.choice(("exists", "missing"))),
    lambda r: Compare("max_money_gbp", r.choice(("gt", "gte", "lt", "lte", "eq", "ne")), r.choice((500000, 1000000, 999999.5, Param("threshold")))),
    lambda r: Compare("money_gbp", r.choice(("gte", "eq")), r.choice((500000, 1000000))),
    lambda r: Compare("key_decision_criteria", r.choice(("eq", "ne", "exists")), "expenditure_over_1m"),
    lambda r: Compare(r.choice(("title", "decision_maker", "past_pathway")), r.choice(("eq", "ne", "exists", "missing", "gt")), r.choice(TEXTS[1:])),
    lambda r: Compare(r.choice(("title", "decision_maker")), "matches", r.choice(("(?i)eqia", "^\\d", "Cabinet", "é$"))),
    lambda r: Compare("decision_date", r.choice(("gt", "lte", "eq", "ne")), date(2020, r.randrange(1, 13), 1)),
    lambda r: Compare("committee_consultation.status", r.choice(("eq", "ne")), r.choice(CONSULT)),
    lambda r: Compare("committee_consultation.date", r.choice(("exists", "missing"))),
    lambda r: Compare("urgent", "eq", r.choice((True, False))),
    lambda r: Compare(r.choice(("interests_field", "alternatives_field")), "in", tuple(r.sample(FIELD_STATES, 2))),
    lambda r: DaysBetween("committee_consultation.date", "decision_date", r.choice(("gte", "lt", "ne")), r.choice((0, 5, 28)), r.random() < 0.5),
    lambda r: RecordExists("meeting", AllOf((Compare("decisions_considered.decision_no", "eq", Outer("decision_no")),
                                            DaysBetween("date", Outer("decision_date"), "gte", 5, True))), r.random() < 0.5),
    lambda r: RecordExists("decision", Compare("decision_no", "eq", Outer("decision_no")), r.random() < 0.5),
    # Joins on a date, on numbers that mix int and float, and between string fields.
    lambda r: RecordExists("decision", AllOf((Compare("urgent", "eq", True), Compare("decision_date", "eq", Outer("decision_date")))),
                           r.random() < 0.5),
    lambda r: RecordExists("decision", Compare("max_money_gbp", "eq", Outer("max_money_gbp")), r.random() < 0.5),
    lambda r: RecordExists("decision", Compare("title", "eq", Outer("decision_maker")), r.random() < 0.5),
    lambda r: Count("money_gbp", r.choice(("gte", "eq", "lt")), r.choice((1, 2)), distinct=r.random() < 0.5),
    # The corpus view's joins: the case across kinds, clear days from a date of the other record to
    # one of this record (and back), a list path of the other record.
    lambda r: RecordExists("forward_plan_entry", AllOf((Compare("case", "eq", Outer("case")),
                                                       DaysBetween("first_published", Outer("decision_date"), r.choice(("lt", "gte")), 28, True))),
                           r.random() < 0.5),
    lambda r: RecordExists("meeting", AllOf((Compare("decisions_considered.case", "eq", Outer("case")),
                                            Compare("decisions_considered.resolved", "in", tuple(r.sample(("endorse", "recommendation", "note"), 2))),
                                            DaysBetween(Outer("decision_date"), "date", r.choice(("gt", "lte")), 0))), r.random() < 0.5),
    lambda r: RecordExists("decision", AllOf((Compare("case", "eq", Outer("case")), Compare("decision_type", "ne", Outer("decision_type")),
                                             Compare("max_money_gbp", r.choice(("gt", "ne")), Outer("max_money_gbp")))), r.random() < 0.5),
    lambda r: Compare("case", r.choice(("exists", "missing"))),
)
MEETING_LEAVES = (
    lambda r: Compare("committee", r.choice(("eq", "ne", "exists")), r.choice(TEXTS[1:])),
    lambda r: Compare("date", r.choice(("gt", "lt", "missing")), date(2020, 6, 1)),
    lambda r: Compare("declarations.nature", r.choice(("eq", "ne", "exists")), r.choice(TEXTS[1:])),
    lambda r: RecordExists("decision", Compare("decision_no", "in", ("18/00001",)), r.random() < 0.5),
    lambda r: RecordExists("decision", Compare("decision_no", "eq", Outer("decisions_considered.decision_no")), r.random() < 0.5),
    # One element satisfying both parts, and a join from the element to other records.
    lambda r: Some("declarations", AllOf((Compare("declarations.nature", r.choice(("exists", "missing"))),
                                          Compare("declarations.item", r.choice(("eq", "ne")), r.choice(("6", "7")))))),
    lambda r: Some("decisions_considered", RecordExists("decision", Compare("decision_no", "eq", Outer("decisions_considered.decision_no")),
                                                        r.random() < 0.5)),
    lambda r: RecordExists("decision", AllOf((Compare("case", "eq", Outer("decisions_considered.case")),
                                             DaysBetween(Outer("date"), "decision_date", r.choice(("lt", "gte")), 0))), r.random() < 0.5),
    lambda r: Compare("decisions_considered.resolved", r.choice(("eq", "ne")), r.choice(("endorse", "recommendation"))),
    lambda r: RecordExists("decision", Some("documents", Compare("documents.kind", "eq", "record_of_decision")), r.random() < 0.5),
)
ENTRY_LEAVES = (
    lambda r: Compare("key_decision", r.choice(("eq", "ne")), r.choice((True, False))),
    lambda r: Compare("first_published", r.choice(("gt", "lte", "missing")), date(2020, r.randrange(1, 13), 1)),
    lambda r: Compare("documents_field", "in", tuple(r.sample(FIELD_STATES, 2))),
    lambda r: Compare("urgency.route", r.choice(("eq", "ne")), r.choice(URGENCY_ROUTES)),
    lambda r: DaysBetween("urgency.notice_date", "decision_due", r.choice(("lt", "gte")), 5, True),
    lambda r: RecordExists("decision", AllOf((Compare("case", "eq", Outer("case")),
                                             DaysBetween(Outer("first_published"), "decision_date", r.choice(("lt", "gte")), 28, True))),
                           r.random() < 0.5),
    lambda r: RecordExists("meeting", Some("decisions_considered", AllOf((Compare("decisions_considered.case", "eq", Outer("case")),
                                                                         Compare("decisions_considered.resolved", "eq", r.choice(("endorse", "note")))))),
                           r.random() < 0.5),
)
# Joins whose key is inside `some`: the index must still find every record that matches.
DECISION_LEAVES += (
    lambda r: RecordExists("meeting", Some("decisions_considered", AllOf((Compare("decisions_considered.decision_no", "eq", Outer("decision_no")),
                                                                         Compare("decisions_considered.resolved", "eq", r.choice(("endorse", "noted")))))),
                           r.random() < 0.5),
)

# A rule on both kinds: fields both have, and each kind's own under for_kind.
MIXED_LEAVES = MEETING_LEAVES[:1] + (
    lambda r: ForKind("decision", r.choice(DECISION_LEAVES)(r)),
    lambda r: ForKind("meeting", r.choice(MEETING_LEAVES)(r)),
)


def condition(rng: random.Random, leaves, depth: int = 0):
    roll = rng.random()
    if depth >= 3 or roll < 0.45:
        return rng.choice(leaves)(rng)
    if roll < 0.65:
        return Not(condition(rng, leaves, depth + 1))
    parts = tuple(condition(rng, leaves, depth + 1) for _ in range(rng.randrange(1, 4)))
    return AllOf(parts) if roll < 0.85 else AnyOf(parts)


def rule(rng: random.Random, index: int) -> Rule:
    kinds = rng.choice((("decision",), ("meeting",), ("forward_plan_entry",), ("decision", "meeting")))
    leaves = {("decision",): DECISION_LEAVES, ("meeting",): MEETING_LEAVES, ("forward_plan_entry",): ENTRY_LEAVES}.get(kinds, MIXED_LEAVES)
    cases = tuple(
        SeverityCase(rng.choice(("error", "info")), tuple(rng.sample(("proposed", "taken", "report"), rng.randrange(2))),
                     condition(rng, leaves, 2) if rng.random() < 0.6 else None)
        for _ in range(rng.randrange(3))
    )
    return Rule(
        id=f"rule-{index}", title=f"Rule {index}", severity="warning", kinds=kinds,
        stages=tuple(rng.sample(("proposed", "taken", "report"), rng.randrange(3))),
        when=condition(rng, leaves), message="Decision {decision_no}: rule " + str(index),
        citations=(Citation(SOURCE, "reg 1"),), remediation="Fix it.", severity_cases=cases,
        enabled=rng.random() < 0.9,
        effective_from=rng.choice((None, date(2020, 1, 1))), effective_to=rng.choice((None, date(2021, 1, 1))),
    )


def pack(rng: random.Random, n_rules: int, pack_id: str = "generated") -> Pack:
    return Pack(pack_id, "Generated", "0.0.1", "Random rules", (SOURCE,), {"threshold": 1000000},
                tuple(rule(rng, i) for i in range(n_rules)))
