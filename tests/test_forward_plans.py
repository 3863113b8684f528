"""Forward plans read into ForwardPlanEntry records, in every layout the reader knows: aligned
label blocks, a KCC-style FED list, pipe, TAB and space-aligned tables, a Word table, a PDF
table and a PDF print of plan items (invented councils and facts), and the corpus's Fenmoor
notice scored against its gold note."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from checks.formatters.records_text import render_text
from govlint.engine.checking.record_files import read_record_file
from govlint.engine.common.dates import clear_days
from govlint.engine.extraction.paper import parse_paper
from govlint.engine.reading.files import read_paper
from govlint.engine.reading.lines import paper_from_text
from govlint.engine.records.model import to_dict
from tests.paper_builder import write_docx_table, write_pdf_pages, write_pdf_table

PLANS = Path(__file__).parent / "fixtures" / "forward_plans"
FENMOOR = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "layouts" / "l_fwdplan_fenmoor.txt"
FENMOOR_GOLD = FENMOOR.parents[1] / "gold" / "l_fwdplan_fenmoor.json"

# The fields compared, as (path in the record, value) pairs.
FIELDS = (
    "decision_no",
    "title",
    "decision_maker",
    "first_published",
    "decision_due",
    "documents_field",
    "urgency.route",
    "exempt.status",
    "exempt.paragraphs",
)


def _value(record: dict, path: str):
    for key in path.split("."):
        record = record[key]
    return record


def _entries(parsed) -> list[dict]:
    return [to_dict(entry) for entry in parsed.forward_plan_entries]


def _read(paper):
    parsed = parse_paper(paper)
    assert parsed.reading.understood, parsed.reading.not_understood
    assert [document.kind for document in parsed.documents] == ["forward_plan"]
    # A forward plan announces decisions; it is no record of one.
    assert parsed.decisions == []
    return parsed


def _row(*values) -> dict:
    return dict(zip(FIELDS, values))


# --- the layouts, each with what a person reads in it -------------------------------------

ALIGNED = [
    _row("HDC/KD/2026/07", "Leisure Centre Management Contract - Extension to March 2028",
         "Executive Member for Communities, Councillor Neve Ashworth", "2026-02-02", "2026-03-04", "given", "none", "public", []),
    # No decision taker, documents "TBC", a month for a date.
    _row("HDC/KD/2026/09", "Purchase of Electric Refuse Vehicles", None, "2026-02-02", "2026-03-01", "blank", "none", "exempt", [3, 5]),
    # Named in the plan's general-exception section.
    _row("HDC/KD/2026/11", "Disposal of the Former Tannery Site, Mill Lane", "Cabinet", "2026-02-19", "2026-02-26", "given",
         "general_exception", "exempt", [3]),
]
KCC_STYLE = [
    _row("25/00061", "Award of the Home Care Framework for Wealdshire", "Cabinet Member for Adult Social Care and Public Health",
         "2025-10-07", "2025-11-05", "absent", "none", "public", []),
    _row("25/00064", "Winter Resilience Grants to Care Providers", "Cabinet Member for Adult Social Care and Public Health",
         "2025-10-07", "2025-10-15", "absent", "general_exception", "public", []),
    # "Not before 9 Oct": the year is the plan's.
    _row("25/00066", "Emergency Repairs to Tamsford Road Bridge", "Cabinet Member for Highways and Transport",
         "2025-10-08", "2025-10-09", "absent", "special_urgency", "exempt", [3]),
    # Blank decision maker; restriction "Not known".
    _row("25/00070", "Wealdshire Minerals and Waste Local Plan Review", None, "2025-10-07", "2025-12-01", "absent", "none", "not_mentioned", []),
]
PIPE = [
    _row("RBC/FP/2026/01", "Housing Allocations Policy Review", "Cabinet", "2025-12-01", "2026-01-14", "given", "none", "public", []),
    _row("RBC/FP/2026/02", "Sale of Garage Sites at Eastbrook", None, "2025-12-01", "2026-02-01", "blank", "none", "exempt", [3]),
    _row("RBC/FP/2026/03", "Town Hall Roof Replacement Contract", "Portfolio Holder for Resources, Councillor May Osei",
         "2026-01-08", "2026-01-14", "given", "none", "exempt", [3]),
]
TAB = [
    _row("QCC-0311", "School Streets Programme Phase 2", "Cabinet Member for Transport", "2026-02-16", "2026-03-19", "given", "none", "public", []),
    # An empty cell under "Documents to be considered" is a blank field.
    _row("QCC-0312", "City Centre Public Toilets Contract", "Cabinet", "2026-02-16", "2026-03-20", "blank", "none", "public", []),
    _row("QCC-0313", "Business Rates Relief Scheme 2026/27", "Cabinet", "2026-03-05", "2026-03-12", "given", "none", "public", []),
]
SPACED = [
    _row("LBC/26/14", "Parks Maintenance Contract Award", "Cabinet", "2026-03-02", "2026-04-08", "absent", "none", "not_mentioned", []),
    # The title wraps onto a row of its own; the decision maker's cell is empty.
    _row("LBC/26/15", "Market Hall Refurbishment (Phase 1 design and enabling works)", None, "2026-03-02", "2026-05-01", "absent", "none",
         "not_mentioned", []),
    _row("LBC/26/16", "Fees and Charges 2026/27", "Cabinet", "2026-03-30", "2026-04-08", "absent", "none", "not_mentioned", []),
]

# Entries set apart by blank lines only, "Key decision: No" on one; "Documents: None".
BLANK_LINES = [
    _row("MDC/2026/88", "Library Service Review", "Cabinet", "2026-06-01", "2026-07-08", "given", "none", "public", []),
    _row("MDC/2026/90", "Bus Shelter Advertising Concession", "Director of Place", "2026-06-01", "2026-07-06", "none", "none", "exempt", [3]),
]
# A Markdown table with its headings in bold and no documents column.
MARKDOWN = [
    _row("FKD 12", "Adopt Tree Strategy", "Cabinet", "2026-03-03", "2026-04-01", "absent", "none", "public", []),
    _row("FKD 13", "Award Highways Term Contract", "Cabinet", "2026-03-03", "2026-04-22", "absent", "none", "exempt", [3]),
]

# A notice whose entries open with "Matter for decision" and date their notice "Date added to
# notice"; a decision date "Not before 15 June 2026".
DATE_ADDED = [
    _row("KD0126", "Adoption of the Brightmoor Local Cycling and Walking Infrastructure Plan", "Executive", "2026-04-14", "2026-05-20", "given",
         "none", "public", []),
    _row("KD0127", "Sale of Land at Foundry Street", "Executive Member for Finance and Resources", "2026-04-14", "2026-06-15", "given", "none",
         "exempt", [3]),
]

TEXT_LAYOUTS = {
    "notice_date_added.txt": DATE_ADDED,
    "blank_line_blocks.txt": BLANK_LINES,
    "markdown_table.md": MARKDOWN,
    "aligned_blocks.txt": ALIGNED,
    "kcc_style_fed.txt": KCC_STYLE,
    "table_pipe.txt": PIPE,
    "table_tab.txt": TAB,
    "table_spaced.txt": SPACED,
}

# The same three entries as a Word table and as a ruled PDF table.
TABLE_HEADING = ["Reference", "Matter", "Decision maker", "Date first published", "Decision due", "Documents", "Private meeting"]
TABLE_ROWS = [
    ["ADC/KD/26/03", "Crematorium Extension", "Cabinet", "12 January 2026", "11 February 2026", "Cabinet report\nBusiness case", "Open"],
    ["ADC/KD/26/04", "Homelessness Strategy 2026-2031", "", "12 January 2026", "March 2026", "To be confirmed", "Open"],
    ["ADC/KD/26/05", "Sale of Depot, Station Road", "Cabinet", "2 February 2026", "11 February 2026", "Report", "Part exempt - paragraph 3"],
]
TABLE_BEFORE = ("Ashcombe District Council", "Forward Plan", "Key decisions from 1 February 2026")
TABLE = [
    _row("ADC/KD/26/03", "Crematorium Extension", "Cabinet", "2026-01-12", "2026-02-11", "given", "none", "public", []),
    _row("ADC/KD/26/04", "Homelessness Strategy 2026-2031", None, "2026-01-12", "2026-03-01", "blank", "none", "public", []),
    _row("ADC/KD/26/05", "Sale of Depot, Station Road", "Cabinet", "2026-02-02", "2026-02-11", "given", "none", "exempt", [3]),
]

# A print of plan items as a PDF, no blank lines between entries, the second over two pages.
PRINT_PAGES = [
    ["Brackley Vale Borough Council", "Plan items", "Waste Transfer Station Lease", "Reference: BVB/2026/12", "Decision maker: Cabinet",
     "Decision due: 18 March 2026", "Lead officer: Nia Forde, Waste Manager", "Notice of proposed decision first published: 13/02/2026",
     "Anticipated restriction: Open", "Documents to be considered by the decision maker: Cabinet report",
     "Urgent Repairs to Brackley Leisure Pool", "Reference: BVB/2026/15", "Decision maker: Cabinet Member for Leisure", "Decision due: 2 March 2026"],
    ["Reason for urgency: Pool closed by a plant failure;", "the decision cannot reasonably be deferred.", "Lead officer: Ian Tull",
     "Notice of proposed decision first published: 24/02/2026", "Anticipated restriction: Open"],
]
PRINT = [
    _row("BVB/2026/12", "Waste Transfer Station Lease", "Cabinet", "2026-02-13", "2026-03-18", "given", "none", "public", []),
    # Special urgency claimed, with no one named as agreeing to it.
    _row("BVB/2026/15", "Urgent Repairs to Brackley Leisure Pool", "Cabinet Member for Leisure", "2026-02-24", "2026-03-02", "absent",
         "special_urgency", "public", []),
]


def _compare(entries: list[dict], wanted: list[dict]) -> list[str]:
    wrong = [f"{len(entries)} entries, wanted {len(wanted)}"] if len(entries) != len(wanted) else []
    for entry, want in zip(entries, wanted):
        wrong += [f"{want['decision_no']} {path}: {_value(entry, path)!r}, wanted {value!r}" for path, value in want.items() if _value(entry, path) != value]
    return wrong


@pytest.mark.parametrize("name", sorted(TEXT_LAYOUTS))
def test_text_layouts(name):
    parsed = _read(read_paper(PLANS / name))
    assert _compare(_entries(parsed), TEXT_LAYOUTS[name]) == []


def test_word_table(tmp_path):
    parsed = _read(read_paper(write_docx_table(tmp_path / "plan.docx", [TABLE_HEADING, *TABLE_ROWS], TABLE_BEFORE)))
    assert _compare(_entries(parsed), TABLE) == []
    # Evidence says where the row is in Word.
    assert parsed.forward_plan_entries[2].evidence["exempt.paragraphs"].location == "table 1 row 4"


def test_pdf_table(tmp_path):
    parsed = _read(read_paper(write_pdf_table(tmp_path / "plan.pdf", [TABLE_HEADING, *TABLE_ROWS], TABLE_BEFORE)))
    assert _compare(_entries(parsed), TABLE) == []


def test_pdf_print_of_plan_items(tmp_path):
    parsed = _read(read_paper(write_pdf_pages(tmp_path / "print.pdf", PRINT_PAGES, footer="Page {page}")))
    assert _compare(_entries(parsed), PRINT) == []
    urgent = parsed.forward_plan_entries[1]
    assert (urgent.urgency.reason, urgent.urgency.agreed_by) == ("given", None)
    # The reason runs over two lines of the second page.
    reason = urgent.evidence["urgency.reason"]
    assert (reason.line, reason.end_line, reason.location) == (16, 17, "page 2 line 1")


# --- urgency routes, sections and their evidence -------------------------------------------


def test_key_decision_from_the_entry_or_the_plan_heading():
    labelled = _read(read_paper(PLANS / "blank_line_blocks.txt")).forward_plan_entries
    assert [entry.key_decision for entry in labelled] == [True, False]
    # "Forthcoming Key Decisions": every entry is one.
    assert [entry.key_decision for entry in _read(read_paper(PLANS / "markdown_table.md")).forward_plan_entries] == [True, True]
    # "Forthcoming Executive Decisions" says nothing of it.
    assert {entry.key_decision for entry in _read(read_paper(PLANS / "kcc_style_fed.txt")).forward_plan_entries} == {None}


def test_where_copies_can_be_had_is_the_contact_of_an_entry_naming_none():
    entries = _read(read_paper(PLANS / "table_spaced.txt")).forward_plan_entries
    sentence = "Copies of the reports can be obtained from Democratic Services, Lowfield Town Hall, or democracy@lowfield.example.gov.uk."
    assert {entry.contact for entry in entries} == {sentence}
    assert (entries[0].evidence["contact"].line, entries[0].evidence["contact"].end_line) == (3, 4)
    # A plan that says nothing of it leaves the entry without one; an entry's own lead officer stands.
    assert {entry.contact for entry in _read(read_paper(PLANS / "markdown_table.md")).forward_plan_entries} == {None}
    assert _read(read_paper(PLANS / "aligned_blocks.txt")).forward_plan_entries[0].contact.startswith("Dilys Rowcroft")


def test_kcc_style_urgency_tiers():
    parsed = _read(read_paper(PLANS / "kcc_style_fed.txt"))
    assert parsed.reading.profile == "kent-county-council"
    semi, urgent = parsed.forward_plan_entries[1:3]
    # reg 10: the entry is the notice, dated as first published; the chair was told.
    assert (semi.urgency.notice_date, semi.urgency.reason, semi.urgency.scrutiny_chair_informed) == ("2025-10-07", "given", True)
    assert semi.evidence["urgency.route"].text == "Semi-urgent decision process"
    assert clear_days(date.fromisoformat(semi.first_published), date.fromisoformat(semi.decision_due)) == 7
    # reg 11: the agreement is named and dated.
    assert (urgent.urgency.agreed_by, urgent.urgency.agreed_date) == ("Mr H Lowther, Chairman of the Scrutiny Committee", "2025-10-08")
    assert urgent.evidence["urgency.agreed_by"].line == 32


def test_general_exception_section_names_its_entry():
    parsed = _read(read_paper(PLANS / "aligned_blocks.txt"))
    entry = parsed.forward_plan_entries[2]
    # The section's paragraph dates no notice of its own: the entry's publication is the notice.
    assert (entry.urgency.notice_date, entry.urgency.scrutiny_chair_informed) == ("2026-02-19", True)
    assert (entry.evidence["urgency.route"].line, entry.evidence["urgency.route"].end_line) == (43, 45)
    # The other entries are not named there, and "None." under special urgency names none.
    assert [e.urgency.route for e in parsed.forward_plan_entries[:2]] == ["none", "none"]


SECTION_PLAN = """Tolmere Borough Council
Notice of Key Decisions

Reference: TBC/KD/40
Matter for decision: Allotments Rent Review
Decision maker: Cabinet
Date first published: 2 March 2026
Decision due: 8 April 2026

General exception notices

Reference: TBC/KD/41
Matter for decision: Flood Defence Grant Acceptance
Decision maker: Cabinet
Date first published: 27 March 2026
Decision due: 8 April 2026
Reason for urgency: The grant offer must be accepted by 10 April 2026.
"""


def test_an_entry_printed_in_the_general_exception_section_takes_its_route():
    first, second = _read(paper_from_text("plan.txt", SECTION_PLAN)).forward_plan_entries
    assert first.urgency.route == "none" and first.lines == (4, 8)
    assert (second.urgency.route, second.urgency.reason, second.urgency.notice_date) == ("general_exception", "given", "2026-03-27")
    assert second.evidence["urgency.route"].text == "General exception notices"
    assert second.evidence["urgency.reason"].line == 17


def test_a_sentence_about_general_exceptions_is_no_section():
    text = SECTION_PLAN.replace("General exception notices\n", "General exception notices are published on the council's website and\n")
    first, second = _read(paper_from_text("plan.txt", text)).forward_plan_entries
    # The second entry still gives its own reason for urgency: the reg 10 route, from the entry.
    assert second.evidence["urgency.route"].line == 17
    assert first.urgency.route == "none"


def test_a_section_sentence_that_dates_the_notice():
    text = (PLANS / "aligned_blocks.txt").read_text(encoding="utf-8").replace(
        "was informed in writing on 19 February 2026.", "was informed in writing. Notice given on 20 February 2026."
    )
    entry = _read(paper_from_text("plan.txt", text)).forward_plan_entries[2]
    assert (entry.urgency.notice_date, entry.urgency.scrutiny_chair_informed) == ("2026-02-20", True)


def test_every_field_read_quotes_its_line():
    for name in TEXT_LAYOUTS:
        paper = read_paper(PLANS / name)
        for entry in parse_paper(paper).forward_plan_entries:
            for path, quote in entry.evidence.items():
                source = " ".join(paper.line(number).raw.strip() for number in range(quote.line, quote.end_line + 1))
                assert quote.text and " ".join(quote.text.split()) in " ".join(source.split()), (name, path, quote)
                # Only the plan's sections and its statement on copies are outside the entry.
                assert entry.lines[0] <= quote.line <= entry.lines[1] or path.startswith("urgency.") or path == "contact", (name, path)


# --- what is not a forward plan, and a plan that cannot be read ----------------------------


def test_a_plan_whose_entries_cannot_be_read_is_not_understood():
    text = "Oxley Borough Council\nForward Plan\n\nDecision due: 9 March 2026\nDecision maker: Cabinet\n\nDecision due: 10 March 2026\n"
    parsed = parse_paper(paper_from_text("plan.txt", text))
    assert [document.kind for document in parsed.documents] == ["forward_plan"]
    assert parsed.forward_plan_entries == []
    assert not parsed.reading.understood
    assert "forward plan was found but none of its entries" in parsed.reading.not_understood
    assert parsed.reading.evidence["not_understood"].line == 1


def test_a_table_with_one_date_column_is_a_plan():
    text = "Cabinet Forward Plan\n\n| Ref | Matter | Decision maker | Decision due |\n|---|---|---|---|\n| CFP-101 | Depot Lease | Cabinet | 9 May 2026 |\n"
    (entry,) = _read(paper_from_text("plan.md", text)).forward_plan_entries
    assert (entry.decision_no, entry.title, entry.decision_due, entry.first_published) == ("CFP-101", "Depot Lease", "2026-05-09", None)


def test_a_heading_with_no_entries_under_it_is_no_plan():
    text = "Forward Plan\n\nThe Committee noted the forward plan for the coming year and asked for a report in March.\n"
    parsed = parse_paper(paper_from_text("note.txt", text))
    assert "forward_plan" not in [document.kind for document in parsed.documents]
    assert parsed.forward_plan_entries == []


def test_sentences_naming_the_plan_open_no_plan(corpus_files):
    for path in corpus_files:
        parsed = parse_paper(read_paper(path))
        assert parsed.forward_plan_entries == [] and "forward_plan" not in {d.kind for d in parsed.documents}, path.name


# --- the corpus's Fenmoor notice, scored against its gold note -----------------------------


def _gold_passages(note: str, references: list[str]) -> dict[str, str]:
    """The gold note's passage about each reference: from it to the next one."""
    starts = sorted((note.index(reference), reference) for reference in references if reference in note)
    return {reference: note[start : (starts[n + 1][0] if n + 1 < len(starts) else len(note))] for n, (start, reference) in enumerate(starts)}


def note_checks(entries: list, note: str) -> dict[str, list[bool]]:
    """Each field of each entry checked against what a gold note says of it (a note, not a
    table: the entries' references, matters, dates and clear days as a person wrote them)."""
    checks: dict[str, list[bool]] = {}

    def check(name: str, ok: bool) -> None:
        checks.setdefault(name, []).append(bool(ok))

    references = list(dict.fromkeys(re.findall(r"\bKD/\d{4}/\d{3}\b", note)))
    found = [entry.decision_no for entry in entries]
    check("entries", found == references)
    passages = _gold_passages(note, references)
    for entry in entries:
        passage = passages.get(entry.decision_no or "", "")
        check("decision_no", bool(passage))
        if not passage:
            continue
        # The note names each matter, sometimes shortened, before a colon.
        check("title", bool(entry.title) and passage[len(entry.decision_no) : passage.index(":")].strip() in entry.title)
        check("decision_maker", bool(entry.decision_maker) and entry.decision_maker.split()[0] in passage)
        check("first_published", f"first published {entry.first_published}" in passage.lower())
        printed = entry.evidence["decision_due"].text.split(":", 1)[1].strip() if "decision_due" in entry.evidence else None
        check("decision_due", bool(entry.decision_due) and (entry.decision_due in passage or printed in passage))
        # The note counts the clear days to the decision it gives ("49 clear days: OK").
        counted = re.search(r"(\d+) clear days[:)]", passage)
        if counted and entry.first_published and entry.decision_due:
            check("clear days", clear_days(date.fromisoformat(entry.first_published), date.fromisoformat(entry.decision_due)) == int(counted.group(1)))
        check("documents_field", (entry.documents_field == "blank") == ("To be confirmed" in passage))
        if "paragraph 3" in passage:
            check("exempt", (entry.exempt.status, entry.exempt.paragraphs) == ("exempt", [3]))
        # "None issued" under the general-exception heading: no entry has a reg 10 route.
        if "None issued" in note:
            check("urgency.route", entry.urgency.route == "none")
        cited = re.search(r"first published [\d-]+ \(line (\d+)\)", passage)
        if cited:
            check("evidence line", entry.evidence["first_published"].line == int(cited.group(1)))
    return checks


def test_fenmoor_entries_as_the_gold_note_describes_them():
    parsed = _read(read_paper(FENMOOR))
    note = json.loads(FENMOOR_GOLD.read_text(encoding="utf-8"))["notes"]
    checks = note_checks(parsed.forward_plan_entries, note)
    assert len(parsed.forward_plan_entries) == 4 and checks["entries"] == [True]
    assert {name: results for name, results in checks.items() if not all(results)} == {}
    assert len(checks["clear days"]) == 3 and len(checks["exempt"]) == 1 and len(checks["urgency.route"]) == 4


# --- output and record files ---------------------------------------------------------------


def test_parse_output_and_record_files_keep_the_entries(tmp_path):
    parsed = _read(read_paper(PLANS / "kcc_style_fed.txt"))
    text = render_text([parsed])
    assert "4 forward plan entries" in text
    assert "Forward plan entry 25/00066: Emergency Repairs to Tamsford Road Bridge" in text
    assert "urgency: special urgency (reason given; notice -; agreed by Mr H Lowther, Chairman of the Scrutiny Committee)" in text
    records = tmp_path / "records.json"
    records.write_text(json.dumps({"files": [to_dict(parsed)]}), encoding="utf-8")
    (back,) = read_record_file(records)
    assert back.forward_plan_entries == parsed.forward_plan_entries


# --- a ModernGov issue page is an entry of the plan -----------------------------------------


def test_a_moderngov_issue_page_is_a_forward_plan_entry():
    from govlint.engine.moderngov.pages import read_page

    path = Path(__file__).parent / "fixtures" / "moderngov" / "issue-details.html"
    text = path.read_text(encoding="utf-8")
    url = "https://democracy.example.gov.uk/ieIssueDetails.aspx?IId=5120"
    parsed = read_page(str(path), text, url, proposed=True)
    (entry,) = parsed.forward_plan_entries
    wanted = ("Northgate car park disposal", "Cabinet", True, "2025-12-01", "2026-01-14", "absent")
    assert (entry.title, entry.decision_maker, entry.key_decision, entry.first_published, entry.decision_due, entry.documents_field) == wanted
    # "Decision due: 14 January 2026 by Cabinet" gives both; the evidence is the page's row, with its address.
    maker = entry.evidence["decision_maker"]
    assert maker.text == "Decision due: 14 January 2026 by Cabinet" and url in maker.location
    source = text.splitlines()
    for quote in entry.evidence.values():
        assert quote.text.split(":")[-1].strip().split()[0] in " ".join(source[quote.line - 1 : quote.end_line])
    # A decision page is no plan entry.
    assert read_page(str(path), text, url).forward_plan_entries == []
