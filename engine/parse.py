"""The reading pipeline for one paper: text lines → documents → decisions and meetings."""
from __future__ import annotations

from engine.decisions import extract_decisions
from engine.documents import split_documents
from engine.lines import Paper
from engine.meetings import extract_meetings
from engine.records import ParsedPaper


def parse_paper(paper: Paper) -> ParsedPaper:
    documents = split_documents(paper)
    return ParsedPaper(
        source=paper.source,
        documents=documents,
        decisions=extract_decisions(paper, documents),
        meetings=extract_meetings(paper, documents),
    )
