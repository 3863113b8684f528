"""The durable_rules compiled form against the plain-Python reference, on generated packs and records."""
import dataclasses
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench import generate
from govlint.engine.packs import runtime as rule_engine
from govlint.engine.packs.facts import Run, joined_records
from govlint.engine.packs.reference import evaluate, reference_run
from govlint.engine.packs.loader import load_pack
from govlint.engine.packs.model import AllOf, Compare, Not, Outer, Pack, RecordExists, Rule
from tests import generators


def engine_run(pack, records):
    return sorted((m.rule.id, m.severity, m.record_index) for m in rule_engine.run(pack, records))


@pytest.mark.parametrize("seed", range(120))
def test_compiled_rules_agree_with_reference(seed):
    rng = random.Random(seed)
    pack = generators.pack(rng, 6, pack_id=f"diff-{seed}")
    records = generate.records(rng, 60, 12, 12)
    assert engine_run(pack, records) == reference_run(pack, records)


def test_runs_of_several_chunks_agree_with_reference():
    rng = random.Random(11)
    pack = generators.pack(rng, 8, pack_id="chunks")
    records = generate.records(rng, rule_engine.CHUNK * 2 + 150, 30, 30)
    assert engine_run(pack, records) == reference_run(pack, records)


def test_matches_beyond_an_actions_cap_all_arrive(monkeypatch):
    monkeypatch.setattr(rule_engine, "CAP", 3)  # baked into the compiled pack, hence its own id
    rng = random.Random(12)
    pack = generators.pack(rng, 6, pack_id="small-cap")
    records = generate.records(rng, 200, 10)
    assert engine_run(pack, records) == reference_run(pack, records)


def test_kent_pack_agrees_with_reference():
    pack = load_pack("kent-county-council")
    records = generate.records(random.Random(13), 1500, 20)
    assert engine_run(pack, records) == reference_run(pack, records)


def test_a_second_run_sees_nothing_of_the_first():
    rng = random.Random(99)
    pack = generators.pack(rng, 5, pack_id="sessions")
    first, second = generate.records(rng, 30, 5), generate.records(rng, 30, 5)
    engine_run(pack, first)
    assert engine_run(pack, second) == reference_run(pack, second)


def test_rerunning_the_same_pack_registers_it_once():
    pack = generators.pack(random.Random(5), 3, pack_id="once")
    engine_run(pack, [])
    count = len(rule_engine._handles)
    engine_run(pack, generate.records(random.Random(6), 5, 1))
    assert len(rule_engine._handles) == count


def test_packs_differing_only_in_severity_keep_their_own_severity():
    pack = generators.pack(random.Random(8), 4, pack_id="severity")
    records = generate.records(random.Random(9), 40, 5)
    bumped = dataclasses.replace(
        pack, rules=tuple(dataclasses.replace(rule, severity="info" if rule.severity != "info" else "error") for rule in pack.rules)
    )
    engine_run(pack, records)
    assert engine_run(bumped, records) == reference_run(bumped, records)


def test_a_first_run_with_no_match_does_not_crash_the_process():
    # durable_rules once freed memory it did not own when a session in which no action had
    # ever run was deleted; only a process's first run showed it, hence a fresh interpreter.
    script = (
        "from govlint.engine.packs.loader import load_pack\n"
        "from govlint.engine.packs.rule_tests import build_record\n"
        "from govlint.engine.packs import runtime as rule_engine\n"
        "print(len(rule_engine.run(load_pack('england-executive-decisions'), [build_record({'kind': 'decision'})])))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0"


def _rule(when, **kw):
    return Rule(id="r", title="t", severity="warning", kinds=("decision",), stages=(), when=when, message="m",
                citations=(), remediation="x", **kw)


def test_purely_negative_rule_fires_once_per_record():
    # A lone negative test would also match durable's state object and fire without end.
    pack = Pack("neg", "t", "1", "d", (), {}, (_rule(Not(Compare("title", "exists"))),))
    records = generate.records(random.Random(3), 20, 0)
    assert engine_run(pack, records) == reference_run(pack, records)


def test_no_record_matches_nothing_yields_no_exception():
    pack = Pack("none", "t", "1", "d", (), {}, (_rule(AllOf((Compare("urgent", "eq", True), Compare("urgent", "eq", False)))),))
    assert engine_run(pack, generate.records(random.Random(4), 10, 0)) == []


def test_numeric_looking_strings_compare_as_strings():
    pack = Pack("num", "t", "1", "d", (), {}, (_rule(Compare("title", "eq", "5")),))
    records = [dict(generate.decision(random.Random(1), ["20/00001"]), title=t) for t in ("5", "5.0", "05")]
    assert engine_run(pack, records) == [("r", "warning", 0)]


@pytest.mark.parametrize("field, outer, values", [
    ("max_money_gbp", "max_money_gbp", (1000000, 1000000.0, 5, "5")),  # int and float equal; a string never
    ("urgent", "max_money_gbp", (True, 1, 0, None)),  # the reference compares booleans as numbers
    ("decision_date", "decision_date", ("2020-01-01", "2020-01-01", "2020-01-02", None)),
])
def test_join_index_finds_what_the_scan_finds(field, outer, values):
    join = RecordExists("decision", Compare(field, "eq", Outer(outer)))
    pack = Pack("join", "t", "1", "d", (), {}, (_rule(join),))
    base = generate.decision(random.Random(2), ["20/00001"])
    pairs = [(v, v) for v in values] if field == outer else [(left, right) for left in values for right in values]
    records = [dict(base, **{outer: right, field: left}) for left, right in pairs]
    assert engine_run(pack, records) == reference_run(pack, records)


def test_runs_from_several_threads_agree_with_reference():
    rng = random.Random(14)
    jobs = [(generators.pack(rng, 4, pack_id=f"threads-{i % 2}"), generate.records(rng, 700, 10)) for i in range(4)]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda job: engine_run(*job), jobs))
    assert results == [reference_run(*job) for job in jobs]


@pytest.mark.parametrize("seed", range(6))
def test_the_records_a_finding_cites_are_those_a_scan_finds(seed):
    # engine.packs.facts.joined_records looks the other records up through the join index; every
    # one it gives must satisfy the join's `where`, and none that does may be left out.
    rng = random.Random(seed)
    records = generate.records(rng, 80, 15, 15)
    run = Run(records)
    leaves = {"decision": generators.DECISION_LEAVES, "meeting": generators.MEETING_LEAVES, "forward_plan_entry": generators.ENTRY_LEAVES}
    for kind, kind_leaves in leaves.items():
        for make in kind_leaves:
            join = make(rng)
            if not isinstance(join, RecordExists):
                continue
            for record in (r for r in records if r["kind"] == kind):
                for condition in (join, Not(join)):
                    found = joined_records(condition, record, {}, run)
                    scanned = [other for other in records if other is not record and other["kind"] == join.kind
                               and evaluate(join.where, other, {}, records, record)]
                    # A finding cites the others only where they make the condition hold.
                    wanted = scanned if evaluate(condition, record, {}, records) and scanned and (condition is join) != join.negated else []
                    assert sorted(map(id, (other for _, other in found))) == sorted(map(id, wanted))
