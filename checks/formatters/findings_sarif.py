"""`govlint check --format sarif`: SARIF 2.1.0 for code-scanning tools (GitHub, GitLab, VS Code).

Each paper is an artifact relative to the working directory (`%SRCROOT%`), so a code-scanning
upload from the repository root shows each finding on the paper's lines. A waived finding keeps
its result and carries an external suppression with the waiver's reason; an expired waiver is
a rejected suppression, since it no longer keeps the gate open.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from govlint.checks.formatters.findings_text import related_label
from govlint.checks.formatters.paths import relative_path

from govlint.engine import __version__
from govlint.engine.checking.run import CheckResult, RuleInfo
from govlint.engine.checking.findings import CitationRef, Finding

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# partialFingerprints key: versioned so that a change in how fingerprints are made is not
# mistaken for every finding being new.
FINGERPRINT_KEY = "govlintFingerprint/v1"


def _cites(citations: tuple[CitationRef, ...]) -> str:
    return "; ".join(c.text for c in citations)


def _cites_markdown(citations: tuple[CitationRef, ...]) -> str:
    return "; ".join(f"[{c.text}]({c.url})" if c.url else c.text for c in citations)


def _rule(rule: RuleInfo) -> dict:
    entry = {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": f"{rule.title}. Required by {_cites(rule.citations)}." if rule.citations else rule.title},
        "help": {
            "text": f"Cites: {_cites(rule.citations)}\nFix: {rule.remediation}",
            "markdown": f"**Cites:** {_cites_markdown(rule.citations)}\n\n**Fix:** {rule.remediation}",
        },
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"pack": {"id": rule.pack_id, "version": rule.pack_version}},
    }
    url = next((c.url for c in rule.citations if c.url), None)
    return {**entry, "helpUri": url} if url else entry


def _rules(result: CheckResult) -> list[RuleInfo]:
    """One entry per rule id (the first pack's, when packs share one): the rules run, then any
    rule that only a finding names, as in a result built by hand."""
    found = [RuleInfo(f.rule, f.title, f.severity, f.citations, f.remediation, f.pack_id, f.pack_version) for f in result.findings]
    rules: dict[str, RuleInfo] = {}
    for rule in list(result.rules) + found:
        rules.setdefault(rule.id, rule)
    return list(rules.values())


def artifact_location(source: str) -> dict:
    """The paper relative to the working directory when it is under it, else an absolute file URI."""
    relative = relative_path(source)
    return {"uri": quote(relative), "uriBaseId": "%SRCROOT%"} if relative else {"uri": Path(os.path.abspath(source)).as_uri()}


def _suppressions(finding: Finding) -> list[dict]:
    mark = finding.waived
    waiver = mark.waiver
    properties = {"approvedBy": waiver.approved_by, "expires": waiver.expires.isoformat(), "expired": mark.expired}
    if waiver.defined_in:
        properties["definedIn"] = waiver.defined_in
    status = "rejected" if mark.expired else "accepted"
    return [{"kind": "external", "status": status, "justification": waiver.reason, "properties": properties}]


def _physical(source: str, line: int, end_line: int, text: str) -> dict:
    region = {"startLine": line, "endLine": end_line, "snippet": {"text": text}}
    return {"artifactLocation": artifact_location(source), "region": region}


def _related(finding: Finding) -> list[dict]:
    """The other documents a finding rests on, each its own location, described by record and field."""
    return [
        {"id": number, "physicalLocation": _physical(r.source, r.line, r.end_line, r.text), "message": {"text": related_label(r)}}
        for number, r in enumerate(finding.related, 1)
    ]


def _result(finding: Finding, index: int) -> dict:
    entry = {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": _physical(finding.source, finding.line, finding.end_line, finding.evidence)}],
        "properties": {
            "decisionNo": finding.decision_no,
            "stage": finding.stage,
            "location": finding.location,
            "pack": {"id": finding.pack_id, "version": finding.pack_version},
        },
    }
    if finding.related:
        entry["relatedLocations"] = _related(finding)
    if finding.fingerprint:
        entry["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    if finding.waived:
        entry["suppressions"] = _suppressions(finding)
    return entry


def sarif_log(result: CheckResult) -> dict:
    rules = _rules(result)
    index = {rule.id: position for position, rule in enumerate(rules)}
    driver = {
        "name": "govlint",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [_rule(rule) for rule in rules],
    }
    run = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
        "results": [_result(finding, index[finding.rule]) for finding in result.findings],
        "columnKind": "unicodeCodePoints",
        # The packs of the run, those that found nothing too (each result names the one that found it).
        "properties": {"packs": [{"id": pack_id, "version": version} for pack_id, version in result.packs]},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(result: CheckResult) -> str:
    return json.dumps(sarif_log(result), indent=2, ensure_ascii=False) + "\n"
