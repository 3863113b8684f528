"""Inline SVG charts for the HTML report, drawn in Python: no script, no library, no fetch.

Each chart is an `<svg role="img">` with a <title> and a <desc> that carry its meaning in
words; the same figures are printed in a table beside it for screen readers and for print.
Sizes are in viewBox units, so a chart scales with the page and prints crisply.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from govlint.checks.formatters.report_common import percent

WIDTH = 720
_TRACK = 560  # the bar's full length (100%); the percentage is written to its right
_ROW = 44  # label line above a bar, then the bar
_BAR = 16


@dataclass(frozen=True)
class Bar:
    label: str
    share: float | None  # 0..1, None when nothing was counted
    note: str  # e.g. "9 of 11 decisions"
    kind: str = ""  # a CSS class for the bar's colour, e.g. the rule's severity
    href: str | None = None  # where the label links to, e.g. the rule's row in a table


def _svg(chart_id: str, title: str, desc: str, height: int, body: list[str]) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")


def _describe(bars: list[Bar], shown=percent) -> str:
    return "; ".join(f"{bar.label}: {shown(bar.share)} ({bar.note})" for bar in bars) + "."


def _classes(*names: str) -> str:
    return " ".join(name for name in names if name)


def bar_chart(chart_id: str, title: str, bars: list[Bar], shown=percent) -> Markup:
    """Horizontal bars, one per label, 0 to 100%; `shown` writes a share as a percentage."""
    body = []
    for index, bar in enumerate(bars):
        top = index * _ROW
        length = round(_TRACK * (bar.share or 0), 1)
        label = f'<text class="label" x="0" y="{top + 14}">{escape(bar.label)}</text>'
        body += [
            f'<a href="{escape(bar.href)}">{label}</a>' if bar.href else label,
            f'<rect class="track" x="0" y="{top + 20}" width="{_TRACK}" height="{_BAR}" rx="2"/>',
            f'<rect class="{_classes("bar", bar.kind)}" x="0" y="{top + 20}" width="{length}" height="{_BAR}" rx="2"/>',
            f'<text class="value" x="{_TRACK + 10}" y="{top + 33}">{shown(bar.share)}'
            f'<tspan class="note"> {escape(bar.note)}</tspan></text>',
        ]
    return _svg(chart_id, title, _describe(bars, shown), max(len(bars), 1) * _ROW + 4, body)


_PLOT_TOP, _PLOT_HEIGHT, _AXIS = 16, 200, 44  # axis: room for percent labels left of the plot
_ROOMY = 64  # the narrowest column whose label and note fit under it


def trend_chart(chart_id: str, title: str, bars: list[Bar]) -> Markup:
    """Columns over time (one per quarter) with a line through their tops, 0 to 100%."""
    slot = (WIDTH - _AXIS) / max(len(bars), 1)
    width = min(slot * 0.6, 60)
    base = _PLOT_TOP + _PLOT_HEIGHT
    body = []
    for tick in (0, 25, 50, 75, 100):
        y = base - _PLOT_HEIGHT * tick / 100
        body += [
            f'<line class="grid" x1="{_AXIS}" x2="{WIDTH}" y1="{y:.1f}" y2="{y:.1f}"/>',
            f'<text class="axis" x="{_AXIS - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}%</text>',
        ]
    # Too many columns for every label to fit: name the first column and each year's first
    # quarter, and leave the notes to the table beside the chart.
    crowded = slot < _ROOMY
    runs: list[list[str]] = [[]]  # the line's stretches, broken where a quarter has nothing
    labels = []
    for index, bar in enumerate(bars):
        centre = _AXIS + slot * (index + 0.5)
        if not crowded:
            labels += [
                f'<text class="label" x="{centre:.1f}" y="{base + 18}" text-anchor="middle">{escape(bar.label)}</text>',
                f'<text class="note" x="{centre:.1f}" y="{base + 34}" text-anchor="middle">{escape(bar.note)}</text>',
            ]
        elif bar.label.endswith(" Q1") or (index == 0 and slot * ((5 - int(bar.label[-1])) % 4) > 40):
            # Each year at the edge where it starts; a series that starts within a year names
            # that year at its first column, when there is room before the next year's label.
            start = centre - slot / 2
            text = bar.label[:-3]
            anchor = ' text-anchor="end"' if start + 8 * len(text) > WIDTH else ""
            labels.append(f'<text class="label" x="{WIDTH if anchor else start:.1f}" y="{base + 18}"{anchor}>{escape(text)}</text>')
            body.append(f'<line class="tick" x1="{start:.1f}" x2="{start:.1f}" y1="{base}" y2="{base + 6}"/>')
        if bar.share is None:
            # A quarter with no decision is shaded, so the eye sees the gap in the series.
            body.append(f'<rect class="nodata" x="{centre - slot / 2:.1f}" y="{_PLOT_TOP}" width="{slot:.1f}" height="{_PLOT_HEIGHT}"/>')
            runs.append([])
            continue
        height = _PLOT_HEIGHT * bar.share
        runs[-1].append(f"{centre:.1f},{base - height:.1f}")
        # A 0% column is drawn as a mark on the axis, so that it reads as nothing passed, not as no data.
        drawn = max(height, 3)
        body.append(f'<rect class="{_classes("bar", "zero" if not bar.share else "")}" x="{centre - width / 2:.1f}" y="{base - drawn:.1f}" width="{width:.1f}" height="{drawn:.1f}"/>')
        if not crowded or bar.share:
            labels.append(f'<text class="value" x="{centre:.1f}" y="{base - drawn - 6:.1f}" text-anchor="middle">{percent(bar.share)}</text>')
    body += [f'<polyline class="trend" points="{" ".join(run)}"/>' for run in runs if len(run) > 1]
    # Labels last, so that the trend line passes under them rather than through them.
    return _svg(chart_id, title, _describe(bars), base + 44, body + labels)
