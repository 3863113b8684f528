"""Record files (`govlint parse --format json|yaml` output, or records from another system) back into `ParsedPaper`s.

A record file is checked against records.schema.json before anything is built from it, so
a bad file is refused with the first schema problem and where it is, never half-read.
"""
from __future__ import annotations

import json
import os
import textwrap
from functools import cache
from typing import TYPE_CHECKING

import yaml

from govlint.engine.common.limits import Refused, load_json, nesting_problem
from govlint.engine.reading.files import DEFAULT_MAX_BYTES, UnreadablePaper, decode, read_bytes
from govlint.engine.records.fields import from_dict
from govlint.engine.records.model import ParsedPaper

if TYPE_CHECKING:
    import jsonschema

RECORD_SUFFIXES = (".json", ".yaml", ".yml")
# A schema message quotes the offending value, which can be a whole decision.
_MAX_REASON = 240


class _StringDates(yaml.SafeLoader):
    """Safe YAML that keeps `2024-03-12` a string: the record schema has dates as ISO strings."""


_StringDates.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@cache
def _validator() -> jsonschema.Draft202012Validator:
    # Only when a record file is read: a run on papers never needs them (importlib.resources
    # brings tempfile, shutil and random with it).
    from importlib import resources

    import jsonschema

    schema = json.loads(resources.files("govlint.engine").joinpath("schemas/records.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


def is_record_file(path: str) -> bool:
    return path.lower().endswith(RECORD_SUFFIXES)


def read_record_file(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> list[ParsedPaper]:
    """The papers in a record file, in file order, or UnreadablePaper with a one-line reason."""
    name = os.fspath(path)
    try:
        text = decode(read_bytes(name, max_bytes)).text
    except ValueError as error:
        raise UnreadablePaper(name, str(error)) from None
    document = _load(name, text)
    problem = first_schema_problem(document)
    if problem:
        raise UnreadablePaper(name, problem)
    return [paper_from_dict(item) for item in document["files"]]


def _load(name: str, text: str):
    if name.lower().endswith(".json"):
        try:
            return load_json(text)
        except json.JSONDecodeError as error:
            raise UnreadablePaper(name, f"not JSON: {error}") from None
        except Refused as error:
            raise UnreadablePaper(name, str(error)) from None
    too_deep = nesting_problem(text)
    if too_deep:
        raise UnreadablePaper(name, f"line {too_deep[0]}: {too_deep[1]}")
    try:
        return yaml.load(text, Loader=_StringDates)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        where = f" at line {error.problem_mark.line + 1} column {error.problem_mark.column + 1}" if getattr(error, "problem_mark", None) else ""
        raise UnreadablePaper(name, f"not YAML: {getattr(error, 'problem', None) or error}{where}") from None


def first_schema_problem(document) -> str | None:
    """The schema problem that comes first in the document, as "JSON path: message", or None."""
    errors = list(_validator().iter_errors(document))
    if not errors:
        return None
    error = min(errors, key=lambda e: ([(isinstance(p, str), p if isinstance(p, int) else 0, str(p)) for p in e.absolute_path], e.message))
    return textwrap.shorten(f"{error.json_path}: {error.message}", _MAX_REASON, placeholder=" …")


def paper_from_dict(item: dict) -> ParsedPaper:
    """The inverse of `records.to_dict` for a paper that fits the record schema."""
    return from_dict(ParsedPaper, item)
