"""`govlint rules test [PACK...]`: run each pack's rule-test fixtures and report per rule."""
from __future__ import annotations

import click

from govlint.checks.shared import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, exits_with_status, report_problem


@click.command("test")
@click.argument("packs", nargs=-1)
@click.option("--verbose", "-v", is_flag=True, help="List every case, not only the failing ones.")
@exits_with_status
def test(packs: tuple[str, ...], verbose: bool) -> int:
    """Run the rule tests (rules/tests/<pack-id>/<rule-id>.yaml) of PACKS (names or files; all shipped packs when none).

    Exit status 1 when a rule fails or has no finding/no_finding case, 2 when a pack cannot be loaded.
    """
    from govlint.engine.packs.loader import PackError, list_available_packs, load_pack
    from govlint.engine.packs.rule_tests import run_pack_tests

    passed = failed = 0
    unloadable = False
    for name in packs or list_available_packs():
        try:
            pack = load_pack(name)
        except PackError as error:
            for problem in error.problems:
                report_problem(str(problem))
            unloadable = True
            continue
        result = run_pack_tests(pack)
        click.echo(f"{pack.id} {pack.version}")
        for problem in result.problems:
            click.echo(f"  FAIL {problem}")
        for rule in result.rules:
            click.echo(f"  {'PASS' if rule.passed else 'FAIL'} {rule.rule_id} ({len(rule.cases)} cases)")
            for problem in rule.problems:
                click.echo(f"         {problem}")
            for case in rule.cases:
                if verbose or not case.passed:
                    click.echo(f"       {'ok  ' if case.passed else 'FAIL'} {case.name}{': ' + case.reason if case.reason else ''}")
            passed, failed = passed + rule.passed, failed + (not rule.passed)
        failed += len(result.problems)
    click.echo(f"{passed} rules passed, {failed} failed")
    return EXIT_BAD_INPUT if unloadable else EXIT_FAILED if failed else EXIT_OK
