"""Records as durable_rules facts: flat, typed the way durable_rules compares correctly.

durable_rules mis-handles nested objects, ISO date strings and regexes (see
docs/durable-rules.md), so a fact holds only the record's scalar fields under flat names,
dates as ordinal day numbers, nulls left out (durable's `$nex` is then "missing"), and the
derived fields the compiler asks for, computed here by the reference evaluator.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from engine.conditions import DATE_FIELDS, as_date, evaluate, record_date, stage_of
from engine.packs import Condition
from engine.records import ParsedPaper, to_dict

_KIND_DEFS = {"decision": "decision", "meeting": "meeting"}


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


def _shapes(schema: dict, node: dict, prefix: str, in_list: bool, kind: str, out: dict) -> None:
    if node.get("type") == "array":
        _shapes(schema, node["items"], prefix, True, kind, out)
    elif node.get("type") == "object" and "properties" in node:
        for name, child in node["properties"].items():
            _shapes(schema, child, f"{prefix}.{name}" if prefix else name, in_list, kind, out)
    elif prefix:
        types = node.get("type", "string")
        types = [t for t in (types if isinstance(types, list) else [types]) if t != "null"]
        kind_of = "date" if prefix in DATE_FIELDS[kind] else {"integer": "number"}.get(types[0], types[0])
        out[prefix] = FieldShape(kind_of, in_list)


@cache
def field_shapes(kind: str) -> dict[str, FieldShape]:
    """Each dotted path of a record kind (from records.schema.json) with its type."""
    schema = json.loads(resources.files("engine").joinpath("schemas/records.schema.json").read_text("utf-8"))
    out: dict[str, FieldShape] = {}
    definition = dict(schema["$defs"][_KIND_DEFS[kind]])
    definition["properties"] = {k: v for k, v in definition["properties"].items() if k != "evidence"}
    _shapes(schema, definition, "", False, kind, out)
    return out


def fact_key(path: str) -> str:
    # durable_rules reads no structure into "__"; a dot or a nested object would be misread.
    return "f_" + path.replace(".", "__")


def paper_records(paper: ParsedPaper) -> list[dict]:
    """A paper's decisions and meetings as record dicts tagged with kind and source."""
    tagged = [("decision", item) for item in paper.decisions] + [("meeting", item) for item in paper.meetings]
    return [{**to_dict(item), "kind": kind, "source": paper.source} for kind, item in tagged]


def _scalar(record: dict, path: str):
    value = record
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def to_fact(record: dict, derived: tuple[Derived, ...], params: dict, by_kind: dict[str, list[dict]]) -> dict:
    """The fact for `record`; `by_kind` holds the run's records by kind, for no_record/exists_record."""
    kind = record["kind"]
    fact = {"kind": kind}
    for path, shape in field_shapes(kind).items():
        value = None if shape.is_list else _scalar(record, path)
        if value is not None:
            fact[fact_key(path)] = as_date(value).toordinal() if shape.type == "date" else value
    for key, value in (("stage", stage_of(record)), ("app_date", record_date(record))):
        if value is not None:
            fact[key] = value.toordinal() if key == "app_date" else value
    for item in derived:
        if kind in item.kinds:
            others = by_kind.get(getattr(item.condition, "kind", None), [])
            fact[item.name] = evaluate(item.condition, record, params, others)
    return fact
