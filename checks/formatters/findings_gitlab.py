"""`govlint check --format gitlab`: a GitLab Code Quality report (a JSON array of issues in the
Code Climate shape GitLab reads: description, check_name, fingerprint, severity, location).

GitLab shows these on merge requests and drops an issue whose fingerprint it has already seen,
so two identical gaps in one paper get fingerprints of their own. Paths are relative to the
working directory, which in a GitLab job is the repository root.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter

from govlint.checks.formatters.findings_text import place, related_label, waiver_note
from govlint.checks.formatters.paths import relative_path
from govlint.engine.checking.findings import Finding
from govlint.engine.checking.run import CheckResult

# GitLab's scale is info, minor, major, critical, blocker; blocker is left for what stops a
# release outright, which a governance gap on one paper does not.
SEVERITIES = {"error": "critical", "warning": "major", "info": "info"}


def _issue(finding: Finding, fingerprint: str) -> dict:
    live_waiver = finding.waived and not finding.waived.expired
    description = f"{finding.decision_no}: {finding.message}" if finding.decision_no else finding.message
    body = [f"Evidence: \"{finding.evidence}\""]
    body += [f"Also {place(r)}: \"{r.text}\" ({related_label(r)})" for r in finding.related]
    body += [f"Cites: {citation.text}" + (f" <{citation.url}>" if citation.url else "") for citation in finding.citations]
    body += [f"Fix: {finding.remediation}"] if finding.remediation else []
    body += [waiver_note(finding.waived)] if finding.waived else []
    return {
        "type": "issue",
        "description": description,
        "check_name": finding.rule,
        "content": {"body": "\n\n".join(body)},
        "categories": ["Compliance"],
        # A waived gap stays visible without weighing as a new problem on the merge request.
        "severity": "info" if live_waiver else SEVERITIES[finding.severity],
        "fingerprint": fingerprint,
        "location": {"path": relative_path(finding.source) or finding.source, "lines": {"begin": finding.line, "end": finding.end_line}},
    }


def render(result: CheckResult) -> str:
    seen: Counter = Counter()
    issues = []
    for finding in result.findings:
        seen[finding.fingerprint] += 1
        # The gate's fingerprint survives lines moving; the count tells identical gaps apart.
        unique = hashlib.sha256(f"{finding.fingerprint}:{seen[finding.fingerprint]}".encode()).hexdigest()[:32]
        issues.append(_issue(finding, unique))
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
