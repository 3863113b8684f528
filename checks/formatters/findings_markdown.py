"""`govlint check --format markdown`: a summary to post as a pull-request comment.

Headline counts, then a table per severity of the findings that keep the gate shut, each
linking to the paper's line (`path#Lline`, relative to the repository root the comment is
rendered against), the evidence and fixes folded away in <details>, then waived findings and
stale waivers. Text from papers and packs is escaped: a comment must not be able to inject
markup.
"""
from __future__ import annotations

import html
from urllib.parse import quote

from govlint.checks.formatters.findings_text import no_findings, place, record_label, related_label, result_summary, severity_counts, waiver_terms
from govlint.checks.formatters.paths import relative_path
from govlint.engine.checking.run import CheckResult
from govlint.engine.checking.findings import Finding, Related
from govlint.engine.packs.model import SEVERITIES

_TITLES = {"error": "Errors", "warning": "Warnings", "info": "Info"}


def cell(text: str) -> str:
    """Text safe inside a table cell: no markup, no pipe, one line."""
    return " ".join(html.escape(text, quote=False).replace("|", "\\|").split())


def _link(finding: Finding | Related) -> str:
    relative = relative_path(finding.source)
    text = cell(place(finding))
    return f"[{text}]({quote(relative)}#L{finding.line})" if relative else text


def _table(findings: list[Finding], extra: str = "") -> list[str]:
    lines = [f"| Decision | Rule | Where | Message{extra and ' | ' + extra} |", "|---|---|---|---|" + ("---|" if extra else "")]
    for f in findings:
        row = [cell(record_label(f)), f"`{cell(f.rule)}`", _link(f), cell(f.message)]
        if extra:
            row.append(cell(waiver_terms(f.waived.waiver)) + (" **(expired)**" if f.waived.expired else ""))
        lines.append("| " + " | ".join(row) + " |")
    return lines


def _details(findings: list[Finding]) -> list[str]:
    lines = ["", "<details><summary>Evidence, citations and fixes</summary>", ""]
    for f in findings:
        cites = "; ".join(f"[{cell(c.text)}](<{c.url}>)" if c.url else cell(c.text) for c in f.citations)
        lines.append(f"- **{cell(f.rule)}** at {_link(f)}: “{cell(f.evidence)}”")
        lines += [f"  - also {_link(r)}: “{cell(r.text)}” ({cell(related_label(r))})" for r in f.related]
        lines += [f"  - cites: {cites}", f"  - fix: {cell(f.remediation)}"]
    return lines + ["", "</details>", ""]


def render(result: CheckResult) -> str:
    out = [f"## govlint: {severity_counts(result.summary.by_severity)}", "", cell(result_summary(result)), ""]
    open_gaps = [f for f in result.findings if not f.waived or f.waived.expired]
    for severity in SEVERITIES:
        found = [f for f in open_gaps if f.severity == severity]
        if found:
            out += [f"### {_TITLES[severity]} ({len(found)})", ""] + _table(found) + _details(found)
    waived = [f for f in result.findings if f.waived]
    if waived:
        out += [f"### Waived ({len(waived)})", ""] + _table(waived, "Waiver") + [""]
    if result.stale_waivers:
        out += [f"### Stale waivers ({len(result.stale_waivers)})", "", "They match no finding: remove them or correct their decision and rule.", ""]
        out += [f"- {cell(w.decision)} `{cell(w.rule)}`: {cell(waiver_terms(w))}" + (f" ({cell(w.defined_in)})" if w.defined_in else "") for w in result.stale_waivers]
        out.append("")
    if not result.findings:
        out += [no_findings(result), ""]
    return "\n".join(out)
