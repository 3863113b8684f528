"""Fuzzing (issue 11): hypothesis feeds govlint mutated paper text, random bytes named as each
kind of paper, and random or mutated pack and config YAML. Every case must end without a
traceback, with exit status 0, 1 or 2, in bounded time (bench/fuzz.py: the properties, and a
longer run). The cases are derandomized, so CI runs the same ones every time."""
from __future__ import annotations

import pytest

from bench import fuzz

# Cases per property in the suite; `python -m bench.fuzz --minutes N` runs many more.
EXAMPLES = 30


@pytest.mark.parametrize("name", sorted(fuzz.PROPERTIES))
def test_hostile_input_never_gives_a_traceback(name: str) -> None:
    assert fuzz.fuzz(name, EXAMPLES, seed=None) == EXAMPLES
