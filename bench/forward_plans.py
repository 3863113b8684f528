"""The forward-plan reader's accuracy, field by field: the layouts of tests/fixtures/forward_plans
(and the Word, PDF-table and PDF-print papers tests/test_forward_plans.py builds) against what
a person reads in them, and the corpus's Fenmoor notice against its gold note.

    python -m bench.forward_plans [--shared ../shared]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from tempfile import TemporaryDirectory

from govlint.engine.extraction.paper import parse_paper
from govlint.engine.reading.files import read_paper
from govlint.engine.records.model import to_dict
from tests import test_forward_plans as plans
from tests.paper_builder import write_docx_table, write_pdf_pages, write_pdf_table


def _layouts(folder: Path) -> dict[str, tuple[Path, list[dict]]]:
    found = {name: (plans.PLANS / name, wanted) for name, wanted in plans.TEXT_LAYOUTS.items()}
    table = [plans.TABLE_HEADING, *plans.TABLE_ROWS]
    found["word table (.docx)"] = (write_docx_table(folder / "plan.docx", table, plans.TABLE_BEFORE), plans.TABLE)
    found["PDF table"] = (write_pdf_table(folder / "plan.pdf", table, plans.TABLE_BEFORE), plans.TABLE)
    found["PDF print of plan items"] = (write_pdf_pages(folder / "print.pdf", plans.PRINT_PAGES, footer="Page {page}"), plans.PRINT)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    args = parser.parse_args()
    totals: dict[str, list[int]] = {}
    print(f"{'layout':<28} {'entries':>9} {'fields':>9}")
    with TemporaryDirectory() as folder:
        for name, (path, wanted) in _layouts(Path(folder)).items():
            entries = [to_dict(entry) for entry in parse_paper(read_paper(path)).forward_plan_entries]
            right = 0
            for entry, want in zip(entries, wanted):
                for field, value in want.items():
                    ok = plans._value(entry, field) == value
                    totals.setdefault(field, [0, 0])[0] += ok
                    right += ok
            for want in wanted:
                for field in want:
                    totals.setdefault(field, [0, 0])[1] += 1
            print(f"{name:<28} {len(entries):>4} / {len(wanted):<3} {right:>3} / {sum(len(w) for w in wanted):<3}")
    print()
    for field, (right, total) in totals.items():
        print(f"  {field:<26} {right:>4} / {total:<4} {100 * right / total:6.1f}%")
    fenmoor = args.shared / "corpus" / "layouts" / "l_fwdplan_fenmoor.txt"
    note = json.loads((args.shared / "corpus" / "gold" / "l_fwdplan_fenmoor.json").read_text(encoding="utf-8"))["notes"]
    parsed = parse_paper(read_paper(fenmoor))
    print(f"\n{fenmoor.name}: {len(parsed.forward_plan_entries)} entries, understood: {parsed.reading.understood}, decisions: {len(parsed.decisions)}")
    for field, results in plans.note_checks(parsed.forward_plan_entries, note).items():
        print(f"  {field:<26} {sum(results):>4} / {len(results):<4} against the gold note")


if __name__ == "__main__":
    main()
