"""YAML read with the position of every value, and JSON Schema errors reported at those positions.

Files that people write and review (rule packs, the `.govlint.yaml` config) are read through
here, so that every problem can be reported at once, each as `path:line:col: message` at the
YAML node it is about, like a compiler.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govlint.engine.common.limits import NESTING, SETTINGS_FILE_SIZE, Refused, nesting_problem, read_regular_file
from govlint.engine.common.locations import Location

if TYPE_CHECKING:
    import jsonschema
    import yaml

# Only the plain-data tags: no Python objects, sets, binary or merge keys.
_SAFE_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "str", "timestamp", "seq", "map")}
# A guard against alias bombs ("billion laughs"): no real file comes near this.
MAX_NODES = 200_000

YamlPath = tuple  # keys and list indexes from the document root


@dataclass(frozen=True)
class Problem:
    location: Location
    message: str

    def __str__(self) -> str:
        # line 0 means the file as a whole (it could not be found or read).
        where = str(self.location) if self.location.line else self.location.path
        return f"{where}: {self.message}"


@dataclass
class YamlDoc:
    path: str
    data: Any
    values: dict = field(default_factory=dict)  # YamlPath -> value node
    keys: dict = field(default_factory=dict)  # YamlPath -> key node (mapping entries only)
    problems: list = field(default_factory=list)
    unread: set = field(default_factory=set)  # paths of values replaced by None after a problem

    def at(self, path: YamlPath, key: bool = False) -> Location:
        """The position of the value (or key) at `path`, else of its nearest ancestor."""
        path = tuple(path)
        while path and path not in self.values:
            path = path[:-1]
        node = (self.keys.get(path) if key else None) or self.values.get(path)
        return _mark(self.path, node.start_mark) if node is not None else Location(self.path, 1)

    def problem(self, path: YamlPath, message: str, key: bool = False) -> None:
        self.problems.append(Problem(self.at(path, key), message))

    def unreadable(self, path: YamlPath, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(_mark(self.path, node.start_mark), message))
        self.unread.add(path)


def _mark(path: str, mark) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


def _compose(text: str):
    # YAML is imported only when a file is read: a run whose packs and profile come from the
    # cache reads none, and importing PyYAML is a tenth of a one-paper run.
    import yaml

    # libyaml's loader when PyYAML was built with it: a pack reads several times faster, which
    # matters for a one-paper pre-commit run. Both keep node positions and refuse unsafe tags;
    # a file libyaml rejects is read again by the Python loader, whose messages say more.
    try:
        return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)


@dataclass
class CheckedFile:
    """A YAML file read and checked against its JSON Schema."""

    doc: YamlDoc | None  # None when there is no mapping to check further
    problems: list  # reading, YAML and schema problems
    refused: set  # paths of values the schema refused or YAML could not give: check them no further


def read_checked(path: Path, schema: Path, what: str, shape: str) -> CheckedFile:
    """`path` read as YAML and validated against `schema`; `what` names the file in messages
    ("pack"), `shape` says what the top level must be when it is not a mapping."""
    try:
        text = read_regular_file(str(path), SETTINGS_FILE_SIZE.bytes, SETTINGS_FILE_SIZE).decode("utf-8")
    except (Refused, UnicodeDecodeError) as error:
        return CheckedFile(None, [Problem(Location(str(path), 0), f"cannot read the {what}: {error}")], set())
    try:
        doc = read_yaml(str(path), text, f"{what}s")
    except TooLarge:
        return CheckedFile(None, [Problem(Location(str(path), 1), f"the {what} expands to more than {MAX_NODES} YAML nodes")], set())
    if not isinstance(doc.data, dict):
        return CheckedFile(None, doc.problems or [Problem(doc.at(()), shape)], set())
    # A value YAML could not give (an unsafe tag, an impossible date) was reported already.
    schema_errors = [(where, problem) for where, problem in schema_problems(doc, schema) if where not in doc.unread]
    return CheckedFile(doc, doc.problems + [problem for _, problem in schema_errors], {where for where, _ in schema_errors} | doc.unread)


def read_yaml(path: str, text: str, what: str) -> YamlDoc:
    """Safe-load `text`, keeping node positions; unsafe tags and duplicate keys are problems.

    `what` names the kind of file in messages ("packs", "config files").
    """
    import yaml

    doc = YamlDoc(path, None)
    too_deep = nesting_problem(text)
    if too_deep:
        doc.problems.append(Problem(Location(path, too_deep[0]), too_deep[1]))
        return doc
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        doc.problems.append(Problem(_mark(path, mark) if mark else Location(path, 1), f"invalid YAML: {error.problem or error.context}"))
        return doc
    except yaml.YAMLError as error:
        doc.problems.append(Problem(Location(path, 1), f"invalid YAML: {error}"))
        return doc
    if root is None:
        doc.problems.append(Problem(Location(path, 1), "the file is empty"))
        return doc
    doc.data = _Converter(doc, what).convert(root, ())
    return doc


class _Converter:
    """Turns composed nodes into JSON-like data (YAML dates become ISO strings)."""

    def __init__(self, doc: YamlDoc, what: str):
        import yaml

        self.doc = doc
        self.what = what
        self.constructor = yaml.SafeLoader("")
        self.active: set[int] = set()
        self.count = 0

    def convert(self, node: yaml.Node, path: YamlPath) -> Any:
        self.doc.values[path] = node
        self.count += 1
        if self.count > MAX_NODES:
            raise TooLarge
        # Aliases can nest a document deeper than its text does.
        if len(path) > NESTING.count:
            return self.doc.unreadable(path, node, NESTING.refusal("values nest too deeply through aliases"))
        if node.tag not in _SAFE_TAGS:
            return self.doc.unreadable(path, node, _tag_message(node.tag, self.what))
        if id(node) in self.active:
            return self.doc.unreadable(path, node, "a YAML alias refers to itself")
        self.active.add(id(node))
        try:
            return self._convert(node, path)
        finally:
            self.active.discard(id(node))

    def _convert(self, node: yaml.Node, path: YamlPath) -> Any:
        import yaml

        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (index,)) for index, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        try:
            value = self.constructor.construct_object(node)
        except (ValueError, yaml.YAMLError) as error:
            return self.doc.unreadable(path, node, f"cannot read {node.value!r}: {error}")
        return value.isoformat() if isinstance(value, date) else value

    def _mapping(self, node: yaml.MappingNode, path: YamlPath) -> dict:
        import yaml

        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SAFE_TAGS:
                message = _tag_message(key_node.tag, self.what) if key_node.tag not in _SAFE_TAGS else "a key must be plain text"
                self.doc.problems.append(Problem(_mark(self.doc.path, key_node.start_mark), message))
                continue
            # Keys as written: `yes:` or `2020-01-01:` stay text rather than becoming true or a date.
            key = key_node.value
            if key in result:
                first = self.doc.keys[path + (key,)].start_mark.line + 1
                self.doc.problems.append(Problem(_mark(self.doc.path, key_node.start_mark), f"duplicate key {key!r} (first given on line {first})"))
                continue
            self.doc.keys[path + (key,)] = key_node
            result[key] = self.convert(value_node, path + (key,))
        return result


class TooLarge(Exception):
    """The document expands (through aliases) to more than MAX_NODES nodes."""


def _tag_message(tag: str, what: str) -> str:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    if shown == "!!merge":
        return f"YAML merge keys (<<) are not allowed in {what}: write the keys out"
    return f"the YAML tag {shown} is not allowed: {what} hold plain data (text, numbers, true/false, dates, lists, mappings)"


# ---------------------------------------------------------------------------------------------
# JSON Schema: every error, each at the node it is about.


@lru_cache(maxsize=None)
def validator(schema: Path) -> jsonschema.Draft202012Validator:
    # Imported here: a run whose packs and profiles come from the cache validates nothing, and
    # jsonschema's import is a large part of a one-paper run.
    import jsonschema

    return jsonschema.Draft202012Validator(json.loads(schema.read_text(encoding="utf-8")))


def schema_problems(doc: YamlDoc, schema: Path) -> list[tuple[YamlPath, Problem]]:
    """Every error of `doc` against the JSON Schema file `schema`, as (path of the offending value,
    problem), in document order."""
    found = []
    for error in validator(schema).iter_errors(doc.data):
        path = tuple(error.absolute_path)
        for where, message, at_key in _explain(error):
            found.append((path + where, Problem(doc.at(path + where, at_key), message)))
    return sorted(found, key=lambda item: (item[1].location.line, item[1].location.column))


def _explain(error: jsonschema.ValidationError) -> list[tuple[YamlPath, str, bool]]:
    """(path below the error's instance, message, whether to point at the key) for one error."""
    schema, instance = error.schema, error.instance
    if "propertyNames" in list(error.schema_path)[-2:]:
        return [((instance,), f"{instance!r}: {schema.get('patternErrorMessage', error.message)}", True)]
    if isinstance(schema, dict) and "errorMessage" in schema:
        return [((), schema["errorMessage"], False)]
    if error.validator == "additionalProperties":
        known = list(schema.get("properties", {}))
        return [((key,), _unknown_key(key, known), True) for key in instance if key not in known]
    if error.validator == "required":
        return [((), f"missing required key {key!r}", False) for key in error.validator_value if key not in instance]
    if error.validator == "pattern":
        message = schema.get("patternErrorMessage", f"does not match {error.validator_value}")
        return [((), f"{instance!r}: {message}", False)]
    if error.validator == "type":
        quote = "; put it in quotes" if "string" in error.validator_value and isinstance(instance, (int, float)) else ""
        return [((), f"expected {types_text(error.validator_value)}, found {describe(instance)}{quote}", False)]
    if error.validator == "enum":
        return [((), f"{instance!r} is not one of: {', '.join(map(str, error.validator_value))}", False)]
    if error.validator == "maxProperties":
        return [((), f"give only one of: {', '.join(schema.get('properties', {}))}", False)]
    if error.validator in ("minProperties", "minItems", "minLength"):
        return [((), "must not be empty", False)]
    if error.validator == "uniqueItems":
        return [((), "the items must all be different", False)]
    return [((), error.message, False)]


def closest(name: str, known) -> list[str]:
    """The one of `known` most like `name`, in a list, or none (a misspelt name's suggestion)."""
    import difflib  # only once a name is wrong: most runs never need it

    return difflib.get_close_matches(name, list(known), n=1)


def _unknown_key(key: str, known: list[str]) -> str:
    close = closest(key, known)
    hint = f"; did you mean {close[0]!r}?" if close else f"; expected one of: {', '.join(known)}" if known else ""
    return f"unknown key {key!r}{hint}"


def types_text(names) -> str:
    names = [names] if isinstance(names, str) else sorted(names, key=lambda name: name == "null")
    words = {"string": "text", "number": "a number", "integer": "a whole number", "boolean": "true/false", "null": "null", "array": "a list", "object": "a mapping"}
    return " or ".join(words[name] for name in names)


def describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (unquoted yes/no/on/off are true/false in YAML: quote them for text)"
    if value is None:
        return "nothing (null)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    return "a list" if isinstance(value, list) else "a mapping"


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", list: "array", dict: "object"}[type(value)]


def kind_of(value: Any) -> str:
    return types_text(json_type(value))


def did_you_mean(name: Any, known, prefix: str, suffix: str = "", key_word: str = "known") -> str:
    known = [str(k) for k in known]
    close = closest(str(name), known)
    if close:
        return f"{prefix} {name!r}{suffix}; did you mean {close[0]!r}?"
    listing = f"; {key_word}: {', '.join(known)}" if known and len(known) <= 12 else ""
    return f"{prefix} {name!r}{suffix}{listing}"
