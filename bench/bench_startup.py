"""How long `govlint check` takes on one paper, as a pre-commit hook runs it (target: < 400 ms wall).

Runs the installed `govlint check examples/papers/02-*.txt` as a subprocess N times and prints the
median and fastest wall time, then the slowest imports of one run from `python -X importtime`
(cumulative microseconds), which is where a one-paper run spends most of its time.

    python bench/bench_startup.py [-n 15] [--top 12]
"""
from __future__ import annotations

import argparse
import glob
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARGS = ["check", *sorted(glob.glob(str(REPO / "examples" / "papers" / "02-*.txt")))]


def wall_ms(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def slowest_imports(top: int) -> list[tuple[int, str]]:
    """(cumulative µs, module) of the `top` slowest imports of one check run."""
    code = "import sys; from govlint.checks.cli import main; sys.argv = ['govlint', *sys.argv[1:]]; main()"
    run = subprocess.run([sys.executable, "-X", "importtime", "-c", code, *ARGS], cwd=REPO, capture_output=True, text=True)
    rows = []
    for line in run.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            _, cumulative, name = line.split("|")
            rows.append((int(cumulative), name.rstrip()))
    return sorted(rows, reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=15, help="runs (default 15)")
    parser.add_argument("--top", type=int, default=12, help="imports to list (default 12)")
    options = parser.parse_args()
    govlint = shutil.which("govlint") or str(Path(sys.executable).parent / "govlint")
    wall_ms([govlint, *ARGS])  # warm the file cache (and .pyc files where Python may write them)
    times = [wall_ms([govlint, *ARGS]) for _ in range(options.n)]
    print(f"govlint {' '.join(Path(a).name for a in ARGS)}: median {statistics.median(times):.0f} ms, "
          f"min {min(times):.0f} ms over {options.n} runs"
          + (" (PYTHONDONTWRITEBYTECODE is set: modules without .pyc files compile on every run)"
             if os.environ.get("PYTHONDONTWRITEBYTECODE") else ""))
    print("slowest imports (cumulative ms):")
    for micros, name in slowest_imports(options.top):
        print(f"  {micros / 1000:7.1f}  {name}")


if __name__ == "__main__":
    main()
