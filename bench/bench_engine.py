"""Engine throughput on generated decision records, next to the plain-Python reference.

Usage: python -m bench.bench_engine [N]   (from the repository root; default 100,000 records)
Uses the default Kent pack when it loads, else a seeded generated pack of realistic rules.
"""
from __future__ import annotations

import random
import sys
import time
import tracemalloc

from engine import rule_engine
from engine.conditions import reference_run
from tests import generators


def _pack():
    try:
        from engine.pack_loader import load_pack

        return load_pack("kent-county-council")
    except Exception as error:  # noqa: BLE001 - the benchmark still runs on the built-in pack
        print(f"(Kent pack unavailable: {error}; using a generated pack)")
        return generators.pack(random.Random(7), 12, pack_id="bench")


def _timed(label: str, work, n: int) -> float:
    start = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - start
    print(f"{label:>10}: {n / seconds:>10,.0f} records/s ({seconds:.1f}s, {len(result):,} findings)")
    return seconds


def main(n: int) -> None:
    rng = random.Random(1)
    records = generators.records(rng, n, max(1, n // 200))
    pack = _pack()
    print(f"pack {pack.id} {pack.version}: {len(pack.rules)} rules; {len(records):,} records")
    rule_engine.run(pack, records[:10])  # compile and register outside the timing
    tracemalloc.start()
    engine_s = _timed("durable", lambda: rule_engine.run(pack, records), len(records))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    python_s = _timed("reference", lambda: reference_run(pack, records), len(records))
    print(f"durable / reference speed: {python_s / engine_s:.2f}x; peak Python memory during the engine run {peak / 2**20:.0f} MiB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
