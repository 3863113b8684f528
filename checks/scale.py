"""`--store`, `--executor` and `--scheduler`: check and report over a results store and a cluster.

The store and the cluster are opened once per command (`opened`) and handed to the parsing
(shared.parse_papers); the command records its run when it has its findings (`record`), and
`report` may write an output the store already holds for exactly these inputs (`output_key`).
A run with the store prints what a run without it prints. What the store adds (the run's number
and what changed since the last one) goes to standard error; `report` adds it to its report as
a section of its own (checks.formatters.report_trend) once there is a previous report to compare
with, and `report --since RUN` lists the changes on standard output.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field

import click

from govlint.checks.shared import report_problem

EXECUTORS = ("processes", "dask")


def scale_options(command):
    """--store, --executor and --scheduler, as check and report take them."""
    for option in reversed(
        (
            click.option("--store", "store_url", metavar="URL", envvar="GOVLINT_STORE",
                         help="Keep papers' records and runs in this results store (a SQLite file path, or postgresql://USER@HOST/DB); "
                              "papers it has read before are not read again. See docs/scale.md."),
            click.option("--executor", type=click.Choice(EXECUTORS), default="processes", show_default=True,
                         help="Parse papers in local processes, or on a Dask cluster (pip install 'govlint[dask]')."),
            click.option("--scheduler", metavar="tcp://HOST:8786", help="The Dask scheduler for --executor dask. Default: start a local cluster."),
        )
    ):
        command = option(command)
    return command


@dataclass
class Scale:
    """What a command's parsing and recording go through: an open store and cluster, or neither."""

    store: object | None = None
    cluster: object | None = None
    keys: dict[str, str | None] = field(default_factory=dict)  # paper -> content key, as last computed

    def content_keys(self, files: list[str], max_bytes: int) -> list[str | None]:
        from govlint.engine.store.papers import content_key

        for name in files:
            if name not in self.keys:
                self.keys[name] = content_key(name, max_bytes)
        return [self.keys[name] for name in files]

    def parse(self, files: list[str], max_bytes: int, jobs: int, on_progress, profile: str | None = None) -> Iterator:
        """Each paper parsed, or the message saying why it could not be, in file order; with a
        store, its papers taken from it and the others parsed and stored, LOOKUP at a time
        (engine.store.papers)."""
        from govlint.engine.checking.batch import parse_files

        if self.store is None:
            yield from parse_files(files, max_bytes, jobs, on_progress, profile, self.cluster)
            return
        from govlint.engine.store.papers import LOOKUP, parse_through_store

        for start in range(0, len(files), LOOKUP):
            names = files[start : start + LOOKUP]

            def parse(missing: list[str]) -> list:
                return parse_files(missing, max_bytes, jobs, on_progress and (lambda done, _: on_progress(start + done, len(files))), profile, self.cluster)

            results = parse_through_store(self.store, names, self.content_keys(names, max_bytes), parse, profile)
            # A paper that could not be read keeps no key: the run records it as unreadable.
            self.keys.update({name: None for name, result in zip(names, results) if isinstance(result, str)})
            yield from results

    def check(self, files: list[str], max_bytes: int, plan, jobs: int, on_progress, profile: str | None = None):
        """Each paper read and checked alone (engine.checking.run.check_paper), in file order, or
        the message saying why it could not be read. Papers stream: where they are read (local
        processes or the cluster) they are checked, and only what the run keeps of each comes
        back; with a store, its papers are taken from it and checked likewise, the others read."""
        from govlint.engine.checking import batch

        if self.store is None and self.cluster is None:
            yield from batch.check_files(files, max_bytes, plan, jobs, on_progress, profile)
            return

        def in_order(task, chunks):
            if self.cluster is not None:
                return self.cluster.in_order(task, chunks, plan, max_bytes, profile)
            return batch.in_order(task, chunks, plan, max_bytes, profile, min(jobs, len(files)))

        if self.store is None:
            chunks = (files[start : start + batch._CHUNK] for start in range(0, len(files), batch._CHUNK))
            checked = zip(files, (result for results in in_order(batch.check_chunk, chunks) for result in results))
        else:
            from govlint.engine.store.papers import check_through_store

            checked = check_through_store(self.store, files, lambda names: self.content_keys(names, max_bytes), in_order, profile)
        for done, (name, result) in enumerate(checked, 1):
            if isinstance(result, str):
                self.keys[name] = None  # the run records it as unreadable
            if on_progress:
                on_progress(done, len(files))
            yield result


@contextmanager
def opened(store_url: str | None, executor: str, scheduler: str | None, jobs: int | None):
    """The Scale for these options, closed on leaving; a local cluster has `jobs` workers (None: one a core)."""
    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler is for --executor dask")
    with ExitStack() as stack:
        scale = Scale()
        if store_url:
            from govlint.engine.store.store import open_store

            scale.store = stack.enter_context(open_store(store_url))
        if executor == "dask":
            from govlint.engine.checking.batch import default_jobs
            from govlint.engine.checking.cluster import DaskCluster

            scale.cluster = stack.enter_context(DaskCluster(scheduler, jobs or default_jobs()))
        yield scale


def packs_digest(packs) -> str:
    """The packs as loaded and changed by the config: their repr holds every rule, parameter and change."""
    return hashlib.sha256(repr(packs).encode("utf-8")).hexdigest()


def output_key(scale: Scale, files: list[str], max_bytes: int, profile: str | None, **inputs) -> str | None:
    """A digest of everything an output is made from, or None when a paper cannot be read
    (why it cannot may change without its bytes changing)."""
    from govlint.engine import __version__
    from govlint.engine.store.papers import reader_digest

    keys = scale.content_keys(files, max_bytes)
    if None in keys:
        return None
    made_from = {"version": __version__, "reader": reader_digest(profile), "papers": list(zip(files, keys)), **inputs}
    return hashlib.sha256(json.dumps(made_from, sort_keys=True, default=repr).encode("utf-8")).hexdigest()


def scope(paths) -> str:
    """What a run was asked to cover, as a digest: the paths it was given (files and directories), wherever it runs from."""
    return hashlib.sha256(json.dumps(sorted({os.path.abspath(path) for path in paths})).encode("utf-8")).hexdigest()


def record(scale: Scale, command: str, paths, started_at: str, packs, papers: list[str], profile: str | None, findings):
    """The run recorded in the store and what changed since the last run of this command on the
    same `paths` (engine.store.store.Trend, None for the first), said in a line on standard
    error; (None, None) without a store. `findings`: the gated findings, or the id of the run
    whose output (and so findings) this one repeats."""
    if scale.store is None:
        return None, None
    from govlint.engine import __version__
    from govlint.engine.store.papers import reader_digest
    from govlint.engine.store.store import RunFinding

    rows = findings if isinstance(findings, int) else [
        RunFinding(f.fingerprint, f.pack_id, f.rule, f.severity, f.source, f.line, f.decision_no or f.record_key, f.message)
        for f in findings
    ]
    run_id = scale.store.record_run(
        command, scope(paths), started_at, __version__, reader_digest(profile),
        [(pack.id, pack.version, packs_digest(pack)) for pack in packs], packs_digest(packs),
        [(name, scale.keys.get(name)) for name in papers], rows,
    )
    trend = scale.store.trend(run_id)
    since = f"; since run {trend.previous.id} ({trend.previous.started_at}): {len(trend.closed)} gaps closed, {len(trend.new)} new" if trend else ""
    report_problem(f"run {run_id} recorded in {scale.store.shown}{since}")
    return run_id, trend


def read_into_store(scale: Scale, folder: str, started_at: str) -> list[str]:
    """Read the papers in `folder` that the store does not hold into it, and record a `fetch`
    run of all of them; one message per paper that could not be read."""
    from govlint.engine.checking.batch import default_jobs
    from govlint.engine.moderngov.manifest import ManifestError, fetched_papers
    from govlint.engine.reading.files import DEFAULT_MAX_BYTES

    # The folder's papers as check and report find them: those its manifest lists.
    try:
        papers, problems = fetched_papers(folder)
    except ManifestError as error:
        return [str(error)]
    # Streamed: only the messages are kept, not the papers.
    problems += [result for result in scale.parse(sorted(set(papers)), DEFAULT_MAX_BYTES, default_jobs(), None) if isinstance(result, str)]
    record(scale, "fetch", (folder,), started_at, [], sorted(scale.keys), None, [])
    return sorted(problems)


def list_changes(scale: Scale, since: int, run_id: int) -> None:
    """The findings closed and opened between run `since` and run `run_id`, one a line on standard output."""
    closed, new = scale.store.changes(since, run_id)
    for change, findings in (("closed", closed), ("new", new)):
        for f in findings:
            click.echo(f"{change}: {f.source}:{f.line}: {f.severity} {f.pack_id}/{f.rule} [{f.record}]: {f.message}")
