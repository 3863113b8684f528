"""The JSON Schema of reader profiles, generated from the profile model's vocabularies.

The shipped `engine/schemas/profile.schema.json` is this output (a test keeps them equal), so
an editor can validate a profile through a modeline; `python -m govlint.engine.profiles.schema`
rewrites it after the vocabularies change.
"""
from __future__ import annotations

import json
from pathlib import Path

from govlint.engine.profiles.model import DOCUMENT_KINDS, LABEL_FAMILIES, WORDING

SHIPPED = Path(__file__).parents[1] / "schemas" / "profile.schema.json"
_PHRASES = {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 300}, "maxItems": 500}
_REGEXES = {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 2000}, "maxItems": 500}


def _closed(properties: dict) -> dict:
    return {"type": "object", "additionalProperties": False, "properties": properties}


def profile_schema() -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://govlint.example/schemas/profile.schema.json",
        "title": "govlint reader profile",
        "description": "How a family of councils' papers shows its documents and fields. See docs/reader-profiles.md.",
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "version"],
        "properties": {
            "id": {
                "type": "string",
                "pattern": "^[a-z0-9][a-z0-9-]{0,63}$",
                "description": "Unique name, used by `extends`, the config's `profile:` and `govlint profiles show`.",
            },
            "title": {"type": "string", "minLength": 1, "maxLength": 200},
            "version": {"type": ["string", "integer"]},
            "extends": {
                "type": "array",
                "items": {"type": "string"},
                "maxItems": 10,
                "description": "Profiles whose entries this one adds to (lists are joined, parent first).",
            },
            "detect": {
                **_PHRASES,
                "description": "Phrases a paper of this family shows near its start; the profile with most of them found is chosen.",
            },
            "references": {**_REGEXES, "description": "Regular expressions for decision references as printed."},
            "documents": _closed({kind: {**_PHRASES, "description": f"Headings that open a {kind.replace('_', ' ')}."} for kind in DOCUMENT_KINDS}),
            "labels": _closed({family: _closed({name: _PHRASES for name in names}) for family, names in LABEL_FAMILIES.items()}),
            "boilerplate": {
                "type": "array",
                "items": {**_PHRASES, "minItems": 1},
                "maxItems": 100,
                "description": "Printed text that is not content: each group of phrases is left out of a field's value when all of them are there.",
            },
            "money_in_decision": {
                "type": "boolean",
                "description": "Whether a record with no financial section gives its amounts in the decision text (default true).",
            },
            "pack": {
                "type": "string",
                "minLength": 1,
                "maxLength": 1000,
                "description": "The rule pack for the papers this profile reads (a name, or a file relative to the profile), run on them when no pack is named. Inherited through extends.",
            },
            "furniture": {**_REGEXES, "description": "Regular expressions for whole lines of page furniture, dropped before fields are read."},
            "wording": _closed({topic: _closed({value: _REGEXES for value in values}) for topic, values in WORDING.items()}),
        },
    }


if __name__ == "__main__":
    SHIPPED.write_text(json.dumps(profile_schema(), indent=2) + "\n", encoding="utf-8")
