"""The layout normalisers, one input shape each, on small papers written for these tests.

Each fixture in tests/fixtures/normalisers/ holds one shape (pipe tables, TAB rows, a
two-column form with a cut heading, tick boxes, words split by print); Word and PDF papers are
built here with tests/paper_builder.py.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from govlint.engine.reading.checkboxes import ticked_only
from govlint.engine.reading.files import read_paper
from govlint.engine.reading.form_rows import as_label, row_lines, row_text
from govlint.engine.reading.furniture import page_furniture
from govlint.engine.reading.lines import paper_from_text
from govlint.engine.reading.markdown import pipe_row_text
from govlint.engine.reading.words import rejoin_split_words
from govlint.engine.reading.pdf_columns import Cell, reading_order
from tests.paper_builder import write_docx_table, write_pdf_form_header, write_pdf_pages, write_pdf_table

FIXTURES = Path(__file__).parent / "fixtures" / "normalisers"


def texts(path: Path, **options) -> dict[int, str]:
    """Text by line number (the left cell's, for a two-column row)."""
    found: dict[int, str] = {}
    for line in read_paper(path, **options).lines:
        found.setdefault(line.number, line.text)
    return found


class TestLabels:
    @pytest.mark.parametrize("cell", ["Key decision", "Ward(s) affected", "Decision maker:", "Dispensation granted by the Head of Paid Service (reference and period)"])
    def test_short_names_are_labels(self, cell: str) -> None:
        assert as_label(cell) == cell.rstrip(":") + ":"

    @pytest.mark.parametrize("cell", ["The car park is full by 10am.", "2031/32", "", "Up to 1 hour, then,", "Approved. Signed by the Leader"])
    def test_sentences_numbers_and_blanks_are_not(self, cell: str) -> None:
        assert as_label(cell) is None

    def test_row_of_two_with_a_label(self) -> None:
        assert row_text(["Key decision", "No"]) == "Key decision: No"
        assert row_text(["Key decision:", "No"]) == "Key decision: No"

    def test_blank_value_keeps_the_label_alone(self) -> None:
        assert row_text(["Interests declared", ""]) == "Interests declared:"

    def test_wider_rows_keep_every_cell(self) -> None:
        assert row_text(["Year", "", "£8,000"]) == "Year | £8,000"

    def test_word_row_joins_label_to_first_line_of_value_and_keeps_raw(self) -> None:
        assert row_lines([["Any interest declared when the decision was taken and any", "dispensation granted by the Proper Officer:"], ["None", "Signed"]]) == [
            ("Any interest declared when the decision was taken and any dispensation granted by the Proper Officer: None",
             "Any interest declared when the decision was taken and any dispensation granted by the Proper Officer: None"),
            ("Signed", "Signed"),
        ]
        assert row_lines([["Key decision"], ["Yes"]]) == [("Key decision Yes", "Key decision: Yes")]
        assert row_lines([["Alternatives"], []]) == [("Alternatives", "Alternatives:")]


class TestMarkdown:
    def test_pipe_rows(self) -> None:
        assert pipe_row_text("| Decision maker | Director of Place |") == "Decision maker: Director of Place"
        assert pipe_row_text("|:---|---:|") == ""
        assert pipe_row_text(" | a | b | c |") == "a | b | c"

    def test_fixture(self) -> None:
        found = texts(FIXTURES / "pipe_table.md")
        assert found[1] == "Record of an officer decision"
        assert found[3] == "Decision reference: ODR/2031/07"
        assert found[6] == ""  # the separator row
        assert [found[n] for n in (7, 8, 9, 10)] == [
            "Decision maker: Director of Place",
            "Key decision: No",
            "Wards affected: Northgate, Riverside",
            "Alternatives considered:",
        ]
        assert found[11] == "Notes on the | pipe: Kept inside the cell"
        assert [found[13], found[15]] == ["Year | Capital | Revenue", "2031/32 | £120,000 | £8,000"]
        assert found[17] == "Reasons"


class TestTabRows:
    def test_fixture(self) -> None:
        found = texts(FIXTURES / "tab_rows.txt")
        assert [found[n] for n in range(3, 10)] == [
            "Reference: PH-31-004",
            "Decision maker: Councillor Ada Penhallow",
            "Subject: Library opening hours",
            "Key decision: No",
            "Interests declared:",
            "Decision: To extend opening hours at the",
            "town library to 8pm on Thursdays.",
        ]
        assert [found[11], found[12]] == ["Branch | Now | From May", "Town | 6pm | 8pm"]

    def test_rows_are_not_read_as_columns_when_only_a_value_wraps(self) -> None:
        paper = paper_from_text("t.txt", "Reference\tPH-31-004\nStatus\tnot yet decided\nDecision maker\tLeader\n")
        assert [line.location for line in paper.lines] == [None, None, None]
        assert paper.line(2).text == "Status: not yet decided"

    def test_a_flowing_left_column_is_a_two_column_form(self) -> None:
        paper = paper_from_text("t.txt", "The Cabinet agreed to the \tKey decision: Yes\nproposal in full.\tWards: All\n")
        assert [(line.text, line.location) for line in paper.lines] == [
            ("The Cabinet agreed to the", "column 1"),
            ("proposal in full.", "column 1"),
            ("Key decision: Yes", "column 2"),
            ("Wards: All", "column 2"),
        ]


class TestTwoColumnForm:
    @pytest.fixture
    def paper(self):
        return read_paper(FIXTURES / "two_column_cut_heading.txt")

    def test_heading_cut_across_columns_is_read_whole_in_its_place(self, paper) -> None:
        assert paper.lines[1].text == "PROPOSED RECORD OF DECISION"
        assert paper.lines[1].raw == "PROPOSED REC\tORD OF DECISION"

    def test_columns_below_the_heading_are_read_one_after_the_other(self, paper) -> None:
        column = [(line.number, line.text) for line in paper.lines if line.location == "column 1"]
        assert column == [(3, "DECISION TO BE TAKEN BY:"), (4, "Portfolio Holder"), (5, "for Housing"),
                          (6, "Subject: Temporary accommodation"), (7, "framework")]
        right = [line.text for line in paper.lines if line.location == "column 2"]
        assert right == ["DECISION NO:", "WDC/31/118", "Key decision: Yes", "The decision will commit", "spending above the threshold."]

    def test_a_row_of_two_words_of_the_paper_is_not_a_cut_heading(self) -> None:
        paper = paper_from_text("t.txt", "KEY DECISION\tNO\nThe decision is not a key decision, no.\n")
        assert paper.line(1).text == "KEY DECISION: NO"


class TestSpacedColumns:
    def test_header_labels_each_take_the_value_below_them(self) -> None:
        paper = read_paper(FIXTURES / "spaced_header.txt")
        columns = [(line.number, line.text, line.location) for line in paper.lines if line.location]
        assert columns[:4] == [
            (3, "DECISION TAKEN BY:", "column 1"),
            (5, "Portfolio Holder for Housing", "column 1"),
            (3, "DECISION NO:", "column 2"),
            (5, "WDC/31/118", "column 2"),
        ]

    def test_one_label_and_its_value_stay_one_line(self) -> None:
        assert read_paper(FIXTURES / "spaced_header.txt").line(7).text == "Subject: Temporary accommodation framework"

    def test_two_fields_on_one_line_are_read_apart(self) -> None:
        paper = read_paper(FIXTURES / "spaced_header.txt")
        assert [(line.raw, line.text) for line in paper.lines if line.number == 9] == [
            ("Signed:   R Okafor", "Signed: R Okafor"),
            ("Date:  3 March 2031", "Date: 3 March 2031"),
        ]

    def test_a_header_without_a_value_row_is_left_as_printed(self) -> None:
        paper = paper_from_text("t.txt", "DECISION TAKEN BY:      DECISION NO:\nKey decision: No\n")
        assert [line.location for line in paper.lines] == [None, None]


class TestTickBoxes:
    def test_only_ticked_options_count(self) -> None:
        assert ticked_only("Key decision reason: ☒ Spending over £750,000  ☐ Two or more divisions") == "Key decision reason: Spending over £750,000"
        assert ticked_only("☐ Yes ☐ No") == ""
        assert ticked_only("Consulted ✓") == "Consulted"
        assert ticked_only("No boxes [here] at all") == "No boxes [here] at all"

    def test_fixture(self) -> None:
        found = texts(FIXTURES / "tick_boxes.txt")
        assert found[1] == "Equality impact assessment: Screened out, no full assessment needed"
        assert found[2] == "Consultation: Ward members; Scrutiny panel"
        assert [found[3], found[4], found[5]] == ["Key decision criteria:", "", "Affects two or more wards"]
        assert found[6] == "Call-in:"

    def test_raw_keeps_every_option(self) -> None:
        paper = read_paper(FIXTURES / "tick_boxes.txt")
        assert paper.line(4).raw == "☐ Spending over £500,000"


class TestSplitWords:
    def test_fixture(self) -> None:
        found = texts(FIXTURES / "split_words.txt")
        assert found[3] == "12. Declarations of Interest"
        assert found[6] == "DECLARATIONS OF INTEREST"
        assert found[7] == "Option B is preferred to Option C."
        assert found[8] == "A report was received."

    def test_a_split_the_paper_does_not_vouch_for_stays(self) -> None:
        # "Ddetail" is no word of this paper, and "A B C D" joins to none.
        assert rejoin_split_words(["D etail of the options", "Options A B C D"]) == ["D etail of the options", "Options A B C D"]


class TestExtraFurniture:
    def test_caller_patterns_empty_whole_lines_only(self, tmp_path: Path) -> None:
        path = tmp_path / "paper.txt"
        path.write_text("Decision: approve\nForm W/31 rev 2\nForm W/31 rev 2 was used\n", encoding="utf-8")
        found = texts(path, furniture=(re.compile(r"Form W/\d+ rev \d+"),))
        assert found == {1: "Decision: approve", 2: "", 3: "Form W/31 rev 2 was used"}
        assert texts(path)[2] == "Form W/31 rev 2"


class TestWordRows:
    def test_table_rows_of_a_word_file(self, tmp_path: Path) -> None:
        path = write_docx_table(tmp_path / "form.docx", [
            ["Decision reference", "CAB/31/009"],
            ["Key decision", "☒ Yes\n☐ No"],
            ["Alternatives considered", ""],
            ["2031/32", "£120,000"],
        ], paragraphs_before=("Record of decision",))
        paper = read_paper(path)
        assert [(line.text, line.location) for line in paper.lines] == [
            ("Record of decision", "paragraph 1"),
            ("Decision reference: CAB/31/009", "table 1 row 1"),
            ("Key decision: Yes", "table 1 row 2"),
            ("", "table 1 row 2"),
            ("Alternatives considered:", "table 1 row 3"),
            ("2031/32", "table 1 row 4"),
            ("£120,000", "table 1 row 4"),
        ]
        assert paper.line(4).raw == "☐ No"


    def test_word_tick_boxes_of_every_kind_keep_the_ticked_option(self, tmp_path: Path) -> None:
        import docx
        from docx.oxml import parse_xml

        names = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
        control = ('<w:sdt {names}><w:sdtPr><w14:checkbox><w14:checked w14:val="{state}"/></w14:checkbox></w:sdtPr>'
                   '<w:sdtContent><w:r><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>')
        legacy = '<w:r {names}><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox><w:default w:val="{state}"/></w:checkBox></w:ffData></w:fldChar></w:r>'
        symbol = '<w:r {names}><w:sym w:font="Wingdings" w:char="{char}"/></w:r>'
        document = docx.Document()
        for label, (ticked, unticked) in {
            "Key decision: ": (control.format(names=names, state=1, glyph="☒"), control.format(names=names, state=0, glyph="☐")),
            "Consulted: ": (legacy.format(names=names, state=1), legacy.format(names=names, state=0)),
            "Screened: ": (symbol.format(names=names, char="F0FE"), symbol.format(names=names, char="F0A8")),
        }.items():
            paragraph = document.add_paragraph(label)
            paragraph._p.append(parse_xml(unticked))
            paragraph.add_run(" first option ")
            paragraph._p.append(parse_xml(ticked))
            paragraph.add_run(" second option")
        document.save(str(tmp_path / "boxes.docx"))
        assert [line.text for line in read_paper(tmp_path / "boxes.docx").lines] == [
            "Key decision: second option", "Consulted: second option", "Screened: second option"]


    def test_a_row_of_labels_over_a_row_of_values_is_read_label_by_label(self, tmp_path: Path) -> None:
        rows = [["DECISION TAKEN BY:", "DECISION NO:"], ["Portfolio Holder for Housing", "WDC/31/118"], ["Key decision:", "Yes"]]
        expected = ["DECISION TAKEN BY:", "Portfolio Holder for Housing", "DECISION NO:", "WDC/31/118", "Key decision: Yes"]
        word = read_paper(write_docx_table(tmp_path / "h.docx", rows))
        assert [(line.text, line.location) for line in word.lines] == list(zip(expected, ["table 1 row 1", "table 1 row 2", "table 1 row 1", "table 1 row 2", "table 1 row 3"]))
        pdf = read_paper(write_pdf_table(tmp_path / "h.pdf", rows))
        assert [line.text for line in pdf.lines] == expected

    def test_two_labels_side_by_side_are_not_a_label_and_its_value(self) -> None:
        assert row_lines([["Signed:"], ["Date:"]]) == [("Signed:", "Signed:"), ("Date:", "Date:")]


class TestPdfFurniture:
    BODY = [["Decision: approve the scheme", "Reasons: the bridge needs repair"], ["Alternatives: none", "Interests: none"], ["Signed: J Carr"]]

    def test_running_footer_with_the_page_number_is_furniture(self, tmp_path: Path) -> None:
        paper = read_paper(write_pdf_pages(tmp_path / "p.pdf", self.BODY, footer="01/forms/Form W {page}"))
        assert [line.text for line in paper.lines if line.text] == [text for page in self.BODY for text in page]
        assert [line.raw for line in paper.lines if not line.text] == ["01/forms/Form W 1", "01/forms/Form W 2", "01/forms/Form W 3"]

    def test_bare_page_numbers_and_page_n_of_m_are_furniture(self, tmp_path: Path) -> None:
        paper = read_paper(write_pdf_pages(tmp_path / "p.pdf", self.BODY, header="{page}", footer="Page {page} of 3"))
        assert [line.text for line in paper.lines if line.text] == [text for page in self.BODY for text in page]

    def test_a_number_at_the_foot_of_one_page_is_content(self) -> None:
        pages = [["Total spend", "2024"], ["Decision: approve"]]
        assert page_furniture(pages) == set()

    def test_page_numbers_of_a_pack_step_with_the_pages(self) -> None:
        # The paper starts on page 3 of its pack: its own numbers run two behind.
        pages = [["Cover"], ["Blank"], ["Decision", "1"], ["Reasons", "2"], ["Interests", "3"]]
        assert page_furniture(pages) == {(2, 1), (3, 1), (4, 1)}

    def test_a_heading_that_happens_to_end_with_the_page_number_is_content(self) -> None:
        body = ["The scheme costs", "less than last year", "and saves staff time."]
        pages = [["Decision", *body], ["Appendix 2", *body], ["Interests", *body]]
        assert page_furniture(pages) == set()

    def test_a_recurring_line_without_digits_is_content(self) -> None:
        pages = [["Not Applicable", "Age"], ["Not Applicable", "Disability"], ["Not Applicable", "Sex"]]
        assert page_furniture(pages) == set()


class TestPdfColumns:
    def test_values_are_read_under_their_labels(self, tmp_path: Path) -> None:
        path = write_pdf_form_header(tmp_path / "h.pdf", ["DECISION TAKEN BY:", "DECISION NO:"], [["Portfolio Holder", "for Housing"], ["WDC/31/118"]],
                                     body=("For publication, with the reasons set out in the report to the Cabinet of March 2031",))
        paper = read_paper(path)
        assert [(line.text, line.location) for line in paper.lines] == [
            ("DECISION TAKEN BY:", "page 1 line 1 column 1"),
            ("Portfolio Holder", "page 1 line 3 column 1"),
            ("for Housing", "page 1 line 4 column 1"),
            ("DECISION NO:", "page 1 line 1 column 2"),
            ("WDC/31/118", "page 1 line 2 column 2"),
            ("For publication, with the reasons set out in the report to the Cabinet of March 2031", "page 1 line 5"),
        ]
        assert [line.number for line in paper.lines] == [1, 3, 4, 1, 2, 5]

    def test_a_wide_line_ends_the_header(self) -> None:
        rows = [[Cell("Decision maker:", 100, 190), Cell("Reference:", 400, 460)], [Cell("Leader", 100, 140)],
                [Cell("The Leader agreed the scheme set out in the report", 100, 520)], [Cell("CAB/31/2", 400, 450)]]
        assert reading_order(rows) == [(0, 0, 0), (1, 0, 0), (0, 1, 1), (2, None, None), (3, None, None)]

    def test_labels_without_values_below_are_read_as_printed(self) -> None:
        rows = [[Cell("Signed:", 100, 140), Cell("Date:", 400, 430)], None]
        assert reading_order(rows) == [(0, None, None), (1, None, None)]
