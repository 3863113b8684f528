"""`govlint check --format junit`: JUnit XML, for CI systems that show test reports (GitLab, Jenkins).

One test suite per paper; one test case per record (decision or minutes) and rule that applied
to it, so a clean paper shows as passing checks rather than nothing. A test case fails when its
rule found a gap there, whatever the severity (the gate's --fail-on decides the exit status,
not this report); it is skipped when every finding in it is under a waiver that has not expired.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from govlint.checks.formatters.findings_text import place, waiver_note
from govlint.engine.checking.run import CheckResult
from govlint.engine.checking.findings import Finding

# Characters XML 1.0 cannot hold at all: text from a paper could carry them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _record_name(kind: str, decision_no: str | None, stage: str | None) -> str:
    if kind in ("meeting", "paper"):
        return {"meeting": "minutes", "paper": "paper"}[kind]
    return f"decision {decision_no or '(no number)'} [{stage}]"


def _cases(result: CheckResult) -> dict[tuple, list[Finding]]:
    """(source, record name, pack id, rule id) -> its findings; the rules that applied first, in
    record order, then any a finding names that no record lists (a result built by hand)."""
    cases: dict[tuple, list[Finding]] = {}
    for record in result.checked:
        for pack_id, rule in record.rules:
            cases.setdefault((record.source, _record_name(record.kind, record.decision_no, record.stage), pack_id, rule), [])
    for f in result.findings:
        cases.setdefault((f.source, _record_name(f.kind, f.decision_no, f.stage), f.pack_id, f.rule), []).append(f)
    return cases


def _failure_text(finding: Finding) -> str:
    lines = [f"{finding.severity} {finding.rule}: {finding.message}", f"{place(finding)}: \"{finding.evidence}\""]
    lines += [f"cites: {c.text}" + (f" <{c.url}>" if c.url else "") for c in finding.citations]
    lines += [f"fix: {finding.remediation}"] + ([waiver_note(finding.waived)] if finding.waived else [])
    return "\n".join(lines)


def _testcase(suite: ET.Element, key: tuple, findings: list[Finding], multi_pack: bool) -> str:
    """Adds the test case; returns its outcome: passed, failed or skipped."""
    source, record, pack_id, rule = key
    case = ET.SubElement(suite, "testcase", classname=_xml_text(f"{source}: {record}"),
                         name=f"{pack_id}/{rule}" if multi_pack else rule, time="0")
    open_gaps = [f for f in findings if not f.waived or f.waived.expired]
    if open_gaps:
        failure = ET.SubElement(case, "failure", message=_xml_text(open_gaps[0].message), type=open_gaps[0].severity)
        failure.text = _xml_text("\n\n".join(_failure_text(f) for f in findings))
        return "failed"
    if findings:
        ET.SubElement(case, "skipped", message=_xml_text("; ".join(waiver_note(f.waived) for f in findings)))
        return "skipped"
    return "passed"


def junit_tree(result: CheckResult) -> ET.Element:
    multi_pack = len({pack_id for pack_id, _ in result.packs}) > 1
    root = ET.Element("testsuites", name="govlint")
    suites: dict[str, ET.Element] = {}
    outcomes: dict[str, list[str]] = {}
    for key, findings in _cases(result).items():
        source = key[0]
        if source not in suites:
            suites[source] = ET.SubElement(root, "testsuite", name=_xml_text(source))
        outcomes.setdefault(source, []).append(_testcase(suites[source], key, findings, multi_pack))
    for source, suite in suites.items():
        _count(suite, outcomes[source])
    _count(root, [outcome for each in outcomes.values() for outcome in each])
    return root


def _count(element: ET.Element, outcomes: list[str]) -> None:
    element.set("tests", str(len(outcomes)))
    element.set("failures", str(outcomes.count("failed")))
    element.set("errors", "0")
    element.set("skipped", str(outcomes.count("skipped")))
    element.set("time", "0")


def render(result: CheckResult) -> str:
    tree = junit_tree(result)
    ET.indent(tree)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(tree, encoding="unicode") + "\n"
