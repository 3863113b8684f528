"""`govlint parse` and `govlint check` (JSON) on every paper of the shared corpus, at two versions.

    python bench/compare_outputs.py REV [OTHER_REV]

compares the output at git revision REV with that of this checkout's working tree (or of
OTHER_REV): standard output, standard error and exit status of `parse --format json` and
`check --format json`, run on the text bundles, layouts/*.txt and the kcc-2025 PDFs. Module
paths (`engine.…` before the code moved under `govlint.`, `govlint.engine.…` after) and the
folder each version runs from are normalised away; anything else that differs is shown as a
diff, and the exit status is 1. Each version runs from its own files (git archive), imported
the way its setup.cfg maps them, so neither needs installing; the libraries come from the
running Python.
"""
from __future__ import annotations

import argparse
import configparser
import difflib
import io
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
COMMANDS = (("parse", "--format", "json"), ("check", "--format", "json"))
_MODULE_PATH = re.compile(r"\bgovlint\.(?=(?:engine|checks|rules)\b)")
# Run the entry point `module:function` with the import root first on the path.
_RUNNER = (
    "import importlib, sys\n"
    "root, target = sys.argv.pop(1), sys.argv.pop(1)\n"
    "sys.path.insert(0, root)\n"
    "name, _, function = target.partition(':')\n"
    "module = importlib.import_module(name)\n"
    "assert module.__file__.startswith(root), f'{name} imported from {module.__file__}, not {root}'\n"
    "sys.argv[0] = 'govlint'\n"
    "getattr(module, function)()\n"
)


def papers(corpus: Path) -> list[str]:
    found = sorted(corpus.glob("*.txt")) + sorted((corpus / "layouts").glob("*.txt")) + sorted((corpus / "kcc-2025").rglob("*.pdf"))
    return [str(path.relative_to(corpus)) for path in found]


def export(rev: str, into: Path) -> Path:
    """The files of `rev` (committed state) in a fresh folder."""
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", rev], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def import_root(tree: Path, scratch: Path) -> tuple[Path, str]:
    """Where to import the version in `tree` from, and its `govlint` entry point.

    A version whose setup.cfg maps folders onto package names (`govlint.engine = engine`) is
    imported through a folder of links laid out as those names.
    """
    config = configparser.ConfigParser()
    config.read(tree / "setup.cfg", encoding="utf-8")
    scripts = dict(line.split("=", 1) for line in config["options.entry_points"]["console_scripts"].strip().splitlines())
    entry = scripts["govlint "].strip() if "govlint " in scripts else scripts["govlint"].strip()
    mapping = [line.split("=", 1) for line in config["options"].get("package_dir", "").strip().splitlines() if "=" in line]
    if not mapping:
        return tree, entry
    root = scratch / "imports"
    for name, folder in mapping:
        link = root.joinpath(*name.strip().split("."))
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(tree / folder.strip(), target_is_directory=True)
    return root, entry


def run(root: Path, entry: str, command: tuple[str, ...], corpus: Path, files: list[str]) -> tuple[str, str, int]:
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER, str(root), entry, *command, *files],
        cwd=corpus, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    return done.stdout, done.stderr, done.returncode


def normalised(text: str, places: list[Path]) -> str:
    for place in places:
        text = text.replace(str(place), "<version>")
    return _MODULE_PATH.sub("", text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rev", help="the version to compare with, e.g. 9ea862a")
    parser.add_argument("other", nargs="?", help="a second revision (default: this working tree)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    files = papers(args.corpus)
    with tempfile.TemporaryDirectory(prefix="govlint-compare-") as scratch:
        scratch = Path(scratch)
        versions = [(args.rev, export(args.rev, scratch / "a" / "tree"))]
        versions.append((args.other, export(args.other, scratch / "b" / "tree")) if args.other else ("working tree", REPO))
        roots = [import_root(tree, tree.parent if tree != REPO else scratch / "b") for _, tree in versions]
        places = [tree for _, tree in versions] + [root for root, _ in roots]
        differ = False
        for command in COMMANDS:
            start = time.monotonic()
            # The two versions run side by side.
            with ThreadPoolExecutor(2) as pool:
                results = list(pool.map(lambda target: run(*target, command, args.corpus, files), roots))
            outputs = []
            for (name, _), (stdout, stderr, status) in zip(versions, results):
                outputs.append((f"exit {status}\n{normalised(stderr, places)}", normalised(stdout, places)))
                print(f"govlint {' '.join(command)} at {name}: {len(stdout)} characters out, exit {status}")
            print(f"  {len(files)} papers, {time.monotonic() - start:.1f}s")
            (head_a, out_a), (head_b, out_b) = outputs
            if (head_a, out_a) == (head_b, out_b):
                print(f"  same output ({'module paths normalised' if _MODULE_PATH.search(out_b + head_b) else 'byte for byte'})")
                continue
            differ = True
            for a, b, what in ((head_a, head_b, "exit status and standard error"), (out_a, out_b, "standard output")):
                if a != b:
                    diff = list(difflib.unified_diff(a.splitlines(), b.splitlines(), versions[0][0], versions[1][0], lineterm="", n=2))
                    print(f"  {what} differ:\n" + "\n".join(diff[:60]) + ("\n  …" if len(diff) > 60 else ""))
    print(f"{len(files)} papers: " + ("outputs differ" if differ else "the same output from both versions"))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
