"""`.govlint.yaml`: discovery, schema problems at line and column, and its changes to the packs."""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from govlint.checks.cli import main
from govlint.engine.checking.config import CONFIG_NAME, Config, apply_config, find_config, glob_pattern, name_problems, read_config, selects
from govlint.engine.packs.loader import load_pack

REPO = Path(__file__).resolve().parents[1]
DPIA_GAP = REPO / "examples" / "papers" / "02-prod-with-gaps.txt"
SCHEMA = json.loads((REPO / "engine" / "schemas" / "config.schema.json").read_text(encoding="utf-8"))


ONLY_DPIA = """\
id: only-dpia
title: DPIA only
version: 0.1.0
rules:
  - id: dpia-gap
    title: No DPIA position
    severity: warning
    applies_to: {kinds: [decision]}
    when: {field: dpia_status, eq: not_mentioned}
    message: "{decision_no}: no DPIA position"
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def govlint(*args) -> object:
    return CliRunner().invoke(main, ["check", *map(str, args)], catch_exceptions=False)


class TestDiscovery:
    def test_the_nearest_config_up_from_the_start(self, tmp_path: Path) -> None:
        outer = write(tmp_path / CONFIG_NAME, "fail_on: info\n")
        inner = write(tmp_path / "a" / CONFIG_NAME, "fail_on: warning\n")
        (tmp_path / "a" / "b" / "c").mkdir(parents=True)
        assert find_config(tmp_path / "a" / "b" / "c") == inner
        assert find_config(tmp_path) == outer

    def test_discovery_stops_at_the_repository_root(self, tmp_path: Path) -> None:
        write(tmp_path / CONFIG_NAME, "fail_on: info\n")
        (tmp_path / "repo" / ".git").mkdir(parents=True)
        (tmp_path / "repo" / "papers").mkdir()
        assert find_config(tmp_path / "repo" / "papers") is None
        found = write(tmp_path / "repo" / CONFIG_NAME, "fail_on: info\n")
        assert find_config(tmp_path / "repo" / "papers") == found

    def test_cli_finds_the_config_given_or_none(self, tmp_path: Path, monkeypatch) -> None:
        (tmp_path / ".git").mkdir()
        write(tmp_path / CONFIG_NAME, "fail_on: never\n")
        write(tmp_path / "strict.yaml", "fail_on: warning\n")
        (tmp_path / "sub").mkdir()
        monkeypatch.chdir(tmp_path / "sub")
        assert govlint(DPIA_GAP).exit_code == 0  # found upwards: never fails
        assert govlint(DPIA_GAP, "--no-config").exit_code == 1  # the default, error
        assert govlint(DPIA_GAP, "--config", tmp_path / "strict.yaml", "--fail-on", "never").exit_code == 0  # the option wins
        assert govlint(DPIA_GAP, "--config", tmp_path / "missing.yaml").exit_code == 2
        both = govlint(DPIA_GAP, "--config", tmp_path / "strict.yaml", "--no-config")
        assert both.exit_code == 2 and "not both" in both.stderr


class TestProblems:
    def test_every_problem_at_once_at_its_line_and_column(self, tmp_path: Path, monkeypatch) -> None:
        monkeypatch.chdir(tmp_path)
        write(
            tmp_path / CONFIG_NAME,
            """\
            packs: [kent-county-council]
            parameters:
              key_decision_threshold_gbp: lots
              treshold: 5
            rules:
              dpia-missng: {severity: warning}
              eqia-missing: {severity: fatal}
            fail_on: sometimes
            colour: red
            waivers:
              - decision: "24/00032"
                rule: dpia-missing
                reason: screening
                approved_by: J Smith
                expires: "2025-02-30"
              - decision: "24/00027"
                rule: no-such-rule
                reason: r
                approved_by: J Smith
                expires: 2025-01-01
              - {decision: "24/00027", rule: dpia-missing}
            """,
        )
        result = govlint(DPIA_GAP)
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.splitlines() == [
            ".govlint.yaml:3:3: parameter 'key_decision_threshold_gbp' is a number in the packs, not the text 'lots'",
            ".govlint.yaml:4:3: no parameter 'treshold' in the packs run; known: key_decision_threshold_gbp, publication_within_days",
            ".govlint.yaml:6:3: no rule 'dpia-missng' in the packs run; did you mean 'dpia-missing'?",
            ".govlint.yaml:7:28: 'fatal' is not one of: error, warning, info",
            ".govlint.yaml:8:10: 'sometimes' is not one of: error, warning, info, never",
            ".govlint.yaml:9:1: unknown key 'colour'; expected one of: packs, parameters, rules, include, exclude, council, profile, fail_on, baseline, waivers",
            ".govlint.yaml:15:14: '2025-02-30' is not a real date",
            ".govlint.yaml:17:11: the waiver names no rule 'no-such-rule' in the packs run",
            ".govlint.yaml:21:5: missing required key 'reason'",
            ".govlint.yaml:21:5: missing required key 'approved_by'",
            ".govlint.yaml:21:5: missing required key 'expires'",
        ]

    @pytest.mark.parametrize(
        "text, message",
        [
            ("- a\n", ".govlint.yaml:1:1: a config file is a mapping of keys"),
            ("packs: [a\n", ".govlint.yaml:2:1: invalid YAML"),
            ("fail_on: !!python/object:os.system x\n", ".govlint.yaml:1:10: the YAML tag !!python/object:os.system is not allowed: config files hold plain data"),
        ],
    )
    def test_a_file_that_is_not_a_config(self, tmp_path: Path, text: str, message: str) -> None:
        write(tmp_path / CONFIG_NAME, text)
        _, problems = read_config(tmp_path / CONFIG_NAME)
        assert len(problems) == 1 and str(problems[0]).replace(str(tmp_path) + "/", "").startswith(message)

    def test_the_schema_describes_every_key_for_editors(self) -> None:
        jsonschema.Draft202012Validator.check_schema(SCHEMA)
        assert all("description" in spec for spec in SCHEMA["properties"].values())
        assert all("description" in spec for spec in SCHEMA["$defs"]["waiver"]["properties"].values())


class TestOverrides:
    def test_parameters_severity_and_enabled_on_a_derived_pack(self, tmp_path: Path) -> None:
        path = write(
            tmp_path / CONFIG_NAME,
            """\
            parameters: {key_decision_threshold_gbp: 500000}
            rules:
              dpia-status-stated: {severity: info}
              eqia-missing: {enabled: false}
            """,
        )
        config, problems = read_config(path)
        kent = load_pack("kent-county-council")
        (changed,) = apply_config([kent], config)
        rules = {rule.id: rule for rule in changed.rules}
        assert problems == [] and name_problems([kent], config) == []
        assert changed.parameters["key_decision_threshold_gbp"] == 500000 and kent.parameters["key_decision_threshold_gbp"] == 1000000
        assert rules["dpia-missing"].severity == "info" and not rules["eqia-missing"].enabled
        assert changed.version.startswith(kent.version + "+config.") and apply_config([kent], Config(root=".")) == [kent]

    def test_the_findings_follow_the_changes(self, tmp_path: Path, monkeypatch) -> None:
        monkeypatch.chdir(tmp_path)
        write(tmp_path / CONFIG_NAME, "rules:\n  dpia-missing: {severity: info}\n  eqia-missing: {enabled: false}\n")
        document = json.loads(govlint(DPIA_GAP, "--format", "json").stdout)
        rules = {finding["rule"]: finding["severity"] for finding in document["findings"]}
        assert rules["dpia-missing"] == "info" and "eqia-missing" not in rules

    def test_config_packs_are_found_relative_to_the_config(self, tmp_path: Path, monkeypatch) -> None:
        write(tmp_path / "packs" / "only-dpia.yaml", ONLY_DPIA)
        write(tmp_path / CONFIG_NAME, "packs: [packs/only-dpia.yaml]\n")
        (tmp_path / "elsewhere").mkdir()
        monkeypatch.chdir(tmp_path / "elsewhere")
        document = json.loads(govlint(DPIA_GAP, "--format", "json").stdout)
        assert {finding["rule"] for finding in document["findings"]} == {"dpia-gap"}


class TestGlobs:
    @pytest.mark.parametrize(
        "glob, path, expected",
        [
            ("papers/*.txt", "papers/a.txt", True), ("papers/*.txt", "papers/old/a.txt", False),
            ("papers/**/*.txt", "papers/a.txt", True), ("papers/**/*.txt", "papers/x/y/a.txt", True),
            ("**/archive/**", "papers/archive/a.txt", True), ("?.txt", "ab.txt", False), ("a+b.txt", "a+b.txt", True),
        ],
    )
    def test_glob_patterns(self, glob: str, path: str, expected: bool) -> None:
        assert bool(glob_pattern(glob).match(path)) is expected

    def test_include_and_exclude_relative_to_the_config(self, tmp_path: Path) -> None:
        config = Config(root=str(tmp_path), include=("papers/**",), exclude=("papers/archive/**",))
        assert selects(config, str(tmp_path / "papers" / "a.txt"))
        assert not selects(config, str(tmp_path / "papers" / "archive" / "a.txt"))
        assert not selects(config, str(tmp_path / "notes" / "a.txt"))

    def test_globs_apply_to_directories_not_to_named_files(self, tmp_path: Path, monkeypatch) -> None:
        monkeypatch.chdir(tmp_path)
        for name in ("02-prod-with-gaps.txt", "archive/02-prod-with-gaps.txt"):
            write(tmp_path / "papers" / name, DPIA_GAP.read_text(encoding="utf-8"))
        write(tmp_path / CONFIG_NAME, "exclude: [papers/archive/**]\n")
        assert json.loads(govlint("papers", "--format", "json").stdout)["summary"]["files"] == 1
        assert json.loads(govlint("papers", "papers/archive/02-prod-with-gaps.txt", "--format", "json").stdout)["summary"]["files"] == 2
