"""Wording shared by the human-readable report formats (HTML and markdown), so they agree."""
from __future__ import annotations

import math
import os
from datetime import date, datetime, timezone

from govlint.checks.formatters.findings_text import plural

GAP_DEFINITION = (
    "A gap is a finding of severity error or warning on a decision that no unexpired waiver covers. "
    "Info findings are notes for the author and are not gaps. A rule's compliance rate is the share of "
    "the decisions it applies to (by kind, stage and the dates the rule is in force) that have no gap for it."
)
DATE_DEFINITION = (
    "A decision is dated by its decision date, else the date of the committee meeting it was to go to, "
    "else the date of minutes that record considering it; quarters are calendar quarters."
)
WAIVER_STATES = {
    "in use": "in use",
    "expired": "expired: the gap counts again",
    "matched nothing": "matched no finding: remove it or correct it",
}


def percent(share: float | None) -> str:
    """Whole percent, rounded down so that 99.6% with one gap left never reads as 100%."""
    return "–" if share is None else f"{int(share * 100)}%"


def gap_percent(share: float | None) -> str:
    """Whole percent of decisions with a gap, rounded up so that one gap in 300 never reads as 0%."""
    # Rounded to 9 places first: 7/100 is 7.000000000000001 in floating point, not 8%.
    return "–" if share is None else f"{math.ceil(round(share * 100, 9))}%"


def long_date(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "–"


def generated_on() -> date:
    """The day the report is made: SOURCE_DATE_EPOCH when it is set (reproducible builds,
    https://reproducible-builds.org/specs/source-date-epoch/), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return datetime.fromtimestamp(int(epoch), timezone.utc).date() if epoch.isdigit() else date.today()


def verdict_text(headline) -> str:
    """The verdict in one sentence, errors and warnings apart, as the page and the summary lead with it."""
    open_gaps = f"{plural(headline.errors, 'error')} and {plural(headline.warnings, 'warning')} open"
    unread = f"; {plural(headline.unreadable, 'paper')} could not be read and {'is' if headline.unreadable == 1 else 'are'} not counted" if headline.unreadable else ""
    said = {
        "fail": f"Does not comply: {open_gaps}",
        "warn": f"Complies, with warnings: {open_gaps}",
        "pass": "Complies: no open error or warning",
    }
    return said[headline.verdict] + unread
