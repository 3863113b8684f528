"""A check run: parsed papers and rule packs in, sorted findings and a summary out.

A run is checked in two steps, so that a corpus streams through a bounded number of papers:
- each paper alone (`check_paper`, in the process that read it): the rules that see one record
  at a time, and what the run keeps of the paper: its records without the paper's documents and
  without evidence but what a finding quotes or a corpus rule may quote;
- every paper together (`combine`): the kept papers linked into cases (engine.corpus), so that
  rules can join the records about one decision across files, then the corpus rules, those that
  join records (`no_record`/`exists_record`: the minutes in one file when checking a decision in
  another), read what the linking sets (LINKED_FIELDS) or use a condition this module does not
  know to be about one record.
A rule gives the same findings in either step; which step runs it is only a matter of cost.
The corpus rules themselves run in the workers too (`check_corpus`), each on a part of the linked
corpus cut so that its findings are those of the whole (engine.checking.partition); the parts'
findings are put back in the order of one run over the whole corpus, so the output is the same
bytes at any --jobs.
"""
from __future__ import annotations

import copy
import string
from collections.abc import Iterable, Iterator
from dataclasses import MISSING, dataclass, field, fields, replace
from functools import cache, partial

from govlint.engine.common.errors import GovlintError
from govlint.engine.corpus.link import LINK_FIELDS, link_papers
from govlint.engine.packs import runtime as rule_engine
from govlint.engine.packs.reference import APPLIES_FIELDS, ConditionError, applies, stage_of
from govlint.engine.packs.facts import RuleFailure, Run, paper_records
from govlint.engine.checking.scope import PROFILE_FIELD, pack_checks
from govlint.engine.checking.findings import HEADER_FIELDS, NAME_FIELDS, CitationRef, Finding, Waiver, citation_refs, finding_of, sort_key
from govlint.engine.checking.partition import CorpusTask, corpus_tasks
from govlint.engine.packs.model import SEVERITIES, AllOf, AnyOf, Compare, Count, DaysBetween, Not, Outer, Pack, Rule, subconditions
from govlint.engine.records.model import ParsedPaper

# Fields whose value for one record depends on the other papers of the run: the corpus view
# (engine.corpus.link) sets them when it links the records about one decision across files
# (decisions_considered: each entry's case). A rule reading one is a corpus rule.
LINKED_FIELDS = ("case", "documents", "decision_numbers", "decisions_considered")
# The conditions whose meaning this module knows to stay within one record; any other (a join,
# or a kind of condition added later) makes its rule a corpus rule.
_ONE_RECORD = (Compare, Count, DaysBetween, AllOf, AnyOf, Not)


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
    kept: ParsedPaper  # its records without what `combine` and the report do not read


@dataclass(frozen=True)
class RunPlan:
    """The packs of a run split by step: each pack's rules that see one record, and its corpus
    rules; and which fields of a record the run keeps once its paper is checked alone."""

    packs: tuple[Pack, ...]
    per_paper: tuple[Pack, ...]
    corpus: tuple[Pack, ...]
    evidence: frozenset[str] = field(default_factory=frozenset)  # whose evidence is kept
    fields: frozenset[str] | None = None  # kept (None: all); every other field is left at its default

    @classmethod
    def of(cls, packs: list[Pack], reads: Iterable[str] | None = None) -> "RunPlan":
        """`reads`: the fields of the run's records (`CheckResult.records`) its caller reads, as
        the report's figures do (engine.report.summary.RECORD_FIELDS); None: every field is kept."""
        corpus_rules = {(pack.id, rule.id) for pack in packs for rule in pack.rules if rule.enabled and _is_corpus_rule(rule)}

        def part(pack: Pack, corpus: bool) -> Pack:
            return replace(pack, rules=tuple(rule for rule in pack.rules if ((pack.id, rule.id) in corpus_rules) == corpus))

        corpus = tuple(part(pack, True) for pack in packs)
        # A corpus rule quotes the record it flags and the others it found (the fields its join
        # tests), so the evidence of every field it reads is kept.
        read = {_root(path) for pack in corpus for rule in pack.rules if rule.enabled for path in _rule_paths(rule)}
        evidence = frozenset(read | set(HEADER_FIELDS)) if corpus_rules else frozenset()
        # Kept: what the corpus rules read, what says whether a rule applies to a record (the
        # report asks it of every rule) and names a record in a finding, what the linker reads,
        # which reader profile read a paper (which pack checks it), and what the caller reads.
        kept = None if reads is None else frozenset(
            read | set(APPLIES_FIELDS) | set(HEADER_FIELDS) | set(NAME_FIELDS) | set(LINK_FIELDS) | {PROFILE_FIELD}
            | {_root(name) for name in reads} | {"evidence"}
        )
        return cls(tuple(packs), tuple(part(pack, False) for pack in packs), corpus, evidence, kept)


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
        kept=_kept(paper, plan, quoted),
    )


def combine(checks: Iterable[PaperCheck], plan: RunPlan, jobs: int = 1) -> CheckResult:
    """The run's result from its papers checked alone (any order), with the corpus rules run on
    the kept records of all of them together (each record only its kept fields): over `jobs`
    processes, on parts of the linked corpus that give the findings of the whole
    (engine.checking.partition)."""
    ordered = sorted(checks, key=lambda check: check.source)
    papers = link_papers([check.kept for check in ordered])
    # One part per process: each part looks again into the papers of the wide keys it uses.
    tasks = corpus_tasks(papers, plan.corpus, jobs)
    failures = [failure for check in ordered for failure in check.failures]
    own: dict[int, tuple[dict, ...]] = {}
    found: list[tuple[tuple, Finding]] = []
    for task, part in zip(tasks, _check_corpus_tasks(tasks, plan, jobs)):
        own.update(zip(task.home, part.records))
        found += part.findings
        failures += part.failures
    records = [_only(record, plan.fields) for position in range(len(papers)) for record in own[position]]
    findings = sorted([f for check in ordered for f in check.findings] + _in_pack_order(sorted(found, key=lambda item: item[0])), key=sort_key)
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


@dataclass(frozen=True)
class CorpusPart:
    """What the corpus rules found on one part of a corpus (a CorpusTask)."""

    records: tuple[tuple[dict, ...], ...]  # each home paper's records, linked
    # Each finding with its place in the whole run's order of matches: (its pack's position,
    # rule id, (its paper's position, its record's position in the paper)).
    findings: tuple[tuple[tuple, Finding], ...]
    failures: tuple[RuleFailure, ...]


def check_corpus(task: CorpusTask, plan: RunPlan) -> CorpusPart:
    """The corpus rules on the home records of `task`, their joins looking into all its records."""
    # The lists linking shares (a case's documents) are converted once and stay shared, in
    # the records and in what is sent back.
    shared: dict = {}
    own = [paper_records(paper, shared=shared) for paper in task.papers[: len(task.home)]]
    records = [record for paper in own for record in paper]
    where = [(position, index) for position, paper in zip(task.home, own) for index in range(len(paper))]
    looked_into = [record for paper in task.papers[len(task.home) :] for record in paper_records(paper, shared=shared)]
    failures: list[RuleFailure] = []
    found = _matched_findings(plan.corpus, records, failures, Run(records + looked_into))
    return CorpusPart(tuple(map(tuple, own)), tuple(((pack, rule, where[index]), f) for (pack, rule, index), f in found), tuple(failures))


# A corpus step's worker: the plan and every part, given once when it starts.
_corpus_run: tuple[RunPlan, list[CorpusTask]] | None = None


def _start_corpus_worker(plan: RunPlan, tasks: list[CorpusTask]) -> None:
    global _corpus_run
    _corpus_run = (plan, tasks)


def _check_corpus_task(index: int) -> CorpusPart:
    plan, tasks = _corpus_run
    return check_corpus(tasks[index], plan)


def _check_corpus_tasks(tasks: list[CorpusTask], plan: RunPlan, jobs: int = 1) -> Iterator[CorpusPart]:
    """The corpus rules on each part of a corpus (`check_corpus`), in the
    order of `tasks`, over `jobs` processes."""
    if jobs <= 1 or len(tasks) <= 1:
        yield from (check_corpus(task, plan) for task in tasks)
        return
    # Imported here: multiprocessing costs a pre-commit run on one paper a noticeable start-up.
    from concurrent.futures import ProcessPoolExecutor

    # The parts are given to the workers as they start: a forked worker has them already, where
    # sending each part as a task would pickle every paper of the corpus again.
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), initializer=_start_corpus_worker, initargs=(plan, tasks)) as pool:
        yield from pool.map(_check_corpus_task, range(len(tasks)))


def check_papers(papers: list[ParsedPaper], packs: list[Pack], reads: Iterable[str] | None = None) -> CheckResult:
    """Every pack's findings on the `papers` it checks (`pack_checks`: all, unless the pack is for
    some reader profiles' papers); a rule in two packs checking a paper is reported once for each.
    `reads`: as for RunPlan.of."""
    plan = RunPlan.of(packs, reads)
    return combine((check_paper(paper, plan) for paper in papers), plan)


def _findings(packs: Iterable[Pack], records: list[dict], failures: list[RuleFailure]) -> list[Finding]:
    """Each pack's findings on `records`, pack by pack, each pack's in `sort_key` order."""
    return _in_pack_order(_matched_findings(packs, records, failures))


def _in_pack_order(found: list[tuple[tuple, Finding]]) -> list[Finding]:
    """The findings of `_matched_findings` (in its order) pack by pack, each pack's in `sort_key` order."""
    return [finding for _, finding in sorted(found, key=lambda item: (item[0][0], sort_key(item[1])))]


def _matched_findings(packs: Iterable[Pack], records: list[dict], failures: list[RuleFailure], joins: Run | None = None) -> list[tuple[tuple, Finding]]:
    """Each finding on `records` with its match, (pack position, rule id, record index), in that
    order. `joins`: the records the joins look into (default: `records`), shared between packs."""
    joins = joins or Run(records)
    checks = pack_checks(packs, records)
    try:
        return [
            ((position, match.rule.id, match.record_index), finding_of(pack, match.rule, match.severity, records[match.record_index], joins))
            for position, pack in enumerate(packs)
            if pack.rules and any(checks(pack, record) for record in records)
            for match in rule_engine.run(pack, records, failures, joins, partial(checks, pack))
        ]
    except (rule_engine.CompileError, ConditionError) as error:
        raise RunError(f"cannot run the packs: {error}") from error


def _kept(paper: ParsedPaper, plan: RunPlan, quoted: dict[int, set[str]]) -> ParsedPaper:
    """`paper` without its documents; of each record, the plan's fields (the others at their
    defaults), and of its evidence only what a corpus rule may quote and what a finding on it
    quoted (Evidence.text can be a long passage)."""

    def compact(record):
        kept = copy.copy(record)
        for name, default in _defaults(type(record)) if plan.fields is not None else ():
            if name not in plan.fields:
                setattr(kept, name, default)
        kept.evidence = {
            name: entry
            for name, entry in record.evidence.items()
            if _root(name) in plan.evidence or entry.text in quoted.get(entry.line, ())
        }
        return kept

    return replace(
        paper,
        documents=[],
        decisions=[compact(record) for record in paper.decisions],
        meetings=[compact(record) for record in paper.meetings],
        forward_plan_entries=[compact(record) for record in paper.forward_plan_entries],
        reading=compact(paper.reading),
    )


@cache
def _defaults(record_type: type) -> tuple[tuple[str, object], ...]:
    """Each field of `record_type` that has a default, with it: one instance shared by every
    kept record (a kept record is read, never changed in place)."""
    return tuple(
        (item.name, item.default if item.default is not MISSING else item.default_factory())
        for item in fields(record_type)
        if item.default is not MISSING or item.default_factory is not MISSING
    )


def _only(record: dict, kept: frozenset[str] | None) -> dict:
    """A record dict with only the `kept` fields (None: all), and its kind and source, which
    every reader reads in any case."""
    compact = {name: value for name, value in record.items() if kept is None or name in kept}
    compact.update(kind=record["kind"], source=record["source"])
    return compact


def _root(path: str) -> str:
    """The record field a path or an evidence key starts from: `decisions_considered` of
    `decisions_considered.decision_no` and of `decisions_considered[1]`."""
    return path.split(".", 1)[0].split("[", 1)[0]


def _is_corpus_rule(rule: Rule) -> bool:
    conditions = [rule.when] + [case.when for case in rule.severity_cases if case.when]
    if any(not isinstance(node, _ONE_RECORD) for condition in conditions for node in subconditions(condition)):
        return True
    return any(_root(path) in LINKED_FIELDS for path in _rule_paths(rule))


def _rule_paths(rule: Rule) -> Iterator[str]:
    """Every field path `rule` reads: in its conditions (on any record), its message and its evidence."""
    for condition in [rule.when] + [case.when for case in rule.severity_cases if case.when]:
        for node in subconditions(condition):
            for name in ("field", "start", "end", "value"):
                value = getattr(node, name, None)
                if isinstance(value, Outer):
                    yield value.field
                elif isinstance(value, str) and name != "value":
                    yield value
    yield from rule.evidence_fields
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(rule.message) if name]
    except ValueError:
        names = []
    yield from (name for name in names if not name.startswith("param."))


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
    checks = pack_checks(packs, records)
    return tuple(
        Checked(record["source"], record["kind"], record.get("decision_no"), record.get("title"), stage_of(record),
                record["lines"][0], tuple((pack.id, rule.id) for pack in packs if checks(pack, record) for rule in pack.rules if applies(rule, record)))
        for record in records
    )
