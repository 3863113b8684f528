"""`govlint report --format html`: one self-contained page for a monitoring officer, fit to print.

Everything is inline (CSS, SVG charts drawn in Python); nothing runs and nothing is fetched,
so the file opens the same from a mail attachment, a share or a PDF printer. The only links
to the network are the legal sources' own addresses, printed after the link text on paper,
and the council's own address of each paper fetched from its site (`govlint fetch`). Other
evidence links are relative to the report file, so a report kept beside its papers opens them.
"""
from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined

from govlint.checks.formatters.report_charts import Bar, bar_chart, trend_chart
from govlint.checks.formatters.report_common import (
    DATE_DEFINITION,
    GAP_DEFINITION,
    WAIVER_STATES,
    gap_percent,
    generated_on,
    long_date,
    percent,
    verdict_text,
)
from govlint.checks.formatters.findings_text import related_label
from govlint.engine import __version__
from govlint.engine.moderngov.manifest import source_address
from govlint.engine.report.summary import UNDATED, ComplianceReport, Group, every_quarter, evidence_ref, rule_anchor

# A quote longer than this is folded under its first line: the gap is in the first few words,
# and an 18-line quote pushes the next decision off the screen (and the page).
FOLD_LINES, FOLD_CHARS = 3, 320
WORST_SHOWN = 5  # rules named on the first page


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("govlint.checks", "templates"),
        autoescape=True,  # every value (titles, quotes, file names) comes from the papers
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["percent"] = percent
    env.filters["gap_percent"] = gap_percent
    env.filters["evidence_ref"] = evidence_ref
    env.filters["related_label"] = related_label
    env.filters["long_date"] = long_date
    env.filters["rule_anchor"] = rule_anchor
    env.tests["long_quote"] = _long_quote
    return env


def _long_quote(text: str) -> bool:
    return text.count("\n") >= FOLD_LINES or len(text) > FOLD_CHARS


def _sources(report: ComplianceReport) -> list[tuple[str, str | None, list]]:
    """Each citation once, with the rules citing it, for the appendix: the page cites each
    source once rather than under every rule."""
    cited: dict[tuple[str, str | None], list] = {}
    for rate in sorted(report.rules, key=lambda rate: (rate.rule.pack_id, rate.rule.id)):
        for citation in rate.rule.citations:
            cited.setdefault((citation.text, citation.url), []).append(rate)
    return [(text, url, rates) for (text, url), rates in sorted(cited.items(), key=lambda item: item[0][0].casefold())]


def _group_bars(groups: tuple[Group, ...]) -> list[Bar]:
    return [Bar(group.label, group.compliance, f"{group.decisions - group.with_gaps} of {group.decisions}") for group in groups]


def _charts(report: ComplianceReport) -> dict:
    quarters = every_quarter(report.by_quarter)
    return {
        # Each rule is named by its gap, so its bar measures the gap: how many of the decisions
        # it applies to have it. A longer bar is worse, and the worst come first.
        "rules": bar_chart(
            "chart-rules",
            "Share of decisions with each gap, worst first",
            [
                Bar(rate.rule.title, rate.gap_rate, f"{rate.gaps} of {rate.applicable} decisions", rate.severity, f"#{rate.anchor}")
                for rate in report.rules
                if rate.applicable
            ],
            shown=gap_percent,
        ),
        "trend": trend_chart(
            "chart-trend",
            "Share of decisions without a gap, per quarter",
            [Bar(group.label, group.compliance, f"{group.decisions} decided" if group.decisions else "no decisions") for group in quarters],
        ) if quarters else None,
        "makers": bar_chart("chart-makers", "Share of decisions without a gap, by decision maker", _group_bars(report.by_decision_maker)),
        "committees": bar_chart("chart-committees", "Share of decisions without a gap, by committee", _group_bars(report.by_committee)),
    }


def _linker(output_dir: str):
    """Links to the papers: a fetched paper's address on the council's site, else the file."""

    @functools.cache
    def href(source: str) -> str:
        return source_address(source) or quote(os.path.relpath(os.path.abspath(source), os.path.abspath(output_dir)).replace(os.sep, "/"))

    return href


def chunks(report: ComplianceReport, output_dir: str) -> Iterator[str]:
    """The page as it is rendered, piece by piece; `output_dir` is where it will be written, for the evidence links."""
    template = _environment().get_template("report.html.j2")
    # Plain text: a piece may be Markup, which would escape any text added to it (the trend section).
    pieces = template.stream(
        report=report,
        charts=_charts(report),
        period=period(report),
        verdict=verdict_text(report.headline),
        worst=[rate for rate in report.rules if rate.gaps][:WORST_SHOWN],
        decision_labels={entry.anchor: entry.decision_no or "no number" for entry in report.decisions},
        sources=_sources(report),
        href=_linker(output_dir),
        gap_definition=GAP_DEFINITION,
        date_definition=DATE_DEFINITION,
        waiver_states=WAIVER_STATES,
        version=__version__,
        generated=generated_on(),
    )
    # A template's pieces are a few characters each: joined by Jinja in runs, each piece passed
    # on costs what a few hundred characters of rendering do.
    pieces.enable_buffering(_PIECES_JOINED)
    return (str(piece) for piece in pieces)


_PIECES_JOINED = 1024


def period(report: ComplianceReport) -> str:
    quarters = [group.label for group in report.by_quarter if group.label != UNDATED]
    return f"{quarters[0]} to {quarters[-1]}" if quarters else "no dated decisions"
