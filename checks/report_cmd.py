"""`govlint report`: a compliance summary over a corpus of papers, for people rather than CI.

Papers are read and checked alone over `--jobs` processes (engine.checking.batch), which hand
back only what the report needs of each; the corpus rules then run on all of them together in
this one. The report is the same byte for byte whatever the number of jobs.
"""
from __future__ import annotations

import json
import os

import click

from govlint.checks.formatters import REPORT_FORMATS
from govlint.checks.scale import scale_options
from govlint.checks.shared import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    checked_inputs,
    configured_packs,
    covers_corpus,
    pack_profile,
    exits_with_status,
    gate_day,
    gated,
    paper_files,
    progress_bar,
    report_problem,
    run_options,
    write_output,
)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--output", "-o", required=True, metavar="FILE", help="The report file to write; - for standard output.")
@click.option("--format", "output_format", type=click.Choice(list(REPORT_FORMATS)), default="html", show_default=True)
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Processes to read and check papers with. Default: all cores.")
@scale_options
@click.option("--since", type=click.IntRange(min=1), metavar="RUN", help="With --store: list on standard output the gaps closed and opened since run RUN.")
@run_options
@exits_with_status
def report(
    paths: tuple[str, ...],
    output: str,
    output_format: str,
    pack_names: tuple[str, ...],
    jobs: int | None,
    store_url: str | None,
    executor: str,
    scheduler: str | None,
    since: int | None,
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
    from govlint.checks import scale as scaled
    from govlint.checks.formatters.findings_text import plural
    from govlint.checks.formatters.report_trend import with_trend, without_trend
    from govlint.engine.common.collector import collecting_less_often
    from govlint.engine.reading.files import DEFAULT_MAX_BYTES
    from govlint.engine.store.store import StoreError, now

    if since and not store_url:
        raise click.UsageError("--since needs --store")
    started = now()
    # The config is read exactly as `check` reads it, so both see the same packs and waivers.
    config, packs = configured_packs(pack_names, config_file, no_config, profile)
    files, problems = paper_files(list(paths), config)
    profile = profile or config.profile or pack_profile(packs)
    whole_corpus = covers_corpus(list(paths), config)
    with scaled.opened(store_url, executor, scheduler, jobs) as scale, collecting_less_often():
        if since and scale.store.run(since) is None:
            raise StoreError(f"{scale.store.shown}: no run {since} in the store")
        # A directory that could not be walked makes the output depend on more than the papers.
        key = scale.store and not problems and output != "-" and scaled.output_key(
            scale, files, DEFAULT_MAX_BYTES, profile, command="report", format=output_format, directory=os.path.dirname(output),
            packs=scaled.packs_digest(packs), config=repr(config), today=gate_day(today).isoformat(), whole_corpus=whole_corpus,
        )
        stored = key and scale.store.stored_output(key)
        failures = ()
        if stored:
            made_by, content = stored
            written = json.loads(content)
            run_id, trend = scaled.record(scale, "report", paths, started, packs, files, profile, made_by)
            scale.store.reuse_output(key, run_id)
        else:
            problems, result, built = _report(scale, files, problems, packs, config, jobs, profile, today, whole_corpus)
            failures = result.failures
            run_id, trend = scaled.record(scale, "report", paths, started, packs, files, profile, result.findings)
            # Rendered once the run is recorded: what changed since the previous report is known;
            # and written as it is rendered: a corpus's report is never held whole in memory.
            pieces = REPORT_FORMATS[output_format](built, "." if output == "-" else os.path.dirname(output) or ".")
            written = {"papers": built.headline.papers, "decisions": built.headline.decisions}
        write_output(output, with_trend(written["text"] if stored else pieces, output_format, trend))
        if not stored and key and not problems and not failures:
            # Kept without the section on what changed since the previous report: that is the
            # store's to say afresh each time the report is written. A stored report is one of
            # a few runs kept to be served again: read back whole.
            with open(output, encoding="utf-8", newline="") as handle:
                written["text"] = without_trend(handle.read(), output_format)
            scale.store.save_output(key, run_id, json.dumps(written).encode("utf-8"))
        if output != "-":
            click.echo(f"wrote {output} ({plural(written['papers'], 'paper')}, {plural(written['decisions'], 'decision')})")
        if since:
            scaled.list_changes(scale, since, run_id)
    return EXIT_BAD_INPUT if problems or failures else EXIT_OK


def _report(scale, files: list[str], problems: list[str], packs, config, jobs: int | None, profile, today, whole_corpus: bool):
    """Every problem, the gated result and the report to write (engine.report.summary); problems
    said first, on standard error."""
    from govlint.engine.checking.batch import default_jobs
    from govlint.engine.reading.files import DEFAULT_MAX_BYTES
    from govlint.engine.checking.run import RunPlan, combine
    from govlint.engine.report.summary import RECORD_FIELDS, build_report

    plan = RunPlan.of(packs, RECORD_FIELDS)
    jobs = jobs or default_jobs()
    with progress_bar("Reading papers") as on_progress:
        checks, unreadable = checked_inputs(tuple(files), DEFAULT_MAX_BYTES, plan, jobs, on_progress, profile, scale=scale)
    problems = sorted(problems + unreadable)
    result = gated(combine(checks, plan, jobs), config, packs, today, whole_corpus=whole_corpus)
    built = build_report(packs, result, tuple(problems), council=config.council, as_at=gate_day(today))
    if problems:
        click.echo(f"govlint: {len(problems)} of {result.summary.files + len(problems)} papers could not be read:", err=True)
    for problem in problems:
        report_problem(problem)
    # A rule that could not be decided on a record: the report is incomplete for that paper.
    for failure in result.failures:
        report_problem(str(failure))
    return problems, result, built
