"""What `check` and `report` share: the config, the packs it changes, the papers it selects,
and the options that choose them. Kept here so both commands read a run's settings alike.
"""
from __future__ import annotations

import os
import sys

import click

from govlint.checks.cli import EXIT_BAD_INPUT
from govlint.checks.rules_cmd import DEFAULT_PACK


def run_options(command):
    """--pack, --config, --no-config and the hidden --today, as both commands take them."""
    for option in reversed(
        (
            click.option(
                "--pack",
                "pack_names",
                multiple=True,
                metavar="NAME|FILE",
                help=f"A pack name (from govlint's rules/ directory) or a pack file; repeat to run several. Replaces the config's packs. Default: {DEFAULT_PACK}.",
            ),
            click.option("--config", "config_file", type=click.Path(dir_okay=False), metavar="FILE", help="Use this config instead of the .govlint.yaml found from the current directory up."),
            click.option("--no-config", is_flag=True, help="Use no config file."),
            # The day waivers expire against; for tests and for re-running an old check the same way.
            click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), envvar="GOVLINT_TODAY", hidden=True),
        )
    ):
        command = option(command)
    return command


def gate_day(today):
    """The --today option as a date, else the real today."""
    from datetime import date

    return today.date() if today else date.today()


def configured_packs(pack_names: tuple[str, ...], config_file: str | None, no_config: bool) -> tuple:
    """The config and the packs to run with its changes applied, or every problem with the
    config and the packs on standard error and exit status 2. `pack_names` replace the config's."""
    from govlint.engine.checking.config import apply_config, in_order, name_problems

    if config_file and no_config:
        raise click.UsageError("give --config or --no-config, not both")
    config, config_problems = _read_config(config_file, no_config)
    packs = _load_packs(pack_names or config.packs or (DEFAULT_PACK,), config_problems)
    config_problems += name_problems(packs, config)
    if config_problems:
        _stop(in_order(config_problems))
    return config, apply_config(packs, config)


def _read_config(config_file: str | None, no_config: bool) -> tuple:
    """The config to use (an empty one rooted at the repository when there is no file) and its
    problems."""
    from pathlib import Path

    from govlint.engine.checking.config import Config, find_config, read_config, repository_root

    path = None if no_config else Path(config_file) if config_file else find_config(Path.cwd())
    if path is None:
        return Config(root=str(repository_root(Path.cwd()))), []
    # Shown relative to where govlint runs, as the user would type it.
    return read_config(Path(os.path.relpath(path)))


def _stop(problems: list) -> None:
    """Each problem (already `file:line:col: message`) on standard error, then exit status 2."""
    for problem in dict.fromkeys(problems):
        click.echo(str(problem), err=True)
    sys.exit(EXIT_BAD_INPUT)


def paper_files(paths: list[str], config) -> tuple[list[str], list[str]]:
    """Named files as given; papers found in directories when the config's globs select them."""
    from govlint.engine.checking.config import selects
    from govlint.engine.reading.files import find_papers

    named = [path for path in paths if not os.path.isdir(path)]
    found, problems = find_papers([path for path in paths if os.path.isdir(path)])
    return named + [paper for paper in found if selects(config, paper)], [str(problem) for problem in problems]


def _load_packs(names: tuple[str, ...], config_problems: list) -> list:
    """Every named pack, or all their problems (and the config's) on standard error and exit status 2."""
    from govlint.engine.packs.loader import PackError, load_pack

    packs, problems = [], []
    for name in dict.fromkeys(names):
        try:
            packs.append(load_pack(name))
        except PackError as error:
            problems += error.problems
    if problems:
        _stop(config_problems + problems)
    return packs


