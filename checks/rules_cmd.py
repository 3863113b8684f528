"""`govlint rules …`: list, show and validate rule packs (`rules test` is checks.rules_test_cmd).

Engine modules are imported inside the commands so that `govlint --help` stays fast.
"""
from __future__ import annotations

import difflib
import json
from pathlib import Path

import click

from govlint.checks.rules_test_cmd import test
from govlint.checks.shared import EXIT_BAD_INPUT, EXIT_OK, config_options, configured_packs, exits_with_status, table
from govlint.engine.common.errors import GovlintError

_OPERATORS = {"eq": "=", "ne": "≠", "gt": ">", "gte": "≥", "lt": "<", "lte": "≤"}


@click.group()
def rules() -> None:
    """Work with rule packs."""


rules.add_command(test)


@rules.command("list")
@config_options
@exits_with_status
def list_rules(pack_names: tuple[str, ...], config_file: str | None, no_config: bool) -> int:
    """List the rules in effect: id, severity (with the stages or cases that change it), title
    and the pack that defines each. The packs and rule changes of the nearest .govlint.yaml
    apply, as for `govlint check`; a rule changed by a pack's overrides or the config says by what."""
    from govlint.engine.packs.loader import list_available_packs

    _, packs = configured_packs(pack_names, config_file, no_config)
    rows = [(rule.id, severity_text(rule), rule.title, pack_of(rule)) for pack in packs for rule in pack.rules]
    for line in table(("ID", "SEVERITY", "TITLE", "PACK"), rows):
        click.echo(line)
    click.echo()
    for loaded in packs:
        extends = f", extends {', '.join(loaded.extends)}" if loaded.extends else ""
        click.echo(f"{loaded.id} {loaded.version}: {len(loaded.rules)} rules{extends}")
    click.echo(f"Available packs: {', '.join(list_available_packs())}")
    return EXIT_OK


@rules.command("show")
@click.argument("rule_id")
@config_options
@exits_with_status
def show(rule_id: str, pack_names: tuple[str, ...], config_file: str | None, no_config: bool) -> int:
    """Everything about one rule (by id or alias) as it runs here: condition, message,
    severities, citations, where defined and what changed it (pack overrides, the config)."""
    _, packs = configured_packs(pack_names, config_file, no_config)
    found = [(rule, pack) for pack in packs for rule in pack.rules if rule_id in (rule.id, *rule.aliases)]
    if not found:
        names = [name for pack in packs for rule in pack.rules for name in (rule.id, *rule.aliases)]
        close = difflib.get_close_matches(rule_id, names, n=1)
        hint = f"; did you mean {close[0]}?" if close else "; `govlint rules list` shows them"
        raise GovlintError(f"no rule {rule_id!r} in pack {', '.join(pack.id for pack in packs)}{hint}")
    rule, pack = found[0]
    for line in describe_rule(rule, pack.parameters):
        click.echo(line)
    return EXIT_OK


@rules.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@exits_with_status
def validate(files: tuple[str, ...]) -> int:
    """Check pack FILES (and the packs they extend); every problem is printed as FILE:LINE:COL: MESSAGE.

    Exit status 0 when all are valid, 2 when any is not.
    """
    from govlint.engine.packs.loader import PackError, load_pack

    valid = True
    for name in files:
        try:
            loaded = load_pack(name)
        except PackError as error:
            valid = False
            for problem in error.problems:
                click.echo(str(problem), err=True)
            continue
        click.echo(f"{name}: ok ({loaded.id} {loaded.version}, {len(loaded.rules)} rules)")
    return EXIT_OK if valid else EXIT_BAD_INPUT


def pack_of(rule) -> str:
    # A pack file is named after its pack id (the loader enforces it).
    return Path(rule.defined_in.path).stem if rule.defined_in else "?"


def severity_text(rule) -> str:
    """The severity in a few words: `error (proposed: info)`, `info (warning in some cases)`,
    `off`; `[changed by …]` when a pack's overrides or the config changed the rule."""
    changed = f" [changed by {', '.join(rule.changed_by)}]" if rule.changed_by else ""
    if not rule.enabled:
        return "off" + changed
    cases = [
        f"{', '.join(case.stages)}: {case.severity}{' in some cases' if case.when else ''}" if case.stages else f"{case.severity} in some cases"
        for case in rule.severity_cases
    ]
    return rule.severity + (f" ({'; '.join(cases)})" if cases else "") + changed


def describe_rule(rule, parameters: dict) -> list[str]:
    aliases = f"  (also known as {', '.join(rule.aliases)})" if rule.aliases else ""
    lines = [
        f"{rule.id}{aliases}",
        f"Title:        {rule.title}",
        f"Pack:         {pack_of(rule)} ({rule.defined_in})",
        f"Enabled:      {'yes' if rule.enabled else 'no'}",
        *([f"Changed by:   {', '.join(rule.changed_by)}"] if rule.changed_by else []),
        f"Applies to:   {' and '.join(rule.kinds)} records" + (f", stages {', '.join(rule.stages)}" if rule.stages else ""),
        f"Severity:     {rule.severity}" + (" unless:" if rule.severity_cases else ""),
    ]
    for case in rule.severity_cases:
        at = f" at stages {', '.join(case.stages)}" if case.stages else ""
        when = render_condition(case.when, parameters) if case.when else []
        lines.append(f"  {case.severity}{at}" + (" and when:" if at and when else " when:" if when else ""))
        lines += ["    " + line for line in when]
    if rule.effective_from or rule.effective_to:
        lines.append(f"Effective:    {rule.effective_from or '…'} to {rule.effective_to or '…'} (by decision date)")
    lines.append("Finding when:")
    lines += ["  " + line for line in render_condition(rule.when, parameters)]
    lines.append(f"Message:      {rule.message}")
    if rule.evidence_fields:
        lines.append(f"Evidence:     {', '.join(rule.evidence_fields)}")
    lines.append("Citations:" + ("" if rule.citations else "    (none)"))
    for citation in rule.citations:
        lines.append(f"  - {citation.text()}")
        if citation.source.url:
            lines.append(f"    {citation.source.url}")
    lines.append(f"Remediation:  {rule.remediation or '(none)'}")
    if rule.tags:
        lines.append(f"Tags:         {', '.join(rule.tags)}")
    return lines


def render_condition(condition, parameters: dict) -> list[str]:
    """The condition as indented plain-English lines, parameters shown with their values."""
    from govlint.engine.packs.model import AllOf, AnyOf, Compare, Count, DaysBetween, ForKind, Not, RecordExists, Some

    if isinstance(condition, (AllOf, AnyOf)):
        head = "all of:" if isinstance(condition, AllOf) else "any of:"
        return [head] + [line for part in condition.conditions for line in _bullet(render_condition(part, parameters))]
    if isinstance(condition, Not):
        return ["not:"] + ["  " + line for line in render_condition(condition.condition, parameters)]
    if isinstance(condition, RecordExists):
        head = f"there is {'no' if condition.negated else 'a'} {condition.kind} record where:"
        return [head] + ["  " + line for line in render_condition(condition.where, parameters)]
    if isinstance(condition, ForKind):
        return [f"a {condition.kind} record where:"] + ["  " + line for line in render_condition(condition.where, parameters)]
    if isinstance(condition, Some):
        return [f"some one of {condition.field} where:"] + ["  " + line for line in render_condition(condition.where, parameters)]
    if isinstance(condition, Count):
        values = "different values" if condition.distinct else "values"
        return [f"number of {values} in {condition.field} {_OPERATORS[condition.op]} {_value(condition.value, parameters)}"]
    if isinstance(condition, DaysBetween):
        days = "clear days" if condition.clear else "days"
        start, end = _value(condition.start, parameters, raw=True), _value(condition.end, parameters, raw=True)
        return [f"{days} from {start} to {end} {_OPERATORS[condition.op]} {_value(condition.value, parameters)}"]
    if isinstance(condition, Compare):
        return [_compare(condition, parameters)]
    raise TypeError(f"not a condition: {condition!r}")


def _bullet(lines: list[str]) -> list[str]:
    return ["  - " + lines[0]] + ["    " + line for line in lines[1:]]


def _compare(condition, parameters: dict) -> str:
    name, op, value = condition.field, condition.op, condition.value
    if op in ("exists", "missing"):
        present = (op == "exists") == bool(value)
        return f"{name} is {'present' if present else 'missing'}"
    if op == "in":
        return f"{name} is one of {_value(value, parameters)}"
    if op == "matches":
        return f"{name} matches /{value}/"
    return f"{name} {_OPERATORS[op]} {_value(value, parameters)}"


def _value(value, parameters: dict, raw: bool = False) -> str:
    """A literal as JSON, a parameter with its value, a field of the outer record by name."""
    from govlint.engine.packs.model import Outer, Param

    if isinstance(value, Param):
        return f"parameter {value.name} ({_value(parameters.get(value.name), parameters)})"
    if isinstance(value, Outer):
        return f"this record's {value.field}"
    if isinstance(value, tuple):
        return ", ".join(_value(item, parameters) for item in value)
    return value if raw and isinstance(value, str) else json.dumps(value, ensure_ascii=False)
