"""`govlint init`: write a commented `.govlint.yaml` for a pack, every setting shown with its
value in the pack, so that a new repository starts from what the rules actually do."""
from __future__ import annotations

import json
from pathlib import Path

import click

from govlint.checks.shared import DEFAULT_PACK, EXIT_OK, exits_with_status, pack_option
from govlint.engine.common.errors import GovlintError


@click.command()
@pack_option
@click.option("--force", is_flag=True, help="Replace a config that is already there.")
@exits_with_status
def init(pack: str, force: bool) -> int:
    """Write a commented .govlint.yaml for a pack in the current directory.

    The file names the pack and lists, commented out, each of its parameters and rules with
    the values and severities they have in the pack, the globs, the fail level and a waiver,
    ready to uncomment. See docs/configuration.md.
    """
    from govlint.checks.formatters.findings_text import plural
    from govlint.engine.checking.config import CONFIG_NAME, CONFIG_NAMES
    from govlint.engine.packs.loader import load_pack

    existing = [name for name in CONFIG_NAMES if Path(name).exists()]
    if existing and not force:
        raise GovlintError(f"{existing[0]} is already here; give --force to replace it")
    loaded = load_pack(pack)
    Path(CONFIG_NAME).write_text(config_text(loaded, pack), encoding="utf-8")
    click.echo(f"wrote {CONFIG_NAME} ({loaded.id} {loaded.version}: {plural(len(loaded.rules), 'rule')}, {plural(len(loaded.parameters), 'parameter')})")
    return EXIT_OK


def config_text(pack, reference: str = DEFAULT_PACK) -> str:
    """The config's text: the pack in force, everything else commented out with the pack's values."""
    from govlint.checks.rules_cmd import severity_text

    width = max((len(rule.id) for rule in pack.rules), default=0)
    lines = [
        f"# govlint config for {pack.title} ({pack.id} {pack.version}).",
        "# Every setting: docs/configuration.md. Uncomment a line to change it; options given to",
        "# `govlint check` and `govlint report` replace what is set here.",
        "packs:",
        f"  - {reference}",
        "",
        "# The pack's parameters, with their values in the pack:",
        "# parameters:",
        *[f"#   {name}: {json.dumps(value, ensure_ascii=False)}" for name, value in pack.parameters.items()],
        "",
        "# Each rule's severity in the pack (by stage or case where that changes it). Give a",
        "# rule another severity (error, warning or info), or switch it off with enabled: false:",
        "# rules:",
        *[f"#   {rule.id + ':':<{width + 1}} {{severity: {rule.severity}}}  # {severity_text(rule)}: {rule.title}" for rule in pack.rules],
        "",
        "# Papers found in directories: only those matching include, and none matching exclude.",
        "# include: [\"papers/**\"]",
        "# exclude: [\"papers/archive/**\"]",
        "",
        "# The lowest severity that fails `govlint check`: error, warning, info or never.",
        "fail_on: error",
        "",
        "# Gaps a repository already had, reported no more (`govlint check --write-baseline FILE`):",
        "# baseline: .govlint-baseline.json",
        "",
        "# Accepted gaps, each with who approved it and until when:",
        "# waivers:",
        "#   - decision: \"24/00001\"",
        f"#     rule: {pack.rules[0].id if pack.rules else 'RULE'}",
        "#     reason: why the gap is accepted",
        "#     approved_by: name, role",
        "#     expires: YYYY-MM-DD",
    ]
    return "\n".join(lines) + "\n"
