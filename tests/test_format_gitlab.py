"""`govlint check --format gitlab`: a GitLab Code Quality report, checked against the shape
GitLab documents (docs.gitlab.com, "Code Quality report format"): an array of issues, each with
description, check_name, fingerprint, severity and location (path and lines.begin)."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from govlint.checks.cli import main

REPO = Path(__file__).resolve().parents[1]
CODE_QUALITY = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "not": {"pattern": "^/"}},
                    "lines": {"type": "object", "required": ["begin"], "properties": {"begin": {"type": "integer", "minimum": 1}, "end": {"type": "integer", "minimum": 1}}},
                },
            },
        },
    },
}


def gitlab(*args: str):
    return CliRunner().invoke(main, ["check", *args, "--no-config", "--format", "gitlab"], catch_exceptions=False)


def test_the_report_has_gitlabs_shape_and_unique_fingerprints(monkeypatch, tmp_path) -> None:
    paper = (REPO / "examples/papers/02-prod-with-gaps.txt").read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    Path("papers").mkdir()
    Path("papers/02.txt").write_text(paper, encoding="utf-8")
    result = gitlab("papers")
    issues = json.loads(result.stdout)
    jsonschema.validate(issues, CODE_QUALITY)
    assert result.exit_code == 1 and issues
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    dpia = [issue for issue in issues if issue["check_name"] == "dpia-missing" and issue["location"]["path"] == "papers/02.txt"]
    assert dpia and dpia[0]["severity"] == "critical" and dpia[0]["description"].startswith("24/00032: ")


def test_fingerprints_survive_a_rerun_and_lines_moving(monkeypatch, tmp_path) -> None:
    paper = (REPO / "examples/papers/02-prod-with-gaps.txt").read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    Path("p.txt").write_text(paper, encoding="utf-8")
    before = {issue["check_name"]: issue["fingerprint"] for issue in json.loads(gitlab("p.txt").stdout)}
    Path("p.txt").write_text("\n\n\n" + paper, encoding="utf-8")
    after = json.loads(gitlab("p.txt").stdout)
    assert {issue["check_name"]: issue["fingerprint"] for issue in after} == before
    assert all(issue["location"]["lines"]["begin"] > 3 for issue in after)


def test_identical_gaps_get_fingerprints_of_their_own(monkeypatch, tmp_path) -> None:
    from govlint.checks.formatters import FINDINGS_FORMATS
    from govlint.engine.checking.run import CheckResult, Summary
    from tests.test_formatters import finding

    monkeypatch.chdir(tmp_path)
    same = finding("dpia-missing", "error", 10)
    result = CheckResult((("kent", "1.0.0"),), (same, same), Summary(1, 1, 0, {"error": 2, "warning": 0, "info": 0}))
    issues = json.loads(FINDINGS_FORMATS["gitlab"](result))
    jsonschema.validate(issues, CODE_QUALITY)
    assert len(issues) == 2 and issues[0]["fingerprint"] != issues[1]["fingerprint"]
