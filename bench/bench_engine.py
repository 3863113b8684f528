"""Engine throughput on generated records with the Kent pack, next to the plain-Python reference.

Usage: python -m bench.bench_engine [N]   (from the repository root; default 100,000 records)
N decisions and N/200 meetings. Speed is timed without tracemalloc (which roughly doubles
the engine's time); peak memory is measured on a second, traced engine run.
"""
from __future__ import annotations

import random
import resource
import sys
import time
import tracemalloc

from bench.generate import records as generate_records
from govlint.engine.packs import runtime as rule_engine
from govlint.engine.packs.reference import reference_run
from govlint.engine.packs.loader import load_pack


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
    records = generate_records(random.Random(1), n, max(1, n // 200))
    pack = load_pack("kent-county-council")
    print(f"pack {pack.id} {pack.version}: {len(pack.rules)} rules; {len(records):,} records")
    rule_engine.run(pack, records[:10])  # compile and register outside the timing
    engine_s = _timed("durable", lambda: rule_engine.run(pack, records), len(records))
    python_s = _timed("reference", lambda: reference_run(pack, records), len(records))
    peak = _traced_peak(lambda: rule_engine.run(pack, records))
    # ru_maxrss is in KiB on Linux; it includes the generated records and the interpreter.
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"durable / reference speed: {python_s / engine_s:.2f}x")
    print(f"peak memory: {peak / 2**20:.0f} MiB traced during an engine run; {maxrss / 2**10:.0f} MiB max RSS of the process")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
