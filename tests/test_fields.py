"""Labelled fields: label variants, values on later lines, wrapped headings, blank vs absent."""
from __future__ import annotations

import pytest

from govlint.engine.extraction.fields import find_fields, state
from govlint.engine.profiles.labels import label
from govlint.engine.profiles.loader import load_profile
from govlint.engine.reading.lines import paper_from_text

NIL = load_profile("english-councils").words("answers", "nil")

NUMBER = label("number", ["decision no", "decision no.", "decision number"])
SUBJECT = label("subject", ["subject", "title of decision"])
ALTERNATIVES = label("alternatives", ["any alternatives considered", "any alternatives considered and rejected"])
INTERESTS = label(
    "interests",
    [
        "any interest declared when the decision was taken and any dispensation granted by the proper officer",
        "any interest declared when the decision was taken, and any dispensation granted by the proper officer",
    ],
)
FINANCIAL = label("financial", ["financial implications"])
LEGAL = label("legal", ["legal implications"])
LABELS = (NUMBER, SUBJECT, ALTERNATIVES, INTERESTS, FINANCIAL, LEGAL)


def fields_of(text: str):
    return find_fields(paper_from_text("form.txt", text).lines, LABELS)


@pytest.mark.parametrize("heading", ["Decision No:", "Decision no:", "Decision Number:", "DECISION NO:", "**Decision No:**"])
def test_number_label_variants_with_value_lines_below(heading):
    found = fields_of(f"{heading}\n\n24/00031\n\nSubject: Libraries\n")["number"]
    assert found.value == "24/00031"
    assert found.first_value_line().number == 3
    assert found.heading_evidence().line == 1


def test_value_on_the_heading_line():
    found = fields_of("Decision No: 23/00001 Page 4\nSubject: X\n")["number"]
    assert found.value == "23/00001"
    assert found.value_evidence().text == "Decision No: 23/00001 Page 4"


def test_wrapped_value_runs_to_the_next_heading():
    found = fields_of("Subject: LIBRARY VEHICLE\n\nFLEET REPLACEMENT\nDecision No: 24/00031\n")["subject"]
    assert found.value == "LIBRARY VEHICLE FLEET REPLACEMENT"
    assert (found.value_evidence().line, found.value_evidence().end_line) == (1, 3)


def test_wrapped_heading_is_not_content():
    text = (
        "Any interest declared when the decision was taken and any dispensation granted by the\n"
        "\n"
        "Proper Officer:\n"
        "\n"
        "Page 7\n"
    )
    found = fields_of(text)["interests"]
    assert (found.heading[0].number, found.heading[-1].number) == (1, 3)
    assert state(found, "recorded", NIL) == "blank"
    assert (found.heading_evidence().line, found.heading_evidence().end_line) == (1, 3)


def test_heading_on_one_line_with_comma_and_value_below():
    text = "Any interest declared when the decision was taken, and any dispensation granted by the Proper Officer:\nNone\n"
    found = fields_of(text)["interests"]
    assert state(found, "recorded", NIL) == "none"


@pytest.mark.parametrize(("value", "expected"), [("N/A", "none"), ("None.", "none"), ("Not applicable", "none"), ("Option B was rejected on cost.", "given")])
def test_state_of_a_filled_field(value, expected):
    found = fields_of(f"Any alternatives considered and rejected:\n{value}\nSubject: X\n")["alternatives"]
    assert state(found, "given", NIL) == expected


def test_blank_is_heading_with_only_furniture_and_dots_under_it():
    found = fields_of("Any alternatives considered:\n\nPage 3\n.............  ..........\n")["alternatives"]
    assert state(found, "given", NIL) == "blank"


def test_absent_when_there_is_no_heading():
    found = fields_of("Subject: X\nSome text\n")
    assert "alternatives" not in found
    assert state(found.get("alternatives"), "given", NIL) == "absent"


def test_numbered_section_heading_and_its_end():
    found = fields_of("4. Financial Implications\n4.1 It costs £5.\n5. Legal Implications\n5.1 None.\n")
    assert found["financial"].value == "4.1 It costs £5."
    assert found["legal"].value == "5.1 None."


def test_heading_needs_a_colon_or_line_end():
    # A sentence that starts with the label's words is not a heading.
    assert "subject" not in fields_of("Subject to approval the contract starts in May.\n")
