"""Reading and checking on a Dask cluster (--executor dask): a LocalCluster of two worker processes."""
from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.bench_report import write_corpus
from govlint.checks.cli import main
from govlint.checks.formatters.report_trend import without_trend
from govlint.checks.scale import Scale
from govlint.engine.checking.batch import check_files, parse_files
from govlint.engine.checking.run import RunPlan
from govlint.engine.packs.loader import load_pack
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


def test_check_on_a_local_cluster_prints_what_one_job_prints(papers):
    directory = str(Path(papers[0]).parent)
    results = [
        CliRunner().invoke(main, ["check", directory, "--no-config", "--format", "json", "--today", "2025-06-01", *options])
        for options in (["--jobs", "1"], ["--executor", "dask", "--jobs", "2"])
    ]
    assert results[0].exit_code == 2 and '"findings"' in results[0].stdout
    assert [(r.exit_code, r.stdout, r.stderr) for r in results[1:]] == [(r.exit_code, r.stdout, r.stderr) for r in results[:1]]


def _plan() -> RunPlan:
    return RunPlan.of([load_pack("kent-county-council")])


def test_the_workers_check_what_they_read(cluster, papers):
    plan = _plan()
    on_cluster = list(Scale(cluster=cluster).check(papers, DEFAULT_MAX_BYTES, plan, 1, None))
    assert on_cluster == list(check_files(papers, DEFAULT_MAX_BYTES, plan))
    assert sum(isinstance(result, str) for result in on_cluster) == 1
    assert sum(len(result.findings) for result in on_cluster if not isinstance(result, str)) > 0
    # What came back is what the run keeps of a paper, not the paper: no documents, no lines.
    assert all(result.kept.documents == [] for result in on_cluster if not isinstance(result, str))


def _kill_one_worker_after_the_first_paper(cluster) -> tuple[list, object]:
    """The progress callback that kills a worker, and what it did: [(pid, done, total)]."""
    cluster.client.wait_for_workers(2, timeout=60)
    pids = cluster.client.run(os.getpid)
    killed = []

    def kill_one_worker(done: int, total: int) -> None:
        if not killed:  # after the first paper: every other task is queued, running or done but not fetched
            pid = sorted(pids.items())[0][1]
            os.kill(pid, signal.SIGKILL)
            killed.append((pid, done, total))

    return killed, kill_one_worker


def _replaced(cluster, killed) -> None:
    assert killed and killed[0][1] < killed[0][2]
    # The nanny starts a new worker process in place of the killed one.
    cluster.client.wait_for_workers(2, timeout=60)
    assert killed[0][0] not in cluster.client.run(os.getpid).values()


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(cluster, papers):
    expected = parse_files(papers, DEFAULT_MAX_BYTES)
    killed, kill_one_worker = _kill_one_worker_after_the_first_paper(cluster)
    results = parse_files(papers, DEFAULT_MAX_BYTES, on_progress=kill_one_worker, cluster=cluster)
    assert results == expected
    _replaced(cluster, killed)


def test_a_worker_killed_mid_check_loses_and_doubles_nothing(cluster, papers):
    plan = _plan()
    expected = list(check_files(papers, DEFAULT_MAX_BYTES, plan))
    killed, kill_one_worker = _kill_one_worker_after_the_first_paper(cluster)
    results = list(Scale(cluster=cluster).check(papers, DEFAULT_MAX_BYTES, plan, 1, kill_one_worker))
    assert results == expected
    _replaced(cluster, killed)


def test_a_report_through_the_store_on_a_cluster_is_byte_identical(cluster, papers, tmp_path):
    """The workers check papers taken from the store as well as those they read."""
    copied = tmp_path / "papers"
    copied.mkdir()
    for name in papers:
        (copied / Path(name).name).write_bytes(Path(name).read_bytes())
    store = str(tmp_path / "results.db")

    def report(name: str, *options: str) -> bytes:
        out = tmp_path / name
        result = CliRunner().invoke(main, ["report", str(copied), "-o", str(out), "--no-config", "--today", "2025-06-01", *options])
        assert result.exit_code == 2, result.stderr
        return out.read_bytes()

    on_cluster = ("--store", store, "--executor", "dask", "--scheduler", cluster.client.scheduler.address)
    assert report("first.html", *on_cluster) == report("plain.html", "--jobs", "1")
    edited = sorted(copied.glob("*.txt"))[3]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nRevised.\n", encoding="utf-8")
    second = report("second.html", *on_cluster).decode("utf-8")
    assert without_trend(second, "html").encode("utf-8") == report("plain2.html", "--jobs", "1") != second.encode("utf-8")
