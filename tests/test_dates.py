"""Clear-days arithmetic (REQUIREMENTS 6.1): one helper, the worked checks, and the rules agreeing with it."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from govlint.engine.common.dates import clear_days, days_between
from govlint.engine.packs.model import DaysBetween
from govlint.engine.packs.reference import evaluate


@pytest.mark.parametrize(
    "published, decided, clear",
    [
        # REQUIREMENTS 6.1, worked: the KCC FED of 7 Oct 2025, "Not before 5 Nov 2025".
        (date(2025, 10, 7), date(2025, 11, 5), 28),
        # The 2 Sep 2025 FED's section heading "Not before 1 October 2025" ...
        (date(2025, 9, 2), date(2025, 10, 1), 28),
        # ... and its item lines "Not before 30th Sep 2025": one day short.
        (date(2025, 9, 2), date(2025, 9, 30), 27),
        # "Semi-urgent" entries: enough for reg 10's five, not for reg 9's 28.
        (date(2021, 11, 26), date(2021, 12, 6), 9),
        (date(2025, 10, 7), date(2025, 10, 15), 7),
        # Across a leap day.
        (date(2024, 2, 1), date(2024, 3, 1), 28),
        # Published the day before, or on the day: no clear day at all.
        (date(2025, 1, 1), date(2025, 1, 2), 0),
        (date(2025, 1, 1), date(2025, 1, 1), -1),
    ],
)
def test_clear_days_worked_checks(published, decided, clear):
    assert clear_days(published, decided) == clear


@pytest.mark.parametrize("published", [date(2025, 10, 7), date(2025, 12, 31), date(2024, 2, 14)])
def test_reg9_and_reg10_boundaries(published):
    # reg 9: decided >= published + 29 days; reg 10 / reg 5 second notice: decided >= notice + 6 days.
    assert clear_days(published, published + timedelta(days=29)) >= 28
    assert clear_days(published, published + timedelta(days=28)) < 28
    assert clear_days(published, published + timedelta(days=6)) >= 5
    assert clear_days(published, published + timedelta(days=5)) < 5


def test_days_between_counts_ordinary_days_without_clear():
    # A limit "within 28 days" (DPI notification) counts ordinary days.
    assert days_between(date(2025, 3, 1), date(2025, 3, 29)) == 28
    assert days_between(date(2025, 3, 1), date(2025, 3, 29), clear=True) == 27


@pytest.mark.parametrize("decided, meets", [("2025-11-05", True), ("2025-11-04", False)])
def test_rules_count_clear_days_with_the_same_helper(decided, meets):
    record = {"kind": "forward_plan_entry", "first_published": "2025-10-07", "decision_due": decided}
    condition = DaysBetween("first_published", "decision_due", "gte", 28, clear=True)
    assert evaluate(condition, record, {}, []) is meets
    assert meets is (clear_days(date(2025, 10, 7), date.fromisoformat(decided)) >= 28)


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("29 September 2020", ["2020-09-29"]),
        ("Tuesday, 29th September, 2020", ["2020-09-29"]),
        ("14-Jan-2026", ["2026-01-14"]),
        ("January 14, 2026", ["2026-01-14"]),
        ("Jan 14 2026", ["2026-01-14"]),
        ("2026-01-14", ["2026-01-14"]),
        ("14/01/2026 and 14.1.26", ["2026-01-14", "2026-01-14"]),
        ("signed 3 March, published 2026-03-05", ["2025-03-03", "2026-03-05"]),  # no year: the document's
        ("2026-13-45", []),  # no such day
        ("May 2026", []),  # a month is no date (first_day reads it as a period)
    ],
)
def test_dates_as_papers_print_them(text, dates):
    from govlint.engine.extraction.dates import find_dates

    assert [iso for iso, _, _ in find_dates(text, default_year=2025)] == dates
