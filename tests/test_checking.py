"""check_papers: a whole run of papers through one or more packs."""
from __future__ import annotations

import textwrap
from pathlib import Path

from govlint.engine.checking.run import check_papers
from govlint.engine.packs.loader import load_pack
from govlint.engine.checking.record_files import paper_from_dict
from govlint.engine.packs.rule_tests import build_record

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
