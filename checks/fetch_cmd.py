"""`govlint fetch`: pull a period's papers from where a council publishes them, into a folder
that `govlint check` and `govlint report` read like any other (docs/moderngov.md)."""
from __future__ import annotations

import click

from govlint.checks.shared import EXIT_BAD_INPUT, EXIT_OK, exits_with_status, progress_bar, report_problem
from govlint.engine.reading.files import DEFAULT_MAX_BYTES

_MB = 1024 * 1024


@click.group()
def fetch() -> None:
    """Fetch a council's published meetings, decisions and papers."""


@fetch.command()
@click.argument("url")
@click.option("--from", "start", required=True, type=click.DateTime(formats=["%Y-%m-%d"]), help="The first day of the period (YYYY-MM-DD).")
@click.option("--to", "end", required=True, type=click.DateTime(formats=["%Y-%m-%d"]), help="The last day of the period (YYYY-MM-DD).")
@click.option("--committee", "committees", multiple=True, metavar="NAME|ID", help="Only this committee (its title or id); repeat for several. Default: every committee.")
@click.option("--output", "-o", "folder", required=True, type=click.Path(file_okay=False, writable=True), help="The folder to fill (created if need be; a second fetch into it resumes).")
@click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True, metavar="SECONDS", help="Wait between requests.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True, metavar="SECONDS", help="Give up on a request silent for this long (it is tried again).")
@click.option("--retries", type=click.IntRange(min=0, max=10), default=3, show_default=True, help="Tries again after a timeout, a broken answer or a server error.")
@click.option("--max-wait", type=click.FloatRange(min=0), default=300.0, show_default=True, metavar="SECONDS", help="The longest Retry-After to wait; asked to wait longer, the fetch stops.")
@click.option(
    "--max-document-size", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_MAX_BYTES / _MB, show_default=True, metavar="MB", help="Refuse any one document larger than this."
)
@exits_with_status
def moderngov(url: str, start, end, committees: tuple[str, ...], folder: str, delay: float, timeout: float, retries: int, max_wait: float, max_document_size: float) -> int:
    """Fetch from the ModernGov site at URL the meetings held from --from to --to: each
    meeting's agenda, minutes and decisions (mgWebService.asmx), its public papers (PDF,
    Word), and the site's decision and forward-plan pages, into the folder -o with a manifest.

    One request at a time, --delay seconds apart; only from the council's own host. Anything
    that could not be fetched is named on standard error, one line each, and the exit status
    is then 2; everything else is still saved. Run it again to resume: what is already saved
    is not fetched again.
    """
    import os

    try:
        from govlint.checks.moderngov_client import Politeness, PoliteClient
    except ImportError as error:
        raise click.UsageError(f"fetching needs govlint's fetch extra ({error}): pip install 'govlint[fetch]'") from None
    from govlint.checks.moderngov_fetch import fetch as run_fetch, site_of
    from govlint.engine.moderngov.manifest import ManifestError

    if end < start:
        raise click.BadParameter("the period ends before it starts", param_hint="--to")
    try:
        site = site_of(url)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="URL") from None
    os.makedirs(folder, exist_ok=True)
    politeness = Politeness(delay=delay, timeout=timeout, retries=retries, max_wait=max_wait, max_bytes=int(max_document_size * _MB))
    with PoliteClient(site, politeness) as client, progress_bar("Fetching meetings") as on_progress:
        try:
            outcome = run_fetch(site, folder, client, start.date(), end.date(), committees, on_progress)
        except ManifestError as error:
            report_problem(str(error))
            return EXIT_BAD_INPUT
    click.echo(f"govlint: {folder}: {outcome.saved} files saved, {outcome.kept} already there, {client.requests} requests", err=True)
    for line in outcome.skipped:
        click.echo(f"govlint: skipped: {line}", err=True)
    for problem in outcome.problems:
        report_problem(problem)
    return EXIT_BAD_INPUT if outcome.problems else EXIT_OK
