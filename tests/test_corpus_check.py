"""`govlint check` and `report` over the papers of several files: rules joining the records of one
case (decision -> minutes, decision -> forward plan) fire, and each finding cites every document."""
from __future__ import annotations

import json
import random
import shutil
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from govlint.checks.cli import main
from govlint.engine.checking.baseline import fingerprint
from govlint.engine.checking.run import check_papers
from govlint.engine.packs.loader import load_pack
from tests.conftest import require_shared
from tests.test_corpus_link import FIXTURES, fixture_papers

REPO = Path(__file__).resolve().parents[1]
FINDINGS_SCHEMA = json.loads((REPO / "engine" / "schemas" / "findings.schema.json").read_text(encoding="utf-8"))

# Written for these tests; the shipped packs' cross-document rules are their own.
PACK = """\
id: corpus-joins
title: Joins across the papers about one decision
version: 1.0.0
rules:
  - id: decided-before-committee
    title: Decision taken before the committee that considered it met
    severity: error
    applies_to: {kinds: [decision], stages: [taken]}
    when:
      exists_record:
        kind: meeting
        where:
          all:
            - some:
                field: decisions_considered
                where:
                  all:
                    - {field: decisions_considered.case, eq: {record: case}}
                    - {field: decisions_considered.resolved, in: [endorse, recommendation]}
            - {days_between: {from: {record: decision_date}, to: date}, gt: 0}
    message: "{decision_no} was taken before the committee that considered it met"
    evidence: [decision_date]
  - id: notice-under-28-clear-days
    title: Decision taken fewer than 28 clear days after its forward plan notice
    severity: error
    applies_to: {kinds: [decision], stages: [taken]}
    when:
      exists_record:
        kind: forward_plan_entry
        where:
          all:
            - {field: case, eq: {record: case}}
            - {days_between: {from: first_published, to: {record: decision_date}, clear: true}, lt: 28}
    message: "{decision_no} was taken fewer than 28 clear days after its forward plan notice"
    evidence: [decision_date]
"""
INPUTS = ("fernleigh", "fernleigh/forward-plan.json", "ashcombe")


@pytest.fixture()
def pack_file(tmp_path: Path) -> Path:
    path = tmp_path / "corpus-joins.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


def govlint(command: str, *args) -> str:
    result = CliRunner().invoke(main, [command, *map(str, args)], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def check(pack_file: Path, fmt: str, *inputs: str, folder: Path = FIXTURES) -> str:
    return govlint("check", "--no-config", "--pack", pack_file, "--format", fmt, *(folder / name for name in inputs))


def test_both_joins_fire_on_the_record_of_decision_and_cite_the_other_files(pack_file):
    document = json.loads(check(pack_file, "json", *INPUTS))
    jsonschema.validate(document, FINDINGS_SCHEMA)
    found = {f["rule"]: f for f in document["findings"]}
    assert set(found) == {"decided-before-committee", "notice-under-28-clear-days"}
    for finding in found.values():
        assert (Path(finding["source"]).name, finding["evidence"]) == ("rod.txt", "3 March 2025")
    minutes = found["decided-before-committee"]["related"]
    assert [(Path(r["source"]).name, r["kind"], r["field"]) for r in minutes] == [
        ("minutes.txt", "meeting", "date"), ("minutes.txt", "meeting", "decisions_considered[0]")]
    assert "11th March, 2025" in minutes[0]["evidence"] and "be endorsed" in minutes[1]["evidence"]
    [notice] = found["notice-under-28-clear-days"]["related"]
    assert (notice["source"], notice["line"], notice["field"], notice["record"]) == ("fernleigh/forward-plan.txt", 19, "first_published", "25/00041")


def test_the_compliant_twin_has_no_finding(pack_file, tmp_path):
    twin = tmp_path / "twin"
    shutil.copytree(FIXTURES / "fernleigh", twin / "fernleigh")
    rod = twin / "fernleigh" / "rod.txt"
    rod.write_text(rod.read_text(encoding="utf-8").replace("3 March 2025", "14 March 2025"), encoding="utf-8")
    plan = twin / "fernleigh" / "forward-plan.json"
    plan.write_text(plan.read_text(encoding="utf-8").replace("2025-02-10", "2025-02-13"), encoding="utf-8")
    # 13 Feb to 14 Mar: 28 clear days (REQUIREMENTS 6.1); the committee met on 11 March.
    document = json.loads(check(pack_file, "json", "fernleigh", "fernleigh/forward-plan.json", folder=twin))
    assert document["findings"] == []
    plan.write_text(plan.read_text(encoding="utf-8").replace("2025-02-13", "2025-02-14"), encoding="utf-8")
    document = json.loads(check(pack_file, "json", "fernleigh", "fernleigh/forward-plan.json", folder=twin))
    assert [f["rule"] for f in document["findings"]] == ["notice-under-28-clear-days"]


def test_text_puts_each_other_document_on_its_own_line(pack_file):
    text = check(pack_file, "text", *INPUTS)
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if "decided-before-committee" in line)
    assert lines[at + 1].strip().endswith('rod.txt:47: "3 March 2025"')
    assert lines[at + 2].startswith("            ") and "minutes.txt:7: \"11th March, 2025\"" in lines[at + 2]
    assert "minutes.txt:29-30: \"RESOLVED" in lines[at + 3]
    assert any(line.strip().startswith('fernleigh/forward-plan.txt:19: "First published: 10/02/2025"') for line in lines)


def test_sarif_related_locations_validate_against_the_official_schema(pack_file):
    schema = json.loads(require_shared("schemas", "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    log = json.loads(check(pack_file, "sarif", *INPUTS))
    jsonschema.Draft4Validator(schema).validate(log)
    results = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    related = results["decided-before-committee"]["relatedLocations"]
    assert [(r["id"], r["physicalLocation"]["region"]["startLine"]) for r in related] == [(1, 7), (2, 29)]
    assert related[0]["physicalLocation"]["artifactLocation"]["uri"].endswith("fernleigh/minutes.txt")
    assert related[1]["message"]["text"] == "meeting Adult Social Care Cabinet Committee 2025-03-11, decisions_considered[0]"


def test_output_is_byte_identical_whatever_the_order_of_the_inputs(pack_file):
    forward = check(pack_file, "json", *INPUTS)
    assert check(pack_file, "json", *reversed(INPUTS)) == forward
    pack = load_pack(pack_file)
    papers = fixture_papers(*INPUTS)
    first = check_papers(papers, [pack]).findings
    for seed in range(3):
        random.Random(seed).shuffle(papers)
        assert check_papers(papers, [pack]).findings == first


def test_the_related_evidence_is_not_part_of_the_fingerprint(pack_file):
    findings = check_papers(fixture_papers(*INPUTS), [load_pack(pack_file)]).findings
    assert all(f.related for f in findings)
    assert all(fingerprint(f, str(REPO)) == fingerprint(replace(f, related=()), str(REPO)) for f in findings)


def test_the_compliance_report_shows_the_other_documents_under_the_gap(pack_file, tmp_path):
    # `report` reads papers only (no record files): the minutes are one.
    page = tmp_path / "report.html"
    govlint("report", "--no-config", "--pack", pack_file, "-o", page, FIXTURES / "fernleigh", FIXTURES / "ashcombe")
    html = page.read_text(encoding="utf-8")
    gap = html.index("taken before the committee that considered it met</p>")
    end = html.index("</li>", gap)
    assert gap < html.index('<blockquote class="related"', gap) < html.index("11th March, 2025", gap) < html.index("be endorsed.", gap) < end
    markdown = govlint("report", "--no-config", "--pack", pack_file, "--format", "markdown", "-o", "-", FIXTURES / "fernleigh")
    assert "minutes.txt:7`: “11th March, 2025” (meeting Adult Social Care Cabinet Committee 2025-03-11, date)" in markdown


def test_some_ties_the_case_and_the_resolution_to_one_minute(pack_file, tmp_path):
    # The minutes endorse 25/00041 and note another decision: a rule asking for a minute that
    # both is about this case and notes it must not be satisfied by the two minutes together.
    folder = tmp_path / "noted"
    shutil.copytree(FIXTURES / "fernleigh", folder / "fernleigh")
    minutes = folder / "fernleigh" / "minutes.txt"
    minutes.write_text(minutes.read_text(encoding="utf-8") + """
15. 25/00037 - Home Care Framework Extension
(Item. 6)

(1)   RESOLVED that the report be noted.
""", encoding="utf-8")
    noted = pack_file.parent / "noted-minute.yaml"
    noted.write_text(PACK.replace("id: corpus-joins", "id: noted-minute").replace("[endorse, recommendation]", "[note]"), encoding="utf-8")
    document = json.loads(govlint("check", "--no-config", "--pack", noted, "--format", "json", folder / "fernleigh"))
    assert [f["rule"] for f in document["findings"]] == []
    # The same tests without `some` are each met by one of the two minutes.
    loose = pack_file.parent / "loose-minutes.yaml"
    loose.write_text(PACK.replace("id: corpus-joins", "id: loose-minutes").replace("[endorse, recommendation]", "[note]")
                     .replace("            - some:\n                field: decisions_considered\n                where:\n                  all:\n", "")
                     .replace("                    - {field: decisions_considered", "            - {field: decisions_considered"), encoding="utf-8")
    document = json.loads(govlint("check", "--no-config", "--pack", loose, "--format", "json", folder / "fernleigh"))
    assert [f["rule"] for f in document["findings"]] == ["decided-before-committee"]
    endorsed = json.loads(check(pack_file, "json", "fernleigh", folder=folder))
    assert [f["rule"] for f in endorsed["findings"]] == ["decided-before-committee"]
