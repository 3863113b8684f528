"""The gate: whether a check run fails, and the gate's state (waivers, baseline) on its result."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from govlint.engine.packs.model import SEVERITIES

if TYPE_CHECKING:
    from govlint.engine.checking.run import CheckResult
    from govlint.engine.checking.findings import Finding, Waiver

FAIL_LEVELS = SEVERITIES + ("never",)
DEFAULT_FAIL_LEVEL = "error"


def blocks(finding: Finding, fail_on: str) -> bool:
    """Whether `finding` fails a gate at `fail_on`: severe enough and not waived (an expired
    waiver no longer counts)."""
    if fail_on == "never" or SEVERITIES.index(finding.severity) > SEVERITIES.index(fail_on):
        return False
    return finding.waived is None or finding.waived.expired


def fails(result: CheckResult, fail_on: str) -> bool:
    return any(blocks(finding, fail_on) for finding in result.findings)


def apply_gate(
    result: CheckResult,
    *,
    root: str,
    today: date,
    waivers: tuple[Waiver, ...] = (),
    rule_ids: dict[str, str] | None = None,
    known: Counter | None = None,
    whole_corpus: bool = False,
) -> CheckResult:
    """`result` with fingerprints (paths taken relative to `root`), waivers applied and the
    findings in the baseline `known` hidden; the summary then counts the findings reported.

    Waivers are matched before the baseline hides anything, so a waiver for a baselined
    finding is not called stale. A waiver is stale only when this run could have seen its
    finding: its decision was among the records checked, or the run covered the whole corpus
    (`whole_corpus`). A pre-commit run on the papers one commit touches says nothing about
    the waivers for the others.
    """
    # Imported here: the command line reads FAIL_LEVELS at start-up, before any paper is checked.
    from govlint.engine.checking.baseline import hide_known, with_fingerprints
    from govlint.engine.checking.run import count_by_severity
    from govlint.engine.checking.waivers import apply_waivers

    findings = with_fingerprints(result.findings, root)
    findings, stale = apply_waivers(findings, waivers, today, rule_ids or {})
    if not whole_corpus:
        seen = {record.decision_no.strip() for record in result.checked if record.decision_no}
        stale = tuple(waiver for waiver in stale if waiver.decision.strip() in seen)
    findings, hidden = hide_known(findings, known or Counter())
    return replace(
        result,
        findings=findings,
        summary=replace(result.summary, by_severity=count_by_severity(findings)),
        stale_waivers=stale,
        baselined=hidden,
    )
