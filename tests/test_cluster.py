"""Parsing on a Dask cluster (--executor dask): a LocalCluster of two worker processes."""
from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.bench_report import write_corpus
from govlint.checks.cli import main
from govlint.engine.checking.batch import parse_files
from govlint.engine.reading.files import DEFAULT_MAX_BYTES

pytest.importorskip("distributed", reason="the dask extra is not installed: pip install 'govlint[dask]'")


@pytest.fixture(scope="module")
def papers(tmp_path_factory) -> list[str]:
    directory = tmp_path_factory.mktemp("papers")
    write_corpus(directory, 64, seed=11)
    # A paper no reader can take: its message must come back in its place, as in one process.
    (directory / "paper-00030.pdf").write_bytes(b"%PDF-1.4 truncated")
    return sorted(str(path) for path in directory.iterdir())


@pytest.fixture(scope="module")
def cluster():
    from govlint.engine.checking.cluster import DaskCluster

    with DaskCluster(None, 2) as running:
        yield running


def test_a_cluster_parses_as_one_process_does(cluster, papers):
    assert parse_files(papers, DEFAULT_MAX_BYTES, cluster=cluster) == parse_files(papers, DEFAULT_MAX_BYTES)


def test_report_on_a_scheduler_is_byte_identical_to_one_job(cluster, papers, tmp_path):
    directory = str(Path(papers[0]).parent)
    outputs = []
    for options in (["--jobs", "1"], ["--executor", "dask", "--scheduler", cluster.client.scheduler.address]):
        out = tmp_path / f"report-{len(outputs)}.html"
        result = CliRunner().invoke(main, ["report", directory, "-o", str(out), "--no-config", "--today", "2025-06-01", *options])
        assert result.exit_code == 2, result.stderr  # the unreadable PDF
        outputs.append((out.read_bytes(), result.stderr))
    assert outputs[0] == outputs[1]


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(cluster, papers):
    expected = parse_files(papers, DEFAULT_MAX_BYTES)
    pids = cluster.client.run(os.getpid)
    killed = []

    def kill_one_worker(done: int, total: int) -> None:
        if not killed:  # after the first paper: every other task is queued, running or done but not fetched
            address, pid = sorted(pids.items())[0]
            os.kill(pid, signal.SIGKILL)
            killed.append((address, done, total))

    results = parse_files(papers, DEFAULT_MAX_BYTES, on_progress=kill_one_worker, cluster=cluster)
    assert killed and killed[0][1] < killed[0][2]
    assert results == expected
    # The nanny started a new worker process in place of the killed one.
    cluster.client.wait_for_workers(2, timeout=60)
    assert set(cluster.client.run(os.getpid).values()) != set(pids.values())
