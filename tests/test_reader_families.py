"""Papers of the families the shipped profiles describe, written for the project (invented
councils and facts): each is read field by field as a person would read it."""
from __future__ import annotations

from pathlib import Path

import pytest

from govlint.engine.extraction.paper import parse_paper
from govlint.engine.reading.files import read_paper

FAMILIES = Path(__file__).parent / "fixtures" / "families"


def decisions_of(name: str):
    parsed = parse_paper(read_paper(FAMILIES / name))
    assert parsed.reading.understood, parsed.reading.not_understood
    return parsed, parsed.decisions


def test_moderngov_decision_page_without_reference_or_sections():
    parsed, (decision,) = decisions_of("moderngov_page.txt")
    assert parsed.reading.profile == "moderngov"
    assert decision.decision_no is None
    assert decision.title == "Replacement of Riverside Footbridge"  # the line under "Decision details"
    assert decision.decision_maker == "Cabinet"
    assert decision.decision_type == "taken"
    assert decision.key_decision is True
    # The purpose says why it is key: over the threshold, and three wards named.
    assert set(decision.key_decision_criteria) == {"expenditure_over_1m", "affects_more_than_two_divisions"}
    assert decision.electoral_divisions == ["Abbotsfield", "Lark Vale", "Mill End"]
    assert decision.money_gbp == [842000.0, 600000.0, 242000.0]  # no financial section: the decision text
    assert (decision.eqia_status, decision.dpia_status) == ("completed", "not_required")
    consultation = decision.committee_consultation
    assert (consultation.committee, consultation.date, consultation.status) == ("Place Scrutiny Committee", "2026-03-03", "held")
    assert decision.decision_date == "2026-03-17"  # day first
    assert (decision.interests_field, decision.alternatives_field) == ("none", "given")


def test_record_of_several_decisions_shares_its_head():
    parsed, decisions = decisions_of("district_record_of_decisions.txt")
    assert parsed.reading.profile == "english-councils"
    first, second = decisions
    assert (first.decision_no, second.decision_no) == ("EX/2026/011", "EX/2026/012")
    # The meeting date and the body in the record's heading hold for every entry.
    assert first.decision_date == second.decision_date == "2026-04-14"
    assert first.decision_maker == second.decision_maker == "Executive"
    assert first.lines[0] < first.lines[1] < second.lines[0]
    assert first.eqia_status == "not_mentioned"  # "Equality implications: None." says nothing
    assert second.key_decision is True and second.key_decision_criteria == ["expenditure_over_1m"]
    assert second.eqia_status == "not_completed"  # "will be completed before …"
    assert second.committee_consultation.status == "held"
    assert second.alternatives_field == "blank"
    assert first.interests_field == second.interests_field == "none"


def test_officer_decision_record():
    _, (decision,) = decisions_of("officer_decision_record.txt")
    assert decision.decision_no == "OD-2026-03"
    assert decision.decision_maker == "Head of Community Safety"  # the post, not the person
    assert decision.key_decision is False
    assert decision.electoral_divisions == ["Market", "Quayside"]
    assert decision.money_gbp == [96500.0]
    assert decision.dpia_status == "completed"
    assert decision.decision_date == "2026-02-09"
    assert decision.interests_field == "none"  # every labelled answer is nil


def test_report_front_sheet_for_decision():
    _, (decision,) = decisions_of("report_front_sheet.txt")
    assert decision.decision_type == "report_only"
    assert decision.title == "Leisure Centre Roof Replacement"
    assert decision.decision_maker == "Cabinet"  # "Report to:"
    assert decision.key_decision_criteria == ["expenditure_over_1m"]  # the council's own threshold
    assert (decision.eqia_status, decision.dpia_status) == ("not_required", "not_required")
    consultation = decision.committee_consultation
    assert (consultation.committee, consultation.status) == ("Community Scrutiny Panel", "planned")
    assert decision.alternatives_field == "given"


def test_word_export_with_pipe_rows_and_tick_boxes():
    _, (decision,) = decisions_of("word_export_pipe_rows.txt")
    assert decision.decision_no == "ACC/CMD/2026/044"
    assert decision.decision_type == "proposed"
    assert decision.decision_maker == "Cabinet Member for Highways"
    # Only the ticked box counts.
    assert decision.key_decision_criteria == ["affects_more_than_two_divisions"]
    assert decision.eqia_status == "completed"
    assert decision.interests_field == "blank"  # an empty cell is a blank field, not an absent one


@pytest.mark.parametrize("name", sorted(path.name for path in FAMILIES.glob("*.txt")))
def test_every_evidence_quote_is_on_its_lines(name):
    paper = read_paper(FAMILIES / name)
    for decision in parse_paper(paper).decisions:
        for field_name, evidence in decision.evidence.items():
            quoted = " ".join(" ".join(line.raw for line in paper.between(evidence.line, evidence.end_line)).split())
            assert " ".join(evidence.text.split()[:3]) in quoted, (field_name, evidence)


def test_a_paper_with_no_record_is_not_understood(tmp_path):
    budget = tmp_path / "budget-book.txt"
    budget.write_text("Budget Book 2026-27\n\nService analysis\nParks 1,204\nLibraries 2,310\n", encoding="utf-8")
    parsed = parse_paper(read_paper(budget))
    assert not parsed.decisions and not parsed.reading.understood
    assert "no decision record" in parsed.reading.not_understood
    assert parsed.reading.evidence["not_understood"].text == "Budget Book 2026-27"


def test_a_record_whose_fields_cannot_be_read_is_not_understood(tmp_path):
    record = tmp_path / "record.txt"
    record.write_text("RECORD OF DECISION\n\nDecision No: AB/2026/001\n\nThe matter was dealt with.\n", encoding="utf-8")
    parsed = parse_paper(read_paper(record))
    assert [d.decision_no for d in parsed.decisions] == ["AB/2026/001"]
    assert not parsed.reading.understood
    assert "AB/2026/001" in parsed.reading.not_understood


def test_a_new_councils_form_is_one_profile_file():
    """docs/reader-profiles.md's worked example: the general profile cannot read the notice,
    the council's profile (data only) reads it field by field."""
    from govlint.engine.profiles.loader import load_profile

    paper = read_paper(FAMILIES / "harbour_city_notice.txt")
    assert not parse_paper(paper).reading.understood
    parsed = parse_paper(paper, load_profile(str(Path(__file__).parent / "fixtures" / "profiles" / "harbour-city.yaml")))
    assert parsed.reading.understood and parsed.reading.profile == "harbour-city"
    (decision,) = parsed.decisions
    assert decision.decision_no == "HCC-2026-014"
    assert decision.title == "Harbourside Lighting Renewal"
    assert decision.decision_maker == "Executive Member for Place"
    assert decision.key_decision is True and decision.key_decision_criteria == ["expenditure_over_1m"]
    assert decision.electoral_divisions == ["Harbourside", "Old Town", "Quay"]
    assert (decision.eqia_status, decision.dpia_status) == ("completed", "not_required")
    assert decision.committee_consultation.status == "held"
    assert decision.decision_date == "2026-03-02"
    assert (decision.interests_field, decision.alternatives_field) == ("none", "given")
    # The form-code footer is furniture: no field quotes it.
    assert all("HCC form" not in evidence.text for evidence in decision.evidence.values())


def test_officer_decision_record_whose_heading_has_an_article():
    # "RECORD OF AN OFFICER DECISION"; the decision under "Details of the decision taken";
    # interests as a sentence saying none were declared; a panel "was consulted on" a date.
    _, (decision,) = decisions_of("officer_decision_article_heading.txt")
    assert decision.decision_no == "OD/2026/031"
    assert decision.decision_maker == "Director of Environment and Leisure"
    assert decision.money_gbp == [1260000.0]
    assert decision.interests_field == "none"
    consultation = decision.committee_consultation
    assert (consultation.committee, consultation.date, consultation.status) == ("Environment Overview and Scrutiny Panel", "2025-12-02", "held")
    assert (decision.eqia_status, decision.dpia_status) == ("completed", "not_required")


def test_portfolio_holder_record_with_an_unlabelled_section_under_a_one_line_field():
    # "Wards Affected: Eastfield", a blank line, then "Summary of Decision" and its paragraph:
    # the wards are the one line; the summary is the decision, naming who took it.
    _, (decision,) = decisions_of("portfolio_holder_record.txt")
    assert decision.decision_no == "PHD/0412"
    assert decision.electoral_divisions == ["Eastfield"]
    assert decision.decision_maker == "Portfolio Holder for Highways and Transport"
    assert decision.money_gbp == [38500.0]
    assert decision.key_decision is False
    assert decision.alternatives_field == "given"


def test_moderngov_page_naming_its_scrutiny_committee_in_prose():
    _, (decision,) = decisions_of("moderngov_page_scrutiny_named.txt")
    assert decision.decision_maker == "Cabinet Member for Resources"
    assert decision.electoral_divisions == ["Ashworth North"]
    consultation = decision.committee_consultation
    # The committee's name runs on after "Committee": "Scrutiny Committee for Resources".
    assert (consultation.committee, consultation.date, consultation.status) == ("Scrutiny Committee for Resources", "2026-02-03", "held")


def test_front_sheet_with_two_opening_labels_and_numbered_sections():
    # "Report to: Cabinet" then "Report of: Director of Housing": one front sheet, not two
    # reports; the recipient decides. "10. Declarations of interest" / "10.1 None." says none.
    parsed, (decision,) = decisions_of("report_front_sheet_numbered.txt")
    assert [document.kind for document in parsed.documents] == ["committee_report"]
    assert decision.decision_type == "report_only"
    assert decision.decision_maker == "Cabinet"
    assert decision.electoral_divisions == ["Abbey", "Castle", "Priory", "Westgate"]
    assert decision.max_money_gbp == 3100000.0
    assert decision.interests_field == "none"
    consultation = decision.committee_consultation
    assert (consultation.committee, consultation.date, consultation.status) == ("Housing Overview and Scrutiny Committee", "2026-03-10", "planned")


# An executive member's record as a two-column Word table, and the same table in a ruled PDF.
EXECUTIVE_MEMBER_RECORD = [
    ["Decision reference", "EMD/2026/004"],
    ["Title", "Highway Drainage Maintenance Contract Extension"],
    ["Decision maker", "Executive Member for Environment"],
    ["Date of decision", "9 April 2026"],
    ["Key decision", "Yes - expenditure over £500,000 and affects all wards"],
    ["Wards affected", "All"],
    ["Decision", "To extend the highway drainage maintenance contract with Drainline Ltd for 12 months at a cost of £640,000."],
    ["Reasons for decision", "A new procurement cannot be completed before the current contract ends."],
    ["Alternative options considered and rejected", "Allowing the contract to lapse was rejected as statutory duties would not be met."],
    ["Consultation", "The Environment Scrutiny Committee considered the proposal on 24 March 2026 and supported it."],
    ["Equality impact assessment", "Not required - the extension continues an existing service unchanged."],
    ["Data protection impact assessment", "Not required"],
    ["Conflicts of interest declared by the decision maker", "None"],
    ["Dispensations granted", "None"],
]


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_executive_member_record_as_a_table(tmp_path, suffix):
    from tests.paper_builder import write_docx_table, write_pdf_table

    write = write_docx_table if suffix == "docx" else write_pdf_table
    path = write(tmp_path / f"record.{suffix}", EXECUTIVE_MEMBER_RECORD, ("Wexcombe Council", "Executive Member Decision Record"))
    parsed = parse_paper(read_paper(str(path)))
    (decision,) = parsed.decisions
    assert (decision.decision_no, decision.decision_maker, decision.decision_date) == ("EMD/2026/004", "Executive Member for Environment", "2026-04-09")
    assert decision.key_decision is True
    assert set(decision.key_decision_criteria) == {"expenditure_over_1m", "affects_more_than_two_divisions"}
    assert decision.electoral_divisions == ["All"]
    assert decision.money_gbp == [640000.0]
    assert (decision.eqia_status, decision.dpia_status) == ("not_required", "not_required")
    assert (decision.interests_field, decision.alternatives_field) == ("none", "given")
    assert decision.committee_consultation.committee == "Environment Scrutiny Committee"


def test_record_of_decisions_whose_heading_names_the_body_and_day_and_entries_open_with_item_headings():
    # "RECORD OF DECISIONS TAKEN BY THE CABINET ON WEDNESDAY 4 MARCH 2026"; each entry opens
    # "Item 7: Waste Collection Vehicle Replacement" above its "Decision Reference:".
    parsed, decisions = decisions_of("record_of_decisions_item_headings.txt")
    assert [(d.decision_no, d.title) for d in decisions] == [
        ("C/26/041", "Waste Collection Vehicle Replacement"),
        ("C/26/042", "Community Grants Scheme 2026/27"),
    ]
    assert {d.decision_maker for d in decisions} == {"Cabinet"}
    assert {d.decision_date for d in decisions} == {"2026-03-04"}
    first, second = decisions
    assert first.lines[1] < second.lines[0]  # the second entry's item heading is its own
    assert first.interests_field == "none" and second.interests_field == "recorded"
    assert (first.key_decision, second.key_decision) == (True, False)
    assert first.max_money_gbp == 2350000.0


@pytest.mark.parametrize(
    ("answer", "eqia"),
    [
        # Under a heading naming the assessment the answer need not name it again.
        ("Equality Impact Assessment: Yes - attached as Appendix 2", "completed"),
        ("Equality Impact Assessment: Completed (see background papers)", "completed"),
        ("Equality Impact Assessment: EqIA screening form attached; no adverse impacts were found.", "completed"),
        ("Equality Impact Assessment: Screening completed – full EqIA not required.", "not_required"),
        ("Equality Impact Assessment: Relevance test completed - no EqIA needed", "not_required"),
        ("Equality Impact Assessment: EqIA to follow", "not_completed"),
        ("Equality Impact Assessment: Under review", "in_progress"),
        ("Equality Impact Assessment: N/A", "not_mentioned"),  # a bare nil answer says nothing of it
        # Under a heading about equality in general, a sentence must name the assessment.
        ("Equalities: Yes, the council has thought about it.", "not_mentioned"),
    ],
)
def test_an_assessment_answered_under_its_own_heading(tmp_path, answer, eqia):
    printed = "Equalities: An equality impact assessment has been completed and is published with this record."
    assert _officer_record_with(tmp_path, printed, answer).eqia_status == eqia


@pytest.mark.parametrize(
    ("answer", "key"),
    [
        ("Key Decision: Y", True),
        ("Key Decision: N", False),  # a one-letter answer, not a criterion under an old heading
        ("Key decision: This is not a key decision.", False),
        ("Key decision: Non-key", False),
        ("Key decision: YES", True),
    ],
)
def test_key_decision_answers(tmp_path, answer, key):
    assert _officer_record_with(tmp_path, "Is this a key decision? Yes - expenditure above £500,000", answer).key_decision is key


def _officer_record_with(tmp_path, printed: str, answer: str):
    """The decision of the officer record family paper with its line `printed` worded as `answer`."""
    text = (FAMILIES / "officer_decision_article_heading.txt").read_text(encoding="utf-8")
    assert printed in text
    path = tmp_path / "record.txt"
    path.write_text(text.replace(printed, answer), encoding="utf-8")
    (decision,) = parse_paper(read_paper(path)).decisions
    return decision


def test_list_of_delegated_decisions_without_references():
    # Each entry is its title line over its "Decision Maker:", with no reference to split on.
    _, decisions = decisions_of("moderngov_delegated_decisions_list.txt")
    assert [(d.decision_no, d.title, d.decision_maker) for d in decisions] == [
        (None, "Contract for Schools Catering Services", "Director of Children's Services"),
        (None, "Highways Resurfacing Programme 2026/27", "Cabinet Member for Highways"),
    ]
    assert [d.max_money_gbp for d in decisions] == [4200000.0, 3100000.0]
    assert [d.electoral_divisions for d in decisions] == [["All"], ["Castle", "Eastgate", "Northfield"]]


def test_notice_of_a_proposed_cabinet_member_decision():
    # "Cabinet Member:" names who decides; "saves more than £1,000,000" is the savings limb;
    # under "Scrutiny:" the committee's name starts after the label.
    _, (decision,) = decisions_of("notice_of_proposed_cabinet_member_decision.txt")
    assert (decision.decision_no, decision.decision_type) == ("WCC/CM/2026/017", "proposed")
    assert decision.decision_maker == "Cabinet Member for Environment and Waste"
    assert set(decision.key_decision_criteria) == {"savings_over_1m", "affects_more_than_two_divisions"}
    assert decision.electoral_divisions == ["Holly Lane", "Brookside", "Marsh Green"]
    consultation = decision.committee_consultation
    assert (consultation.committee, consultation.date, consultation.status) == ("Environment Select Committee", "2026-04-08", "planned")
