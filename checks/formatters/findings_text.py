"""`govlint check` output for a person: findings under the decision (or minutes) they are about.

The text is always styled with click.style; `govlint check` writes it with click.echo, which
drops the styles unless the output is a terminal (and NO_COLOR is unset). Other formats reuse
the wording here (headings, waiver notes, the summary line) so that every output says the
same thing the same way.
"""
from __future__ import annotations

import click

from govlint.engine.checking.run import CheckResult, Summary
from govlint.engine.checking.findings import Finding, Related, Waiver, WaiverMark

_SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def record_label(finding: Finding) -> str:
    if finding.kind == "meeting":
        return "Minutes"
    if finding.kind == "paper":
        return "Paper"
    return f"Decision {finding.decision_no or '(no number)'}: {finding.decision_title or '(no title)'} [{finding.stage}]"


def heading(finding: Finding) -> str:
    return f"{record_label(finding)} in {finding.source}"


def place(finding: Finding | Related) -> str:
    """`file:line` or `file:line-end`, with the page or table row of a Word or PDF paper."""
    span = f"{finding.line}" if finding.end_line == finding.line else f"{finding.line}-{finding.end_line}"
    return f"{finding.source}:{span}" + (f" ({finding.location})" if finding.location else "")


def related_label(related: Related) -> str:
    """Which record (and field) another document's evidence is: "meeting Cabinet 2025-03-11, date"."""
    what = related.kind.replace("_", " ")
    return f"{what} {related.record}" + (f", {related.field}" if related.field else "") if related.record else what


def waiver_terms(waiver: Waiver) -> str:
    return f"{waiver.reason} (approved by {waiver.approved_by}, expires {waiver.expires.isoformat()})"


def waiver_note(mark: WaiverMark) -> str:
    """What a waived finding says about its waiver; an expired one no longer counts."""
    return f"{'waiver EXPIRED' if mark.expired else 'waived'}: {waiver_terms(mark.waiver)}"


def _finding_lines(finding: Finding, verbose: bool) -> list[str]:
    severity = click.style(f"{finding.severity:<7}", fg=_SEVERITY_COLOURS[finding.severity], bold=True)
    lines = [f"  {severity} {click.style(finding.rule, bold=True)}: {finding.message}"]
    if finding.waived:
        lines.append("          " + click.style(waiver_note(finding.waived), fg="red" if finding.waived.expired else "cyan"))
    lines.append(f"          {place(finding)}: \"{finding.evidence}\"")
    # The other documents the finding rests on, each where it can be looked up.
    lines += [f"            {place(related)}: \"{related.text}\" [{related_label(related)}]" for related in finding.related]
    # The first citation is the law the rule rests on; the rest (guidance, council texts) on request.
    cited = finding.citations if verbose else finding.citations[:1]
    lines += [f"          cites: {c.text}" + (f" <{c.url}>" if c.url else "") for c in cited]
    if len(cited) < len(finding.citations):
        lines[-1] += click.style(f" (+{len(finding.citations) - len(cited)} more with --verbose)", dim=True)
    if finding.remediation:
        lines.append(f"          fix: {finding.remediation}")
    return lines


def _stale_lines(stale: tuple[Waiver, ...]) -> list[str]:
    if not stale:
        return []
    lines = [click.style("Stale waivers (they match no finding; remove them or fix their decision and rule):", fg="yellow")]
    for waiver in stale:
        where = f" [{waiver.defined_in}]" if waiver.defined_in else ""
        lines.append(f"  {waiver.decision} {waiver.rule}: {waiver_terms(waiver)}{where}")
    return lines + [""]


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def severity_counts(by_severity: dict[str, int]) -> str:
    # "info" is a mass noun: "2 info", not "2 infos".
    return ", ".join(f"{count} {severity}" if severity == "info" else plural(count, severity) for severity, count in by_severity.items())


def summary_line(summary: Summary) -> str:
    found = severity_counts(summary.by_severity)
    read = ", ".join((plural(summary.files, "file"), plural(summary.decisions, "decision"), plural(summary.meetings, "meeting")))
    return f"{read}: {found}"


def result_summary(result: CheckResult) -> str:
    """The summary line with what the gate set aside: waived, expired waivers, stale, baselined."""
    marks = [finding.waived for finding in result.findings if finding.waived]
    extra = [
        (sum(not mark.expired for mark in marks), "waived"),
        (result.baselined, "baselined"),
    ]
    plurals = [
        (sum(mark.expired for mark in marks), "expired waiver"),
        (len(result.stale_waivers), "stale waiver"),
    ]
    said = [f"{count} {label}" for count, label in extra if count] + [plural(count, noun) for count, noun in plurals if count]
    if result.unreadable:
        said.append(f"{plural(result.unreadable, 'input')} not read")
    return "; ".join([summary_line(result.summary)] + said)


def no_findings(result: CheckResult) -> str:
    """What a run with no finding says. Never a plain "No findings" over inputs that were not
    read: that would read as a clean bill for them."""
    if result.unreadable:
        return f"No findings in the inputs read; {plural(result.unreadable, 'input')} could not be read (see above)."
    return "No findings."


def render(result: CheckResult, verbose: bool = False) -> str:
    """The findings by record; `verbose` lists every citation of a finding, not only the first."""
    groups: dict[str, list[Finding]] = {}
    for finding in result.findings:
        groups.setdefault(heading(finding), []).append(finding)
    out: list[str] = []
    for title, findings in groups.items():
        out.append(click.style(title, bold=True, underline=True))
        for finding in findings:
            out.extend(_finding_lines(finding, verbose))
        out.append("")
    if not result.findings:
        out.append(no_findings(result))
    out += _stale_lines(result.stale_waivers)
    out.append(click.style(result_summary(result), bold=True))
    return "\n".join(out) + "\n"
