"""The wheel installs everything under the one import name `govlint`, so it lives beside other
distributions that have top-level `rules`, `engine` and `checks` of their own.

The wheels are built from this checkout with what the test environment has (no build
isolation, no index), and installed into a fresh virtual environment that takes govlint's
dependencies from the running one; every import is checked to come from the fresh one.
"""
from __future__ import annotations

import json
import shutil
import site
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAPER = REPO / "examples" / "papers" / "02-prod-with-gaps.txt"
OTHER_MODULES = ("rules", "engine", "checks")


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{args}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


def _sources(into: Path) -> Path:
    """The files the wheel is built from, copied so that the build leaves the checkout alone."""
    into.mkdir()
    for name in ("setup.cfg", "pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, into / name)
    for folder in ("engine", "checks", "rules"):
        shutil.copytree(REPO / folder, into / folder, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return into


def _other_distribution(into: Path) -> Path:
    """A distribution whose top-level modules are named `rules`, `engine` and `checks`."""
    into.mkdir()
    (into / "pyproject.toml").write_text('[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n', encoding="utf-8")
    (into / "setup.cfg").write_text(
        "[metadata]\nname = other-top-level-names\nversion = 1.0\n\n[options]\npy_modules =\n" + "".join(f"    {m}\n" for m in OTHER_MODULES),
        encoding="utf-8",
    )
    for module in OTHER_MODULES:
        (into / f"{module}.py").write_text(f"def who():\n    return 'other {module}'\n", encoding="utf-8")
    return into


def test_the_wheel_installs_beside_other_top_level_rules_engine_and_checks(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index", "-w", wheels,
        _sources(tmp_path / "govlint-src"), _other_distribution(tmp_path / "other-src"), cwd=tmp_path)
    built = sorted(path.name for path in wheels.glob("*.whl"))
    assert [name.split("-")[0] for name in built] == ["govlint", "other_top_level_names"], built

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    purelib = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path).stdout.strip())
    # govlint's dependencies come from this environment, after the fresh one's own packages:
    # everything in its site-packages but govlint itself (a regular install of the checkout
    # would otherwise join the wheel's govlint namespace).
    dependencies = tmp_path / "dependencies"
    dependencies.mkdir()
    for directory in dict.fromkeys([*site.getsitepackages(), sysconfig.get_paths()["purelib"]]):
        for entry in Path(directory).iterdir():
            if not entry.name.lower().startswith("govlint") and not (dependencies / entry.name).exists():
                (dependencies / entry.name).symlink_to(entry)
    (purelib / "dependencies.pth").write_text(f"{dependencies}\n", encoding="utf-8")
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-index", "--no-deps", *sorted(wheels.glob("*.whl")), cwd=tmp_path)

    work = tmp_path / "work"
    work.mkdir()
    shutil.copy2(PAPER, work / PAPER.name)
    imports = textwrap.dedent(
        f"""
        import json, rules, engine, checks
        import govlint.engine, govlint.checks.cli, govlint.rules
        from govlint.engine.packs.loader import list_available_packs
        print(json.dumps({{
            "other": [rules.who(), engine.who(), checks.who()],
            "files": [m.__file__ for m in (rules, engine, checks, govlint.engine, govlint.checks.cli)],
            "packs": list_available_packs(),
        }}))
        """
    )
    seen = json.loads(run(python, "-c", imports, cwd=work).stdout)
    assert seen["other"] == ["other rules", "other engine", "other checks"]
    assert all(Path(file).is_relative_to(purelib) for file in seen["files"]), seen["files"]
    assert "kent-county-council" in seen["packs"]

    govlint = venv / "bin" / "govlint"
    parsed = json.loads(run(govlint, "parse", "--format", "json", PAPER.name, cwd=work).stdout)
    assert [d["decision_no"] for d in parsed["files"][0]["decisions"]] == ["24/00032"]
    checked = subprocess.run([govlint, "check", "--no-config", "--format", "json", PAPER.name], cwd=work, capture_output=True, text=True, timeout=120)
    assert checked.returncode == 1 and checked.stderr == "", checked.stderr
    assert {f["rule"] for f in json.loads(checked.stdout)["findings"]} >= {"dpia-missing"}
    run(govlint, "report", "--no-config", "--format", "html", "-o", "report.html", PAPER.name, cwd=work)
    assert "24/00032" in (work / "report.html").read_text(encoding="utf-8")
    assert "kent-county-council" in run(govlint, "rules", "list", cwd=work).stdout
