"""records.schema.json, generated from the record model's declaration (engine.records.model).

The shipped schema is a build product: a test fails when it differs from what this module
generates. After changing the model, regenerate it with

    python -m govlint.engine.records.schema

which also rewrites the partial-record definitions of rule-tests.schema.json (a rule test's
record may give any field of its kind, each as the record schema has it).
"""
from __future__ import annotations

import json
from dataclasses import MISSING
from pathlib import Path

from govlint.engine.records.fields import Shape, record_fields
from govlint.engine.records.model import RECORD_TYPES, Evidence, ParsedPaper

SCHEMAS = Path(__file__).parents[1] / "schemas"
RECORDS_ID = "https://govlint.invalid/schemas/records.schema.json"
# The records each get a definition of their own, in this order; other nested records are written inline.
_DEFINED = {"evidence": Evidence, "file": ParsedPaper, **RECORD_TYPES}
# The records rules run on (a document is read, never checked).
CHECKED_KINDS = tuple(kind for kind in RECORD_TYPES if kind != "document")
_NAMES = {record: name for name, record in _DEFINED.items()}


def records_schema() -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": RECORDS_ID,
        "title": "govlint records",
        "description": "Decision and meeting records read from council papers by `govlint parse`, each field with the evidence it was read from, and how each paper was read.",
        "type": "object",
        "additionalProperties": False,
        "required": ["files"],
        "properties": {"files": {"type": "array", "items": {"$ref": "#/$defs/file"}}},
        "$defs": {name: record_schema(record) for name, record in _DEFINED.items()},
    }


def record_schema(record: type) -> dict:
    properties = {item.name: _schema(shape) for item, shape in record_fields(record)}
    # A field the model gives a default (evidence; how a paper was read, which records written
    # by another system do not have) may be left out of a record file.
    required = [item.name for item, _ in record_fields(record) if item.default is MISSING and item.default_factory is MISSING]
    return {"type": "object", "additionalProperties": False, "required": required, "properties": properties}


def _schema(shape: Shape) -> dict:
    if shape.kind == "record":
        return {"$ref": f"#/$defs/{_NAMES[shape.record]}"} if shape.record in _NAMES else record_schema(shape.record)
    if shape.vocabulary:
        out: dict = {"enum": list(shape.vocabulary) + ([None] if shape.nullable else [])}
    else:
        out = {"type": [shape.json_type, "null"] if shape.nullable else shape.json_type}
    if shape.kind == "list":
        out["items"] = _schema(shape.item)
    if shape.kind == "map":
        out["additionalProperties"] = _schema(shape.item)
    if shape.pattern is not None:
        out["pattern"] = shape.pattern
    if shape.length is not None:
        out["minLength"], out["maxLength"] = shape.length
    if shape.minimum is not None:
        out["minimum"] = shape.minimum
    if shape.unique:
        out["uniqueItems"] = True
    if shape.items is not None:
        out["minItems"] = out["maxItems"] = shape.items
    if shape.description is not None:
        out["description"] = shape.description
    return out


def partial_record(kind: str) -> dict:
    """A rule test's record of `kind`: any of its fields, each as records.schema.json has it."""
    fields = {name: {"$ref": f"records.schema.json#/$defs/{kind}/properties/{name}"} for name in (item.name for item, _ in record_fields(RECORD_TYPES[kind]))}
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["kind"],
        "properties": {"kind": {"const": kind, "description": f"The record kind: {kind}."}, **fields},
    }


def rule_tests_schema(shipped: dict) -> dict:
    """The rule-test schema with its partial-record definitions, and the kinds a case's record may
    be, generated; the rest as shipped."""
    record = shipped["$defs"]["record"]
    kind = {**record["properties"]["kind"], "enum": list(CHECKED_KINDS)}
    record = {
        **record,
        "properties": {**record["properties"], "kind": kind},
        "allOf": [{"if": {"properties": {"kind": {"const": name}}}, "then": {"$ref": f"#/$defs/{name}"}} for name in CHECKED_KINDS],
    }
    return {**shipped, "$defs": {**shipped["$defs"], "record": record, **{name: partial_record(name) for name in CHECKED_KINDS}}}


def dumps(schema: dict) -> str:
    return json.dumps(schema, indent=2) + "\n"


def generated(directory: Path = SCHEMAS) -> dict[Path, str]:
    """The text each generated schema file in `directory` must have."""
    rule_tests = directory / "rule-tests.schema.json"
    return {
        directory / "records.schema.json": dumps(records_schema()),
        rule_tests: dumps(rule_tests_schema(json.loads(rule_tests.read_text(encoding="utf-8")))),
    }


def main() -> None:
    for path, text in generated().items():
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")


if __name__ == "__main__":
    main()
