"""Seeded random decision, meeting and forward-plan records, for the engine benchmark and the differential tests.

Records follow the record model (engine/records/model.py); values are drawn from small pools so that
cross-record joins (decision numbers, the corpus view's cases) and the strings durable_rules
mishandles both occur often.
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from typing import get_args

from govlint.engine.records.model import (
    ASSESSMENT_STATUSES as STATUSES,
    CONSULTATION_STATUSES as CONSULT,
    DECISION_TYPES,
    FIELD_STATES,
    KEY_DECISION_CRITERIA,
    URGENCY_ROUTES,
    RecordKind,
)

# Strings durable_rules is known to mishandle sit next to ordinary ones.
TEXTS = (None, "Cabinet Member for Adult Social Care", "Leader", "5", "5.0", "£ é", "", "EQIA done", "eqia done")
DIVISIONS = (None, [], ["All"], ["Abbey"], ["Abbey", "Castle"], ["Abbey", "Castle", "Priory"], ["all"])


def _date(rng: random.Random):
    return None if rng.random() < 0.15 else (date(2019, 1, 1) + timedelta(days=rng.randrange(900))).isoformat()


def _number(rng: random.Random) -> str:
    return f"{rng.randrange(18, 25)}/{rng.randrange(100000):05d}"


def _case(rng: random.Random, number: str | None, numbers: list[str]) -> str | None:
    """The case the corpus view would give: mostly the record's own number, sometimes another
    (linked by title), sometimes none (records checked without the corpus view)."""
    roll = rng.random()
    return None if roll < 0.1 else rng.choice(numbers) if roll < 0.25 or number is None else number


def decision(rng: random.Random, numbers: list[str]) -> dict:
    money = sorted(rng.choice((0, 1000, 499999.5, 500000, 1000000, 2500000.75)) for _ in range(rng.randrange(3)))
    number = rng.choice(numbers + [None])
    return {
        "kind": "decision",
        "source": f"paper-{rng.randrange(5)}.txt",
        "decision_no": number,
        "case": _case(rng, number, numbers),
        "title": rng.choice(TEXTS),
        "record_kinds": rng.sample(get_args(RecordKind), rng.randrange(3)),
        "decision_maker": rng.choice(TEXTS),
        "decision_type": rng.choice(DECISION_TYPES),
        "key_decision": rng.choice((True, False, None)),
        "key_decision_criteria": rng.sample(KEY_DECISION_CRITERIA, rng.randrange(3)),
        "money_gbp": money,
        "max_money_gbp": max(money) if money else None,
        "electoral_divisions": rng.choice(DIVISIONS),
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
        "documents": [{"kind": rng.choice(DOCUMENT_KINDS), "source": f"paper-{rng.randrange(5)}.txt", "lines": [1, 20],
                       "decision_no": rng.choice(numbers + [None]), "title": rng.choice(TEXTS), "max_money_gbp": None}
                      for _ in range(rng.randrange(3))],
        "evidence": {},
    }


# The kinds of document the corpus view lists about a decision.
DOCUMENT_KINDS = ("committee_report", "proposed_record_of_decision", "record_of_decision", "forward_plan_entry")


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
        "decisions_considered": [_considered(rng, rng.choice(numbers), numbers) for _ in range(rng.randrange(3))],
        "evidence": {},
    }


def _considered(rng: random.Random, number: str, numbers: list[str]) -> dict:
    return {"decision_no": number, "resolved": rng.choice(("endorse", "recommendation", "note", "noted")), "case": _case(rng, number, numbers)}


def forward_plan_entry(rng: random.Random, numbers: list[str]) -> dict:
    number = rng.choice(numbers + [None])
    return {
        "kind": "forward_plan_entry",
        "source": "forward-plan.txt",
        "decision_no": number,
        "case": _case(rng, number, numbers),
        "title": rng.choice(TEXTS),
        "decision_maker": rng.choice(TEXTS),
        "key_decision": rng.choice((True, False, None)),
        "first_published": _date(rng),
        "decision_due": _date(rng),
        "documents_field": rng.choice(FIELD_STATES),
        "contact": rng.choice(TEXTS),
        "lines": [1, 10],
        "urgency": {"route": rng.choice(URGENCY_ROUTES), "reason": rng.choice(FIELD_STATES), "agreed_by": rng.choice(TEXTS),
                    "agreed_date": _date(rng), "notice_date": _date(rng), "scrutiny_chair_informed": rng.random() < 0.5},
        "exempt": {"status": "not_mentioned", "paragraphs": [], "public_interest_test": False},
        "evidence": {},
    }


def records(rng: random.Random, n_decisions: int, n_meetings: int, n_entries: int = 0) -> list[dict]:
    numbers = [_number(rng) for _ in range(max(2, n_decisions // 3))]
    return ([decision(rng, numbers) for _ in range(n_decisions)] + [meeting(rng, numbers) for _ in range(n_meetings)]
            + [forward_plan_entry(rng, numbers) for _ in range(n_entries)])
