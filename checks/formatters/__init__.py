"""Output formats: each `--format` name of a command mapped to its renderer.

- `RECORDS_FORMATS` (`govlint parse`): render(papers)
- `FINDINGS_FORMATS` (`govlint check`): render(result)
- `REPORT_FORMATS` (`govlint report`): chunks(report, output_dir), the report's text piece by
  piece (a corpus's report is written as it is made, never held whole), `output_dir` being
  where the report is written, for links relative to it

Each format is its own module, imported only when its format is asked for, so that a
pre-commit run pays for none but the one it writes.
"""
from __future__ import annotations

from importlib import import_module
from typing import Callable


def _lazy(module: str, function: str = "render") -> Callable:
    def render(*args):
        return getattr(import_module(f"govlint.checks.formatters.{module}"), function)(*args)

    render.__doc__ = f"govlint.checks.formatters.{module}.{function}"
    return render


RECORDS_FORMATS: dict[str, Callable] = {
    "json": _lazy("records", "render_json"),
    "yaml": _lazy("records", "render_yaml"),
    "text": _lazy("records_text", "render_text"),
}
FINDINGS_FORMATS: dict[str, Callable] = {
    name: _lazy(f"findings_{name}") for name in ("text", "json", "sarif", "junit", "github", "gitlab", "markdown")
}
REPORT_FORMATS: dict[str, Callable] = {name: _lazy(f"report_{name}", "chunks") for name in ("html", "markdown", "csv", "json")}
