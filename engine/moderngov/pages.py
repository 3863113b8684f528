"""ModernGov web pages into records: decision details (ieDecisionDetails) and forward-plan
issues (ieIssueDetails), and the links of the listing pages that lead to them.

A page is read as the reader reads a paper saved as text: its blocks (headings, paragraphs,
table cells) become lines, and the shared pipeline (documents, decisions, meetings) reads them
with the reader profile the text shows, the `moderngov` profile for these pages. Nothing of a
page's wording is in this module; it knows only that a page is markup. Evidence is given back
as lines of the saved page, naming the element and quoting its text.
"""
from __future__ import annotations

from dataclasses import replace
from urllib.parse import urljoin

from govlint.engine.extraction.forward_plan import extract_page_entry
from govlint.engine.extraction.paper import paper_profile, parse_paper
from govlint.engine.moderngov.markup import MarkupPaper, html_blocks, markup_paper, parse_html, place
from govlint.engine.profiles.model import Profile
from govlint.engine.records.model import Document, Evidence, ForwardPlanEntry, ParsedPaper


def page_paper(source: str, text: str) -> MarkupPaper:
    """The blocks of a page's body as a paper."""
    root = parse_html(text)
    body = root.find("body")
    return markup_paper(source, html_blocks(body if body is not None else root, "html", last_line=max(1, len(text.splitlines()))))


def read_page(source: str, text: str, url: str | None = None, proposed: bool = False, profile: Profile | None = None) -> ParsedPaper:
    """The records of one saved page, read with `profile` (None: the one its text shows).
    `proposed`: the page is an entry of the forward plan, so its decision is one still to be
    taken, whatever the page's headings say."""
    page = page_paper(source, text)
    profile = profile or paper_profile(page.paper)
    parsed = parse_paper(page.paper, profile)
    if proposed:
        # The page is an entry of the forward plan as well as the decision it announces.
        parsed.forward_plan_entries += _page_entries(page, parsed, profile)
    for record in [*parsed.decisions, *parsed.meetings, *parsed.forward_plan_entries, parsed.reading]:
        record.evidence = page.to_source(record.evidence, url)
        record.lines = _source_span(page, record.lines)
    for decision in parsed.decisions if proposed else ():
        decision.decision_type = "proposed"
        first = page.blocks[0]
        decision.evidence["decision_type"] = Evidence(first.line, first.end_line, first.text, place("forward plan entry, " + first.element, url))
    documents = [replace(document, line_start=page.blocks[document.line_start - 1].line, line_end=page.blocks[document.line_end - 1].end_line) for document in parsed.documents]
    return replace(parsed, documents=documents)


def _page_entries(page: MarkupPaper, parsed: ParsedPaper, profile: Profile) -> list[ForwardPlanEntry]:
    entries = []
    for decision in parsed.decisions:
        document = next((d for d in parsed.documents if d.line_start <= decision.lines[0] <= d.line_end), None)
        title = (decision.title, decision.evidence["title"]) if decision.title and "title" in decision.evidence else None
        span = document or Document("forward_plan", decision.lines[0], decision.lines[1], decision.title, decision.decision_no)
        entry = extract_page_entry(page.paper, span, profile, title)
        if entry is not None:
            entries.append(entry)
    return entries


def _source_span(page: MarkupPaper, lines: tuple[int, int]) -> tuple[int, int]:
    first, last = page.blocks[lines[0] - 1], page.blocks[lines[1] - 1]
    return first.line, max(first.line, last.end_line)


def page_links(text: str, base: str) -> list[tuple[str, str]]:
    """(absolute address, link text) of every link on a page, in order, once each."""
    root = parse_html(text)
    found: dict[str, str] = {}
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if href and not href.startswith(("#", "mailto:", "javascript:")):
            found.setdefault(urljoin(base, href), " ".join(anchor.text_content().split()))
    return list(found.items())
