"""The reader's accuracy on every gold file of ../shared/corpus: fields by folder, decisions
found, declarations, and the core-rule findings against gold (every paper checked in one run
with govlint's default packs: each paper with its reader profile's pack, KCC's for papers read
with the KCC profile, english-councils for the others).

    python -m bench.accuracy [--shared ../shared] [--wrong]
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from govlint.engine.extraction.paper import parse_paper
from govlint.engine.reading.files import read_paper
from govlint.engine.records.model import to_dict
from tests.gold_compare import field_table, gold_papers, score_corpus
from tests.test_findings_accuracy import score as score_findings, table as findings_table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--wrong", action="store_true", help="list every wrong field and finding")
    args = parser.parse_args()
    papers = gold_papers(args.shared / "corpus")
    started = time.perf_counter()
    parsed_papers = {p.stem: parse_paper(read_paper(p.path)) for p in papers}
    elapsed = time.perf_counter() - started
    table = field_table(score_corpus({stem: to_dict(parsed) for stem, parsed in parsed_papers.items()}, papers))
    findings = findings_table(score_findings(papers, parsed_papers))
    if not args.wrong:
        table = "\n".join(row for row in table.splitlines() if not row.startswith("  "))
        findings = "\n".join(row for row in findings.splitlines() if not row.startswith("  "))
    print(table)
    print()
    print(findings)
    print(f"\n{len(papers)} gold papers read and parsed in {elapsed:.1f} s")


if __name__ == "__main__":
    main()
