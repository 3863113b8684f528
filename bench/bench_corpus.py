"""The corpus view's cost: linking the records of generated papers into cases.

Usage: python -m bench.bench_corpus [N ...]   (from the repository root; default 1,000 10,000 100,000)
N decisions, N/5 forward-plan entries and N/20 meetings from bench/generate.py, spread over N/10
papers, linked twice: with the generator's titles (nine values, every title shared by
thousands of records: the worst case for linking by title) and with titles of four to seven
words drawn from a 20,000-word vocabulary with Zipf's law (the n-th word n times rarer than the
first), as words are in real titles: a few in thousands of titles, most in a handful. Each line gives the
time of `link_papers` and the cases formed.
"""
from __future__ import annotations

import itertools
import random
import sys
import time

from bench.generate import records as generate_records
from govlint.engine.corpus.link import link_papers
from govlint.engine.packs.rule_tests import build_record
from govlint.engine.records.fields import from_dict
from govlint.engine.records.model import ParsedPaper

_LISTS = {"decision": "decisions", "meeting": "meetings", "forward_plan_entry": "forward_plan_entries"}


def papers(n: int, titles) -> list[ParsedPaper]:
    rng = random.Random(n)
    records = generate_records(rng, n, max(1, n // 20), max(1, n // 5))
    by_paper: dict[int, dict] = {}
    for record in records:
        kind = record["kind"]
        # The generator gives the fields the rules test; the example record the rest.
        given = {key: value for key, value in _title(record, kind, titles, rng).items() if key not in ("source", "case")}
        record = {key: value for key, value in build_record(given).items() if key != "kind"}
        paper = by_paper.setdefault(rng.randrange(max(1, n // 10)), {key: [] for key in _LISTS.values()})
        paper[_LISTS[kind]].append(record)
    return [from_dict(ParsedPaper, {"source": f"paper-{index:06}.txt", "documents": [], **lists}) for index, lists in sorted(by_paper.items())]


def _title(record: dict, kind: str, titles, rng: random.Random) -> dict:
    if kind == "meeting" or titles is None:
        return record
    return {**record, "title": titles(rng)}


def _worded(vocabulary: list[str]):
    weights = list(itertools.accumulate(1 / rank for rank in range(1, len(vocabulary) + 1)))
    return lambda rng: " ".join(rng.choices(vocabulary, cum_weights=weights, k=rng.randrange(4, 8)))


def main(sizes: list[int]) -> None:
    vocabulary = [f"w{i:05}" for i in range(20_000)]
    for n in sizes:
        for label, titles in (("shared titles", None), ("worded titles", _worded(vocabulary))):
            given = papers(n, titles)
            records = sum(len(p.decisions) + len(p.forward_plan_entries) + sum(len(m.decisions_considered) for m in p.meetings) for p in given)
            start = time.perf_counter()
            linked = link_papers(given)
            seconds = time.perf_counter() - start
            cases = {d.case for p in linked for d in p.decisions} | {e.case for p in linked for e in p.forward_plan_entries}
            print(f"{n:>8,} decisions, {label}: {records:>9,} records and minute entries in {len(given):,} papers linked in "
                  f"{seconds:.2f}s ({records / seconds:,.0f}/s), {len(cases):,} cases")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1_000, 10_000, 100_000])
