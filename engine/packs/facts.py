"""Records as durable_rules facts: flat, typed the way durable_rules compares correctly.

durable_rules mis-handles nested objects, ISO date strings and regexes (see
docs/durable-rules.md), so a fact holds only the record's scalar fields that the compiled
rules test, under the short keys the compiler chose, dates as ordinal day numbers, nulls left
out (durable's `$nex` is then "missing"), and the derived fields the compiler asks for,
computed here by the reference evaluator (no_record/exists_record through a join index).
"""
from __future__ import annotations

from dataclasses import dataclass, field
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


def paper_records(paper: ParsedPaper, roots: tuple[str, ...] | None = None, shared: dict | None = None) -> list[dict]:
    """A paper's decisions, meetings, forward-plan entries and how it was read, as record dicts
    tagged with kind and source; with `roots`, of each record only those top-level fields (a
    field its kind lacks as None): enough for `path_values` of a path under one of them.
    `shared`: the lists converted so far, for the records of linked papers (see `to_dict`)."""
    tagged = [("decision", item) for item in paper.decisions] + [("meeting", item) for item in paper.meetings]
    tagged += [("forward_plan_entry", item) for item in paper.forward_plan_entries]
    tagged.append(("paper", paper.reading))
    if roots is None:
        return [{**to_dict(item, shared), "kind": kind, "source": paper.source} for kind, item in tagged]
    return [{**{root: to_dict(getattr(item, root, None), shared) for root in roots}, "kind": kind, "source": paper.source} for kind, item in tagged]


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


UNKEYED = object()  # index bucket of the records whose join value cannot be hashed


@dataclass
class _Lookups:
    """What a run finds out about its records alone, shared by the runs of the same records."""

    by_kind: dict[str, list[dict]] = field(default_factory=dict)
    indexes: dict[tuple[str, str], dict] = field(default_factory=dict)  # (kind, field) -> join value -> records
    matched: dict[tuple, list[dict]] = field(default_factory=dict)  # (join, params, outer values) -> records
    outer: dict[int, tuple[str, ...]] = field(default_factory=dict)  # id of a join -> the outer paths it reads
    alive: dict[int, object] = field(default_factory=dict)  # what the ids in those keys name
    derived: dict = field(default_factory=dict)  # what later stages derive from them, by their own keys


class Run:
    """The records of one run, for no_record/exists_record.

    Scanning every record of the kind for every record checked is quadratic. When `where` has a
    conjunct `field eq {record: path}`, only records sharing a value of `field` with the checked
    record can match, so they are looked up in a hash index on `field` (built on first use) and
    `where` is then evaluated on those alone, by the reference evaluator.

    `where` sees the checked record only through its `{record: ...}` values, so the records it
    finds are the same for every checked record with the same such values: they are found once
    (`matched`), kept, and shared by the facts of each pack and the findings' related evidence.
    """

    def __init__(self, records: list[dict]):
        self.records = records
        self._lookups = _Lookups()
        self._budgets: dict[str, MatchingBudget] = {}
        self.failures: list[RuleFailure] = []
        self.failed: set[tuple[int, str]] = set()  # (id of the record, rule id) left undecided

    @property
    def derived(self) -> dict:
        """What a later stage derives from the records alone (a finding's related evidence), by
        its own keys; the ids in them name objects the later stage keeps alive in its values."""
        return self._lookups.derived

    def fresh(self) -> "Run":
        """A run of the same records that shares what is found about them alone (the indexes,
        the joins' results), with no failures and pattern time of its own."""
        run = Run(self.records)
        run._lookups = self._lookups
        return run

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
        found = any(not is_self(other, record) for other in self.matched(cond, record, params))
        return found != cond.negated

    def matched(self, cond: RecordExists, record: dict, params: dict) -> list[dict]:
        """The records of the kind that satisfy `where` for `record`, in run order (`record`
        itself among them when it does: the caller skips it)."""
        lookups = self._lookups
        if id(cond) not in lookups.outer:
            lookups.outer[id(cond)] = tuple(sorted(set(outer_paths(cond.where))))
            lookups.alive[id(cond)] = cond  # so that its id names it for the whole run
        lookups.alive.setdefault(id(params), params)
        key = (id(cond), id(params), tuple(tuple(path_values(record, path)) for path in lookups.outer[id(cond)]))
        try:
            hash(key)
        except TypeError:  # a value that cannot be hashed: found for this record alone
            return self._match(cond, record, params)
        if key not in lookups.matched:
            lookups.matched[key] = self._match(cond, record, params)
        return lookups.matched[key]

    def _match(self, cond: RecordExists, record: dict, params: dict) -> list[dict]:
        return [other for other in self.candidates(cond, record) if evaluate(cond.where, other, params, self.records, record)]

    def _all_of(self, kind: str) -> list[dict]:
        by_kind = self._lookups.by_kind
        if kind not in by_kind:
            by_kind[kind] = [r for r in self.records if r.get("kind") == kind]
        return by_kind[kind]

    def candidates(self, cond: RecordExists, record: dict) -> list[dict]:
        """The records of the kind that can match `where` for `record`, in run order: all of
        them, or those the join index gives."""
        join = join_of(cond.where)
        if join is None:
            return self._all_of(cond.kind)
        wanted = {join_key(cond.kind, join.field, v) for v in path_values(record, join.value.field)} - {None}
        if UNKEYED in wanted:
            return self._all_of(cond.kind)
        index = self._index(cond.kind, join.field)
        # A record whose list field holds several of the wanted values is in several buckets.
        found = {position: other for key in wanted | {UNKEYED} for position, other in index.get(key, ())}
        return [found[position] for position in sorted(found)]

    def _index(self, kind: str, field: str) -> dict:
        """Join value -> (position in the kind's records, record) of those holding it."""
        indexes = self._lookups.indexes
        if (kind, field) not in indexes:
            index: dict = {}
            for position, other in enumerate(self._all_of(kind)):
                for key in {join_key(kind, field, v) for v in path_values(other, field)} - {None}:
                    index.setdefault(key, []).append((position, other))
            indexes[(kind, field)] = index
        return indexes[(kind, field)]


def outer_paths(condition: Condition):
    """The paths of the checked record a join's `where` reads (`{record: path}`); not those of a
    join nested in it, which refer to the record it is evaluated on."""
    if isinstance(condition, RecordExists):
        return
    for name in ("value", "start", "end"):
        value = getattr(condition, name, None)
        if isinstance(value, Outer):
            yield value.field
    for inner in getattr(condition, "conditions", ()):
        yield from outer_paths(inner)
    for name in ("condition", "where"):
        if getattr(condition, name, None) is not None:
            yield from outer_paths(getattr(condition, name))


def join_of(where: Condition) -> Compare | None:
    """A conjunct of `where` that holds only when a field equals a field of the checked record.

    One inside `some` or `for_kind` is as good: what holds of one element of a list holds of
    the list's values, so the index on the field finds every record that can match.
    """
    for part in where.conditions if isinstance(where, AllOf) else (where,):
        if isinstance(part, Compare) and part.op == "eq" and isinstance(part.value, Outer):
            return part
        if isinstance(part, (Some, ForKind)):
            inner = join_of(part.where)
            if inner is not None:
                return inner
    return None


def join_key(kind: str, field: str, value):
    """The value as `eq` compares it (dates as dates); None for one that never compares.

    Equal numbers hash equal across int, float and bool, as `eq` compares them; a string never
    equals a number in the reference and is a different key here.
    """
    if value is not None and field in date_paths(kind):
        value = as_date(value)
    try:
        hash(value)
    except TypeError:
        return UNKEYED
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
        return [(condition, other) for other in run.matched(condition, record, params) if not is_self(other, record)]
    return []


def has_join(condition: Condition) -> bool:
    return any(isinstance(node, RecordExists) for node in subconditions(condition))