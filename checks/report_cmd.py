"""`govlint report`: a compliance summary over a corpus of papers, for people rather than CI.

Papers are parsed over `--jobs` processes (engine.checking.batch) and checked together in this one;
the report is the same byte for byte whatever the number of jobs.
"""
from __future__ import annotations

import os

import click

from govlint.checks.formatters import REPORT_FORMATS
from govlint.checks.shared import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    checked_papers,
    configured_packs,
    covers_corpus,
    pack_profile,
    exits_with_status,
    gate_day,
    paper_files,
    parse_papers,
    progress_bar,
    report_problem,
    run_options,
    write_output,
)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--output", "-o", required=True, metavar="FILE", help="The report file to write; - for standard output.")
@click.option("--format", "output_format", type=click.Choice(list(REPORT_FORMATS)), default="html", show_default=True)
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Processes to parse papers with. Default: all cores.")
@run_options
@exits_with_status
def report(
    paths: tuple[str, ...],
    output: str,
    output_format: str,
    pack_names: tuple[str, ...],
    jobs: int | None,
    config_file: str | None,
    no_config: bool,
    profile: str | None,
    today,
) -> int:
    """Write a compliance report on the papers in PATHS (files or directories).

    Figures per rule, decision maker, committee and quarter, and every decision with its gaps
    and their evidence. Packs, rule changes, globs and waivers come from the nearest
    .govlint.yaml, as for `govlint check`. Papers that cannot be read are listed first,
    on standard error and in the report; the others are still reported, and the exit status
    is then 2. Written to a file, the report is followed by one line on standard output:
    `wrote FILE (N papers, M decisions)`.
    """
    from govlint.checks.formatters.findings_text import plural
    from govlint.engine.checking.batch import default_jobs
    from govlint.engine.reading.files import DEFAULT_MAX_BYTES
    from govlint.engine.report.summary import build_report

    # The config is read exactly as `check` reads it, so both see the same packs and waivers.
    config, packs = configured_packs(pack_names, config_file, no_config)
    files, problems = paper_files(list(paths), config)
    with progress_bar("Reading papers") as on_progress:
        papers, unreadable = parse_papers(tuple(files), DEFAULT_MAX_BYTES, jobs or default_jobs(), on_progress, profile or config.profile or pack_profile(packs))
    problems = sorted(problems + unreadable)
    result = checked_papers(papers, config, packs, today, whole_corpus=covers_corpus(list(paths), config))
    built = build_report(papers, packs, result, tuple(problems), council=config.council, as_at=gate_day(today))
    if problems:
        click.echo(f"govlint: {len(problems)} of {len(papers) + len(problems)} papers could not be read:", err=True)
    for problem in problems:
        report_problem(problem)
    # A rule that could not be decided on a record: the report is incomplete for that paper.
    for failure in result.failures:
        report_problem(str(failure))
    write_output(output, REPORT_FORMATS[output_format](built, "." if output == "-" else os.path.dirname(output) or "."))
    if output != "-":
        click.echo(f"wrote {output} ({plural(built.headline.papers, 'paper')}, {plural(built.headline.decisions, 'decision')})")
    return EXIT_BAD_INPUT if problems or result.failures else EXIT_OK
