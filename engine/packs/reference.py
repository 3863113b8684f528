"""The reference semantics of pack conditions, evaluated directly on records in their JSON form.

This is the yardstick: the durable_rules compiled form (engine.packs.runtime) is tested against
it, and facts.py uses it for the derived fields durable_rules cannot compute correctly.

- A path walks dicts by key and lists element by element, so a path through a list yields
  every element's value ("some element has").
- Comparisons are existential over those values; a missing or null value never compares,
  except that `ne` is also true when the field is missing. A null comparison value (a null
  literal, parameter or outer field) makes the comparison false, `ne` included: there is
  nothing to compare with.
- Values of different types (a string and a number) never compare.
- Date fields compare as dates; `matches` is `regex.search` with a time limit.
"""
from __future__ import annotations

import operator
import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import regex

from govlint.engine.common.dates import days_between
from govlint.engine.common.limits import REGEX_MATCH_TIME, REGEX_PAPER_TIME, pattern_problem
from govlint.engine.packs.model import AllOf, AnyOf, Compare, Condition, Count, DaysBetween, ForKind, Not, Outer, Param, RecordExists, Some
from govlint.engine.records.fields import date_paths

STAGE_OF_DECISION_TYPE = {"proposed": "proposed", "taken": "taken", "report_only": "report"}
_ORDER = {"eq": operator.eq, "ne": operator.ne, "gt": operator.gt, "gte": operator.ge, "lt": operator.lt, "lte": operator.le}


class ConditionError(Exception):
    """A condition could not be evaluated (a bad or too slow pattern, an unknown parameter)."""


@dataclass
class MatchingBudget:
    """The pattern-matching time one paper has left: a slow pattern on each of its records
    must not add up to a stalled run. Past a match's own limit or the paper's, the match is
    an error (ConditionError) for that record and rule only."""

    left: float

    @classmethod
    def for_paper(cls) -> "MatchingBudget":
        return cls(REGEX_PAPER_TIME.value)


_BUDGET: ContextVar[MatchingBudget | None] = ContextVar("govlint_matching_budget", default=None)


@contextmanager
def matching_within(budget: MatchingBudget):
    """Pattern matches inside this block draw on `budget`."""
    token = _BUDGET.set(budget)
    try:
        yield
    finally:
        _BUDGET.reset(token)


def path_values(record: dict, path: str) -> list:
    """Every value at `path`, walking into lists; a missing key or a null on the way yields None."""
    values = [record]
    for key in path.split("."):
        step = []
        for value in values:
            if isinstance(value, list):
                step.extend(item.get(key) if isinstance(item, dict) else None for item in value)
            else:
                step.append(value.get(key) if isinstance(value, dict) else None)
        values = step
    return [item for value in values for item in (value if isinstance(value, list) else [value])]


def as_date(value):
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def resolve(value, params: dict, outer: dict | None) -> list:
    """The candidate values a comparison value stands for (several for an outer list path)."""
    if isinstance(value, Param):
        if value.name not in params:
            raise ConditionError(f"unknown parameter {value.name!r}")
        return [params[value.name]]
    if isinstance(value, Outer):
        return path_values(outer or {}, value.field)
    return [value]


@lru_cache(maxsize=512)
def _pattern(pattern: str):
    # The loader refuses these; a hand-built rule or a parameter value has not been through it.
    refused = pattern_problem(pattern)
    if refused:
        raise ConditionError(f"pattern {pattern[:80]!r}: {refused}")
    try:
        return regex.compile(pattern)
    except regex.error as error:
        raise ConditionError(f"bad pattern {pattern!r}: {error}") from None


def _matches(text, pattern) -> bool:
    if not isinstance(text, str) or not isinstance(pattern, str):
        return False
    compiled = _pattern(pattern)
    budget = _BUDGET.get()
    per_match = REGEX_MATCH_TIME.value
    timeout = per_match if budget is None else min(per_match, budget.left)
    if timeout <= 0:
        raise ConditionError(_paper_time_used(pattern))
    start = time.perf_counter()
    try:
        return compiled.search(text, timeout=timeout) is not None
    except TimeoutError:
        if timeout < per_match:
            raise ConditionError(_paper_time_used(pattern)) from None
        raise ConditionError(f"pattern {pattern!r}: " + REGEX_MATCH_TIME.refusal(f"it took over {per_match:g} s on a {len(text):,}-character value")) from None
    finally:
        if budget is not None:
            budget.left -= time.perf_counter() - start


def _paper_time_used(pattern: str) -> str:
    return f"pattern {pattern!r}: " + REGEX_PAPER_TIME.refusal(f"the paper's patterns have taken {REGEX_PAPER_TIME.value:g} s")


def _comparable(left, right) -> bool:
    numbers = (int, float)
    if isinstance(left, numbers) and isinstance(right, numbers):
        return True
    return type(left) is type(right)


def compare(op: str, left, right) -> bool:
    """One value against one comparison value; None on either side never compares."""
    if left is None or right is None:
        return False
    if op == "in":
        return any(compare("eq", left, option) for option in right)
    if op == "matches":
        return _matches(left, right)
    if not _comparable(left, right):
        return op == "ne"
    return _ORDER[op](left, right)


def _compare(cond: Compare, record: dict, kind: str, params: dict, outer: dict | None) -> bool:
    values = path_values(record, cond.field)
    present = [value for value in values if value is not None]
    if cond.op in ("exists", "missing"):
        return bool(present) == (cond.op == "exists")
    wanted = resolve(cond.value, params, outer)
    if cond.field in date_paths(kind):
        present = [as_date(v) for v in present]
        wanted = [tuple(map(as_date, w)) if isinstance(w, (list, tuple)) else as_date(w) for w in wanted]
    if cond.op == "ne" and any(w is not None for w in wanted) and (not present or len(present) < len(values)):
        return True
    if cond.op == "in":
        wanted = [list(w) if isinstance(w, (list, tuple)) else None for w in wanted]
    return any(compare(cond.op, value, want) for value in present for want in wanted)


def _dates(end: str | Outer, record: dict, outer: dict | None) -> list:
    source = outer if isinstance(end, Outer) else record
    path = end.field if isinstance(end, Outer) else end
    return [d for d in (as_date(v) for v in path_values(source or {}, path)) if d is not None]


def _days_between(cond: DaysBetween, record: dict, params: dict, outer: dict | None) -> bool:
    wanted = resolve(cond.value, params, outer)
    return any(
        compare(cond.op, days_between(start, end, cond.clear), want)
        for start in _dates(cond.start, record, outer)
        for end in _dates(cond.end, record, outer)
        for want in wanted
    )


def _count(cond: Count, record: dict, params: dict, outer: dict | None) -> bool:
    values = [value for value in path_values(record, cond.field) if value is not None]
    if cond.distinct:
        values = _distinct(values, cond.field in date_paths(record.get("kind", "decision")))
    return any(compare(cond.op, len(values), want) for want in resolve(cond.value, params, outer))


def _distinct(values: list, dates: bool) -> list:
    """The values with those `eq` holds between counted once (1 and 1.0 are one; "1" and 1 two)."""
    kept: list = []
    for value in values:
        value = as_date(value) if dates else value
        if not any(_comparable(value, seen) and value == seen for seen in kept):
            kept.append(value)
    return kept


class _Narrowed(dict):
    """A record with one of its lists narrowed to one element (`some`); `origin` is the record
    itself, which no_record/exists_record inside must still skip."""

    origin: dict


def elements(record: dict, path: str) -> list:
    """The elements of the list at `path` (a path through no other list); none when it is not a list."""
    items = record
    for step in path.split("."):
        items = items.get(step) if isinstance(items, dict) else None
    return items if isinstance(items, list) else []


def narrowed(record: dict, path: str, element) -> dict:
    """`record` with the list at `path` holding `element` alone: what `some` evaluates on."""
    return _narrowed(record, path.split("."), element)


def _narrowed(record: dict, steps: list[str], element) -> dict:
    copy = _Narrowed(record)
    copy.origin = getattr(record, "origin", record)
    head, rest = steps[0], steps[1:]
    copy[head] = _narrowed(record[head], rest, element) if rest else [element]
    return copy


def _some(cond: Some, record: dict, params: dict, others: list[dict], outer: dict | None) -> bool:
    return any(evaluate(cond.where, narrowed(record, cond.field, item), params, others, outer) for item in elements(record, cond.field))


def is_self(other: dict, record: dict) -> bool:
    """Whether `other` is the record being checked, or the record a `some` narrowed it from."""
    return other is record or other is getattr(record, "origin", None)


def evaluate(condition: Condition, record: dict, params: dict, others: list[dict], outer: dict | None = None) -> bool:
    """Whether `condition` holds for `record` (a record dict with its "kind").

    `others` are all records of the run (any kind; the record itself may be among them and
    is skipped by identity); `outer` is the record being checked, inside a no_record/exists_record.
    """
    kind = record.get("kind", "decision")
    if isinstance(condition, Compare):
        return _compare(condition, record, kind, params, outer)
    if isinstance(condition, DaysBetween):
        return _days_between(condition, record, params, outer)
    if isinstance(condition, Count):
        return _count(condition, record, params, outer)
    if isinstance(condition, AllOf):
        return all(evaluate(c, record, params, others, outer) for c in condition.conditions)
    if isinstance(condition, AnyOf):
        return any(evaluate(c, record, params, others, outer) for c in condition.conditions)
    if isinstance(condition, Not):
        return not evaluate(condition.condition, record, params, others, outer)
    if isinstance(condition, RecordExists):
        found = any(
            evaluate(condition.where, other, params, others, record)
            for other in others
            if not is_self(other, record) and other.get("kind") == condition.kind
        )
        return found != condition.negated
    if isinstance(condition, Some):
        return _some(condition, record, params, others, outer)
    if isinstance(condition, ForKind):
        return kind == condition.kind and evaluate(condition.where, record, params, others, outer)
    raise TypeError(f"not a condition: {condition!r}")


# The fields `applies` reads of a record (its kind aside): the stage and the date.
APPLIES_FIELDS = ("decision_type", "decision_date", "committee_consultation", "date")


def stage_of(record: dict) -> str | None:
    return STAGE_OF_DECISION_TYPE.get(record.get("decision_type")) if record.get("kind") == "decision" else None


def record_date(record: dict):
    """The date a rule's effective window is compared with: decision_date, else the consultation date."""
    if record.get("kind") == "meeting":
        return as_date(record.get("date"))
    return as_date(record.get("decision_date")) or as_date((record.get("committee_consultation") or {}).get("date"))


def applies(rule, record: dict) -> bool:
    """Whether `rule` runs on `record` at all: kind, stage (decisions only) and effective window."""
    if not rule.enabled or record["kind"] not in rule.kinds:
        return False
    if record["kind"] == "decision" and rule.stages and stage_of(record) not in rule.stages:
        return False
    when = record_date(record)
    return when is None or ((rule.effective_from or when) <= when <= (rule.effective_to or when))


def severity_of(rule, record: dict, params: dict, others: list[dict]) -> str:
    """The first severity case that matches the record, else the rule's severity."""
    for case in rule.severity_cases:
        if case.stages and (record["kind"] != "decision" or stage_of(record) not in case.stages):
            continue
        if case.when is None or evaluate(case.when, record, params, others):
            return case.severity
    return rule.severity


def reference_run(pack, records: list[dict]) -> list[tuple[str, str, int]]:
    """(rule id, severity, record index) for every rule of `pack` firing on `records`, in plain Python."""
    params = pack.parameters
    return sorted(
        (rule.id, severity_of(rule, record, params, records), index)
        for index, record in enumerate(records)
        for rule in pack.rules
        if applies(rule, record) and evaluate(rule.when, record, params, records)
    )
