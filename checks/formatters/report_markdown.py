"""`govlint report --format markdown`: the report's figures and gaps as a readable summary."""
from __future__ import annotations

from collections.abc import Iterator

from govlint.checks.formatters.report_common import DATE_DEFINITION, GAP_DEFINITION, WAIVER_STATES, long_date, percent, verdict_text
from govlint.checks.formatters.findings_text import related_label
from govlint.engine.report.summary import ComplianceReport, Group, evidence_ref

_NUMERIC = {"applies to", "gaps", "waived", "compliance", "decisions", "with a gap", "share without a gap"}


def _cell(text: str | None) -> str:
    # A pipe or a line break would end the table cell early.
    return " ".join((text or "").split()).replace("|", "\\|")


def _table(header: tuple[str, ...], rows: list[tuple]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" if h in _NUMERIC else "---" for h in header) + "|"]
    return lines + ["| " + " | ".join(_cell(str(value)) for value in row) + " |" for row in rows] + [""]



def _groups(heading: str, groups: tuple[Group, ...]) -> list[str]:
    return _table((heading, "decisions", "with a gap", "share without a gap"), [(g.label, g.decisions, g.with_gaps, percent(g.compliance)) for g in groups])


def _decisions(report: ComplianceReport) -> Iterator[str]:
    found = False
    for entry in report.decisions:
        if not entry.gaps:
            continue
        found = True
        when = entry.date.isoformat() if entry.date else "undated"
        yield f"### {entry.decision_no or 'no number'}: {_cell(entry.title) or '(no title)'}"
        yield f"{entry.decision_maker}; {entry.committee}; {when}\n"
        for outcome in entry.gaps:
            finding = outcome.finding
            yield f"- **{finding.severity}** {outcome.rule.title}: {_cell(finding.message)}  "
            yield f"  `{evidence_ref(finding)}`: “{_cell(finding.evidence)}”"
            yield from (f"  - also `{evidence_ref(r)}`: “{_cell(r.text)}” ({_cell(related_label(r))})" for r in finding.related)
        yield ""
    if not found:
        yield from ("No decision has a gap.", "")


def chunks(report: ComplianceReport, output_dir: str) -> Iterator[str]:
    """The report as Markdown, a line at a time; it holds no links, so where it is written
    (`output_dir`) does not change it."""
    for index, line in enumerate(_lines(report)):
        yield ("\n" if index else "") + line


def _lines(report: ComplianceReport) -> Iterator[str]:
    h = report.headline
    yield from [
        "# " + (f"{report.council}: " if report.council else "") + "Decision compliance report",
        "",
        f"**{verdict_text(h)}.**",
        "",
        ("As at " + long_date(report.as_at) + ". " if report.as_at else "") + "Packs: " + ", ".join(f"{pack_id} {version}" for pack_id, version in report.packs),
        "",
        f"- Papers read: {h.papers}" + (f" ({h.unreadable} could not be read)" if h.unreadable else ""),
        f"- Decisions checked: {h.decisions}",
        f"- Key decisions: {h.key_decisions}",
        f"- Decisions without a gap: {h.without_gaps} of {h.decisions} ({percent(h.compliance)})",
        f"- Open waivers: {h.open_waivers}",
        "",
        GAP_DEFINITION,
        "",
        "## Compliance per rule, worst first",
        "",
        *_table(
            ("rule", "severity", "applies to", "gaps", "waived", "compliance"),
            [(f"{r.rule.title} (`{r.rule.id}`)", r.severity, r.applicable, r.gaps, r.waived, percent(r.compliance)) for r in report.rules],
        ),
        "## Compliance per quarter",
        "",
        DATE_DEFINITION,
        "",
        *_groups("quarter", report.by_quarter),
        "## By decision maker",
        "",
        *_groups("decision maker", report.by_decision_maker),
        "## By committee",
        "",
        *_groups("committee", report.by_committee),
        "## Decisions with gaps",
        "",
    ]
    yield from _decisions(report)
    yield from [
        "## Waivers",
        "",
        *(
            _table(
                ("decision", "rule", "expires", "state", "approved by", "reason"),
                [(w.waiver.decision, w.waiver.rule, w.waiver.expires.isoformat(), WAIVER_STATES[w.state], w.waiver.approved_by, w.waiver.reason) for w in report.waivers],
            )
            if report.waivers
            else ["No waivers.", ""]
        ),
    ]
    if report.unreadable:
        yield from ["## Papers that could not be read", "", *(f"- `{problem}`" for problem in report.unreadable), ""]
