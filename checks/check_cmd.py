"""`govlint check`: run rule packs on papers or record files and report findings.

Inputs: papers (.txt/.md/.docx/.pdf) and record files (.json/.yaml/.yml, the record schema
that `govlint parse` writes). A named file is a record file by its suffix; a directory is
walked for papers only, since a JSON or YAML file in a folder of papers is as likely to be
something else (a config, a gold file) as records.
"""
from __future__ import annotations

import os
from dataclasses import replace

import click

from govlint.checks.formatters import FINDINGS_FORMATS
from govlint.checks.scale import scale_options
from govlint.checks.shared import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    STDIN,
    checked_inputs,
    colour_option,
    configured_packs,
    covers_corpus,
    pack_profile,
    exits_with_status,
    output_option,
    gated,
    paper_files,
    report_problem,
    run_options,
    stdin_name_option,
    write_output,
)
from govlint.engine.checking.gate import DEFAULT_FAIL_LEVEL, FAIL_LEVELS


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(list(FINDINGS_FORMATS)), default="text", show_default=True)
@output_option
@click.option("--quiet", "-q", is_flag=True, help="Text format: print only the summary line. Machine formats are never changed.")
@click.option("--verbose", "-v", is_flag=True, help="Text format: list every citation of a finding, not only the first.")
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_LEVELS),
    help=f"The lowest severity that fails the check (exit status 1); never: only bad input fails. Default: the config's fail_on, else {DEFAULT_FAIL_LEVEL}.",
)
@click.option("--baseline", type=click.Path(dir_okay=False), metavar="FILE", help="Report only findings not recorded in this baseline (replaces the config's baseline).")
@click.option("--write-baseline", type=click.Path(dir_okay=False, writable=True), metavar="FILE", help="Record every finding of this run in FILE as the baseline, and exit 0 unless an input was bad.")
@click.option(
    "--annotate",
    type=click.Path(dir_okay=False, writable=True),
    metavar="COPY.docx",
    help="Also write a copy of the Word paper (one .docx paper only) with each finding as a Word comment on its paragraph or table cell.",
)
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Processes to read and check papers with. Default: 1 (a local Dask cluster: all cores).")
@scale_options
@run_options
@stdin_name_option
@colour_option
@exits_with_status
def check(
    paths: tuple[str, ...],
    pack_names: tuple[str, ...],
    output_format: str,
    output,
    quiet: bool,
    verbose: bool,
    fail_on: str | None,
    config_file: str | None,
    no_config: bool,
    baseline: str | None,
    write_baseline: str | None,
    store_url: str | None,
    executor: str,
    scheduler: str | None,
    annotate: str | None,
    jobs: int | None,
    profile: str | None,
    today,
    stdin_filename: str | None,
) -> int:
    """Check papers and record files in PATHS against rule packs.

    With no --pack and no packs in the config, each paper is checked with the pack of the
    reader profile it is read with (`govlint profiles list`): Kent's papers with
    kent-county-council, the others with english-councils. Settings come from the nearest
    .govlint.yaml (see docs/configuration.md); options given here replace them. Exit status:
    0 when no finding at or above the fail level is left unwaived, 1 when one is (an expired
    waiver no longer counts), 2 for bad usage, a bad pack, config or baseline (problems
    printed as FILE:LINE:COL: MESSAGE) or an input that could not be read (each named on
    standard error before any result; the other inputs are still checked). PATH `-` reads
    one paper from standard input.
    """
    from govlint.engine.checking.baseline import read_baseline
    from govlint.engine.checking.gate import fails
    from govlint.engine.checking.run import RunPlan, check_paper, combine
    from govlint.engine.common.collector import collecting_less_often
    from govlint.engine.reading.files import DEFAULT_MAX_BYTES

    from govlint.checks import scale as scaled

    if annotate:
        from govlint.checks.annotate import check_annotate_paths

        check_annotate_paths(paths, annotate)
    started = _started() if store_url else None  # only the results store records it
    config, packs = configured_packs(pack_names, config_file, no_config, profile)
    records = sorted({os.path.normpath(p) for p in paths if _is_record_file(p)})
    files, found_problems = paper_files([p for p in paths if p != STDIN and not _is_record_file(p)], config)
    stdin = (STDIN,) if STDIN in paths else ()
    profile = profile or config.profile or pack_profile(packs)
    # Nothing reads the run's records after its rules: each record keeps what they read.
    plan = RunPlan.of(packs, reads=())
    with scaled.opened(store_url, executor, scheduler, jobs) as scale, collecting_less_often():
        checks, problems = checked_inputs(tuple(files) + stdin, DEFAULT_MAX_BYTES, plan, jobs or 1, profile=profile, stdin_filename=stdin_filename, scale=scale)
        from_records, record_problems = _read_record_files(records, DEFAULT_MAX_BYTES)
        # Inputs that could not be read come first, so that no result reads as if they were checked.
        problems = sorted(found_problems + problems + record_problems)
        for problem in problems:
            report_problem(problem)
        baseline_path = None if write_baseline else baseline or config.baseline
        known = read_baseline(baseline_path) if baseline_path else None
        result = combine(checks + [check_paper(paper, plan) for paper in from_records], plan, jobs or 1)
        result = gated(result, config, packs, today, known, whole_corpus=covers_corpus(list(paths), config))
        result = replace(result, unreadable=len(problems))
        scaled.record(scale, "check", paths, started, packs, files, profile, result.findings)
    if write_baseline:
        _write_baseline(write_baseline, result)
    # A rule that could not be decided on a record leaves that record unchecked by it: the run
    # is incomplete, as with an unreadable paper, and is said before the findings too.
    failures = [str(failure) for failure in result.failures]
    for failure in failures:
        report_problem(failure)
    _write(output, result, output_format, quiet, verbose)
    if annotate and checks:
        from govlint.checks.annotate import write_annotated

        write_annotated(paths[0], annotate, result.findings)
    _report_waivers(result)
    problems += failures
    gate_failed = not write_baseline and fails(result, fail_on or config.fail_on or DEFAULT_FAIL_LEVEL)
    return EXIT_BAD_INPUT if problems else EXIT_FAILED if gate_failed else EXIT_OK


def _started() -> str:
    from govlint.engine.store.store import now  # with the store alone: a run without one need not import it

    return now()


def _write_baseline(path: str, result) -> None:
    from govlint.engine import __version__
    from govlint.engine.checking.baseline import baseline_document, write_baseline

    write_baseline(path, baseline_document(result.findings, result.packs, __version__))


def _report_waivers(result) -> None:
    """Expired and stale waivers on standard error too, where a CI log shows them whatever the format."""
    expired = dict.fromkeys(f.waived.waiver for f in result.findings if f.waived and f.waived.expired)
    for waiver in expired:
        report_problem(
            f"{_waiver_place(waiver)}waiver for {waiver.decision} {waiver.rule} (approved by {waiver.approved_by}) has expired "
            f"(its last day was {waiver.expires.isoformat()}): its finding fails the check again; renew the waiver or fix the paper"
        )
    for waiver in result.stale_waivers:
        report_problem(f"{_waiver_place(waiver)}warning: stale waiver: no finding for {waiver.decision} {waiver.rule}; remove it or correct its decision and rule")


def _waiver_place(waiver) -> str:
    return f"{waiver.defined_in}: " if waiver.defined_in else ""


def _is_record_file(path: str) -> bool:
    from govlint.engine.checking.record_files import is_record_file

    return is_record_file(path) and not os.path.isdir(path)


def _read_record_files(names: list[str], max_bytes: int) -> tuple[list, list[str]]:
    from govlint.engine.reading.files import UnreadablePaper
    from govlint.engine.checking.record_files import read_record_file

    papers, problems = [], []
    for name in names:
        try:
            papers += read_record_file(name, max_bytes)
        except UnreadablePaper as problem:
            problems.append(str(problem))
    return papers, problems


def _write(output: str, result, output_format: str, quiet: bool, verbose: bool) -> None:
    """-q and -v shape the text format only: a machine format is the same whatever they say."""
    from govlint.checks.formatters.findings_text import result_summary

    if output_format == "json":
        # Written as it is made: a corpus's findings are never held as one text.
        from govlint.checks.formatters.findings_json import chunks

        text = chunks(result)
    elif output_format != "text":
        text = FINDINGS_FORMATS[output_format](result)
    else:
        text = result_summary(result) + "\n" if quiet else FINDINGS_FORMATS["text"](result, verbose)
    write_output(output, text)
