"""`govlint check` output for a person: findings under the decision (or minutes) they are about."""
from __future__ import annotations

from engine.checking import CheckResult, Summary
from engine.findings import Finding


def _heading(finding: Finding) -> str:
    if finding.kind == "meeting":
        return f"Minutes in {finding.source}"
    number = finding.decision_no or "(no number)"
    title = finding.decision_title or "(no title)"
    return f"Decision {number}: {title} [{finding.stage}] in {finding.source}"


def _finding_lines(finding: Finding) -> list[str]:
    span = f"{finding.line}" if finding.end_line == finding.line else f"{finding.line}-{finding.end_line}"
    where = f"{finding.source}:{span}" + (f" ({finding.location})" if finding.location else "")
    lines = [
        f"  {finding.severity:<7} {finding.rule}: {finding.message}",
        f"          {where}: \"{finding.evidence}\"",
    ]
    lines += [f"          cites: {c.text}" + (f" <{c.url}>" if c.url else "") for c in finding.citations]
    if finding.remediation:
        lines.append(f"          fix: {finding.remediation}")
    return lines


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def summary_line(summary: Summary) -> str:
    # "info" is a mass noun: "2 info", not "2 infos".
    found = ", ".join(f"{count} {severity}" if severity == "info" else _plural(count, severity) for severity, count in summary.by_severity.items())
    read = ", ".join((_plural(summary.files, "file"), _plural(summary.decisions, "decision"), _plural(summary.meetings, "meeting")))
    return f"{read}: {found}"


def render_text(result: CheckResult) -> str:
    groups: dict[str, list[Finding]] = {}
    for finding in result.findings:
        groups.setdefault(_heading(finding), []).append(finding)
    out: list[str] = []
    for heading, findings in groups.items():
        out.append(heading)
        for finding in findings:
            out.extend(_finding_lines(finding))
        out.append("")
    if not result.findings:
        out.append("No findings.")
    out.append(summary_line(result.summary))
    return "\n".join(out) + "\n"
