"""What users of Ruff, Semgrep, Spectral and yamllint expect of a linter's command line:
-q never changes a machine format, --color and the colour variables, `-` for standard input,
bad inputs said before any result, and only the first citation unless asked."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from govlint.checks.cli import main

REPO = Path(__file__).resolve().parents[1]
GAPS = REPO / "examples" / "papers" / "02-prod-with-gaps.txt"
ANSI = "\x1b["


def govlint(*args: str, env: dict | None = None, stdin: bytes | None = None):
    return CliRunner().invoke(main, [*map(str, args)], env=env, input=stdin, catch_exceptions=False)


@pytest.fixture(autouse=True)
def no_colour_variables(monkeypatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)


class TestQuiet:
    @pytest.mark.parametrize("output_format", ["json", "sarif", "junit", "github", "markdown"])
    def test_quiet_never_changes_a_machine_format(self, output_format: str) -> None:
        plain = govlint("check", GAPS, "--no-config", "--format", output_format)
        quiet = govlint("check", GAPS, "--no-config", "--format", output_format, "-q")
        assert quiet.stdout == plain.stdout and quiet.exit_code == plain.exit_code
        if output_format in ("json", "sarif"):
            json.loads(quiet.stdout)

    def test_quiet_text_is_the_summary_line(self) -> None:
        quiet = govlint("check", GAPS, "--no-config", "-q")
        assert quiet.stdout.count("\n") == 1 and quiet.stdout.startswith("1 file, ")


class TestBadInputsFirst:
    def test_a_missing_path_is_said_before_any_result_and_never_as_no_findings(self, tmp_path: Path, monkeypatch) -> None:
        monkeypatch.chdir(tmp_path)
        result = CliRunner().invoke(main, ["check", "paper/", "--no-config"])
        assert result.exit_code == 2
        assert result.stderr == "govlint: paper/: no such file or directory\n"
        assert "No findings." not in result.stdout
        assert "1 input could not be read" in result.stdout and result.stdout.rstrip().endswith("1 input not read")

    @pytest.mark.parametrize("output_format", ["text", "markdown"])
    def test_no_format_for_people_says_no_findings_over_an_unread_input(self, tmp_path: Path, output_format: str) -> None:
        empty = tmp_path / "empty.txt"
        empty.write_text("", encoding="utf-8")
        result = govlint("check", empty, "--no-config", "--format", output_format)
        assert result.exit_code == 2 and "No findings." not in result.stdout
        assert "No findings in the inputs read; 1 input could not be read (see above)." in result.stdout

    def test_the_problem_line_comes_before_the_findings(self, tmp_path: Path) -> None:
        # One stream, as a terminal or a CI log shows both: the problem is the first line.
        result = CliRunner().invoke(main, ["check", str(tmp_path / "missing.txt"), str(GAPS), "--no-config"])
        assert result.exit_code == 2
        assert result.output.splitlines()[0] == f"govlint: {tmp_path / 'missing.txt'}: no such file or directory"
        assert "dpia-missing" in result.output


class TestColour:
    def styled(self, *args: str, env: dict | None = None) -> bool:
        return ANSI in govlint("check", GAPS, "--no-config", *args, env=env).stdout

    def test_not_a_terminal_means_no_colour(self) -> None:
        assert not self.styled()

    @pytest.mark.parametrize(
        "args, env, expected",
        [
            (["--color", "always"], None, True),
            (["--color", "never"], {"FORCE_COLOR": "1"}, False),
            ([], {"FORCE_COLOR": "1"}, True),
            ([], {"FORCE_COLOR": "0"}, False),
            ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
            (["--color", "always"], {"NO_COLOR": "1"}, True),
        ],
    )
    def test_the_option_then_no_color_then_force_color(self, args, env, expected: bool) -> None:
        assert self.styled(*args, env=env) is expected

    def test_the_group_option_reaches_the_command(self) -> None:
        assert ANSI in govlint("--color", "always", "check", GAPS, "--no-config").stdout

    def test_a_machine_format_is_never_coloured(self) -> None:
        assert ANSI not in govlint("check", GAPS, "--no-config", "--format", "json", "--color", "always").stdout


class TestStandardInput:
    def test_dash_reads_a_paper_from_standard_input(self) -> None:
        from_file = json.loads(govlint("check", GAPS, "--no-config", "--format", "json").stdout)
        piped = govlint("check", "-", "--no-config", "--format", "json", "--stdin-filename", "02.txt", stdin=GAPS.read_bytes())
        findings = json.loads(piped.stdout)["findings"]
        assert piped.exit_code == 1 and findings
        assert {f["source"] for f in findings} == {"02.txt"}
        assert [(f["rule"], f["line"]) for f in findings] == [(f["rule"], f["line"]) for f in from_file["findings"]]

    def test_an_unreadable_paper_on_standard_input_is_named_as_given(self) -> None:
        piped = govlint("check", "-", "--no-config", "--stdin-filename", "paper.docx", stdin=b"PK\x03\x04 not a zip")
        assert piped.exit_code == 2
        assert piped.stderr.startswith("govlint: paper.docx: corrupt Word document") and "govlint-" not in piped.stderr


class TestCitations:
    def test_text_shows_the_first_citation_and_verbose_all(self) -> None:
        # eqia rules cite the Act, two judgments and EHRC guidance.
        plain = govlint("check", GAPS, "--no-config").stdout
        verbose = govlint("check", GAPS, "--no-config", "--verbose").stdout
        assert plain.count("cites: ") < verbose.count("cites: ")
        assert "cites: Equality Act 2010, s.149 (public sector equality duty), s.149(1), (3) <https://www.legislation.gov.uk/ukpga/2010/15/section/149> (+3 more with --verbose)" in plain
        assert "cites: R (Brown) v Secretary of State for Work and Pensions [2008] EWHC 3158 (Admin)" in verbose
        assert "more with --verbose" not in verbose


class TestConfigFiles:
    @pytest.fixture
    def repo(self, tmp_path: Path, monkeypatch) -> Path:
        (tmp_path / ".git").mkdir()
        (tmp_path / "papers").mkdir()
        (tmp_path / "papers" / "02.txt").write_bytes(GAPS.read_bytes())
        monkeypatch.chdir(tmp_path)
        return tmp_path

    def test_govlint_yml_is_found_like_govlint_yaml(self, repo: Path) -> None:
        (repo / ".govlint.yml").write_text("fail_on: never\n", encoding="utf-8")
        assert govlint("check", "papers").exit_code == 0
        assert govlint("check", "papers", "--no-config").exit_code == 1

    def test_both_spellings_in_one_directory_is_an_error(self, repo: Path) -> None:
        (repo / ".govlint.yml").write_text("fail_on: never\n", encoding="utf-8")
        (repo / ".govlint.yaml").write_text("fail_on: never\n", encoding="utf-8")
        result = govlint("check", "papers")
        assert result.exit_code == 2 and "both .govlint.yaml and .govlint.yml are here: keep one" in result.stderr

    def test_init_writes_a_commented_config_for_the_default_pack(self, repo: Path) -> None:
        from govlint.engine.packs.loader import load_pack

        pack = load_pack("kent-county-council")
        written = govlint("init")
        assert written.exit_code == 0 and written.stdout == f"wrote .govlint.yaml (kent-county-council {pack.version}: {len(pack.rules)} rules, {len(pack.parameters)} parameters)\n"
        text = (repo / ".govlint.yaml").read_text(encoding="utf-8")
        assert text.startswith("# ") and "packs:\n  - kent-county-council\n" in text
        assert govlint("check", "papers").exit_code == 1  # fail_on: error, as without a config
        # Every line uncommented is a valid config naming every rule and parameter of the pack.
        setting = re.compile(r'# (?=\s*(- )?[a-z_"-]+:)')  # a commented-out setting; prose starts with a capital
        uncommented = "\n".join(setting.sub("", line, count=1) if setting.match(line) else line for line in text.splitlines())
        uncommented = uncommented.replace("YYYY-MM-DD", "2099-12-31")
        (repo / ".govlint.yaml").write_text(uncommented, encoding="utf-8")
        govlint("check", "papers", "--no-config", "--write-baseline", ".govlint-baseline.json")
        checked = govlint("check", "papers", "--format", "json")
        assert checked.exit_code == 0 and checked.stderr == "", checked.stderr
        assert all(f"  {rule.id}:" in uncommented for rule in pack.rules)
        assert all(f"  {name}:" in uncommented for name in pack.parameters)

    def test_init_keeps_an_existing_config_unless_forced(self, repo: Path) -> None:
        (repo / ".govlint.yml").write_text("fail_on: never\n", encoding="utf-8")
        kept = govlint("init")
        assert kept.exit_code == 2 and kept.stderr == "govlint: .govlint.yml is already here; give --force to replace it\n"
        assert govlint("init", "--pack", "england-executive-decisions", "--force").exit_code == 0
        assert "  - england-executive-decisions\n" in (repo / ".govlint.yaml").read_text(encoding="utf-8")


class TestReportOutput:
    def test_report_to_a_file_says_what_it_wrote(self, tmp_path: Path) -> None:
        out = tmp_path / "r.md"
        result = govlint("report", REPO / "examples" / "papers", "-o", out, "--format", "markdown", "--no-config", "--jobs", "1")
        assert result.exit_code == 0
        decisions = len({row["decision_no"] for row in json.loads(govlint("report", REPO / "examples" / "papers", "-o", "-", "--format", "json", "--no-config").stdout)["rows"]})
        assert result.stdout == f"wrote {out} (4 papers, {decisions} decisions)\n" and decisions > 1
        assert out.read_text(encoding="utf-8").startswith("#")

    def test_report_to_standard_output(self, tmp_path: Path) -> None:
        out = tmp_path / "r.json"
        govlint("report", REPO / "examples" / "papers", "-o", out, "--format", "json", "--no-config", "--jobs", "1")
        piped = govlint("report", REPO / "examples" / "papers", "-o", "-", "--format", "json", "--no-config", "--jobs", "1")
        assert piped.exit_code == 0 and piped.stdout == out.read_text(encoding="utf-8")
        document = json.loads(piped.stdout)
        assert document["council"] == "Kent County Council" and document["verdict"]["result"] == "fail"
        assert document["verdict"]["errors"] == sum(row["status"] == "gap" and row["severity"] == "error" for row in document["rows"])

    def test_the_configs_council_replaces_the_packs(self, tmp_path: Path, monkeypatch) -> None:
        (tmp_path / ".git").mkdir()
        (tmp_path / ".govlint.yml").write_text("council: Borsetshire County Council\n", encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        text = govlint("report", REPO / "examples" / "papers", "-o", "-", "--format", "markdown", "--today", "2025-06-01").stdout
        assert text.startswith("# Borsetshire County Council: Decision compliance report\n") and "As at 1 June 2025. " in text


class TestShellCompletion:
    """Click's completion, as docs/configuration.md tells users to switch it on."""

    def complete(self, words: str) -> list[str]:
        env = {"_GOVLINT_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
        result = CliRunner().invoke(main, [], env=env, prog_name="govlint")
        return [line.split(",", 1)[1] for line in result.output.splitlines()]

    def test_commands_options_and_pack_names_complete(self) -> None:
        assert self.complete("govlint ch") == ["check"]
        assert "init" in self.complete("govlint i")
        assert self.complete("govlint check --fo") == ["--format"]
        assert "gitlab" in self.complete("govlint check --format g")
        assert self.complete("govlint check --pack ken") == ["kent-county-council"]
        assert self.complete("govlint rules list --pack eng") == ["england-executive-decisions", "english-councils"]

    def test_the_bash_script_is_written(self) -> None:
        script = CliRunner().invoke(main, [], env={"_GOVLINT_COMPLETE": "bash_source"}, prog_name="govlint").output
        assert "_govlint_completion()" in script and "complete " in script
