"""Compiled regular expressions kept between runs (in engine.common.cache).

Python compiles a regular expression with a parser and a compiler written in Python, and a
one-paper run compiles some 240 of them (the reader profile's labels and wordings, the readers'
own patterns): a quarter of the run, the same on every run of a pre-commit hook. What the
compiler makes is a list of integers for the matcher in C, which depends on nothing but the
pattern, its flags and the Python build; `_sre.compile` turns such a list into a pattern in
microseconds. So the patterns two runs in a row compiled are kept, as those lists, and later
runs put them into `re`'s own cache of compiled patterns before any is asked for: `re.compile`,
`re.search` and the rest then find them there, whoever calls them, and compile only the others.

This leans on `re`'s private parts (`re._cache`, the compiler's `_code` and `_sre.compile`, as
`re._compiler.compile` itself uses them); the entry is kept per Python build, and one that does
not read back or compile in full is not used at all, so another Python only costs the time saved.
The patterns are the same objects `re` would make: same text, flags, groups and matching.
"""
from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Iterator
from contextlib import contextmanager

import _sre

from govlint.engine.common import cache

_KIND = "patterns"
# What the lists depend on besides the patterns: the Python build (its version string names
# the build) and the matcher's own version of its code.
_KEY = (sys.version, str(_sre.MAGIC), str(_sre.CODESIZE))
# The code as bytes: a pickle of bytes reads back some ten times faster than one of integers.
_CODE = "I" if array("I").itemsize == _sre.CODESIZE else "L"

# The kept patterns this process has put into `re`'s cache: (text, flags) -> the arguments of
# `_sre.compile`, the code as bytes.
_kept: dict[tuple[str, int], tuple] = {}
# Patterns the last run compiled that are not kept. A pattern is kept when a second run
# compiles it: those that checking a pack or a profile compiles (once, as its loaded form is
# then cached) would otherwise fill `re`'s cache, and the time to read them, for good.
_seen: frozenset[tuple[str, int]] = frozenset()
_read = False


@contextmanager
def kept() -> Iterator[None]:
    """Inside: the patterns kept by earlier runs are compiled already. On leaving, those
    compiled meanwhile are kept too (or noted, to be kept when compiled again)."""
    global _read
    if not _read:
        _read = True
        _put_into_re(cache.read_entry(_KIND, _KEY))
    try:
        yield
    finally:
        _keep_new()


def _put_into_re(entry) -> None:
    """`re`'s cache filled from an entry, all of it or (a damaged entry) none."""
    global _seen
    compiled = {}
    try:
        rows, seen = entry
        for text, flags, arguments in rows:
            pattern, final_flags, code, *groups = arguments
            if type(text) is not str or pattern != text:
                return
            compiled[text, flags] = _sre.compile(text, final_flags, array(_CODE, code).tolist(), *groups), arguments
        seen = frozenset((text, flags) for text, flags in seen)
    except Exception:  # noqa: BLE001 - no entry, a damaged one or another Python's: compiled as usual
        return
    room = max(0, re._MAXCACHE - len(re._cache))
    for (text, flags), (pattern, arguments) in list(compiled.items())[:room]:
        re._cache.setdefault((str, text, flags), pattern)
        _kept[text, flags] = arguments
    _seen = seen


def _keep_new() -> None:
    """The entry written again when `re` compiled patterns it lacks. It holds what `re`'s cache
    holds, which `re` bounds (past re._MAXCACHE it drops its oldest pattern): never more."""
    global _seen
    held = [(text, flags) for kind, text, flags in list(re._cache) if kind is str]
    fresh = [key for key in held if key not in _kept]
    again = [key for key in fresh if key in _seen]
    if (not again and frozenset(fresh) == _seen) or cache.cache_dir() is None:
        return
    for key in again:
        try:
            _kept[key] = _arguments(*key)
        except Exception:  # noqa: BLE001 - re's private compiler changed: the pattern is compiled as usual
            continue
    _seen = frozenset(fresh) - frozenset(again)
    rows = [(text, flags, _kept[text, flags]) for text, flags in held if (text, flags) in _kept]
    cache.write_entry(_KIND, _KEY, (rows, sorted(_seen)))


def _arguments(text: str, flags: int) -> tuple:
    """What `re._compiler.compile(text, flags)` hands to `_sre.compile`, as plain data."""
    parsed = re._parser.parse(text, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    code = array(_CODE, re._compiler._code(parsed, flags)).tobytes()
    return text, int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup)
