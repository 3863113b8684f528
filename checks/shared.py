"""What the commands share: exit codes, how a failure is shown, common options, tables, and a
run's settings (the config, the packs it changes, the papers it selects).

The engine never exits or prints: it raises typed errors (engine.common.errors). Each command
is wrapped in `exits_with_status`, which turns such an error into lines on standard error and
exit status 2, and otherwise exits with the status the command returns. Engine modules are
imported inside the functions, so that `govlint --help` and a one-paper pre-commit run start fast.
"""
from __future__ import annotations

import functools
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import click

from govlint.engine.common.errors import GovlintError, ProblemsError

EXIT_OK = 0
# check: a finding at or above the fail level that no (unexpired) waiver covers; rules test:
# a rule failed its tests.
EXIT_FAILED = 1
# The tool could not do all it was asked: bad usage, a bad pack, config or baseline, or an
# input it could not read.
EXIT_BAD_INPUT = 2
# The pack `govlint init` writes a config for when none is named. (check and report with no pack
# named run each reader profile's pack: engine.checking.config.profile_packs.)
DEFAULT_PACK = "kent-county-council"


def report_problem(message: str) -> None:
    """One line on standard error, whatever the message holds (newlines, undecodable file names)."""
    line = " ".join(message.split()).encode("utf-8", "backslashreplace").decode("utf-8")
    click.echo(f"govlint: {line}", err=True)


def exits_with_status(command):
    """The command, exiting with the status it returns. A typed engine error ends it with exit
    status 2: problems with a place as they are (`path:line:col: message`, like a compiler),
    one a line; any other as one `govlint: …` line."""

    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            status = command(*args, **kwargs)
        except ProblemsError as error:
            for problem in error.problems:
                click.echo(str(problem), err=True)
            status = EXIT_BAD_INPUT
        except GovlintError as error:
            report_problem(str(error))
            status = EXIT_BAD_INPUT
        click.get_current_context().exit(status)

    return run


# A plain path, opened only when the output is written (write_output): click.File would fail
# before the run with click's own exit status 1, which a CI gate reads as "gaps found".
output_option = click.option("--output", "-o", default="-", metavar="FILE", help="Write here instead of standard output.")


class OutputError(GovlintError):
    """The output could not be written (a missing directory, a directory, a full disk)."""


def write_output(path: str, text: str | Iterable[str]) -> None:
    """`text` (or its pieces, written as they come) to the file at `path` ("-": standard
    output), or OutputError with the reason.

    Styles (the text format's colours) are kept or dropped as --color, NO_COLOR and
    FORCE_COLOR decide (`colour_option`); by default they reach a terminal only.
    """
    pieces = _batched([text] if isinstance(text, str) else text)
    try:
        if path == "-":
            for piece in pieces:
                click.echo(piece, nl=False)
            sys.stdout.flush()
            return
        with open(path, "w", encoding="utf-8", errors="backslashreplace", newline="") as handle:
            for piece in pieces:
                click.echo(piece, file=handle, nl=False)
    except OSError as error:
        raise OutputError(f"{'standard output' if path == '-' else path}: cannot write the output: {error.strerror or error}") from None


# Pieces of an output are joined up to about this many characters before each write: a
# template's pieces are a few characters each, and each write has its cost.
_WRITE_BATCH = 1 << 16


def _batched(pieces: Iterable[str]) -> Iterator[str]:
    batch, size = [], 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= _WRITE_BATCH:
            yield "".join(batch)
            batch, size = [], 0
    if batch:
        yield "".join(batch)


profile_option = click.option(
    "--profile",
    metavar="NAME|FILE",
    help="Read every paper with this reader profile (`govlint profiles list`) instead of the one each paper shows, and with no pack named check every paper with its pack; replaces the config's profile.",
)


def _complete_packs(_ctx, _param, incomplete: str) -> list:
    """Shell completion of --pack: the shipped packs' names, then files as the shell has them."""
    from click.shell_completion import CompletionItem

    from govlint.engine.packs.loader import list_available_packs

    names = [CompletionItem(name) for name in list_available_packs() if name.startswith(incomplete)]
    return names or [CompletionItem(incomplete, type="file")]


pack_option = click.option(
    "--pack",
    default=DEFAULT_PACK,
    show_default=True,
    metavar="NAME|FILE",
    shell_complete=_complete_packs,
    help="A pack name (from govlint's rules/ directory) or a pack file.",
)


def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """Left-aligned columns; the last column is not padded."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    return ["  ".join([cell.ljust(width) for cell, width in zip(row, widths)] + [row[-1]]).rstrip() for row in [header, *rows]]


def config_options(command):
    """--pack (repeatable), --config and --no-config: which packs run, with which changes."""
    for option in reversed(
        (
            click.option(
                "--pack",
                "pack_names",
                multiple=True,
                metavar="NAME|FILE",
                shell_complete=_complete_packs,
                help="A pack name (from govlint's rules/ directory) or a pack file; repeat to run several, each on every paper. Replaces the config's packs. Default: the config's packs, else each paper checked with the pack of the reader profile it is read with (`govlint profiles list`; with --profile, that profile's pack).",
            ),
            click.option("--config", "config_file", type=click.Path(dir_okay=False), metavar="FILE", help="Use this config instead of the .govlint.yaml found from the current directory up."),
            click.option("--no-config", is_flag=True, help="Use no config file."),
        )
    ):
        command = option(command)
    return command


def run_options(command):
    """config_options, --profile and the hidden --today, as check and report take them."""
    # The day waivers expire against; for tests and for re-running an old check the same way.
    today = click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), envvar="GOVLINT_TODAY", hidden=True)
    return config_options(profile_option(today(command)))


def gate_day(today):
    """The --today option as a date, else the real today."""
    from datetime import date

    return today.date() if today else date.today()


def checked_papers(papers: list, config, packs: list, today, known=None, whole_corpus: bool = False):
    """The gated result of `packs` on `papers`: the one check step of the pages of `govlint
    serve`, gated as `govlint check` gates its streamed run, so that both report the same findings."""
    from govlint.engine.checking.run import check_papers

    return gated(check_papers(papers, packs), config, packs, today, known, whole_corpus)


def gated(result, config, packs: list, today, known=None, whole_corpus: bool = False):
    """`result` through the gate with the config's waivers and the baseline `known`.
    `whole_corpus`: the run covered the configured corpus, so any waiver matching nothing is stale."""
    from govlint.engine.checking.config import rule_ids
    from govlint.engine.checking.gate import apply_gate

    return apply_gate(
        result, root=config.root, today=gate_day(today), waivers=config.waivers, rule_ids=rule_ids(packs), known=known, whole_corpus=whole_corpus
    )


def checked_inputs(
    paths: tuple[str, ...], max_bytes: int, plan, jobs: int = 1, on_progress=None, profile: str | None = None,
    stdin_filename: str | None = None, scale=None,
) -> tuple[list, list[str]]:
    """Each paper in `paths` read and checked alone (engine.checking.run.PaperCheck), in file
    order, and one message per path that could not be read; `-` is one paper read from standard
    input. Papers stream through (checks.scale.Scale.check): what is kept of each is what the run
    needs of it once it is read. Options as for `parse_papers`."""
    from govlint.engine.checking.batch import check_files
    from govlint.engine.checking.run import check_paper
    from govlint.engine.profiles.loader import named_profile

    if profile:
        named_profile(profile)
    files, unreadable = _find_papers([path for path in paths if path != STDIN])
    checks, problems = [], [str(problem) for problem in unreadable]
    results = scale.check(files, max_bytes, plan, jobs, on_progress, profile) if scale else check_files(files, max_bytes, plan, jobs, on_progress, profile)
    for result in results:
        (problems if isinstance(result, str) else checks).append(result)
    if STDIN in paths:
        paper, problem = _stdin_paper(stdin_filename or "stdin.txt", max_bytes, profile)
        checks += [check_paper(paper, plan)] if paper else []
        problems += [problem] if problem else []
    return checks, sorted(problems)


def parse_papers(paths: tuple[str, ...], max_bytes: int, jobs: int = 1, on_progress=None, profile: str | None = None, scale=None) -> tuple[list, list[str]]:
    """Parsed papers in file order, and one message per path that could not be read or parsed.

    `jobs` processes parse the files (engine.checking.batch); `on_progress(done, total)` follows
    them. `profile` names the reader profile for every paper (None: each paper's own); a bad
    one is a ProfileError before any paper is read. `scale` (checks.scale) takes papers from a
    results store and parses on a cluster.
    """
    from govlint.engine.checking.batch import parse_files
    from govlint.engine.profiles.loader import named_profile

    if profile:
        named_profile(profile)
    files, unreadable = _find_papers(list(paths))
    if scale:
        results = list(scale.parse(files, max_bytes, jobs, on_progress, profile))
    else:
        results = parse_files(files, max_bytes, jobs, on_progress, profile)
    parsed = [result for result in results if not isinstance(result, str)]
    problems = [str(problem) for problem in unreadable] + [result for result in results if isinstance(result, str)]
    return parsed, sorted(problems)


def pack_profile(packs: list) -> str | None:
    """The reader profile the first pack naming one asks for (packs run together read alike)."""
    return next((pack.reader_profile for pack in packs if pack.reader_profile), None)


def configured_packs(pack_names: tuple[str, ...], config_file: str | None, no_config: bool, profile: str | None = None) -> tuple:
    """The config and the packs to run with its changes applied, or ConfigError with every
    problem of the config and the packs. `pack_names` replace the config's; with neither, the
    reader profiles' packs (engine.checking.config.profile_packs), `profile` (--profile) replacing the config's."""
    from dataclasses import replace

    from govlint.engine.checking.config import ConfigError, apply_config, in_order, name_problems, profile_packs

    if config_file and no_config:
        raise click.UsageError("give --config or --no-config, not both")
    config, problems = _read_config(config_file, no_config)
    named = pack_names or config.packs
    scopes = {} if named else profile_packs(profile or config.profile)
    packs = _load_packs(tuple(named or scopes), problems)
    if scopes:
        packs = [replace(pack, for_profiles=scope) for pack, scope in zip(packs, scopes.values())]
    problems += name_problems(packs, config)
    if problems:
        raise ConfigError(in_order(problems))
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


def _load_packs(names: tuple[str, ...], config_problems: list) -> list:
    """Every named pack, or ConfigError with all their problems after the config's."""
    from govlint.engine.checking.config import ConfigError
    from govlint.engine.packs.loader import PackError, load_pack

    packs, problems = [], []
    for name in dict.fromkeys(names):
        try:
            packs.append(load_pack(name))
        except PackError as error:
            problems += error.problems
    if problems:
        raise ConfigError(config_problems + problems)
    return packs


def paper_files(paths: list[str], config) -> tuple[list[str], list[str]]:
    """Named files as given; papers found in directories when the config's globs select them."""
    from govlint.engine.checking.config import selects

    named = [path for path in paths if not os.path.isdir(path)]
    found, problems = _find_papers([path for path in paths if os.path.isdir(path)])
    return named + [paper for paper in found if selects(config, paper)], [str(problem) for problem in problems]


def covers_corpus(paths: list[str], config) -> bool:
    """Whether the run was given the whole configured corpus (a directory at or above the
    config's own): only then may a waiver whose decision was not seen be called stale."""
    root = os.path.abspath(config.root)
    for path in paths:
        if os.path.isdir(path):
            given = os.path.abspath(path)
            if root == given or root.startswith(given.rstrip(os.sep) + os.sep):
                return True
    return False


STDIN = "-"
stdin_name_option = click.option(
    "--stdin-filename",
    metavar="NAME",
    help="The name a paper read from standard input (PATH `-`) is reported under; its suffix says how to read it (.txt, .md, .docx, .pdf). Default: stdin.txt.",
)


def _stdin_paper(name: str, max_bytes: int, profile: str | None):
    """Standard input read as a paper named `name`. The reader takes files, so the bytes go to a
    private temporary file with the name's suffix; findings and problems then name `name`."""
    import sys
    import tempfile
    from dataclasses import replace

    data = sys.stdin.buffer.read(max_bytes + 1)
    with tempfile.TemporaryDirectory(prefix="govlint-") as directory:
        path = os.path.join(directory, "stdin" + os.path.splitext(name)[1])
        with open(path, "wb") as handle:
            handle.write(data)
        parsed, problems = parse_papers((path,), max_bytes, profile=profile)
    if problems:
        return None, problems[0].replace(path, name)
    return replace(parsed[0], source=name), None


def _colour(ctx: click.Context, _param, value: str | None) -> None:
    """--color, then NO_COLOR (https://no-color.org), then FORCE_COLOR (https://force-color.org),
    then whether the output is a terminal (click's own default). A subcommand given no --color
    keeps what its group was given."""
    if value is None and ctx.parent is not None and ctx.parent.color is not None:
        return
    if value in ("always", "never"):
        ctx.color = value == "always"
    elif os.environ.get("NO_COLOR"):
        ctx.color = False
    elif os.environ.get("FORCE_COLOR") not in (None, "", "0"):
        ctx.color = True
    else:
        ctx.color = None


colour_option = click.option(
    "--color",
    type=click.Choice(("auto", "always", "never")),
    callback=_colour,
    expose_value=False,
    is_eager=True,
    help="Colour the text output: auto (on a terminal, unless NO_COLOR is set or FORCE_COLOR forces it), always or never.",
)


def _find_papers(paths: list[str]) -> tuple[list[str], list]:
    """Papers in files and directories; a folder filled by `govlint fetch` holds the papers its
    manifest lists (service responses and pages as well as documents)."""
    from govlint.engine.moderngov.manifest import ManifestError, fetched_papers, is_fetched_folder
    from govlint.engine.reading.files import find_papers

    fetched = [path for path in paths if is_fetched_folder(path)]
    found, problems = find_papers([path for path in paths if path not in fetched])
    for folder in fetched:
        try:
            papers, missing = fetched_papers(folder)
        except ManifestError as error:
            papers, missing = [], [str(error)]
        found, problems = found + papers, problems + missing
    return sorted(set(found)), problems


@contextmanager
def progress_bar(label: str):
    """A callback `(done, total)` drawing a bar on standard error as work is done; none when
    standard error is not a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    bar = None

    def advance(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:  # the amount of work is known only once it starts (directories walked, listings read)
            bar = click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True)
        bar.update(1)

    try:
        yield advance
    finally:
        if bar is not None:
            bar.render_finish()
