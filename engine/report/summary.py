"""A compliance report over a corpus: how well the decisions complied, by rule, maker, committee and quarter.

Built from what a check run already has (the packs, and the CheckResult with the records it
kept of every paper), as plain data that every output format renders; nothing here formats
text for a reader.

What counts:
- A *gap* is a finding on a decision at severity error or warning that no unexpired waiver
  covers. Info findings are notes for the author, not failures, so they are not gaps; a
  finding whose waiver has expired is a gap again, as it is for the gate.
- A rule *applies* to a decision when it runs on it at all (kind, stage and effective window,
  `engine.packs.reference.applies`); the rule's compliance rate is the share of those decisions
  without its gap. Rules on meetings only are left out: the report is about decisions.
- A decision's date is its decision date, else the date of the committee meeting it was to go
  to, else the date of a meeting whose minutes record considering it, else that of a meeting
  whose agenda lists its paper (a fetched meeting names the files of its papers); a decision
  with none of these is counted in the "undated" quarter. Quarters are calendar quarters.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

from govlint.engine.checking.run import CheckResult, RuleInfo
from govlint.engine.checking.scope import pack_checks
from govlint.engine.packs.reference import applies, as_date, stage_of
from govlint.engine.checking.findings import Finding, Related, Waiver, choose_evidence
from govlint.engine.packs.model import SEVERITIES, Pack, Rule

# The fields of a run's records the report reads (besides whether each rule applies and the
# evidence it quotes): a run for the report keeps them of every paper (RunPlan.of's `reads`).
RECORD_FIELDS = ("decision_no", "title", "decision_maker", "committee_consultation", "key_decision", "decision_type",
                 "decision_date", "lines", "date", "decisions_considered", "items")
GAP_SEVERITIES = ("error", "warning")
# One per (decision, rule): a gap, a gap covered by a waiver, an info note, nothing found, or
# the rule does not run on this decision.
STATUSES = ("gap", "waived", "note", "ok", "not-applicable")
UNDATED = "undated"
NOT_RECORDED = "not recorded"


@dataclass(frozen=True)
class Outcome:
    rule: RuleInfo
    status: str  # one of STATUSES
    finding: Finding | None  # the finding behind a gap, waived or note status


@dataclass(frozen=True)
class DecisionEntry:
    decision_no: str | None
    title: str | None
    decision_maker: str
    committee: str
    key_decision: bool | None
    stage: str | None
    date: date | None
    date_basis: str | None  # which date `date` is: "decision date", "committee meeting", "minutes" or "meeting agenda"
    quarter: str
    source: str
    line: int
    outcomes: tuple[Outcome, ...]  # one per rule on decisions of each pack that checked it, in pack order
    anchor: str = ""  # unique in the report: where a rule's list of decisions links to

    @property
    def gaps(self) -> tuple[Outcome, ...]:
        return tuple(outcome for outcome in self.outcomes if outcome.status == "gap")


def share_without_gaps(decisions: int, with_gaps: int) -> float | None:
    """The share of `decisions` without a gap; none of nothing."""
    return (decisions - with_gaps) / decisions if decisions else None


@dataclass(frozen=True)
class RuleRate:
    rule: RuleInfo
    applicable: int  # decisions the rule runs on
    gaps: int
    waived: int
    with_gap: tuple[str, ...] = ()  # anchors of the decisions with this gap, in report order
    severity: str = "info"  # of its gaps, the most severe (a rule's cases can raise its default)

    @property
    def compliance(self) -> float | None:
        return share_without_gaps(self.applicable, self.gaps)

    @property
    def gap_rate(self) -> float | None:
        """The share of the decisions it applies to that have the gap: what the rule's title names."""
        return self.gaps / self.applicable if self.applicable else None

    @property
    def anchor(self) -> str:
        return rule_anchor(self.rule)


@dataclass(frozen=True)
class Group:
    """Decisions sharing a decision maker, committee or quarter."""

    label: str
    decisions: int
    with_gaps: int

    @property
    def compliance(self) -> float | None:
        return share_without_gaps(self.decisions, self.with_gaps)


@dataclass(frozen=True)
class WaiverEntry:
    waiver: Waiver
    state: str  # "in use", "expired" (the gap is open again) or "matched nothing"


@dataclass(frozen=True)
class Headline:
    papers: int  # papers read
    unreadable: int
    decisions: int
    key_decisions: int
    without_gaps: int
    open_waivers: int  # in use and not expired
    errors: int = 0  # gaps at severity error, over all decisions and rules
    warnings: int = 0

    @property
    def compliance(self) -> float | None:
        return share_without_gaps(self.decisions, self.decisions - self.without_gaps)

    @property
    def verdict(self) -> str:
        """What an audit committee reads first: "fail" with any error gap or any paper unread
        (nothing unread is ever reported clean), "warn" with warnings only, else "pass"."""
        if self.errors or self.unreadable:
            return "fail"
        return "warn" if self.warnings else "pass"


@dataclass(frozen=True)
class ComplianceReport:
    headline: Headline
    packs: tuple[tuple[str, str], ...]  # (id, version), sorted
    rules: tuple[RuleRate, ...]
    by_decision_maker: tuple[Group, ...]
    by_committee: tuple[Group, ...]
    by_quarter: tuple[Group, ...]  # in date order, "undated" last
    decisions: tuple[DecisionEntry, ...]
    waivers: tuple[WaiverEntry, ...]
    unreadable: tuple[str, ...]  # one message per paper that could not be read
    council: str | None = None  # from the config, else the first pack that names one
    as_at: date | None = None  # the day the figures hold on (waivers expire against it)


def build_report(
    packs: list[Pack],
    result: CheckResult,
    unreadable: tuple[str, ...] = (),
    council: str | None = None,
    as_at: date | None = None,
) -> ComplianceReport:
    """The report; `council` replaces the council the packs name, `as_at` is the day the gate ran on.
    `result` is of a run that kept the RECORD_FIELDS (RunPlan.of's `reads`)."""
    rules = _decision_rules(packs, result)
    records = result.records
    checks = pack_checks(packs, list(records))
    meeting_dates = _meeting_dates(records)
    findings = {_finding_key(f): f for f in result.findings if f.kind == "decision"}
    decision_records = [record for record in records if record["kind"] == "decision"]
    ordered = sorted(
        (_entry(record, [(rule, ref) for pack, rule, ref in rules if checks(pack, record)], findings, meeting_dates) for record in decision_records),
        key=_chronological,
    )
    decisions = tuple(replace(entry, anchor=_anchor(index, entry)) for index, entry in enumerate(ordered, 1))
    outcomes: dict[tuple[str, str, str], list[tuple[DecisionEntry, Outcome]]] = defaultdict(list)
    for entry in decisions:
        for outcome in entry.outcomes:
            outcomes[_rule_key(outcome.rule)].append((entry, outcome))
    # A pack for other papers than these (scoped by reader profile) has no figures to give.
    rates = tuple(sorted(
        (_rule_rate(ref, outcomes[_rule_key(ref)]) for pack, _, ref in rules if pack.for_profiles is None or outcomes[_rule_key(ref)]),
        key=_worst_first,
    ))
    in_play = [pack for pack in packs if pack.for_profiles is None or any(checks(pack, record) for record in decision_records)]
    waivers = _waivers(result)
    gaps = [outcome.finding.severity for entry in decisions for outcome in entry.gaps]
    headline = Headline(
        papers=result.summary.files,
        unreadable=len(unreadable),
        decisions=len(decisions),
        key_decisions=sum(entry.key_decision is True for entry in decisions),
        without_gaps=sum(not entry.gaps for entry in decisions),
        open_waivers=sum(entry.state == "in use" for entry in waivers),
        errors=gaps.count("error"),
        warnings=gaps.count("warning"),
    )
    return ComplianceReport(
        council=council or _council(in_play),
        as_at=as_at,
        headline=headline,
        packs=result.packs,
        rules=rates,
        by_decision_maker=_groups(decisions, lambda e: e.decision_maker, _by_size),
        by_committee=_groups(decisions, lambda e: e.committee, _by_size),
        by_quarter=_groups(decisions, lambda e: e.quarter, _by_quarter),
        decisions=decisions,
        waivers=waivers,
        unreadable=tuple(unreadable),
    )


def _council(packs: list[Pack]) -> str | None:
    """The council named by the packs that checked the decisions: the first naming one, unless a
    pack for the papers of councils it does not name (scoped by reader profile) checked some."""
    if any(pack.for_profiles is not None and not pack.council for pack in packs):
        return None
    return next((pack.council for pack in packs if pack.council), None)


def _rule_key(rule: RuleInfo) -> tuple[str, str, str]:
    return (rule.pack_id, rule.pack_version, rule.id)


def _decision_rules(packs: list[Pack], result: CheckResult) -> list[tuple[Pack, Rule, RuleInfo]]:
    """The rules run on decisions, pack by pack in file order; a pack given twice counts once."""
    described = {(info.pack_id, info.id): info for info in result.rules}
    unique = {(pack.id, pack.version): pack for pack in packs}.values()
    return [
        (pack, rule, described[pack.id, rule.id])
        for pack in unique
        for rule in pack.rules
        if rule.enabled and "decision" in rule.kinds
    ]


def _finding_key(finding: Finding) -> tuple:
    return (finding.pack_id, finding.rule, finding.source, finding.decision_no, finding.line, finding.end_line, finding.evidence)


def _record_key(ref: RuleInfo, rule: Rule, record: dict) -> tuple:
    # A finding names its record only by file, number and quoted evidence; the evidence the
    # rule would quote from this record tells apart two unnumbered decisions in one file.
    evidence = choose_evidence(rule.evidence_fields, record)
    return (ref.pack_id, ref.id, record["source"], record.get("decision_no"), evidence["line"], evidence["end_line"], evidence["text"])


def _status(finding: Finding | None) -> str:
    if finding is None:
        return "ok"
    if finding.severity not in GAP_SEVERITIES:
        return "note"
    return "waived" if finding.waived and not finding.waived.expired else "gap"


def _outcome(rule: Rule, ref: RuleInfo, record: dict, findings: dict) -> Outcome:
    if not applies(rule, record):
        return Outcome(ref, "not-applicable", None)
    finding = findings.get(_record_key(ref, rule, record))
    return Outcome(ref, _status(finding), finding)


def _meeting_dates(records: tuple[dict, ...]) -> dict[tuple[str, str], date]:
    """The earliest meeting whose minutes record considering each decision number (keyed
    ("decision", number)) and whose agenda lists each paper (keyed ("paper", file))."""
    dates: dict[tuple[str, str], date] = {}
    for record in records:
        when = as_date(record.get("date")) if record["kind"] == "meeting" else None
        if not when:
            continue
        considered = [("decision", entry["decision_no"]) for entry in record.get("decisions_considered", ())]
        listed = [("paper", paper) for item in record.get("items", ()) for paper in item["papers"]]
        for key in considered + listed:
            dates[key] = min(when, dates.get(key, when))
    return dates


def _dated(record: dict, meeting_dates: dict[tuple[str, str], date]) -> tuple[date | None, str | None]:
    candidates = (
        (as_date(record.get("decision_date")), "decision date"),
        (as_date(record["committee_consultation"].get("date")), "committee meeting"),
        (meeting_dates.get(("decision", record.get("decision_no"))), "minutes"),
        (meeting_dates.get(("paper", record["source"])), "meeting agenda"),
    )
    return next(((when, basis) for when, basis in candidates if when), (None, None))


def quarter_of(when: date | None) -> str:
    return f"{when.year} Q{(when.month - 1) // 3 + 1}" if when else UNDATED


def _entry(record: dict, rules: list[tuple[Rule, RuleInfo]], findings: dict, meeting_dates: dict[tuple[str, str], date]) -> DecisionEntry:
    when, basis = _dated(record, meeting_dates)
    return DecisionEntry(
        decision_no=record.get("decision_no"),
        title=record.get("title"),
        decision_maker=record.get("decision_maker") or NOT_RECORDED,
        committee=record["committee_consultation"].get("committee") or NOT_RECORDED,
        key_decision=record.get("key_decision"),
        stage=stage_of(record),
        date=when,
        date_basis=basis,
        quarter=quarter_of(when),
        source=record["source"],
        line=record["lines"][0],
        outcomes=tuple(_outcome(rule, ref, record, findings) for rule, ref in rules),
    )


def every_quarter(groups: tuple[Group, ...]) -> tuple[Group, ...]:
    """The dated quarters from the first to the last, those with no decision as empty groups:
    a trend must show a gap where nothing was decided, not join the quarters either side."""
    dated = {group.label: group for group in groups if group.label != UNDATED}
    if not dated:
        return ()
    first, last = (tuple(int(part) for part in label.split(" Q")) for label in (min(dated), max(dated)))
    span = []
    year, quarter = first
    while (year, quarter) <= last:
        label = f"{year} Q{quarter}"
        span.append(dated.get(label, Group(label, 0, 0)))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return tuple(span)


def _chronological(entry: DecisionEntry) -> tuple:
    return (entry.date is None, entry.date or date.min, entry.decision_no or "", entry.source, entry.line)


def rule_anchor(rule: RuleInfo) -> str:
    """Where a rule's figures are in a report, for the links from each of its gaps."""
    return f"rule-{rule.pack_id}-{rule.id}"


def _anchor(index: int, entry: DecisionEntry) -> str:
    """`d3-24-00032`: the position makes it unique (a PROD and its RoD share a number), the
    number makes it readable in a link."""
    number = "".join(c if c.isalnum() else "-" for c in (entry.decision_no or "")).strip("-")
    return f"d{index}" + (f"-{number}" if number else "")


def _rule_rate(ref: RuleInfo, outcomes: list[tuple[DecisionEntry, Outcome]]) -> RuleRate:
    """`outcomes`: the rule's on each decision its pack checked, in the report's order."""
    statuses = [outcome.status for _, outcome in outcomes]
    found = {outcome.finding.severity for _, outcome in outcomes if outcome.status == "gap"}
    return RuleRate(
        rule=ref,
        applicable=sum(status != "not-applicable" for status in statuses),
        gaps=statuses.count("gap"),
        waived=statuses.count("waived"),
        with_gap=tuple(entry.anchor for entry, outcome in outcomes if outcome.status == "gap"),
        severity=min(found, key=SEVERITIES.index) if found else ref.severity,
    )


def _worst_first(rate: RuleRate) -> tuple:
    """Most often found first; among equals the more severe, then the more decisions; rules
    that applied to no decision last."""
    return (rate.gap_rate is None, -(rate.gap_rate or 0), SEVERITIES.index(rate.severity), -rate.gaps, rate.rule.title, rate.rule.id)


def _by_size(group: Group) -> tuple:
    return (-group.decisions, group.label)


def _by_quarter(group: Group) -> tuple:
    return (group.label == UNDATED, group.label)


def _groups(decisions: tuple[DecisionEntry, ...], label_of, order) -> tuple[Group, ...]:
    members: dict[str, list[DecisionEntry]] = defaultdict(list)
    for entry in decisions:
        members[label_of(entry)].append(entry)
    groups = (Group(label, len(entries), sum(bool(e.gaps) for e in entries)) for label, entries in members.items())
    return tuple(sorted(groups, key=order))


def _waivers(result: CheckResult) -> tuple[WaiverEntry, ...]:
    marks = {f.waived.waiver: f.waived.expired for f in result.findings if f.waived}
    entries = [WaiverEntry(w, "expired" if expired else "in use") for w, expired in marks.items()]
    entries += [WaiverEntry(w, "matched nothing") for w in result.stale_waivers if w not in marks]
    return tuple(sorted(entries, key=lambda e: (e.waiver.expires, e.waiver.decision, e.waiver.rule)))


ROW_COLUMNS = (
    "decision_no", "title", "decision_maker", "committee", "key_decision", "stage", "date", "quarter",
    "pack", "rule", "rule_title", "severity", "status", "evidence", "quote", "message", "waiver_expires",
)


def decision_rule_rows(report: ComplianceReport) -> Iterator[dict]:
    """One flat row per decision and rule, for spreadsheets (CSV and JSON share these columns),
    made as they are written."""
    return (_row(entry, outcome) for entry in report.decisions for outcome in entry.outcomes)


def evidence_ref(finding: Finding | Related) -> str:
    """file:line, file:start-end, with the page or table row of a Word or PDF paper."""
    lines = f"{finding.line}" if finding.end_line == finding.line else f"{finding.line}-{finding.end_line}"
    return f"{finding.source}:{lines}" + (f" ({finding.location})" if finding.location else "")


def _row(entry: DecisionEntry, outcome: Outcome) -> dict:
    finding = outcome.finding
    waiver = finding.waived.waiver if finding and finding.waived else None
    return {
        "decision_no": entry.decision_no,
        "title": entry.title,
        "decision_maker": entry.decision_maker,
        "committee": entry.committee,
        "key_decision": entry.key_decision,
        "stage": entry.stage,
        "date": entry.date.isoformat() if entry.date else None,
        "quarter": entry.quarter,
        "pack": f"{outcome.rule.pack_id}@{outcome.rule.pack_version}",
        "rule": outcome.rule.id,
        "rule_title": outcome.rule.title,
        "severity": finding.severity if finding else None,
        "status": outcome.status,
        "evidence": evidence_ref(finding) if finding else None,
        "quote": finding.evidence if finding else None,
        "message": finding.message if finding else None,
        "waiver_expires": waiver.expires.isoformat() if waiver else None,
    }
