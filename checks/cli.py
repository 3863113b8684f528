"""The `govlint` command group. Each command is a module of its own (`*_cmd.py`); what they
share (exit codes, options, run settings) is in checks.shared."""
from __future__ import annotations

import click

from govlint.checks.check_cmd import check
from govlint.checks.fetch_cmd import fetch
from govlint.checks.init_cmd import init
from govlint.checks.parse_cmd import parse
from govlint.checks.profiles_cmd import profiles
from govlint.checks.report_cmd import report
from govlint.checks.rules_cmd import rules
from govlint.checks.serve_cmd import serve
from govlint.checks.shared import colour_option
from govlint.engine import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="govlint")
@colour_option
def main() -> None:
    """Compliance checks for English local-government executive decisions."""


for command in (parse, check, report, rules, profiles, serve, fetch, init):
    main.add_command(command)
