"""`govlint check`: run rule packs on papers or record files and report findings.

Inputs: papers (.txt/.md/.docx/.pdf) and record files (.json/.yaml/.yml, the record schema
that `govlint parse` writes). A named file is a record file by its suffix; a directory is
walked for papers only, since a JSON or YAML file in a folder of papers is as likely to be
something else (a config, a gold file) as records.
"""
from __future__ import annotations

import os
import sys

import click

from checks.cli import EXIT_BAD_INPUT, EXIT_OK, parse_papers, report_problem
from checks.formatters import FINDINGS_FORMATS
from checks.rules_cmd import DEFAULT_PACK

EXIT_FINDINGS = 1  # an error-severity finding


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--pack",
    "pack_names",
    multiple=True,
    metavar="NAME|FILE",
    help=f"A pack name (from govlint's rules/ directory) or a pack file; repeat to run several. Default: {DEFAULT_PACK}.",
)
@click.option("--format", "output_format", type=click.Choice(list(FINDINGS_FORMATS)), default="text", show_default=True)
@click.option("--output", "-o", type=click.File("w", encoding="utf-8", errors="backslashreplace"), default="-", help="Write here instead of standard output.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line, whatever the format.")
def check(paths: tuple[str, ...], pack_names: tuple[str, ...], output_format: str, output, quiet: bool) -> None:
    """Check papers and record files in PATHS against rule packs.

    Exit status: 0 when there is no error-severity finding, 1 when there is, 2 when a pack is
    invalid (its problems are printed as FILE:LINE:COL: MESSAGE) or an input could not be
    read (each named on standard error; the other inputs are still checked).
    """
    from engine.checking import check_papers
    from engine.conditions import ConditionError
    from engine.reading import DEFAULT_MAX_BYTES
    from engine.rule_engine import CompileError

    packs = _load_packs(pack_names or (DEFAULT_PACK,))
    records = sorted({os.path.normpath(p) for p in paths if _is_record_file(p)})
    papers, problems = parse_papers(tuple(p for p in paths if not _is_record_file(p)), DEFAULT_MAX_BYTES)
    from_records, record_problems = _read_record_files(records, DEFAULT_MAX_BYTES)
    try:
        result = check_papers(sorted(papers + from_records, key=lambda paper: paper.source), packs)
    except (CompileError, ConditionError) as error:
        report_problem(f"cannot run the packs: {error}")
        sys.exit(EXIT_BAD_INPUT)
    _write(output, result, output_format, quiet)
    for problem in sorted(problems + record_problems):
        report_problem(problem)
    sys.exit(EXIT_BAD_INPUT if problems or record_problems else EXIT_FINDINGS if result.has_errors else EXIT_OK)


def _is_record_file(path: str) -> bool:
    from engine.record_files import is_record_file

    return is_record_file(path) and not os.path.isdir(path)


def _load_packs(names: tuple[str, ...]) -> list:
    """Every named pack, or all their problems on standard error and exit status 2."""
    from engine.pack_loader import PackError, load_pack

    packs, problems = [], []
    for name in dict.fromkeys(names):
        try:
            packs.append(load_pack(name))
        except PackError as error:
            problems += error.problems
    if problems:
        for problem in dict.fromkeys(problems):
            click.echo(str(problem), err=True)
        sys.exit(EXIT_BAD_INPUT)
    return packs


def _read_record_files(names: list[str], max_bytes: int) -> tuple[list, list[str]]:
    from engine.reading import UnreadablePaper
    from engine.record_files import read_record_file

    papers, problems = [], []
    for name in names:
        try:
            papers += read_record_file(name, max_bytes)
        except UnreadablePaper as problem:
            problems.append(str(problem))
    return papers, problems


def _write(output, result, output_format: str, quiet: bool) -> None:
    """The text format is styled; click.echo drops the styles unless `output` is a terminal
    (https://no-color.org: a non-empty NO_COLOR turns them off there too)."""
    from checks.formatters.findings_text import result_summary

    text = result_summary(result) + "\n" if quiet else FINDINGS_FORMATS[output_format](result)
    click.echo(text, file=output, nl=False, color=False if os.environ.get("NO_COLOR") else None)
