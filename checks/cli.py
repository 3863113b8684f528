"""The `govlint` command line. Commands read papers through `engine` and write through `checks.formatters`."""
from __future__ import annotations

import sys

import click

from engine import __version__

# Exit codes shared by every command: 2 means the tool could not do all it was asked.
EXIT_OK = 0
EXIT_BAD_INPUT = 2


def report_problem(message: str) -> None:
    click.echo(f"govlint: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="govlint")
def main() -> None:
    """Compliance checks for English local-government executive decisions."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["json", "yaml", "text"]), default="text", show_default=True)
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-", help="Write here instead of standard output.")
def parse(paths: tuple[str, ...], output_format: str, output) -> None:
    """Read papers (files or directories of .txt/.md) into decision and meeting records."""
    from checks.formatters import records, records_text
    from engine.parse import parse_paper
    from engine.reading import UnreadablePaper, find_papers, read_paper

    files, problems = find_papers(list(paths))
    parsed = []
    for name in files:
        try:
            parsed.append(parse_paper(read_paper(name)))
        except UnreadablePaper as problem:
            problems.append(problem)
    renderer = {"json": records.render_json, "yaml": records.render_yaml, "text": records_text.render_text}[output_format]
    output.write(renderer(parsed))
    for problem in sorted(problems, key=lambda p: p.path):
        report_problem(str(problem))
    sys.exit(EXIT_BAD_INPUT if problems else EXIT_OK)


def _register_commands() -> None:
    # Each command lives in its own module and imports the engine lazily, so that
    # `govlint --help` and a one-paper pre-commit run start fast.
    from checks.check_cmd import check
    from checks.rules_cmd import rules

    main.add_command(check)
    main.add_command(rules)


_register_commands()
