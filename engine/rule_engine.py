"""Packs compiled to durable_rules rulesets, and runs of records through them.

The only module that imports durable_rules. It talks to durable's C core directly rather
than through `durable.engine.Host`, whose timer threads dispatch pending actions on their own
and could run an action (and record a match) after `run` has returned.

Compilation keeps to the forms the differential tests verify (docs/durable-rules.md):
- every condition goes to disjunctive normal form, each disjunct its own durable rule, so no
  `$or` is ever used; results are the union of the disjuncts' matches;
- a native test is an equality, `$neq`, ordering, `$ex`/`$nex` on one flat scalar fact field of
  the type the comparison value has; a missing field is written out as its own disjunct
  wherever the semantics make it true (durable's `$neq` does not match a missing field);
- everything else (regexes, list paths, days_between, no_record/exists_record, string
  ordering, numeric-looking strings) is a derived boolean fact field computed in Python;
- every pattern starts with a positive test on the fact's kind, so no pattern can match the
  ruleset's state object.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import threading
from dataclasses import dataclass
from datetime import date

import durable_rules_engine as _durable

from engine.facts import Derived, field_shapes, fact_key, to_fact
from engine.packs import AllOf, AnyOf, Compare, Condition, DaysBetween, Not, Pack, Param, RecordExists, Rule

# Facts are asserted in chunks, each under its own session id that is deleted afterwards:
# facts piling up in one session slow durable_rules down sharply.
CHUNK = 500
# A rule whose condition expands to more disjuncts than this is refused rather than compiled.
MAX_DISJUNCTS = 256

_NATIVE_ORDER = {"gt": "$gt", "gte": "$gte", "lt": "$lt", "lte": "$lte"}
_COMPLEMENT = {"eq": "ne", "ne": "eq", "gt": "lte", "gte": "lt", "lt": "gte", "lte": "gt", "exists": "missing", "missing": "exists"}

_lock = threading.Lock()  # durable's C core is not safe to call from several threads at once
_registry: dict[str, "_Compiled"] = {}
_sessions = itertools.count(1)


class CompileError(Exception):
    pass


@dataclass(frozen=True)
class Match:
    rule: Rule
    severity: str
    record_index: int  # into the records given to run()


@dataclass(frozen=True)
class _Target:
    rule: Rule
    case: int  # 0: the rule itself; k: its k-th severity case


@dataclass
class _Compiled:
    handle: int
    targets: dict[str, _Target]  # durable rule name -> what a match means
    derived: tuple[Derived, ...]


class _Compiler:
    def __init__(self, params: dict):
        self.params = params
        self.derived: list[Derived] = []

    def derive(self, condition: Condition, kind: str) -> str:
        for item in self.derived:
            if item.condition == condition and kind in item.kinds:
                return item.name
        name = f"x{len(self.derived)}"
        self.derived.append(Derived(name, (kind,), condition))
        return name

    def dnf(self, condition: Condition, positive: bool, kind: str) -> list[list[dict]]:
        """Alternatives (any) of conjunctions (all) of durable tests."""
        if isinstance(condition, Not):
            return self.dnf(condition.condition, not positive, kind)
        if isinstance(condition, (AllOf, AnyOf)):
            parts = [self.dnf(c, positive, kind) for c in condition.conditions]
            if isinstance(condition, AllOf) == positive:
                return _product(parts)
            return [alt for part in parts for alt in part]
        native = self.native(condition, positive, kind) if isinstance(condition, Compare) else None
        if native is not None:
            return native
        return [[{self.derive(condition, kind): positive}]]

    def native(self, cond: Compare, positive: bool, kind: str) -> list[list[dict]] | None:
        """The comparison as durable tests, or None when durable cannot be trusted with it."""
        shape = field_shapes(kind).get(cond.field)
        if shape is None or shape.is_list:
            return None
        key = fact_key(cond.field)
        op = cond.op if positive else _COMPLEMENT.get(cond.op, cond.op)
        if op in ("exists", "missing"):
            return [[{"$ex" if op == "exists" else "$nex": {key: 1}}]]
        value = self.params.get(cond.value.name) if isinstance(cond.value, Param) else cond.value
        if op == "in":
            options = [_native_value(shape.type, v) for v in value] if isinstance(value, (list, tuple)) else [None]
            if any(o is None for o in options):
                return None
            if positive:
                return [[{key: o}] for o in options]
            return [[{"$nex": {key: 1}}], [{"$neq": {key: o}} for o in options]]
        if op not in _COMPLEMENT or (op not in ("eq", "ne") and shape.type not in ("number", "date")):
            return None
        if value is None:
            # Nothing to compare with: false, and its negation true.
            return [] if positive else [[]]
        native = _native_value(shape.type, value)
        if native is None:
            return None
        if op == "eq":
            return [[{key: native}]]
        if op == "ne":
            return [[{"$nex": {key: 1}}], [{"$neq": {key: native}}]]
        test = [{_NATIVE_ORDER[op]: {key: native}}]
        return [test] if positive else [[{"$nex": {key: 1}}], test]


def _native_value(field_type: str, value):
    """The value as durable should see it for a field of this type, or None if it cannot."""
    if field_type == "number" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if field_type == "boolean" and isinstance(value, bool):
        return value
    if field_type == "date" and isinstance(value, date):
        return value.toordinal()
    if field_type == "string" and isinstance(value, str) and not _numeric(value):
        # durable compares "5" equal to 5 (and "5.0"); such strings are left to Python.
        return value
    return None


def _numeric(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def _product(parts: list[list[list[dict]]]) -> list[list[dict]]:
    result: list[list[dict]] = [[]]
    for part in parts:
        result = [left + right for left in result for right in part]
        if len(result) > MAX_DISJUNCTS:
            raise CompileError(f"condition expands to over {MAX_DISJUNCTS} alternatives; simplify it")
    return result


def _satisfiable(tests: list[dict]) -> bool:
    """False for a conjunction that plainly cannot hold: two values, or a value and `$nex`, for one field.

    durable_rules crashes (segfault) on a ruleset whose only rule is such a conjunction.
    """
    equal: dict[str, set] = {}
    for test in tests:
        for key, value in test.items():
            if not key.startswith("$"):
                equal.setdefault(key, set()).add(json.dumps(value))
    absent = {key for test in tests for key in test.get("$nex", {})}
    return all(len(values) == 1 and key not in absent for key, values in equal.items())


def _applicability(rule: Rule, kind: str, stages: tuple[str, ...]) -> list[list[dict]]:
    stage_tests = [[{"stage": s}] for s in stages] if kind == "decision" and stages else [[]]
    window = [{"$gte": {"app_date": rule.effective_from.toordinal()}}] if rule.effective_from else []
    window += [{"$lte": {"app_date": rule.effective_to.toordinal()}}] if rule.effective_to else []
    # A record without a date cannot be shown to fall outside the window: the rule applies.
    dates = [[{"$nex": {"app_date": 1}}], window] if window else [[]]
    return _product([[[{"kind": kind}]], stage_tests, dates])


def compile_pack(pack: Pack) -> tuple[dict, dict[str, _Target], tuple[Derived, ...]]:
    """The durable ruleset (JSON form), what each durable rule name means, and the derived fields."""
    compiler = _Compiler(pack.parameters)
    ruleset: dict = {}
    targets: dict[str, _Target] = {}
    for r_index, rule in enumerate(r for r in pack.rules if r.enabled):
        cases = [(rule.stages, rule.when)] + [
            (tuple(s for s in case.stages if not rule.stages or s in rule.stages) if case.stages else rule.stages,
             AllOf((rule.when, case.when)) if case.when else rule.when)
            for case in rule.severity_cases
        ]
        for c_index, (stages, condition) in enumerate(cases):
            if c_index and rule.severity_cases[c_index - 1].stages and not stages:
                continue  # the case names only stages the rule never runs on
            alternatives = []
            # Stages are decisions' only: a stage-bound severity case never applies to a meeting.
            for kind in (k for k in rule.kinds if not (c_index and rule.severity_cases[c_index - 1].stages and k != "decision")):
                alternatives += _product([_applicability(rule, kind, stages), compiler.dnf(condition, True, kind)])
            for a_index, tests in enumerate(t for t in alternatives if _satisfiable(t)):
                name = f"r{r_index}c{c_index}a{a_index}"
                ruleset[name] = {"all": [{"m": {"$and": tests}}]}
                targets[name] = _Target(rule, c_index)
    return ruleset, targets, tuple(compiler.derived)


def _compiled(pack: Pack) -> _Compiled:
    ruleset, targets, derived = compile_pack(pack)
    text = json.dumps(ruleset, sort_keys=True)
    digest = hashlib.sha256((text + repr(derived)).encode()).hexdigest()[:16]
    key = f"govlint-{pack.id}-{pack.version}-{digest}"
    if key not in _registry:
        # durable_rules cannot take back a ruleset it refused halfway, nor should it keep
        # rulesets nobody asked for: register each compiled pack once per process.
        handle = _durable.create_ruleset(key, text) if ruleset else 0
        _registry[key] = _Compiled(handle, targets, derived)
    return _registry[key]


def run(pack: Pack, records: list[dict]) -> list[Match]:
    """The rules of `pack` that fire on `records` (dicts with "kind"; cross-record rules see them all)."""
    with _lock:
        compiled = _compiled(pack)
        fired: set[tuple[str, int]] = set()
        by_kind = {kind: [r for r in records if r["kind"] == kind] for kind in ("decision", "meeting")}
        if compiled.handle:
            for start in range(0, len(records), CHUNK):
                chunk = records[start : start + CHUNK]
                facts = [to_fact(r, compiled.derived, pack.parameters, by_kind) for r in chunk]
                fired |= {(name, start + i) for name, i in _assert(compiled.handle, facts)}
    return _matches(compiled.targets, fired)


def _assert(handle: int, facts: list[dict]) -> list[tuple[str, int]]:
    sid = f"run-{next(_sessions)}"
    batch = [{**fact, "sid": sid, "id": index} for index, fact in enumerate(facts)]
    found = []
    try:
        # The returned code is that of the batch's last fact only ("not handled" though others
        # matched), so actions are always drained; deleting a session with actions pending aborts.
        _code, state = _durable.assert_facts(handle, json.dumps(batch))
        action = _durable.start_action_for_state(handle, state)
        message = action[1] if action else None
        while message:
            for name, bound in json.loads(message).items():
                found.append((name, bound["m"]["id"]))
            message = _durable.complete_and_start_action(handle, state)
    finally:
        _durable.delete_state(handle, sid)
    return found


def _matches(targets: dict[str, _Target], fired: set[tuple[str, int]]) -> list[Match]:
    cases: dict[tuple[str, int], set[int]] = {}
    rules = {}
    for name, index in fired:
        target = targets[name]
        rules[target.rule.id] = target.rule
        cases.setdefault((target.rule.id, index), set()).add(target.case)
    matches = []
    for (rule_id, index), hit in sorted(cases.items()):
        rule = rules[rule_id]
        if 0 in hit:
            chosen = min((c for c in hit if c), default=0)
            severity = rule.severity_cases[chosen - 1].severity if chosen else rule.severity
            matches.append(Match(rule, severity, index))
    return matches
