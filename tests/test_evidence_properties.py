"""Property: whatever the layout of a record, every value the reader reports quotes the lines
it names (the procedure fields too: reasons, call-in, forward plan, exempt information, urgency). Records are generated from labels, values and layouts (label and value on a line,
the value under its label, TAB rows, pipe rows), in any order, with noise lines between."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govlint.engine.extraction.paper import parse_paper
from govlint.engine.reading.lines import paper_from_text

FIELDS = {
    "Decision reference": ["AB/2026/014", "XY-2026-3", "To be allocated"],
    "Title": ["Library Opening Hours", "Bridge Repairs at Mill Lane"],
    "Decision maker": ["Cabinet", "Councillor A Khan, Cabinet Member for Housing", ""],
    "Key decision": ["Yes - expenditure over £500,000", "No", "Yes", ""],
    "Wards affected": ["All", "Abbey; Castle", ""],
    "Decision": ["To approve the scheme at a cost of £1,200,000.", ""],
    "Financial implications": ["£1,200,000 from the capital programme.", "None.", ""],
    "Equality implications": ["An Equality Impact Assessment has been completed.", "N/A", ""],
    "Data protection implications": ["A DPIA is not required.", "A DPIA is in progress.", ""],
    "Consultation": ["The Place Scrutiny Panel considered it on 3 March 2026.", ""],
    "Alternative options considered": ["Do nothing: rejected.", "None", ""],
    "Conflicts of interest declared": ["None", "Councillor B Lee declared an interest and left.", ""],
    "Date of decision": ["17 March 2026", ""],
    "Reasons for decision": ["The bridge deck is failing.", ""],
    "Legal implications": ["Section 41 of the Highways Act 1980.", "None.", ""],
    "Forward Plan reference": ["FP/2026/012", "Not applicable", ""],
    "Exempt information": ["No", "Exempt under paragraph 3 of Schedule 12A.", ""],
    "Subject to call-in": ["Yes", "No", ""],
    "Reason for urgency": ["The grant closes on 31 March 2026.", ""],
}
NOISE = ["", "Page 2", "Some text between the fields.", "---------------------------"]


def render(label: str, value: str, style: str) -> list[str]:
    if style == "inline":
        return [f"{label}: {value}".rstrip()]
    if style == "above":
        return [f"{label}:", value]
    if style == "tab":
        return [f"{label}\t{value}"]
    return [f"| {label} | {value} |"]


@st.composite
def records(draw):
    labels = draw(st.permutations(sorted(FIELDS)))
    lines = [draw(st.sampled_from(["RECORD OF DECISION", "DECISION RECORD", "RECORD OF OFFICER DECISION"])), ""]
    for label in labels:
        lines += render(label, draw(st.sampled_from(FIELDS[label])), draw(st.sampled_from(["inline", "above", "tab", "pipe"])))
        lines += draw(st.lists(st.sampled_from(NOISE), max_size=2))
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_every_evidence_quote_is_on_the_lines_it_names(text: str) -> None:
    paper = paper_from_text("record.txt", text)
    parsed = parse_paper(paper)
    for record in [*parsed.decisions, parsed.reading]:
        for name, evidence in record.evidence.items():
            assert 1 <= evidence.line <= evidence.end_line <= max(line.number for line in paper.lines), (name, evidence)
            quoted = " ".join(" ".join(line.raw for line in paper.between(evidence.line, evidence.end_line)).split())
            assert " ".join(evidence.text.split()) and " ".join(evidence.text.split()[:3]) in quoted, (name, evidence, quoted)
