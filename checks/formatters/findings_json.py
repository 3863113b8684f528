"""`govlint check --format json`: findings as data, described by engine/schemas/findings.schema.json.

`version` is the version of this document's shape (docs/output-formats.md), not govlint's:
a consumer can refuse a major version it does not know.
"""
from __future__ import annotations

from collections.abc import Iterator

from govlint.checks.formatters.json_stream import json_chunks
from govlint.engine import __version__
from govlint.engine.checking.run import CheckResult
from govlint.engine.checking.findings import Finding, Waiver

FORMAT_VERSION = "1.2"


def _waiver(waiver: Waiver) -> dict:
    return {
        "decision": waiver.decision,
        "rule": waiver.rule,
        "reason": waiver.reason,
        "approved_by": waiver.approved_by,
        "expires": waiver.expires.isoformat(),
        "defined_in": waiver.defined_in,
    }


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
        "fingerprint": finding.fingerprint,
        "waived": {**_waiver(finding.waived.waiver), "expired": finding.waived.expired} if finding.waived else None,
        "related": [
            {"kind": r.kind, "record": r.record, "field": r.field, "source": r.source, "line": r.line, "end_line": r.end_line,
             "location": r.location, "evidence": r.text}
            for r in finding.related
        ],
    }


def findings_document(result: CheckResult) -> dict:
    return {**_document(result), "findings": [_finding(finding) for finding in result.findings]}


def _document(result: CheckResult) -> dict:
    """The document, with its findings left empty."""
    summary = result.summary
    marks = [finding.waived for finding in result.findings if finding.waived]
    return {
        "version": FORMAT_VERSION,
        "tool": {"name": "govlint", "version": __version__},
        "packs": [{"id": pack_id, "version": version} for pack_id, version in result.packs],
        "findings": [],
        "stale_waivers": [_waiver(waiver) for waiver in result.stale_waivers],
        "summary": {
            "files": summary.files,
            "decisions": summary.decisions,
            "meetings": summary.meetings,
            "findings": summary.findings,
            "by_severity": summary.by_severity,
            "waived": sum(not mark.expired for mark in marks),
            "expired_waivers": sum(mark.expired for mark in marks),
            "stale_waivers": len(result.stale_waivers),
            "baselined": result.baselined,
        },
    }


def render(result: CheckResult) -> str:
    return "".join(chunks(result))


def chunks(result: CheckResult) -> Iterator[str]:
    """The document a finding at a time (a corpus's findings are never held as one text)."""
    return json_chunks(_document(result), "findings", (_finding(finding) for finding in result.findings))
