"""How often Python's cycle collector runs while a corpus is read and checked.

A run builds many objects that live to its end (records, findings, evidence) and almost no
reference cycles: over 4,000 generated papers a report leaves 391 objects in cycles. The
collector's default, a young-generation pass every 700 allocations, walks those live objects
again and again: about 5% of a run's CPU, and more of the parent's at `--jobs 2`, where it
takes in every paper's results. A pass every 50,000 allocations still collects what cycles
there are, for a small share of that cost. The setting holds for the run only (worker
processes forked during it inherit it): a long-lived process that also runs other work (the
upload page's server, a test session) keeps the default for the rest.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 50_000


@contextmanager
def collecting_less_often() -> Iterator[None]:
    """The young generation's threshold raised while the block runs, then put back."""
    previous = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)
