"""Reading many papers at once, spread over processes, with results in file order.

`check_files` streams a corpus: each worker reads a paper and checks it alone
(engine.checking.run.check_paper) and hands back only what the run keeps of it, so the parent
holds a bounded number of papers whatever the corpus's size; the corpus rules run afterwards, on
the kept records of all papers (engine.checking.run.combine). Each worker is given the packs
once, when it starts, and compiles them on first use (durable_rules registers rulesets per
process). Results are taken in submission order, so the output does not depend on which worker
finished first, and `jobs=1` runs in-process with the same results.

`in_order` is that streamed run for any task of a few papers (`check_chunk` here; the results
store's, which takes stored papers' records instead of reading them); a Dask cluster
(engine.checking.cluster) runs the same tasks, and yields in order too. `parse_files` hands back
whole parsed papers, for `govlint parse` and `govlint fetch --store`.
"""
from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from itertools import islice, repeat
from typing import TYPE_CHECKING

from govlint.engine.extraction import paper as parse
from govlint.engine.moderngov.fetched import fetched_entry, read_fetched
from govlint.engine.profiles.loader import named_profile
from govlint.engine.reading.files import UnreadablePaper, read_paper
from govlint.engine.records.model import ParsedPaper

if TYPE_CHECKING:  # the rule engine is imported only by runs that check: not by `govlint parse`
    from govlint.engine.checking.run import PaperCheck, RunPlan

# Files per task: large enough that pickling and scheduling do not dominate a small paper's
# parse time, small enough that the progress bar still moves on a corpus of a few hundred.
_CHUNK = 8
# Tasks queued per worker in a streamed run: enough that a worker never waits for the parent,
# few enough that the papers in flight stay a handful whatever the corpus's size.
_QUEUED = 4


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


def parse_chunk(names: list[str], max_bytes: int, profile: str | None = None) -> list[ParsedPaper | str]:
    """`parse_file` of each name: one cluster task."""
    return [parse_file(name, max_bytes, profile) for name in names]


def parse_files(
    files: list[str],
    max_bytes: int,
    jobs: int = 1,
    on_progress: Callable[[int, int], None] | None = None,
    profile: str | None = None,
    cluster=None,
) -> list[ParsedPaper | str]:
    """`parse_file` of each of `files` (with `profile`), in the same order; `on_progress(done,
    total)` after each file. `cluster` (engine.checking.cluster.DaskCluster, entered) parses
    instead of `jobs` processes."""
    pool = None
    if jobs > 1 and len(files) > 1 and cluster is None:
        # Imported here: multiprocessing costs a pre-commit run on one paper a noticeable start-up.
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=min(jobs, len(files)))
    with pool or nullcontext():
        if cluster is not None:
            chunks = [files[start : start + _CHUNK] for start in range(0, len(files), _CHUNK)]
            mapped = (result for chunk in cluster.map_in_order(parse_chunk, chunks, max_bytes, profile) for result in chunk)
        else:
            arguments = (files, repeat(max_bytes), repeat(profile))
            mapped = pool.map(parse_file, *arguments, chunksize=_CHUNK) if pool else map(parse_file, *arguments)
        results = []
        for result in mapped:
            results.append(result)
            if on_progress:
                on_progress(len(results), len(files))
    return results


def check_file(name: str, max_bytes: int, plan: RunPlan, profile: str | None = None) -> PaperCheck | str:
    """`name` read and checked alone, or the one-line message saying why it could not be read."""
    from govlint.engine.checking.run import check_paper

    parsed = parse_file(name, max_bytes, profile)
    return parsed if isinstance(parsed, str) else check_paper(parsed, plan)


def check_chunk(names: list[str], plan: RunPlan, max_bytes: int, profile: str | None = None) -> list[PaperCheck | str]:
    """`check_file` of each name: one task of a streamed run (`in_order`)."""
    return [check_file(name, max_bytes, plan, profile) for name in names]


# A worker process's run: the plan, the size limit and the profile, given once when it starts.
_worker_run: tuple[RunPlan, int, str | None] | None = None


def _start_worker(plan: RunPlan, max_bytes: int, profile: str | None) -> None:
    global _worker_run
    _worker_run = (plan, max_bytes, profile)


def _in_worker(task: Callable, chunk: list) -> list:
    return task(chunk, *_worker_run)


def check_files(
    files: list[str],
    max_bytes: int,
    plan: RunPlan,
    jobs: int = 1,
    on_progress: Callable[[int, int], None] | None = None,
    profile: str | None = None,
) -> Iterator[PaperCheck | str]:
    """`check_file` of each of `files`, in the same order, over `jobs` processes, with at most
    `_QUEUED` tasks of `_CHUNK` papers per process under way; `on_progress(done, total)` after each."""
    if jobs <= 1 or len(files) <= 1:
        checked = (check_file(name, max_bytes, plan, profile) for name in files)
    else:
        chunks = (files[start : start + _CHUNK] for start in range(0, len(files), _CHUNK))
        checked = (result for results in in_order(check_chunk, chunks, plan, max_bytes, profile, min(jobs, len(files))) for result in results)
    for done, result in enumerate(checked, 1):
        if on_progress:
            on_progress(done, len(files))
        yield result


def in_order(task: Callable, chunks: Iterable[list], plan: RunPlan, max_bytes: int, profile: str | None, jobs: int) -> Iterator[list]:
    """`task(chunk, plan, max_bytes, profile)` of each chunk, in the chunks' order, over `jobs`
    processes (in this one for a single job), each given the plan once, with at most `_QUEUED`
    tasks per process under way; `chunks` is drawn only as tasks are submitted."""
    if jobs <= 1:
        yield from (task(chunk, plan, max_bytes, profile) for chunk in chunks)
        return
    # Imported here: multiprocessing costs a pre-commit run on one paper a noticeable start-up.
    from concurrent.futures import ProcessPoolExecutor

    chunks = iter(chunks)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(plan, max_bytes, profile)) as pool:
        queued = deque(pool.submit(_in_worker, task, chunk) for chunk in islice(chunks, jobs * _QUEUED))
        while queued:
            results = queued.popleft().result()
            queued.extend(pool.submit(_in_worker, task, chunk) for chunk in islice(chunks, 1))
            yield results
