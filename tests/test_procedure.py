"""The procedure a decision went through, as its papers say it: statutory sections, publication
and exempt information, call-in, the urgency route, the forward-plan notice, public consultation,
placeholder wording, dispensations and the documents about it with the numbers they print.

Small papers in several layouts (KCC forms, ModernGov pages, district and officer records, a
report front sheet, Word rows), each field with a paper that has it and one that does not; then
the corpus, where every new field's evidence must quote the lines it names.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from govlint.engine.extraction.paper import parse_paper
from govlint.engine.profiles.loader import load_profile
from govlint.engine.reading.files import read_paper
from govlint.engine.reading.lines import paper_from_text
from govlint.engine.records.model import Decision

KENT = load_profile("kent-county-council")
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

KCC_ROD = """KENT COUNTY COUNCIL – RECORD OF DECISION

DECISION TAKEN BY:
Cabinet Member for Highways

   DECISION NO:
24/00077

For publication

Key decision*
Expenditure of more than £1m

Subject: STREET LIGHTING RENEWAL

Decision: As Cabinet Member for Highways, I agree to APPROVE the renewal of street lighting.

Reason(s) for decision:
{reasons}

Financial Implications:
The renewal will cost £2,400,000 over three years.

{legal}
Equality Implications:
{equality}

Member and other consultation:
{consultation}

Any alternatives considered:
Doing nothing was rejected.

Any interest declared when the decision was taken and any dispensation granted by the
Proper Officer:
{interests}

3 March 2024

 signed   date
"""


def kcc_rod(**values: str) -> str:
    defaults = {
        "reasons": "The lanterns are at the end of their life.",
        "legal": "Legal Implications\nThe Council is the highway authority under the Highways Act 1980.\n",
        "equality": "An EqIA has been completed and found no adverse impact.",
        "consultation": "The Highways Cabinet Committee considered the decision on 12 February 2024 and endorsed it.",
        "interests": "N/A",
    }
    return KCC_ROD.format(**{**defaults, **values})


def read(text: str, profile=None, name: str = "paper.txt") -> list[Decision]:
    return parse_paper(paper_from_text(name, text), profile).decisions


def only(text: str, profile=None) -> Decision:
    [decision] = read(text, profile)
    return decision


def quote(text: str, decision: Decision, key: str) -> str:
    evidence = decision.evidence[key]
    lines = text.splitlines()[evidence.line - 1 : evidence.end_line]
    return " ".join(" ".join(lines).split())


# -- statutory sections ------------------------------------------------------------------


def test_sections_given_on_a_kcc_record():
    text = kcc_rod()
    decision = only(text, KENT)
    assert (decision.reasons_field, decision.equality_field, decision.financial_implications_field, decision.legal_implications_field) == ("given",) * 4
    assert "end of their life" in quote(text, decision, "reasons_field")
    assert "Highways Act 1980" in quote(text, decision, "legal_implications_field")


def test_a_section_heading_with_nothing_under_it_is_blank_and_a_missing_one_absent():
    text = kcc_rod(reasons="", legal="", equality="Page 12")
    decision = only(text, KENT)
    assert decision.reasons_field == "blank"
    assert decision.legal_implications_field == "absent"
    assert "legal_implications_field" not in decision.evidence
    assert decision.equality_field == "blank"
    assert quote(text, decision, "reasons_field") == "Reason(s) for decision:"


def test_nil_equality_answer_is_none():
    decision = only(kcc_rod(equality="None"), KENT)
    assert decision.equality_field == "none"


def test_numbered_sections_of_an_officer_record():
    text = """RECORD OF OFFICER DECISION

Decision reference: ODR-2026-03
Decision maker: Head of Waste Services
Title: Hire of two refuse vehicles

2. Decision
To hire two refuse vehicles for twelve months.

3. Reasons for the decision
Two vehicles are beyond economic repair.

4. Financial implications
£48,000 met from the fleet budget.

5. Equality implications
None.
"""
    decision = only(text)
    assert decision.reasons_field == "given"
    assert decision.financial_implications_field == "given"
    assert decision.equality_field == "none"
    assert decision.legal_implications_field == "absent"


# -- publication and exempt information ----------------------------------------------------


def test_for_publication_line_on_a_kcc_form():
    assert only(kcc_rod(), KENT).for_publication is True


def test_kcc_2025_for_publication_line_with_its_printed_instruction():
    text = kcc_rod().replace(
        "For publication\n",
        "For publication [Do not include information which is exempt from publication under schedule 12a of\nthe Local Government Act 1972]\n",
    )
    decision = only(text, KENT)
    assert decision.for_publication is True
    # The instruction not to include exempt information is no exempt information.
    assert decision.exempt.status != "exempt"


def test_restricted_appendix_without_a_paragraph():
    text = """From: Cabinet Member for Adult Social Care

To: Adult Social Care Cabinet Committee – 25 November 2020

Decision No: 20/00311

Subject: Contract Award for Day Services

Classification: Restricted Appendix (Exempt from publication by
Schedule 12A to the Local Government Act 1972, as it
contains commercially sensitive information)

Recommendation(s): The Committee is asked to CONSIDER and ENDORSE the proposed decision.
"""
    decision = only(text, KENT)
    assert decision.exempt.status == "exempt"
    assert decision.exempt.paragraphs == []
    assert "Schedule 12A" in quote(text, decision, "exempt.status")


def test_front_sheet_citing_paragraph_3_and_a_public_interest_test():
    text = """ELLWOOD BOROUGH COUNCIL

Report to:               Cabinet
Date of meeting:         20 January 2026
Report title:            Depot Disposal
Status:                  For Decision
Classification:          Unrestricted, except Appendix 2 which is exempt under
                         paragraphs 3 and 5 of Part 1 of Schedule 12A to the Local Government
                         Act 1972
Key Decision:            Yes
Forward Plan Reference:  FP/2025/101

1. Recommendations
1.1 To sell the depot.

2. Exempt information
2.1 The public interest in maintaining the exemption outweighs the public interest in disclosing it.
"""
    decision = only(text)
    assert decision.exempt.status == "exempt"
    assert decision.exempt.paragraphs == [3, 5]
    assert decision.exempt.public_interest_test is True
    assert "paragraphs 3 and 5" in quote(text, decision, "exempt.paragraphs")
    assert decision.forward_plan.status == "listed"
    assert decision.forward_plan.reference == "FP/2025/101"


def test_exempt_information_no_is_public():
    text = """DECISION RECORD

Decision Reference:        SCC/DR/2026/0001
Decision Title:            Park Benches
Decision Maker:            Councillor A Lane, Portfolio Holder for Parks
Date of Decision:          21 January 2026
Key Decision:              No
Forward Plan Reference:    Not applicable
Exempt Information:        No

2. DECISION
2.1 I approve new benches.
"""
    decision = only(text)
    assert decision.exempt.status == "public"
    assert decision.for_publication is True
    assert decision.forward_plan.status == "not_listed"
    assert decision.forward_plan.reference is None
    assert decision.call_in == "not_mentioned"


def test_moderngov_page_with_an_exempt_annex_and_call_in():
    text = """Issue - decisions

Minibus Route Contracts

Decision Maker: Cabinet Member for Education

Is Key Decision?: Yes

Is Callable In?: Yes

Decision:

To award the contracts set out in the exempt annex.

Publication date: 05/12/2025

Date of decision: 04/12/2025

Call-in deadline: 12/12/2025 5:00 pm

Accompanying Documents:

  Annex 1 - Tender evaluation (exempt, paragraph 3)  Restricted
"""
    decision = only(text, load_profile("moderngov"))
    assert decision.call_in == "subject_to_call_in"
    assert decision.exempt.status == "exempt"
    assert decision.exempt.paragraphs == [3]
    assert decision.exempt.public_interest_test is False


# -- call-in ----------------------------------------------------------------------------------


def car_park_record(section: str) -> str:
    """A CMIS-style decision record with one more numbered section."""
    return (
        "DECISION RECORD\n\n"
        "Decision Reference:        SCC/DR/2026/0002\n"
        "Decision Title:            Car Park Resurfacing\n"
        "Decision Maker:            Councillor A Lane, Portfolio Holder for Transport\n\n"
        "2. DECISION\n2.1 I approve the works.\n\n" + section
    )


def test_call_in_note_gives_the_implementation_date():
    text = car_park_record(
        "11. CALL-IN\n"
        "11.1 This decision may be called in. It will take effect on 29 October 2025 unless\n"
        "     called in before 5.00 pm on 28 October 2025.\n"
    )
    decision = only(text)
    assert decision.call_in == "subject_to_call_in"
    assert decision.effective_date == "2025-10-29"
    assert "take effect on 29 October 2025" in quote(text, decision, "effective_date")


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("Subject to call-in: Yes", "subject_to_call_in"),
        ("Subject to call-in: No (noting report)", "waived"),
        ("Call-in: This decision is exempt from call-in because it is urgent.", "waived"),
        ("Is subject to call in?: No", "waived"),
    ],
)
def test_call_in_field_answers(line, status):
    text = f"""CABINET - RECORD OF DECISIONS

Meeting held on Wednesday, 10 September 2025

Decision No:        CAB/2025/041
Subject:            Allotment Rents
{line}

Decision:
  To raise allotment rents by 3%.
"""
    decision = only(text)
    assert decision.call_in == status
    assert line.split(":")[0] in quote(text, decision, "call_in")


# -- urgency -----------------------------------------------------------------------------------


def test_outside_cycle_record_taken_on_normal_timescales_with_its_reason():
    text = kcc_rod(
        consultation=(
            "No Cabinet Committee consultation possible due to timing of Committee schedule.\n"
            "This decision was originally intended to be taken as an urgent decision.\n"
            "As the agreement took longer, the FED publication is now approaching the 28 day period and it\n"
            "felt appropriate to take this decision on the normal timescales."
        )
    )
    decision = only(text, KENT)
    assert decision.urgency.route == "none"
    assert decision.urgency.reason == "given"
    assert "due to timing" in quote(text, decision, "urgency.reason")
    assert decision.forward_plan.period_met is False
    assert decision.forward_plan.status == "listed"
    assert "approaching the 28 day period" in quote(text, decision, "forward_plan.period_met")


def test_narrative_saying_the_period_has_passed():
    decision = only(kcc_rod(consultation="The Highways Cabinet Committee considered it on 12 February 2024. The FED publication has past the 28 day period."), KENT)
    assert decision.forward_plan.period_met is True


def test_special_urgency_with_the_agreeing_chair_named_and_dated():
    text = kcc_rod(
        consultation=(
            "Special urgency procedures were used. Mr J Smith, Chairman of the Scrutiny Committee, agreed on\n"
            "4 March 2024 that the decision was urgent and could not reasonably be deferred."
        )
    )
    decision = only(text, KENT)
    assert decision.urgency.route == "special_urgency"
    assert decision.urgency.agreed_by == "Mr J Smith"
    assert decision.urgency.agreed_date == "2024-03-04"
    assert decision.urgency.scrutiny_chair_informed is True
    assert "Mr J Smith" in quote(text, decision, "urgency.agreed_by")


def test_general_exception_with_its_notice_date():
    text = """RECORD OF DECISION

Decision reference: ODR-2026-09
Decision maker: Cabinet
Title: Flood Recovery Grants

Decision:
To award flood recovery grants.

Reason for urgency: The grants must be paid before the scheme closes on 31 March.

Notice under the general exception procedure was published on 2 March 2026 and the Chair of
the Overview and Scrutiny Committee was informed in writing.
"""
    decision = only(text)
    assert decision.urgency.route == "general_exception"
    assert decision.urgency.reason == "given"
    assert decision.urgency.notice_date == "2026-03-02"
    assert decision.urgency.scrutiny_chair_informed is True
    assert decision.urgency.agreed_by is None


def test_an_ordinary_record_has_no_urgency():
    decision = only(kcc_rod(), KENT)
    assert decision.urgency.route == "none"
    assert decision.urgency.reason == "absent"
    assert decision.urgency.scrutiny_chair_informed is False
    assert not any(key.startswith("urgency.") for key in decision.evidence)


def test_cover_note_promising_a_reason_and_giving_none_is_blank():
    text = (Path(__file__).parent / "fixtures" / "layouts" / "outside_cycle_cover_and_rod.txt").read_text(encoding="utf-8")
    cover = text.split("KENT COUNTY COUNCIL")[0] if "KENT COUNTY COUNCIL" in text else text
    promise = """From: Cabinet Member for Adult Social Care

To: Adult Social Care Cabinet Committee – 25 November 2020

Subject: DECISIONS TAKEN OUTSIDE OF THE CABINET COMMITTEE MEETING CYCLE

Classification: Unrestricted

Summary: The attached decision was taken between meetings as it could not
reasonably be deferred to the next programmed meeting for the reason set out below.

Recommendation: The Committee is asked to NOTE that the following decision has been taken:

20/00406 - Infection Control Fund

2. Decision

2.1 The government extended the fund until 31 March with new conditions.
"""
    decision = only(promise, KENT)
    assert decision.decision_type == "report_only"
    assert decision.urgency.reason == "blank"
    assert "reason set out below" in quote(promise, decision, "urgency.reason")
    given = promise.replace("new conditions.", "new conditions. Waiting for the next committee would not have been possible as the grant had to be passed on within 20 days.")
    assert only(given, KENT).urgency.reason == "given"
    assert cover  # the fixture is a cover note too


# -- public consultation -------------------------------------------------------------------


def test_consultation_held_with_its_closing_date_and_responses():
    text = """CABINET - RECORD OF DECISIONS

Meeting held on Wednesday, 10 September 2025

Decision No:        CAB/2025/032
Subject:            Cycling Plan
Subject to call-in: Yes

Decision:
  To adopt the Cycling Plan.

Reasons for decision:
  Public consultation ran from 2 June to 14 July 2025 and received 842 responses; 61% supported
  the Plan.
"""
    decision = only(text)
    assert decision.public_consultation.status == "held"
    assert decision.public_consultation.date == "2025-07-14"
    assert decision.public_consultation.summary is True


def test_stakeholders_consulted_and_what_they_asked():
    text = car_park_record(
        "5. CONSULTATION\n"
        "5.1 Ward councillors and the Business Forum were consulted in September 2025. Businesses\n"
        "    asked that the works avoid the Christmas trading period, which the phasing does.\n"
    )
    decision = only(text)
    assert decision.public_consultation.status == "held"
    assert decision.public_consultation.summary is True
    assert "asked that" in quote(text, decision, "public_consultation.summary")


def test_consultation_mentioned_without_a_summary():
    decision = only(kcc_rod(consultation="The Highways Cabinet Committee endorsed it on 12 February 2024. Public consultation was carried out in the early stages of this procurement."), KENT)
    assert decision.public_consultation.status == "held"
    assert decision.public_consultation.summary is False


def test_member_consultation_is_not_public_consultation():
    decision = only(kcc_rod(consultation="The Portfolio Holder for Environment was consulted on 28 October 2025."), KENT)
    assert decision.public_consultation.status == "not_mentioned"
    assert "public_consultation.status" not in decision.evidence


def test_planned_consultation():
    decision = only(kcc_rod(consultation="The Highways Cabinet Committee endorsed it on 12 February 2024. Residents will be consulted on the lantern design in May 2024."), KENT)
    assert decision.public_consultation.status == "planned"


# -- placeholder wording and dispensation ---------------------------------------------------


def test_taken_record_still_worded_as_the_proposal():
    text = kcc_rod(consultation="The proposed decision will be discussed at the Highways Cabinet Committee on 12 February 2024.")
    decision = only(text, KENT)
    assert decision.decision_type == "taken"
    assert decision.placeholder_wording is True
    assert "will be discussed at" in quote(text, decision, "placeholder_wording")
    assert only(kcc_rod(), KENT).placeholder_wording is False


def test_proposed_record_wording_is_no_placeholder_gap():
    text = kcc_rod(consultation="The proposed decision will be discussed at the Highways Cabinet Committee on 12 February 2024.").replace(
        "RECORD OF DECISION", "PROPOSED RECORD OF DECISION"
    ).replace("DECISION TAKEN BY", "DECISION TO BE TAKEN BY")
    decision = only(text, KENT)
    assert decision.decision_type == "proposed"
    assert decision.placeholder_wording is False


def test_dispensation_named_in_the_interests_field():
    text = kcc_rod(interests="The Cabinet Member declared an interest as a trustee; dispensation DISP/2024/3 granted until 2026.")
    decision = only(text, KENT)
    assert decision.dispensation is not None and "DISP/2024/3" in decision.dispensation
    assert "DISP/2024/3" in quote(text, decision, "dispensation")


@pytest.mark.parametrize("answer", ["N/A", "Councillor B Lee declared an interest and left the room. No dispensation was sought."])
def test_no_dispensation(answer):
    assert only(kcc_rod(interests=answer), KENT).dispensation is None


def test_separate_dispensation_field_of_word_rows():
    text = """Castleton County Council

RECORD OF INDIVIDUAL CABINET MEMBER DECISION

| Decision reference | CCC/ICMD/2026/004 |
| Decision maker | Cabinet Member for Adults |
| Title | Day Services |
| Forward Plan reference | FP 2026/014 |
| Decision | To reshape day services. |
| Conflicts of interest declared | None |
| Dispensation granted by the Head of Paid Service (reference and period) | None required |
"""
    decision = only(text)
    assert decision.dispensation is None
    assert decision.forward_plan.reference == "FP 2026/014"


# -- the documents about the decision --------------------------------------------------------


def test_report_and_record_printing_different_numbers():
    text = """From: Cabinet Member for Highways

To: Highways Cabinet Committee – 12 February 2024

Decision No: 24/00070

Subject: Street Lighting Renewal

Recommendation(s): The Committee is asked to CONSIDER and ENDORSE the proposed decision.

Financial Implications
The renewal will cost £2,300,000.

""" + kcc_rod()
    [decision] = read(text, KENT)
    # One decision, two numbers: both are kept, the record's own first.
    assert decision.decision_no == "24/00077"
    assert decision.decision_numbers == ["24/00077", "24/00070"]
    assert [(d.kind, d.decision_no) for d in decision.documents] == [("committee_report", "24/00070"), ("record_of_decision", "24/00077")]
    assert [d.max_money_gbp for d in decision.documents] == [2300000.0, 2400000.0]
    for index, document in enumerate(decision.documents):
        assert document.decision_no in quote(text, decision, f"documents[{index}].decision_no")
        assert quote(text, decision, f"decision_numbers[{index}]") == quote(text, decision, f"documents[{1 - index}].decision_no")


def test_proposed_record_to_be_allocated_takes_the_report_number():
    text = (Path(__file__).parent / "fixtures" / "layouts" / "report_and_prod.txt").read_text(encoding="utf-8")
    [decision] = read(text, KENT)
    assert [d.kind for d in decision.documents] == ["committee_report", "proposed_record_of_decision"]
    assert decision.decision_numbers == [decision.decision_no]
    assert all(d.source == "paper.txt" for d in decision.documents)


# -- the corpus ----------------------------------------------------------------------------------

_NEW = (
    "reasons_field",
    "equality_field",
    "financial_implications_field",
    "legal_implications_field",
    "for_publication",
    "call_in",
    "effective_date",
    "urgency",
    "forward_plan",
    "exempt",
    "public_consultation",
    "placeholder_wording",
    "dispensation",
    "documents",
    "decision_numbers",
    "declarations",
    "decisions_considered",
)


def _gold_papers() -> list[Path]:
    papers = []
    for gold in sorted((CORPUS / "gold").glob("*.json")):
        name = json.loads(gold.read_text(encoding="utf-8")).get("source_path") or gold.stem + ".txt"
        found = next((p for p in (CORPUS / name, CORPUS / "layouts" / name) if p.is_file()), None)
        if found and found.suffix == ".txt":
            papers.append(found)
    return papers


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
@pytest.mark.parametrize("path", _gold_papers(), ids=lambda p: p.name)
def test_every_new_field_quotes_the_lines_it_names(path):
    paper = read_paper(str(path))
    parsed = parse_paper(paper)
    checked = 0
    for record in [*parsed.decisions, *parsed.meetings]:
        for name, evidence in record.evidence.items():
            if not name.startswith(_NEW):
                continue
            named = " ".join(" ".join(line.raw for line in paper.between(evidence.line, evidence.end_line)).split())
            assert " ".join(evidence.text.split()[:4]) in named, (name, evidence, named[:200])
            checked += 1
    # A paper of forward-plan entries alone has no decision or meeting of its own.
    assert checked or not (parsed.decisions or parsed.meetings), "no new field was read from the paper"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
def test_corpus_examples_named_in_the_requirements():
    first = {d.decision_no: d for d in parse_paper(read_paper(str(CORPUS / "000_f262f526448a12a6.txt"))).decisions}
    rod = first["20/00084"]
    assert rod.forward_plan.period_met is False
    assert rod.urgency.route == "none" and rod.urgency.reason == "given"
    second = {d.decision_no: d for d in parse_paper(read_paper(str(CORPUS / "001_c9f6cae08955503c.txt"))).decisions}
    assert second["20/00106"].urgency.reason == "blank"
    assert second["20/00098"].exempt.status == "exempt" and second["20/00098"].exempt.paragraphs == []
    sedgebury = parse_paper(read_paper(str(CORPUS / "layouts" / "l_cmis_sedgebury.txt"))).decisions[0]
    assert sedgebury.forward_plan.status == "not_listed"
    assert sedgebury.public_consultation.status == "held"


# -- the words a wording cannot match without ----------------------------------------------------


def test_required_words_of_a_pattern():
    import re

    from govlint.engine.common.patterns import required_words

    assert required_words(re.compile(r"\bspecial\s+urgency\b|\breg\.?\s+11\b", re.I)) == ((("special",), ("urgency",)), (("reg",), ("11",)))
    assert required_words(re.compile(r"\b(?:public|residents)\s+were\s+consulted", re.I)) == ((("were",), ("consulted",), ("public", "residents")),)
    # An alternative with no literal of its own cannot be ruled out by words.
    assert required_words(re.compile(r"^yes\b|\d{2}", re.I)) is None


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
def test_a_sentence_a_wording_matches_holds_its_required_words():
    """Every sentence of the corpus that a shipped profile's wording matches holds, for some
    alternative of it, a word of each of its clauses: so searching only such sentences finds
    all that a search of every sentence finds."""
    from govlint.engine.common.patterns import required_words
    from govlint.engine.extraction.fields import sentences_of
    from govlint.engine.profiles.loader import shipped_profiles

    sentences = [sentence for name in ("000_f262f526448a12a6.txt", "001_c9f6cae08955503c.txt") for sentence, _ in sentences_of(read_paper(str(CORPUS / name)).lines)]
    sentences += [sentence for path in sorted((CORPUS / "layouts").glob("*.txt")) for sentence, _ in sentences_of(read_paper(str(path)).lines)]
    checked = 0
    for profile in shipped_profiles():
        for topic, values in profile.wording.items():
            for value in values:
                pattern = profile.words(topic, value)
                needed = required_words(pattern)
                if needed is None:
                    continue
                for sentence in sentences:
                    if pattern.search(sentence):
                        lowered = sentence.lower()
                        assert any(all(any(run in lowered for run in clause) for clause in clauses) for clauses in needed), (topic, value, sentence)
                        checked += 1
    assert checked > 100


@pytest.mark.parametrize(
    "said",
    [
        "The decision was first published in the Forward Plan on 3 January 2026.",
        "It was listed on the Forward Plan, first published on 03/01/2026.",
    ],
)
def test_forward_plan_first_published_in_the_record(said):
    text = kcc_rod(consultation=f"The Highways Cabinet Committee endorsed it on 12 February 2024. {said}")
    decision = only(text, KENT)
    assert decision.forward_plan.first_published == "2026-01-03"
    assert decision.forward_plan.status == "listed"
    assert "first published" in quote(text, decision, "forward_plan.first_published")


def test_no_forward_plan_words_no_forward_plan_values():
    decision = only(kcc_rod(), KENT)
    assert (decision.forward_plan.status, decision.forward_plan.first_published, decision.forward_plan.period_met) == ("not_mentioned", None, None)
