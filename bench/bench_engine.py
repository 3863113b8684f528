"""Engine throughput on generated records with the Kent pack, next to the plain-Python reference.

Usage: python -m bench.bench_engine [N]   (from the repository root; default 100,000 records)
N decisions and N/200 meetings. Speed is timed without tracemalloc (which roughly doubles
the engine's time); peak memory is measured on a second, traced engine run.

The pack run is the Kent pack with one cross-record rule added (a decision no meeting
considered: `no_record` joined on the decision number), so the join is measured too. The
yardstick is the reference evaluator with that join answered from a hash index on the join
field, as the engine answers it (engine.packs.facts.Run): the reference alone scans every
meeting for every decision, and a ratio against a quadratic scan would flatter the engine.
"""
from __future__ import annotations

import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench.generate import records as generate_records
from govlint.engine.common.limits import REGEX_PAPER_TIME
from govlint.engine.packs import runtime as rule_engine
from govlint.engine.packs.facts import Run
from govlint.engine.packs.loader import load_pack
from govlint.engine.packs.model import AllOf, AnyOf, Not, RecordExists
from govlint.engine.packs.reference import applies, evaluate, severity_of

JOIN_PACK = """\
id: bench-join
title: The Kent pack and one rule joining decisions to meetings
version: 1.0.0
description: For the engine benchmark only.
extends: [kent-county-council]
rules:
  - id: bench-not-considered
    title: No meeting considered the decision
    severity: warning
    applies_to: {kinds: [decision]}
    when:
      no_record:
        kind: meeting
        where: {field: decisions_considered.decision_no, eq: {record: decision_no}}
    message: "{decision_no} was not considered at a meeting"
"""


def indexed_reference_run(pack, records: list[dict]) -> list[tuple[str, str, int]]:
    """`reference_run`, with no_record/exists_record looked up in a hash index on the join field.
    (Severity cases are evaluated by scanning, as no pack's cases join.)"""
    run, params = Run(records), pack.parameters

    def holds(condition, record: dict) -> bool:
        if isinstance(condition, RecordExists):
            return run.exists(condition, record, params)
        if isinstance(condition, AllOf):
            return all(holds(part, record) for part in condition.conditions)
        if isinstance(condition, AnyOf):
            return any(holds(part, record) for part in condition.conditions)
        if isinstance(condition, Not):
            return not holds(condition.condition, record)
        return evaluate(condition, record, params, records)

    return sorted(
        (rule.id, severity_of(rule, record, params, records), index)
        for index, record in enumerate(records)
        for rule in pack.rules
        if applies(rule, record) and holds(rule.when, record)
    )


def _timed(label: str, work, n: int) -> float:
    start = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - start
    print(f"{label:>10}: {n / seconds:>10,.0f} records/s ({seconds:.1f}s, {len(result):,} findings)")
    return seconds


def _traced_peak(work) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main(n: int) -> None:
    # A generated "paper" holds thousands of records, far beyond a real one: its matching-time
    # budget would stop the engine's pattern matches (not the reference's) part way.
    os.environ[REGEX_PAPER_TIME.variable] = str(10**9)
    records = generate_records(random.Random(1), n, max(1, n // 200))
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "bench-join.yaml").write_text(JOIN_PACK, encoding="utf-8")
        pack = load_pack(Path(folder) / "bench-join.yaml")
    print(f"pack {pack.id} {pack.version}: {len(pack.rules)} rules; {len(records):,} records")
    rule_engine.run(pack, records[:10])  # compile and register outside the timing
    engine_s = _timed("durable", lambda: rule_engine.run(pack, records), len(records))
    python_s = _timed("reference", lambda: indexed_reference_run(pack, records), len(records))
    peak = _traced_peak(lambda: rule_engine.run(pack, records))
    # ru_maxrss is in KiB on Linux; it includes the generated records and the interpreter.
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"durable / indexed reference speed: {python_s / engine_s:.2f}x (above 1: the engine is faster)")
    print(f"peak memory: {peak / 2**20:.0f} MiB traced during an engine run; {maxrss / 2**10:.0f} MiB max RSS of the process")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
