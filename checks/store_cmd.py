"""`govlint store …`: look after a results store (docs/scale.md)."""
from __future__ import annotations

import click

from govlint.checks.shared import EXIT_OK, exits_with_status


@click.group()
def store() -> None:
    """Look after a results store (--store)."""


@store.command()
@click.option("--store", "store_url", required=True, metavar="URL", envvar="GOVLINT_STORE",
              help="The results store: a SQLite file path, or postgresql://USER@HOST/DB.")
@click.option("--keep", type=click.IntRange(min=1), required=True, metavar="N",
              help="Runs to keep of each command (check, report, fetch), the newest.")
@exits_with_status
def prune(store_url: str, keep: int) -> int:
    """Drop all but the newest N runs of each command, with their findings and outputs, and the
    papers' records no run kept refers to. A report compares itself with the previous report
    run, which is kept; a paper whose records are dropped is read again when next met."""
    from govlint.checks.formatters.findings_text import plural
    from govlint.engine.store.store import open_store

    with open_store(store_url) as opened:
        runs, papers = opened.prune(keep)
        click.echo(f"pruned {plural(runs, 'run')} and the records of {plural(papers, 'paper')} from {opened.shown}")
    return EXIT_OK
