"""A check run: parsed papers and rule packs in, sorted findings and a summary out.

A run is checked in two steps, so that a corpus streams through a bounded number of papers:
- each paper alone (`check_paper`, in the process that read it): the rules that see one record
  at a time, and what the run keeps of the paper, its records reduced to the fields that the
  second step and the compliance report read (no evidence but what a finding quotes);
- every paper together (`combine`): the corpus rules, those that join records
  (`no_record`/`exists_record`: the minutes in one file when checking a decision in another) or
  read what the corpus view links across files (LINKED_FIELDS), on the kept records of all papers.
A rule gives the same findings in either step; which step runs it is only a matter of cost.
"""
from __future__ import annotations

import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from govlint.engine.common.errors import GovlintError
from govlint.engine.packs import runtime as rule_engine
from govlint.engine.packs.reference import ConditionError, applies, stage_of
from govlint.engine.packs.facts import RuleFailure, paper_records
from govlint.engine.checking.findings import (
    HEADER_FIELDS, CitationRef, Finding, Waiver, citation_refs, findings_from_matches, sort_key,
)
from govlint.engine.packs.model import SEVERITIES, AllOf, AnyOf, Compare, Count, DaysBetween, Not, Outer, Pack, RecordExists, Rule
from govlint.engine.records.model import ParsedPaper

# Fields whose value for one record depends on the other papers of the run: the corpus view sets
# them when it links the records about one decision across files. A rule reading one is a corpus rule.
LINKED_FIELDS = ("case", "documents", "decision_numbers")
# What is kept of every record whatever the packs: what a finding names its record by
# (findings.record_key) and what the compliance report (engine.report.summary) reads.
KEPT_FIELDS = (
    "kind", "source", "lines", "decision_no", "title", "committee", "date", "decision_maker", "decision_type", "key_decision",
    "decision_date", "committee_consultation", "decisions_considered", "items",
)


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
    # Every paper's records as kept for the corpus rules and the report (`PaperCheck.kept`).
    records: tuple[dict, ...] = ()

    @property
    def has_errors(self) -> bool:
        return self.summary.by_severity["error"] > 0


def count_by_severity(findings) -> dict[str, int]:
    return {severity: sum(f.severity == severity for f in findings) for severity in SEVERITIES}


class RunError(GovlintError):
    """The packs could not be run on the records (a condition durable_rules cannot take, a pattern too slow)."""


@dataclass(frozen=True)
class PaperCheck:
    """One paper checked alone: all a run keeps of it once it is read."""

    source: str
    decisions: int
    meetings: int
    findings: tuple[Finding, ...]  # of the rules that see one record at a time
    checked: tuple[Checked, ...]
    failures: tuple[RuleFailure, ...]
    kept: tuple[dict, ...]  # its records, reduced to what `combine` and the report read


@dataclass(frozen=True)
class RunPlan:
    """The packs of a run split by step: each pack's rules that see one record, and its corpus rules."""

    packs: tuple[Pack, ...]
    per_paper: tuple[Pack, ...]
    corpus: tuple[Pack, ...]
    fields: frozenset[str] = field(default_factory=frozenset)  # what is kept of each record
    evidence: frozenset[str] = field(default_factory=frozenset)  # whose evidence is kept

    @classmethod
    def of(cls, packs: list[Pack]) -> "RunPlan":
        corpus_rules = {(pack.id, rule.id) for pack in packs for rule in pack.rules if rule.enabled and _is_corpus_rule(rule)}

        def part(pack: Pack, corpus: bool) -> Pack:
            return replace(pack, rules=tuple(rule for rule in pack.rules if ((pack.id, rule.id) in corpus_rules) == corpus))

        corpus = tuple(part(pack, True) for pack in packs)
        # A corpus rule quotes the record it flags and the others it found (the fields its join
        # tests), so the evidence of every field it reads is kept.
        read = {_root(path) for pack in corpus for rule in pack.rules if rule.enabled for path in _rule_paths(rule)}
        return cls(
            tuple(packs), tuple(part(pack, False) for pack in packs), corpus,
            frozenset(read | set(KEPT_FIELDS) | (set(LINKED_FIELDS) if corpus_rules else set())),
            frozenset(read | set(HEADER_FIELDS)) if corpus_rules else frozenset(),
        )


def check_paper(paper: ParsedPaper, plan: RunPlan) -> PaperCheck:
    """The rules that see one record at a time on `paper`, and what the run keeps of it."""
    records = paper_records(paper)
    failures: list[RuleFailure] = []
    findings = _findings(plan.per_paper, records, failures)
    # A finding quotes its record's evidence again when the report matches it to its decision.
    quoted: dict[int, set[str]] = {}
    for finding in findings:
        quoted.setdefault(finding.line, set()).add(finding.evidence)
    return PaperCheck(
        source=paper.source,
        decisions=len(paper.decisions),
        meetings=len(paper.meetings),
        findings=tuple(findings),
        checked=_checked(records, plan.packs),
        failures=tuple(failures),
        kept=tuple(_kept(record, plan, quoted) for record in records),
    )


def combine(checks: Iterable[PaperCheck], plan: RunPlan) -> CheckResult:
    """The run's result from its papers checked alone (any order), with the corpus rules run on
    the kept records of all of them together."""
    ordered = sorted(checks, key=lambda check: check.source)
    records = [record for check in ordered for record in check.kept]
    failures = [failure for check in ordered for failure in check.failures]
    findings = sorted([f for check in ordered for f in check.findings] + _findings(plan.corpus, records, failures), key=sort_key)
    summary = Summary(
        files=len(ordered),
        decisions=sum(check.decisions for check in ordered),
        meetings=sum(check.meetings for check in ordered),
        by_severity=count_by_severity(findings),
    )
    packs_run = tuple(sorted({(pack.id, pack.version) for pack in plan.packs}))
    return CheckResult(packs_run, tuple(findings), summary, rules=_rules_run(list(plan.packs)),
                       checked=tuple(entry for check in ordered for entry in check.checked),
                       failures=_one_per_rule_and_paper(failures), records=tuple(records))


def check_papers(papers: list[ParsedPaper], packs: list[Pack]) -> CheckResult:
    """Every pack's findings on all `papers`; a rule in two packs is reported once for each."""
    plan = RunPlan.of(packs)
    return combine((check_paper(paper, plan) for paper in papers), plan)


def _findings(packs: Iterable[Pack], records: list[dict], failures: list[RuleFailure]) -> list[Finding]:
    try:
        return [
            finding
            for pack in packs
            if pack.rules
            for finding in findings_from_matches(pack, rule_engine.run(pack, records, failures), records)
        ]
    except (rule_engine.CompileError, ConditionError) as error:
        raise RunError(f"cannot run the packs: {error}") from error


def _kept(record: dict, plan: RunPlan, quoted: dict[int, set[str]]) -> dict:
    """`record` with only the fields `plan` keeps, and of its evidence only what a corpus rule
    may quote and what a finding on it quoted (Evidence.text can be a long passage)."""
    kept = {name: value for name, value in record.items() if name in plan.fields}
    evidence = {
        name: entry
        for name, entry in (record.get("evidence") or {}).items()
        if _root(name) in plan.evidence or entry["text"] in quoted.get(entry["line"], ())
    }
    if evidence:
        kept["evidence"] = evidence
    return kept


def _root(path: str) -> str:
    """The record field a path or an evidence key starts from: `decisions_considered` of
    `decisions_considered.decision_no` and of `decisions_considered[1]`."""
    return path.split(".", 1)[0].split("[", 1)[0]


def _is_corpus_rule(rule: Rule) -> bool:
    conditions = [rule.when] + [case.when for case in rule.severity_cases if case.when]
    if any(_joins(condition) for condition in conditions):
        return True
    return any(_root(path) in LINKED_FIELDS for path in _rule_paths(rule))


def _joins(condition) -> bool:
    if isinstance(condition, RecordExists):
        return True
    if isinstance(condition, (AllOf, AnyOf)):
        return any(_joins(part) for part in condition.conditions)
    return isinstance(condition, Not) and _joins(condition.condition)


def _rule_paths(rule: Rule) -> Iterator[str]:
    """Every field path `rule` reads: in its conditions (on any record), its message and its evidence."""
    for condition in [rule.when] + [case.when for case in rule.severity_cases if case.when]:
        yield from _condition_paths(condition)
    yield from rule.evidence_fields
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(rule.message) if name]
    except ValueError:
        names = []
    yield from (name for name in names if not name.startswith("param."))


def _condition_paths(condition) -> Iterator[str]:
    if isinstance(condition, (AllOf, AnyOf)):
        for part in condition.conditions:
            yield from _condition_paths(part)
    elif isinstance(condition, Not):
        yield from _condition_paths(condition.condition)
    elif isinstance(condition, RecordExists):
        yield from _condition_paths(condition.where)
    elif isinstance(condition, (Compare, Count)):
        yield condition.field
        if isinstance(condition.value, Outer):
            yield condition.value.field
    elif isinstance(condition, DaysBetween):
        yield from (end.field if isinstance(end, Outer) else end for end in (condition.start, condition.end))


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
