"""Regular expressions that come from data (reader profiles, packs), compiled only when safe.

Papers are untrusted and long, so a pattern run over them must take time linear in the text.
Python's engine backtracks: a repeat inside a repeat (`(a+)+`, `(\\w+\\s?)*`) or a
backreference can take exponential time on a line built to trigger it. Patterns from data
are therefore refused when they nest unbounded repeats, use backreferences, or are very long;
a phrase (plain words) is turned into a pattern that has neither.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

try:  # Python 3.11+: the parser moved under a private name; its tree is what we walk.
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_parse  # type: ignore[no-redef]

T = TypeVar("T")
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
    _check(_valid(text, lambda: sre_parse.parse(text, flags)), False)
    return re.compile(text, flags)


def any_safe_pattern(texts: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One pattern matching where any of `texts` does, each a pattern safe_pattern accepted (a
    profile's, which its loader checks), or UnsafePattern. Each in a group of its own, they
    nest no repeat in another, so the whole is not walked again: a profile's words are
    compiled thirty times a run, and the walk took as long as the compiling."""
    text = "|".join(f"(?:{text})" for text in texts) or "(?!)"
    return _valid(text, lambda: re.compile(text, flags))


def _valid(text: str, parse: Callable[[], T]) -> T:
    """What `parse` makes of `text`, or UnsafePattern when it is too long or not a regular expression."""
    if len(text) > MAX_PATTERN_LENGTH:
        raise UnsafePattern(f"longer than {MAX_PATTERN_LENGTH} characters")
    try:
        return parse()
    except (re.error, RecursionError, OverflowError) as error:
        raise UnsafePattern(f"not a valid regular expression: {error}") from None


_LITERAL = sre_parse.LITERAL
_ZERO_WIDTH = (sre_parse.AT, sre_parse.ASSERT, sre_parse.ASSERT_NOT)
_SHORTEST_WORD = 3


def required_words(pattern: re.Pattern[str]) -> tuple[tuple[tuple[str, ...], ...], ...] | None:
    """What each alternative of `pattern` cannot match without, as lower-case literal runs:
    for each alternative, clauses that must all hold, each clause the runs one of which must be
    in the text (a group of alternatives inside gives one clause: "(?:public|residents)").
    Runs are three characters or more, or two with a digit ("11" in "regulation 11"). None when
    some alternative requires no run at all.

    A text (lower-cased) that holds none of an alternative's runs of one clause holds no match
    of that alternative: substring searches find the few places worth a search, where a search
    would try the pattern at every character.
    """
    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError):
        return None
    needed = []
    for branch in _alternatives(list(tree)):
        clauses = _clauses(branch)
        if not clauses:
            return None
        needed.append(clauses)
    return tuple(needed)


def _clauses(sequence: list) -> tuple[tuple[str, ...], ...]:
    """The literal runs a sequence requires: each run alone, and for a group of alternatives
    the longest run of each (when every alternative has one)."""
    clauses = [(run.lower(),) for run in _literal_runs(sequence) if _long_enough(run)]
    for op, argument in sequence:
        if op is sre_parse.SUBPATTERN:
            options = [list(argument[-1])]
        elif op is sre_parse.BRANCH:
            options = [list(alternative) for alternative in argument[1]]
        else:
            continue
        longest = [max((run for run in _literal_runs(_flat(option)) if _long_enough(run)), key=len, default="") for option in options]
        if all(longest):
            clauses.append(tuple(run.lower() for run in longest))
    return tuple(clauses)


def _flat(sequence: list) -> list:
    """A sequence with a lone group opened (its alternatives left as they are)."""
    return list(sequence[0][1][-1]) if len(sequence) == 1 and sequence[0][0] is sre_parse.SUBPATTERN else sequence


def _long_enough(run: str) -> bool:
    return len(run) >= _SHORTEST_WORD or (len(run) >= 2 and any(c.isdigit() for c in run))


def _alternatives(sequence: list) -> list[list]:
    """The top-level alternatives of a parsed sequence, through plain groups and the
    zero-width tests the parser factors out of them ("\\b(?:a|b)")."""
    consuming = [(op, argument) for op, argument in sequence if op not in _ZERO_WIDTH]
    if len(consuming) == 1:
        op, argument = consuming[0]
        if op is sre_parse.SUBPATTERN:
            return _alternatives(list(argument[-1]))
        if op is sre_parse.BRANCH:
            return [branch for alternative in argument[1] for branch in _alternatives(list(alternative))]
    return [sequence]


def _literal_runs(sequence: list) -> list[str]:
    """The runs of literal characters a sequence must match, one after another."""
    runs, run = [], []
    for op, argument in sequence:
        if op is _LITERAL:
            run.append(chr(argument))
            continue
        runs.append("".join(run))
        run = []
    runs.append("".join(run))
    return runs


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
