"""The gate's pure parts: fail levels, waivers, fingerprints and baselines."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

import pytest

from govlint.engine.checking.baseline import BaselineError, baseline_document, fingerprint, hide_known, read_baseline, with_fingerprints, write_baseline
from govlint.engine.checking.run import Checked, CheckResult, Summary
from govlint.engine.checking.findings import Finding, Waiver, WaiverMark
from govlint.engine.checking.gate import apply_gate, blocks, fails
from govlint.engine.checking.waivers import apply_waivers

TODAY = date(2025, 6, 1)
RULE_IDS = {"dpia-missing": "dpia-missing", "dpia-status-stated": "dpia-missing", "eqia-missing": "eqia-missing"}


def finding(rule: str = "dpia-missing", severity: str = "error", decision: str | None = "24/00032", **changes) -> Finding:
    base = Finding(
        rule=rule, severity=severity, title="t", message="m", decision_no=decision, decision_title="CHARGES", kind="decision",
        stage="proposed", source="papers/a.txt", line=49, end_line=49, evidence="Data Protection implications: None.",
        location=None, citations=(), remediation="", pack_id="kent-county-council", pack_version="1.0.0", record_key=decision or "CHARGES",
    )
    return replace(base, **changes)


def waiver(rule: str = "dpia-missing", decision: str = "24/00032", expires: date = date(2025, 6, 30)) -> Waiver:
    return Waiver(decision, rule, "DPIA screening under way", "J Smith, Monitoring Officer", expires, ".govlint.yaml:9")


def result(*findings: Finding) -> CheckResult:
    return CheckResult((("kent-county-council", "1.0.0"),), findings, Summary(1, 1, 0, {"error": 0, "warning": 0, "info": 0}))


class TestFailLevels:
    @pytest.mark.parametrize(
        "severity, fail_on, expected",
        [
            ("error", "error", True), ("warning", "error", False), ("warning", "warning", True), ("info", "warning", False),
            ("info", "info", True), ("error", "info", True), ("error", "never", False),
        ],
    )
    def test_a_finding_blocks_at_or_above_the_fail_level(self, severity: str, fail_on: str, expected: bool) -> None:
        assert blocks(finding(severity=severity), fail_on) is expected

    def test_a_waived_finding_does_not_block_an_expired_waiver_does(self) -> None:
        assert not blocks(finding(waived=WaiverMark(waiver(), expired=False)), "error")
        assert blocks(finding(waived=WaiverMark(waiver(), expired=True)), "error")

    def test_a_run_fails_when_any_finding_blocks(self) -> None:
        assert not fails(result(), "info")
        assert fails(result(finding(severity="info"), finding(waived=WaiverMark(waiver(), False))), "info")
        assert not fails(result(finding(severity="info"), finding(waived=WaiverMark(waiver(), False))), "warning")


class TestWaivers:
    def test_a_waiver_covers_its_decision_and_rule_by_id_or_alias(self) -> None:
        for name in ("dpia-missing", "dpia-status-stated"):
            (marked,), stale = apply_waivers((finding(),), (waiver(name),), TODAY, RULE_IDS)
            assert marked.waived == WaiverMark(waiver(name), expired=False) and stale == ()

    def test_other_decisions_rules_and_meetings_are_not_covered(self) -> None:
        findings = (finding(decision="24/00031"), finding(rule="eqia-missing"), finding(decision=None))
        marked, stale = apply_waivers(findings, (waiver(),), TODAY, RULE_IDS)
        assert all(f.waived is None for f in marked) and stale == (waiver(),)

    def test_a_waiver_holds_on_its_last_day_and_expires_the_next(self) -> None:
        (on_the_day,), _ = apply_waivers((finding(),), (waiver(expires=TODAY),), TODAY, RULE_IDS)
        (day_after,), _ = apply_waivers((finding(),), (waiver(expires=TODAY),), date(2025, 6, 2), RULE_IDS)
        assert not on_the_day.waived.expired and day_after.waived.expired

    def test_of_two_waivers_the_one_running_longest_marks_the_finding(self) -> None:
        old, renewed = waiver(expires=date(2025, 1, 31)), waiver(expires=date(2025, 12, 31))
        (marked,), stale = apply_waivers((finding(),), (old, renewed), TODAY, RULE_IDS)
        assert marked.waived == WaiverMark(renewed, expired=False) and stale == ()

    def test_one_waiver_covers_the_finding_in_each_pack(self) -> None:
        marked, _ = apply_waivers((finding(), finding(pack_id="england-executive-decisions")), (waiver(),), TODAY, RULE_IDS)
        assert all(f.waived for f in marked)


class TestFingerprints:
    def test_lines_moving_keep_the_fingerprint(self) -> None:
        assert fingerprint(finding(), ".") == fingerprint(finding(line=60, end_line=61), ".")

    def test_spacing_and_case_of_the_evidence_do_not_count(self) -> None:
        assert fingerprint(finding(), ".") == fingerprint(finding(evidence="  data protection IMPLICATIONS:\tNone. "), ".")

    @pytest.mark.parametrize(
        "change",
        [{"evidence": "Data Protection implications: to follow."}, {"rule": "eqia-missing"}, {"record_key": "24/00031"}, {"source": "papers/b.txt"}, {"pack_id": "other"}],
    )
    def test_a_different_gap_has_a_different_fingerprint(self, change: dict) -> None:
        assert fingerprint(finding(), ".") != fingerprint(finding(**change), ".")

    def test_the_pack_version_does_not_count(self) -> None:
        assert fingerprint(finding(), ".") == fingerprint(finding(pack_version="2.0.0"), ".")

    def test_the_source_is_taken_relative_to_the_root_not_where_govlint_runs(self, tmp_path, monkeypatch) -> None:
        monkeypatch.chdir(tmp_path)
        from_the_root = fingerprint(finding(source="papers/a.txt"), str(tmp_path))
        monkeypatch.chdir(tmp_path / "..")
        assert fingerprint(finding(source=f"{tmp_path.name}/papers/a.txt"), str(tmp_path)) == from_the_root


class TestBaseline:
    def test_known_findings_are_hidden_and_counted(self) -> None:
        known, new = with_fingerprints((finding(), finding(rule="eqia-missing")), ".")
        shown, hidden = hide_known((known, new), Counter([known.fingerprint]))
        assert shown == (new,) and hidden == 1

    def test_a_gap_recorded_once_hides_one_of_two_identical_gaps(self) -> None:
        first, second = with_fingerprints((finding(), finding(line=80)), ".")
        assert hide_known((first, second), Counter([first.fingerprint])) == ((second,), 1)

    def test_write_and_read_back(self, tmp_path) -> None:
        findings = with_fingerprints((finding(), finding(rule="eqia-missing")), ".")
        document = baseline_document(findings, (("kent-county-council", "1.0.0"),), "0.1.0")
        assert [e["fingerprint"] for e in document["findings"]] == sorted(f.fingerprint for f in findings)
        assert document["findings"][0].keys() == {"fingerprint", "rule", "decision", "source"}
        write_baseline(str(tmp_path / "b.json"), document)
        assert read_baseline(str(tmp_path / "b.json")) == Counter(f.fingerprint for f in findings)

    @pytest.mark.parametrize("text", ["{", '{"version": 99, "findings": []}', '{"version": 1, "findings": [{"rule": "x"}]}', "[]"])
    def test_a_bad_baseline_is_refused_with_its_name(self, tmp_path, text: str) -> None:
        path = tmp_path / "b.json"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(BaselineError, match="b.json"):
            read_baseline(str(path))


class TestApplyGate:
    def test_waivers_are_matched_before_the_baseline_hides_findings(self) -> None:
        known = with_fingerprints((finding(),), ".")[0].fingerprint
        gated = apply_gate(result(finding()), root=".", today=TODAY, waivers=(waiver(),), rule_ids=RULE_IDS, known=Counter([known]))
        assert gated.findings == () and gated.baselined == 1 and gated.stale_waivers == ()

    def test_the_summary_counts_the_findings_reported(self) -> None:
        gated = apply_gate(result(finding(), finding(rule="eqia-missing", severity="warning")), root=".", today=TODAY, waivers=(waiver(decision="24/1"),), rule_ids=RULE_IDS, whole_corpus=True)
        assert gated.summary.by_severity == {"error": 1, "warning": 1, "info": 0}
        assert all(f.fingerprint for f in gated.findings) and gated.stale_waivers == (waiver(decision="24/1"),)

    def test_a_waiver_is_stale_only_for_a_decision_the_run_saw(self) -> None:
        # A pre-commit run checks the papers a commit touches: it cannot know whether the
        # waivers for the other papers still match a finding.
        checked = (Checked("papers/a.txt", "decision", "24/00032", "CHARGES", "proposed", 49, ()),)
        seen = replace(result(finding()), checked=checked)
        other, wrong_rule = waiver(decision="24/00099"), waiver(rule="eqia-missing")
        gated = apply_gate(seen, root=".", today=TODAY, waivers=(other, wrong_rule), rule_ids=RULE_IDS)
        assert gated.stale_waivers == (wrong_rule,)
        everything = apply_gate(seen, root=".", today=TODAY, waivers=(other, wrong_rule), rule_ids=RULE_IDS, whole_corpus=True)
        assert everything.stale_waivers == (other, wrong_rule)
