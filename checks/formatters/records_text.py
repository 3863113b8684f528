"""`govlint parse` output for a person: what was found in each paper, one block per record."""
from __future__ import annotations

from govlint.engine.records.model import Decision, ForwardPlanEntry, Meeting, ParsedPaper


def _money(amount: float | None) -> str:
    return "-" if amount is None else f"£{amount:,.2f}"


def _decision_lines(decision: Decision) -> list[str]:
    consultation = decision.committee_consultation
    key = {True: "yes", False: "no", None: "not stated"}[decision.key_decision]
    criteria = ", ".join(decision.key_decision_criteria) or "none stated"
    return [
        f"  Decision {decision.decision_no or '(no number)'}: {decision.title or '(no title)'}",
        f"    lines {decision.lines[0]}-{decision.lines[1]}; {decision.decision_type}; from {', '.join(decision.record_kinds)}",
        f"    decision maker: {decision.decision_maker or '-'}",
        f"    key decision: {key} ({criteria}); largest amount {_money(decision.max_money_gbp)}; divisions: {'; '.join(decision.electoral_divisions or ()) or '-'}",
        f"    EQIA: {decision.eqia_status}; DPIA: {decision.dpia_status}",
        f"    committee consultation: {consultation.status} ({consultation.committee or '-'}, {consultation.date or 'no date'})",
        f"    interests: {decision.interests_field}; alternatives: {decision.alternatives_field}; urgent: {'yes' if decision.urgent else 'no'}",
        f"    decision date: {decision.decision_date or '-'}",
    ]


def _meeting_lines(meeting: Meeting) -> list[str]:
    lines = [
        f"  Meeting: {meeting.committee or '(committee not found)'} on {meeting.date or '(no date)'}",
        f"    lines {meeting.lines[0]}-{meeting.lines[1]}; {len(meeting.present)} present",
    ]
    for declaration in meeting.declarations:
        item = f"item {declaration.item}" if declaration.item else "no item given"
        lines.append(f"    declaration: {declaration.member} ({item}): {declaration.nature or '-'}")
    for considered in meeting.decisions_considered:
        lines.append(f"    considered {considered.decision_no}: {considered.resolved}")
    return lines


def _entry_lines(entry: ForwardPlanEntry) -> list[str]:
    key = {True: "yes", False: "no", None: "not stated"}[entry.key_decision]
    urgency = entry.urgency
    route = urgency.route.replace("_", " ")
    if urgency.route != "none":
        route += f" (reason {urgency.reason}; notice {urgency.notice_date or '-'}; agreed by {urgency.agreed_by or '-'})"
    paragraphs = ", ".join(str(number) for number in entry.exempt.paragraphs)
    exempt = entry.exempt.status + (f" (paragraph {paragraphs})" if paragraphs else "")
    return [
        f"  Forward plan entry {entry.decision_no or '(no reference)'}: {entry.title or '(no title)'}",
        f"    lines {entry.lines[0]}-{entry.lines[1]}; key decision: {key}",
        f"    decision maker: {entry.decision_maker or '-'}",
        f"    first published: {entry.first_published or '-'}; decision due: {entry.decision_due or '-'}",
        f"    documents: {entry.documents_field}; contact: {entry.contact or '-'}",
        f"    urgency: {route}; private: {exempt}",
    ]


def render_text(papers: list[ParsedPaper]) -> str:
    out: list[str] = []
    for paper in papers:
        entries = f", {len(paper.forward_plan_entries)} forward plan entries" if paper.forward_plan_entries else ""
        out.append(f"{paper.source}: {len(paper.documents)} documents, {len(paper.decisions)} decisions, {len(paper.meetings)} meetings{entries}")
        for document in paper.documents:
            number = f" [{document.decision_no}]" if document.decision_no else ""
            out.append(f"  {document.line_start:>5}-{document.line_end:<5} {document.kind:<28} {document.title or ''}{number}")
        for decision in paper.decisions:
            out.extend(_decision_lines(decision))
        for meeting in paper.meetings:
            out.extend(_meeting_lines(meeting))
        for entry in paper.forward_plan_entries:
            out.extend(_entry_lines(entry))
        out.append("")
    return "\n".join(out)
