"""The `govlint` command line. Commands read papers through `engine` and write through `checks.formatters`."""
from __future__ import annotations

import sys

import click

from govlint.engine import __version__
from govlint.engine.reading.files import DEFAULT_MAX_BYTES

# Exit codes shared by every command: 2 means the tool could not do all it was asked.
EXIT_OK = 0
EXIT_BAD_INPUT = 2
_MB = 1024 * 1024


def report_problem(message: str) -> None:
    """One line on standard error, whatever the message holds (newlines, undecodable file names)."""
    line = " ".join(message.split()).encode("utf-8", "backslashreplace").decode("utf-8")
    click.echo(f"govlint: {line}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="govlint")
def main() -> None:
    """Compliance checks for English local-government executive decisions."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["json", "yaml", "text"]), default="text", show_default=True)
@click.option("--output", "-o", type=click.File("w", encoding="utf-8", errors="backslashreplace"), default="-", help="Write here instead of standard output.")
@click.option(
    "--max-file-size",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_MAX_BYTES / _MB,
    show_default=True,
    metavar="MB",
    help="Refuse input files larger than this many megabytes.",
)
def parse(paths: tuple[str, ...], output_format: str, output, max_file_size: float) -> None:
    """Read papers (files or directories of .txt/.md/.docx/.pdf) into decision and meeting records.

    Files that cannot be read or parsed are reported on standard error, one line each; the
    other files are still parsed, and the exit status is then 2.
    """
    from govlint.checks.formatters import records, records_text

    parsed, problems = parse_papers(paths, int(max_file_size * _MB))
    renderer = {"json": records.render_json, "yaml": records.render_yaml, "text": records_text.render_text}[output_format]
    output.write(renderer(parsed))
    for problem in problems:
        report_problem(problem)
    sys.exit(EXIT_BAD_INPUT if problems else EXIT_OK)


def parse_papers(paths: tuple[str, ...], max_bytes: int, jobs: int = 1, on_progress=None) -> tuple[list, list[str]]:
    """Parsed papers in file order, and one message per path that could not be read or parsed.

    `jobs` processes parse the files (engine.batch); `on_progress(done, total)` follows them.
    """
    from govlint.engine.checking.batch import parse_files
    from govlint.engine.reading.files import find_papers

    files, unreadable = find_papers(list(paths))
    results = parse_files(files, max_bytes, jobs, on_progress)
    parsed = [result for result in results if not isinstance(result, str)]
    problems = [str(problem) for problem in unreadable] + [result for result in results if isinstance(result, str)]
    return parsed, sorted(problems)


def _register_commands() -> None:
    # Each command lives in its own module and imports the engine lazily, so that
    # `govlint --help` and a one-paper pre-commit run start fast.
    from govlint.checks.check_cmd import check
    from govlint.checks.report_cmd import report
    from govlint.checks.rules_cmd import rules
    import govlint.checks.rules_test_cmd  # noqa: F401 - attaches `rules test` to the rules group

    main.add_command(check)
    main.add_command(report)
    main.add_command(rules)


_register_commands()
