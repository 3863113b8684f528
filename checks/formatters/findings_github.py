"""`govlint check --format github`: GitHub Actions workflow commands, shown as annotations on the paper.

Escaping follows the Actions runner (ActionCommand.cs): in a message, % CR LF; in a property
value also : and , since they separate properties. Paths are relative to the working directory,
which in a workflow is the repository root that annotations are anchored to.
"""
from __future__ import annotations

from govlint.checks.formatters.findings_text import result_summary, waiver_note, waiver_terms
from govlint.checks.formatters.paths import relative_path
from govlint.engine.checking.run import CheckResult
from govlint.engine.checking.findings import Finding

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: str | int) -> str:
    said = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name}{' ' + said if said else ''}::{escape_data(message)}"


def _annotation(finding: Finding) -> str:
    # A finding under a live waiver does not fail the gate: a notice keeps it visible without alarm.
    live_waiver = finding.waived and not finding.waived.expired
    name = "notice" if live_waiver else COMMANDS[finding.severity]
    message = finding.message + (f"\n{finding.remediation}" if finding.remediation else "")
    if finding.waived:
        message += f"\n{waiver_note(finding.waived)}"
    decision = f" ({finding.decision_no})" if finding.decision_no else ""
    return command(
        name,
        message,
        file=relative_path(finding.source) or finding.source,
        line=finding.line,
        endLine=finding.end_line,
        title=f"{finding.rule}{decision}: {finding.title}",
    )


def _stale(waiver) -> str:
    file, _, line = (waiver.defined_in or "").rpartition(":")
    where = {"file": relative_path(file) or file, "line": line} if file and line.isdigit() else {}
    return command("warning", f"stale waiver for {waiver.decision} {waiver.rule}: {waiver_terms(waiver)}", **where,
                   title="govlint: waiver matches no finding")


def render(result: CheckResult) -> str:
    lines = [_annotation(finding) for finding in result.findings] + [_stale(waiver) for waiver in result.stale_waivers]
    return "\n".join(lines + [result_summary(result)]) + "\n"
