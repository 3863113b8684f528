"""The layering of the code (setup.cfg [importlinter]): stages import only the stages below
them, the rule engine never the reading stages, no import cycle, durable_rules behind
engine/packs/runtime.py, click inside checks/."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CONTRACTS = 5
_LINT = "import sys; from importlinter.cli import lint_imports_command; sys.argv[0] = 'lint-imports'; lint_imports_command()"


def lint(pythonpath: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)} if pythonpath else None
    return subprocess.run(
        [sys.executable, "-c", _LINT, "--config", str(REPO / "setup.cfg"), "--no-cache"],
        cwd=REPO, capture_output=True, text=True, timeout=120, env=env,
    )


def test_the_code_keeps_its_import_contracts() -> None:
    done = lint()
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Contracts: {CONTRACTS} kept, 0 broken." in done.stdout


def test_imports_against_the_contracts_break_them(tmp_path: Path) -> None:
    # A copy of the package, laid out under its import name, found before the installed one.
    for folder in ("engine", "checks", "rules"):
        shutil.copytree(REPO / folder, tmp_path / "govlint" / folder, ignore=shutil.ignore_patterns("__pycache__"))
    changes = {
        "engine/records/model.py": "from govlint.engine.checking import run  # a stage importing a later one\nimport click\n",
        "engine/packs/model.py": "from govlint.engine.packs import loader  # loader imports model: a cycle\n"
        "from govlint.engine.documents import split  # the rule engine reading papers\n",
        "checks/formatters/records.py": "import durable_rules_engine\n",
    }
    for name, lines in changes.items():
        with open(tmp_path / "govlint" / name, "a", encoding="utf-8") as handle:
            handle.write(lines)
    done = lint(tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"Contracts: 0 kept, {CONTRACTS} broken." in done.stdout, done.stdout
    assert "govlint.engine.records.model -> govlint.engine.checking.run" in done.stdout
