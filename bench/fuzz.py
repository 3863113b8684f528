"""Fuzzing govlint with hypothesis: mutated paper text, random bytes, random pack and config YAML.

    python -m bench.fuzz [--minutes 10] [--seed 0]

Each property runs one govlint command in-process and holds it to the promises about hostile
input: no traceback, exit status 0, 1 or 2, and a bounded time. tests/test_fuzz.py runs the
same properties with a fixed seed and a short budget; this script runs them for as long as it
is given, a new seed each round, and prints how many cases ran.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import seed as fixed_seed
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "papers"
# One case may take this long (a big generated paper, a pack compiled for the first time).
CASE_SECONDS = 10

_SEEDS = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.txt"))]
_PACK = yaml.safe_load((REPO / "rules" / "england-executive-decisions.yaml").read_text(encoding="utf-8"))


def run(args: list[str]) -> int:
    """`govlint ARGS` in-process; fails on a traceback, an exit status outside 0-2 or a slow run."""
    from govlint.checks.cli import main

    start = time.perf_counter()
    result = CliRunner().invoke(main, args, catch_exceptions=True)
    seconds = time.perf_counter() - start
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"govlint {args} raised {type(result.exception).__name__}: {result.exception}") from result.exception
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
    assert "Traceback" not in result.output, result.output
    assert seconds < CASE_SECONDS, (args, seconds)
    return result.exit_code


# --- strategies -----------------------------------------------------------------------------

_PIECES = st.sampled_from(["\x00", "\t", "\r", "\n\n", "(", "@", "£", "Page 1", "P\nage 2", "RECORD OF DECISION", "Decision No:",
                           "From:", "To:", "Subject:", "\ufeff", "\u202e", "é", "𝔘", " " * 200, "a" * 3000, "|", "**", "#"])


@st.composite
def mutated_papers(draw) -> str:
    """A real example paper with pieces cut, repeated and inserted at random places."""
    text = draw(st.sampled_from(_SEEDS))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(text)))
        step = draw(st.sampled_from(["insert", "delete", "repeat", "text"]))
        if step == "insert":
            text = text[:at] + draw(_PIECES) + text[at:]
        elif step == "delete":
            text = text[:at] + text[at + draw(st.integers(0, 400)) :]
        elif step == "repeat":
            text = text[:at] + text[at : at + draw(st.integers(0, 300))] * draw(st.integers(1, 20)) + text[at:]
        else:
            text = text[:at] + draw(st.text(max_size=40)) + text[at:]
    return text


_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=False),
                     st.text(max_size=30), st.sampled_from(["{decision_no:>200}", "(a+)+$", "*", "decision", "meeting", "error",
                                                            "title", "2020-01-01", "{param.x}", "[", "!!python/object"]))
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(st.text(max_size=12), inner, max_size=4)), max_leaves=20)


@st.composite
def mutated_packs(draw) -> dict:
    """The shipped baseline pack with some of its values (deep or shallow) replaced at random."""
    pack = yaml.safe_load(yaml.safe_dump(_PACK))
    pack["id"] = "fuzzed"
    for _ in range(draw(st.integers(1, 6))):
        node = pack
        path = []
        while isinstance(node, (dict, list)) and node and draw(st.booleans()):
            key = draw(st.sampled_from(sorted(node, key=str) if isinstance(node, dict) else list(range(len(node)))))
            path.append((node, key))
            node = node[key]
        if path:
            parent, key = path[-1]
            parent[key] = draw(_VALUES)
    return pack


_CONFIG_KEYS = st.sampled_from(["packs", "include", "exclude", "fail_on", "baseline", "waivers", "rules", "severity", "parameters"])
configs = st.dictionaries(_CONFIG_KEYS, _VALUES, max_size=5)


# --- properties -----------------------------------------------------------------------------


def parse_text(text: str, folder: Path) -> None:
    path = folder / "paper.txt"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    run(["parse", "--format", "json", str(path)])


def parse_bytes(data: bytes, suffix: str, folder: Path) -> None:
    path = folder / f"paper{suffix}"
    path.write_bytes(data)
    run(["parse", str(path)])


def validate_pack(pack, folder: Path) -> None:
    path = folder / "fuzzed.yaml"
    path.write_text(yaml.safe_dump(pack, allow_unicode=True), encoding="utf-8")
    run(["rules", "validate", str(path)])


def check_with_config(config, folder: Path) -> None:
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    paper = folder / "paper.txt"
    paper.write_text(_SEEDS[0], encoding="utf-8")
    run(["check", "--config", str(path), str(paper)])


PROPERTIES = {
    "mutated paper text": (parse_text, (mutated_papers(),)),
    "random bytes": (parse_bytes, (st.binary(max_size=4096), st.sampled_from([".txt", ".pdf", ".docx"]))),
    "random PDF tail": (parse_bytes, (st.binary(max_size=2048).map(lambda tail: b"%PDF-1.4\n" + tail), st.just(".pdf"))),
    "random zip tail": (parse_bytes, (st.binary(max_size=2048).map(lambda tail: b"PK\x03\x04" + tail), st.just(".docx"))),
    "mutated pack": (validate_pack, (mutated_packs(),)),
    "random pack YAML": (validate_pack, (_VALUES,)),
    "random config": (check_with_config, (configs,)),
}


def fuzz(name: str, examples: int, seed: int | None) -> int:
    """Run one property on `examples` cases (a fixed seed when `seed` is given); the count run."""
    prop, strategies = PROPERTIES[name]
    count = 0

    @settings(max_examples=examples, deadline=None, derandomize=seed is None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.tuples(*strategies))
    def case(values) -> None:
        nonlocal count
        count += 1
        with tempfile.TemporaryDirectory() as folder:
            prop(*values, Path(folder))

    (fixed_seed(seed)(case) if seed is not None else case)()
    return count


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--seed", type=int, default=None, help="first seed (default: random)")
    options = parser.parse_args(argv)
    stop = time.monotonic() + options.minutes * 60
    seed = options.seed if options.seed is not None else random.randrange(2**32)
    totals = dict.fromkeys(PROPERTIES, 0)
    while time.monotonic() < stop:
        for name in PROPERTIES:
            totals[name] += fuzz(name, 50, seed)
            seed += 1
        print(", ".join(f"{name}: {count}" for name, count in totals.items()), flush=True)
    print(f"{sum(totals.values())} cases, no failure")


if __name__ == "__main__":
    main(sys.argv[1:])
