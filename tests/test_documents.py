"""Splitting bundles into documents: the corpus against its gold, and each layout's start signal."""
from __future__ import annotations

import re

import pytest

from govlint.engine.documents.split import split_documents
from govlint.engine.reading.lines import paper_from_text
from govlint.engine.reading.files import read_paper
from govlint.engine.profiles.loader import load_profile

KENT = load_profile("kent-county-council")

BOUNDARY_TOLERANCE = 3
KIND_TARGET = 0.90


def _paper(text: str):
    return paper_from_text("fixture.txt", text.strip("\n") + "\n")


def _kinds(text: str) -> list[str]:
    return [document.kind for document in split_documents(_paper(text), KENT)]


def _norm(title: str | None) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", (title or "").lower()))


def _match(found, wanted: dict):
    """The found document with the gold kind whose start and end are both within tolerance."""
    for document in found:
        if (
            document.kind == wanted["kind"]
            and abs(document.line_start - wanted["line_start"]) <= BOUNDARY_TOLERANCE
            and abs(document.line_end - wanted["line_end"]) <= BOUNDARY_TOLERANCE
        ):
            return document
    return None


def _nearest(found, wanted: dict):
    return min(found, key=lambda document: abs(document.line_start - wanted["line_start"]))


# --- the corpus ---------------------------------------------------------------------------


def test_corpus_documents_match_gold(corpus_files, gold):
    right = total = titles = 0
    wrong_numbers: list[str] = []
    for path in corpus_files:
        wanted = gold[path.stem]["documents"]
        found = split_documents(read_paper(path), KENT)
        print(f"\n{path.name}: {len(found)} found, {len(wanted)} in gold")
        print(f"  {'gold kind':<28} {'gold lines':>11}  {'found':<28} {'lines':>11}  title")
        for document in wanted:
            hit = _match(found, document)
            total += 1
            right += hit is not None
            titles += hit is not None and _norm(hit.title) == _norm(document["title"])
            near = hit or _nearest(found, document)
            label = near.kind if hit else f"MISSED (nearest {near.kind})"
            got = f"{label:<28} {near.line_start:>5}-{near.line_end:<5}"
            title_ok = "ok" if hit and _norm(hit.title) == _norm(document["title"]) else "differs"
            print(f"  {document['kind']:<28} {document['line_start']:>5}-{document['line_end']:<5}  {got}  {title_ok}")
            if document["decision_no"] and (hit is None or hit.decision_no != document["decision_no"]):
                wrong_numbers.append(f"{path.name}:{document['line_start']} wants {document['decision_no']}, got {hit and hit.decision_no}")
    print(f"\nkinds with boundaries: {right}/{total}; titles: {titles}/{total}")
    assert right / total >= KIND_TARGET, f"only {right}/{total} documents found with kind and boundaries"
    assert not wrong_numbers, wrong_numbers


def test_corpus_documents_are_in_order_and_cover_the_file(corpus_files):
    for path in corpus_files:
        paper = read_paper(path)
        found = split_documents(paper, KENT)
        assert found[0].line_start == 1
        assert found[-1].line_end == len(paper.lines)
        for before, after in zip(found, found[1:]):
            assert after.line_start == before.line_end + 1, (path.name, before, after)


# --- start signals, one layout at a time --------------------------------------------------

REPORT_COVER = """
 From:   Jane Doe, Cabinet Member for Adult Social Care

To:   Adult Social Care Cabinet Committee – 6 July 2023

Decision No: 23/00042

Subject: RESIDENTIAL CARE HOME SERVICES CONTRACT FOR PEOPLE

WITH LEARNING DISABILITY

Classification: Unrestricted

Summary: This report asks the Committee to endorse a contract award.
1. Introduction
1.1 The service supports about 300 people.

8. Contact Details
Report Author
John Smith
Senior Commissioner
03000 123456
john.smith@kent.gov.uk
"""

PROD = """
 KENT COUNTY COUNCIL – PROPOSED RECORD OF DECISION

DECISION TO BE TAKEN BY:
Cabinet Member for Adult Social Care

DECISION NO:

To be allocated by
Democratic Services

For publication
Key decision: Yes

Title of Decision: RESIDENTIAL CARE HOME SERVICES CONTRACT
FOR PEOPLE WITH LEARNING DISABILITY

Decision: As Cabinet Member for Adult Social Care, I propose to: a) AWARD the contract.
Reason(s) for decision: the current contract ends.
...........................................  ......................................
 signed   date
"""


def test_report_cover_starts_a_report_and_its_subject_may_wrap():
    (report,) = split_documents(_paper(REPORT_COVER), KENT)
    assert report.kind == "committee_report"
    assert report.title == "RESIDENTIAL CARE HOME SERVICES CONTRACT FOR PEOPLE WITH LEARNING DISABILITY"
    assert report.decision_no == "23/00042"


def test_from_line_without_to_and_subject_is_not_a_report():
    text = "MINUTES of a meeting of the Adult Social Care Cabinet Committee\n\nFrom: the Chairman, who thanked officers.\nIt was noted.\n"
    assert _kinds(text) == ["minutes"]


def test_printed_email_is_not_a_report_cover():
    email = "From: Jane Doe\nSent: 14 July 2020 10:02\nTo: John Smith\nSubject: Day services\nPlease see attached.\n"
    assert _kinds(REPORT_COVER.replace("1. Introduction", email + "1. Introduction")) == ["committee_report"]


def test_proposed_record_with_number_to_be_allocated():
    (record,) = split_documents(_paper(PROD), KENT)
    assert record.kind == "proposed_record_of_decision"
    assert record.title == "RESIDENTIAL CARE HOME SERVICES CONTRACT FOR PEOPLE WITH LEARNING DISABILITY"
    assert record.decision_no is None


def test_record_of_decision_reads_its_number_below_the_label():
    text = """
 KENT COUNTY COUNCIL – RECORD OF DECISION

DECISION TAKEN BY:
Cabinet Member for Adult Social Care
   DECISION NO:

20/00084

Subject: S75 AGREEMENT VARIATION
Decision: As Cabinet Member, I agree to: a) APPROVE the variation.
 signed   date
"""
    (record,) = split_documents(_paper(text), KENT)
    assert (record.kind, record.decision_no, record.title) == ("record_of_decision", "20/00084", "S75 AGREEMENT VARIATION")


def test_background_document_link_labelled_record_of_decision_is_not_a_record():
    text = REPORT_COVER.replace(
        "8. Contact Details",
        "7. Background Documents\n\nRecord of Decision\nhttps://democracy.kent.gov.uk/ieDecisionDetails.aspx?ID=1981\n\n8. Contact Details",
    )
    documents = split_documents(_paper(text), KENT)
    assert [document.kind for document in documents] == ["committee_report"]


def test_record_heading_inside_a_sentence_is_not_a_record():
    text = REPORT_COVER.replace(
        "1.1 The service", "1.1 The decision as set out in the Proposed Record of Decision\nDECISION NO: see below.\n1.2 The service"
    )
    assert _kinds(text) == ["committee_report"]


def test_report_then_its_record_then_an_appendix():
    text = REPORT_COVER + PROD + "\n Appendix 1: Details of Grants\nAge UK Ashford £118,946.89\n"
    documents = split_documents(_paper(text), KENT)
    assert [document.kind for document in documents] == ["committee_report", "proposed_record_of_decision", "appendix"]
    assert documents[2].title == "Appendix 1: Details of Grants"
    lines = text.strip("\n").splitlines()
    assert lines[documents[1].line_start - 1].strip().endswith("PROPOSED RECORD OF DECISION")


def test_agenda_then_minutes_with_masthead():
    text = """
 AGENDA

ADULT SOCIAL CARE CABINET COMMITTEE
Tuesday, 29 September 2020 at 10.00 am Ask for: Emma West
1. Introduction/Webcast announcement
2. Apologies and Substitutes

KENT COUNTY COUNCIL
_____________________________________________
ADULT SOCIAL CARE CABINET COMMITTEE

MINUTES of a meeting of the Adult Social Care Cabinet Committee held online on
Tuesday, 14th July, 2020.

PRESENT: Mrs P T Cole (Chairman)
"""
    agenda, minutes = split_documents(_paper(text), KENT)
    assert (agenda.kind, agenda.title) == ("agenda", "ADULT SOCIAL CARE CABINET COMMITTEE")
    assert minutes.kind == "minutes"
    lines = text.strip("\n").splitlines()
    # The masthead above "MINUTES of a meeting" belongs to the minutes.
    assert lines[minutes.line_start - 1] == "KENT COUNTY COUNCIL"
    assert minutes.title.endswith("held online on Tuesday, 14th July, 2020.")


def test_eqia_submission_form_takes_its_title_from_the_answer_below():
    text = """
EQIA Submission Form
Information collected from the EQIA Submission
Section A
EQIA Title
12 Month Extension - Carers Short Breaks
Responsible Officer
Lisa Rogers
"""
    (form,) = split_documents(_paper(text), KENT)
    assert (form.kind, form.title) == ("eqia_form", "12 Month Extension - Carers Short Breaks")


def test_appendix_mentioned_in_a_sentence_or_a_list_is_not_a_heading():
    text = REPORT_COVER.replace(
        "1.1 The service",
        "Appendix 1 details the value of each grant.\nAppendix A) to: the Cabinet Member\n"
        "Appendix A – Escalation Plan\nAppendix B – Operating Model\n1.1 The service",
    )
    assert _kinds(text) == ["committee_report"]


def test_outside_cycle_cover_report_takes_the_one_decision_it_reports():
    text = """
 From: Jane Doe, Cabinet Member for Adult Social Care
To: Adult Social Care Cabinet Committee – 29 September 2020
Subject: DECISIONS TAKEN OUTSIDE OF THE CABINET
COMMITTEE MEETING CYCLE
Classification: Unrestricted
FOR INFORMATION ONLY
20/00084 S75 Partnership Agreement Variation
2.1 20/00084 S75 Partnership Agreement Variation was taken on 18 September.
"""
    (report,) = split_documents(_paper(text), KENT)
    assert report.kind == "committee_report"
    assert report.title == "DECISIONS TAKEN OUTSIDE OF THE CABINET COMMITTEE MEETING CYCLE"
    assert report.decision_no == "20/00084"


def test_unheaded_attachment_after_a_report_contact_block():
    attachment = "\n Highlighting the achievements of adult social care in Kent this year, and what comes next.\nOur ninth local account.\n"
    mentions = REPORT_COVER.replace("1.1 The service", "1.1 The Local Account (attached as Appendix 1) shows the service")
    documents = split_documents(_paper(mentions + attachment), KENT)
    assert [document.kind for document in documents] == ["committee_report", "appendix"]
    # Without a mention of an appendix, what follows the report is some other document.
    assert _kinds(REPORT_COVER + attachment) == ["committee_report", "other"]


def test_work_programme_follows_its_report():
    cover = REPORT_COVER.replace("RESIDENTIAL CARE HOME SERVICES CONTRACT FOR PEOPLE", "Work Programme 2023").replace(
        "WITH LEARNING DISABILITY", ""
    )
    programme = "\n WEDNESDAY 25 NOVEMBER 2020\n Local Account Key Decision\nADULT SOCIAL CARE CABINET COMMITTEE - WORK PROGRAMME 2020/21\n"
    documents = split_documents(_paper(cover + programme), KENT)
    assert [document.kind for document in documents] == ["committee_report", "work_programme"]
    assert documents[1].title == "ADULT SOCIAL CARE CABINET COMMITTEE - WORK PROGRAMME 2020/21"


def test_presentation_cover_starts_a_new_document():
    text = """
EQIA Submission Form
EQIA Title
Domestic Abuse Act Framework
Responsible Officer
Rachel Westlake
Type of Activity
Service Change
Responsible Officer for Carer’s responsibilities
Not Completed
 Liberty Protection Safeguards
Update
 Adult Social Care Cabinet Committee
6 July 2023
Maureen Stirrup
 Introduction
The Act received Royal assent in May 2019.
"""
    form, deck = split_documents(_paper(text), KENT)
    assert form.kind == "eqia_form"
    assert (deck.kind, deck.title) == ("other", "Liberty Protection Safeguards Update")
    assert deck.line_start == 10


@pytest.mark.parametrize(
    "separator",
    ["-END-", "This page is intentionally left blank"],
)
def test_end_markers_close_an_attachment(separator):
    text = REPORT_COVER.replace("1.1 The service", "1.1 The plan (Appendix A) shows the service") + (
        f"\n Winter Pressure Plan 2020-21\nAuthor: Chris McKenzie\nThe plan sets out our response.\n{separator}\n"
        " Winter Plan Components\nDHSC Adult Social Care COVID-19 Winter Plan\n"
    )
    documents = split_documents(_paper(text), KENT)
    assert [document.kind for document in documents] == ["committee_report", "appendix", "appendix"]
    assert documents[2].title == "Winter Plan Components"


def test_text_before_the_first_document_is_kept_as_other():
    documents = split_documents(_paper("Some covering note.\n\n" + PROD), KENT)
    assert [document.kind for document in documents] == ["other", "proposed_record_of_decision"]
    assert documents[0].line_start == 1
