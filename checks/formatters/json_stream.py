"""A JSON document written a list item at a time, byte for byte as `json.dumps(document, indent=2)`
writes it whole: a corpus's findings or report rows are never held as one text."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

INDENT = 2


def json_chunks(document: dict, key: str, items: Iterable) -> Iterator[str]:
    """`document` with `items` as its top-level list at `key` (given empty in `document`)."""
    # The document is written around its empty list, whose items are then written one by one
    # where it stands, each indented as deep as json.dumps would put it.
    marker = json.dumps(key) + ": []"
    before, after = dumps(document).split(marker, 1)
    yield before + marker[:-1]
    inside = "\n" + " " * 2 * INDENT
    first = True
    for item in items:
        yield ("" if first else ",") + inside + dumps(item).replace("\n", inside)
        first = False
    yield ("]" if first else "\n" + " " * INDENT + "]") + after + "\n"


def dumps(value) -> str:
    return json.dumps(value, indent=INDENT, ensure_ascii=False)
