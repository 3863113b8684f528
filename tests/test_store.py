"""The results store (--store) on SQLite and on a real PostgreSQL server.

PostgreSQL: `.ci/run` starts Debian's server and exports GOVLINT_TEST_POSTGRES, a URL whose role
may create databases; each test gets a database of its own. Outside CI without that variable the
PostgreSQL cases are skipped (saying why); in CI (CI=true) they fail.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.bench_report import write_corpus
from govlint.checks.cli import main
from govlint.checks.formatters.report_trend import with_trend as trend_with
from govlint.checks.formatters.report_trend import without_trend as trend_cut
from govlint.engine.checking import batch
from tests.test_moderngov_fetch import pdfs, site  # noqa: F401 - the stand-in ModernGov site, for fetch --store

sqlalchemy = pytest.importorskip("sqlalchemy", reason="the store extra is not installed: pip install 'govlint[store]'")

POSTGRES = os.environ.get("GOVLINT_TEST_POSTGRES")
TODAY = "2025-06-01"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        yield str(tmp_path / "results.db")
        return
    if not POSTGRES:
        message = "GOVLINT_TEST_POSTGRES is not set: no PostgreSQL server to test the store on (.ci/run starts one)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    yield from _fresh_postgres_database()


def _fresh_postgres_database():
    import psycopg

    base = sqlalchemy.engine.make_url(POSTGRES.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"govlint_test_{uuid.uuid4().hex[:12]}"
    admin = dict(host=base.host, port=base.port, user=base.username, password=base.password, dbname=base.database, autocommit=True)
    with psycopg.connect(**admin) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False).replace("postgresql+psycopg://", "postgresql://", 1)
    finally:
        with psycopg.connect(**admin) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def papers(tmp_path) -> Path:
    directory = tmp_path / "papers"
    directory.mkdir()
    write_corpus(directory, 24, seed=7)
    return directory


@pytest.fixture
def parsed_names(monkeypatch) -> list[str]:
    """The papers actually parsed (not taken from the store), in-process (--jobs 1)."""
    names = []
    real = batch.parse_file

    def counting(name, *arguments):
        names.append(name)
        return real(name, *arguments)

    monkeypatch.setattr(batch, "parse_file", counting)
    return names


def report(papers: Path, out: Path, *options: str) -> tuple[bytes, str, str]:
    result = CliRunner().invoke(
        main, ["report", str(papers), "-o", str(out), "--no-config", "--jobs", "1", "--today", TODAY, *options], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    return out.read_bytes(), result.stdout, result.stderr


def without_trend(report_bytes: bytes, output_format: str = "html") -> bytes:
    """The report less its section on what changed since the previous report, which a report
    through the store adds once a report before it was recorded; the section must be there."""
    text = report_bytes.decode("utf-8")
    cut = trend_cut(text, output_format)
    assert cut != text, "no section on what changed since the previous report"
    return cut.encode("utf-8")


def check_findings(papers: Path) -> Counter:
    result = CliRunner().invoke(main, ["check", str(papers), "--no-config", "--format", "json", "--today", TODAY, "--fail-on", "never"])
    assert result.exit_code == 0, result.stderr
    return Counter((f["source"], f["rule"]) for f in json.loads(result.stdout)["findings"])


def drop_assessments(path: Path) -> bool:
    """Remove every line about the equality and data protection assessments (new gaps); False
    when the paper has none."""
    text = path.read_text(encoding="utf-8")
    changed = re.sub(r"(?mi)^.*(equalit|eqia|data protection|dpia).*\n", "", text)
    path.write_text(changed, encoding="utf-8")
    return changed != text


def test_a_report_through_the_store_reads_only_what_changed_and_is_byte_identical(store_url, papers, tmp_path, parsed_names):
    plain, _, _ = report(papers, tmp_path / "plain.html")
    parsed_names.clear()
    first, _, stderr = report(papers, tmp_path / "first.html", "--store", store_url)
    assert first == plain
    assert len(parsed_names) == 24
    assert "run 1 recorded" in stderr

    parsed_names.clear()
    second, _, stderr = report(papers, tmp_path / "second.html", "--store", store_url)
    assert without_trend(second) == plain and parsed_names == []
    assert "since run 1" in stderr and "0 gaps closed, 0 new" in stderr

    before = check_findings(papers)
    changed = []
    for path in sorted(papers.glob("*.txt")):
        if len(changed) < 2 and drop_assessments(path):
            changed.append(path)
    after = check_findings(papers)
    parsed_names.clear()
    third, listed, stderr = report(papers, tmp_path / "third.html", "--store", store_url, "--since", "2")
    assert sorted(parsed_names) == [str(path) for path in changed]
    assert without_trend(third) == report(papers, tmp_path / "plain3.html")[0]

    # What --since lists is what a plain check sees change, and only in the edited papers.
    new = [line for line in listed.splitlines() if line.startswith("new: ")]
    closed = [line for line in listed.splitlines() if line.startswith("closed: ")]
    assert len(new) - len(closed) == sum(after.values()) - sum(before.values()) > 0
    assert all(line.split(" ")[1].rsplit(":", 2)[0] in {str(p) for p in changed} for line in new + closed)
    assert f"{len(closed)} gaps closed, {len(new)} new" in stderr


def test_the_report_says_what_changed_since_the_previous_report(store_url, papers, tmp_path, parsed_names):
    markdown, as_json = ("--format", "markdown", "--store", store_url), ("--format", "json", "--store", store_url)
    plain_markdown = report(papers, tmp_path / "plain.md", "--format", "markdown")[0]
    assert report(papers, tmp_path / "first.md", *markdown)[0] == plain_markdown  # a first report has no section

    originals = {path: path.read_bytes() for path in papers.glob("*.txt")}
    changed = []
    for path in sorted(originals):
        if len(changed) < 2 and drop_assessments(path):
            changed.append(str(path))
    second, listed, _ = report(papers, tmp_path / "second.json", *as_json, "--since", "1")
    trend = json.loads(second)["since_previous_report"]
    assert without_trend(second, "json") == report(papers, tmp_path / "plain.json", "--format", "json")[0]
    # The section holds what --since lists, and only findings of the edited papers.
    for kind in ("new", "closed"):
        lines = sorted(line.split(" ", 2)[1] for line in listed.splitlines() if line.startswith(f"{kind}: "))
        findings = trend[f"{kind}_findings"]
        assert trend[kind] == len(findings) == len(lines) == sum(row[kind] for row in trend["by_rule"])
        assert sorted(f"{f['source']}:{f['line']}:" for f in findings) == lines
        assert {f["source"] for f in findings} <= set(changed)
    assert trend["run"] == 1 and trend["new"] > 0

    # The papers as they were: the first report is written back from the store, no paper read,
    # with a section saying what changed since the second.
    for path, content in originals.items():
        path.write_bytes(content)
    parsed_names.clear()
    third = report(papers, tmp_path / "third.md", *markdown)[0].decode("utf-8")
    assert parsed_names == []
    assert without_trend(third.encode("utf-8"), "markdown") == plain_markdown
    gaps = {kind: sum(f["severity"] in ("error", "warning") for f in trend[f"{kind}_findings"]) for kind in ("new", "closed")}
    assert f"(run 2, " in third and f"{gaps['new']} gaps closed, {gaps['closed']} new" in third
    section = third.split("## Since the previous report", 1)[1].split("## Compliance per rule", 1)[0]
    closed_listed = section.split("### Closed", 1)[1].split("###", 1)[0]
    assert sorted(line.split("`")[1] for line in closed_listed.splitlines() if line.startswith("- `")) == sorted(
        f"{f['source']}:{f['line']}" for f in trend["new_findings"]
    )


def test_the_section_on_what_changed_is_the_same_for_the_same_store(papers, tmp_path):
    store = tmp_path / "results.db"
    report(papers, tmp_path / "first.html", "--store", str(store))
    drop_assessments(sorted(papers.glob("*.txt"))[0])
    kept = tmp_path / "kept.db"
    shutil.copy(store, kept)
    outputs = []
    for attempt in range(2):
        shutil.copy(kept, store)
        outputs.append(report(papers, tmp_path / f"again-{attempt}.html", "--store", str(store), "--jobs", str(attempt + 1))[0])
    assert outputs[0] == outputs[1] and b'id="since-previous-report"' in outputs[0]


def test_prune_keeps_the_newest_runs_of_each_command_and_the_papers_they_refer_to(store_url, papers, tmp_path, parsed_names):
    from govlint.engine.store.store import open_store

    report(papers, tmp_path / "1.html", "--store", store_url)  # run 1
    edited = next(path for path in sorted(papers.glob("*.txt")) if drop_assessments(path))
    report(papers, tmp_path / "2.html", "--store", store_url)  # run 2: the edited paper's old records now unreferred by it
    assert CliRunner().invoke(main, ["check", str(papers), "--no-config", "-q", "--fail-on", "never", "--store", store_url]).exit_code == 0  # run 3
    report(papers, tmp_path / "4.html", "--store", store_url)  # run 4

    def stored() -> tuple[list, int, list]:
        with open_store(store_url) as store, store.engine.connect() as connection:
            runs = [tuple(row) for row in connection.exec_driver_sql("SELECT id, command FROM runs ORDER BY id")]
            outputs = connection.exec_driver_sql("SELECT run_id FROM outputs ORDER BY run_id").scalars().all()
            return runs, connection.exec_driver_sql("SELECT count(*) FROM papers").scalar(), outputs

    # Run 4 wrote run 2's output again, from the store: the output is now run 4's.
    assert stored() == ([(1, "report"), (2, "report"), (3, "check"), (4, "report")], 25, [1, 4])
    result = CliRunner().invoke(main, ["store", "prune", "--store", store_url, "--keep", "1"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("pruned 2 runs and the records of 1 paper from ")
    assert stored() == ([(3, "check"), (4, "report")], 24, [4])
    with open_store(store_url) as store:
        assert store.run_findings(1) == store.run_findings(2) == [] and store.run_findings(4)

    # Nothing the kept runs refer to was dropped: the next report reads no paper, and says
    # what changed since the report kept.
    parsed_names.clear()
    again, _, stderr = report(papers, tmp_path / "5.html", "--store", store_url)
    assert parsed_names == [] and "since run 4 " in stderr
    assert without_trend(again) == without_trend((tmp_path / "2.html").read_bytes()) and b"(run 4, " in again
    assert CliRunner().invoke(main, ["store", "prune", "--store", store_url, "--keep", "1"]).stdout.startswith("pruned 1 run and the records of 0 papers")
    assert CliRunner().invoke(main, ["store", "prune", "--store", store_url, "--keep", "0"]).exit_code == 2


def test_a_report_compares_itself_with_the_previous_report_on_the_same_papers(store_url, papers, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    write_corpus(other, 6, seed=8)
    report(papers, tmp_path / "1.md", "--format", "markdown", "--store", store_url)  # run 1
    _, _, stderr = report(other, tmp_path / "2.md", "--format", "markdown", "--store", store_url)  # run 2
    assert "since run" not in stderr  # the first report on those papers
    third, _, stderr = report(papers, tmp_path / "3.md", "--format", "markdown", "--store", store_url)
    assert "since run 1 " in stderr and b"(run 1, " in third and b"0 gaps closed, 0 new" in third


@pytest.mark.parametrize("output_format", ["html", "markdown", "json", "csv"])
def test_the_section_goes_in_the_same_whether_the_report_comes_whole_or_in_pieces(papers, tmp_path, output_format):
    from govlint.engine.store.store import Run, RunFinding, Trend

    plain = report(papers, tmp_path / "plain", "--format", output_format)[0].decode("utf-8")
    finding = RunFinding("f" * 64, "kent-county-council", "eqia-missing", "error", "papers/a <b>.txt", 12, "24/00001", 'No "EqIA" | here')
    trend = Trend(Run(3, "report", "2026-12-01T02:00:04+00:00", "2026-12-01T02:01:00+00:00", 24, 7), [finding], [finding, replace(finding, line=40)])
    whole = "".join(trend_with(plain, output_format, trend))
    for size in (1, 3, 7, 4096):
        assert "".join(trend_with((plain[at : at + size] for at in range(0, len(plain), size)), output_format, trend)) == whole
    assert "".join(trend_with(plain, output_format, None)) == plain
    if output_format == "csv":  # one table for spreadsheets: no section
        assert whole == plain
        return
    assert trend_cut(whole, output_format) == plain != whole
    assert "run 3" in whole or '"run": 3' in whole
    if output_format == "json":
        assert json.loads(whole)["since_previous_report"]["new"] == 2


def test_changed_packs_recheck_stored_papers_without_reading_them(store_url, papers, tmp_path, parsed_names):
    report(papers, tmp_path / "kcc.html", "--store", store_url)
    parsed_names.clear()
    other, _, _ = report(papers, tmp_path / "other.html", "--store", store_url, "--pack", "england-executive-decisions")
    assert parsed_names == []
    assert without_trend(other) == report(papers, tmp_path / "plain.html", "--pack", "england-executive-decisions")[0]
    assert without_trend(other) != (tmp_path / "kcc.html").read_bytes()


def test_another_reader_profile_reads_every_paper_again(store_url, papers, tmp_path, parsed_names):
    report(papers, tmp_path / "own.html", "--store", store_url)
    parsed_names.clear()
    forced, _, _ = report(papers, tmp_path / "forced.html", "--store", store_url, "--profile", "english-councils")
    assert len(parsed_names) == 24
    assert without_trend(forced) == report(papers, tmp_path / "plain.html", "--profile", "english-councils")[0]


def test_a_moved_paper_is_found_by_its_content(store_url, papers, tmp_path, parsed_names):
    report(papers, tmp_path / "before.html", "--store", store_url)
    moved = tmp_path / "moved"
    shutil.move(papers, moved)
    parsed_names.clear()
    through_store, _, _ = report(moved, tmp_path / "after.html", "--store", store_url, "--format", "csv")
    assert parsed_names == []
    assert through_store == report(moved, tmp_path / "plain.csv", "--format", "csv")[0]


def test_check_through_the_store_prints_what_a_plain_check_prints(store_url, papers):
    def check(*options):
        return CliRunner().invoke(main, ["check", str(papers), "--no-config", "--format", "json", "--today", TODAY, *options])

    plain = check()
    for _ in range(2):
        stored = check("--store", store_url)
        assert (stored.exit_code, stored.stdout) == (plain.exit_code, plain.stdout)


def test_since_an_unknown_run_or_without_a_store_is_refused(store_url, papers, tmp_path):
    result = CliRunner().invoke(main, ["report", str(papers), "-o", str(tmp_path / "r.html"), "--store", store_url, "--since", "9"])
    assert result.exit_code == 2 and result.stderr.strip().endswith("no run 9 in the store")
    result = CliRunner().invoke(main, ["report", str(papers), "-o", str(tmp_path / "r.html"), "--since", "1"])
    assert result.exit_code == 2 and "--since needs --store" in result.stderr


def _refused(papers: Path, store: str) -> str:
    result = CliRunner().invoke(main, ["check", str(papers), "--no-config", "-q", "--store", store])
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("govlint: ")
    return result.stderr


def _tables(url: str) -> set[str]:
    from govlint.engine.store.store import store_url as sqlalchemy_url

    engine = sqlalchemy.create_engine(sqlalchemy_url(url))
    try:
        return set(sqlalchemy.inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_a_foreign_database_is_refused_and_left_alone(store_url, papers):
    from govlint.engine.store.store import store_url as sqlalchemy_url

    engine = sqlalchemy.create_engine(sqlalchemy_url(store_url))
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    engine.dispose()
    assert "not a govlint results store" in _refused(papers, store_url)
    assert _tables(store_url) == {"invoices"}


def test_a_store_of_a_newer_schema_is_refused(store_url, papers):
    from govlint.engine.store.store import store_url as sqlalchemy_url

    CliRunner().invoke(main, ["check", str(papers), "--no-config", "-q", "--store", store_url])
    engine = sqlalchemy.create_engine(sqlalchemy_url(store_url))
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    engine.dispose()
    assert "newer than this govlint knows" in _refused(papers, store_url)


@pytest.mark.parametrize("content", [b"not a database at all\n" * 200, b"SQLite format 3\x00" + b"\xff" * 4000])
def test_a_file_that_is_no_sqlite_database_is_refused(papers, tmp_path, content):
    path = tmp_path / "results.db"
    path.write_bytes(content)
    assert "results store failed" in _refused(papers, str(path))
    assert path.read_bytes() == content


def test_two_processes_on_one_new_store(store_url, tmp_path):
    """Both create the schema at once, read overlapping papers and record their runs; then a third
    run finds every paper stored, once."""
    shared_papers, first_only, second_only = (tmp_path / name for name in ("shared", "first", "second"))
    for directory, seed in ((shared_papers, 1), (first_only, 2), (second_only, 3)):
        directory.mkdir()
        write_corpus(directory, 10, seed=seed)
    command = [str(Path(sys.executable).with_name("govlint")), "check", "--no-config", "-q", "--fail-on", "never", "--store", store_url]
    processes = [subprocess.Popen([*command, str(shared_papers), str(mine)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for mine in (first_only, second_only)]
    outcomes = [process.communicate(timeout=120) + (process.returncode,) for process in processes]
    for stdout, stderr, code in outcomes:
        assert code == 0, stderr
        assert "recorded in" in stderr

    from govlint.engine.store.store import open_store

    with open_store(store_url) as store:
        runs = [store.run(1), store.run(2)]
        assert sorted(run.papers for run in runs) == [20, 20] and store.run(3) is None
        with store.engine.connect() as connection:
            stored = connection.exec_driver_sql("SELECT content_key FROM papers").scalars().all()
            if store.engine.dialect.name == "sqlite":
                assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert len(stored) == len(set(stored)) == len({p.read_bytes() for d in (shared_papers, first_only, second_only) for p in d.iterdir()})


def test_the_schema_revision_is_the_newest_migration():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from govlint.engine.store.store import SCHEMA_REVISION

    config = Config()
    config.set_main_option("script_location", "govlint.engine.store:migrations")
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_REVISION


def test_a_store_of_the_first_schema_is_migrated(tmp_path, papers):
    from alembic import command
    from alembic.config import Config

    from govlint.engine.store.schema import identity
    from govlint.engine.store.store import IDENTITY, open_store, store_url as sqlalchemy_url

    path = str(tmp_path / "results.db")
    engine = sqlalchemy.create_engine(sqlalchemy_url(path))
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", "govlint.engine.store:migrations")
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(identity.insert().values(name=IDENTITY[0], value=IDENTITY[1]))
    engine.dispose()
    assert "scope" not in {column["name"] for column in sqlalchemy.inspect(sqlalchemy.create_engine(sqlalchemy_url(path))).get_columns("runs")}
    first, _, _ = report(papers, tmp_path / "1.html", "--store", path)
    second, _, stderr = report(papers, tmp_path / "2.html", "--store", path)
    assert "since run 1 " in stderr and without_trend(second) == first
    with open_store(path) as store, store.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0002"


def test_the_migrations_build_the_schema_the_code_declares(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from govlint.engine.store.schema import metadata
    from govlint.engine.store.store import open_store

    with open_store(str(tmp_path / "results.db")) as store, store.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []


def test_fetch_reads_the_new_papers_into_the_store(tmp_path, request):
    """`fetch --store` against the stand-in ModernGov site: a report after it reads no paper."""
    from tests.test_moderngov_fetch import _fetch

    site = request.getfixturevalue("site")
    store, folder = str(tmp_path / "results.db"), tmp_path / "fetched"
    fetched = _fetch(site, folder, "--store", store)
    assert fetched.exit_code == 0, fetched.stderr
    assert "run 1 recorded" in fetched.stderr
    parsed_names = request.getfixturevalue("parsed_names")  # counting from here: the fetch read in processes

    def run(out: str, *options: str):
        result = CliRunner().invoke(main, ["report", str(folder), "-o", str(tmp_path / out), "--no-config", "--jobs", "1", "--today", TODAY, *options])
        return result.exit_code, (tmp_path / out).read_bytes()

    through_store = run("stored.html", "--store", store)
    assert parsed_names == []
    assert through_store == run("plain.html")
