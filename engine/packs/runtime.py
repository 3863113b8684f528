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
import json
import pickle
import re
import threading
import weakref
from dataclasses import dataclass, replace
from datetime import date

import durable_rules_engine as _durable

from govlint.engine.common.cache import cached
from govlint.engine.packs.facts import APP_EARLIEST, APP_LATEST, Derived, RuleFailure, Run, field_shapes, to_fact
from govlint.engine.packs.model import STAGES, AllOf, AnyOf, Compare, Condition, Not, Pack, Param, Rule

# Facts are asserted in chunks, the session deleted after each: facts piling up in one
# session slow durable_rules down sharply.
CHUNK = 500
# Every durable rule hands over up to this many matches in one action (its "cap"), so a chunk
# costs one action per rule that fired rather than one per match.
CAP = CHUNK
# A rule whose condition expands to more disjuncts than this is refused rather than compiled.
MAX_DISJUNCTS = 256

_NATIVE_ORDER = {"gt": "$gt", "gte": "$gte", "lt": "$lt", "lte": "$lte"}
_COMPLEMENT = {"eq": "ne", "ne": "eq", "gt": "lte", "gte": "lt", "lt": "gte", "lte": "gt", "exists": "missing", "missing": "exists"}

_lock = threading.Lock()  # durable's C core is not safe to call from several threads at once
# Ruleset handles by the digest of their JSON: only the durable side is shared between packs
# that compile alike. What a match means (the Rule, with its severity and message) is taken
# from the pack of each run, so two packs differing only in severity never mix.
_handles: dict[str, int] = {}
# Each pack's compiled form by the pack's identity, for as long as the pack lives: a streamed run
# checks papers one at a time with the same packs, and compiling a pack costs more than checking
# a paper. (Packs hold dicts, so they cannot be keys themselves.)
_compiled_packs: dict[int, tuple[weakref.ref, "_Compiled"]] = {}
_SESSION = "0"  # durable's session for facts without a "sid"
# durable_rules 2.0.28 frees memory it does not own (abort or segfault) when a session is
# deleted in which no action has ever run. Every chunk therefore ends with a fact that its own
# rule always matches, so each session runs at least one action before it is deleted.
_SENTINEL_RULE = "sentinel"
_SENTINEL_FACT = {"id": -1, "kind": "__sentinel"}


class CompileError(Exception):
    pass


@dataclass(frozen=True, slots=True)
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
    fields: tuple[tuple[str, str], ...]  # (record field path, fact key) of the fields the rules test


class _Compiler:
    def __init__(self, params: dict):
        self.params = params
        self.derived: list[Derived] = []
        self.fields: dict[str, str] = {}
        self.rule = ""  # the id of the rule being compiled, for the derived fields it asks for

    def key(self, path: str) -> str:
        # Short fact keys: every fact is encoded, stored and handed back in action messages whole.
        return self.fields.setdefault(path, f"f{len(self.fields)}")

    def derive(self, condition: Condition, kind: str) -> str:
        for n, item in enumerate(self.derived):
            if item.condition == condition and kind in item.kinds:
                if self.rule not in item.rules:
                    self.derived[n] = replace(item, rules=item.rules + (self.rule,))
                return item.name
        name = f"x{len(self.derived)}"
        self.derived.append(Derived(name, (kind,), condition, (self.rule,)))
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
        key = self.key(cond.field)
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


def _applicability(rule: Rule, kind: str, stages: tuple[str, ...]) -> list[dict]:
    """Kind, stage and effective window as one conjunction, so they do not multiply the disjuncts."""
    tests = [{"kind": kind}]
    if kind == "decision" and stages:
        # `$neq` does not match a missing stage, which no stage list admits either.
        tests += [{"$ex": {"stage": 1}}] + [{"$neq": {"stage": s}} for s in STAGES if s not in stages]
    if rule.effective_from:
        tests.append({"$gte": {APP_LATEST: rule.effective_from.toordinal()}})
    if rule.effective_to:
        tests.append({"$lte": {APP_EARLIEST: rule.effective_to.toordinal()}})
    return tests


def compile_pack(pack: Pack) -> tuple[dict, dict[str, _Target], tuple[Derived, ...], tuple[tuple[str, str], ...]]:
    """The durable ruleset (JSON form), what each durable rule name means, the derived fields and
    the (path, fact key) of the record fields tested."""
    compiler = _Compiler(pack.parameters)
    ruleset: dict = {}
    targets: dict[str, _Target] = {}
    for r_index, rule in enumerate(r for r in pack.rules if r.enabled):
        compiler.rule = rule.id
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
                alternatives += _product([[_applicability(rule, kind, stages)], compiler.dnf(condition, True, kind)])
            for a_index, tests in enumerate(t for t in alternatives if _satisfiable(t)):
                name = f"r{r_index}c{c_index}a{a_index}"
                ruleset[name] = {"all": [{"m": {"$and": tests}}], "cap": CAP}
                targets[name] = _Target(rule, c_index)
    return ruleset, targets, tuple(compiler.derived), tuple(compiler.fields.items())


def _compiled(pack: Pack) -> _Compiled:
    held = _compiled_packs.get(id(pack))
    if held is None or held[0]() is not pack:
        held = _compiled_packs[id(pack)] = (weakref.ref(pack), _compile(pack))
        weakref.finalize(pack, _compiled_packs.pop, id(pack), None)
    return held[1]


def _compile(pack: Pack) -> _Compiled:
    # Compiling a pack is a twentieth of a one-paper check, the same work on every run: what it
    # makes is kept between runs (engine.common.cache), under the digest of the whole pack.
    digest = hashlib.sha256(pickle.dumps(pack, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()
    text, targets, derived, fields = cached("ruleset", [digest], lambda: (_ruleset_text(pack), ()))
    if text is None:
        return _Compiled(0, targets, derived, fields)
    key = f"govlint-{pack.id}-{hashlib.sha256(text.encode()).hexdigest()[:16]}"
    if key not in _handles:
        # durable_rules cannot unregister a ruleset: register each distinct one once per process.
        _handles[key] = _durable.create_ruleset(key, text)
    return _Compiled(_handles[key], targets, derived, fields)


def _ruleset_text(pack: Pack) -> tuple[str | None, dict[str, _Target], tuple[Derived, ...], tuple[tuple[str, str], ...]]:
    """compile_pack's ruleset as durable reads it (None when the pack has no rule durable runs)."""
    ruleset, targets, derived, fields = compile_pack(pack)
    if not ruleset:
        return None, targets, derived, fields
    ruleset[_SENTINEL_RULE] = {"all": [{"m": {"kind": _SENTINEL_FACT["kind"]}}], "cap": CAP}
    return json.dumps(ruleset, sort_keys=True), targets, derived, fields


def run(pack: Pack, records: list[dict], failures: list[RuleFailure] | None = None) -> list[Match]:
    """The rules of `pack` that fire on `records` (dicts with "kind"; cross-record rules see them all).

    Matches come in rule id order, then record order. A rule that cannot be decided on a
    record (engine.packs.reference.ConditionError) gives no match there; it is added to
    `failures` when given, and the other rules and records are run as usual.
    """
    by_rule: dict[str, list[Match]] = {}
    with _lock:
        compiled = _compiled(pack)
        if compiled.handle:
            context = Run(records)
            for start in range(0, len(records), CHUNK):
                facts = [
                    to_fact(record, index, compiled.fields, compiled.derived, pack.parameters, context)
                    for index, record in enumerate(records[start : start + CHUNK])
                ]
                for match in _matches(compiled.targets, _assert(compiled.handle, facts), start):
                    if (id(records[match.record_index]), match.rule.id) not in context.failed:
                        by_rule.setdefault(match.rule.id, []).append(match)
            if failures is not None:
                failures += context.failures
    return [match for rule_id in sorted(by_rule) for match in by_rule[rule_id]]


def _matches(targets: dict[str, _Target], fired: list[tuple[str, int]], start: int) -> list[Match]:
    """One chunk's matches, by rule id and record index, from (durable rule name, index in chunk)."""
    # (rule id, index) -> bit k set when the rule's case k matched (case 0: the rule itself);
    # kept per chunk, as a run can hold hundreds of thousands of matches.
    hits: dict[tuple[str, int], int] = {}
    rules = {}
    for name, index in fired:
        rule, case = targets[name].rule, targets[name].case
        rules[rule.id] = rule
        hits[rule.id, index] = hits.get((rule.id, index), 0) | 1 << case
    return [
        Match(rules[rule_id], _severity(rules[rule_id], cases), start + index)
        for (rule_id, index), cases in sorted(hits.items())
        if cases & 1
    ]


def _severity(rule: Rule, cases: int) -> str:
    """The first severity case that matched (lowest bit above bit 0), else the rule's own severity."""
    chosen = cases & ~1
    return rule.severity_cases[(chosen & -chosen).bit_length() - 2].severity if chosen else rule.severity


def _assert(handle: int, facts: list[dict]) -> list[tuple[str, int]]:
    """(durable rule name, index into `facts`) for every match of the facts, asserted in one session.

    Facts carry no "sid", so all go to durable's default session "0", which is deleted after
    each chunk (the module lock keeps runs apart).
    """
    found = []
    try:
        # The returned code is that of the batch's last fact only ("not handled" though others
        # matched), so actions are always drained; deleting a session with actions pending aborts.
        _code, state = _durable.assert_facts(handle, json.dumps(facts + [_SENTINEL_FACT]))
        action = _durable.start_action_for_state(handle, state)
        message = action[1] if action else None
        while message:
            found += _action_matches(message)
            message = _durable.complete_and_start_action(handle, state)
    finally:
        _durable.delete_state(handle, _SESSION)
    return found


# An action message is {"<rule name>":[{"m":<fact as asserted>}, ...]} (one rule, its capped
# matches), and every fact starts with its "id". Inside a JSON string every quote is escaped,
# so these patterns cannot match within a value; decoding the whole message (every fact's
# every field) was the engine's largest single cost.
_RULE_NAME = re.compile(r'\{"([^"]+)":\[')
_FRAME_ID = re.compile(r'\{"m":\{"id": (\d+)[,}]')


def _action_matches(message: str) -> list[tuple[str, int]]:
    name = _RULE_NAME.match(message).group(1)
    if name == _SENTINEL_RULE:
        return []
    return [(name, int(index)) for index in _FRAME_ID.findall(message)]
