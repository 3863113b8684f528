"""`govlint parse`: read papers into decision and meeting records, each field with its evidence."""
from __future__ import annotations

import click

from govlint.checks.formatters import RECORDS_FORMATS
from govlint.checks.shared import EXIT_BAD_INPUT, EXIT_OK, exits_with_status, output_option, parse_papers, profile_option, report_problem, write_output
from govlint.engine.reading.files import DEFAULT_MAX_BYTES

_MB = 1024 * 1024


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(list(RECORDS_FORMATS)), default="text", show_default=True)
@output_option
@click.option(
    "--max-file-size",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_MAX_BYTES / _MB,
    show_default=True,
    metavar="MB",
    help="Refuse input files larger than this many megabytes.",
)
@profile_option
@exits_with_status
def parse(paths: tuple[str, ...], output_format: str, output, max_file_size: float, profile: str | None) -> int:
    """Read papers (files or directories of .txt/.md/.docx/.pdf) into decision and meeting records.

    Files that cannot be read or parsed are reported on standard error, one line each; the
    other files are still parsed, and the exit status is then 2.
    """
    parsed, problems = parse_papers(paths, int(max_file_size * _MB), profile=profile)
    write_output(output, RECORDS_FORMATS[output_format](parsed))
    for problem in problems:
        report_problem(problem)
    return EXIT_BAD_INPUT if problems else EXIT_OK
