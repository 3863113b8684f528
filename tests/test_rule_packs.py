"""Every rule of every shipped pack passes its rule-test fixtures (rules/tests/<pack-id>/<rule-id>.yaml).

A rule without a fixture file, or without both a finding and a no_finding case, fails here.
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from govlint.checks.cli import main
from govlint.engine.packs.loader import list_available_packs, load_pack
from govlint.engine.packs.rule_tests import run_pack_tests, run_rule_tests

PACK_RULES = [(name, rule.id) for name in list_available_packs() for rule in load_pack(name).rules if rule.enabled]


@pytest.mark.parametrize(("pack_name", "rule_id"), PACK_RULES, ids=[f"{p}:{r}" for p, r in PACK_RULES])
def test_rule_passes_its_fixtures(pack_name: str, rule_id: str):
    pack = load_pack(pack_name)
    result = run_rule_tests(pack, next(rule for rule in pack.rules if rule.id == rule_id))
    failures = result.problems + [f"{case.name}: {case.reason}" for case in result.cases if not case.passed]
    assert result.passed, f"{pack_name}:{rule_id} ({result.fixture}):\n" + "\n".join(failures)


@pytest.mark.parametrize("pack_name", list_available_packs())
def test_no_stray_fixture_files(pack_name: str):
    assert not run_pack_tests(load_pack(pack_name)).problems


BARE_PACK = (
    "id: bare\ntitle: Bare\nversion: 1.0.0\nrules:\n"
    "  - id: unsigned\n    title: Unsigned\n    applies_to: {kinds: [decision], stages: [taken]}\n"
    "    when: {field: decision_date, missing: true}\n    message: unsigned\n"
)


def _bare_pack(tmp_path, *cases: str):
    pack_file = tmp_path / "bare.yaml"
    pack_file.write_text(BARE_PACK, encoding="utf-8")
    if cases:
        (tmp_path / "tests" / "bare").mkdir(parents=True)
        (tmp_path / "tests" / "bare" / "unsigned.yaml").write_text("rule: unsigned\ncases:\n" + "".join(cases), encoding="utf-8")
    return pack_file


UNSIGNED = "  - {name: unsigned RoD, expect: finding, severity: info, record: {kind: decision, decision_date: null}}\n"
SIGNED = "  - {name: signed RoD, expect: no_finding, record: {kind: decision}}\n"


def test_a_rule_without_fixtures_fails(tmp_path):
    result = run_pack_tests(load_pack(_bare_pack(tmp_path)))
    assert not result.passed and "no fixture file" in result.rules[0].problems[0]


def test_a_rule_without_a_no_finding_case_fails(tmp_path):
    result = run_pack_tests(load_pack(_bare_pack(tmp_path, UNSIGNED)))
    assert not result.passed and result.rules[0].problems == ["no no_finding case"]


def test_cli_passes_a_tested_pack(tmp_path):
    outcome = CliRunner().invoke(main, ["rules", "test", str(_bare_pack(tmp_path, UNSIGNED, SIGNED))])
    assert outcome.exit_code == 0, outcome.output
    assert "PASS unsigned (2 cases)" in outcome.output and "1 rules passed, 0 failed" in outcome.output


def test_cli_fails_a_wrong_expectation(tmp_path):
    wrong = SIGNED.replace("no_finding", "finding")
    outcome = CliRunner().invoke(main, ["rules", "test", str(_bare_pack(tmp_path, UNSIGNED, wrong))])
    assert outcome.exit_code == 1, outcome.output
    assert "FAIL signed RoD: expected a finding, got none" in outcome.output
