"""Load rule packs from YAML into the typed model of `engine.packs`, or say exactly what is wrong.

Packs are read and reviewed by monitoring officers, so every problem is reported at once, each
at the line and column of the YAML node it is about (`path:line:col: message`, like a compiler).
Loading has three stages per file: YAML (safe tags only) → JSON Schema (pack.schema.json) →
semantic checks against the record model's field catalogue (engine.records.fields) and the
packs it extends (the first two are engine.common.yaml_positions, shared with the config file).
A subtree with a schema error is not checked again, so one mistake gives one message.
"""
from __future__ import annotations

import os
import string
from dataclasses import dataclass, replace
from datetime import date
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import regex

from govlint.engine.packs.model import (
    STAGES,
    AllOf,
    AnyOf,
    Citation,
    Compare,
    Condition,
    Count,
    DaysBetween,
    ForKind,
    Location,
    Not,
    Outer,
    Pack,
    Param,
    RecordExists,
    Rule,
    SeverityCase,
    Some,
    Source,
)
from govlint.engine.common.cache import cached
from govlint.engine.common.errors import ProblemsError
from govlint.engine.common.limits import FORMAT_WIDTH, MESSAGE_LENGTH, format_width, pattern_problem
from govlint.engine.common.names import names_a_file
from govlint.engine.records.fields import FieldInfo, field_catalogue, field_names
from govlint.engine.common.yaml_positions import Problem, YamlDoc, YamlPath, closest, describe, did_you_mean, json_type, kind_of, read_checked, types_text

SCHEMAS = Path(__file__).parents[1] / "schemas"
PACK_SUFFIX = ".yaml"
_ORDERING = ("gt", "gte", "lt", "lte")
_DAY_OPS = ("eq", "ne") + _ORDERING
_FIELD_OPS = ("eq", "ne", "gt", "gte", "lt", "lte", "in", "matches", "exists", "missing")
_HEADS = ("all", "any", "not", "field", "days_between", "count", "no_record", "exists_record", "some", "for_kind")
_TEMPLATE_NAME = regex.compile(r"[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*")

class PackError(ProblemsError):
    """A pack (or a pack it extends) is invalid; `problems` lists every problem found."""


def packs_dir() -> Path:
    """The directory of the packs shipped with govlint (the `rules` package)."""
    # Found without importlib.resources, whose import (with zipfile's) is a noticeable part of a
    # one-paper run: govlint is installed as files, and the packs are read as files.
    return Path(find_spec("govlint.rules").submodule_search_locations[0])


def list_available_packs(search_path: tuple[Path, ...] | None = None) -> list[str]:
    """Names of the packs that `load_pack` finds by name, sorted."""
    directories = search_path if search_path is not None else (packs_dir(),)
    return sorted({path.stem for directory in directories for path in Path(directory).glob(f"*{PACK_SUFFIX}")})


def load_pack(name_or_path: str | os.PathLike, search_path: tuple[Path, ...] | None = None) -> Pack:
    """The pack with its `extends` resolved, or PackError with every problem in it and its parents."""
    directories = tuple(Path(d) for d in (search_path if search_path is not None else (packs_dir(),)))
    path = _locate(str(name_or_path), directories)
    if path is None:
        raise PackError([Problem(Location(str(name_or_path), 0), _no_pack(str(name_or_path), directories))])

    def build() -> tuple[Pack, list[str]]:
        loader = _Loader(directories)
        layer = loader.resolve(path, ())
        if loader.problems:
            raise PackError(_in_file_order(loader.problems))
        return layer.pack, list(loader.done)

    # The reference as given and where it was looked for name the pack: its paths are kept as given.
    return cached("pack", [str(name_or_path), os.path.realpath(path), *map(str, directories)], build)


def _no_pack(reference: str, directories: tuple[Path, ...]) -> str:
    """No such pack, with the nearest shipped name: a council's short name (`kent`) is a part
    of its pack's name more often than a misspelling of it."""
    if names_a_file(reference):
        return f"no pack file {reference!r}"
    names = list_available_packs(directories)
    parts = {part: name for name in reversed(names) for part in (*name.split("-"), name)}
    close = [name for name in names if reference.lower() in name] or [parts[p] for p in closest(reference.lower(), parts)]
    if close:
        return f"no pack named {reference!r}; did you mean {close[0]!r}?"
    return f"no pack named {reference!r} in {_names(directories)}" + (f"; packs: {', '.join(names)}" if names else "")


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    """Files in the order they were read; within a file, by position."""
    files = {problem.location.path: index for index, problem in reversed(list(enumerate(problems)))}
    return sorted(problems, key=lambda p: (files[p.location.path], p.location.line, p.location.column))


def _names(directories: tuple[Path, ...]) -> str:
    return ", ".join(str(d) for d in directories)


def _locate(reference: str, directories: tuple[Path, ...], relative_to: Path | None = None) -> Path | None:
    if names_a_file(reference):
        path = Path(os.path.normpath((relative_to or Path()) / reference))
        return path if path.is_file() else None
    return next((d / f"{reference}{PACK_SUFFIX}" for d in directories if (d / f"{reference}{PACK_SUFFIX}").is_file()), None)


# ---------------------------------------------------------------------------------------------
# Composition: one layer per file, parents first.


@dataclass(frozen=True)
class _Layer:
    """A file's pack with its parents resolved, and where each rule, source and parameter came from."""

    pack: Pack
    parameter_owner: dict  # name -> pack id that set the value last


class _Loader:
    def __init__(self, directories: tuple[Path, ...]):
        self.directories = directories
        self.problems: list[Problem] = []
        self.done: dict[str, _Layer | None] = {}

    def resolve(self, path: Path, stack: tuple[str, ...]) -> _Layer | None:
        key = os.path.realpath(path)
        if key not in self.done:
            self.done[key] = self._resolve(path, stack + (key,))
        return self.done[key]

    def _resolve(self, path: Path, stack: tuple[str, ...]) -> _Layer | None:
        checked = read_checked(path, SCHEMAS / "pack.schema.json", "pack", "a pack is a mapping of keys (id, title, version, rules, …)")
        self.problems.extend(checked.problems)
        if checked.doc is None:
            return None
        parents = self._parents(checked.doc, path, stack)
        if parents is None:
            return None
        builder = _Builder(checked.doc, checked.refused, parents, path)
        layer = builder.build()
        self.problems.extend(builder.doc.problems)
        return None if checked.problems or builder.doc.problems else layer

    def _parents(self, doc: YamlDoc, path: Path, stack: tuple[str, ...]) -> list[_Layer] | None:
        """The resolved parent layers in `extends` order, or None when any of them is unusable."""
        references = doc.data.get("extends")
        if not isinstance(references, list):
            return []
        parents, usable = [], True
        for index, reference in enumerate(references):
            if not isinstance(reference, str):
                continue
            found = _locate(reference, self.directories, path.parent)
            if found is None:
                where = "relative to this file" if names_a_file(reference) else f"in {_names(self.directories)}"
                self.problems.append(Problem(doc.at(("extends", index)), f"cannot find the pack {reference!r} {where}"))
                usable = False
            elif os.path.realpath(found) in stack:
                cycle = " -> ".join(Path(p).name for p in stack[stack.index(os.path.realpath(found)):]) + f" -> {found.name}"
                self.problems.append(Problem(doc.at(("extends", index)), f"extends cycle: {cycle}"))
                usable = False
            else:
                parent = self.resolve(found, stack)
                usable = usable and parent is not None
                parents.append(parent)
        return parents if usable else None


def _merge_parents(parents: list[_Layer]) -> tuple[list[Rule], dict, dict, dict, list[str]]:
    """Rules, sources, parameters, parameter owners inherited from `parents` (later ones winning),
    and the ids two parents define differently.

    A pack reached twice (a diamond) contributes its rules once, at their first position.
    """
    rules: dict[str, Rule] = {}
    sources: dict[str, Source] = {}
    parameters: dict = {}
    owners: dict = {}
    clashes = []
    for parent in parents:
        for rule in parent.pack.rules:
            if rule.id in rules and rules[rule.id].defined_in != rule.defined_in:
                clashes.append(f"rule {rule.id!r} is defined both in {rules[rule.id].defined_in} and in {rule.defined_in}")
            rules[rule.id] = rule
        sources.update((source.id, source) for source in parent.pack.sources)
        parameters.update(parent.pack.parameters)
        owners.update(parent.parameter_owner)
    return list(rules.values()), sources, parameters, owners, clashes


# ---------------------------------------------------------------------------------------------
# Semantic checks and the typed model, for one file.


@dataclass(frozen=True)
class _Scope:
    """The record kinds a condition is evaluated on, and (inside `where`) those of the outer record."""

    kinds: tuple[str, ...]
    outer: tuple[str, ...] | None = None


class _Builder:
    def __init__(self, doc: YamlDoc, schema_errors: set, parents: list[_Layer], path: Path):
        self.doc = YamlDoc(doc.path, doc.data, doc.values, doc.keys, [])
        self.data = doc.data
        self.broken = {where[:i] for where in schema_errors for i in range(len(where) + 1)}
        self.path = path
        self.parents = parents
        self.inherited, self.sources, self.parameters, self.owners, self.clashes = _merge_parents(parents)
        self.pack_id = self.data.get("id") if isinstance(self.data.get("id"), str) else path.stem
        self.inherited_parameters = set(self.parameters)
        self.used_parameters: set[str] = set()

    def clean(self, path: YamlPath) -> bool:
        """Whether the subtree at `path` passed the schema (else it was reported already)."""
        return path not in self.broken

    def problem(self, path: YamlPath, message: str, key: bool = False) -> None:
        self.doc.problem(path, message, key)

    def build(self) -> _Layer:
        if self.clean(("id",)) and self.path.stem != self.pack_id:
            self.problem(("id",), f"the pack id {self.pack_id!r} must match the file name ({self.path.name})")
        for clash in self.clashes:
            self.problem(("extends",), clash)
        self._parameters()
        self._sources()
        inherited = self._overrides()
        own = self._rules()
        self._check_ids(inherited)
        self._unused_parameters()
        pack = Pack(
            id=self.pack_id,
            title=self.data.get("title", ""),
            version=self.data.get("version", ""),
            description=self.data.get("description", "") or "",
            sources=tuple(self.sources.values()),
            parameters=dict(self.parameters),
            rules=tuple(inherited + own),
            extends=tuple(parent.pack.id for parent in self.parents),
            path=str(self.path),
            council=self.data.get("council") or next((parent.pack.council for parent in reversed(self.parents) if parent.pack.council), None),
            reader_profile=self._reader_profile(),
        )
        return _Layer(pack, dict(self.owners))

    def _reader_profile(self) -> str | None:
        own = self.data.get("reader_profile")
        if isinstance(own, str):
            return str(self.path.parent / own) if names_a_file(own) else own
        return next((parent.pack.reader_profile for parent in reversed(self.parents) if parent.pack.reader_profile), None)

    def _parameters(self) -> None:
        for name, value in _entries(self.data.get("parameters")):
            if not self.clean(("parameters", name)):
                continue
            if name in self.parameters and kind_of(self.parameters[name]) != kind_of(value):
                self.problem(
                    ("parameters", name),
                    f"parameter {name!r} is {kind_of(self.parameters[name])} in pack {self.owners[name]!r}, which this value replaces: give {kind_of(self.parameters[name])}",
                )
            self.parameters[name] = value
            self.owners[name] = self.pack_id

    def _unused_parameters(self) -> None:
        """In a pack that extends others, a parameter it adds that none of its rules uses names
        nothing: most often a misspelt inherited one (`key_decision_treshold_gbp`), whose value
        would be ignored while the inherited one stays in force. A base pack may declare
        parameters for the packs that extend it to use."""
        if not self.parents:
            return
        for name, _ in _entries(self.data.get("parameters")):
            if name not in self.inherited_parameters and name not in self.used_parameters:
                known = sorted(self.inherited_parameters | self.used_parameters)
                self.problem(("parameters", name), did_you_mean(name, known, "no rule uses parameter", key_word="parameters used"), key=True)

    def _sources(self) -> None:
        for index, item in _items(self.data.get("sources")):
            path = ("sources", index)
            if not self.clean(path):
                continue
            if item["id"] in self.sources:
                self.problem(path + ("id",), f"source {item['id']!r} is already declared (in this pack or one it extends)")
                continue
            self.sources[item["id"]] = Source(item["id"], item["citation"], item.get("url"), item.get("kind"))

    # -- overrides ----------------------------------------------------------------------------

    def _overrides(self) -> list[Rule]:
        """The inherited rules with this pack's overrides applied."""
        rules = list(self.inherited)
        names = {name: index for index, rule in enumerate(rules) for name in (rule.id, *rule.aliases)}
        own = {item.get("id") for _, item in _items(self.data.get("rules")) if isinstance(item, dict) and isinstance(item.get("id"), str)}
        for name, change in _entries(self.data.get("overrides")):
            path = ("overrides", name)
            if name not in names:
                hint = "it is defined in this pack: change it there" if name in own else did_you_mean(name, names, "no inherited rule")
                self.problem(path, hint, key=True)
                continue
            if self.clean(path):
                index = names[name]
                rules[index] = self._override(rules[index], change, path)
        return rules

    def _override(self, rule: Rule, change: dict, path: YamlPath) -> Rule:
        updates: dict = {}
        if "severity" in change:
            updates["severity"] = change["severity"]
        if "enabled" in change:
            updates["enabled"] = change["enabled"]
        if "severities" in change:
            updates["severity_cases"] = self._severity_cases(change["severities"], path + ("severities",), rule.kinds, rule.stages)
        return replace(rule, **updates, changed_by=rule.changed_by + (self.pack_id,))

    # -- rules --------------------------------------------------------------------------------

    def _rules(self) -> list[Rule]:
        return [self._rule(item, ("rules", index)) for index, item in _items(self.data.get("rules")) if isinstance(item, dict)]

    def _rule(self, item: dict, path: YamlPath) -> Rule:
        """The rule; parts with schema errors are left out (the pack is rejected anyway)."""
        applies = "applies_to" in item and self.clean(path + ("applies_to",))
        kinds = tuple(item["applies_to"]["kinds"]) if applies else ()
        stages = self._stages(item["applies_to"], path + ("applies_to",), kinds) if applies else ()
        when = self._condition(item["when"], path + ("when",), _Scope(kinds)) if "when" in item else None
        if "message" in item and self.clean(path + ("message",)):
            self._template(item["message"], path + ("message",), kinds)
        for index, name in _items(item.get("evidence")):
            if self.clean(path + ("evidence", index)):
                self._field_of_some(name, path + ("evidence", index), kinds)
        start, end = self._date(item, path, "effective_from"), self._date(item, path, "effective_to")
        if start and end and start > end:
            self.problem(path + ("effective_to",), f"effective_to ({end}) is before effective_from ({start})")
        return Rule(
            id=item.get("id", ""),
            title=item.get("title", ""),
            severity=item.get("severity", "info"),
            kinds=kinds,
            stages=stages,
            when=when,
            message=item.get("message", ""),
            citations=self._citations(item.get("citations"), path + ("citations",)),
            remediation=item.get("remediation", "") or "",
            severity_cases=self._severity_cases(item.get("severities"), path + ("severities",), kinds, stages),
            evidence_fields=_listed(item.get("evidence")),
            tags=_listed(item.get("tags")),
            aliases=_listed(item.get("aliases")),
            enabled=item.get("enabled", True),
            effective_from=start,
            effective_to=end,
            defined_in=self.doc.at(path),
        )

    def _stages(self, applies_to: dict, path: YamlPath, kinds: tuple[str, ...]) -> tuple[str, ...]:
        if "stages" not in applies_to:
            return STAGES if "decision" in kinds else ()
        if "decision" not in kinds:
            self.problem(path + ("stages",), "stages apply to decisions only; this rule checks meetings", key=True)
        return tuple(applies_to["stages"])

    def _date(self, item: dict, path: YamlPath, key: str) -> date | None:
        text = item.get(key)
        if not isinstance(text, str) or not self.clean(path + (key,)):
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.problem(path + (key,), f"{text!r} is not a real date")
            return None

    def _citations(self, items: Any, path: YamlPath) -> tuple[Citation, ...]:
        citations = []
        for index, item in _items(items):
            if not self.clean(path + (index,)):
                continue
            source = self.sources.get(item["source"])
            if source is None:
                self.problem(path + (index, "source"), did_you_mean(item["source"], self.sources, "no source"))
                continue
            citations.append(Citation(source, item.get("provision"), item.get("url")))
        return tuple(citations)

    def _severity_cases(self, items: Any, path: YamlPath, kinds: tuple, stages: tuple) -> tuple[SeverityCase, ...]:
        cases = []
        for index, item in _items(items):
            where = path + (index,)
            if not self.clean(where):
                continue
            if "stages" not in item and "when" not in item:
                self.problem(where, "a severity case needs stages, when or both (else it always applies: use severity)")
            for number, stage in enumerate(item.get("stages", ())):
                if stage not in stages:
                    self.problem(where + ("stages", number), f"the rule does not check the {stage!r} stage")
            when = self._condition(item["when"], where + ("when",), _Scope(kinds)) if "when" in item else None
            cases.append(SeverityCase(item["severity"], tuple(item.get("stages", ())), when))
        return tuple(cases)

    def _check_ids(self, inherited: list[Rule]) -> None:
        """Rule ids and aliases share one namespace across the resolved pack."""
        taken = {name: (rule.id, rule.defined_in, True) for rule in inherited for name in (rule.id, *rule.aliases)}
        for index, item in _items(self.data.get("rules")):
            if not isinstance(item, dict):
                continue
            names = [(("id",), item.get("id"))] + [(("aliases", n), alias) for n, alias in _items(item.get("aliases"))]
            for key, name in names:
                if not isinstance(name, str):
                    continue
                if name in taken:
                    owner, where, was_inherited = taken[name]
                    hint = "; to change an inherited rule, use overrides" if was_inherited else ""
                    self.problem(("rules", index) + key, f"{name!r} is already the id or an alias of rule {owner!r} ({where}){hint}")
                else:
                    taken[name] = (item.get("id"), self.doc.at(("rules", index)), False)

    # -- conditions ---------------------------------------------------------------------------

    def _condition(self, data: Any, path: YamlPath, scope: _Scope) -> Condition | None:
        if not isinstance(data, dict):
            return None
        heads = [key for key in _HEADS if key in data]
        if len(heads) != 1:
            found = f" (found {', '.join(heads)})" if heads else ""
            self.problem(path, f"a condition has exactly one of {', '.join(_HEADS)}{found}")
            return None
        head = heads[0]
        # Unknown keys were reported by the schema; here only misplaced known ones count.
        ops = [key for key in data if key != head and key in _FIELD_OPS + _HEADS]
        if "distinct" in data and head != "count":
            self.problem(path + ("distinct",), "distinct goes with count only", key=True)
            return None
        if head in ("field", "days_between", "count"):
            allowed = _FIELD_OPS if head == "field" else _DAY_OPS
            if len(ops) != 1 or ops[0] not in allowed:
                self.problem(path, f"{head} needs exactly one comparison of {', '.join(allowed)}" + (f" (found {', '.join(ops)})" if ops else ""))
                return None
            if not self.clean(path):
                return None
            return {"field": self._compare, "days_between": self._days, "count": self._count}[head](data, ops[0], path, scope)
        if ops:
            self.problem(path + (ops[0],), f"{ops[0]!r} cannot be combined with {head!r}: nest the conditions under all or any", key=True)
            return None
        return self._compound(head, data[head], path + (head,), scope)

    def _compound(self, head: str, body: Any, path: YamlPath, scope: _Scope) -> Condition | None:
        if head in ("all", "any") and isinstance(body, list):
            parts = tuple(self._condition(item, path + (index,), scope) for index, item in enumerate(body))
            return (AllOf if head == "all" else AnyOf)(parts)
        if head == "not":
            return Not(self._condition(body, path, scope))
        if head in ("no_record", "exists_record") and isinstance(body, dict) and self.clean(path + ("kind",)) and "kind" in body:
            inner = _Scope((body["kind"],), scope.outer or scope.kinds)
            return RecordExists(body["kind"], self._condition(body.get("where"), path + ("where",), inner), negated=head == "no_record")
        if head == "for_kind" and isinstance(body, dict) and self.clean(path):
            if body["kind"] not in scope.kinds:
                self.problem(path + ("kind",), f"the condition is about {', '.join(scope.kinds)} records, never {body['kind']!r} ones")
                return None
            return ForKind(body["kind"], self._condition(body["where"], path + ("where",), _Scope((body["kind"],), scope.outer)))
        if head == "some" and isinstance(body, dict) and self.clean(path):
            self._list_of_elements(body["field"], path + ("field",), scope.kinds)
            return Some(body["field"], self._condition(body["where"], path + ("where",), scope))
        return None

    def _list_of_elements(self, name: str, path: YamlPath, kinds: tuple[str, ...]) -> None:
        """`some` narrows one list: the path must end in a list and pass through none before it."""
        for kind in kinds:
            catalogue = field_catalogue(kind)
            info = catalogue.get(name)
            if info is None:
                self.problem(path, did_you_mean(name, field_names(kind), "no field", f" in {kind} records"))
                continue
            steps = name.split(".")
            through = [".".join(steps[:n]) for n in range(1, len(steps)) if catalogue[".".join(steps[:n])].is_list]
            if not info.is_list or through:
                self.problem(path, f"some takes a list field whose path passes through no other list; {name!r} " + (f"passes through the list {through[0]!r}" if through else "is not a list"))

    def _compare(self, data: dict, op: str, path: YamlPath, scope: _Scope) -> Compare:
        name = data["field"]
        infos = [(name, info) for info in self._field(name, path + ("field",), scope.kinds)]
        value = data[op]
        where = path + (op,)
        if op == "matches":
            self._regex(value, where)
        if op in ("matches",) + _ORDERING and not self._usable(op, name, infos, path + ("field",)):
            return Compare(name, op, value)
        if op in ("exists", "missing"):
            return Compare(name, op, value)
        if op == "in":
            if isinstance(value, dict):
                return Compare(name, op, self._param(value["param"], where + ("param",), list_wanted=True))
            return Compare(name, op, tuple(self._value(item, where + (index,), op, infos, scope) for index, item in enumerate(value)))
        return Compare(name, op, self._value(value, where, op, infos, scope))

    def _days(self, data: dict, op: str, path: YamlPath, scope: _Scope) -> DaysBetween:
        spec = data["days_between"]
        ends = [self._date_point(spec[end], path + ("days_between", end), scope) for end in ("from", "to")]
        value = data[op]
        if isinstance(value, dict) and "param" in value:
            value = self._param(value["param"], path + (op, "param"))
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(path + (op,), f"days_between is compared with a number of days, not {describe(value)}")
        return DaysBetween(ends[0], ends[1], op, value, clear=spec.get("clear", False))

    def _count(self, data: dict, op: str, path: YamlPath, scope: _Scope) -> Count:
        name = data["count"]
        if any(not info.is_list for info in self._field(name, path + ("count",), scope.kinds)):
            self.problem(path + ("count",), f"count takes a list field; {name!r} is not one")
        value = data[op]
        if isinstance(value, dict) and "param" in value:
            value = self._param(value["param"], path + (op, "param"))
        elif isinstance(value, bool) or not isinstance(value, int):
            self.problem(path + (op,), f"count is compared with a whole number, not {describe(value)}")
        return Count(name, op, value, distinct=data.get("distinct", False))

    def _date_point(self, point: Any, path: YamlPath, scope: _Scope) -> str | Outer:
        if isinstance(point, dict):
            outer = self._outer(point["record"], path + ("record",), scope)
            infos = self._field(point["record"], path + ("record",), scope.outer or ())
        else:
            outer, infos = point, self._field(point, path, scope.kinds)
        if any(not info.is_date for info in infos):
            self.problem(path, f"{point if isinstance(point, str) else point['record']!r} is not a date field")
        return outer

    def _outer(self, name: str, path: YamlPath, scope: _Scope) -> Outer:
        if scope.outer is None:
            self.problem(path, "{record: …} is allowed only inside the where of no_record or exists_record", key=True)
        return Outer(name)

    def _field(self, name: str, path: YamlPath, kinds: tuple[str, ...]) -> list[FieldInfo]:
        """The field's description for each kind; an unknown field is a problem."""
        infos = []
        for kind in kinds:
            info = field_catalogue(kind).get(name)
            if info is None:
                self.problem(path, did_you_mean(name, field_names(kind), "no field", f" in {kind} records"))
            else:
                infos.append(info)
        return infos

    def _field_of_some(self, name: str, path: YamlPath, kinds: tuple[str, ...]) -> list[FieldInfo]:
        """The field's description for each kind that has it. A message or the evidence of a rule
        on several kinds may name a field of one of them: on the others it renders as missing and
        the evidence falls through to the next field. Conditions use for_kind for that."""
        infos = [field_catalogue(kind)[name] for kind in kinds if name in field_catalogue(kind)]
        if not infos and kinds:
            known = list(dict.fromkeys(known for kind in kinds for known in field_names(kind)))
            where = " or ".join(kinds)
            self.problem(path, did_you_mean(name, known, "no field", f" in {where} records"))
        return infos

    def _usable(self, op: str, name: str, infos: list, path: YamlPath) -> bool:
        """Whether `op` can apply to the field at all (matches: text; ordering: numbers or dates)."""
        usable = True
        for _, info in infos:
            if op == "matches" and "string" not in info.types:
                self.problem(path, f"matches needs a text field; {name!r} is {types_text(info.types)}")
                usable = False
            if op in _ORDERING and not (info.is_date or "number" in info.types or "integer" in info.types):
                self.problem(path, f"{op} compares numbers or dates; {name!r} is {types_text(info.types)}")
                usable = False
        return usable

    def _value(self, value: Any, path: YamlPath, op: str, infos: list, scope: _Scope) -> Any:
        if isinstance(value, dict):
            if "param" in value:
                param = self._param(value["param"], path + ("param",))
                self._fits(self.parameters.get(param.name), path + ("param",), op, infos, f"parameter {param.name!r}")
                return param
            outer = self._outer(value["record"], path + ("record",), scope)
            self._field(value["record"], path + ("record",), scope.outer or ())
            return outer
        self._fits(value, path, op, infos, None)
        return value

    def _fits(self, value: Any, path: YamlPath, op: str, infos: list, label: str | None) -> None:
        """Report a literal that can never compare with the field as written (a typo or a type slip)."""
        if value is None:
            return
        what = label or describe(value)
        for name, info in infos:
            kind = json_type(value)
            if info.is_date and isinstance(value, str):
                try:
                    date.fromisoformat(value)
                except ValueError:
                    self.problem(path, f"{name!r} is a date; {what} is not a date (YYYY-MM-DD)")
            elif kind not in info.types and not (kind == "number" and "integer" in info.types):
                self.problem(path, f"{name!r} is {types_text(info.types)}; {what} never matches")
            elif info.enum and op in ("eq", "ne", "in") and value not in info.enum:
                self.problem(path, did_you_mean(value, info.enum, f"{name!r} is never", key_word="its values are"))

    def _param(self, name: str, path: YamlPath, list_wanted: bool = False) -> Param:
        self.used_parameters.add(name)
        if name not in self.parameters:
            self.problem(path, did_you_mean(name, self.parameters, "no parameter"))
        elif list_wanted and not isinstance(self.parameters[name], list):
            self.problem(path, f"in needs a list; parameter {name!r} is {kind_of(self.parameters[name])}")
        return Param(name)

    def _regex(self, pattern: str, path: YamlPath) -> None:
        refused = pattern_problem(pattern)
        if refused:
            self.problem(path, f"pattern {_shown(pattern)}: {refused}")
            return
        try:
            regex.compile(pattern)
        except regex.error as error:
            self.problem(path, f"invalid regular expression: {error}")

    # -- message templates --------------------------------------------------------------------

    def _template(self, template: str, path: YamlPath, kinds: tuple[str, ...]) -> None:
        if len(template) > MESSAGE_LENGTH.count:
            self.problem(path, "message template: " + MESSAGE_LENGTH.refusal(f"it is {len(template):,} characters"))
            return
        try:
            parts = list(string.Formatter().parse(template))
        except ValueError as error:
            self.problem(path, f"message template: {error} (write {{{{ and }}}} for literal braces)")
            return
        for _, name, spec, conversion in parts:
            if name is None:
                continue
            if not _TEMPLATE_NAME.fullmatch(name) or conversion or "{" in (spec or ""):
                self.problem(path, f"message template: {{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}} is not allowed: use {{field.path}} or {{param.name}}, optionally with :format")
                continue
            self._template_field(name, spec or "", path, kinds)

    def _template_field(self, name: str, spec: str, path: YamlPath, kinds: tuple[str, ...]) -> None:
        if name.startswith("param."):
            param = name[len("param."):]
            self.used_parameters.add(param)
            if param not in self.parameters:
                self.problem(path, did_you_mean(param, self.parameters, "message template: no parameter"))
                return
            samples = [self.parameters[param]]
        else:
            samples = [_sample(info) for info in self._field_of_some(name, path, kinds)]
        if format_width(spec) > FORMAT_WIDTH.count:
            self.problem(path, f"message template: {{{name}:{spec}}}: " + FORMAT_WIDTH.refusal(f"a width or precision of {format_width(spec):,}"))
            return
        for sample in samples:
            try:
                format(sample, spec)
            except (ValueError, TypeError) as error:
                self.problem(path, f"message template: {{{name}:{spec}}}: {error}")


def _shown(pattern: str) -> str:
    """A pattern as a message quotes it: whole when short, else its start."""
    return repr(pattern) if len(pattern) <= 80 else repr(pattern[:80]) + "…"


def _listed(value: Any) -> tuple:
    """A list's items; nothing for anything else (a null or a mapping the schema reported)."""
    return tuple(value) if isinstance(value, list) else ()


def _items(value: Any) -> list:
    """(index, item) pairs of a list; nothing for anything else (the schema reported it)."""
    return list(enumerate(value)) if isinstance(value, list) else []


def _entries(value: Any) -> list:
    return list(value.items()) if isinstance(value, dict) else []


def _sample(info: FieldInfo) -> Any:
    """A value of the field's type, to try a format spec on."""
    if "number" in info.types:
        return 1234.5
    if "integer" in info.types:
        return 12
    if "boolean" in info.types:
        return True
    return "text"
