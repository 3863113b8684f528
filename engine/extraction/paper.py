"""The reading pipeline for one paper: text lines → documents → decisions, meetings and
forward-plan entries."""
from __future__ import annotations

from dataclasses import replace

from govlint.engine.extraction.decisions import extract_decisions
from govlint.engine.documents.split import split_documents
from govlint.engine.extraction.forward_plan import extract_forward_plan_entries
from govlint.engine.profiles.choose import choose_profile
from govlint.engine.profiles.loader import DEFAULT_PROFILE, shipped_profiles
from govlint.engine.profiles.model import Profile
from govlint.engine.reading.lines import Paper
from govlint.engine.extraction.meetings import extract_meetings
from govlint.engine.records.model import Decision, Document, Evidence, ForwardPlanEntry, Meeting, ParsedPaper, Reading


def parse_paper(paper: Paper, profile: Profile | None = None) -> ParsedPaper:
    """The records of one paper, read with `profile` or else the shipped profile the paper's
    opening lines show most marks of."""
    profile = profile or paper_profile(paper)
    paper = _without_furniture(paper, profile)
    documents = split_documents(paper, profile)
    decisions = extract_decisions(paper, documents, profile)
    meetings = extract_meetings(paper, documents, profile)
    entries = extract_forward_plan_entries(paper, documents, profile)
    reading = _reading(paper, profile, documents, decisions, meetings, entries)
    for record in [*decisions, *meetings, *entries, reading]:
        record.evidence = _located(paper, record.evidence)
    return ParsedPaper(
        source=paper.source, documents=documents, decisions=decisions, meetings=meetings, reading=reading, forward_plan_entries=entries
    )


# What a decision record must show for govlint to have read it at all: who decides, and at
# least one of the fields the rules check.
_GOVERNANCE_READ = (
    lambda d: d.key_decision is not None,
    lambda d: d.eqia_status != "not_mentioned",
    lambda d: d.dpia_status != "not_mentioned",
    lambda d: d.committee_consultation.status != "not_mentioned",
    lambda d: d.interests_field != "absent",
    lambda d: d.alternatives_field != "absent",
)


def _reading(
    paper: Paper, profile: Profile, documents: list[Document], decisions: list[Decision], meetings: list[Meeting], entries: list[ForwardPlanEntry]
) -> Reading:
    """How the paper was read, and what could not be understood in it."""
    numbers = [line.number for line in paper.lines]
    span = (min(numbers, default=1), max(numbers, default=1))
    first = next((line for line in paper.lines if line.text), None)
    known = [document for document in documents if document.kind != "other"]
    if not decisions and not meetings and not known:
        looked = ", ".join(f'"{phrase}"' for phrase in (*profile.heading_phrases("record_of_decision")[:3], *profile.heading_phrases("proposed_record_of_decision")[:2]))
        reason = (
            f"no decision record, report front sheet, minutes, agenda or forward plan was found with the {profile.id} reader profile "
            f"(record headings such as {looked}; a report's labelled front sheet; a minutes heading; a forward plan's entries)"
        )
        return _not_understood(profile, span, reason, first)
    plans = [document for document in documents if document.kind == "forward_plan"]
    unread_plans = [plan for plan in plans if not any(plan.line_start <= entry.lines[0] <= plan.line_end for entry in entries)]
    if unread_plans:
        plan = unread_plans[0]
        labels = profile.label_phrases("forward_plan", "maker")[:1] + profile.label_phrases("forward_plan", "due")[:1]
        reason = (
            f"{plan.title or 'a forward plan'} (lines {plan.line_start}-{plan.line_end}): a forward plan was found but none of its "
            f"entries (a reference or matter with its decision maker, decision due or first published date, as blocks of labelled "
            f"fields such as {', '.join(repr(label) for label in labels)} or a table headed by them) could be read with the "
            f"{profile.id} reader profile"
        )
        return _not_understood(profile, span, reason, paper.line(plan.line_start))
    unread = [decision for decision in decisions if decision.decision_maker is None and not any(read(decision) for read in _GOVERNANCE_READ)]
    if unread:
        named = "; ".join(f"{d.decision_no or d.title or 'a decision'} (lines {d.lines[0]}-{d.lines[1]})" for d in unread)
        reason = (
            f"{named}: a decision record was found but neither its decision maker nor any of its governance fields "
            f"(key decision, equality and data protection assessments, consultation, interests, alternatives) "
            f"could be read with the {profile.id} reader profile"
        )
        line = paper.line(unread[0].lines[0])
        return _not_understood(profile, span, reason, line)
    return Reading(profile=profile.id, understood=True, not_understood=None, lines=span)


def _not_understood(profile: Profile, span: tuple[int, int], reason: str, line) -> Reading:
    evidence = {"not_understood": Evidence(line.number, line.number, line.raw.strip(), line.location)} if line else {}
    return Reading(profile=profile.id, understood=False, not_understood=reason, lines=span, evidence=evidence)


def paper_profile(paper: Paper) -> Profile:
    """The shipped profile for `paper`, chosen by what its opening lines show."""
    profiles = shipped_profiles()
    default = next(p for p in profiles if p.id == DEFAULT_PROFILE)
    return choose_profile([line.text for line in paper.lines], profiles, default)


def _without_furniture(paper: Paper, profile: Profile) -> Paper:
    """`paper` with the profile's page furniture (form codes, running footers) blanked: the
    line keeps its place and raw text, so evidence still points where it did."""
    furniture = profile.furniture_pattern
    if furniture is None:
        return paper
    lines = tuple(replace(line, text="") if line.text and len(line.text) <= _FURNITURE_LENGTH and furniture.fullmatch(line.text) else line for line in paper.lines)
    return replace(paper, lines=lines)


# Page furniture is a short line: longer ones are content and need no test.
_FURNITURE_LENGTH = 120


def _located(paper: Paper, evidence: dict[str, Evidence]) -> dict[str, Evidence]:
    """Evidence with the location (page, table row) of its first line where the extractor gave none,
    so that a finding on a Word or PDF paper can always be found in the original."""
    return {
        name: quote if quote.location else replace(quote, location=paper.line(quote.line).location)
        for name, quote in evidence.items()
    }
