"""Findings: message templates, the evidence quoted, and their order."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from govlint.engine.checking.findings import Finding, choose_evidence, findings_from_matches, render_message, sort_key
from govlint.engine.packs.loader import load_pack
from govlint.engine.packs.runtime import Match
from govlint.engine.packs.rule_tests import build_record

PACK_HEADER = """\
id: p
title: Test pack
version: 2.1.0
sources:
  - {id: regs, citation: SI 2012/2089, url: "https://www.legislation.gov.uk/uksi/2012/2089"}
  - {id: practice, citation: Council practice}
parameters:
  threshold_gbp: 1000000
rules:
"""


def make_pack(tmp_path: Path, rules: str):
    path = tmp_path / "p.yaml"
    path.write_text(PACK_HEADER + textwrap.indent(textwrap.dedent(rules), "  "), encoding="utf-8")
    return load_pack(path, search_path=(tmp_path,))


def evidence(line: int, text: str, end_line: int | None = None, location: str | None = None) -> dict:
    return {"line": line, "end_line": end_line or line, "text": text, "location": location}


def decision(**fields) -> dict:
    return {**build_record({"kind": "decision", **fields}), "source": "a.txt"}


RECORD = decision(
    max_money_gbp=1234567.891,
    record_kinds=["committee_report", "record_of_decision"],
    electoral_divisions=None,
    key_decision=False,
)


class TestMessage:
    @pytest.mark.parametrize(
        "template, expected",
        [
            ("Decision {decision_no}", "Decision 20/00001"),
            ("£{max_money_gbp:,.2f} over £{param.threshold_gbp:,.0f}", "£1,234,567.89 over £1,000,000"),
            ("{committee_consultation.status} at {committee_consultation.committee}", "held at Adult Social Care Cabinet Committee"),
            ("divisions: {electoral_divisions}", "divisions: (none)"),
            ("{param.no_such_parameter}", "(none)"),
            ("papers: {record_kinds}", "papers: committee_report, record_of_decision"),
            ("key: {key_decision}", "key: no"),
            ("literal {{braces}}", "literal {braces}"),
        ],
    )
    def test_fields_and_parameters(self, template: str, expected: str) -> None:
        assert render_message(template, RECORD, {"threshold_gbp": 1000000}) == expected

    def test_a_format_spec_that_does_not_suit_the_value_falls_back_to_the_value(self) -> None:
        assert render_message("{title:,.2f}", RECORD, {}) == "Community Support Services Contract"
        assert render_message("{decision_no:>10}", RECORD, {}) == "  20/00001"

    @pytest.mark.parametrize(
        "template",
        ["{title.__class__}", "{title.__class__.__mro__}", "{title[0]}", "{0}", "{}", "{title!r}", "{title:{decision_no}}", "{param.threshold_gbp.__class__}"],
    )
    def test_attribute_access_indexing_and_conversions_are_never_evaluated(self, template: str) -> None:
        rendered = render_message(template, RECORD, {"threshold_gbp": 1000000})
        assert "class" not in rendered.replace("__class__", "") and "Community" not in rendered
        assert rendered in (template, "(none)")

    def test_a_path_through_a_list_gives_every_value(self) -> None:
        meeting = build_record({"kind": "meeting", "declarations": [{"member": "A", "item": None, "nature": None, "decision_no": None}, {"member": "B", "item": "6", "nature": "x", "decision_no": None}]})
        assert render_message("{declarations.member} on {declarations.item}", meeting, {}) == "A, B on 6"


class TestEvidence:
    def test_the_first_listed_field_with_evidence_is_quoted(self) -> None:
        record = decision(evidence={"eqia_status": evidence(40, "Equalities: in progress"), "dpia_status": evidence(44, "DPIA: none")})
        assert choose_evidence(("dpia_status", "eqia_status"), record)["line"] == 44
        assert choose_evidence(("key_decision", "eqia_status"), record)["text"] == "Equalities: in progress"

    def test_a_blank_field_is_quoted_at_its_heading(self) -> None:
        heading = evidence(62, "Any interest declared when the decision was taken:", 64)
        record = decision(interests_field="blank", evidence={"interests_field": heading, "title": evidence(20, "Subject: X")})
        assert choose_evidence(("interests_field",), record) == heading

    def test_an_absent_field_falls_back_to_the_header(self) -> None:
        title = evidence(20, "Subject: Community Support Services Contract")
        number = evidence(7, "DECISION NO: 20/00001")
        assert choose_evidence(("eqia_status",), decision(evidence={"title": title, "decision_no": number})) == title
        assert choose_evidence(("eqia_status",), decision(evidence={"decision_no": number})) == number

    def test_with_no_evidence_at_all_the_record_first_line_and_title(self) -> None:
        chosen = choose_evidence(("eqia_status",), decision(lines=[30, 90]))
        assert chosen == {"line": 30, "end_line": 30, "text": "Community Support Services Contract", "location": None}


def test_finding_carries_everything_a_reader_needs(tmp_path: Path) -> None:
    pack = make_pack(
        tmp_path,
        """\
        - id: eqia-gap
          title: No equality analysis
          severity: error
          applies_to: {kinds: [decision]}
          when: {field: eqia_status, ne: completed}
          message: "Decision {decision_no}: equality analysis {eqia_status}."
          evidence: [eqia_status]
          citations: [{source: regs, provision: reg 12}, {source: practice}]
          remediation: Summarise the EqIA.
        """,
    )
    record = decision(eqia_status="in_progress", decision_type="proposed", evidence={"eqia_status": evidence(40, "EqIA: in progress", 41, "page 3")})
    (finding,) = findings_from_matches(pack, [Match(pack.rules[0], "warning", 0)], [record])
    assert finding == Finding(
        rule="eqia-gap",
        severity="warning",
        title="No equality analysis",
        message="Decision 20/00001: equality analysis in_progress.",
        decision_no="20/00001",
        decision_title="Community Support Services Contract",
        kind="decision",
        stage="proposed",
        source="a.txt",
        line=40,
        end_line=41,
        evidence="EqIA: in progress",
        location="page 3",
        citations=finding.citations,
        remediation="Summarise the EqIA.",
        pack_id="p",
        pack_version="2.1.0",
        record_key="20/00001",
    )
    assert [(c.text, c.url) for c in finding.citations] == [
        ("SI 2012/2089, reg 12", "https://www.legislation.gov.uk/uksi/2012/2089"),
        ("Council practice", None),
    ]


def test_findings_are_ordered_by_file_line_rule_and_decision(tmp_path: Path) -> None:
    pack = make_pack(
        tmp_path,
        """\
        - id: b-rule
          title: B
          applies_to: {kinds: [decision]}
          when: {field: urgent, eq: false}
          message: b
        - id: a-rule
          title: A
          applies_to: {kinds: [decision]}
          when: {field: urgent, eq: false}
          message: a
        """,
    )
    records = [
        {**decision(decision_no="20/00002", lines=[50, 60]), "source": "b.txt"},
        {**decision(decision_no="20/00003", lines=[10, 20]), "source": "b.txt"},
        {**decision(decision_no="20/00001", lines=[70, 80]), "source": "a.txt"},
    ]
    matches = [Match(rule, "info", index) for index in range(3) for rule in pack.rules]
    found = findings_from_matches(pack, matches, records)
    assert [(f.source, f.line, f.rule) for f in found] == [
        ("a.txt", 70, "a-rule"),
        ("a.txt", 70, "b-rule"),
        ("b.txt", 10, "a-rule"),
        ("b.txt", 10, "b-rule"),
        ("b.txt", 50, "a-rule"),
        ("b.txt", 50, "b-rule"),
    ]
    assert found == sorted(reversed(found), key=sort_key)


def test_a_field_made_of_parts_is_quoted_where_its_first_part_was_read():
    classification = {"line": 9, "end_line": 10, "text": "Appendix 2 is exempt under paragraph 3", "location": None}
    record = {"lines": [1, 40], "title": "Depot", "evidence": {"title": {"line": 2, "end_line": 2, "text": "Depot", "location": None}, "exempt.status": classification}}
    assert choose_evidence(("exempt",), record) == classification
    # A field named whole wins over another's part, and none at all falls to the header.
    assert choose_evidence(("title", "exempt"), record)["line"] == 2
    assert choose_evidence(("dispensation",), {"lines": [1, 40], "title": "Depot", "evidence": {}})["line"] == 1
