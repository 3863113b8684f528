"""The record model's declaration (engine.records.model) read field by field.

The stages that need to know a record's fields ask here instead of keeping their own list:
the pack loader checks field paths and comparisons against `field_catalogue`, the rule engine
shapes facts and compares dates by it, record files are built back into records by
`from_dict`, and rule tests start from `example_record`. engine.records.schema turns the same
shapes into records.schema.json.
"""
from __future__ import annotations

import types
import typing
from dataclasses import MISSING, Field, dataclass, fields, is_dataclass
from functools import cache
from typing import Annotated, Any, Literal, get_args, get_origin

from govlint.engine.records.model import DATE, RECORD_TYPES, UNIQUE, Description, Length, Minimum, Pattern, to_dict

_SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean"}


@dataclass(frozen=True)
class Shape:
    """What a field's annotation declares, in JSON terms."""

    kind: str  # string | integer | number | boolean | list | map | record
    nullable: bool = False
    vocabulary: tuple = ()
    pattern: str | None = None
    minimum: int | float | None = None
    length: tuple[int, int] | None = None  # text: the fewest and most characters
    description: str | None = None
    is_date: bool = False
    unique: bool = False
    items: int | None = None  # a list of fixed length (a tuple): how many
    item: "Shape | None" = None  # list: each item; map: each value
    record: type | None = None  # record: the dataclass

    @property
    def json_type(self) -> str:
        return {"list": "array", "map": "object", "record": "object"}.get(self.kind, self.kind)


def shape_of(annotation: Any) -> Shape:
    """The shape an annotation of the model declares; anything the model does not use is an error."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        present = [arg for arg in args if arg is not type(None)]
        if len(present) != 1:
            raise TypeError(f"a field has one type, or one type and None: {annotation!r}")
        return _with(shape_of(present[0]), nullable=len(present) < len(args))
    if origin is Annotated:
        shape = shape_of(args[0])
        for mark in annotation.__metadata__:
            shape = _marked(shape, mark)
        return shape
    if origin is Literal:
        return Shape(_SCALARS[type(args[0])], vocabulary=args)
    if origin is list:
        return Shape("list", item=shape_of(args[0]))
    if origin is tuple:
        if len(set(args)) != 1:
            raise TypeError(f"a tuple field holds values of one type: {annotation!r}")
        return Shape("list", item=shape_of(args[0]), items=len(args))
    if origin is dict:
        return Shape("map", item=shape_of(args[1]))
    if annotation in _SCALARS:
        return Shape(_SCALARS[annotation])
    if is_dataclass(annotation):
        return Shape("record", record=annotation)
    raise TypeError(f"not a type the record model declares: {annotation!r}")


def _with(shape: Shape, **changes) -> Shape:
    return Shape(**{**shape.__dict__, **changes})


def _marked(shape: Shape, mark: Any) -> Shape:
    if isinstance(mark, Pattern):
        return _with(shape, pattern=mark.regex)
    if isinstance(mark, Minimum):
        return _with(shape, minimum=mark.value)
    if isinstance(mark, Length):
        return _with(shape, length=(mark.min, mark.max))
    if isinstance(mark, Description):
        return _with(shape, description=mark.text)
    if mark is UNIQUE:
        return _with(shape, unique=True)
    if mark is DATE:
        return _with(shape, is_date=True)
    raise TypeError(f"not a constraint the record model declares: {mark!r}")


@cache
def record_fields(record: type) -> tuple[tuple[Field, Shape], ...]:
    """Each field of a record type, in declaration order, with its shape."""
    hints = typing.get_type_hints(record, include_extras=True)
    return tuple((item, shape_of(hints[item.name])) for item in fields(record))


# ---------------------------------------------------------------------------------------------
# The field catalogue: every dotted path of a record kind, as rules name them.


@dataclass(frozen=True)
class FieldInfo:
    types: frozenset  # JSON types of a value, "null" among them when it may be missing (for a list: of its items)
    enum: tuple = ()
    is_date: bool = False
    is_list: bool = False  # the path goes through (or ends in) a list: "some element" semantics

    @property
    def value_type(self) -> str:
        """The JSON type of a value that is there (a field has one besides null)."""
        return next(iter(self.types - {"null"}))


def field_catalogue(kind: str) -> dict[str, FieldInfo]:
    """Every dotted path into a record of `kind` ("committee_consultation.status",
    "declarations.member"), nested records included, with what it holds."""
    return catalogue_of(RECORD_TYPES[kind])


@cache
def catalogue_of(record: type) -> dict[str, FieldInfo]:
    out: dict[str, FieldInfo] = {}
    _walk(record, "", False, out)
    return out


def _walk(record: type, prefix: str, through_list: bool, out: dict) -> None:
    for item, shape in record_fields(record):
        path = prefix + item.name
        is_list = shape.kind == "list"
        leaf = shape.item if is_list else shape
        out[path] = FieldInfo(
            types=frozenset({leaf.json_type} | ({"null"} if leaf.nullable else set())),
            enum=leaf.vocabulary,
            is_date=leaf.is_date,
            is_list=is_list or through_list,
        )
        if leaf.kind == "record":
            _walk(leaf.record, f"{path}.", is_list or through_list, out)


def field_names(kind: str) -> list[str]:
    """The top-level fields of a record of `kind`."""
    return [item.name for item, _ in record_fields(RECORD_TYPES[kind])]


@cache
def date_paths(kind: str) -> frozenset[str]:
    """The paths of a record of `kind` that hold dates; none for a kind the model does not have."""
    if kind not in RECORD_TYPES:
        return frozenset()
    return frozenset(path for path, info in field_catalogue(kind).items() if info.is_date)


# ---------------------------------------------------------------------------------------------
# Records from their JSON form, and the example records.


def from_dict(record: type, data: dict) -> Any:
    """The inverse of `to_dict` for data that fits the record schema."""
    return record(**{item.name: _built(shape, data[item.name]) for item, shape in record_fields(record) if item.name in data})


def _built(shape: Shape, value: Any) -> Any:
    if value is None:
        return None
    if shape.kind == "record":
        return from_dict(shape.record, value)
    if shape.kind == "list":
        items = [_built(shape.item, item) for item in value]
        return tuple(items) if shape.items else items
    if shape.kind == "map":
        return {key: _built(shape.item, item) for key, item in value.items()}
    return value


def example_of(record: type) -> Any:
    """The complete, gap-free example of a record type, from its fields' declared examples."""
    return record(**{item.name: _example(record, item, shape) for item, shape in record_fields(record)})


def _example(record: type, item: Field, shape: Shape) -> Any:
    if "example" in item.metadata:
        return item.metadata["example"]
    if shape.kind == "record":
        return example_of(shape.record)
    if shape.kind == "list" and shape.item.kind == "record":
        return [example_of(shape.item.record)]
    if item.default_factory is not MISSING:
        return item.default_factory()
    raise TypeError(f"{record.__name__}.{item.name} declares no example")


def example_record(kind: str) -> dict:
    """The example record of `kind` in the JSON form rules see, tagged with its kind."""
    return {"kind": kind, **to_dict(example_of(RECORD_TYPES[kind]))}
