"""`govlint report`: the figures on the example papers worked out by hand, the four formats,
HTML that is self-contained and well formed, the same bytes at any --jobs, and bad papers."""
from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from govlint.checks.cli import main
from govlint.checks.shared import parse_papers
from govlint.engine.checking.run import check_papers
from govlint.engine.packs.loader import load_pack
from govlint.checks.formatters.report_common import gap_percent, percent
from govlint.engine.report.summary import RECORD_FIELDS, ROW_COLUMNS, UNDATED, Group, build_report, every_quarter

REPO = Path(__file__).resolve().parents[1]
PAPERS = REPO / "examples" / "papers"

# By hand from the three decisions in examples/papers (govlint check examples/ lists the findings):
# 24/00031 (PROD, 12 Mar 2024 committee): an info note only; 24/00032 (PROD, same committee):
# criteria, EqIA, DPIA and alternatives gaps; 24/00027 (RoD taken 19 Jan 2024): DPIA, EqIA
# promised for later and no committee consultation. not-signed runs on taken decisions only.
GAPS_PER_RULE = {
    "key-decision-criteria-missing": 1, "eqia-missing": 1, "eqia-not-rearguard": 1, "dpia-missing": 2,
    "alternatives-not-recorded": 1, "committee-consultation-missing": 1,
}


@pytest.fixture(scope="module")
def report():
    papers, problems = parse_papers((str(PAPERS),), 2**20)
    packs = [load_pack("kent-county-council")]
    assert problems == []
    return build_report(packs, check_papers(papers, packs, RECORD_FIELDS))


def report_cmd(*args: str):
    return CliRunner().invoke(main, ["report", "--no-config", *map(str, args)], catch_exceptions=False)


def test_headline_figures(report) -> None:
    h = report.headline
    assert (h.papers, h.unreadable, h.decisions, h.key_decisions, h.without_gaps, h.open_waivers) == (4, 0, 3, 3, 1, 0)
    assert h.compliance == pytest.approx(1 / 3)


def test_compliance_per_rule(report) -> None:
    got = {rate.rule.id: (rate.applicable, rate.gaps) for rate in report.rules}
    assert "minutes-declarations-item-and-nature" not in got  # a rule on meetings only
    assert got["not-signed"] == (1, 0)
    assert {rule: gaps for rule, (_, gaps) in got.items() if gaps} == GAPS_PER_RULE
    # The three example decisions are two PRODs and a RoD: a rule for records taken applies to one.
    stages = {rule.id: rule.stages for rule in load_pack("kent-county-council").rules}
    assert {rule: applicable for rule, (applicable, _) in got.items()} == {rule: 3 if "proposed" in stages[rule] else 1 for rule in got}


def test_the_verdict_counts_errors_and_warnings_apart(report) -> None:
    gaps = [outcome.finding.severity for entry in report.decisions for outcome in entry.gaps]
    h = report.headline
    assert (h.errors, h.warnings) == (gaps.count("error"), gaps.count("warning")) and h.errors and h.warnings
    assert h.verdict == "fail"
    assert replace(h, errors=0).verdict == "warn" and replace(h, errors=0, warnings=0).verdict == "pass"
    # A paper that could not be read is never a pass.
    assert replace(h, errors=0, warnings=0, unreadable=1).verdict == "fail"
    assert report.council == "Kent County Council"  # the pack's, with no config naming another


def test_rules_worst_first_each_linking_to_its_decisions(report) -> None:
    rates = [rate.gap_rate for rate in report.rules if rate.gap_rate is not None]
    assert rates == sorted(rates, reverse=True) and rates[0] > rates[-1]
    anchors = [entry.anchor for entry in report.decisions]
    assert len(set(anchors)) == len(anchors) and anchors[0] == "d1-24-00027"
    dpia = next(rate for rate in report.rules if rate.rule.id == "dpia-missing")
    linked = [entry.decision_no for entry in report.decisions if entry.anchor in dpia.with_gap]
    assert linked == [entry.decision_no for entry in report.decisions if any(o.rule.id == "dpia-missing" for o in entry.gaps)]
    assert len(linked) == GAPS_PER_RULE["dpia-missing"] and dpia.severity == "error"


def test_every_quarter_leaves_a_gap_where_nothing_was_decided() -> None:
    groups = (Group("2020 Q4", 2, 1), Group("2021 Q3", 1, 0), Group(UNDATED, 1, 1))
    assert [(g.label, g.decisions) for g in every_quarter(groups)] == [
        ("2020 Q4", 2), ("2021 Q1", 0), ("2021 Q2", 0), ("2021 Q3", 1)]
    assert every_quarter((Group(UNDATED, 1, 1),)) == ()


def test_gap_rates_round_up_and_compliance_down() -> None:
    assert (gap_percent(1 / 300), percent(299 / 300)) == ("1%", "99%")
    assert (gap_percent(7 / 100), gap_percent(0), gap_percent(None)) == ("7%", "0%", "–")


def test_breakdowns_and_dates(report) -> None:
    as_tuples = lambda groups: [(g.label, g.decisions, g.with_gaps) for g in groups]  # noqa: E731
    assert as_tuples(report.by_quarter) == [("2024 Q1", 3, 2)]
    assert as_tuples(report.by_decision_maker) == [("Cabinet Member for Adult Social Care and Public Health", 3, 2)]
    assert as_tuples(report.by_committee) == [("Adult Social Care Cabinet Committee", 3, 2)]
    # Oldest first; the RoD is dated by its decision, the PRODs by their committee meeting.
    assert [(d.decision_no, str(d.date), d.date_basis) for d in report.decisions] == [
        ("24/00027", "2024-01-19", "decision date"),
        ("24/00031", "2024-03-12", "committee meeting"),
        ("24/00032", "2024-03-12", "committee meeting"),
    ]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_one_row_per_decision_and_rule(tmp_path: Path, report, fmt: str) -> None:
    out = tmp_path / f"r.{fmt}"
    assert report_cmd(PAPERS, "-o", out, "--format", fmt, "--jobs", "1").exit_code == 0
    text = out.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text))) if fmt == "csv" else json.loads(text)["rows"]
    assert len(rows) == 3 * len(report.rules) and list(rows[0]) == list(ROW_COLUMNS)
    statuses = {(r["decision_no"], r["rule"]): r["status"] for r in rows}
    assert statuses[("24/00032", "dpia-missing")] == "gap"
    assert statuses[("24/00031", "interests-not-recorded")] == "note"
    assert statuses[("24/00031", "not-signed")] == "not-applicable"
    assert statuses[("24/00031", "dpia-missing")] == "ok"
    gap = next(r for r in rows if (r["decision_no"], r["rule"]) == ("24/00032", "dpia-missing"))
    assert gap["evidence"].endswith("02-prod-with-gaps.txt:49") and gap["quote"] == "Data Protection implications: None."
    assert gap["severity"] == "error" and gap["quarter"] == "2024 Q1"


def test_markdown_summary(tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    assert report_cmd(PAPERS, "-o", out, "--format", "markdown").exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "- Decisions without a gap: 1 of 3 (33%)" in text
    assert "| Data protection (DPIA) position not stated (`dpia-missing`) | error | 3 | 2 | 0 | 33% |" in text
    assert text.startswith("# Kent County Council: Decision compliance report\n\n**Does not comply: 3 errors and ")
    assert "### 24/00031" not in text and "### 24/00032" in text
    assert "No waivers." in text


class _Checker(HTMLParser):
    """Tags opened and closed in order (void elements aside), and every src/href seen."""

    VOID = {"meta", "link", "br", "img", "hr", "input", "rect", "line", "polyline"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.links: list[tuple[str, str, dict]] = []
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        self.links += [(tag, value, attrs) for name, value in attrs.items() if name in ("src", "href")]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()


def test_html_is_self_contained_accessible_and_well_formed(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert report_cmd(PAPERS, "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page.lower() and "@import" not in page and "url(" not in page
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.stack == []
    network = [(tag, href, attrs) for tag, href, attrs in checker.links if href.startswith(("http:", "https:", "//"))]
    # Only the legal sources' citation links point at the network; nothing is loaded from it.
    assert network and all(tag == "a" and attrs.get("class") == "external" for tag, _, attrs in network)
    svgs = [attrs for tag, attrs in checker.tags if tag == "svg"]
    assert len(svgs) == 4 and all(a["role"] == "img" and a["aria-labelledby"] for a in svgs)
    assert page.count("<title id=") == 4 and page.count("<desc id=") == 4
    assert page.count("<caption>") >= 6 and 'scope="col"' in page and 'scope="row"' in page
    assert "@media print" in page and "@page" in page


def test_html_escapes_what_the_papers_say(tmp_path: Path) -> None:
    paper = tmp_path / "papers" / "x.txt"
    paper.parent.mkdir()
    paper.write_text((PAPERS / "02-prod-with-gaps.txt").read_text(encoding="utf-8").replace(
        "CHANGES TO CHARGES", "<script>alert(1)</script> CHARGES"), encoding="utf-8")
    out = tmp_path / "r.html"
    assert report_cmd(paper.parent, "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize("fmt", ["html", "csv", "json", "markdown"])
def test_the_same_bytes_at_any_number_of_jobs(tmp_path: Path, fmt: str) -> None:
    papers = tmp_path / "papers"
    papers.mkdir()
    for index in range(6):  # more files than a worker's chunk, so both workers get some
        for source in sorted(PAPERS.glob("*.txt")):
            shutil.copy(source, papers / f"{index}-{source.name}")
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"r{jobs}.{fmt}"
        assert report_cmd(papers, "-o", out, "--format", fmt, "--jobs", jobs).exit_code == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("papers", [PAPERS, PAPERS / "04-minutes-with-declarations.txt"])
def test_json_written_row_by_row_is_the_document_json_writes_whole(tmp_path: Path, papers: Path) -> None:
    """The report is written as it is made; its JSON is byte for byte what json.dumps writes of
    the whole document, with rows and without (minutes only: no decision)."""
    out = tmp_path / "r.json"
    assert report_cmd(papers, "-o", out, "--format", "json").exit_code == 0
    text = out.read_text(encoding="utf-8")
    document = json.loads(text)
    assert bool(document["rows"]) == (papers == PAPERS)
    assert text == json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def test_a_bad_paper_is_listed_and_the_rest_reported(tmp_path: Path) -> None:
    papers = tmp_path / "papers"
    shutil.copytree(PAPERS, papers)
    (papers / "scan.txt").write_bytes(b"\x00\x01binary")
    out = tmp_path / "r.json"
    result = report_cmd(papers, "-o", out, "--format", "json", "--jobs", "2")
    assert result.exit_code == 2
    assert "1 of 5 papers could not be read" in result.stderr and "scan.txt: binary file" in result.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert len({row["decision_no"] for row in document["rows"]}) == 3
    assert len(document["unreadable"]) == 1 and "scan.txt" in document["unreadable"][0]


def test_waivers_from_the_config_show(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".govlint.yaml").write_text(
        "waivers:\n"
        "  - {decision: 24/00032, rule: dpia-missing, reason: screened, approved_by: MO, expires: 2026-03-31}\n"
        "  - {decision: 24/00027, rule: dpia-missing, reason: old, approved_by: MO, expires: 2024-06-30}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "r.md"
    result = CliRunner().invoke(main, ["report", str(PAPERS), "-o", str(out), "--format", "markdown", "--today", "2025-06-01"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "- Open waivers: 1" in text
    assert "| Data protection (DPIA) position not stated (`dpia-missing`) | error | 3 | 1 | 1 | 66% |" in text
    assert "As at 1 June 2025. " in text
    assert "| 24/00027 | dpia-missing | 2024-06-30 | expired: the gap counts again |" in text


def test_the_trend_breaks_at_an_empty_quarter_and_marks_zero() -> None:
    from govlint.checks.formatters.report_charts import Bar, trend_chart

    bars = [Bar("2020 Q3", 0.5, "2 decided"), Bar("2020 Q4", 0.0, "1 decided"), Bar("2021 Q1", None, "no decisions"), Bar("2021 Q2", 1.0, "1 decided"), Bar("2021 Q3", 0.5, "2 decided")]
    svg = str(trend_chart("t", "Trend", bars))
    assert svg.count('class="nodata"') == 1 and svg.count('class="bar zero"') == 1
    # Two stretches of line, one either side of the empty quarter, never one across it.
    assert svg.count("<polyline") == 2
    assert ">0%<" in svg and "no decisions" in svg
