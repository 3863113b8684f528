"""A check run: parsed papers and rule packs in, sorted findings and a summary out.

All papers of a run are checked together, not one by one, so that cross-record rules
(`no_record` on meetings) see the minutes in one file when checking a decision in another.
"""
from __future__ import annotations

from dataclasses import dataclass

from govlint.engine.common.errors import GovlintError
from govlint.engine.corpus.link import link_papers
from govlint.engine.packs import runtime as rule_engine
from govlint.engine.packs.reference import ConditionError, applies, stage_of
from govlint.engine.packs.facts import RuleFailure, Run, paper_records
from govlint.engine.checking.findings import CitationRef, Finding, Waiver, citation_refs, findings_from_matches, sort_key
from govlint.engine.packs.model import SEVERITIES, Pack
from govlint.engine.records.model import ParsedPaper


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
class RuleInfo:
    """A rule that was run, as machine formats describe it (SARIF rules), found or not."""

    id: str
    title: str
    severity: str  # the default; a finding's own severity may differ by stage or case
    citations: tuple[CitationRef, ...]
    remediation: str
    pack_id: str
    pack_version: str


@dataclass(frozen=True)
class Checked:
    """One record and the ids of the rules that applied to it: JUnit's test cases."""

    source: str
    kind: str
    decision_no: str | None
    title: str | None
    stage: str | None
    line: int
    rules: tuple[tuple[str, str], ...]  # (pack id, rule id)


@dataclass(frozen=True)
class CheckResult:
    packs: tuple[tuple[str, str], ...]  # (id, version), sorted
    findings: tuple[Finding, ...]
    summary: Summary
    # Filled in by the gate (engine.checking.gate): waivers that matched no finding, and how many
    # findings a baseline hid as already known.
    stale_waivers: tuple[Waiver, ...] = ()
    baselined: int = 0
    rules: tuple[RuleInfo, ...] = ()
    checked: tuple[Checked, ...] = ()
    # Rules that could not be decided on a record (a pattern past its time limit): that record
    # is neither flagged nor cleared by them, so the run is incomplete and says so (exit 2).
    failures: tuple[RuleFailure, ...] = ()
    unreadable: int = 0  # inputs named for the run that could not be read (set by the caller)

    @property
    def has_errors(self) -> bool:
        return self.summary.by_severity["error"] > 0


def count_by_severity(findings) -> dict[str, int]:
    return {severity: sum(f.severity == severity for f in findings) for severity in SEVERITIES}


class RunError(GovlintError):
    """The packs could not be run on the records (a condition durable_rules cannot take, a pattern too slow)."""


def check_papers(papers: list[ParsedPaper], packs: list[Pack]) -> CheckResult:
    """Every pack's findings on all `papers`, linked into cases first (engine.corpus) so that
    rules can join the records about one decision across files; a rule in two packs is
    reported once for each."""
    papers = link_papers(papers)
    records = [record for paper in papers for record in paper_records(paper)]
    failures: list[RuleFailure] = []
    joins = Run(records)
    try:
        findings = sorted(
            (finding for pack in packs for finding in findings_from_matches(pack, rule_engine.run(pack, records, failures), records, joins)),
            key=sort_key,
        )
    except (rule_engine.CompileError, ConditionError) as error:
        raise RunError(f"cannot run the packs: {error}") from error
    summary = Summary(
        files=len(papers),
        decisions=sum(len(paper.decisions) for paper in papers),
        meetings=sum(len(paper.meetings) for paper in papers),
        by_severity=count_by_severity(findings),
    )
    packs_run = tuple(sorted({(pack.id, pack.version) for pack in packs}))
    return CheckResult(packs_run, tuple(findings), summary, rules=_rules_run(packs), checked=_checked(records, packs),
                       failures=_one_per_rule_and_paper(failures))


def _one_per_rule_and_paper(failures: list[RuleFailure]) -> tuple[RuleFailure, ...]:
    """The first failure of each rule on each paper, in a fixed order: once a paper's matching
    time is used up every later record of it fails alike, and one line says it."""
    first: dict[tuple[str, str], RuleFailure] = {}
    for failure in failures:
        first.setdefault((failure.source, failure.rule), failure)
    return tuple(sorted(first.values(), key=lambda failure: (failure.source, failure.rule)))


def _rules_run(packs: list[Pack]) -> tuple[RuleInfo, ...]:
    return tuple(
        RuleInfo(rule.id, rule.title, rule.severity, citation_refs(rule), rule.remediation, pack.id, pack.version)
        for pack in packs
        for rule in pack.rules
        if rule.enabled
    )


def _checked(records: list[dict], packs: list[Pack]) -> tuple[Checked, ...]:
    return tuple(
        Checked(record["source"], record["kind"], record.get("decision_no"), record.get("title"), stage_of(record),
                record["lines"][0], tuple((pack.id, rule.id) for pack in packs for rule in pack.rules if applies(rule, record)))
        for record in records
    )
