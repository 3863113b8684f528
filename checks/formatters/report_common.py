"""Wording shared by the human-readable report formats (HTML and markdown), so they agree."""
from __future__ import annotations

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
