"""`govlint parse`: output formats, determinism, and bad input among good files."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from govlint.checks.cli import main
from govlint.engine import __version__

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EXAMPLE_PAPERS = sorted((EXAMPLES / "papers").glob("*.txt"))


def govlint(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def parse_json(*args: str) -> dict:
    result = govlint("parse", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_version() -> None:
    result = govlint("--version")
    assert (result.exit_code, result.stdout) == (0, f"govlint, version {__version__}\n")


def test_help_lists_parse() -> None:
    result = govlint("--help")
    assert result.exit_code == 0
    assert "parse" in result.stdout
    parse_help = govlint("parse", "--help")
    assert "--format" in parse_help.stdout and "--max-file-size" in parse_help.stdout


def test_parse_requires_a_path() -> None:
    result = CliRunner().invoke(main, ["parse"])
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr


class TestOutput:
    def test_directory_is_walked_in_sorted_order(self) -> None:
        sources = [paper["source"] for paper in parse_json(str(EXAMPLES))["files"]]
        assert sources == [str(path) for path in EXAMPLE_PAPERS]

    @pytest.mark.parametrize("output_format", ["json", "yaml", "text"])
    def test_output_is_byte_identical_across_runs_and_argument_orders(self, output_format: str) -> None:
        forward = [str(path) for path in EXAMPLE_PAPERS]
        runs = [
            govlint("parse", "--format", output_format, str(EXAMPLES)),
            govlint("parse", "--format", output_format, str(EXAMPLES)),
            govlint("parse", "--format", output_format, *reversed(forward)),
            govlint("parse", "--format", output_format, forward[0], str(EXAMPLES), forward[0]),
        ]
        assert {run.exit_code for run in runs} == {0}
        assert len({run.stdout_bytes for run in runs}) == 1

    def test_json_validates_against_the_records_schema(self, records_schema: dict) -> None:
        jsonschema.validate(parse_json(str(EXAMPLES)), records_schema)

    def test_corpus_json_validates_against_the_records_schema(self, records_schema: dict, corpus_dir: Path) -> None:
        jsonschema.validate(parse_json(str(corpus_dir)), records_schema)

    def test_yaml_is_the_same_data_as_json(self) -> None:
        result = govlint("parse", "--format", "yaml", str(EXAMPLES))
        assert result.exit_code == 0
        assert yaml.safe_load(result.stdout) == parse_json(str(EXAMPLES))

    def test_text_names_each_file_and_its_records(self) -> None:
        result = govlint("parse", str(EXAMPLES))
        assert result.exit_code == 0
        for path in EXAMPLE_PAPERS:
            assert f"{path}: " in result.stdout
        assert "Decision 24/00031:" in result.stdout
        assert "Meeting: Adult Social Care Cabinet Committee on 2024-03-12" in result.stdout

    def test_output_file(self, tmp_path: Path) -> None:
        target = tmp_path / "records.json"
        result = govlint("parse", "--format", "json", "-o", str(target), str(EXAMPLE_PAPERS[0]))
        assert (result.exit_code, result.stdout) == (0, "")
        assert json.loads(target.read_text(encoding="utf-8")) == parse_json(str(EXAMPLE_PAPERS[0]))


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict]:
    files = parse_json(str(EXAMPLES))["files"]
    return {Path(paper["source"]).name: paper for paper in files}


class TestExamples:
    """The facts each example paper was written to show."""

    def only_decision(self, paper: dict) -> dict:
        assert len(paper["decisions"]) == 1
        return paper["decisions"][0]

    def test_compliant_report_and_prod(self, parsed) -> None:
        paper = parsed["01-compliant-report-and-prod.txt"]
        assert [document["kind"] for document in paper["documents"]] == ["committee_report", "proposed_record_of_decision"]
        decision = self.only_decision(paper)
        assert decision["decision_no"] == "24/00031"
        assert decision["decision_type"] == "proposed"
        assert decision["key_decision"] is True
        assert decision["key_decision_criteria"] == ["expenditure_over_1m", "affects_more_than_two_divisions"]
        assert decision["max_money_gbp"] == 2_400_000
        assert (decision["eqia_status"], decision["dpia_status"]) == ("completed", "completed")
        assert decision["committee_consultation"] == {
            "committee": "Adult Social Care Cabinet Committee",
            "date": "2024-03-12",
            "status": "planned",
        }
        assert decision["alternatives_field"] == "given"
        assert decision["decision_date"] is None

    def test_prod_with_gaps(self, parsed) -> None:
        decision = self.only_decision(parsed["02-prod-with-gaps.txt"])
        assert decision["decision_no"] == "24/00032"
        assert decision["key_decision"] is True
        assert decision["key_decision_criteria"] == []
        assert decision["alternatives_field"] == "blank"
        assert decision["eqia_status"] == "not_mentioned"

    def test_outside_cycle_report_and_signed_rod(self, parsed) -> None:
        paper = parsed["03-outside-cycle-report-and-rod.txt"]
        assert [document["kind"] for document in paper["documents"]] == ["committee_report", "record_of_decision"]
        decision = self.only_decision(paper)
        assert decision["decision_no"] == "24/00027"
        assert decision["decision_type"] == "taken"
        assert decision["decision_date"] == "2024-01-19"
        assert decision["committee_consultation"]["status"] == "not_possible"
        assert decision["dpia_status"] == "not_mentioned"
        assert decision["eqia_status"] == "in_progress"
        assert decision["interests_field"] == "none"

    def test_minutes_with_declarations(self, parsed) -> None:
        paper = parsed["04-minutes-with-declarations.txt"]
        assert paper["decisions"] == []
        [meeting] = paper["meetings"]
        assert (meeting["committee"], meeting["date"]) == ("Adult Social Care Cabinet Committee", "2024-03-12")
        assert [(d["member"], d["item"]) for d in meeting["declarations"]] == [("Ms Penhallow", "6"), ("Mr Quint", None)]
        assert [(d["decision_no"], d["resolved"]) for d in meeting["decisions_considered"]] == [("24/00031", "endorse"), ("24/00027", "note")]


class TestBadInput:
    """Each bad input gives one stderr line `govlint: PATH: reason`; good files are still parsed; exit 2."""

    @pytest.fixture
    def inputs(self, tmp_path: Path) -> dict[str, Path]:
        good = tmp_path / "good.txt"
        shutil.copy(EXAMPLE_PAPERS[0], good)
        cp1252 = tmp_path / "word-export.txt"
        cp1252.write_bytes(EXAMPLE_PAPERS[1].read_text(encoding="utf-8").replace("–", "-").encode("cp1252"))
        empty = tmp_path / "empty.txt"
        empty.write_bytes(b"")
        binary = tmp_path / "binary.txt"
        binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x01\x02\xff" * 100)  # "%PDF-" would now be read as a PDF
        huge = tmp_path / "huge.txt"
        with open(huge, "wb") as handle:
            handle.truncate(50 * 1024 * 1024)
        broken = tmp_path / "broken.txt"
        broken.symlink_to(tmp_path / "nowhere.txt")
        fifo = tmp_path / "pipe.txt"
        os.mkfifo(fifo)
        return {"good": good, "cp1252": cp1252, "empty": empty, "binary": binary, "huge": huge, "broken": broken, "fifo": fifo}

    def test_each_bad_file_is_one_stderr_line_and_good_files_are_parsed(self, inputs, tmp_path: Path) -> None:
        missing = tmp_path / "missing.txt"
        result = govlint("parse", "--format", "json", *map(str, inputs.values()), str(missing))
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [
            f"govlint: {inputs['binary']}: binary file (contains NUL bytes); expected extracted text",
            f"govlint: {inputs['broken']}: cannot read: No such file or directory",
            f"govlint: {inputs['empty']}: empty file",
            f"govlint: {inputs['huge']}: the file is 50 MB, over the 20 MB limit on the size of a paper or record file (raise it with GOVLINT_MAX_FILE_MB=N)",
            f"govlint: {missing}: no such file or directory",
            f"govlint: {inputs['fifo']}: not a regular file",
        ]
        files = {Path(paper["source"]).name: paper for paper in json.loads(result.stdout)["files"]}
        assert sorted(files) == ["good.txt", "word-export.txt"]
        assert files["word-export.txt"]["decisions"][0]["decision_no"] == "24/00032"
        assert files["word-export.txt"]["decisions"][0]["max_money_gbp"] == 85_000

    def test_bad_files_inside_a_directory_are_reported(self, inputs) -> None:
        result = govlint("parse", "--format", "json", str(inputs["good"].parent))
        assert result.exit_code == 2
        assert len(result.stderr.splitlines()) == 5
        assert len(json.loads(result.stdout)["files"]) == 2

    def test_windows_1252_alone_is_not_a_problem(self, inputs) -> None:
        result = govlint("parse", "--format", "json", str(inputs["cp1252"]))
        assert (result.exit_code, result.stderr) == (0, "")
        assert "£85,000" in inputs["cp1252"].read_bytes().decode("cp1252")

    def test_max_file_size_option(self, inputs) -> None:
        raised = govlint("parse", "--max-file-size", "60", str(inputs["huge"]))
        assert raised.stderr == f"govlint: {inputs['huge']}: binary file (contains NUL bytes); expected extracted text\n"
        lowered = govlint("parse", "--max-file-size", "0.001", str(inputs["good"]))
        assert lowered.exit_code == 2
        assert re.fullmatch(rf"govlint: {re.escape(str(inputs['good']))}: the file is [\d.]+ kB, over the 1 kB limit on the size of a paper or record file\n", lowered.stderr)

    def test_a_crash_in_an_extractor_is_one_line_for_that_file(self, inputs, monkeypatch: pytest.MonkeyPatch) -> None:
        from govlint.engine.extraction import paper as extraction

        real = extraction.parse_paper

        def buggy(paper, profile=None):
            if paper.source.endswith("good.txt"):
                raise KeyError("a bug\nover two lines")
            return real(paper, profile)

        monkeypatch.setattr(extraction, "parse_paper", buggy)
        result = govlint("parse", "--format", "json", str(inputs["good"]), str(inputs["cp1252"]))
        assert result.exit_code == 2
        assert result.stderr == (
            f"govlint: {inputs['good']}: internal error while parsing (KeyError: 'a bug\\nover two lines'); please report this\n"
        )
        assert [Path(paper["source"]).name for paper in json.loads(result.stdout)["files"]] == ["word-export.txt"]

    @pytest.mark.parametrize("output_format", ["json", "yaml", "text"])
    def test_file_name_that_is_not_utf8(self, tmp_path: Path, output_format: str) -> None:
        name = os.fsdecode(b"r\xe9sum\xe9.txt")
        try:
            shutil.copy(EXAMPLE_PAPERS[1], tmp_path / name)
        except (OSError, UnicodeError):
            pytest.skip("this file system will not store a non-UTF-8 name")
        result = govlint("parse", "--format", output_format, str(tmp_path))
        assert (result.exit_code, result.stderr) == (0, "")
        assert "24/00032" in result.stdout

    def test_no_traceback_from_a_real_process(self, inputs) -> None:
        completed = subprocess.run(
            [shutil.which("govlint") or str(Path(sys.executable).with_name("govlint")), "parse", str(inputs["good"].parent)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert completed.returncode == 2
        assert "Traceback" not in completed.stderr
        assert all(line.startswith("govlint: ") for line in completed.stderr.splitlines())


def test_record_lines_are_source_lines_in_a_two_column_paper() -> None:
    fixture = Path(__file__).parent / "fixtures" / "two-column-rod.txt"
    source_lines = len(fixture.read_text(encoding="utf-8").splitlines())
    [paper] = parse_json(str(fixture))["files"]
    assert all(1 <= document["line_start"] <= document["line_end"] <= source_lines for document in paper["documents"])
    assert paper["decisions"][0]["decision_no"] == "24/00117"
    assert paper["decisions"][0]["lines"][1] <= source_lines
