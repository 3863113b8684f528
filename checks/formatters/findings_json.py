"""`govlint check --format json`: findings as data, described by engine/schemas/findings.schema.json."""
from __future__ import annotations

import json

from engine import __version__
from engine.checking import CheckResult
from engine.findings import Finding


def _finding(finding: Finding) -> dict:
    return {
        "rule": finding.rule,
        "rule_title": finding.title,
        "severity": finding.severity,
        "kind": finding.kind,
        "decision_no": finding.decision_no,
        "title": finding.decision_title,
        "stage": finding.stage,
        "source": finding.source,
        "line": finding.line,
        "end_line": finding.end_line,
        "location": finding.location,
        "message": finding.message,
        "evidence": finding.evidence,
        "citation": [{"text": c.text, "url": c.url} for c in finding.citations],
        "remediation": finding.remediation,
        "pack": {"id": finding.pack_id, "version": finding.pack_version},
    }


def findings_document(result: CheckResult) -> dict:
    summary = result.summary
    return {
        "tool": {"name": "govlint", "version": __version__},
        "packs": [{"id": pack_id, "version": version} for pack_id, version in result.packs],
        "findings": [_finding(finding) for finding in result.findings],
        "summary": {
            "files": summary.files,
            "decisions": summary.decisions,
            "meetings": summary.meetings,
            "findings": summary.findings,
            "by_severity": summary.by_severity,
        },
    }


def render_json(result: CheckResult) -> str:
    return json.dumps(findings_document(result), indent=2, ensure_ascii=False) + "\n"
