"""Rule tests for packs, in the manner of `semgrep --test`: fixture records with the expected outcome.

A pack's fixtures live beside it in `tests/<pack-id>/<rule-id>.yaml`. Each case gives a
partial record; it is merged over a complete, gap-free default record of its kind (the record
model's example), the resolved pack is run on it (with any `others` in the same run), and the case
passes when the rule fires, or does not, as it expects (and with the expected severity).

An inherited rule is tested with the fixtures of the pack that defines it, unless the pack
under test has its own file for it (a pack that overrides a severity needs its own cases).
Every rule must have at least one `finding` and one `no_finding` case, or it fails.
"""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

import jsonschema
import yaml
from referencing import Registry, Resource

from govlint.engine.packs import runtime as rule_engine
from govlint.engine.packs.model import RECORD_KINDS, Pack, Rule
from govlint.engine.records.fields import example_record

# Complete records with no gap any rule looks for: the record model's example decision (a key
# decision taken by a Cabinet Member after the Cabinet Committee endorsed it, with its report,
# signed and dated) and the minutes of that committee, with a well-formed declaration.
DEFAULTS = {kind: example_record(kind) for kind in RECORD_KINDS}


class FixtureError(Exception):
    """A fixture file that cannot be used: unreadable, not valid YAML, or not in the fixture format."""


@dataclass
class CaseResult:
    name: str
    passed: bool
    reason: str = ""


@dataclass
class RuleResult:
    rule_id: str
    fixture: Path | None
    cases: list[CaseResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # reasons the rule fails besides its cases

    @property
    def passed(self) -> bool:
        return not self.problems and all(case.passed for case in self.cases)


@dataclass
class PackResult:
    pack_id: str
    rules: list[RuleResult]
    problems: list[str] = field(default_factory=list)  # fixture files that test no rule of the pack

    @property
    def passed(self) -> bool:
        return not self.problems and all(rule.passed for rule in self.rules)


def _schema(name: str) -> dict:
    return json.loads(resources.files("govlint.engine").joinpath(f"schemas/{name}").read_text("utf-8"))


def _validators() -> tuple[jsonschema.Validator, dict[str, jsonschema.Validator]]:
    records = _schema("records.schema.json")
    registry = Registry().with_resource(records["$id"], Resource.from_contents(records))
    fixtures = jsonschema.Draft202012Validator(_schema("rule-tests.schema.json"), registry=registry)
    by_kind = {
        kind: jsonschema.Draft202012Validator({"$ref": f"{records['$id']}#/$defs/{kind}"}, registry=registry)
        for kind in DEFAULTS
    }
    return fixtures, by_kind


_FIXTURES, _RECORDS = _validators()


def _iso_dates(value):
    """YAML reads 2020-09-29 as a date; records hold ISO strings."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _iso_dates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_iso_dates(item) for item in value]
    return value


def _problems(validator: jsonschema.Validator, instance) -> list[str]:
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(top)'}: {error.message}"
        for error in sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
    ]


def load_fixture(path: Path) -> dict:
    """One fixture file, checked against rule-tests.schema.json."""
    try:
        data = _iso_dates(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise FixtureError(f"{path}: {error}") from None
    problems = _problems(_FIXTURES, data)
    if problems:
        raise FixtureError(f"{path}: " + "; ".join(problems))
    if data["rule"] != path.stem:
        raise FixtureError(f"{path}: tests rule {data['rule']!r} but is named after {path.stem!r}")
    return data


def _merge(base: dict, partial: dict) -> dict:
    merged = copy.deepcopy(base)
    for key, value in partial.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def build_record(partial: dict) -> dict:
    """The partial record merged over the default record of its kind, checked against the record schema."""
    record = _merge(DEFAULTS[partial["kind"]], partial)
    problems = _problems(_RECORDS[record["kind"]], {k: v for k, v in record.items() if k != "kind"})
    if problems:
        raise FixtureError("the merged record does not fit the record schema: " + "; ".join(problems))
    return record


def run_case(pack: Pack, rule: Rule, case: dict) -> CaseResult:
    name = case["name"]
    try:
        records = [build_record(case["record"])] + [build_record(other) for other in case.get("others", [])]
    except FixtureError as error:
        return CaseResult(name, False, str(error))
    fired = [m for m in rule_engine.run(pack, records) if m.rule.id == rule.id and m.record_index == 0]
    if case["expect"] == "no_finding":
        return CaseResult(name, not fired, f"expected no finding, got one ({fired[0].severity})" if fired else "")
    if not fired:
        return CaseResult(name, False, "expected a finding, got none")
    wanted = case.get("severity")
    if wanted and fired[0].severity != wanted:
        return CaseResult(name, False, f"expected severity {wanted}, got {fired[0].severity}")
    return CaseResult(name, True)


def fixture_dir(pack_path: str | Path, pack_id: str) -> Path:
    return Path(pack_path).parent / "tests" / pack_id


def _fixture_for(rule: Rule, pack: Pack) -> Path | None:
    candidates = [fixture_dir(pack.path, pack.id) / f"{rule.id}.yaml"]
    if rule.defined_in is not None:
        # A pack file is named after its pack id (the loader enforces it).
        defining = Path(rule.defined_in.path)
        candidates.append(fixture_dir(defining, defining.stem) / f"{rule.id}.yaml")
    return next((path for path in candidates if path.exists()), None)


def run_rule_tests(pack: Pack, rule: Rule) -> RuleResult:
    path = _fixture_for(rule, pack)
    result = RuleResult(rule.id, path)
    if path is None:
        result.problems.append(f"no fixture file {rule.id}.yaml in {fixture_dir(pack.path, pack.id)}")
        return result
    try:
        fixture = load_fixture(path)
    except FixtureError as error:
        result.problems.append(str(error))
        return result
    expects = {case["expect"] for case in fixture["cases"]}
    result.problems += [f"no {kind} case" for kind in ("finding", "no_finding") if kind not in expects]
    names = [case["name"] for case in fixture["cases"]]
    result.problems += [f"case name {n!r} used twice" for n in sorted({n for n in names if names.count(n) > 1})]
    result.cases = [run_case(pack, rule, case) for case in fixture["cases"]]
    return result


def run_pack_tests(pack: Pack) -> PackResult:
    """Every rule of the resolved pack against its fixtures; stray fixture files are failures too."""
    rules = [rule for rule in pack.rules if rule.enabled]
    known = {rule.id for rule in rules}
    own = fixture_dir(pack.path, pack.id)
    stray = sorted(p.name for p in own.glob("*.yaml") if p.stem not in known) if own.is_dir() else []
    return PackResult(pack.id, [run_rule_tests(pack, rule) for rule in rules], [f"{own / name}: tests no rule of the pack" for name in stray])
