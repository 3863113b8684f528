"""Parsing many papers at once, spread over processes, with results in file order.

Only parsing is spread: it is pure per file and is where a corpus run spends its time.
Rule checking stays with the caller, in one process, because durable_rules registers its
rulesets per process and cross-record rules need every paper together anyway.
`ProcessPoolExecutor.map` yields in submission order, so the output does not depend on
which worker finished first, and `jobs=1` runs in-process with the same results.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import nullcontext
from itertools import repeat

from govlint.engine.extraction import paper as parse
from govlint.engine.moderngov.fetched import fetched_entry, read_fetched
from govlint.engine.profiles.loader import named_profile
from govlint.engine.reading.files import UnreadablePaper, read_paper
from govlint.engine.records.model import ParsedPaper

# Files per task: large enough that pickling and scheduling do not dominate a small paper's
# parse time, small enough that the progress bar still moves on a corpus of a few hundred.
_CHUNK = 8


def default_jobs() -> int:
    """The cores this process may run on (not all the machine's, under a CPU quota or taskset)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def parse_file(name: str, max_bytes: int, profile: str | None = None) -> ParsedPaper | str:
    """The parsed paper, or a one-line message saying why `name` could not be read or parsed.

    `profile` names the reader profile (or its file) to read every paper with; None: each
    paper's own, chosen by what it shows.
    """
    try:
        chosen = named_profile(profile) if profile else None
        # A file saved by `govlint fetch` is read by what its manifest says it is.
        fetched = fetched_entry(name)
        if fetched:
            return read_fetched(name, *fetched, max_bytes, chosen)
        return parse.parse_paper(read_paper(name, max_bytes), chosen)
    except UnreadablePaper as problem:
        return str(problem)
    except Exception as error:  # noqa: BLE001 - a bug in one extractor must not cost the other files
        return f"{name}: internal error while parsing ({type(error).__name__}: {error}); please report this"


def parse_files(
    files: list[str],
    max_bytes: int,
    jobs: int = 1,
    on_progress: Callable[[int, int], None] | None = None,
    profile: str | None = None,
) -> list[ParsedPaper | str]:
    """`parse_file` of each of `files`, in the same order; `on_progress(done, total)` after each file."""
    pool = None
    if jobs > 1 and len(files) > 1:
        # Imported here: multiprocessing costs a pre-commit run on one paper a noticeable start-up.
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=min(jobs, len(files)))
    with pool or nullcontext():
        arguments = (files, repeat(max_bytes), repeat(profile))
        mapped = pool.map(parse_file, *arguments, chunksize=_CHUNK) if pool else map(parse_file, *arguments)
        results = []
        for result in mapped:
            results.append(result)
            if on_progress:
                on_progress(len(results), len(files))
    return results
