"""`govlint rules list/show/validate` on packs written here."""
from __future__ import annotations

import textwrap
from pathlib import Path

from click.testing import CliRunner

from govlint.checks.rules_cmd import rules

PACK = """\
id: demo
title: Demo pack
version: 2.1.0
sources:
  - {id: exec-regs-2012, citation: SI 2012/2089, url: "https://www.legislation.gov.uk/uksi/2012/2089/contents"}
parameters:
  threshold_gbp: 1000000
rules:
  - id: over-threshold
    aliases: [old-threshold]
    title: Over the threshold but not key
    severity: error
    severities:
      - {stages: [proposed], severity: info}
    applies_to: {kinds: [decision], stages: [proposed, taken]}
    when:
      all:
        - {field: max_money_gbp, gte: {param: threshold_gbp}}
        - not: {field: key_decision, eq: true}
    message: "{decision_no} is over £{param.threshold_gbp:,.0f}"
    citations: [{source: exec-regs-2012, provision: reg 8(1)}]
    remediation: Mark it key.
  - id: vague-declaration
    title: Declaration without an item
    severity: warning
    enabled: false
    applies_to: {kinds: [meeting]}
    when: {field: declarations.item, matches: "^\\\\s*$"}
    message: "A declaration at {committee} names no item"
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(rules, list(args))


def test_list_shows_each_rule_with_severity_and_pack(tmp_path):
    path = write(tmp_path, "demo.yaml", PACK)
    result = run("list", "--pack", str(path))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "SEVERITY", "TITLE", "PACK"]
    assert lines[1].split() == ["over-threshold", "error", "(proposed:", "info)", "Over", "the", "threshold", "but", "not", "key", "demo"]
    assert lines[2].split()[:2] == ["vague-declaration", "off"]
    assert "demo 2.1.0: 2 rules" in result.stdout


def test_show_by_alias_renders_condition_citations_and_origin(tmp_path):
    path = write(tmp_path, "demo.yaml", PACK)
    result = run("show", "old-threshold", "--pack", str(path))
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("over-threshold  (also known as old-threshold)\n")
    assert f"Pack:         demo ({path}:9:5)" in out
    assert "Applies to:   decision records, stages proposed, taken" in out
    assert "Severity:     error unless:\n  info at stages proposed\n" in out
    assert "Finding when:\n  all of:\n    - max_money_gbp ≥ parameter threshold_gbp (1000000)\n    - not:\n        key_decision = true\n" in out
    assert "  - SI 2012/2089, reg 8(1)\n    https://www.legislation.gov.uk/uksi/2012/2089/contents\n" in out
    assert "Remediation:  Mark it key." in out


def test_show_unknown_rule_exits_2_with_a_suggestion(tmp_path):
    path = write(tmp_path, "demo.yaml", PACK)
    result = run("show", "over-threshhold", "--pack", str(path))
    assert result.exit_code == 2
    assert result.stderr == "govlint: no rule 'over-threshhold' in pack demo; did you mean over-threshold?\n"


def test_validate_exit_codes_and_problem_lines(tmp_path):
    good = write(tmp_path, "demo.yaml", PACK)
    bad = write(tmp_path, "bad.yaml", PACK.replace("id: demo", "id: bad").replace("severity: warning", "severity: loud").replace("key_decision, eq", "key_decison, eq"))

    ok = run("validate", str(good))
    assert (ok.exit_code, ok.stdout) == (0, f"{good}: ok (demo 2.1.0, 2 rules)\n")

    failed = run("validate", str(good), str(bad))
    assert failed.exit_code == 2
    assert failed.stderr.splitlines() == [
        f"{bad}:19:24: no field 'key_decison' in decision records; did you mean 'key_decision'?",
        f"{bad}:25:15: 'loud' is not one of: error, warning, info",
    ]


def test_a_broken_pack_makes_list_exit_2(tmp_path):
    path = write(tmp_path, "demo.yaml", PACK.replace("version: 2.1.0", "version: two"))
    result = run("list", "--pack", str(path))
    assert result.exit_code == 2
    assert result.stderr == f"{path}:3:10: 'two': a version is written MAJOR.MINOR.PATCH, e.g. 1.0.0 (in quotes if YAML would read it as a number)\n"


def test_list_defaults_to_the_shipped_kent_pack():
    result = run("list")
    assert result.exit_code == 0, result.stderr
    assert "kent-county-council" in result.stdout.splitlines()[-2]
    assert "Available packs: " in result.stdout and "england-executive-decisions" in result.stdout.splitlines()[-1]


def test_list_and_show_say_what_changed_a_rule_a_pack_override_or_the_config(tmp_path, monkeypatch):
    write(tmp_path, "demo.yaml", PACK)
    write(tmp_path, "child.yaml", """\
        id: child
        title: Child
        version: 1.0.0
        extends: [demo.yaml]
        overrides:
          over-threshold: {severity: warning}
        """)
    (tmp_path / ".git").mkdir()
    write(tmp_path, ".govlint.yml", "packs: [child.yaml]\nrules:\n  vague-declaration: {enabled: true, severity: info}\n")
    monkeypatch.chdir(tmp_path)
    listed = run("list")
    assert listed.exit_code == 0, listed.output
    rows = {line.split()[0]: line for line in listed.stdout.splitlines()[1:3]}
    assert "warning (proposed: info) [changed by child]" in rows["over-threshold"]
    assert "info [changed by .govlint.yml]" in rows["vague-declaration"]
    shown = run("show", "vague-declaration")
    assert "Enabled:      yes\nChanged by:   .govlint.yml\n" in shown.stdout
    assert "Severity:     info\n" in shown.stdout
    assert run("list", "--no-config", "--pack", "child.yaml").stdout.splitlines()[2].split()[:2] == ["vague-declaration", "off"]


def test_show_renders_every_rule_of_every_shipped_pack():
    """Each condition form a shipped rule uses (count, some, joins, clear days) has its words."""
    from govlint.engine.packs.loader import list_available_packs, load_pack

    for name in list_available_packs():
        for rule in load_pack(name).rules:
            result = run("show", rule.id, "--pack", name)
            assert result.exit_code == 0, (name, rule.id, result.stderr, result.exception)
            assert f"{rule.id}  " in result.stdout.splitlines()[0] or result.stdout.startswith(rule.id)
            assert "Finding when:" in result.stdout


def test_the_pack_guide_lists_every_shipped_rule_with_its_pack():
    """docs/rule-packs.md's table of shipped rules keeps up with the packs."""
    from govlint.engine.packs.loader import list_available_packs, load_pack

    guide = (Path(__file__).resolve().parents[1] / "docs" / "rule-packs.md").read_text(encoding="utf-8")
    table = guide.split("## The shipped rules", 1)[1].split("\n## ", 1)[0]
    listed = {line.split("|")[1].strip().strip("`") for line in table.splitlines() if line.startswith("| `")}
    shipped = {rule.id for name in list_available_packs() for rule in load_pack(name).rules}
    assert listed == shipped
