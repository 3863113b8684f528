"""`govlint check` as a CI gate, end to end: fail levels, waivers, baselines."""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from govlint.checks.cli import main

REPO = Path(__file__).resolve().parents[1]
# 02 has two errors on 24/00032 (dpia-missing; eqia-missing, for it has no equality section at
# all), warnings and info; 04 (minutes) has no finding.
GAPS = (REPO / "examples" / "papers" / "02-prod-with-gaps.txt").read_text(encoding="utf-8")
DPIA_WAIVER = """\
  - decision: "24/00032"
    rule: dpia-status-stated
    reason: DPIA screening under way with the Data Protection Officer
    approved_by: J Smith, Monitoring Officer
    expires: 2025-06-30
"""
EQIA_WAIVER = """\
  - decision: "24/00032"
    rule: eqia-missing
    reason: EqIA screening of the new charge under way
    approved_by: J Smith, Monitoring Officer
    expires: 2025-06-30
"""
WAIVER = "waivers:\n" + DPIA_WAIVER + EQIA_WAIVER


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    """A repository of papers with one paper with gaps, checked from its root."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "02.txt").write_text(GAPS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GOVLINT_TODAY", "2025-06-01")
    return tmp_path


def govlint(*args):
    return CliRunner().invoke(main, ["check", "papers", *map(str, args)], catch_exceptions=False)


def findings(*args) -> list[dict]:
    return json.loads(govlint("--format", "json", *args).stdout)["findings"]


def config(repo: Path, text: str) -> None:
    (repo / ".govlint.yaml").write_text(textwrap.dedent(text), encoding="utf-8")


class TestFailLevels:
    @pytest.mark.parametrize("level, status", [("error", 1), ("warning", 1), ("info", 1), ("never", 0)])
    def test_fail_on(self, repo: Path, level: str, status: int) -> None:
        assert govlint("--fail-on", level).exit_code == status

    def test_warnings_fail_only_from_the_warning_level(self, repo: Path) -> None:
        # eqia-missing's error for a record with no equality section is a severity case, which a
        # config's severity leaves in place: it is waived instead.
        config(repo, "rules:\n  dpia-missing: {severity: warning}\nwaivers:\n" + EQIA_WAIVER)
        assert govlint().exit_code == 0
        assert govlint("--fail-on", "warning").exit_code == 1

    def test_the_config_fail_level_and_the_option_over_it(self, repo: Path) -> None:
        config(repo, "fail_on: never\n")
        assert govlint().exit_code == 0 and govlint("--fail-on", "error").exit_code == 1

    def test_bad_usage_is_2(self, repo: Path) -> None:
        assert govlint("--fail-on", "fatal").exit_code == 2
        assert govlint("--today", "yesterday").exit_code == 2


class TestWaivers:
    def test_a_waived_finding_is_shown_marked_and_does_not_fail(self, repo: Path) -> None:
        config(repo, WAIVER)
        result = govlint()
        assert result.exit_code == 0, result.output
        assert "waived: DPIA screening under way with the Data Protection Officer (approved by J Smith, Monitoring Officer, expires 2025-06-30)" in result.stdout
        (dpia,) = [f for f in findings() if f["rule"] == "dpia-missing"]
        assert dpia["severity"] == "error"
        assert govlint("--fail-on", "warning").exit_code == 1  # the warnings are not waived

    def test_an_expired_waiver_fails_and_says_so(self, repo: Path, monkeypatch) -> None:
        config(repo, WAIVER)
        assert govlint().exit_code == 0
        monkeypatch.setenv("GOVLINT_TODAY", "2025-06-30")
        assert govlint().exit_code == 0  # its last day
        result = govlint("--today", "2025-07-01")
        assert result.exit_code == 1
        assert "waiver EXPIRED" in result.stdout
        assert ".govlint.yaml:2: waiver for 24/00032 dpia-status-stated (approved by J Smith, Monitoring Officer) has expired (its last day was 2025-06-30)" in result.stderr

    def test_a_stale_waiver_is_a_warning_not_a_failure(self, repo: Path) -> None:
        config(repo, WAIVER.replace("dpia-status-stated", "not-signed") + "fail_on: never\n")
        result = govlint()
        assert result.exit_code == 0
        assert ".govlint.yaml:2: warning: stale waiver: no finding for 24/00032 not-signed" in result.stderr
        assert "Stale waivers" in result.stdout

    def test_a_waiver_for_a_paper_not_checked_is_not_stale_unless_the_corpus_is(self, repo: Path) -> None:
        config(repo, WAIVER.replace("24/00032", "24/00099"))
        (repo / "papers" / "other").mkdir()
        (repo / "papers" / "other" / "02.txt").write_text(GAPS, encoding="utf-8")
        for partial in (["papers/02.txt"], ["papers"], ["papers/other"]):
            result = CliRunner().invoke(main, ["check", *partial, "--fail-on", "never"])
            assert "stale" not in result.output + result.stderr, partial
        whole = CliRunner().invoke(main, ["check", ".", "--fail-on", "never"])
        assert "stale waiver: no finding for 24/00099" in whole.stderr


class TestBaseline:
    def test_write_then_only_new_findings(self, repo: Path) -> None:
        written = govlint("--write-baseline", "baseline.json")
        assert written.exit_code == 0  # recording the findings accepts them
        document = json.loads((repo / "baseline.json").read_text(encoding="utf-8"))
        # The packs run: with none named, every reader profile's pack (each on its profile's papers).
        assert document["version"] == 1 and [pack["id"] for pack in document["packs"]] == ["english-councils", "kent-county-council"]
        assert [e["fingerprint"] for e in document["findings"]] == sorted(e["fingerprint"] for e in document["findings"])
        assert {e["source"] for e in document["findings"]} == {"papers/02.txt"}
        result = govlint("--baseline", "baseline.json")
        assert result.exit_code == 0 and findings("--baseline", "baseline.json") == []
        assert json.loads(govlint("--format", "json", "--baseline", "baseline.json").stdout)["summary"]["baselined"] == len(document["findings"])

    def test_lines_moving_keep_findings_baselined_and_edited_gaps_are_new(self, repo: Path) -> None:
        govlint("--write-baseline", "baseline.json")
        paper = repo / "papers" / "02.txt"
        paper.write_text("Draft 3, circulated to the Cabinet Member.\n\n\n" + GAPS, encoding="utf-8")
        assert govlint("--baseline", "baseline.json").exit_code == 0 and findings("--baseline", "baseline.json") == []
        paper.write_text(GAPS.replace("Data Protection implications: None.", "Data Protection implications: To follow."), encoding="utf-8")
        (new,) = findings("--baseline", "baseline.json")
        assert new["rule"] == "dpia-missing" and govlint("--baseline", "baseline.json").exit_code == 1

    def test_the_baseline_from_the_config_relative_to_it(self, repo: Path, monkeypatch) -> None:
        govlint("--write-baseline", "baseline.json")
        config(repo, "baseline: baseline.json\n")
        monkeypatch.chdir(repo / "papers")
        assert CliRunner().invoke(main, ["check", "."]).exit_code == 0  # the same fingerprints from a subdirectory

    def test_a_missing_baseline_is_2(self, repo: Path) -> None:
        result = govlint("--baseline", "none.json")
        assert result.exit_code == 2 and "none.json: cannot read the baseline" in result.stderr
