"""The command layer: one module per command, importable on its own; the engine never exits;
a typed engine error becomes lines on standard error and exit status 2, in every command."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from govlint.checks.cli import main

REPO = Path(__file__).resolve().parents[1]
PAPERS = REPO / "examples" / "papers"
COMMAND_MODULES = ("cli", "parse_cmd", "check_cmd", "report_cmd", "rules_cmd", "rules_test_cmd", "profiles_cmd", "serve_cmd", "shared")

# Eight `any` of three choices each: 3^8 alternatives, past what the rule compiler accepts.
EXPLODING_PACK = "id: explode\ntitle: Explode\nversion: 0.1.0\nrules:\n  - id: wide\n    title: Wide\n    severity: error\n" \
    "    applies_to: {kinds: [decision]}\n    when:\n      all:\n" + "".join(
        f"        - any: [{{field: title, eq: a{n}}}, {{field: title, eq: b{n}}}, {{field: title, eq: c{n}}}]\n" for n in range(8)
    ) + "    message: wide\n"


@pytest.mark.parametrize("module", COMMAND_MODULES)
def test_each_command_module_imports_on_its_own(module: str) -> None:
    done = subprocess.run([sys.executable, "-c", f"import govlint.checks.{module}"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def _exits(path: Path) -> list[str]:
    """Where a module ends the process itself: sys.exit, exit(), quit(), os._exit or raise SystemExit."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        call = node.func if isinstance(node, ast.Call) else None
        name = call.attr if isinstance(call, ast.Attribute) else call.id if isinstance(call, ast.Name) else None
        if name in ("exit", "quit", "_exit") or (isinstance(node, ast.Raise) and "SystemExit" in ast.unparse(node)):
            found.append(str(path.relative_to(REPO)))
    return found


def test_nothing_below_the_commands_ends_the_process() -> None:
    # Commands return their exit status to checks.shared.exits_with_status, the one place that exits.
    modules = sorted((REPO / "engine").rglob("*.py")) + sorted((REPO / "checks").rglob("*.py"))
    assert modules
    assert [place for path in modules for place in _exits(path)] == ["checks/shared.py"]


@pytest.mark.parametrize("command", [["check"], ["report", "-o", "{out}"]])
def test_packs_that_cannot_run_are_one_line_and_exit_2(tmp_path: Path, command: list[str]) -> None:
    pack = tmp_path / "explode.yaml"
    pack.write_text(EXPLODING_PACK, encoding="utf-8")
    args = [part.format(out=tmp_path / "report.html") for part in command]
    result = CliRunner().invoke(main, [*args, "--no-config", "--pack", str(pack), str(PAPERS)], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["govlint: cannot run the packs: condition expands to over 256 alternatives; simplify it"]


def test_a_baseline_that_cannot_be_written_is_one_line_and_exit_2(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "baseline.json"
    result = CliRunner().invoke(main, ["check", "--no-config", "--write-baseline", str(target), str(PAPERS)], catch_exceptions=False)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"govlint: {target}: cannot write the baseline: ")


@pytest.mark.parametrize("command", [["check"], ["report", "-o", "-"]])
def test_the_collector_runs_less_often_only_while_a_corpus_is_checked(command, monkeypatch):
    import gc

    from govlint.engine.common import collector

    during = []
    real = collector.gc.set_threshold
    monkeypatch.setattr(collector.gc, "set_threshold", lambda *values: (during.append(values), real(*values)))
    before = gc.get_threshold()
    result = CliRunner().invoke(main, [*command, "--no-config", str(PAPERS)], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    # Raised for the run, and put back for whatever else the process runs (a server, a test session).
    assert during[0][0] == collector.YOUNG_THRESHOLD
    assert gc.get_threshold() == before == during[-1]
