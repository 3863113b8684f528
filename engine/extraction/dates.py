"""UK dates as papers write them, to ISO strings.

"29 September 2020", "Tuesday, 29th September, 2020", "29/09/2020" (day first), "6 July 2023";
a date with no year takes the year of the document it sits in (`default_year`). A period
("February 2026", "Not before 5 Nov 2025") is read as its first day (`first_day`).
"""
from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# "29 September 2020", "14-Jan-2026"; the year may be left to the document.
_WORDED = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?(?:\s+|-)(?P<month>{_MONTH})\.?,?(?:(?:\s+|-)(?P<year>(?:19|20)\d\d))?\b",
    re.IGNORECASE,
)
# "January 14, 2026", "Jan 14 2026": month first, only with its year.
_MONTH_FIRST = re.compile(rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
# "2026-01-14", as forms filled in by software print it.
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
_MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH})\.?,?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
_NUMERIC = re.compile(r"\b(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>(?:19|20)?\d\d)\b")


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str, default_year: int | None = None) -> list[tuple[str, int, int]]:
    """Every date in `text` as (iso, start, end) in order of appearance."""
    found: list[tuple[str, int, int]] = []
    # Tried in this order; a later form's match inside an earlier one's is part of it.
    for pattern in (_WORDED, _MONTH_FIRST, _ISO, _NUMERIC):
        for match in pattern.finditer(text):
            year = int(match["year"]) if match["year"] else default_year
            if year is None:
                continue
            month = match["month"]
            iso = _iso(year + 2000 if year < 100 else year, int(month) if month.isdigit() else MONTHS[month.lower()], int(match["day"]))
            if iso and not any(start <= match.start() < end or match.start() <= start < match.end() for _, start, end in found):
                found.append((iso, match.start(), match.end()))
    return sorted(found, key=lambda item: item[1])


def first_date(text: str, default_year: int | None = None) -> str | None:
    dates = find_dates(text, default_year)
    return dates[0][0] if dates else None


def first_day(text: str, default_year: int | None = None) -> str | None:
    """The first date in `text`, or the first day of the month it names first with no day
    ("February 2026"), whichever comes first."""
    dates = find_dates(text, default_year)
    months = [
        (_iso(int(match["year"]), MONTHS[match["month"].lower()], 1), match.start())
        for match in _MONTH_YEAR.finditer(text)
        if not any(start <= match.start() < end for _, start, end in dates)
    ]
    found = sorted([(iso, start) for iso, start, _ in dates] + months, key=lambda item: item[1])
    return found[0][0] if found else None
