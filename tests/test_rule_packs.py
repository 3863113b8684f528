"""Every rule of every shipped pack passes its rule-test fixtures (rules/tests/<pack-id>/<rule-id>.yaml).

A rule without a fixture file, or without both a finding and a no_finding case, fails here.
"""
from __future__ import annotations

import pytest

from engine.pack_loader import list_available_packs, load_pack
from engine.rule_tests import run_pack_tests, run_rule_tests

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


def test_a_rule_without_fixtures_fails(tmp_path):
    pack_file = tmp_path / "bare.yaml"
    pack_file.write_text(
        "id: bare\ntitle: Bare\nversion: 1.0.0\nrules:\n"
        "  - id: unsigned\n    title: Unsigned\n    applies_to: {kinds: [decision], stages: [taken]}\n"
        "    when: {field: decision_date, missing: true}\n    message: unsigned\n",
        encoding="utf-8",
    )
    pack = load_pack(pack_file)
    assert not run_pack_tests(pack).passed
    (tmp_path / "tests" / "bare").mkdir(parents=True)
    (tmp_path / "tests" / "bare" / "unsigned.yaml").write_text(
        "rule: unsigned\ncases:\n  - {name: unsigned RoD, expect: finding, record: {kind: decision, decision_date: null}}\n",
        encoding="utf-8",
    )
    result = run_pack_tests(pack)
    assert not result.passed and result.rules[0].problems == ["no no_finding case"]
