"""Decisions read from small KCC-layout papers (tests/fixtures/layouts) and from the corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from govlint.engine.extraction.decisions import extract_decisions
from govlint.engine.reading.lines import paper_from_text
from govlint.engine.reading.files import read_paper
from govlint.engine.records.model import Document
from govlint.engine.profiles.loader import load_profile
from tests.gold_compare import match_decisions

KENT = load_profile("kent-county-council")

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"
REPORT = "committee_report"
PROD = "proposed_record_of_decision"
ROD = "record_of_decision"


def paper_and_documents(name: str, *kinds_by_heading: tuple[str, str]):
    """The fixture paper, split where each (kind, first-line text) heading starts."""
    paper = paper_from_text(name, (LAYOUTS / name).read_text(encoding="utf-8"))
    starts = []
    for kind, heading in kinds_by_heading:
        start = next(line.number for line in paper.lines if line.text.startswith(heading))
        starts.append((kind, start))
    ends = [start - 1 for _, start in starts[1:]] + [len(paper.lines)]
    return paper, [Document(kind, start, end, None, None) for (kind, start), end in zip(starts, ends)]


def only_decision(name: str, *kinds_by_heading: tuple[str, str]):
    paper, documents = paper_and_documents(name, *kinds_by_heading)
    decisions = extract_decisions(paper, documents, KENT)
    assert len(decisions) == 1
    return paper, decisions[0]


@pytest.fixture(scope="module")
def report_and_prod():
    return only_decision("report_and_prod.txt", (REPORT, "From:"), (PROD, "KENT COUNTY COUNCIL – PROPOSED"))


@pytest.fixture(scope="module")
def rod_without_data_protection():
    return only_decision("rod_no_data_protection.txt", (ROD, "KENT COUNTY COUNCIL"))


@pytest.fixture(scope="module")
def rod_with_blank_data_protection():
    return only_decision("rod_blank_data_protection.txt", (ROD, "KENT COUNTY COUNCIL"))


def test_prod_to_be_allocated_takes_the_number_of_its_report(report_and_prod):
    _, decision = report_and_prod
    assert decision.decision_no == "24/00031"  # from "Decision no:" on the report cover
    assert decision.record_kinds == [REPORT, PROD]
    assert decision.decision_type == "proposed"
    assert decision.lines[0] > 30  # the PROD's span, not the report's


def test_report_cover_fields(report_and_prod):
    _, decision = report_and_prod
    assert decision.title == "LIBRARY VEHICLE FLEET REPLACEMENT"
    assert decision.decision_maker == "Cabinet Member for Community and Regulatory Services"
    assert decision.past_pathway == "Libraries Programme Board – 20 February 2024"
    assert decision.future_pathway == "Cabinet Member decision"
    assert decision.electoral_divisions == ["All"]


def test_key_decision_criteria_on_the_next_line(report_and_prod):
    paper, decision = report_and_prod
    assert decision.key_decision is True
    assert set(decision.key_decision_criteria) == {"savings_over_1m", "affects_more_than_two_divisions"}
    source = decision.evidence["key_decision_criteria"]
    assert "Savings of more than £1m" in source.text
    assert paper.line(source.line).text == "Key decision: Yes"


def test_money_from_the_prod_with_split_pence_and_units(report_and_prod):
    _, decision = report_and_prod
    assert decision.money_gbp == [979_450.50, 220_000, 1_200_000]
    assert decision.max_money_gbp == 1_200_000
    assert decision.evidence["max_money_gbp"].text.startswith("with a further £220,000")


def test_prod_assessments_and_planned_consultation(report_and_prod):
    _, decision = report_and_prod
    assert decision.eqia_status == "completed"
    assert decision.dpia_status == "not_required"
    consultation = decision.committee_consultation
    assert consultation.committee == "Growth, Economic Development and Communities Cabinet Committee"
    assert consultation.date == "2024-03-14"
    assert consultation.status == "planned"


def test_prod_blank_statutory_tail(report_and_prod):
    paper, decision = report_and_prod
    assert decision.alternatives_field == "blank"
    assert decision.interests_field == "blank"
    assert decision.decision_date is None
    heading = decision.evidence["interests_field"]
    assert paper.line(heading.end_line).text == "Proper Officer:"  # the wrapped heading, not content


def test_rod_without_data_protection_heading_is_absent(rod_without_data_protection):
    _, decision = rod_without_data_protection
    assert decision.dpia_status == "not_mentioned"
    assert "dpia_status" not in decision.evidence


def test_rod_with_empty_data_protection_heading_is_blank(rod_with_blank_data_protection):
    paper, decision = rod_with_blank_data_protection
    assert decision.dpia_status == "not_mentioned"
    source = decision.evidence["dpia_status"]
    assert source.end_line == source.line
    assert paper.line(source.line).text == "Data Protection implications:"


def test_signed_rod(rod_without_data_protection):
    _, decision = rod_without_data_protection
    assert decision.decision_no == "24/00077"  # "Decision Number:" with the value two lines below
    assert decision.decision_type == "taken"
    assert decision.record_kinds == [ROD]
    assert decision.decision_date == "2024-10-04"
    assert decision.interests_field == "none"
    assert decision.alternatives_field == "given"
    assert decision.key_decision is True  # "Key decision*" with the criterion under it
    assert decision.key_decision_criteria == ["affects_more_than_two_divisions"]
    assert decision.money_gbp == [4_700_000]
    assert decision.eqia_status == "not_completed"


def test_rod_held_consultation_and_recorded_interest(rod_without_data_protection, rod_with_blank_data_protection):
    _, held = rod_without_data_protection
    assert held.committee_consultation.status == "held"
    assert held.committee_consultation.committee == "Environment and Transport Cabinet Committee"
    assert held.committee_consultation.date == "2024-09-12"
    _, other = rod_with_blank_data_protection
    assert other.committee_consultation.status == "not_possible"
    assert other.urgent is True
    assert other.interests_field == "recorded"
    # "None" under alternatives is the explicit answer the regulations ask for: given.
    assert other.alternatives_field == "given"
    assert other.key_decision is False
    assert other.decision_maker == "Leader of the Council"
    assert other.eqia_status == "in_progress"


def test_markdown_bold_and_page_noise():
    _, decision = only_decision("prod_bold_number.txt", (PROD, "KENT COUNTY COUNCIL"))
    assert decision.decision_no == "23/00001"
    assert decision.title == "School Transport Framework"
    assert decision.key_decision_criteria == ["expenditure_over_1m"]
    assert decision.money_gbp == [3_087_241.01]
    assert decision.evidence["decision_no"].text == "**Decision No:** 23/00001"


def test_report_for_information_gives_no_decision():
    paper, documents = paper_and_documents("report_and_prod.txt", (REPORT, "From:"))
    no_number = [Document(REPORT, documents[0].line_start, 9, None, None)]  # the cover before "Decision no:"
    assert extract_decisions(paper, no_number, KENT) == []


def test_every_evidence_quotes_its_line(report_and_prod, rod_without_data_protection, rod_with_blank_data_protection):
    for paper, decision in (report_and_prod, rod_without_data_protection, rod_with_blank_data_protection):
        for name, source in decision.evidence.items():
            first = paper.line(source.line).raw.strip()
            assert first and first.split()[0] == source.text.split()[0], (name, source)


def test_corpus_decisions_match_gold_numbers_and_spans(corpus_files, gold):
    """Decisions read from the gold document spans: none missed, none spurious."""
    for path in corpus_files:
        expected = gold[path.stem]
        documents = [Document(d["kind"], d["line_start"], d["line_end"], d["title"], d["decision_no"]) for d in expected["documents"]]
        found = [
            {"decision_no": d.decision_no, "lines": list(d.lines), "type": d.decision_type}
            for d in extract_decisions(read_paper(path), documents, KENT)
        ]
        pairs, missed, spurious = match_decisions(found, expected["decisions"])
        assert not missed and not spurious, (path.name, missed, spurious)
        assert all(f["type"] == g["decision_type"] for f, g in pairs)


def test_outside_cycle_cover_with_one_record_present_and_one_absent():
    paper, documents = paper_and_documents(
        "outside_cycle_cover_and_rod.txt", (REPORT, "From:"), (ROD, "KENT COUNTY COUNCIL")
    )
    decisions = {d.decision_no: d for d in extract_decisions(paper, documents, KENT)}
    assert sorted(decisions) == ["24/00015", "24/00016"]
    absent, taken = decisions["24/00015"], decisions["24/00016"]
    assert absent.decision_type == "report_only"
    assert absent.title == "Care Home Fee Uplift"
    assert absent.decision_maker == "Cabinet Member for Adult Social Care and Public Health"
    assert absent.committee_consultation.status == "not_possible"
    assert absent.committee_consultation.committee == "Adult Social Care Cabinet Committee"
    assert absent.urgent is True
    assert absent.interests_field == absent.alternatives_field == "absent"
    assert "interests_field" not in absent.evidence
    assert taken.decision_type == "taken"
    assert taken.record_kinds == [REPORT, ROD]
    assert taken.lines[0] == documents[1].line_start
    assert taken.committee_consultation.committee == "Adult Social Care Cabinet Committee"  # from the cover's "To:"
    assert taken.decision_date == "2024-02-29"
    assert taken.money_gbp == [2_450_000]


def test_report_with_its_own_number_and_no_record_is_report_only():
    paper, documents = paper_and_documents("report_and_prod.txt", (REPORT, "From:"), (PROD, "KENT COUNTY COUNCIL – PROPOSED"))
    (decision,) = extract_decisions(paper, documents[:1], KENT)
    assert decision.decision_type == "report_only"
    assert decision.decision_no == "24/00031"
    assert decision.money_gbp == [1_200_000]  # the report's own Financial Implications section
    assert decision.lines == (documents[0].line_start, documents[0].line_end)
