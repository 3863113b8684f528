"""Waivers: accepted gaps matched to findings, each finding marked with the waiver that covers it.

Pure: "today" is passed in, so that whether a waiver has expired is decided by the caller's
clock (the command line takes `--today` for tests and reproducible runs).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from govlint.engine.checking.findings import Finding, Waiver, WaiverMark


def is_expired(waiver: Waiver, today: date) -> bool:
    """A waiver holds up to and including its expiry date."""
    return waiver.expires < today


def apply_waivers(
    findings: tuple[Finding, ...], waivers: tuple[Waiver, ...], today: date, rule_ids: dict[str, str]
) -> tuple[tuple[Finding, ...], tuple[Waiver, ...]]:
    """The findings, each covered one marked with its waiver, and the waivers that cover none.

    `rule_ids` maps every rule id and alias to the rule's id, so a waiver may name either.
    When two waivers cover a finding, the one that runs longest marks it: a renewed waiver
    written beside the old one must not leave the finding failing.
    """
    marked = []
    used: set[Waiver] = set()
    for finding in findings:
        covering = [waiver for waiver in waivers if _covers(waiver, finding, rule_ids)]
        used.update(covering)
        if covering:
            chosen = max(covering, key=lambda waiver: waiver.expires)
            finding = replace(finding, waived=WaiverMark(chosen, is_expired(chosen, today)))
        marked.append(finding)
    return tuple(marked), tuple(waiver for waiver in waivers if waiver not in used)


def _covers(waiver: Waiver, finding: Finding, rule_ids: dict[str, str]) -> bool:
    return (
        finding.decision_no is not None
        and finding.decision_no.strip() == waiver.decision.strip()
        and rule_ids.get(waiver.rule, waiver.rule) == finding.rule
    )
