"""`govlint check`: run rule packs on papers or record files and report findings."""
from __future__ import annotations

import click


@click.command()
def check() -> None:
    """Check papers against rule packs."""
    raise click.UsageError("not available yet")
