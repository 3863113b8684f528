"""Regular expressions that come from data (reader profiles, packs), compiled only when safe.

Papers are untrusted and long, so a pattern run over them must take time linear in the text.
Python's engine backtracks: a repeat inside a repeat (`(a+)+`, `(\\w+\\s?)*`) or a
backreference can take exponential time on a line built to trigger it. Patterns from data
are therefore refused when they nest unbounded repeats, use backreferences, or are very long;
a phrase (plain words) is turned into a pattern that has neither.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

try:  # Python 3.11+: the parser moved under a private name; its tree is what we walk.
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_parse  # type: ignore[no-redef]

MAX_PATTERN_LENGTH = 2_000
_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, getattr(sre_parse, "POSSESSIVE_REPEAT", None)} - {None}
_BACKREFERENCES = {sre_parse.GROUPREF, getattr(sre_parse, "GROUPREF_EXISTS", None)} - {None}


class UnsafePattern(ValueError):
    """A pattern from data that could take more than linear time, or does not compile."""


def _check(tree, inside_repeat: bool) -> None:
    for op, argument in tree:
        if op in _BACKREFERENCES:
            raise UnsafePattern("backreferences are not allowed")
        if op in _REPEATS:
            low, high, body = argument
            unbounded = high is sre_parse.MAXREPEAT or high > 1
            if unbounded and inside_repeat:
                raise UnsafePattern("a repeat inside a repeat can take exponential time; rewrite it without nesting")
            _check(body, inside_repeat or unbounded)
        elif op is sre_parse.SUBPATTERN:
            _check(argument[-1], inside_repeat)
        elif op is sre_parse.BRANCH:
            for branch in argument[1]:
                _check(branch, inside_repeat)
        elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
            _check(argument[1], inside_repeat)


def safe_pattern(text: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """`text` compiled, or UnsafePattern saying why it is refused."""
    if len(text) > MAX_PATTERN_LENGTH:
        raise UnsafePattern(f"longer than {MAX_PATTERN_LENGTH} characters")
    try:
        tree = sre_parse.parse(text, flags)
    except (re.error, RecursionError, OverflowError) as error:
        raise UnsafePattern(f"not a valid regular expression: {error}") from None
    _check(tree, False)
    return re.compile(text, flags)


def phrase_pattern(phrase: str) -> str:
    """Regex text matching `phrase` as written, any run of white space standing for its spaces."""
    return r"\s+".join(re.escape(word) for word in phrase.split())


def wordings(phrases: Iterable[str]) -> list[str]:
    """`phrases` with their spaces made single, once each, longest first."""
    return sorted({" ".join(p.split()) for p in phrases if p.strip()}, key=lambda p: (-len(p), p))


def any_phrase(phrases: Iterable[str]) -> str:
    """One alternation of `phrases`, longest first so that the longest wording wins at a position."""
    ordered = wordings(phrases)
    return "(?:" + "|".join(phrase_pattern(p) for p in ordered) + ")" if ordered else "(?!)"
