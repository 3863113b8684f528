"""The reading pipeline for one paper: text lines → documents → decisions and meetings."""
from __future__ import annotations

from dataclasses import replace

from govlint.engine.extraction.decisions import extract_decisions
from govlint.engine.documents.split import split_documents
from govlint.engine.profiles.choose import choose_profile
from govlint.engine.profiles.loader import DEFAULT_PROFILE, shipped_profiles
from govlint.engine.profiles.model import Profile
from govlint.engine.reading.furniture import extra_furniture
from govlint.engine.reading.lines import Paper
from govlint.engine.extraction.meetings import extract_meetings
from govlint.engine.records.model import Evidence, ParsedPaper


def parse_paper(paper: Paper, profile: Profile | None = None) -> ParsedPaper:
    """The records of one paper, read with `profile` or else the shipped profile the paper's
    opening lines show most marks of."""
    profile = profile or paper_profile(paper)
    paper = _without_furniture(paper, profile)
    documents = split_documents(paper, profile)
    decisions = extract_decisions(paper, documents, profile)
    meetings = extract_meetings(paper, documents, profile)
    for record in [*decisions, *meetings]:
        record.evidence = _located(paper, record.evidence)
    return ParsedPaper(source=paper.source, documents=documents, decisions=decisions, meetings=meetings)


def paper_profile(paper: Paper) -> Profile:
    """The shipped profile for `paper`, chosen by what its opening lines show."""
    profiles = shipped_profiles()
    default = next(p for p in profiles if p.id == DEFAULT_PROFILE)
    return choose_profile([line.text for line in paper.lines], profiles, default)


def _without_furniture(paper: Paper, profile: Profile) -> Paper:
    """`paper` with the profile's page furniture (form codes, running footers) blanked: the
    line keeps its place and raw text, so evidence still points where it did."""
    patterns = profile.furniture_patterns
    if not patterns:
        return paper
    lines = tuple(replace(line, text="") if line.text and extra_furniture(line.text, patterns) else line for line in paper.lines)
    return replace(paper, lines=lines)


def _located(paper: Paper, evidence: dict[str, Evidence]) -> dict[str, Evidence]:
    """Evidence with the location (page, table row) of its first line where the extractor gave none,
    so that a finding on a Word or PDF paper can always be found in the original."""
    return {
        name: quote if quote.location else replace(quote, location=paper.line(quote.line).location)
        for name, quote in evidence.items()
    }
