"""`govlint check`: exit codes, JSON against its schema, determinism, bad packs and bad inputs."""
from __future__ import annotations

import json
import re
import shutil
import textwrap
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from govlint.checks.cli import main
from govlint.engine import __version__

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
PAPERS = sorted((EXAMPLES / "papers").glob("*.txt"))
FINDINGS_SCHEMA = json.loads((REPO / "engine" / "schemas" / "findings.schema.json").read_text(encoding="utf-8"))

# A pack whose only rule fires at `severity` on every decision with a DPIA gap.
PACK = """\
id: {id}
title: DPIA only
version: 0.1.0
rules:
  - id: dpia-gap
    title: No DPIA position
    severity: {severity}
    applies_to: {{kinds: [decision]}}
    when: {{field: dpia_status, eq: not_mentioned}}
    message: "{{decision_no}}: DPIA {{dpia_status}}"
    evidence: [dpia_status]
"""


def govlint(*args: str):
    return CliRunner().invoke(main, ["check", *map(str, args)], catch_exceptions=False)


def write_pack(tmp_path: Path, severity: str) -> Path:
    # One id per severity: the engine keeps a compiled pack per id and version for the
    # process, and these packs differ only in severity.
    pack_id = f"dpia-{severity}"
    path = tmp_path / f"{pack_id}.yaml"
    path.write_text(PACK.format(id=pack_id, severity=severity), encoding="utf-8")
    return path


def check_json(*args) -> dict:
    result = govlint("--format", "json", *args)
    document = json.loads(result.stdout)
    jsonschema.validate(document, FINDINGS_SCHEMA)
    return document


class TestExitCodes:
    def test_examples_have_error_findings_by_design(self) -> None:
        result = govlint(EXAMPLES)
        assert result.exit_code == 1, result.stderr
        assert result.stderr == ""
        assert re.search(r"\n4 files, \d+ decisions, 1 meeting: [1-9]\d* errors?, \d+ warnings?, \d+ info\n$", result.stdout)

    def test_only_warnings_exit_0(self, tmp_path: Path) -> None:
        assert govlint(EXAMPLES, "--pack", write_pack(tmp_path, "warning")).exit_code == 0

    def test_no_findings_exit_0(self) -> None:
        result = govlint(PAPERS[3])  # minutes with well-formed declarations
        assert result.exit_code == 0 and result.stdout.startswith("No findings.\n")

    def test_error_finding_exit_1(self, tmp_path: Path) -> None:
        assert govlint(EXAMPLES, "--pack", write_pack(tmp_path, "error")).exit_code == 1

    def test_a_bad_pack_stops_the_run_with_its_problems_at_line_and_column(self, tmp_path: Path) -> None:
        bad = tmp_path / "bad.yaml"
        bad.write_text("id: bad\ntitle: Bad\nversion: 1.0.0\nrules:\n  - id: r\n    title: R\n    severity: fatal\n", encoding="utf-8")
        result = govlint(EXAMPLES, "--pack", bad, "--pack", "no-such-pack")
        assert result.exit_code == 2 and result.stdout == ""
        lines = result.stderr.splitlines()
        assert any(line.startswith(f"{bad}:7:15: ") for line in lines), lines
        assert any(line.startswith("no-such-pack: ") for line in lines), lines

    def test_bad_inputs_are_named_and_the_good_ones_still_checked(self, tmp_path: Path) -> None:
        unreadable = tmp_path / "bad.json"
        unreadable.write_text('{"files": 3}', encoding="utf-8")
        result = govlint(EXAMPLES, unreadable, tmp_path / "missing.txt")
        assert result.exit_code == 2  # takes precedence over the error findings
        assert result.stderr.splitlines() == [
            f"govlint: {unreadable}: $.files: 3 is not of type 'array'",
            f"govlint: {tmp_path / 'missing.txt'}: no such file or directory",
        ]
        assert "4 files, 3 decisions" in result.stdout


def test_json_output_validates_and_carries_tool_and_packs(tmp_path: Path) -> None:
    document = check_json(EXAMPLES, "--pack", "kent-county-council", "--pack", write_pack(tmp_path, "error"))
    assert document["tool"] == {"name": "govlint", "version": __version__}
    assert document["packs"] == [{"id": "dpia-error", "version": "0.1.0"}, {"id": "kent-county-council", "version": "1.0.0"}]
    # dpia-error's two, and Kent's three: 02's eqia-missing (no equality section at all) and
    # dpia-missing, 03's dpia-missing.
    assert document["summary"]["by_severity"]["error"] == 5
    dpia = [f for f in document["findings"] if f["rule"] == "dpia-gap"]
    assert [(f["decision_no"], f["stage"], f["pack"]["id"]) for f in dpia] == [("24/00032", "proposed", "dpia-error"), ("24/00027", "taken", "dpia-error")]
    assert dpia[0]["message"] == "24/00032: DPIA not_mentioned" and dpia[0]["evidence"] == "Data Protection implications: None."


def test_output_is_byte_identical_whatever_the_argument_order(tmp_path: Path) -> None:
    forward = [*PAPERS, "--pack", "kent-county-council", "--pack", write_pack(tmp_path, "error")]
    backward = [*reversed(PAPERS), "--pack", write_pack(tmp_path, "error"), "--pack", "kent-county-council"]
    for output_format in ("text", "json"):
        assert govlint("--format", output_format, *forward).stdout == govlint("--format", output_format, *backward).stdout


def test_output_is_byte_identical_at_any_number_of_jobs(tmp_path: Path) -> None:
    # More papers than a worker's task, so that both workers check some and the minutes in one
    # task are joined (no_record) to decisions checked in the other.
    joining = tmp_path / "joining.yaml"
    joining.write_text(textwrap.dedent("""\
        id: joining
        title: Considered by a meeting
        version: 0.1.0
        rules:
          - id: not-considered
            title: No meeting considered the decision
            severity: warning
            applies_to: {kinds: [decision]}
            when:
              no_record: {kind: meeting, where: {field: decisions_considered.decision_no, eq: {record: decision_no}}}
            message: "{decision_no} was not considered by a meeting"
        """), encoding="utf-8")
    folder = tmp_path / "papers"
    folder.mkdir()
    for index in range(5):
        for paper in PAPERS:
            shutil.copy(paper, folder / f"{index}-{paper.name}")
    files = sorted(folder.iterdir())
    packs = ["--pack", "kent-county-council", "--pack", joining, "--format", "json"]
    outputs = [govlint(*order, *packs, "--jobs", jobs).stdout for jobs, order in (("1", files), ("2", files), ("2", files[::-1]))]
    assert outputs[0] == outputs[1] == outputs[2]
    findings = json.loads(outputs[0])["findings"]
    assert "dpia-missing" in {finding["rule"] for finding in findings}
    # The minutes consider 24/00031 and 24/00027: only the other decision, in each copy, is flagged.
    assert sorted(f["decision_no"] for f in findings if f["rule"] == "not-considered") == ["24/00032"] * 5


def test_record_files_give_the_same_findings_as_the_papers(tmp_path: Path) -> None:
    for output_format in ("json", "yaml"):
        records = tmp_path / f"records.{output_format}"
        parsed = CliRunner().invoke(main, ["parse", "--format", output_format, "--output", str(records), str(EXAMPLES)])
        assert parsed.exit_code == 0
        assert check_json(records) == check_json(EXAMPLES)


def test_directories_are_walked_for_papers_only(tmp_path: Path) -> None:
    folder = tmp_path / "papers"
    shutil.copytree(EXAMPLES / "papers", folder)
    (folder / "settings.json").write_text("not records", encoding="utf-8")
    result = govlint("--format", "json", folder)
    assert result.exit_code == 1 and result.stderr == ""
    assert json.loads(result.stdout)["summary"]["files"] == 4


def test_text_groups_findings_under_their_decision(tmp_path: Path) -> None:
    out = tmp_path / "findings.txt"
    result = govlint(PAPERS[1], "--pack", write_pack(tmp_path, "error"), "--output", out)
    assert result.exit_code == 1 and result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert text == textwrap.dedent(
        f"""\
        Decision 24/00032: CHANGES TO CHARGES FOR DAY CARE AT THE BRAMBLEFORD CENTRE [proposed] in {PAPERS[1]}
          error   dpia-gap: 24/00032: DPIA not_mentioned
                  {PAPERS[1]}:49: "Data Protection implications: None."

        1 file, 1 decision, 0 meetings: 1 error, 0 warnings, 0 info
        """
    )


@pytest.mark.parametrize("args", [[], ["--format", "xml", "examples"]])
def test_usage_errors_exit_2(args) -> None:
    assert CliRunner().invoke(main, ["check", *args]).exit_code == 2
