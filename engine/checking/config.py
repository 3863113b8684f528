"""The `.govlint.yaml` config: finding it, reading it (every problem at `file:line:col`), and
applying its parameter and rule changes to the packs.

The config belongs to a repository of papers, so discovery walks up from the current
directory and stops at the repository's root (the first directory holding `.git`) or at the
filesystem root: a config in a home directory above a checkout never applies to it by surprise.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from govlint.engine.checking.findings import Waiver
from govlint.engine.common.cache import cached
from govlint.engine.common.names import names_a_file
from govlint.engine.packs.loader import SCHEMAS
from govlint.engine.common.errors import ProblemsError
from govlint.engine.common.locations import Location
from govlint.engine.packs.model import Pack, Rule
from govlint.engine.profiles.loader import DEFAULT_PROFILE, named_profile, shipped_profiles
from govlint.engine.common.yaml_positions import Problem, YamlDoc, describe, did_you_mean, kind_of, read_checked

CONFIG_NAME = ".govlint.yaml"
# Both spellings are found, as yamllint finds both of its own; two in one directory is an error.
CONFIG_NAMES = (CONFIG_NAME, ".govlint.yml")


class ConfigError(ProblemsError):
    """The config, or a pack it names or that was asked for with it, cannot be used."""


@dataclass(frozen=True)
class Setting:
    """A parameter value from the config, with where it was written."""

    name: str
    value: Any
    at: Location


@dataclass(frozen=True)
class RuleChange:
    name: str  # rule id or alias, as written
    at: Location
    severity: str | None = None
    enabled: bool | None = None


@dataclass(frozen=True)
class Config:
    root: str  # relative paths in the config, globs and fingerprints are taken from here
    path: str | None = None  # None when no config file is used
    packs: tuple[str, ...] = ()  # names, or paths resolved against the config's directory
    parameters: tuple[Setting, ...] = ()
    rules: tuple[RuleChange, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: str | None = None
    council: str | None = None
    baseline: str | None = None
    profile: str | None = None  # a reader profile's name, or its file resolved against the config's directory
    waivers: tuple[Waiver, ...] = ()
    # Where each waiver names its rule, for a problem with that rule once the packs are known.
    waiver_rules_at: dict = field(default_factory=dict, compare=False)


def find_config(start: Path) -> Path | None:
    """The nearest `.govlint.yaml` (or `.govlint.yml`) from `start` up to the repository or
    filesystem root."""
    for directory in (start.resolve(), *start.resolve().parents):
        found = [directory / name for name in CONFIG_NAMES if (directory / name).is_file()]
        if len(found) > 1:
            raise ConfigError([Problem(Location(str(found[1]), 0), f"both {CONFIG_NAMES[0]} and {CONFIG_NAMES[1]} are here: keep one")])
        if found:
            return found[0]
        if (directory / ".git").exists():
            return None
    return None


def repository_root(start: Path) -> Path:
    """Where paths are taken from when there is no config: the repository's root, else `start`."""
    return next((d for d in (start.resolve(), *start.resolve().parents) if (d / ".git").exists()), start.resolve())


def read_config(path: Path) -> tuple[Config, list[Problem]]:
    """The config at `path` and every problem in it. The config holds the parts without
    problems, so that the packs it names can still be loaded and the names it gives checked
    against them: one run reports all the config's problems. A config without problems is
    kept in the cache (engine.common.cache) while its file is unchanged: a pre-commit run then
    validates nothing."""

    def build() -> tuple[tuple[Config, list[Problem]], list[Path] | None]:
        config, problems = _read_config(path)
        return (config, problems), None if problems else [path]

    return cached("config", [str(path), os.path.realpath(path)], build)


def _read_config(path: Path) -> tuple[Config, list[Problem]]:
    root = path.resolve().parent
    checked = read_checked(path, SCHEMAS / "config.schema.json", "config file", "a config file is a mapping of keys (packs, parameters, rules, waivers, …)")
    problems = list(checked.problems)
    if checked.doc is None:
        return Config(root=str(root), path=str(path)), problems
    doc, data = checked.doc, checked.doc.data
    # Every prefix of a refused path too: a part with a problem anywhere inside is left out.
    broken = {where[:i] for where in checked.refused for i in range(len(where) + 1)}

    def clean(*keys) -> dict:
        return {key: data[key] for key in keys if key in data and (key,) not in broken}

    def entries(key: str) -> list:
        # A value refused as a whole (a mapping where a list belongs) gives no entries.
        value = data.get(key) if (key,) not in checked.refused else None
        pairs = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        return [(name, item) for name, item in pairs if (key, name) not in broken]

    plain = clean("packs", "include", "exclude", "fail_on", "council", "baseline", "profile")
    waivers = {_waiver(doc, index, item, problems): doc.at(("waivers", index, "rule")) for index, item in entries("waivers")}
    config = Config(
        root=str(root),
        path=str(path),
        packs=tuple(str(root / name) if names_a_file(name) else name for name in plain.get("packs", ())),
        parameters=tuple(Setting(name, value, doc.at(("parameters", name), key=True)) for name, value in entries("parameters")),
        rules=tuple(RuleChange(name, doc.at(("rules", name), key=True), change.get("severity"), change.get("enabled")) for name, change in entries("rules")),
        include=tuple(plain.get("include", ())),
        exclude=tuple(plain.get("exclude", ())),
        fail_on=plain.get("fail_on"),
        council=plain.get("council"),
        baseline=str(root / plain["baseline"]) if "baseline" in plain else None,
        profile=(str(root / plain["profile"]) if names_a_file(plain["profile"]) else plain["profile"]) if "profile" in plain else None,
        waivers=tuple(waivers),
        waiver_rules_at=waivers,
    )
    return config, problems


def _waiver(doc: YamlDoc, index: int, item: dict, problems: list) -> Waiver:
    # The schema checked the date's shape; a date that does not exist (2025-02-30) is caught here.
    try:
        expires = date.fromisoformat(item["expires"])
    except ValueError:
        problems.append(Problem(doc.at(("waivers", index, "expires")), f"{item['expires']!r} is not a real date"))
        expires = date.min
    where = doc.at(("waivers", index))
    return Waiver(item["decision"], item["rule"], item["reason"], item["approved_by"], expires, f"{where.path}:{where.line}")


# ---------------------------------------------------------------------------------------------
# Applying the config to the packs.


def rule_ids(packs: list[Pack]) -> dict[str, str]:
    """Every rule id and alias of `packs`, mapped to the rule's id."""
    return {name: rule.id for pack in packs for rule in pack.rules for name in (rule.id, *rule.aliases)}


def name_problems(packs: list[Pack], config: Config) -> list[Problem]:
    """Each parameter or rule (in a change or a waiver) the config names that no pack has, and
    each parameter value of another kind than the packs' own."""
    parameters = {name: value for pack in packs for name, value in pack.parameters.items()}
    names = rule_ids(packs)
    problems = []
    for setting in config.parameters:
        if setting.name not in parameters:
            problems.append(Problem(setting.at, did_you_mean(setting.name, parameters, "no parameter", " in the packs run")))
        elif kind_of(setting.value) != kind_of(parameters[setting.name]):
            problems.append(Problem(setting.at, f"parameter {setting.name!r} is {kind_of(parameters[setting.name])} in the packs, not {describe(setting.value)}"))
    for change in config.rules:
        if change.name not in names:
            problems.append(Problem(change.at, did_you_mean(change.name, names, "no rule", " in the packs run")))
    for waiver in config.waivers:
        if waiver.rule not in names:
            problems.append(Problem(config.waiver_rules_at[waiver], did_you_mean(waiver.rule, names, "the waiver names no rule", " in the packs run")))
    return problems


def in_order(problems: list[Problem]) -> list[Problem]:
    return sorted(dict.fromkeys(problems), key=lambda problem: (problem.location.path, problem.location.line, problem.location.column))


def profile_packs(profile: str | None) -> dict[str, tuple[str, ...] | None]:
    """The packs a run with no pack named checks papers with, each with the ids of the reader
    profiles whose papers it is for (None: every paper): the pack of `profile` when one profile
    reads every paper, else each shipped profile's pack for the papers read with that profile.
    A paper read with a profile naming no pack is checked with the default profile's
    (engine.checking.scope.pack_checks)."""
    if profile:
        return {named_profile(profile).pack or named_profile(DEFAULT_PROFILE).pack: None}
    read_by: dict[str, set[str]] = {}
    for shipped in shipped_profiles():
        if shipped.pack:
            read_by.setdefault(shipped.pack, set()).add(shipped.id)
    return {pack: tuple(sorted(ids)) for pack, ids in read_by.items()}


def apply_config(packs: list[Pack], config: Config) -> list[Pack]:
    """The packs with the config's parameters and rule changes (names no pack has are left to
    name_problems to report).

    A changed pack is a new Pack whose version carries build metadata (`1.2.0+config.ab12cd34`):
    findings then say the rules were not run as published, and a compiled form of the
    published pack is never reused for the changed one.
    """
    return [_changed(pack, config) for pack in packs]


def _changed(pack: Pack, config: Config) -> Pack:
    parameters = {s.name: s.value for s in config.parameters if s.name in pack.parameters}
    changes = {c.name: c for c in config.rules}
    rules = tuple(_changed_rule(rule, next((changes[n] for n in (rule.id, *rule.aliases) if n in changes), None), config.path) for rule in pack.rules)
    if not parameters and rules == pack.rules:
        return pack
    applied = json.dumps([parameters, [(r.id, r.severity, r.enabled) for r in rules]], sort_keys=True)
    digest = hashlib.sha256(applied.encode("utf-8")).hexdigest()[:8]
    return replace(pack, parameters={**pack.parameters, **parameters}, rules=rules, version=f"{pack.version}+config.{digest}")


def _changed_rule(rule: Rule, change: RuleChange | None, config_path: str | None) -> Rule:
    if change is None:
        return rule
    updates = {"severity": change.severity, "enabled": change.enabled}
    changed = {key: value for key, value in updates.items() if value is not None}
    return replace(rule, **changed, changed_by=rule.changed_by + ((config_path or "the config"),))


# ---------------------------------------------------------------------------------------------
# Which papers found in directories are checked.


def glob_pattern(glob: str) -> re.Pattern:
    """A glob as a regular expression on `/`-separated paths: `*` and `?` stay within one
    directory, `**` spans any number of them (`**/` also none)."""
    parts = re.split(r"(\*\*/|\*\*|\*|\?)", glob)
    wild = {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}
    return re.compile("".join(wild.get(part, re.escape(part)) for part in parts) + r"\Z")


def selects(config: Config, paper: str) -> bool:
    """Whether a paper found in a directory is checked: it matches an include glob (when there
    are any) and no exclude glob, its path taken relative to the config's directory."""
    relative = os.path.relpath(os.path.abspath(paper), config.root).replace(os.sep, "/")
    included = not config.include or any(glob_pattern(glob).match(relative) for glob in config.include)
    return included and not any(glob_pattern(glob).match(relative) for glob in config.exclude)
