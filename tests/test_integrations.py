"""The CI integrations as a new user meets them: the pre-commit hook, the GitHub Action, example workflows."""
from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from tests.conftest import REPO


def load(relative: str):
    return yaml.safe_load((REPO / relative).read_text(encoding="utf-8"))


def require(condition: bool, reason: str) -> None:
    """Skip outside CI when a tool the test drives is missing; in CI that is a failure."""
    if not condition:
        (pytest.fail if os.environ.get("CI") else pytest.skip)(reason)


def git(cwd, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", *args], cwd=cwd, check=True,
                   capture_output=True)


def test_pre_commit_hook_definition():
    (hook,) = load(".pre-commit-hooks.yaml")
    assert hook["id"] == "govlint" and hook["entry"] == "govlint check" and hook["language"] == "python"
    assert hook["pass_filenames"] is True
    accepts = re.compile(hook["files"]).search
    assert all(accepts(f"papers/p.{suffix}") for suffix in ("txt", "md", "docx", "pdf"))
    assert not accepts("papers/p.yaml")


def test_pre_commit_try_repo_on_a_paper(tmp_path):
    """`pre-commit try-repo` installs govlint from this repository into its own environment and
    runs the hook on a committed paper with gaps: the hook fails and prints the findings."""
    require(shutil.which("git") is not None, "git is not installed")
    require(importlib.util.find_spec("pre_commit") is not None, "pre-commit is not installed (pip install '.[test]')")
    require((REPO / ".git").exists(), f"{REPO} is not a git repository")
    project = tmp_path / "papers"
    project.mkdir()
    shutil.copy(REPO / "examples" / "papers" / "02-prod-with-gaps.txt", project / "paper.txt")
    git(project, "init", "-q")
    git(project, "add", "paper.txt")
    git(project, "commit", "-q", "-m", "a paper")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1"}
    run = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "govlint", "--files", "paper.txt"],
                         cwd=project, env=env, capture_output=True, text=True, timeout=900)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "govlint" in run.stdout and "Failed" in run.stdout
    assert "error   dpia-missing: Decision 24/00032" in run.stdout
    assert 'paper.txt:49: "Data Protection implications: None."' in run.stdout


def test_action_is_a_composite_that_uploads_sarif_then_fails_per_exit_code():
    action = load("action.yml")
    assert set(action["inputs"]) >= {"paths", "packs", "fail-on", "config", "sarif-file"}
    assert action["inputs"]["fail-on"]["default"] == "error"
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    install, check, upload, fail = steps
    assert '"$GITHUB_ACTION_PATH"' in install["run"] and "pip install" in install["run"]
    assert "--format sarif" in check["run"] and '--fail-on "$GOVLINT_FAIL_ON"' in check["run"]
    assert "${{" not in check["run"]  # inputs come in through env, not spliced into the script
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    assert fail["env"]["GOVLINT_EXIT"] == "${{ steps.check.outputs.exit-code }}"
    assert all(step.get("shell") == "bash" for step in steps if "run" in step)


def test_github_workflow_example_uses_the_action():
    workflow = load("examples/ci/github-actions.yml")
    assert workflow["permissions"]["security-events"] == "write"
    (job,) = workflow["jobs"].values()
    (step,) = [step for step in job["steps"] if step.get("name") == "govlint"]
    assert step["with"]["fail-on"] == "error" and step["with"]["paths"]


def test_gitlab_example_reports_junit():
    job = load("examples/ci/gitlab-ci.yml")["govlint"]
    assert job["artifacts"]["reports"]["junit"] == "govlint-junit.xml"
    assert any("--format junit --output govlint-junit.xml" in line for line in job["script"])
    assert any("--format markdown" in line for line in job["script"])
