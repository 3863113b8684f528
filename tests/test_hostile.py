"""Hostile input (issue 11): each input is made by a small generator in bench/hostile.py and run
in a subprocess capped in address space, so a bomb that got through would fail the test with a
MemoryError rather than take the machine. Each test asserts the exit status, the one line that
names the input and the limit, the time and the peak memory."""
from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest

from bench import hostile
from govlint.engine.checking.batch import parse_file

# Address space for one govlint process (Python, lxml, PDFium and durable_rules loaded);
# every bomb below would need several times this.
MEMORY_MB = 1024
# Peak resident memory a refused bomb may cost: the interpreter and its libraries.
PEAK_MB = 300
# Wall time for one run, start-up included, on a loaded 2-core CI machine.
SECONDS = 20


def run(args: list[str], cwd: Path, **options) -> hostile.Outcome:
    outcome = hostile.run_bounded(args, cwd, memory_mb=MEMORY_MB, **options)
    assert "Traceback" not in outcome.stderr, outcome.stderr
    assert outcome.seconds < SECONDS, outcome
    assert outcome.peak_mb < PEAK_MB, outcome
    return outcome


def one_line(outcome: hostile.Outcome, path: Path | str, *words: str) -> str:
    """The single `govlint: PATH: reason` line (or `PATH:LINE:COL: reason` for a pack or config)."""
    lines = outcome.problem_lines
    assert len(lines) == 1, outcome.stderr
    assert str(path) in lines[0], lines[0]
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def test_a_long_unspaced_line_in_a_contact_block_is_read_in_linear_time(tmp_path: Path) -> None:
    short = run(["parse", str(hostile.contact_block_paper(tmp_path / "short.txt", 6_000))], tmp_path)
    long = run(["parse", str(hostile.contact_block_paper(tmp_path / "long.txt", 90_000))], tmp_path)
    assert short.code == long.code == 0, long.stderr
    # 15 times the line: a quadratic step would take 225 times as long (tens of seconds).
    assert long.seconds < 5 * short.seconds + 1, (short.seconds, long.seconds)


def test_a_line_past_the_limit_is_refused_naming_the_limit(tmp_path: Path) -> None:
    paper = hostile.contact_block_paper(tmp_path / "long.txt", 133_000)
    outcome = run(["parse", str(paper)], tmp_path)
    assert outcome.code == 2
    one_line(outcome, paper, "line 6 is 133,000 characters", "100,000 characters limit", "GOVLINT_MAX_LINE_CHARS")
    raised = run(["parse", str(paper)], tmp_path, env={"GOVLINT_MAX_LINE_CHARS": "200000"})
    assert raised.code == 0, raised.stderr


@pytest.mark.parametrize("declare", [None, 1000], ids=["as declared", "declared small"])
def test_a_word_bomb_is_refused_before_it_is_expanded(tmp_path: Path, declare) -> None:
    bomb = hostile.docx_bomb(tmp_path / "bomb.docx", expanded_mb=200, declare=declare)
    good = hostile.good_papers(tmp_path)
    outcome = run(["parse", str(bomb), *map(str, good)], tmp_path)
    assert outcome.code == 2
    line = one_line(outcome, bomb)
    if declare is None:
        assert "part word/document.xml expands to 200 MB, over the 64 MB limit" in line and "GOVLINT_MAX_DOCX_PART_MB" in line
    assert outcome.stdout.count("decision") >= len(good)


def test_a_word_bomb_is_refused_under_report_with_jobs(tmp_path: Path) -> None:
    bomb = hostile.docx_bomb(tmp_path / "bomb.docx", expanded_mb=200)
    good = hostile.good_papers(tmp_path)
    report = tmp_path / "report.json"
    outcome = run(["report", "--no-config", "--jobs", "2", "--format", "json", "-o", str(report), str(bomb), *map(str, good)], tmp_path)
    assert outcome.code == 2
    # report heads its list of unreadable papers with a count.
    assert outcome.problem_lines[0] == "govlint: 1 of 3 papers could not be read:", outcome.stderr
    assert len(outcome.problem_lines) == 2 and str(bomb) in outcome.problem_lines[1] and "64 MB limit" in outcome.problem_lines[1]
    assert json.loads(report.read_text(encoding="utf-8"))


def test_a_pdf_flate_bomb_is_capped(tmp_path: Path) -> None:
    bomb = hostile.pdf_flate_bomb(tmp_path / "bomb.pdf", expanded_mb=300)
    outcome = run(["parse", str(bomb)], tmp_path)
    assert outcome.code == 2
    one_line(outcome, bomb, "decompresses to more than 64 MB", "GOVLINT_MAX_PDF_STREAM_MB")


def test_a_pdf_with_too_many_pages_is_refused(tmp_path: Path) -> None:
    pdf = tmp_path / "three-pages.pdf"
    pdf.write_bytes(hostile.text_pdf(pages=3))
    assert run(["parse", str(pdf)], tmp_path).code == 0
    outcome = run(["parse", str(pdf)], tmp_path, env={"GOVLINT_MAX_PDF_PAGES": "2"})
    assert outcome.code == 2
    one_line(outcome, pdf, "the PDF has 3 pages, over the 2 pages limit", "GOVLINT_MAX_PDF_PAGES")


def test_damaged_pdfs_give_one_govlint_line_each_and_no_library_log(tmp_path: Path) -> None:
    damaged = hostile.damaged_pdfs(tmp_path)
    good = hostile.good_papers(tmp_path)
    outcome = run(["parse", *map(str, damaged), *map(str, good)], tmp_path)
    assert outcome.code in (0, 2)
    for line in outcome.problem_lines:
        assert line.startswith("govlint: ") and any(str(path) in line for path in damaged), outcome.stderr
    assert len(outcome.problem_lines) <= len(damaged)


@pytest.mark.parametrize("command", [["rules", "validate"], ["check", "--no-config", "--pack"]], ids=["validate", "check"])
def test_a_pattern_whose_compilation_explodes_is_refused_naming_it(tmp_path: Path, command) -> None:
    pack = hostile.pattern_pack(tmp_path / "bomb.yaml", "(?:(?:a{1000}){1000}){1000}")
    papers = [] if command[0] == "rules" else list(map(str, hostile.good_papers(tmp_path)))
    outcome = run([*command, str(pack), *papers], tmp_path)
    assert outcome.code == 2
    one_line(outcome, pack, "(?:(?:a{1000}){1000}){1000}", "GOVLINT_MAX_PATTERN_SIZE")


def test_a_message_field_width_past_the_limit_is_refused(tmp_path: Path) -> None:
    pack = hostile.pack_with_rule(tmp_path / "width.yaml", "{field: urgent, eq: true}", "{decision_no:>999999999}")
    outcome = run(["rules", "validate", str(pack)], tmp_path)
    assert outcome.code == 2
    one_line(outcome, pack, "{decision_no:>999999999}", "999,999,999", "GOVLINT_MAX_FORMAT_WIDTH")


@pytest.mark.parametrize("make", ["pack", "condition"])
def test_deeply_nested_packs_are_refused_in_one_line(tmp_path: Path, make: str) -> None:
    pack = hostile.deep_yaml(tmp_path / "deep.yaml") if make == "pack" else hostile.deep_condition_pack(tmp_path / "deep.yaml")
    outcome = run(["rules", "validate", str(pack)], tmp_path)
    assert outcome.code == 2
    one_line(outcome, pack, "nest too deeply", "GOVLINT_MAX_NESTING")


def test_a_deeply_nested_config_is_refused_in_one_line(tmp_path: Path) -> None:
    config = hostile.deep_yaml(tmp_path / "deep.yaml")
    outcome = run(["check", "--config", str(config), *map(str, hostile.good_papers(tmp_path))], tmp_path)
    assert outcome.code == 2
    one_line(outcome, config.name, "nest too deeply")


def test_deeply_nested_baselines_and_record_files_are_refused_in_one_line(tmp_path: Path) -> None:
    baseline = hostile.deep_json(tmp_path / "deep.json")
    good = list(map(str, hostile.good_papers(tmp_path)))
    outcome = run(["check", "--no-config", "--baseline", str(baseline), *good], tmp_path)
    assert outcome.code == 2
    one_line(outcome, baseline, "nest too deeply")
    records = tmp_path / "records.yaml"
    records.write_text("files: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    outcome = run(["check", "--no-config", str(records), *good], tmp_path)
    assert outcome.code == 2
    one_line(outcome, records, "nest too deeply")


@pytest.mark.parametrize("option", ["--baseline", "--config"])
@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_config_and_baseline_must_be_regular_files(tmp_path: Path, option: str, special: str) -> None:
    target = special
    if special == "fifo":
        target = str(tmp_path / "fifo.yaml")
        os.mkfifo(target)
    args = ["check", option, target] if option == "--config" else ["check", "--no-config", option, target]
    outcome = run([*args, *map(str, hostile.good_papers(tmp_path))], tmp_path, timeout=SECONDS)
    assert outcome.code == 2
    one_line(outcome, os.path.basename(target), "not a regular file")


def test_a_config_naming_dev_zero_as_its_baseline_is_refused(tmp_path: Path) -> None:
    (tmp_path / ".govlint.yaml").write_text("baseline: /dev/zero\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    outcome = run(["check", *map(str, hostile.good_papers(tmp_path))], tmp_path)
    assert outcome.code == 2
    one_line(outcome, "/dev/zero", "not a regular file")


@pytest.mark.parametrize("output_format", ["text", "json", "sarif"])
def test_a_paper_with_a_non_utf8_name_is_reported_with_the_name_escaped(tmp_path: Path, output_format: str) -> None:
    paper = hostile.non_utf8_named(tmp_path)
    outcome = run(["check", "--no-config", "--fail-on", "never", "--format", output_format, str(paper)], tmp_path)
    assert outcome.code == 0, outcome.stderr
    # The byte 0xff as the text \xff (SARIF writes paths as URIs: the backslash as %5C).
    shown = "paper-%5Cxff.txt" if output_format == "sarif" else "paper-\\xff.txt"
    assert shown in outcome.stdout.replace("\\\\", "\\"), outcome.stdout[:2000]


# --- parse speed ------------------------------------------------------------------------------


def _rate(path: Path) -> float:
    """MB per second of one in-process parse (best of two for a small file)."""
    best = float("inf")
    for _ in range(2 if path.stat().st_size < 1_000_000 else 1):
        start = time.perf_counter()
        result = parse_file(str(path), 100 * 1024 * 1024)
        best = min(best, time.perf_counter() - start)
        assert not isinstance(result, str), result
    return path.stat().st_size / best / 1e6


def test_a_big_paper_of_real_records_parses_at_the_speed_of_a_small_one(tmp_path: Path) -> None:
    pytest.importorskip("bench.hostile")
    if not (hostile.SHARED / "corpus" / hostile.PROD_BUNDLE).exists():
        pytest.skip("needs ../shared/corpus")
    small = _rate(hostile.repeated_prod(tmp_path / "small.txt", 200_000))
    big = _rate(hostile.repeated_prod(tmp_path / "big.txt", 8_000_000))
    # Linear: 40 times the text at close to the same rate (a quadratic step falls far behind).
    assert big > small / 2.5, (small, big)


def test_every_limit_is_documented() -> None:
    from govlint.engine.common import limits

    page = (Path(__file__).resolve().parents[1] / "docs" / "security.md").read_text(encoding="utf-8")
    for limit in limits.ALL:
        assert re.search(rf"`{limit.variable}`", page), limit.variable


# --- one bad value, one bad output ------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "report"])
def test_a_rule_too_slow_on_one_paper_never_loses_the_others(tmp_path: Path, command: str) -> None:
    # A second rule fires on every decision, so each good paper has findings that name it.
    pack = hostile.pattern_pack(tmp_path / "slow.yaml", "(a+)+$")
    with open(pack, "a", encoding="utf-8") as handle:
        handle.write(
            "  - {id: every-decision, title: Every decision, severity: error, applies_to: {kinds: [decision]},"
            " when: {field: decision_no, exists: true}, message: seen, citations: [{source: regs, provision: reg 12}]}\n"
        )
    good = hostile.good_papers(tmp_path)
    bad = hostile.long_titled_paper(tmp_path / "long-title.txt")
    out = tmp_path / "out.json"
    args = ["--no-config", "--pack", str(pack), "--format", "json", "-o", str(out), *map(str, good), str(bad)]
    outcome = run([command, *args, *(["--jobs", "2"] if command == "report" else [])], tmp_path)
    assert outcome.code == 2
    line = one_line(outcome, bad, "(a+)+$", "GOVLINT_MAX_REGEX_SECONDS")
    assert line.startswith(f"govlint: {bad}: rule hostile-rule on ")
    written = json.loads(out.read_text(encoding="utf-8"))
    # The good papers' findings are all there, as in a run without the bad paper.
    alone = tmp_path / "alone.json"
    args_alone = [*args[:6], str(alone), *map(str, good)]
    assert run([command, *args_alone, *(["--jobs", "2"] if command == "report" else [])], tmp_path).code in (0, 1)
    expected = json.loads(alone.read_text(encoding="utf-8"))
    key = "findings" if command == "check" else "rows"
    assert expected[key]

    def of_good_papers(item) -> bool:
        text = json.dumps(item)
        return bad.name not in text and "a" * 100 not in text

    assert [item for item in written[key] if of_good_papers(item)] == expected[key]


@pytest.mark.parametrize("command", [["check", "--no-config"], ["parse"], ["report", "--no-config", "--format", "json"]])
@pytest.mark.parametrize("target", ["missing/out.txt", "file.txt/out.txt", ".", "/dev/full"])
def test_an_output_that_cannot_be_written_is_one_line_and_exit_2(tmp_path: Path, command: list[str], target: str) -> None:
    (tmp_path / "file.txt").write_text("a file, not a directory\n", encoding="utf-8")
    good = list(map(str, hostile.good_papers(tmp_path)))
    outcome = run([*command, "-o", target, *good], tmp_path)
    assert outcome.code == 2
    one_line(outcome, target, "cannot write the output")


def test_a_papers_pattern_matching_time_is_bounded_as_a_whole(tmp_path: Path) -> None:
    """Ten slow records in one paper: one line for the rule on the paper, and once the paper's
    matching time is spent its later matches fail at once instead of each taking its own limit."""
    one = hostile.long_titled_paper(tmp_path / "one.txt").read_text(encoding="utf-8")
    paper = tmp_path / "ten.txt"
    paper.write_text("".join(one.replace("24/00031", f"24/{n:05d}") for n in range(10)), encoding="utf-8")
    pack = hostile.pattern_pack(tmp_path / "slow.yaml", "(a+)+$")
    limits = {"GOVLINT_MAX_REGEX_SECONDS": "0.1", "GOVLINT_MAX_REGEX_PAPER_SECONDS": "0.2"}
    outcome = run(["check", "--no-config", "--pack", str(pack), str(paper)], tmp_path, env=limits)
    assert outcome.code == 2
    one_line(outcome, paper, "rule hostile-rule on 24/")


def test_matches_past_the_papers_matching_time_fail_without_searching(monkeypatch: pytest.MonkeyPatch) -> None:
    from govlint.engine.packs.reference import ConditionError, MatchingBudget, compare, matching_within

    monkeypatch.setenv("GOVLINT_MAX_REGEX_SECONDS", "0.05")
    title = "a" * 5000 + "!"
    budget = MatchingBudget(0.1)
    reasons, seconds = [], []
    with matching_within(budget):
        for _ in range(6):
            start = time.perf_counter()
            with pytest.raises(ConditionError) as error:
                compare("matches", title, "(a+)+$")
            seconds.append(time.perf_counter() - start)
            reasons.append(str(error.value))
    assert budget.left <= 0
    spent = [reason for reason in reasons if "GOVLINT_MAX_REGEX_PAPER_SECONDS" in reason]
    assert len(spent) >= 3, reasons
    # Past the budget a match is refused before the pattern runs.
    assert max(seconds[-len(spent) + 1 :]) < 0.01, seconds
