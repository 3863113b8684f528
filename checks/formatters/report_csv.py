"""`govlint report --format csv`: one row per decision and rule, for analysts' spreadsheets."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from govlint.engine.report.summary import ROW_COLUMNS, ComplianceReport, decision_rule_rows


def chunks(report: ComplianceReport, output_dir: str) -> Iterator[str]:
    """The report as a CSV, a row at a time; it holds no links, so where it is written
    (`output_dir`) does not change it."""
    out = io.StringIO()
    # "\r\n" line ends, as RFC 4180 and spreadsheet programs expect.
    writer = csv.DictWriter(out, fieldnames=ROW_COLUMNS)
    writer.writeheader()
    for row in decision_rule_rows(report):
        writer.writerow(row)
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()
