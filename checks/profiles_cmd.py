"""`govlint profiles …`: list, show and validate reader profiles (how papers are read)."""
from __future__ import annotations

import click

from govlint.checks.shared import EXIT_OK, exits_with_status, table


@click.group()
def profiles() -> None:
    """Work with reader profiles: what a council's papers look like, as data."""


@profiles.command("list")
@exits_with_status
def list_profiles() -> int:
    """The shipped profiles: id, version, what each extends, the pack its papers are checked with, and title."""
    from govlint.engine.profiles.loader import DEFAULT_PROFILE, shipped_profiles

    rows = [
        (profile.id + (" (default)" if profile.id == DEFAULT_PROFILE else ""), profile.version, ", ".join(profile.extends) or "-", profile.pack or "-", profile.title)
        for profile in shipped_profiles()
    ]
    for line in table(("ID", "VERSION", "EXTENDS", "PACK", "TITLE"), rows):
        click.echo(line)
    click.echo("\nA paper is read with the profile whose marks it shows most of, else the default; --profile or the config's profile: names one.")
    click.echo("With no pack named (--pack, the config's packs:), each paper is checked with its profile's pack.")
    return EXIT_OK


@profiles.command("show")
@click.argument("profile", metavar="NAME|FILE")
@exits_with_status
def show(profile: str) -> int:
    """Everything a profile says, its parents' entries joined in: marks, references, document
    headings, labels by field, boilerplate, furniture and status wording."""
    from govlint.engine.profiles.loader import load_profile

    loaded = load_profile(profile)
    click.echo(f"{loaded.id} {loaded.version}: {loaded.title}")
    click.echo(f"  file: {loaded.path}")
    if loaded.extends:
        click.echo(f"  extends: {', '.join(loaded.extends)}")
    if loaded.pack:
        click.echo(f"  papers checked with the pack (none named): {loaded.pack}")
    _section("chosen for papers that show", {"detect": loaded.detect})
    _section("decision references", {"patterns": loaded.references})
    _section("document headings", loaded.documents)
    for family, labels in loaded.labels.items():
        _section(f"{family} labels", labels)
    _section("boilerplate (left out when all of a group is present)", {f"group {n}": group for n, group in enumerate(loaded.boilerplate, 1)})
    _section("page furniture", {"patterns": loaded.furniture})
    for topic, values in loaded.wording.items():
        _section(f"wording: {topic}", values)
    click.echo(f"\n  amounts from the decision text when a record has no financial section: {'yes' if loaded.money_in_decision else 'no'}")
    return EXIT_OK


def _section(title: str, entries: dict) -> None:
    entries = {name: values for name, values in entries.items() if values}
    if not entries:
        return
    click.echo(f"\n  {title}:")
    for name, values in entries.items():
        click.echo(f"    {name}: " + " | ".join(values))


@profiles.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@exits_with_status
def validate(files: tuple[str, ...]) -> int:
    """Check profile files: schema, extends, and every pattern compiled and linear-time safe.

    Problems are printed as FILE:LINE:COL: MESSAGE; exit status 2 when there is one.
    """
    from govlint.engine.common.errors import ProblemsError
    from govlint.engine.profiles.loader import load_profile

    problems = []
    for name in files:
        try:
            loaded = load_profile(name)
        except ProblemsError as error:
            problems += error.problems
            continue
        click.echo(f"{name}: valid profile {loaded.id} {loaded.version}")
    if problems:
        raise ProblemsError(problems)
    return EXIT_OK
