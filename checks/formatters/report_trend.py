"""The report's section on what changed since the previous report (`report --store`).

The section is added to the report as written without a store, before a fixed mark of each
format (the first place it is found), rather than rendered with it: a report the store already
holds for the same inputs is written back from the store without being rendered again, and
only this section, made from the store's runs, changes between the two. The report without the
section is byte for byte the report written without a store, and a first report has none. The
report may come in pieces, as it is rendered: they pass through as they come, but for the few
characters a mark might start in.

- HTML: a section after the summary; Markdown: a section after the headline figures; JSON: a
  `since_previous_report` member, last. A CSV is one table of a row per decision and rule for
  spreadsheets, and gets none: `report --since RUN` lists the changes one a line.
"""
from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Iterable, Iterator

from govlint.checks.formatters.findings_text import plural
from govlint.engine.packs.model import SEVERITIES
from govlint.engine.store.store import RunFinding, Trend

# Findings listed of each kind (closed, new); the rest are counted.
SHOWN = 20
# Gaps are what the report counts as such (report_common.GAP_DEFINITION): info findings are notes.
_GAP_SEVERITIES = ("error", "warning")


def with_trend(pieces: str | Iterable[str], output_format: str, trend: Trend | None) -> Iterator[str]:
    """The report in `output_format` (its text, or its pieces in order) with the section on
    `trend` added (unchanged without one), in pieces; a fragment whose mark is not found ends it."""
    pieces = (pieces,) if isinstance(pieces, str) else pieces
    added = list(_ADDED[output_format](trend)) if trend is not None and output_format in _ADDED else []
    if not added:
        yield from pieces
        return
    held = ""
    for piece in pieces:
        if not added:
            yield piece
            continue
        held += piece
        while added and (at := held.find(added[0][0])) >= 0:
            yield held[:at] + added.pop(0)[1]
            held = held[at:]
        # All but what a mark could start in goes on.
        keep = len(added[0][0]) - 1 if added else 0
        if len(held) > keep:
            yield held[: len(held) - keep]
            held = held[len(held) - keep :]
    yield held
    yield from (fragment for _, fragment in added)


def without_trend(text: str, output_format: str) -> str:
    """`text` less the section `with_trend` added, if any: the report as written without a store."""
    for start, end, end_included in _CUT.get(output_format, ()):
        at = text.find(start)
        if at >= 0:
            stop = text.index(end, at + len(start))
            text = text[:at] + text[stop + len(end) if end_included else stop :]
    return text


def headline(trend: Trend) -> str:
    """One sentence: the gaps closed and new since the previous report run."""
    def gaps(findings: list[RunFinding]) -> int:
        return sum(f.severity in _GAP_SEVERITIES for f in findings)

    notes = Counter(kind for kind, findings in (("closed", trend.closed), ("new", trend.new)) for f in findings if f.severity not in _GAP_SEVERITIES)
    said = f"Since the previous report (run {trend.previous.id}, {_when(trend.previous.started_at)}): {plural(gaps(trend.closed), 'gap')} closed, {gaps(trend.new)} new"
    if notes:
        said += f"; info notes, which are not gaps: {notes['closed']} closed, {notes['new']} new"
    return said + "."


def by_rule(trend: Trend) -> list[tuple[str, str, int, int]]:
    """(pack/rule, severity, closed, new) for each rule and severity with a change, most severe first."""
    counts: Counter = Counter()
    for index, findings in enumerate((trend.closed, trend.new)):
        for f in findings:
            counts[(f"{f.pack_id}/{f.rule}", f.severity, index)] += 1
    rows = {(rule, severity) for rule, severity, _ in counts}
    return [
        (rule, severity, counts[(rule, severity, 0)], counts[(rule, severity, 1)])
        for rule, severity in sorted(rows, key=lambda row: (SEVERITIES.index(row[1]) if row[1] in SEVERITIES else len(SEVERITIES), row[0]))
    ]


def _when(started_at: str) -> str:
    """An ISO 8601 UTC time as `2026-12-01 02:00 UTC`."""
    return started_at[:16].replace("T", " ") + " UTC"


def _listed(findings: list[RunFinding]) -> tuple[list[RunFinding], int]:
    return findings[:SHOWN], max(0, len(findings) - SHOWN)


# HTML --------------------------------------------------------------------------------------


def _html(trend: Trend) -> list[tuple[str, str]]:
    e = html.escape
    parts = [
        '<section id="since-previous-report" aria-labelledby="since-previous-report-h">',
        '  <h2 id="since-previous-report-h">Since the previous report</h2>',
        f"  <p>{e(headline(trend))}</p>",
    ]
    rows = by_rule(trend)
    if rows:
        parts += [
            '  <table class="rules">',
            "    <caption>Findings closed and new, per rule and severity</caption>",
            '    <thead><tr><th scope="col">Rule</th><th scope="col">Severity</th><th scope="col" class="num">Closed</th><th scope="col" class="num">New</th></tr></thead>',
            "    <tbody>",
            *(f'      <tr><th scope="row">{e(rule)}</th><td><span class="severity {e(severity)}">{e(severity)}</span></td>'
              f'<td class="num">{closed}</td><td class="num">{new}</td></tr>' for rule, severity, closed, new in rows),
            "    </tbody>",
            "  </table>",
        ]
    for kind, findings in (("Closed", trend.closed), ("New", trend.new)):
        shown, more = _listed(findings)
        if not shown:
            continue
        parts.append(f"  <h3>{kind}</h3>")
        parts.append("  <ul>")
        parts += [f'    <li><code>{e(f.source)}:{f.line}</code> <span class="severity {e(f.severity)}">{e(f.severity)}</span> '
                  f"{e(f.pack_id)}/{e(f.rule)} [{e(f.record)}]: {e(f.message)}</li>" for f in shown]
        parts += [f"    <li>and {more} more (<code>govlint report --since {trend.previous.id}</code> lists them all)</li>"] if more else []
        parts.append("  </ul>")
    contents = '<li><a href="#since-previous-report">Since the previous report</a></li>\n    '
    return [
        ('<li><a href="#rules">', contents),
        ('<section id="rules"', "\n".join(parts) + "\n</section>\n\n"),
    ]


# Markdown ----------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _markdown(trend: Trend) -> list[tuple[str, str]]:
    lines = ["## Since the previous report", "", headline(trend), ""]
    rows = by_rule(trend)
    if rows:
        lines += ["| rule | severity | closed | new |", "|---|---|---:|---:|"]
        lines += [f"| `{rule}` | {severity} | {closed} | {new} |" for rule, severity, closed, new in rows] + [""]
    for kind, findings in (("Closed", trend.closed), ("New", trend.new)):
        shown, more = _listed(findings)
        if not shown:
            continue
        lines += [f"### {kind}", ""]
        lines += [f"- `{f.source}:{f.line}` **{f.severity}** `{f.pack_id}/{f.rule}` [{_cell(f.record)}]: {_cell(f.message)}" for f in shown]
        lines += [f"- and {more} more (`govlint report --since {trend.previous.id}` lists them all)"] if more else []
        lines.append("")
    return [("\n## Compliance per rule", "\n" + "\n".join(lines))]


# JSON --------------------------------------------------------------------------------------


def _json(trend: Trend) -> list[tuple[str, str]]:
    def finding(f: RunFinding) -> dict:
        return {"source": f.source, "line": f.line, "severity": f.severity, "pack": f.pack_id, "rule": f.rule, "record": f.record, "message": f.message}

    member = {
        "run": trend.previous.id,
        "started_at": trend.previous.started_at,
        "closed": len(trend.closed),
        "new": len(trend.new),
        "by_rule": [{"rule": rule, "severity": severity, "closed": closed, "new": new} for rule, severity, closed, new in by_rule(trend)],
        # Every one: a program reading the JSON counts and filters them itself.
        "closed_findings": [finding(f) for f in trend.closed],
        "new_findings": [finding(f) for f in trend.new],
    }
    indented = json.dumps(member, indent=2, ensure_ascii=False).replace("\n", "\n  ")
    # The report is one JSON object, indented: the first line that is a closing brace closes it,
    # and the member goes before it.
    return [("\n}", f',\n  "since_previous_report": {indented}')]


# Each format's fragments, in the order they go, each before the first place its mark is found.
_ADDED = {"html": _html, "markdown": _markdown, "json": _json}
# Where each fragment starts and ends, as `without_trend` cuts it: (start, end, end cut too).
_CUT = {
    "html": (('<li><a href="#since-previous-report">', "</li>\n    ", True), ('<section id="since-previous-report"', "</section>\n\n", True)),
    "markdown": (("## Since the previous report\n", "## Compliance per rule", False),),
    "json": ((',\n  "since_previous_report": ', "\n}", False),),
}
