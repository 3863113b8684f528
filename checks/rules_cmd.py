"""`govlint rules …`: list, show, validate and test rule packs."""
from __future__ import annotations

import click


@click.group()
def rules() -> None:
    """Work with rule packs."""
