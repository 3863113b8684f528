"""The `govlint` command group. Each command is a module of its own (`*_cmd.py`); what they
share (exit codes, options, run settings) is in checks.shared."""
from __future__ import annotations

from importlib import import_module

import click

from govlint.checks.shared import colour_option
from govlint.engine import __version__

# Each command's module, imported only when that command runs (or help lists it): `govlint
# parse` never imports what `report`, `serve` or `fetch` need.
COMMANDS = {
    "parse": "govlint.checks.parse_cmd",
    "check": "govlint.checks.check_cmd",
    "report": "govlint.checks.report_cmd",
    "rules": "govlint.checks.rules_cmd",
    "profiles": "govlint.checks.profiles_cmd",
    "serve": "govlint.checks.serve_cmd",
    "fetch": "govlint.checks.fetch_cmd",
    "init": "govlint.checks.init_cmd",
    "store": "govlint.checks.store_cmd",
}

_PATTERNS_KEPT = "govlint.patterns_kept"


class _Commands(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        # Before the command's modules are imported, as the readers compile patterns at import.
        if not ctx.meta.get(_PATTERNS_KEPT):
            from govlint.engine.common import compiled_patterns

            ctx.with_resource(compiled_patterns.kept())
            ctx.meta[_PATTERNS_KEPT] = True
        return getattr(import_module(COMMANDS[name]), name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="govlint")
@colour_option
def main() -> None:
    """Compliance checks for English local-government executive decisions."""
