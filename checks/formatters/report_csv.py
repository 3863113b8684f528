"""`govlint report --format csv`: one row per decision and rule, for analysts' spreadsheets."""
from __future__ import annotations

import csv
import io

from govlint.engine.report.summary import ROW_COLUMNS, ComplianceReport, decision_rule_rows


def render(report: ComplianceReport, output_dir: str) -> str:
    """The report as a CSV; it holds no links, so where it is written (`output_dir`) does not change it."""
    out = io.StringIO()
    # "\r\n" line ends, as RFC 4180 and spreadsheet programs expect.
    writer = csv.DictWriter(out, fieldnames=ROW_COLUMNS)
    writer.writeheader()
    writer.writerows(decision_rule_rows(report))
    return out.getvalue()
