"""The corpus rules run on parts of a corpus in workers (engine.checking.partition) find what they
find on the whole corpus in one process: on the shared corpus and on generated papers, in any
order of the papers, at any --jobs, with wide join keys given to the parts as context."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from bench.bench_report import write_corpus
from govlint.checks.shared import checked_inputs
from govlint.engine.checking import partition
from govlint.engine.checking.partition import corpus_tasks
from govlint.engine.checking.run import RunPlan, combine
from govlint.engine.corpus.link import link_papers
from govlint.engine.packs.facts import Run, join_of, paper_records
from govlint.engine.packs.loader import load_pack
from govlint.engine.packs.model import RecordExists, subconditions

PLAN = RunPlan.of([load_pack("kent-county-council")])


@pytest.fixture(scope="module")
def shared_checks(corpus_dir: Path) -> list:
    checks, _ = checked_inputs((str(corpus_dir),), 2**24, PLAN, 2)
    return checks


@pytest.fixture(scope="module")
def generated_checks(tmp_path_factory) -> list:
    # bench_report's papers: a few titles over and over, so cases are large, and every meeting
    # is of one committee, so the join on the committee is a wide key.
    folder = tmp_path_factory.mktemp("generated")
    write_corpus(folder, 240)
    checks, problems = checked_inputs((str(folder),), 2**20, PLAN, 2)
    assert not problems
    return checks


def _joins(plan: RunPlan) -> list[RecordExists]:
    return [node for pack in plan.corpus for rule in pack.rules for node in subconditions(rule.when) if isinstance(node, RecordExists)]


@pytest.mark.parametrize("corpus", ["shared_checks", "generated_checks"])
@pytest.mark.parametrize("wide", [partition.WIDE, 3])
def test_a_partitioned_run_equals_the_whole_run(corpus, wide, request, monkeypatch) -> None:
    checks = request.getfixturevalue(corpus)
    whole = combine(checks, PLAN, 1)
    assert any(finding.related for finding in whole.findings)  # the corpus rules joined records
    monkeypatch.setattr(partition, "WIDE", wide)
    rng = random.Random(wide)
    for jobs in (2, 3):
        shuffled = rng.sample(checks, len(checks))
        assert len(corpus_tasks(link_papers([check.kept for check in shuffled]), PLAN.corpus, 2 * jobs)) > 1
        assert combine(shuffled, PLAN, jobs) == whole


@pytest.mark.parametrize("wide", [partition.WIDE, 1])
def test_every_record_a_join_may_find_is_in_the_part_that_checks_the_record(generated_checks, wide, monkeypatch) -> None:
    """The argument of engine.checking.partition, checked directly: each join's candidates for
    every home record of a part (from the whole corpus's index) are all among the part's papers."""
    monkeypatch.setattr(partition, "WIDE", wide)
    papers = sorted(link_papers([check.kept for check in generated_checks]), key=lambda paper: paper.source)
    everything = Run([record for paper in papers for record in paper_records(paper)])
    tasks = corpus_tasks(papers, PLAN.corpus, 5)
    assert len(tasks) == 5 and sorted(position for task in tasks for position in task.home) == list(range(len(papers)))
    looked_into = 0
    for task in tasks:
        held = {paper.source for paper in task.papers}
        looked_into += len(task.papers) - len(task.home)
        for position in task.home:
            for record in paper_records(papers[position]):
                for join in _joins(PLAN):
                    assert {other["source"] for other in everything.candidates(join, record)} <= held
    assert looked_into > 0  # the committee's meetings, a wide key, were given as context


def test_a_join_without_a_key_keeps_the_corpus_whole(generated_checks, tmp_path: Path) -> None:
    pack_file = tmp_path / "keyless.yaml"
    pack_file.write_text(
        "id: keyless\ntitle: Keyless\nversion: 1.0.0\nrules:\n"
        "  - id: later-meeting\n    title: A later meeting\n    severity: info\n    applies_to: {kinds: [decision]}\n"
        "    when: {exists_record: {kind: meeting, where: {days_between: {from: {record: decision_date}, to: date}, gt: 0}}}\n"
        "    message: a meeting followed\n",
        encoding="utf-8",
    )
    plan = RunPlan.of([load_pack(str(pack_file))])
    assert all(join_of(join.where) is None for join in _joins(plan))
    papers = link_papers([check.kept for check in generated_checks])
    assert len(corpus_tasks(papers, plan.corpus, 4)) == 1
    assert len(corpus_tasks(papers, PLAN.corpus, 4)) == 4
