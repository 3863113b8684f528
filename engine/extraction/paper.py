"""The reading pipeline for one paper: text lines → documents → decisions and meetings."""
from __future__ import annotations

from dataclasses import replace

from govlint.engine.extraction.decisions import extract_decisions
from govlint.engine.documents.split import split_documents
from govlint.engine.reading.lines import Paper
from govlint.engine.extraction.meetings import extract_meetings
from govlint.engine.records.model import Evidence, ParsedPaper


def parse_paper(paper: Paper) -> ParsedPaper:
    documents = split_documents(paper)
    decisions = extract_decisions(paper, documents)
    meetings = extract_meetings(paper, documents)
    for record in [*decisions, *meetings]:
        record.evidence = _located(paper, record.evidence)
    return ParsedPaper(source=paper.source, documents=documents, decisions=decisions, meetings=meetings)


def _located(paper: Paper, evidence: dict[str, Evidence]) -> dict[str, Evidence]:
    """Evidence with the location (page, table row) of its first line where the extractor gave none,
    so that a finding on a Word or PDF paper can always be found in the original."""
    return {
        name: quote if quote.location else replace(quote, location=paper.line(quote.line).location)
        for name, quote in evidence.items()
    }
