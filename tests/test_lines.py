"""The line model: cleaned text for matching, source line numbers kept."""
from __future__ import annotations

from pathlib import Path

import pytest

from govlint.engine.reading.lines import clean_text, paper_from_text

FIXTURES = Path(__file__).parent / "fixtures"


def texts(content: str) -> list[tuple[int, str]]:
    return [(line.number, line.text) for line in paper_from_text("t.txt", content).lines]


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("## Financial Implications", "Financial Implications"),
        ("**Key decision:** Yes", "Key decision: Yes"),
        ("__Subject:__ Day services", "Subject: Day services"),
        ("Who have you involved, consulted and engaged with? Page 19", "Who have you involved, consulted and engaged with?"),
        ("existing out of Page 41 ", "existing out of"),
        ("Page 37", ""),
        ("  Agenda Item 9 ", ""),
        ("Mr  A\u00a0Smith\t(Chairman) ", "Mr A Smith (Chairman)"),
        # A bare number is kept: a wrapped year or the pence of an amount, not a page number.
        ("2020 ", "2020"),
        ("00", "00"),
        ("#AI36819 ", "#AI36819"),
    ],
)
def test_clean_text(raw: str, text: str) -> None:
    assert clean_text(raw) == text


def test_line_numbers_are_those_of_the_source() -> None:
    content = "first\r\nPage 3\r\n\r\nfourth\fstill fourth\nfifth\n"
    assert texts(content) == [(1, "first"), (2, ""), (3, ""), (4, "fourth still fourth"), (5, "fifth")]


def test_raw_is_kept_for_evidence() -> None:
    line = paper_from_text("t.txt", "**Decision:** As Cabinet Member Page 4\n").line(1)
    assert (line.number, line.raw, line.text, line.location) == (1, "**Decision:** As Cabinet Member Page 4", "Decision: As Cabinet Member", None)


def test_page_number_split_over_two_lines_is_furniture() -> None:
    content = "services in the community.\nP\nage 26\n\nDecision: approve\n"
    assert texts(content) == [(1, "services in the community."), (2, ""), (3, ""), (4, ""), (5, "Decision: approve")]


def test_every_page_number_split_over_two_lines_is_furniture() -> None:
    # Counted on from one break to the next: each page's pair is found at its own lines.
    pages = ["Paragraph {n} of the report.\nP\nage {n}\n".format(n=n) for n in range(1, 40)]
    found = texts("".join(pages))
    assert [text for _, text in found] == [text for n in range(1, 40) for text in (f"Paragraph {n} of the report.", "", "")]


def test_lone_p_or_age_is_content() -> None:
    # Letters of a vertical table heading ("C", "E", "P", "R", "O"), and an age in a table.
    assert texts("C\nE\nP\nR\nage 26 and over\n") == [(1, "C"), (2, "E"), (3, "P"), (4, "R"), (5, "age 26 and over")]


def test_empty_content_is_an_empty_paper() -> None:
    assert paper_from_text("t.txt", "").lines == ()


@pytest.fixture(scope="module")
def paper():
    return paper_from_text("two-column-rod.txt", (FIXTURES / "two-column-rod.txt").read_text(encoding="utf-8"))


class TestTwoColumnForm:
    def test_columns_read_left_then_right_with_cut_words_rejoined(self, paper) -> None:
        block = [(line.number, line.location, line.text) for line in paper.lines if line.location]
        assert block == [
            (3, "column 1", "DECISION TAKEN BY:"),
            (4, "column 1", "Cabinet Member"),
            (5, "column 1", "for Adult Social Care and"),
            (6, "column 1", "Public Health"),
            (7, "column 1", "Subject: Riverside Day Centre reprovision"),
            (8, "column 1", ""),
            (9, "column 1", "Key decision: Yes"),
            (10, "column 1", "Expenditure of more than £1m"),
            (3, "column 2", "DECISION NO:"),
            (4, "column 2", "24/00117"),
            (5, "column 2", "For publication: Yes"),
            (6, "column 2", "Electoral Division: Ashford Rural"),
            (7, "column 2", "East"),
            (8, "column 2", "Decision: As Cabinet Member, I agree to"),
            (9, "column 2", "APPROVE the move of day services to the Weybridge"),
            (10, "column 2", "Hub."),
        ]

    def test_each_cell_keeps_its_own_raw_text(self, paper) -> None:
        cells = [line.raw for line in paper.lines if line.number == 4]
        assert cells == ["Cabinet Mem", "24/00117"]

    def test_lines_outside_the_form_are_untouched(self, paper) -> None:
        assert paper.lines[0].text == "KENT COUNTY COUNCIL – RECORD OF DECISION"
        assert [line.number for line in paper.lines if not line.location] == [1, 2, *range(11, 20)]

    def test_line_lookup_by_number_gives_the_left_cell(self, paper) -> None:
        assert paper.line(4).text == "Cabinet Member"
        assert paper.line(12).text.startswith("Reason(s) for decision:")

    def test_a_span_of_source_lines_is_in_reading_order(self, paper) -> None:
        assert [(line.number, line.text) for line in paper.between(9, 12)] == [
            (9, "Key decision: Yes"),
            (10, "Expenditure of more than £1m"),
            (9, "APPROVE the move of day services to the Weybridge"),
            (10, "Hub."),
            (11, ""),
            (12, paper.line(12).text),
        ]
        assert [line.number for line in paper.between(0, 2)] == [1, 2]
        assert paper.between(18, 99)[-1].number == 19
        assert paper.between(5, 4) == ()

    def test_table_rows_with_no_flow_stay_rows(self, paper) -> None:
        assert [paper.line(16).text, paper.line(17).text] == ["Year 1: £400,000", "Year 2: £650,000"]

    def test_whole_words_at_the_edge_are_not_joined(self) -> None:
        # "and" is a word of the paper, and "Care " ends in a space (a soft wrap): neither is a cut.
        content = "support for carers and older people\nLeft and\tRight side\nolder people\tof the form\nCare \tmore\nhomes\tsit\n"
        left = [line.text for line in paper_from_text("t.txt", content).lines if line.location == "column 1"]
        assert left == ["Left and", "older people", "Care", "homes"]

    def test_a_single_tab_row_is_not_a_form(self) -> None:
        assert texts("Name:\tJane Doe\n") == [(1, "Name: Jane Doe")]
