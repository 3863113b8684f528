"""Meetings read from minutes: small fixtures written for the project, then the real corpus.

Run `pytest -s tests/test_meetings.py` to see the per-meeting comparison with the gold.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from govlint.engine.documents.split import split_documents
from govlint.engine.reading.lines import Paper, paper_from_text
from govlint.engine.extraction.meetings import extract_meetings
from govlint.engine.extraction.paper import parse_paper
from govlint.engine.reading.files import read_paper
from govlint.engine.records.model import Declaration, DecisionConsidered, Document, Meeting
from govlint.engine.profiles.loader import load_profile

KENT = load_profile("kent-county-council")

FIXTURES = Path(__file__).parent / "fixtures" / "minutes"


def read_fixture(name: str) -> tuple[Paper, Meeting]:
    paper = paper_from_text(name, (FIXTURES / name).read_text(encoding="utf-8"))
    whole = Document("minutes", 1, len(paper.lines), None, None)
    [meeting] = extract_meetings(paper, [whole], KENT)
    return paper, meeting


def quoted(paper: Paper, meeting: Meeting, key: str) -> str:
    evidence = meeting.evidence[key]
    return " ".join(paper.line(n).text for n in range(evidence.line, evidence.end_line + 1))


def test_heading_gives_committee_and_date():
    _, meeting = read_fixture("modern_gov.txt")
    assert meeting.committee == "Highways Cabinet Committee"
    assert meeting.date == "2022-03-03"
    assert meeting.evidence["date"].line == 7
    assert meeting.lines == (1, 67)


def test_present_list_wrapped_over_lines_drops_roles_and_keeps_honours():
    paper, meeting = read_fixture("modern_gov.txt")
    assert meeting.present == [
        "Mr A B Carter",
        "Mrs D Evans",
        "Mr F Green",
        "Ms H Irving, OBE",
        "Mr J K Lamb",
        "Mrs P Quinn",
        "Rhona Stokes",
    ]
    assert (meeting.evidence["present"].line, meeting.evidence["present"].end_line) == (9, 11)
    assert "Mr T Upton" not in quoted(paper, meeting, "present")


def test_several_declarations_in_one_minute_with_items_natures_and_decisions():
    paper, meeting = read_fixture("modern_gov.txt")
    assert meeting.declarations == [
        Declaration(
            member="Mr Green",
            item="5",
            nature="he was a director of a haulage company bidding for the contract",
            decision_no="22/00017",
            category="disclosable_pecuniary",
            withdrew=True,
        ),
        Declaration(
            member="Mrs Quinn",
            item="6",
            nature="her husband was a parish councillor in Ashford",
            decision_no="22/00021",
        ),
        Declaration(member="Ms Irving", item=None, nature="she was a trustee of a cycling charity", decision_no=None),
    ]
    assert (meeting.evidence["declarations[0]"].line, meeting.evidence["declarations[0]"].end_line) == (28, 30)
    assert quoted(paper, meeting, "declarations[1]").startswith("(2) Mrs Quinn declared an interest")
    assert meeting.evidence["declarations[2]"].line == 35


def test_decisions_resolved_endorse_versus_noted():
    paper, meeting = read_fixture("modern_gov.txt")
    assert meeting.decisions_considered == [
        DecisionConsidered("22/00017", "endorse", item="5"),
        DecisionConsidered("22/00021", "note", item="6"),
    ]
    assert quoted(paper, meeting, "decisions_considered[1].item") == "45. 22/00021 - Ashford Junction Improvements - Scheme"
    assert "be endorsed" in quoted(paper, meeting, "decisions_considered[0]")
    assert meeting.evidence["decisions_considered[1]"].line == 62


def test_other_council_layout_without_item_markers():
    _, meeting = read_fixture("other_council.txt")
    assert meeting.committee == "Licensing and Regulatory Committee"
    assert meeting.date == "2022-11-14"
    assert meeting.present == ["Councillor Rao", "Councillor Patel", "Councillor Begum", "Councillor Okafor"]
    assert meeting.declarations == [
        Declaration("Councillor Patel", "14", "she owned a licensed premises in the town centre", None, category="disclosable_pecuniary"),
        Declaration("Councillor Begum", "13", "a member of the Hackney Carriage Association", None),
    ]
    assert meeting.decisions_considered == []


def test_declaration_with_no_item_and_a_noted_statement():
    text = (
        "MINUTES of a meeting of the Adult Social Care Cabinet Committee held online on\n"
        "Friday, 5th June, 2020.\n\n"
        "PRESENT: Mr Q Reed (Chairman) and Mrs S Tate\n\n"
        "7. Declarations of Interest by Members in items on the agenda\n"
        "(Item. 3)\n\n"
        "Mr Q Reed declared an interest as his daughter worked in a care home. Mrs Tate\n"
        "noted that she was a carer for her mother. Mr V Wise advised that there were no\n"
        "other interests.\n\n"
        "8. Verbal Updates\n"
        "(Item. 4)\n\n"
        "Mrs Tate noted that the update was welcome.\n"
    )
    paper = paper_from_text("inline.txt", text)
    [meeting] = extract_meetings(paper, [Document("minutes", 1, len(paper.lines), None, None)], KENT)
    assert meeting.declarations == [
        Declaration("Mr Q Reed", None, "his daughter worked in a care home", None),
        Declaration("Mrs Tate", None, "she was a carer for her mother", None),
    ]
    assert meeting.present == ["Mr Q Reed", "Mrs S Tate"]
    assert meeting.decisions_considered == []


def test_only_minutes_documents_become_meetings():
    paper, _ = read_fixture("modern_gov.txt")
    documents = [Document("minutes", 1, 40, None, None), Document("agenda", 41, 50, None, None), Document("minutes", 51, 67, None, None)]
    meetings = extract_meetings(paper, documents, KENT)
    assert [m.lines for m in meetings] == [(1, 40), (51, 67)]
    assert meetings[0].committee == "Highways Cabinet Committee"
    assert meetings[1].committee is None


def _same_nature(found: str | None, expected: str | None) -> bool:
    """Gold natures are trimmed by hand ("Director of …" for "he was the Director of …")."""
    if found is None or expected is None:
        return found == expected
    found, expected = found.lower(), expected.lower()
    return found in expected or expected in found


def _parse_meetings(path: Path) -> list[Meeting]:
    paper = read_paper(path)
    return extract_meetings(paper, split_documents(paper, KENT), KENT)


def test_corpus_meetings_against_gold(corpus_files, gold):
    missing_declarations, wrong = [], []
    present_found = present_right = present_gold = 0
    considered_right = considered_gold = 0
    for path in corpus_files:
        expected_meetings = gold[path.stem]["meetings"]
        meetings = {m.date: m for m in _parse_meetings(path)}
        for expected in expected_meetings:
            meeting = meetings.get(expected["date"])
            print(f"\n{path.stem} {expected['date']} {expected['committee']}")
            if meeting is None:
                wrong.append(f"{path.stem}: no meeting dated {expected['date']}")
                missing_declarations += [f"{path.stem}: {d['member']}" for d in expected["declarations"]]
                continue
            if meeting.committee != expected["committee"]:
                wrong.append(f"{path.stem}: committee {meeting.committee!r}")
            print(f"  committee {meeting.committee!r} lines {meeting.lines} (gold {expected['lines']})")

            found, wanted = set(meeting.present), set(expected["present"])
            present_found += len(found)
            present_right += len(found & wanted)
            present_gold += len(wanted)
            print(f"  present extra {sorted(found - wanted)} missing {sorted(wanted - found)}")

            for declaration in expected["declarations"]:
                match = [
                    d
                    for d in meeting.declarations
                    if d.member == declaration["member"] and d.item == declaration["item"]
                ]
                mark = "ok" if match else "MISSING"
                if not match:
                    missing_declarations.append(f"{path.stem}: {declaration}")
                elif not _same_nature(match[0].nature, declaration["nature"]):
                    mark = f"nature {match[0].nature!r}"
                print(f"  declaration {declaration['member']} item {declaration['item']}: {mark}")
            extra = len(meeting.declarations) - len(expected["declarations"])
            if extra:
                wrong.append(f"{path.stem}: {extra:+d} declarations")

            got = {c.decision_no: c.resolved for c in meeting.decisions_considered}
            for entry in expected["decisions_considered"]:
                considered_gold += 1
                # Gold words a missing resolution as a sentence ("none recorded (…)").
                right = got.get(entry["decision_no"]) == entry["resolved"].split()[0]
                considered_right += right
                print(f"  considered {entry['decision_no']} gold {entry['resolved']!r} found {got.get(entry['decision_no'])!r}")
            spurious = set(got) - {e["decision_no"] for e in expected["decisions_considered"]}
            if spurious:
                wrong.append(f"{path.stem}: decisions not in gold {sorted(spurious)}")

    print(f"\npresent precision {present_right}/{present_found} recall {present_right}/{present_gold}")
    print(f"decisions considered right {considered_right}/{considered_gold}")
    assert not missing_declarations, missing_declarations
    assert not wrong, wrong
    assert present_right == present_found == present_gold
    assert considered_right == considered_gold


# -- declarations: category, withdrawal, dispensation ---------------------------------------

DISTRICT = """LOWFIELD DISTRICT COUNCIL

MINUTES of a meeting of the CABINET held in the Council Chamber on Tuesday, 14 October 2025

PRESENT:   Councillors Ann Hale (Leader), Ben Pryor, Cara Moss and Dev Shah

20  DECLARATIONS OF INTEREST

    (a) Councillor Ben Pryor declared a disclosable pecuniary interest in Minute 22
        (Depot Sale) as he owns a unit on the site. He left the room during the
        consideration of that item and took no part in the discussion or vote.

    (b) Councillor Cara Moss declared an other significant interest in Minute 23
        (Grants) as her husband chairs a recipient. She remained in the meeting and voted.

    (c) Councillor Dev Shah declared a non-registrable interest in Minute 23 as a member of
        a recipient club. He had been granted a dispensation by the Monitoring Officer
        (ref D/25/4) until May 2027.

    (d) Councillor Ann Hale declared a disclosable pecuniary interest in Minute 24 (Loans)
        as the landlord of an eligible property.

21  PUBLIC QUESTIONS

    None.

22  DEPOT SALE

    (Councillor Pryor had left the room.)

    RESOLVED: That the depot be sold (Decision ref CAB/2025/061).

23  GRANTS

    RESOLVED: That the grants be awarded (Decision ref CAB/2025/062).

24  LOANS

    A recorded vote was taken:
    For:      Councillors Hale, Pryor, Moss and Shah (4)

    RESOLVED: That the loan scheme be approved (Decision ref CAB/2025/063).
"""


def district_meeting() -> tuple[Paper, Meeting]:
    paper = paper_from_text("district.txt", DISTRICT)
    [meeting] = extract_meetings(paper, [Document("minutes", 1, len(paper.lines), None, None)], load_profile("english-councils"))
    return paper, meeting


def test_declaration_categories_as_minuted():
    _, meeting = district_meeting()
    assert [(d.member, d.item, d.category) for d in meeting.declarations] == [
        ("Councillor Ben Pryor", "22", "disclosable_pecuniary"),
        ("Councillor Cara Moss", "23", "other_significant"),
        ("Councillor Dev Shah", "23", "other"),
        ("Councillor Ann Hale", "24", "disclosable_pecuniary"),
    ]


def test_withdrawal_taking_part_and_a_vote_in_the_items_minute():
    paper, meeting = district_meeting()
    assert [d.withdrew for d in meeting.declarations] == [True, False, None, False]
    assert meeting.evidence["declarations[0].withdrew"].text.startswith("He left the room")
    assert "remained in the meeting and voted" in quoted(paper, meeting, "declarations[1].withdrew")
    # Councillor Hale said nothing of leaving; the recorded vote of her item lists her.
    assert "For: Councillors Hale" in quoted(paper, meeting, "declarations[3].withdrew")


def test_dispensation_named_in_the_declaration():
    paper, meeting = district_meeting()
    assert [d.dispensation is not None for d in meeting.declarations] == [False, False, True, False]
    assert "D/25/4" in meeting.declarations[2].dispensation
    assert "granted a dispensation" in quoted(paper, meeting, "declarations[2].dispensation")


def test_decisions_considered_carry_their_item():
    _, meeting = district_meeting()
    assert [(d.decision_no, d.item) for d in meeting.decisions_considered] == [("CAB/2025/061", "22"), ("CAB/2025/062", "23"), ("CAB/2025/063", "24")]


def test_declaration_without_category_or_withdrawal():
    _, meeting = read_fixture("modern_gov.txt")
    quinn = meeting.declarations[1]
    assert (quinn.category, quinn.withdrew, quinn.dispensation) == ("not_stated", None, None)
    assert "declarations[1].category" not in meeting.evidence


def minutes_text(body: str) -> tuple[Paper, Meeting]:
    """Minutes of a committee with `body` as their minutes, read whole."""
    paper = paper_from_text("minutes.txt", "MINUTES of a meeting of the Adult Social Care Cabinet Committee held on Tuesday, 7 October 2025.\n\nPRESENT: Mr A Reed (Chairman)\n\n" + body)
    [meeting] = extract_meetings(paper, [Document("minutes", 1, len(paper.lines), None, None)], KENT)
    return paper, meeting


def test_exclusion_motion_under_an_item_gives_its_paragraphs():
    paper, meeting = minutes_text(
        "24. 25/00112 - Equipment Contract Award\n(Item. 6)\n\n"
        "RESOLVED that under Section 100A of the Local Government Act 1972 the press and public be\n"
        "excluded for the discussion of Appendix B on the grounds that it involves the likely disclosure\n"
        "of exempt information as defined in paragraphs 3 and 5 of Part 1 of Schedule 12A of the Act.\n\n"
        "(1) RESOLVED that the proposed decision be endorsed.\n\n"
        "25. 25/00113 - Library Hours\n(Item. 7)\n\n"
        "(1) RESOLVED that the proposed decision be endorsed. There were no exempt items.\n"
    )
    assert [(d.decision_no, d.exempt_paragraphs) for d in meeting.decisions_considered] == [("25/00112", [3, 5]), ("25/00113", [])]
    assert "paragraphs 3 and 5" in quoted(paper, meeting, "decisions_considered[0].exempt_paragraphs")
    assert "decisions_considered[1].exempt_paragraphs" not in meeting.evidence


def _minutes_under_title(title_lines: str) -> str:
    return (
        f"{title_lines}\n\nMinutes of the meeting held on Tuesday 10 February 2026 at 6.30 pm in the Council Chamber\n\n"
        "Present: Councillor A. Whitfield (Leader, in the Chair); Councillors B. Osei, C. Lang and E. Kaur.\n\n"
        "12. APOLOGIES FOR ABSENCE\n\nNone.\n"
    )


@pytest.mark.parametrize(
    ("title_lines", "committee"),
    [
        ("NORTHBRIDGE BOROUGH COUNCIL\n\nCABINET", "CABINET"),
        ("Northbridge Borough Council\nPlanning and Licensing Committee", "Planning and Licensing Committee"),
        ("KENT COUNTY COUNCIL\n\nCOUNTY COUNCIL", "COUNTY COUNCIL"),
        ("NORTHBRIDGE BOROUGH COUNCIL", None),  # the council's name names no body
    ],
)
def test_a_heading_naming_no_body_takes_the_title_above_it(tmp_path, title_lines, committee):
    path = tmp_path / "minutes.txt"
    path.write_text(_minutes_under_title(title_lines), encoding="utf-8")
    (meeting,) = parse_paper(read_paper(path)).meetings
    assert (meeting.committee, meeting.date) == (committee, "2026-02-10")
    # "Councillor A (…); Councillors B, C and D": each group takes its own title.
    assert meeting.present == ["Councillor A. Whitfield", "Councillor B. Osei", "Councillor C. Lang", "Councillor E. Kaur"]
    if committee:
        assert meeting.evidence["committee"].text == committee


def test_declarations_by_members_named_with_initials_and_as_a_list():
    # "Cllr R. Moore declared a personal interest …": the initial ends no sentence, so the
    # category is read; "Cllr L. Grant - Item 7 - other registrable interest: …" is a listed
    # declaration; minutes numbered 1, 2, 5, 6, 7 skip the items not taken.
    path = Path(__file__).parent / "fixtures" / "minutes" / "declarations_initials_and_list.txt"
    (meeting,) = parse_paper(read_paper(path)).meetings
    assert [(d.member, d.item, d.decision_no, d.category, d.withdrew) for d in meeting.declarations] == [
        ("Cllr R. Moore", "5", "EX/2026/05", "other", None),
        ("Cllr T. Adeyemi", "6", "EX/2026/06", "disclosable_pecuniary", True),
        ("Cllr L. Grant", "7", "EX/2026/07", "other", None),
    ]
    assert [(c.decision_no, c.item) for c in meeting.decisions_considered] == [("EX/2026/05", "5"), ("EX/2026/06", "6"), ("EX/2026/07", "7")]
