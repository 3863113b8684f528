"""Records as durable_rules facts: flat, typed the way durable_rules compares correctly.

durable_rules mis-handles nested objects, ISO date strings and regexes (see
docs/durable-rules.md), so a fact holds only the record's scalar fields that the compiled
rules test, under the short keys the compiler chose, dates as ordinal day numbers, nulls left
out (durable's `$nex` is then "missing"), and the derived fields the compiler asks for,
computed here by the reference evaluator (no_record/exists_record through a join index).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from govlint.engine.packs.reference import (ConditionError, MatchingBudget, as_date, elements, evaluate, is_self, matching_within, narrowed,
                                            path_values, record_date, stage_of)
from govlint.engine.packs.model import AllOf, AnyOf, Compare, Condition, ForKind, Not, Outer, RecordExists, Some, subconditions
from govlint.engine.records.fields import date_paths, field_catalogue
from govlint.engine.records.model import ParsedPaper, to_dict

_SCALAR = {"string": "string", "number": "number", "integer": "number", "boolean": "boolean"}
# The earliest and latest the date a rule's effective window is compared with can be.
APP_EARLIEST, APP_LATEST = "app_earliest", "app_latest"


@dataclass(frozen=True)
class FieldShape:
    type: str  # string | number | boolean | date
    is_list: bool  # the path goes through (or ends in) a list: "some element" semantics


@dataclass(frozen=True)
class Derived:
    """A condition durable_rules cannot test itself, computed in Python into fact field `name`."""

    name: str
    kinds: tuple[str, ...]
    condition: Condition
    rules: tuple[str, ...] = ()  # ids of the rules that test it, named when it cannot be computed


@dataclass(frozen=True)
class RuleFailure:
    """A rule that could not be decided on one record (a pattern too slow, say): the record is
    neither flagged nor cleared by that rule, and the run goes on."""

    source: str
    rule: str
    record: str  # the decision number, else the record's kind and first line
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: rule {self.rule} on {self.record}: {self.reason}"


@cache
def field_shapes(kind: str) -> dict[str, FieldShape]:
    """Each scalar dotted path of a record kind (from the record model's catalogue) with its type."""
    return {
        path: FieldShape("date" if info.is_date else _SCALAR[info.value_type], info.is_list)
        for path, info in field_catalogue(kind).items()
        if "object" not in info.types
    }


def paper_records(paper: ParsedPaper) -> list[dict]:
    """A paper's decisions, meetings, forward-plan entries and how it was read, as record dicts
    tagged with kind and source."""
    tagged = [("decision", item) for item in paper.decisions] + [("meeting", item) for item in paper.meetings]
    tagged += [("forward_plan_entry", item) for item in paper.forward_plan_entries]
    tagged.append(("paper", paper.reading))
    return [{**to_dict(item), "kind": kind, "source": paper.source} for kind, item in tagged]


@cache
def _plan(kind: str, fields: tuple[tuple[str, str], ...]) -> tuple[tuple[str, tuple[str, ...], bool], ...]:
    """(fact key, path steps, is a date) for each scalar field of `kind` among `fields` (path, key)."""
    shapes = field_shapes(kind)
    return tuple(
        (key, tuple(path.split(".")), shapes[path].type == "date")
        for path, key in fields
        if path in shapes and not shapes[path].is_list
    )


def to_fact(record: dict, index: int, fields: tuple[tuple[str, str], ...], derived: tuple[Derived, ...], params: dict,
            run: "Run") -> dict:
    """The fact for `record`, with `index` as its "id" (first: action messages are scanned for it).

    It holds only the `fields` (path, fact key) the durable rules test, and the derived fields:
    every fact is encoded, stored and handed back whole in each action message.
    """
    kind = record["kind"]
    fact = {"id": index, "kind": kind}
    for key, steps, is_date in _plan(kind, fields):
        value = record
        for step in steps:
            value = value.get(step) if isinstance(value, dict) else None
        if value is not None:
            fact[key] = as_date(value).toordinal() if is_date else value
    stage = stage_of(record)
    if stage is not None:
        fact["stage"] = stage
    when = record_date(record)
    # A record without a date cannot be shown to fall outside a rule's effective window: its
    # date may be as early and as late as any, and the window is one conjunction of native tests.
    fact[APP_EARLIEST] = when.toordinal() if when else 0
    fact[APP_LATEST] = when.toordinal() if when else date.max.toordinal()
    with matching_within(run.budget(record.get("source", ""))):
        for item in derived:
            if kind in item.kinds:
                try:
                    fact[item.name] = _derive(item.condition, record, params, run)
                except ConditionError as error:
                    fact[item.name] = False
                    run.fail(record, item.rules, str(error))
    return fact


def _derive(condition: Condition, record: dict, params: dict, run: "Run") -> bool:
    return run.holds(condition, record, params)


_UNKEYED = object()  # index bucket of the records whose join value cannot be hashed


class Run:
    """The records of one run, for no_record/exists_record.

    Scanning every record of the kind for every record checked is quadratic. When `where` has a
    conjunct `field eq {record: path}`, only records sharing a value of `field` with the checked
    record can match, so they are looked up in a hash index on `field` (built on first use) and
    `where` is then evaluated on those alone, by the reference evaluator.
    """

    def __init__(self, records: list[dict]):
        self.records = records
        self._by_kind: dict[str, list[dict]] = {}
        self._indexes: dict[tuple[str, str], dict] = {}
        self._budgets: dict[str, MatchingBudget] = {}
        self.failures: list[RuleFailure] = []
        self.failed: set[tuple[int, str]] = set()  # (id of the record, rule id) left undecided

    def budget(self, source: str) -> MatchingBudget:
        """The pattern-matching time left to the paper `source`, shared by all its records."""
        return self._budgets.setdefault(source, MatchingBudget.for_paper())

    def fail(self, record: dict, rules: tuple[str, ...], reason: str) -> None:
        lines = record.get("lines") or [0]
        which = record.get("decision_no") or f"the {record['kind']} at line {lines[0]}"
        for rule in rules:
            self.failed.add((id(record), rule))
            self.failures.append(RuleFailure(record.get("source", ""), rule, which, reason))

    def holds(self, condition: Condition, record: dict, params: dict) -> bool:
        """`evaluate`, with every join, however deep (under all, any, not, for_kind, some), looked
        up through the indexes rather than by a scan of the run."""
        if isinstance(condition, RecordExists):
            return self.exists(condition, record, params)
        if isinstance(condition, Not):
            return not self.holds(condition.condition, record, params)
        if isinstance(condition, AllOf):
            return all(self.holds(part, record, params) for part in condition.conditions)
        if isinstance(condition, AnyOf):
            return any(self.holds(part, record, params) for part in condition.conditions)
        if isinstance(condition, ForKind):
            return record.get("kind") == condition.kind and self.holds(condition.where, record, params)
        if isinstance(condition, Some):
            return any(self.holds(condition.where, narrowed(record, condition.field, item), params) for item in elements(record, condition.field))
        return evaluate(condition, record, params, self.records)

    def exists(self, cond: RecordExists, record: dict, params: dict) -> bool:
        found = any(
            evaluate(cond.where, other, params, self.records, record)
            for other in self.candidates(cond, record)
            if not is_self(other, record)
        )
        return found != cond.negated

    def _all_of(self, kind: str) -> list[dict]:
        if kind not in self._by_kind:
            self._by_kind[kind] = [r for r in self.records if r.get("kind") == kind]
        return self._by_kind[kind]

    def candidates(self, cond: RecordExists, record: dict) -> list[dict]:
        """The records of the kind that can match `where` for `record`: all of them, or those the join index gives."""
        join = _join(cond.where)
        if join is None:
            return self._all_of(cond.kind)
        wanted = {_join_key(cond.kind, join.field, v) for v in path_values(record, join.value.field)} - {None}
        if _UNKEYED in wanted:
            return self._all_of(cond.kind)
        index = self._index(cond.kind, join.field)
        # A record whose list field holds several of the wanted values is in several buckets.
        return list({id(other): other for key in wanted | {_UNKEYED} for other in index.get(key, ())}.values())

    def _index(self, kind: str, field: str) -> dict:
        if (kind, field) not in self._indexes:
            index: dict = {}
            for other in self._all_of(kind):
                for key in {_join_key(kind, field, v) for v in path_values(other, field)} - {None}:
                    index.setdefault(key, []).append(other)
            self._indexes[(kind, field)] = index
        return self._indexes[(kind, field)]


def _join(where: Condition) -> Compare | None:
    """A conjunct of `where` that holds only when a field equals a field of the checked record.

    One inside `some` or `for_kind` is as good: what holds of one element of a list holds of
    the list's values, so the index on the field finds every record that can match.
    """
    for part in where.conditions if isinstance(where, AllOf) else (where,):
        if isinstance(part, Compare) and part.op == "eq" and isinstance(part.value, Outer):
            return part
        if isinstance(part, (Some, ForKind)):
            inner = _join(part.where)
            if inner is not None:
                return inner
    return None


def _join_key(kind: str, field: str, value):
    """The value as `eq` compares it (dates as dates); None for one that never compares.

    Equal numbers hash equal across int, float and bool, as `eq` compares them; a string never
    equals a number in the reference and is a different key here.
    """
    if value is not None and field in date_paths(kind):
        value = as_date(value)
    try:
        hash(value)
    except TypeError:
        return _UNKEYED
    return value


def joined_records(condition: Condition, record: dict, params: dict, run: Run, holds: bool = True) -> list[tuple[RecordExists, dict]]:
    """The other records through which `condition` is `holds` on `record`: each record an
    exists_record found (or a no_record did not allow), with the condition that found it.

    Only the parts of the condition that decide its value are followed: the branch of an `any`
    that holds, every part of an `all` that holds, and the reverse under `not`; under `some`,
    the elements for which its condition holds.
    """
    if isinstance(condition, Not):
        return joined_records(condition.condition, record, params, run, not holds)
    if isinstance(condition, (AllOf, AnyOf)):
        every = isinstance(condition, AllOf) == holds  # all parts have the value, not only some
        return [
            found
            for part in condition.conditions
            if every or run.holds(part, record, params) == holds
            for found in joined_records(part, record, params, run, holds)
        ]
    if isinstance(condition, ForKind):
        return joined_records(condition.where, record, params, run, holds) if record.get("kind") == condition.kind else []
    if isinstance(condition, Some) and holds:
        one = [narrowed(record, condition.field, item) for item in elements(record, condition.field)]
        return [found for item in one if run.holds(condition.where, item, params) for found in joined_records(condition.where, item, params, run)]
    if isinstance(condition, RecordExists) and condition.negated != holds:
        return [
            (condition, other)
            for other in run.candidates(condition, record)
            if not is_self(other, record) and evaluate(condition.where, other, params, run.records, record)
        ]
    return []


def has_join(condition: Condition) -> bool:
    return any(isinstance(node, RecordExists) for node in subconditions(condition))