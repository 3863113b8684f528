"""Amounts in pounds: units, numbers broken over lines, thresholds."""
from __future__ import annotations

import pytest

from govlint.engine.reading.lines import paper_from_text
from govlint.engine.extraction.money import amounts_in, distinct_pounds, parse_amount, pounds


def lines_of(text: str):
    return paper_from_text("money.txt", text).lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("about £1.2m in total", 1_200_000),
        ("around £4.7m of costs", 4_700_000),
        ("approximately £412m.", 412_000_000),
        ("£3,087,241.01", 3_087_241.01),
        ("£21,000 per annum", 21_000),
        ("a £250k grant", 250_000),
        ("£1.5 million", 1_500_000),
        ("£2,032894.77 transferred", 2_032_894.77),  # slipped comma group: digits still count
        ("£377,076.09BALANCE", 377_076.09),  # a table label glued on is not a unit
    ],
)
def test_parse_amount_in_pounds(text, expected):
    assert parse_amount(text) == expected


def test_no_amount():
    assert parse_amount("no money here, 2023-24") is None


def test_pounds_is_exact_to_the_penny():
    assert pounds("4.7", "m") == 4_700_000.0
    assert pounds("1,566,700.16") == 1_566_700.16


def test_amount_broken_after_the_point_takes_the_next_line():
    found = amounts_in(lines_of("£975,866.17 £980,000.\n00\n£990,000.00"))
    assert [a.pounds for a in found] == [975_866.17, 980_000, 990_000]
    assert (found[1].line, found[1].end_line) == (1, 2)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [("£1,231,840.", "75", 1_231_840.75), ("£1,235,00", "0.00", 1_235_000), ("£1,089,532.9", "6", 1_089_532.96)],
)
def test_amount_broken_inside_a_group_or_the_pence(first, second, expected):
    assert [a.pounds for a in amounts_in(lines_of(f"{first}\n\n{second}\n"))] == [expected]


def test_sentence_end_is_not_joined_to_the_next_sentence():
    found = amounts_in(lines_of("The grant is £980,000.\nThe rest is met from reserves."))
    assert [a.pounds for a in found] == [980_000]
    assert found[0].end_line == 1


@pytest.mark.parametrize(
    "text",
    [
        "Expenditure of more than £1m and affects more than two electoral divisions.",
        "currently defined by the Council as in excess of £1,000,000",
        "Total value exceeds £1m and impacts across more than two electoral divisions",
    ],
)
def test_key_decision_threshold_is_not_an_amount(text):
    assert amounts_in(lines_of(text)) == []


def test_threshold_skipped_but_real_amount_on_same_line_kept():
    found = amounts_in(lines_of("Spend of more than £1m: the contract is worth £1,000,000.00 a year."))
    assert [a.pounds for a in found] == [1_000_000]


def test_distinct_keeps_first_appearance_order():
    found = amounts_in(lines_of("£5 then £1,000,000.00\nand £5 again, £1m"))
    assert distinct_pounds(found) == [5, 1_000_000]
