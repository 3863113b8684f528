"""`govlint report --format json`: one object per decision and rule, with the packs that were run."""
from __future__ import annotations

import json
from collections.abc import Iterator

from govlint.engine import __version__
from govlint.engine.report.summary import ComplianceReport, decision_rule_rows

_INDENT = 2


def chunks(report: ComplianceReport, output_dir: str) -> Iterator[str]:
    """The report as JSON, a row at a time, exactly as `json.dumps(document, indent=2)` writes it
    whole; it holds no links, so where it is written (`output_dir`) does not change it."""
    document = {
        "tool": {"name": "govlint", "version": __version__},
        "packs": [{"id": pack_id, "version": version} for pack_id, version in report.packs],
        "council": report.council,
        "as_at": report.as_at.isoformat() if report.as_at else None,
        "verdict": {"result": report.headline.verdict, "errors": report.headline.errors, "warnings": report.headline.warnings},
        "rows": [],
        "unreadable": list(report.unreadable),
    }
    # The document is written around an empty list of rows, which are then written one by one
    # where it stands, each indented as deep as json.dumps would put it.
    before, after = _dumps(document).split('"rows": []', 1)
    yield before + '"rows": ['
    inside = "\n" + " " * 2 * _INDENT
    first = True
    for row in decision_rule_rows(report):
        yield ("" if first else ",") + inside + _dumps(row).replace("\n", inside)
        first = False
    yield ("]" if first else "\n" + " " * _INDENT + "]") + after + "\n"


def _dumps(value) -> str:
    return json.dumps(value, indent=_INDENT, ensure_ascii=False)
