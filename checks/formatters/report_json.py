"""`govlint report --format json`: one object per decision and rule, with the packs that were run."""
from __future__ import annotations

from collections.abc import Iterator

from govlint.checks.formatters.json_stream import json_chunks
from govlint.engine import __version__
from govlint.engine.report.summary import ComplianceReport, decision_rule_rows


def chunks(report: ComplianceReport, output_dir: str) -> Iterator[str]:
    """The report as JSON, a row at a time; it holds no links, so where it is written
    (`output_dir`) does not change it."""
    document = {
        "tool": {"name": "govlint", "version": __version__},
        "packs": [{"id": pack_id, "version": version} for pack_id, version in report.packs],
        "council": report.council,
        "as_at": report.as_at.isoformat() if report.as_at else None,
        "verdict": {"result": report.headline.verdict, "errors": report.headline.errors, "warnings": report.headline.warnings},
        "rows": [],
        "unreadable": list(report.unreadable),
    }
    yield from json_chunks(document, "rows", decision_rule_rows(report))
