"""`govlint report --format json`: one object per decision and rule, with the packs that were run."""
from __future__ import annotations

import json

from govlint.engine import __version__
from govlint.engine.report.summary import ComplianceReport, decision_rule_rows


def render(report: ComplianceReport, output_dir: str) -> str:
    """The report as JSON; it holds no links, so where it is written (`output_dir`) does not change it."""
    document = {
        "tool": {"name": "govlint", "version": __version__},
        "packs": [{"id": pack_id, "version": version} for pack_id, version in report.packs],
        "council": report.council,
        "as_at": report.as_at.isoformat() if report.as_at else None,
        "verdict": {"result": report.headline.verdict, "errors": report.headline.errors, "warnings": report.headline.warnings},
        "rows": decision_rule_rows(report),
        "unreadable": list(report.unreadable),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
