"""`govlint parse` output as data: JSON and YAML of the record schema."""
from __future__ import annotations

import json

import yaml

from govlint.engine.records.model import ParsedPaper, to_dict


def records_document(papers: list[ParsedPaper]) -> dict:
    return {"files": [to_dict(paper) for paper in papers]}


def render_json(papers: list[ParsedPaper]) -> str:
    return json.dumps(records_document(papers), indent=2, ensure_ascii=False) + "\n"


def render_yaml(papers: list[ParsedPaper]) -> str:
    return yaml.safe_dump(records_document(papers), sort_keys=False, allow_unicode=True, width=100)
