"""A check run: parsed papers and rule packs in, sorted findings and a summary out.

All papers of a run are checked together, not one by one, so that cross-record rules
(`no_record` on meetings) see the minutes in one file when checking a decision in another.
"""
from __future__ import annotations

from dataclasses import dataclass

from engine import rule_engine
from engine.facts import paper_records
from engine.findings import Finding, Waiver, findings_from_matches, sort_key
from engine.packs import SEVERITIES, Pack
from engine.records import ParsedPaper


@dataclass(frozen=True)
class Summary:
    files: int
    decisions: int
    meetings: int
    by_severity: dict[str, int]  # every severity, in SEVERITIES order, zero counts included

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())


@dataclass(frozen=True)
class CheckResult:
    packs: tuple[tuple[str, str], ...]  # (id, version), sorted
    findings: tuple[Finding, ...]
    summary: Summary
    # Filled in by the gate (engine.gate): waivers that matched no finding, and how many
    # findings a baseline hid as already known.
    stale_waivers: tuple[Waiver, ...] = ()
    baselined: int = 0

    @property
    def has_errors(self) -> bool:
        return self.summary.by_severity["error"] > 0


def check_papers(papers: list[ParsedPaper], packs: list[Pack]) -> CheckResult:
    """Every pack's findings on all `papers`; a rule in two packs is reported once for each."""
    records = [record for paper in papers for record in paper_records(paper)]
    findings = sorted(
        (finding for pack in packs for finding in findings_from_matches(pack, rule_engine.run(pack, records), records)),
        key=sort_key,
    )
    summary = Summary(
        files=len(papers),
        decisions=sum(len(paper.decisions) for paper in papers),
        meetings=sum(len(paper.meetings) for paper in papers),
        by_severity={severity: sum(f.severity == severity for f in findings) for severity in SEVERITIES},
    )
    packs_run = tuple(sorted({(pack.id, pack.version) for pack in packs}))
    return CheckResult(packs_run, tuple(findings), summary)
