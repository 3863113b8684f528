"""How long a one-paper `govlint check` takes (the pre-commit case), next to yamllint on one file.

Times, side by side in one run and from installed bytecode, the median wall and CPU time over
N runs of:

- `govlint check examples/papers/02-*.txt`, the installed console script;
- yamllint on one YAML file of the repository (a shipped pack), as its console script runs it;
- `python -c "import yaml, click"`, the floor of any YAML-reading click tool;
- `python -c pass`, the interpreter alone;

then the ratios govlint / yamllint and govlint / (import yaml, click), and the slowest imports
of one govlint run (`python -X importtime`, cumulative ms).

"Installed" means a regular (not editable) install with its .pyc files written at install time,
as users run it. When the current environment has govlint installed editable (as a checkout
is), the script builds a wheel of the checkout and installs it into a temporary virtual
environment that sees the current one's site-packages for the dependencies; nothing is written
into the current environment or the checkout. yamllint is the `bench` extra:

    pip install 'govlint[bench]'      (or: pip install -e '.[bench]' in a checkout)

and its row is skipped, saying so, when it is not installed.

    python bench/bench_startup.py [-n 21] [--top 12]

Measured on a 2-core machine under heavy load (load average 8-9; wall times were 2-4x the CPU
times, so CPU is the figure to compare), medians of 15 runs, CPU ms, main and this change run
alternately twice:

    govlint check   yamllint   import yaml, click   pass   check/yamllint   check/(yaml, click)
    before: 350-355       96            52           10        3.67-3.69x         6.80-6.81x
    after:  205-210    95-97         51-53           10        2.16-2.17x         3.98-4.04x

Then labels written with their wordings once (engine/profiles/labels.py) and PyYAML imported
only when a YAML file is read, measured the same way against main after forward plans and
the PDFium reader (which had made the check 245 ms and the pack yamllint reads larger):

    main:   245-248  126-128            52-53        10        1.94-1.95x         4.73-4.76x
    after:  215-228  124-129            51-53         9-10     1.73-1.76x         4.23-4.26x

Then the compiled regular expressions kept between runs (engine/common/compiled_patterns.py:
some 240 patterns, 35-40 ms), each pack's durable ruleset kept with the pack cache (about
5 ms), a reader profile's labels and what its wordings require kept with the profile (about
5 ms), profile wordings joined without walking the joined pattern again (about 4 ms), difflib
and the results store's module imported only when used (about 2 ms); main and this change run
alternately, twice (load average 6-7):

    main:   208-216  115-118               49         9        1.80-1.82x         4.27-4.43x
    after:  152-160  116-122            48-51         9-10        1.31x           3.16-3.18x

What is left, measured in-process on the one-paper check (CPU ms): click's import 27 (the
customer's choice); creating the ~85 dataclasses of the record, pack, finding and run models
36 (dataclasses compiles ~465 generated methods with exec; Python 3.12 and 3.13 are no faster
at it); the regex module 12 (a shipped rule's `matches` needs its time limit); the cyclic
garbage collector 5-7 (55 collections of the objects start-up makes); durable_rules' own
create_ruleset 5.5 (two rulesets, in C); reading the cache's entries 4.5; the interpreter 9.
"""
from __future__ import annotations

import argparse
import glob
import importlib.metadata
import importlib.util
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAPER = sorted(glob.glob(str(REPO / "examples" / "papers" / "02-*.txt")))[0]
YAML_FILE = str(REPO / "rules" / "kent-county-council.yaml")
GOVLINT_MAIN = "import sys; from govlint.checks.cli import main; sys.argv[0] = 'govlint'; sys.exit(main())"
YAMLLINT_MAIN = "import sys; from yamllint.cli import run; sys.argv[0] = 'yamllint'; sys.exit(run())"


def timed(command: list[str]) -> tuple[float, float]:
    """(wall ms, CPU ms: user + system of the child) of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall * 1000, cpu * 1000


def editable() -> bool:
    """Whether this environment's govlint is not a regular install of this checkout's code: an
    editable install (of this checkout or another), or none."""
    try:
        direct = json.loads(importlib.metadata.distribution("govlint").read_text("direct_url.json") or "{}")
    except importlib.metadata.PackageNotFoundError:
        return True
    spec = importlib.util.find_spec("govlint.engine")
    return direct.get("dir_info", {}).get("editable", False) or spec is None or Path(spec.origin).resolve().is_relative_to(REPO)


@contextmanager
def installed_python():
    """An interpreter that imports govlint from a regular install with compiled bytecode."""
    if not editable():
        yield sys.executable
        return
    with tempfile.TemporaryDirectory(prefix="govlint-bench-") as scratch:
        venv = Path(scratch) / "venv"
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
        python = str(venv / "bin" / "python")
        purelib = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                 check=True, capture_output=True, text=True).stdout.strip()
        # The dependencies (and yamllint) come from the current environment, behind the install;
        # a path named in a .pth file is not itself a site directory, so the current
        # environment's editable-install hook is not run there.
        Path(purelib, "current-environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
        # Built from a copy, so that the build's own files (build/, egg-info) stay out of the checkout.
        source, wheels = Path(scratch) / "source", Path(scratch) / "wheels"
        source.mkdir()
        for part in ("setup.cfg", "pyproject.toml", "README.md"):
            shutil.copy2(REPO / part, source / part)
        for package in ("engine", "checks", "rules"):
            shutil.copytree(REPO / package, source / package, ignore=shutil.ignore_patterns("__pycache__"))
        pip = [sys.executable, "-m", "pip", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(source)], check=True)
        subprocess.run([*pip, "--python", python, "install", "--no-deps", "--no-index", "--compile",
                        *map(str, wheels.glob("*.whl"))], check=True)
        yield python


def slowest_imports(python: str, top: int) -> list[tuple[int, str]]:
    """(cumulative µs, module) of the `top` slowest imports of one check run."""
    run = subprocess.run([python, "-X", "importtime", "-c", GOVLINT_MAIN, "check", PAPER], cwd=REPO,
                         capture_output=True, text=True)
    rows = []
    for line in run.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            _, cumulative, name = line.split("|")
            rows.append((int(cumulative), name.rstrip()))
    return sorted(rows, reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=21, help="runs of each command (default 21)")
    parser.add_argument("--top", type=int, default=12, help="imports to list (default 12)")
    options = parser.parse_args()
    with installed_python() as python, tempfile.TemporaryDirectory(prefix="govlint-bench-cache-") as cache:
        # govlint's pack and profile cache, filled by the warm-up run as a first hook run fills
        # the user's; a temporary one, so that the benchmark leaves nothing in the user's.
        os.environ["GOVLINT_CACHE_DIR"] = cache
        bindir = Path(python).parent
        govlint = shutil.which("govlint", path=str(bindir)) or str(bindir / "govlint")
        has_yamllint = subprocess.run([python, "-c", "import yamllint"], capture_output=True).returncode == 0
        rows = {
            f"govlint check {Path(PAPER).name}": [govlint, "check", PAPER],
            f"yamllint {Path(YAML_FILE).name}": [python, "-c", YAMLLINT_MAIN, YAML_FILE] if has_yamllint else None,
            'python -c "import yaml, click"': [python, "-c", "import yaml, click"],
            "python -c pass": [python, "-c", "pass"],
        }
        commands = {name: command for name, command in rows.items() if command}
        # Twice: to warm the file cache and govlint's own cache, which keeps the packs and
        # profiles a run read, and the patterns two runs in a row compiled.
        for _ in range(2):
            for command in commands.values():
                timed(command)
        # Interleaved, so that a change in the machine's load falls on every row alike.
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(options.n):
            for name, command in commands.items():
                times[name].append(timed(command))
        print(f"{Path(python).parent.parent} ({'temporary regular install' if editable() else 'this environment'}); "
              f"medians over {options.n} runs, wall and CPU (user + system) ms"
              + ("; PYTHONDONTWRITEBYTECODE is set (the install's bytecode was written at install time)"
                 if os.environ.get("PYTHONDONTWRITEBYTECODE") else ""))
        medians = {}
        for name in rows:
            if name not in times:
                print(f"  {name:<40} skipped: yamllint is not installed (pip install -e '.[bench]')")
                continue
            wall = statistics.median(t[0] for t in times[name])
            cpu = statistics.median(t[1] for t in times[name])
            medians[name] = (wall, cpu)
            print(f"  {name:<40} wall {wall:6.0f}  cpu {cpu:6.0f}")
        check, *_ = medians.values()
        for name in list(rows)[1:3]:
            if name in medians:
                print(f"govlint / {name}: wall {check[0] / medians[name][0]:.2f}x, cpu {check[1] / medians[name][1]:.2f}x")
        print("slowest imports of one govlint run (cumulative ms):")
        for micros, name in slowest_imports(python, options.top):
            print(f"  {micros / 1000:7.1f}  {name}")


if __name__ == "__main__":
    main()
