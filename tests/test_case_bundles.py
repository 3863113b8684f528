"""End-to-end: each cross-document rule over a small bundle of papers about one decision.

Every bundle under tests/fixtures/cases/<rule>/ is a forward plan, committee report, PROD,
minutes and RoD of an invented council on the KCC forms, in separate files, twice: `faulty`
breaks the one point the rule checks, `compliant` is the same papers with that point right.
`govlint check` runs over each folder as a council would run it; the rule must fire on the
faulty twin, citing (as the finding's own evidence or the other records it rests on) each
file that shows the gap, and must not fire on the twin.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from govlint.checks.cli import main

CASES = Path(__file__).resolve().parent / "fixtures" / "cases"
# The files whose evidence a finding of the rule on the faulty twin must cite.
CITED = {
    "fed-28-clear-days": {"forward-plan.txt", "rod.txt"},
    "committee-consultation-missing": {"rod.txt", "minutes.txt"},
    "dpi-no-participation-without-dispensation": {"minutes.txt", "rod.txt"},
    "exempt-information-classification": {"report.txt"},
    "implications-sections-complete": {"report.txt", "rod.txt"},
    "record-decision-number": {"rod.txt", "report.txt"},
    "kcc-outside-cycle-12-35": {"rod.txt", "minutes.txt"},
}


def findings(folder: Path) -> list[dict]:
    result = CliRunner().invoke(main, ["check", str(folder), "--pack", "kent-county-council", "--format", "json"], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]


def test_every_bundle_has_its_twins_and_its_rule():
    assert sorted(path.name for path in CASES.iterdir()) == sorted(CITED)
    for rule in CITED:
        names = [sorted(path.name for path in (CASES / rule / twin).iterdir()) for twin in ("faulty", "compliant")]
        assert names[0] == names[1] and len(names[0]) >= 4, rule


@pytest.mark.parametrize("rule", sorted(CITED))
def test_the_rule_fires_on_the_faulty_twin_citing_each_file(rule):
    fired = [finding for finding in findings(CASES / rule / "faulty") if finding["rule"] == rule]
    assert fired, f"{rule} does not fire on {CASES / rule / 'faulty'}"
    cited = {Path(finding["source"]).name for finding in fired}
    cited |= {Path(other["source"]).name for finding in fired for other in finding.get("related", ())}
    assert CITED[rule] <= cited, f"{rule} cites {sorted(cited)}"


@pytest.mark.parametrize("rule", sorted(CITED))
def test_the_rule_does_not_fire_on_the_compliant_twin(rule):
    fired = [finding for finding in findings(CASES / rule / "compliant") if finding["rule"] == rule]
    assert not fired, [finding["message"] for finding in fired]
