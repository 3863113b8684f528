"""Every pattern govlint runs on paper text or pack input takes time linear in its input.

The patterns are found, not listed: every compiled `re`/`regex` pattern at module level in
govlint.engine (alone or in a tuple, list or dict), every `matches` pattern of the shipped
packs, and every string in the reader profiles (engine/profiles) that compiles as a pattern.
So a pattern added later is held to the same rule without touching this test.

Each is searched (finditer: from every position, the costliest way a pattern is used) in
adversarial lines at two lengths, four times apart; a linear pattern takes about four times as
long on the longer, a quadratic one sixteen times.
"""
from __future__ import annotations

import importlib
import pkgutil
import re
import time
from pathlib import Path

import pytest
import regex
import yaml

import govlint.engine as engine
from govlint.engine.packs.loader import packs_dir

SHORT, LONG = 4_000, 16_000
# libyaml where PyYAML has it, as govlint reads packs and profiles (the pure-Python parser
# rejects some plain scalars libyaml takes, such as "key decision?" in a flow list).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Below this many seconds on the long line a pattern is fast whatever its growth.
NOTICEABLE_S = 0.02
# Linear growth is 4; allow for timer noise on a loaded machine, well short of quadratic (16).
MAX_GROWTH = 10
_RUNS = ["a", "A", "1", "(", ")", " ", "\t", "x", ".", "-", "@", ":", "/", "£", "*", "_", "#", ",", "'", "\n"]
_ENDS = [".x", ")", ":", "@", "!", "\n."]
_UNITS = ["a ", "A ", "ab1", "Aa a", "1,", "1 ", "Page 1 ", "a(", "(a", "a, ", "and ", "£1,000 ", "Committee "]


def adversarial_lines(length: int) -> dict[str, str]:
    """Long runs of one character (spaces, "(", letters, digits, punctuation) and of short units
    (words without spaces, words with spaces), each `length` characters long."""
    lines = {f"run of {char!r}": char * length for char in _RUNS}
    # A run that ends in something else: a pattern that fails at the end of a run retries it
    # from each of its characters when its start is not pinned.
    lines.update({f"run of {char!r} then {end!r}": char * (length - len(end)) + end for char in "a A1 " for end in _ENDS})
    lines.update({f"repeats of {unit!r}": (unit * (length // len(unit) + 1))[:length] for unit in _UNITS})
    return lines


def _compiled_in(value) -> list:
    values = value if isinstance(value, (tuple, list)) else value.values() if isinstance(value, dict) else (value,)
    return [item for item in values if isinstance(item, (re.Pattern, regex.Pattern))]


def engine_patterns() -> dict[str, object]:
    found = {}
    for module in pkgutil.walk_packages(engine.__path__, f"{engine.__name__}."):
        for name, value in vars(importlib.import_module(module.name)).items():
            for pattern in _compiled_in(value):
                found.setdefault(pattern.pattern, (f"{module.name}.{name}", pattern))
    return dict(found.values())


def _strings(data, key: str | None = None):
    if isinstance(data, dict):
        for name, value in data.items():
            yield from _strings(value, name)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value, key)
    elif isinstance(data, str):
        yield key, data


def _load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - a safe loader


def pack_patterns() -> dict[str, object]:
    found = {}
    for path in sorted(packs_dir().rglob("*.yaml")):
        for key, text in _strings(_load(path)):
            if key == "matches":
                found[f"{path.name}: {text}"] = regex.compile(text)
    return found


def profile_patterns() -> dict[str, object]:
    folder = Path(engine.__file__).parent / "profiles"
    found = {}
    for path in sorted(folder.rglob("*.y*ml")) if folder.is_dir() else ():
        for _, text in _strings(_load(path)):
            try:
                found[f"{path.name}: {text}"] = regex.compile(text)
            except regex.error:
                continue  # a label or a word, not a pattern
    return found


PATTERNS = {**engine_patterns(), **pack_patterns(), **profile_patterns()}


def _seconds(pattern, text: str) -> float:
    """CPU seconds, not wall time: on a loaded machine a short run finishes within one time
    slice and a long one waits for several, which would look like growth."""
    # A bytes pattern (the PDF reader's, on a file's bytes) is searched in the line's UTF-8.
    subject = text.encode("utf-8") if isinstance(pattern.pattern, bytes) else text
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for _ in pattern.finditer(subject):
            pass
        best = min(best, time.process_time() - start)
    return best


def test_the_patterns_are_found() -> None:
    # The engine's readers alone have about a hundred; far fewer means the walk broke.
    assert len(engine_patterns()) > 50
    assert pack_patterns()


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_is_linear_on_adversarial_lines(name: str) -> None:
    pattern = PATTERNS[name]
    short, long = adversarial_lines(SHORT), adversarial_lines(LONG)
    slow = []
    for line in long:
        taken = _seconds(pattern, long[line])
        if taken >= NOTICEABLE_S and taken > MAX_GROWTH * _seconds(pattern, short[line]):
            slow.append(f"{line}: {taken:.3f} s on {LONG:,} characters")
    assert not slow, f"{name} ({pattern.pattern!r}) is worse than linear: {slow}"
