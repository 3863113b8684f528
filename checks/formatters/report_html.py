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
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined

from govlint.checks.formatters.report_charts import Bar, bar_chart, trend_chart
from govlint.checks.formatters.report_common import DATE_DEFINITION, GAP_DEFINITION, WAIVER_STATES, percent
from govlint.engine import __version__
from govlint.engine.moderngov.manifest import source_address
from govlint.engine.report.summary import UNDATED, ComplianceReport, Group, evidence_ref


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
    env.filters["evidence_ref"] = evidence_ref
    return env


def _group_bars(groups: tuple[Group, ...]) -> list[Bar]:
    return [Bar(group.label, group.compliance, f"{group.decisions - group.with_gaps} of {group.decisions}") for group in groups]


def _charts(report: ComplianceReport) -> dict:
    dated = [group for group in report.by_quarter if group.label != UNDATED]
    return {
        "rules": bar_chart(
            "chart-rules",
            "Compliance rate per rule",
            [Bar(rate.rule.title, rate.compliance, f"{rate.applicable - rate.gaps} of {rate.applicable}") for rate in report.rules if rate.applicable],
        ),
        "trend": trend_chart(
            "chart-trend",
            "Share of decisions without a gap, per quarter",
            [Bar(group.label, group.compliance, f"{group.decisions} decided") for group in dated],
        ) if dated else None,
        "makers": bar_chart("chart-makers", "Share of decisions without a gap, by decision maker", _group_bars(report.by_decision_maker)),
        "committees": bar_chart("chart-committees", "Share of decisions without a gap, by committee", _group_bars(report.by_committee)),
    }


def _linker(output_dir: str):
    """Links to the papers: a fetched paper's address on the council's site, else the file."""

    @functools.cache
    def href(source: str) -> str:
        return source_address(source) or quote(os.path.relpath(os.path.abspath(source), os.path.abspath(output_dir)).replace(os.sep, "/"))

    return href


def render(report: ComplianceReport, output_dir: str) -> str:
    """The page; `output_dir` is where it will be written, for the evidence links."""
    template = _environment().get_template("report.html.j2")
    quarters = [group.label for group in report.by_quarter if group.label != UNDATED]
    return template.render(
        report=report,
        charts=_charts(report),
        period=f"{quarters[0]} to {quarters[-1]}" if quarters else "no dated decisions",
        href=_linker(output_dir),
        gap_definition=GAP_DEFINITION,
        date_definition=DATE_DEFINITION,
        waiver_states=WAIVER_STATES,
        version=__version__,
    )
