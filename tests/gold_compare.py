"""Comparison of parsed records with the hand-checked gold annotations of ../shared/corpus.

Equality follows the corpus README: dates as ISO strings, money to the penny, lists as sets,
free text compared without regard to case, spacing or dash style, line spans within a
tolerance (extraction noise moves boundaries by a line or two).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

LINE_TOLERANCE = 3
DECISION_FIELDS = (
    "decision_no",
    "title",
    "record_kinds",
    "decision_maker",
    "decision_type",
    "key_decision",
    "key_decision_criteria",
    "money_gbp",
    "max_money_gbp",
    "electoral_divisions",
    "eqia_status",
    "dpia_status",
    "committee_consultation.committee",
    "committee_consultation.date",
    "committee_consultation.status",
    "decision_date",
    "interests_field",
    "alternatives_field",
    "urgent",
    "past_pathway",
    "future_pathway",
    "lines",
)
_DASHES = re.compile(r"[\u2010-\u2015-]+")
_SPACE = re.compile(r"\s+")


def _text(value: str) -> str:
    return _SPACE.sub(" ", _DASHES.sub("-", value)).strip().casefold()


def _pence(amount: float) -> int:
    return round(amount * 100)


def _get(record: dict, path: str):
    value = record
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def values_equal(name: str, found, expected) -> bool:
    if name == "lines":
        return found is not None and all(abs(a - b) <= LINE_TOLERANCE for a, b in zip(found, expected))
    if name == "money_gbp":
        return {_pence(x) for x in found or []} == {_pence(x) for x in expected}
    if name == "max_money_gbp":
        return (found is None) == (expected is None) and (expected is None or _pence(found) == _pence(expected))
    if isinstance(expected, list):
        return isinstance(found, list) and set(found) == set(expected)
    if isinstance(expected, str) and isinstance(found, str):
        return _text(found) == _text(expected)
    return found == expected


def match_decisions(found: list[dict], expected: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Pairs (found, gold) by decision number, else by overlapping line span; plus the unmatched of each."""
    pairs: list[tuple[dict, dict]] = []
    unmatched = list(found)
    missed: list[dict] = []
    for gold in expected:
        candidates = [d for d in unmatched if gold["decision_no"] and d["decision_no"] == gold["decision_no"]]
        if not candidates:
            start, end = gold["lines"]
            candidates = [d for d in unmatched if d["lines"][0] <= end and start <= d["lines"][1]]
        if candidates:
            pairs.append((candidates[0], gold))
            unmatched.remove(candidates[0])
        else:
            missed.append(gold)
    return pairs, missed, unmatched


@dataclass
class FieldScore:
    right: int = 0
    total: int = 0
    wrong: list[str] = field(default_factory=list)


def score_decisions(pairs: list[tuple[dict, dict]], source: str, scores: dict[str, FieldScore]) -> None:
    for found, gold in pairs:
        for name in DECISION_FIELDS:
            score = scores.setdefault(name, FieldScore())
            score.total += 1
            found_value, gold_value = _get(found, name), _get(gold, name)
            if values_equal(name, found_value, gold_value):
                score.right += 1
            else:
                score.wrong.append(f"{source} {gold['decision_no']}: found {found_value!r}, gold {gold_value!r}")


def field_table(scores: dict[str, FieldScore]) -> str:
    rows = [f"{'field':<34} {'right':>5} / {'total':<5} accuracy"]
    for name in DECISION_FIELDS:
        score = scores.get(name)
        if score and score.total:
            rows.append(f"{name:<34} {score.right:>5} / {score.total:<5} {score.right / score.total:7.1%}")
    right = sum(s.right for s in scores.values())
    total = sum(s.total for s in scores.values())
    rows.append(f"{'ALL':<34} {right:>5} / {total:<5} {right / total if total else 0:7.1%}")
    for name in DECISION_FIELDS:
        for wrong in scores.get(name, FieldScore()).wrong:
            rows.append(f"  {name}: {wrong}")
    return "\n".join(rows)
