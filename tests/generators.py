"""Seeded random records, conditions and packs for differential tests and the benchmark."""
from __future__ import annotations

import random
from datetime import date, timedelta

from engine.packs import (AllOf, AnyOf, Citation, Compare, DaysBetween, Not, Outer, Pack, Param, RecordExists, Rule,
                          SeverityCase, Source)

STATUSES = ("completed", "in_progress", "not_completed", "not_required", "not_mentioned")
FIELD_STATES = ("blank", "none", "recorded", "given", "absent")
CONSULT = ("planned", "held", "not_possible", "not_mentioned")
# Strings durable_rules is known to mishandle sit next to ordinary ones.
TEXTS = (None, "Cabinet Member for Adult Social Care", "Leader", "5", "5.0", "£ é", "", "EQIA done", "eqia done")
SOURCE = Source("test-source", "Test Regulations 2012, reg 1", "https://example.invalid/regs")


def _date(rng: random.Random):
    return None if rng.random() < 0.15 else (date(2019, 1, 1) + timedelta(days=rng.randrange(900))).isoformat()


def _number(rng: random.Random) -> str:
    return f"{rng.randrange(18, 25)}/{rng.randrange(100000):05d}"


def decision(rng: random.Random, numbers: list[str]) -> dict:
    money = sorted(rng.choice((0, 1000, 499999.5, 500000, 1000000, 2500000.75)) for _ in range(rng.randrange(3)))
    return {
        "kind": "decision",
        "source": f"paper-{rng.randrange(5)}.txt",
        "decision_no": rng.choice(numbers + [None]),
        "title": rng.choice(TEXTS),
        "record_kinds": rng.sample(["committee_report", "proposed_record_of_decision", "record_of_decision"], rng.randrange(3)),
        "decision_maker": rng.choice(TEXTS),
        "decision_type": rng.choice(("proposed", "taken", "report_only")),
        "key_decision": rng.choice((True, False, None)),
        "key_decision_criteria": rng.sample(["expenditure_over_1m", "savings_over_1m", "affects_more_than_two_divisions"], rng.randrange(3)),
        "money_gbp": money,
        "max_money_gbp": max(money) if money else None,
        "electoral_divisions": rng.choice(TEXTS),
        "eqia_status": rng.choice(STATUSES),
        "dpia_status": rng.choice(STATUSES),
        "committee_consultation": {"committee": rng.choice(TEXTS), "date": _date(rng), "status": rng.choice(CONSULT)},
        "decision_date": _date(rng),
        "interests_field": rng.choice(FIELD_STATES),
        "alternatives_field": rng.choice(FIELD_STATES),
        "urgent": rng.random() < 0.2,
        "past_pathway": rng.choice(TEXTS),
        "future_pathway": rng.choice(TEXTS),
        "lines": [1, 20],
        "evidence": {},
    }


def meeting(rng: random.Random, numbers: list[str]) -> dict:
    return {
        "kind": "meeting",
        "source": "minutes.txt",
        "committee": rng.choice(TEXTS),
        "date": _date(rng),
        "lines": [1, 40],
        "present": rng.sample(["Mr A", "Mrs B", "Ms C"], rng.randrange(3)),
        "declarations": [{"member": "Mr A", "item": rng.choice(TEXTS), "nature": rng.choice(TEXTS), "decision_no": rng.choice(numbers + [None])}
                         for _ in range(rng.randrange(3))],
        "decisions_considered": [{"decision_no": rng.choice(numbers), "resolved": rng.choice(("endorse", "noted"))} for _ in range(rng.randrange(3))],
        "evidence": {},
    }


def records(rng: random.Random, n_decisions: int, n_meetings: int) -> list[dict]:
    numbers = [_number(rng) for _ in range(max(2, n_decisions // 3))]
    return [decision(rng, numbers) for _ in range(n_decisions)] + [meeting(rng, numbers) for _ in range(n_meetings)]


def _value(rng: random.Random, choices):
    return rng.choice(choices)


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
)
MEETING_LEAVES = (
    lambda r: Compare("committee", r.choice(("eq", "ne", "exists")), r.choice(TEXTS[1:])),
    lambda r: Compare("date", r.choice(("gt", "lt", "missing")), date(2020, 6, 1)),
    lambda r: Compare("declarations.nature", r.choice(("eq", "ne", "exists")), r.choice(TEXTS[1:])),
    lambda r: RecordExists("decision", Compare("decision_no", "in", ("18/00001",)), r.random() < 0.5),
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
    kinds = rng.choice((("decision",), ("meeting",), ("decision", "meeting")))
    leaves = DECISION_LEAVES if kinds == ("decision",) else MEETING_LEAVES if kinds == ("meeting",) else MEETING_LEAVES[:1]
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
