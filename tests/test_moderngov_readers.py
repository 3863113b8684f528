"""The ModernGov readers: a real GetMeeting response and ModernGov pages into records, each
field with evidence that names the element and quotes the saved file's own text."""
from __future__ import annotations

import html
import json
from pathlib import Path

import jsonschema
import pytest
from lxml import etree
from lxml import html as lxml_html

from govlint.engine.moderngov.meetings import Context, read_meeting_response
from govlint.engine.moderngov.markup import UnreadableMarkup
from govlint.engine.moderngov.pages import page_links, read_page
from govlint.engine.records.model import to_dict
from tests.conftest import RECORDS_SCHEMA, require_shared

FIXTURES = Path(__file__).parent / "fixtures" / "moderngov"
URL = "https://council.example/mgWebService.asmx/GetMeeting?lMeetingId=7837"


@pytest.fixture(scope="module")
def sample() -> Path:
    return require_shared("corpus", "moderngov", "gloucester-city", "xmlSamples", "GetMeeting_7837.xml")


@pytest.fixture(scope="module")
def parsed(sample: Path):
    return read_meeting_response(str(sample), sample.read_bytes(), Context(url=URL))


def _words(text: str) -> set[str]:
    return {word.strip(".,;:()'\"").lower() for word in text.split()} - {""}


def _source_words(path: Path, line: int, end_line: int) -> set[str]:
    """The words of a span of the saved file as a reader sees them: markup escaped inside XML
    unescaped, tags dropped."""
    span = "\n".join(path.read_text(encoding="utf-8").splitlines()[line - 1 : end_line])
    plain = html.unescape(html.unescape(span))
    return _words(lxml_html.fromstring(f"<div>{plain}</div>").text_content()) | _words(plain)


def test_meeting_fields_are_read_from_the_service_elements(sample: Path, parsed) -> None:
    root = etree.parse(str(sample)).getroot()
    [meeting] = parsed.meetings
    items = root.findall("agendaitems/agendaitem")
    assert [item.title for item in meeting.items] == [" ".join(html.unescape(i.findtext("agendaitemtitle")).split()) for i in items]
    assert [item.is_decision for item in meeting.items] == [i.findtext("isdecision") == "True" for i in items]
    assert meeting.date == "2025-11-21"
    assert meeting.committee == root.findtext("agendaitems/agendaitem/refertocommittee")
    present = [a.get("name") for a in root.iter("attendee") if a.get("attendance").startswith("Present")]
    assert meeting.present == present and "Jon McGinty" not in present  # officers in attendance are not members present
    # Nothing was declared at this meeting: the minute says so and is the evidence.
    assert meeting.declarations == []
    assert "no declarations" in meeting.evidence["declarations"].text.lower()


def test_a_decision_record_for_each_item_flagged_as_a_decision(sample: Path, parsed) -> None:
    root = etree.parse(str(sample)).getroot()
    flagged = [i.findtext("agendaitemtitle") for i in root.iter("agendaitem") if i.findtext("isdecision") == "True"]
    assert [d.title for d in parsed.decisions] == flagged
    [decision] = parsed.decisions
    assert decision.decision_type == "taken" and decision.decision_date == "2025-11-21" and decision.decision_maker == "Cabinet"
    assert decision.evidence["decision_type"].text.startswith("RESOLVED")
    # The resolution is minuted; what it resolved is read by the shared minutes reader.
    item = next(item for item in parsed.meetings[0].items if item.is_decision)
    assert item.resolved != "none"


def test_every_quote_is_the_text_of_the_element_it_names(sample: Path, parsed) -> None:
    records = [*parsed.meetings, *parsed.decisions]
    quotes = [quote for record in records for quote in record.evidence.values()]
    assert len(quotes) > 10
    for quote in quotes:
        assert quote.location.endswith(f"({URL})"), quote
        assert "<" in quote.location, quote  # names an element
        missing = _words(quote.text) - _source_words(sample, quote.line, quote.end_line)
        # A minute heading joins the item's number and title, which sit on two lines of the response.
        assert missing <= {"51", "52", "53", "54", "55"}, (quote, missing)


def test_meeting_records_fit_the_record_schema(parsed) -> None:
    schema = json.loads(RECORDS_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate({"files": [to_dict(parsed)]}, schema)


def test_a_decision_page_is_read_through_the_moderngov_profile() -> None:
    path = FIXTURES / "decision-details.html"
    parsed = read_page(str(path), path.read_text(encoding="utf-8"), "https://council.example/ieDecisionDetails.aspx?ID=2841")
    [decision] = parsed.decisions
    assert decision.title == "Riverside Leisure Centre refurbishment contract"
    assert decision.key_decision is True and decision.key_decision_criteria == ["expenditure_over_1m"]
    assert decision.decision_date == "2025-11-21" and decision.max_money_gbp == 2350000.0
    assert (decision.interests_field, decision.alternatives_field) == ("none", "given")
    assert decision.decision_type == "taken"
    lines = path.read_text(encoding="utf-8").splitlines()
    for name, quote in decision.evidence.items():
        assert quote.location.startswith("html, ") and "ieDecisionDetails.aspx?ID=2841" in quote.location, name
        span = html.unescape(" ".join(lines[quote.line - 1 : quote.end_line]))
        assert _words(quote.text) <= _words(lxml_html.fromstring(f"<div>{span}</div>").text_content()), (name, quote)


def test_a_forward_plan_entry_is_a_proposed_decision() -> None:
    path = FIXTURES / "issue-details.html"
    text = path.read_text(encoding="utf-8")
    [listed] = read_page(str(path), text, proposed=True).decisions
    [page] = read_page(str(path), text).decisions
    assert listed.decision_type == "proposed" and "forward plan" in listed.evidence["decision_type"].location
    assert listed.title == page.title == "Northgate car park disposal"
    assert listed.key_decision is True


def test_links_are_absolute_and_listed_once() -> None:
    text = (FIXTURES / "forward-plan.html").read_text(encoding="utf-8")
    links = page_links(text, "https://council.example/mgListPlanItems.aspx?PlanId=310")
    assert links[0] == ("https://council.example/ieIssueDetails.aspx?IId=5120&PlanId=310", "Northgate car park disposal")
    assert links[1][0].startswith("https://elsewhere.example/")


@pytest.mark.parametrize(
    "data",
    [
        b"<meeting><agendaitems>",  # cut short
        b"%PDF-1.4 not xml at all",
        b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><other>&b;</other>',
    ],
)
def test_a_response_that_is_no_meeting_is_refused_with_a_reason(data: bytes) -> None:
    with pytest.raises(UnreadableMarkup):
        read_meeting_response("bad.xml", data)


def test_entities_are_not_expanded() -> None:
    data = b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "EXPANDED">]><meeting><meetingdate>&a;</meetingdate><agendaitems/></meeting>'
    [meeting] = read_meeting_response("m.xml", data).meetings
    assert meeting.date is None and "EXPANDED" not in json.dumps(to_dict(meeting))


def test_a_paper_is_dated_by_the_meeting_whose_agenda_lists_it(sample: Path, parsed) -> None:
    """The report joins a paper to the meeting that considered it: an undated decision in a
    paper the meeting's agenda lists takes the meeting's date."""
    from dataclasses import replace

    from govlint.engine.checking.run import check_papers
    from govlint.engine.packs.loader import load_pack
    from govlint.engine.records.model import ParsedPaper
    from govlint.engine.report.summary import build_report

    [undated] = [replace(decision, decision_date=None) for decision in parsed.decisions]
    paper = ParsedPaper(source="papers/65412.pdf", documents=[], decisions=[undated], meetings=[])
    [meeting] = parsed.meetings
    packs = [load_pack("kent-county-council")]

    def entry(items):
        listed = replace(parsed, decisions=[], meetings=[replace(meeting, items=items)])
        papers = [listed, paper]
        [found] = build_report(packs, check_papers(papers, packs)).decisions
        return found

    considered = [replace(item, papers=["papers/65412.pdf"]) if item.is_decision else item for item in meeting.items]
    assert (str(entry(considered).date), entry(considered).date_basis) == (meeting.date, "meeting agenda")
    assert entry(meeting.items).date is None


def test_a_page_with_no_record_is_not_understood_and_says_where(sample: Path, parsed) -> None:
    path = FIXTURES / "forward-plans.html"
    text = path.read_text(encoding="utf-8")
    reading = read_page(str(path), text, "https://council.example/mgListPlans.aspx").reading
    assert reading.understood is False and reading.not_understood
    quote = reading.evidence["not_understood"]
    assert quote.location.startswith("html, ") and quote.location.endswith("(https://council.example/mgListPlans.aspx)")
    assert quote.text in html.unescape(text.splitlines()[quote.line - 1])
    assert reading.lines[1] <= len(text.splitlines())
    # A meeting response is read by its structure: understood, with the profile of its minutes.
    assert parsed.reading.understood and parsed.reading.profile
