"""Every `govlint check --format` on a small result built here: waived, expired and stale waivers."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date

import click
import jsonschema
import pytest

from govlint.checks.formatters import FINDINGS_FORMATS
from govlint.checks.formatters.findings_github import command, escape_property
from govlint.checks.formatters.findings_json import findings_document
from govlint.checks.formatters.findings_sarif import sarif_log
from govlint.engine.checking.run import Checked, CheckResult, RuleInfo, Summary
from govlint.engine.checking.findings import CitationRef, Finding, Waiver, WaiverMark
from tests.conftest import REPO, require_shared

PAPER = "papers/prod.txt"
CITE = (CitationRef("SI 2012/2089, reg 8(1)", "https://www.legislation.gov.uk/uksi/2012/2089/regulation/8"),)
WAIVER = Waiver("24/00001", "eqia-missing", "EqIA done, filed apart", "Monitoring Officer", date(2099, 1, 31), ".govlint.yaml:7")
OLD_WAIVER = Waiver("24/00001", "dpia-missing", "DPIA in progress", "Data Protection Officer", date(2020, 1, 31), ".govlint.yaml:12")
STALE = Waiver("24/09999", "eqia-missing", "paper withdrawn", "Monitoring Officer", date(2099, 1, 31), ".govlint.yaml:17")


def finding(rule: str, severity: str, line: int, **changes) -> Finding:
    base = Finding(
        rule=rule, severity=severity, title=f"{rule} title", message=f"Decision 24/00001: {rule}, 50% done, a|b",
        decision_no="24/00001", decision_title="Closing a day centre", kind="decision", stage="proposed",
        source=PAPER, line=line, end_line=line + 1, evidence="Key decision: Yes", location=None, citations=CITE,
        remediation="Say which criterion applies.", pack_id="kent", pack_version="1.0.0", fingerprint=f"fp-{rule}",
    )
    return replace(base, **changes)


RULES = ("key-decision-criteria-missing", "eqia-missing", "dpia-missing", "alternatives-not-recorded")


@pytest.fixture
def result() -> CheckResult:
    findings = (
        finding("key-decision-criteria-missing", "error", 15),
        finding("eqia-missing", "warning", 20, waived=WaiverMark(WAIVER, expired=False)),
        finding("dpia-missing", "error", 49, waived=WaiverMark(OLD_WAIVER, expired=True)),
    )
    rules = tuple(RuleInfo(rule, f"{rule} title", "error", CITE, "Fix it.", "kent", "1.0.0") for rule in RULES)
    checked = (Checked(PAPER, "decision", "24/00001", "Closing a day centre", "proposed", 10, tuple(("kent", r) for r in RULES)),)
    summary = Summary(files=1, decisions=1, meetings=0, by_severity={"error": 2, "warning": 1, "info": 0})
    return CheckResult((("kent", "1.0.0"),), findings, summary, stale_waivers=(STALE,), baselined=3, rules=rules, checked=checked)


@pytest.fixture(autouse=True)
def in_repo_root(monkeypatch, tmp_path):
    # SARIF, GitHub and markdown paths are relative to the working directory.
    monkeypatch.chdir(tmp_path)


def test_every_format_is_registered_and_renders(result):
    assert set(FINDINGS_FORMATS) == {"text", "json", "sarif", "junit", "github", "gitlab", "markdown"}
    for render in FINDINGS_FORMATS.values():
        assert render(result).endswith("\n")


def test_text_groups_by_decision_and_marks_waivers(result):
    text = click.unstyle(FINDINGS_FORMATS["text"](result))
    lines = text.splitlines()
    assert lines[0] == f"Decision 24/00001: Closing a day centre [proposed] in {PAPER}"
    assert lines[1].startswith("  error   key-decision-criteria-missing: Decision 24/00001")
    assert f'          {PAPER}:15-16: "Key decision: Yes"' in lines
    assert "          cites: SI 2012/2089, reg 8(1) <https://www.legislation.gov.uk/uksi/2012/2089/regulation/8>" in lines
    assert "          fix: Say which criterion applies." in lines
    assert "          waived: EqIA done, filed apart (approved by Monitoring Officer, expires 2099-01-31)" in lines
    assert "          waiver EXPIRED: DPIA in progress (approved by Data Protection Officer, expires 2020-01-31)" in lines
    assert "  24/09999 eqia-missing: paper withdrawn (approved by Monitoring Officer, expires 2099-01-31) [.govlint.yaml:17]" in lines
    assert lines[-1] == "1 file, 1 decision, 0 meetings: 2 errors, 1 warning, 0 info; 1 waived; 3 baselined; 1 expired waiver; 1 stale waiver"


def test_text_is_styled_for_a_terminal_only(result):
    text = FINDINGS_FORMATS["text"](result)
    assert "\x1b[" in text  # styled; click.echo removes it when the output is not a terminal
    assert "\x1b[" not in click.unstyle(text)


def test_json_is_versioned_and_valid_against_its_schema(result):
    document = json.loads(FINDINGS_FORMATS["json"](result))
    schema = json.loads((REPO / "engine" / "schemas" / "findings.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)
    assert document["version"] == "1.2"
    waived = [f["waived"] for f in document["findings"]]
    assert waived[0] is None
    assert waived[1]["expired"] is False and waived[1]["approved_by"] == "Monitoring Officer"
    assert waived[2]["expired"] is True and waived[2]["expires"] == "2020-01-31"
    assert document["stale_waivers"][0]["decision"] == "24/09999"
    assert {k: document["summary"][k] for k in ("waived", "expired_waivers", "stale_waivers", "baselined")} == {
        "waived": 1, "expired_waivers": 1, "stale_waivers": 1, "baselined": 3}


def test_json_written_a_finding_at_a_time_is_the_document_json_writes_whole(result):
    """`check --format json` writes its findings as it makes them: byte for byte json.dumps of
    the whole document, with findings and without."""
    from dataclasses import replace

    for checked in (result, replace(result, findings=())):
        assert FINDINGS_FORMATS["json"](checked) == json.dumps(findings_document(checked), indent=2, ensure_ascii=False) + "\n"


def test_json_schema_refuses_an_unknown_field(result):
    document = findings_document(result)
    document["findings"][1]["waived"]["extra"] = 1
    schema = json.loads((REPO / "engine" / "schemas" / "findings.schema.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(document)


def test_sarif_validates_against_the_official_schema(result):
    schema = json.loads(require_shared("schemas", "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    log = json.loads(FINDINGS_FORMATS["sarif"](result))
    jsonschema.Draft4Validator(schema).validate(log)


def test_sarif_rules_and_results(result):
    run = sarif_log(result)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == list(RULES)
    first = rules[0]
    assert first["name"] == "KeyDecisionCriteriaMissing"
    assert first["helpUri"] == CITE[0].url
    assert "SI 2012/2089, reg 8(1)" in first["help"]["text"] and "Fix it." in first["help"]["text"]
    assert first["defaultConfiguration"] == {"level": "error"}
    plain, waived, expired = run["results"]
    assert plain["ruleId"] == "key-decision-criteria-missing" and plain["ruleIndex"] == 0 and plain["level"] == "error"
    location = plain["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": PAPER, "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 15, "endLine": 16, "snippet": {"text": "Key decision: Yes"}}
    assert plain["partialFingerprints"] == {"govlintFingerprint/v1": "fp-key-decision-criteria-missing"}
    assert "suppressions" not in plain
    assert waived["level"] == "warning"
    assert waived["suppressions"][0] | {"properties": None} == {
        "kind": "external", "status": "accepted", "justification": "EqIA done, filed apart", "properties": None}
    assert expired["suppressions"][0]["status"] == "rejected"


def test_sarif_names_a_paper_outside_the_working_directory_by_absolute_uri(result, tmp_path, monkeypatch):
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    outside = replace(result, findings=(replace(result.findings[0], source=str(tmp_path / PAPER)),))
    location = sarif_log(outside)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": (tmp_path / PAPER).as_uri()}


@pytest.mark.parametrize("value, escaped", [
    ("a:b,c", "a%3Ab%2Cc"),
    ("100%\r\nnext", "100%25%0D%0Anext"),
    ("plain", "plain"),
])
def test_github_property_escaping(value, escaped):
    assert escape_property(value) == escaped


def test_github_message_keeps_colons_and_commas():
    assert command("error", "a: b, 5%\nc", file="x,y.txt", line=3) == "::error file=x%2Cy.txt,line=3::a: b, 5%25%0Ac"


def test_github_annotations(result):
    lines = FINDINGS_FORMATS["github"](result).splitlines()
    assert lines[0].startswith(f"::error file={PAPER},line=15,endLine=16,title=key-decision-criteria-missing (24/00001)%3A ")
    assert "::Decision 24/00001%3A" not in lines[0] and "::Decision 24/00001: key-decision-criteria-missing, 50%25 done" in lines[0]
    assert lines[1].startswith("::notice ")  # a live waiver: shown, not alarming
    assert lines[2].startswith("::error ") and "waiver EXPIRED" in lines[2]
    assert lines[3].startswith("::warning file=.govlint.yaml,line=17,title=govlint%3A waiver matches no finding::stale waiver")
    assert lines[4].startswith("1 file, 1 decision")


def test_junit_one_case_per_decision_and_rule(result):
    root = ET.fromstring(FINDINGS_FORMATS["junit"](result))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == PAPER
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert list(cases) == list(RULES)
    assert {case.get("classname") for case in cases.values()} == {f"{PAPER}: decision 24/00001 [proposed]"}
    assert cases["key-decision-criteria-missing"].find("failure").get("type") == "error"
    assert "waived: EqIA done" in cases["eqia-missing"].find("skipped").get("message")
    assert "waiver EXPIRED" in cases["dpia-missing"].find("failure").text  # an expired waiver fails
    assert list(cases["alternatives-not-recorded"]) == []  # the rule ran and found nothing
    counts = {k: suite.get(k) for k in ("tests", "failures", "skipped", "errors")}
    assert counts == {"tests": "4", "failures": "2", "skipped": "1", "errors": "0"}
    assert root.get("tests") == "4" and root.get("failures") == "2"


def test_junit_stays_well_formed_with_control_characters(result):
    odd = replace(result, findings=(finding("key-decision-criteria-missing", "error", 15, message="bell\x07 and <tag> & more"),))
    failure = ET.fromstring(FINDINGS_FORMATS["junit"](odd)).find(".//failure")
    assert failure.get("message") == "bell\ufffd and <tag> & more"


def test_markdown_summary_for_a_pull_request(result):
    text = FINDINGS_FORMATS["markdown"](result)
    assert text.startswith("## govlint: 2 errors, 1 warning, 0 info\n")
    assert "### Errors (2)" in text and "### Warnings" not in text  # the only warning is waived
    row = (f"| Decision 24/00001: Closing a day centre [proposed] | `key-decision-criteria-missing` | "
           f"[{PAPER}:15-16]({PAPER}#L15) | Decision 24/00001: key-decision-criteria-missing, 50% done, a\\|b |")
    assert row in text.splitlines()
    assert "<details><summary>Evidence, citations and fixes</summary>" in text
    assert "### Waived (2)" in text and "**(expired)**" in text
    assert "### Stale waivers (1)" in text


def test_markdown_escapes_markup_from_papers(result):
    odd = replace(result, findings=(finding("eqia-missing", "error", 3, evidence="<script>x</script>"),))
    assert "<script>" not in FINDINGS_FORMATS["markdown"](odd)
