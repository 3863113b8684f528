"""The durable_rules compiled form against the plain-Python reference, on generated packs and records."""
import random

import pytest

from engine import rule_engine
from engine.conditions import reference_run
from engine.packs import AllOf, Compare, Not, Pack, Rule
from bench import generate
from tests import generators


def engine_run(pack, records):
    return sorted((m.rule.id, m.severity, m.record_index) for m in rule_engine.run(pack, records))


@pytest.mark.parametrize("seed", range(40))
def test_compiled_rules_agree_with_reference(seed):
    rng = random.Random(seed)
    pack = generators.pack(rng, 6, pack_id=f"diff-{seed}")
    records = generate.records(rng, 60, 12)
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
    count = len(rule_engine._registry)
    engine_run(pack, generate.records(random.Random(6), 5, 1))
    assert len(rule_engine._registry) == count


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
