"""A ModernGov GetMeeting response into a meeting record, and decision records for its items
flagged as decisions.

What the service gives as data is read from its elements: the meeting date (`meetingdate`),
the committee (`refertocommittee` or a linked document's `committeetitle`, else the committee
the fetch listed the meeting under), the agenda items with their `isdecision`, `iscallin` and
`isrestricted` flags and linked documents, and who was present (`attendee` elements marked
present). What the council wrote in prose, the minutes and decision text of each item (HTML
inside `minutesnonemptyhtmlbody` and `decisionnonemptyhtmlbody`), is read as a minute book
is: the item's number and title as the minute heading, its paragraphs as the minute, through
the shared minutes reader (engine.extraction.meetings) and the reader profile the text shows.
So declarations, RESOLVED outcomes and decision references are found exactly as in a paper.

Every field's evidence names the element it was read from and quotes its text, with the line
of the saved response; the address the response came from is added when the fetch manifest
gives it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from lxml import etree

from govlint.engine.extraction.dates import first_date
from govlint.engine.extraction.meetings import read_meeting
from govlint.engine.extraction.paper import paper_profile
from govlint.engine.moderngov.markup import Block, UnreadableMarkup, child, children, find, html_blocks, localname, markup_paper, parse_html, parse_xml, place, text
from govlint.engine.profiles.model import Profile
from govlint.engine.records.model import AgendaItem, CommitteeConsultation, Decision, Document, Evidence, Meeting, ParsedPaper, Reading


@dataclass(frozen=True)
class Context:
    """What the fetch knew of a saved response: its address, and the committee it listed the
    meeting under (the response itself does not always say), and where each linked document was saved."""

    url: str | None = None
    committee: str | None = None
    papers: dict[str, str] = field(default_factory=dict)  # attachment id -> saved file


def read_meeting_response(source: str, data: bytes, context: Context = Context(), profile: Profile | None = None) -> ParsedPaper:
    """The records of one saved GetMeeting response; the minutes are read with `profile`, else
    the profile their text shows."""
    meeting = find(parse_xml(data), "meeting")
    if meeting is None:
        raise UnreadableMarkup("not a ModernGov GetMeeting response: no <meeting> element")
    items = [_Item.read(element, context) for element in children(find(meeting, "agendaitems"), "agendaitem")]
    date_element = find(meeting, "meetingdate")
    date = first_date(text(date_element)) if date_element is not None else None
    committee, committee_element = _committee(items, context)

    minutes = markup_paper(source, [block for item in items for block in item.blocks])
    profile = profile or paper_profile(minutes.paper)
    # A meeting with nothing minuted (no items, or items with no text) has no minutes to read.
    found = read_meeting(minutes.paper, Document("minutes", 1, len(minutes.blocks), None, None), profile.reference, profile) if minutes.blocks else None
    evidence = {name: quote for name, quote in minutes.to_source(found.evidence, context.url).items() if name != "lines"} if found else {}
    evidence.update(_quote(name, element, context.url) for name, element in (("committee", committee_element), ("date", date_element)) if element is not None)
    present, present_evidence = _present(meeting, context.url)
    evidence.update(present_evidence)
    records = [item.record() for item in items]
    evidence.update((f"items[{index}]", item.evidence(context.url)) for index, item in enumerate(items))
    if committee_element is None and committee:
        # Not in the response: the committee the service listed the meeting under.
        evidence["committee"] = Evidence(meeting.sourceline or 1, meeting.sourceline or 1, committee, place("committee listed by GetMeetings", context.url))
    lines = (meeting.sourceline or 1, _last_line(meeting))
    record = Meeting(
        committee=committee,
        date=date,
        lines=lines,
        present=present,
        declarations=found.declarations if found else [],
        decisions_considered=found.decisions_considered if found else [],
        evidence=evidence,
        items=records,
    )
    made = {name: evidence[name] for name in ("committee", "date") if name in evidence}
    decisions = [item.decision(committee, date, made, context.url, profile) for item in items if item.is_decision]
    # The service's structure is read whatever the prose says, so the response is understood.
    reading = Reading(profile=profile.id, understood=True, not_understood=None, lines=lines)
    return ParsedPaper(source=source, documents=[Document("minutes", lines[0], lines[1], committee, None)], decisions=decisions, meetings=[record], reading=reading)


def _flag(element: etree._Element, name: str) -> bool:
    return text(child(element, name)).lower() == "true"


def _last_line(element: etree._Element) -> int:
    return max((node.sourceline or 0 for node in element.iter()), default=element.sourceline or 1) or 1


def _quote(name: str, element: etree._Element, url: str | None) -> tuple[str, Evidence]:
    line = element.sourceline or 1
    return name, Evidence(line, line, text(element), place(f"<{localname(element)}>", url))


@dataclass
class _Item:
    element: etree._Element
    number: str | None
    title: str | None
    is_decision: bool
    blocks: list[Block]
    papers: list[str]
    committee_element: etree._Element | None

    @classmethod
    def read(cls, element: etree._Element, context: Context) -> "_Item":
        number = text(child(element, "fulldisplaynumberformat")).rstrip(".") or text(child(element, "agendaitemnumber")) or None
        title_element = child(element, "agendaitemtitle")
        # ModernGov escapes the apostrophes of titles twice ("Members&amp;#39;").
        title = _unescaped(text(title_element)) or None
        name = f"agendaitem {number or '?'}"
        blocks = []
        if title_element is not None and title:
            # The minute heading, as a minute book prints it: "55. Title".
            heading = f"{number}. {title}" if number and number.isdigit() else title
            line = title_element.sourceline or 1
            blocks.append(Block(heading, line, line, f"{name}, <agendaitemtitle>"))
        for part, label in (("minutesnonemptyhtmlbody", "minutes"), ("decisionnonemptyhtmlbody", "decision")):
            body = child(element, part)
            if body is not None and (body.text or "").strip():
                first = body.sourceline or 1
                blocks += html_blocks(parse_html(body.text), f"{name}, <{part}>", first, first + body.text.count("\n"))
        papers = []
        for document in children(child(element, "linkeddocuments"), "linkeddoc"):
            saved = context.papers.get(text(child(document, "attachmentid")))
            if saved:
                papers.append(saved)
        committee = next((node for node in (child(element, "refertocommittee"), find(element, "committeetitle")) if text(node)), None)
        return cls(element, number, title, _flag(element, "isdecision"), blocks, papers, committee)

    def record(self) -> AgendaItem:
        return AgendaItem(
            number=self.number,
            title=self.title,
            is_decision=self.is_decision,
            call_in=_flag(self.element, "iscallin"),
            restricted=_flag(self.element, "isrestricted"),
            resolved=self.resolved(),
            papers=self.papers,
        )

    def resolved(self) -> str:
        """The item's outcome, read by the shared minutes reader: the item's own heading stands
        as the reference the reader reports the outcome of its minute under."""
        if not self.blocks:
            return "none"
        minutes = markup_paper("", self.blocks)
        heading = re.compile(re.escape(self.blocks[0].text))
        found = read_meeting(minutes.paper, Document("minutes", 1, len(minutes.blocks), None, None), heading)
        return found.decisions_considered[0].resolved if found.decisions_considered else "none"

    def evidence(self, url: str | None) -> Evidence:
        title = child(self.element, "agendaitemtitle")
        line = (title if title is not None else self.element).sourceline or 1
        return Evidence(line, line, self.title or "", place(f"agendaitem {self.number or '?'}, <agendaitemtitle>", url))

    def decision(self, committee: str | None, date: str | None, made: dict[str, Evidence], url: str | None, profile) -> Decision:
        """The decision the item records: taken by the meeting's committee (`made` holds the
        evidence of the meeting's committee and date) on the meeting's date."""
        evidence = {"title": self.evidence(url)}
        if "date" in made:
            evidence["decision_date"] = made["date"]
        if "committee" in made:
            evidence["decision_maker"] = made["committee"]
        number = profile.reference.search(self.title or "")
        decision_text = [block for block in self.blocks if "<decisionnonemptyhtmlbody>" in block.element]
        if decision_text:
            first, last = decision_text[0], decision_text[-1]
            evidence["decision_type"] = Evidence(first.line, last.end_line, " ".join(block.text for block in decision_text), place(first.element, url))
        return Decision(
            decision_no=number.group(0) if number else None,
            title=self.title,
            record_kinds=["record_of_decision"],
            decision_maker=committee,
            decision_type="taken",
            key_decision=None,
            key_decision_criteria=[],
            money_gbp=[],
            max_money_gbp=None,
            electoral_divisions=None,
            eqia_status="not_mentioned",
            dpia_status="not_mentioned",
            dpia_before_processing=False,
            committee_consultation=CommitteeConsultation(None, None, "not_mentioned"),
            decision_date=date,
            interests_field="absent",
            alternatives_field="absent",
            urgent=False,
            past_pathway=None,
            future_pathway=None,
            lines=(self.element.sourceline or 1, _last_line(self.element)),
            evidence=evidence,
        )


def _unescaped(text: str) -> str:
    return _html_text(text) if "&" in text else text


def _html_text(text: str) -> str:
    """The text of a snippet of HTML (entities decoded, tags dropped)."""
    return " ".join(parse_html(f"<p>{text}</p>").text_content().split())


def _committee(items: list[_Item], context: Context) -> tuple[str | None, etree._Element | None]:
    for item in items:
        if item.committee_element is not None:
            return text(item.committee_element), item.committee_element
    return context.committee, None


def _present(meeting: etree._Element, url: str | None) -> tuple[list[str], dict[str, Evidence]]:
    """Members marked present (officers "in attendance" are not members present)."""
    names, evidence = [], {}
    for attendee in children(find(meeting, "attendees"), "attendee"):
        if not attendee.get("attendance", "").lower().startswith("present"):
            continue
        names.append(attendee.get("name", "").strip())
        line = attendee.sourceline or 1
        evidence[f"present[{len(names) - 1}]"] = Evidence(line, line, f'name="{attendee.get("name", "")}" attendance="{attendee.get("attendance", "")}"', place("<attendee>", url))
    if names:
        first, last = evidence["present[0]"], evidence[f"present[{len(names) - 1}]"]
        evidence["present"] = replace(first, end_line=last.end_line)
    return names, evidence
