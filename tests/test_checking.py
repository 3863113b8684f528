"""check_papers: a whole run of papers through one or more packs, and the same run streamed."""
from __future__ import annotations

import shutil
import textwrap
from dataclasses import MISSING, fields
from pathlib import Path

from govlint.engine.checking.batch import check_files, parse_file
from govlint.engine.checking.findings import findings_from_matches, sort_key
from govlint.engine.checking.run import RunPlan, check_paper, check_papers, combine
from govlint.engine.corpus.link import link_papers
from govlint.engine.packs import runtime as rule_engine
from govlint.engine.packs.facts import paper_records
from govlint.engine.packs.loader import load_pack
from govlint.engine.report.summary import RECORD_FIELDS, build_report
from govlint.engine.checking.record_files import paper_from_dict
from govlint.engine.packs.rule_tests import build_record

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "papers"

# A decision must have been considered by a committee meeting on or before its date.
CONSULTED = """\
id: {id}
title: Consultation
version: 1.0.0
rules:
  - id: not-considered
    title: No meeting considered the decision
    severity: error
    applies_to: {{kinds: [decision]}}
    when:
      no_record:
        kind: meeting
        where:
          all:
            - {{field: decisions_considered.decision_no, eq: {{record: decision_no}}}}
            - {{days_between: {{from: date, to: {{record: decision_date}}}}, gte: 0}}
    message: "{{decision_no}} was not considered by a committee"
  - id: no-dpia
    title: No DPIA
    severity: warning
    applies_to: {{kinds: [decision]}}
    when: {{field: dpia_status, eq: not_mentioned}}
    message: "{{decision_no}}: no DPIA"
"""


def pack(tmp_path: Path, pack_id: str = "consulted"):
    path = tmp_path / f"{pack_id}.yaml"
    path.write_text(textwrap.dedent(CONSULTED.format(id=pack_id)), encoding="utf-8")
    return load_pack(path, search_path=(tmp_path,))


def paper(source: str, decisions=(), meetings=()):
    def strip(record: dict) -> dict:
        return {k: v for k, v in record.items() if k != "kind"}

    return paper_from_dict(
        {
            "source": source,
            "documents": [],
            "decisions": [strip(build_record({"kind": "decision", **d})) for d in decisions],
            "meetings": [strip(build_record({"kind": "meeting", **m})) for m in meetings],
        }
    )


def considered(number: str, date: str) -> dict:
    return {"date": date, "decisions_considered": [{"decision_no": number, "resolved": "endorse"}]}


def test_a_meeting_in_one_paper_satisfies_a_decision_in_another(tmp_path: Path) -> None:
    rod = paper("rod.txt", decisions=[{"decision_no": "20/00001"}, {"decision_no": "20/00002"}])
    minutes = paper("minutes.txt", meetings=[considered("20/00001", "2020-09-29"), considered("20/00002", "2020-11-01")])
    result = check_papers([rod, minutes], [pack(tmp_path)])
    # 20/00002 was considered only after its decision date (2020-10-05).
    assert [(f.rule, f.decision_no, f.source) for f in result.findings] == [("not-considered", "20/00002", "rod.txt")]
    alone = check_papers([rod], [pack(tmp_path)])
    assert [f.decision_no for f in alone.findings] == ["20/00001", "20/00002"]


def test_summary_counts_papers_records_and_findings_by_severity(tmp_path: Path) -> None:
    papers = [
        paper("a.txt", decisions=[{"decision_no": "20/00001", "dpia_status": "not_mentioned"}, {"decision_no": "20/00002"}]),
        paper("b.txt", meetings=[considered("20/00001", "2020-09-01"), considered("20/00003", "2020-09-01")]),
        paper("c.txt"),
    ]
    result = check_papers(papers, [pack(tmp_path)])
    summary = result.summary
    assert (summary.files, summary.decisions, summary.meetings) == (3, 2, 2)
    assert summary.by_severity == {"error": 1, "warning": 1, "info": 0}
    assert summary.findings == 2 and result.has_errors
    assert result.packs == (("consulted", "1.0.0"),)


def test_no_papers_no_findings(tmp_path: Path) -> None:
    result = check_papers([], [pack(tmp_path)])
    assert result.findings == () and not result.has_errors
    assert result.summary.by_severity == {"error": 0, "warning": 0, "info": 0}


def test_the_same_rule_in_two_packs_is_reported_once_per_pack(tmp_path: Path) -> None:
    papers = [paper("a.txt", decisions=[{"decision_no": "20/00001", "dpia_status": "not_mentioned"}], meetings=[considered("20/00001", "2020-09-01")])]
    result = check_papers(papers, [pack(tmp_path, "second"), pack(tmp_path, "first")])
    assert [(f.rule, f.pack_id) for f in result.findings] == [("no-dpia", "first"), ("no-dpia", "second")]
    assert result.packs == (("first", "1.0.0"), ("second", "1.0.0"))


def test_a_streamed_run_finds_what_the_rules_find_on_every_record_together(tmp_path: Path) -> None:
    """Workers check each paper alone and keep only what the corpus rules and the report read;
    the corpus rule then joins the minutes in one file to the decisions in others. The findings
    are those of every pack run on the full records of all papers at once, at any number of
    jobs and in any order of the files."""
    folder = tmp_path / "papers"
    folder.mkdir()
    for index in range(5):  # more files than a worker's task, so both workers get some
        for source in sorted(EXAMPLES.glob("*.txt")):
            shutil.copy(source, folder / f"{index}-{source.name}")
    files = sorted(str(path) for path in folder.iterdir())
    packs = [pack(tmp_path), load_pack("kent-county-council")]
    papers = [parse_file(name, 2**20) for name in files]
    records = [record for paper in link_papers(papers) for record in paper_records(paper)]
    together = sorted((f for p in packs for f in findings_from_matches(p, rule_engine.run(p, records), records)), key=sort_key)
    assert {"not-considered", "no-dpia"} <= {f.rule for f in together}
    plan = RunPlan.of(packs, RECORD_FIELDS)
    assert [rule.id for rule in plan.corpus[0].rules] == ["not-considered"] and [rule.id for rule in plan.per_paper[0].rules] == ["no-dpia"]
    assert plan.corpus[1].rules and plan.per_paper[1].rules  # KCC's cross-document rules, and its rules on one record
    whole = check_papers(papers, packs, RECORD_FIELDS)
    for jobs, order in ((1, files), (2, files[::-1]), (2, files[1::2] + files[::2])):
        streamed = combine(check_files(order, 2**20, plan, jobs), plan)
        assert streamed.findings == tuple(together)
        assert (streamed.checked, streamed.summary, streamed.records) == (whole.checked, whole.summary, whole.records)
        assert build_report(packs, streamed) == build_report(packs, whole)


def test_a_paper_checked_alone_keeps_only_what_the_run_reads(tmp_path: Path) -> None:
    (paper,) = [parse_file(str(EXAMPLES / "02-prod-with-gaps.txt"), 2**20)]
    plan = RunPlan.of([load_pack("kent-county-council")])
    checked = check_paper(paper, plan)
    kept = paper_records(checked.kept)
    assert checked.findings and len(kept) == len(paper_records(paper)) and checked.kept.documents == []
    quoted = {(f.line, f.evidence) for f in checked.findings}
    # Of the evidence, what a finding quotes (the report matches it to its decision by it) and
    # what a corpus rule may quote: the header fields and those the corpus rules read.
    for record in kept:
        for name, entry in record["evidence"].items():
            assert (entry["line"], entry["text"]) in quoted or name.split(".")[0].split("[")[0] in plan.evidence
    assert quoted <= {(e["line"], e["text"]) for record in kept for e in record["evidence"].values()}
    full = sum(len(record["evidence"]) for record in paper_records(paper))
    assert sum(len(record["evidence"]) for record in kept) < full


def test_a_paper_checked_alone_keeps_only_the_fields_the_plan_reads(tmp_path: Path) -> None:
    """Of each record the run keeps the fields its rules, the linking and its caller read: every
    other field is at its default, and a rule that reads a field keeps it."""
    (paper,) = [parse_file(str(EXAMPLES / "02-prod-with-gaps.txt"), 2**20)]
    plan = RunPlan.of([load_pack("kent-county-council")], RECORD_FIELDS)
    (decision,) = check_paper(paper, plan).kept.decisions
    (full,) = paper.decisions
    dropped = [item.name for item in fields(decision) if item.name not in plan.fields]
    assert "for_publication" in dropped and full.for_publication is True and decision.for_publication is None
    for item in fields(decision):
        if item.name in plan.fields:
            assert getattr(decision, item.name) == getattr(full, item.name) or item.name == "evidence"
        elif getattr(full, item.name) != getattr(decision, item.name):
            assert getattr(decision, item.name) == (item.default_factory() if item.default is MISSING else item.default)
    assert {"decision_maker", "key_decision", "decision_no", "lines"} <= plan.fields
    # The same paper for `check`, which does not read the report's fields.
    assert "decision_maker" not in RunPlan.of([load_pack("kent-county-council")], reads=()).fields
    assert RunPlan.of([load_pack("kent-county-council")]).fields is None  # a run that does not say what it reads keeps all
    # A corpus rule that reads `for_publication` (in its message) keeps it.
    reading = tmp_path / "reading.yaml"
    reading.write_text(textwrap.dedent(CONSULTED.format(id="reading")).replace(
        '"{decision_no} was not considered by a committee"', '"{decision_no} ({for_publication}) was not considered"'), encoding="utf-8")
    plan = RunPlan.of([load_pack(reading, search_path=(tmp_path,))], reads=())
    assert "for_publication" in plan.fields
    (decision,) = check_paper(paper, plan).kept.decisions
    assert decision.for_publication is True
    # Kept records, as a run hands them to the corpus rules and the report, hold those fields only.
    result = combine([check_paper(paper, plan)], plan)
    assert {name for record in result.records for name in record} <= plan.fields | {"kind", "source"}
