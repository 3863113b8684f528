"""The results store: a database of papers' records, runs and outputs (`--store URL`).

SQLite by default (a file path or sqlite:///PATH), PostgreSQL by URL (postgresql://...), both
through SQLAlchemy Core and one schema that Alembic migrates. Opening a store checks what the
database holds first: an empty database becomes a store, a store of an older schema is
migrated, anything else (another application's tables, a newer schema, a file that is no
database) is refused with one line, never written to.

Several processes may use one store at once. Every write is one short transaction: on SQLite
taken with BEGIN IMMEDIATE (the write lock up front, so two writers queue on the busy timeout
instead of deadlocking), on PostgreSQL under its own row locks; a paper's records are inserted
"on conflict do nothing", so two runs reading the same new paper both succeed. Migrations run
under the same lock (on PostgreSQL an advisory lock), so two first runs on an empty database
create the schema once.
"""
from __future__ import annotations

import json
import os
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import islice

from govlint.engine.common.errors import GovlintError

IDENTITY = ("format", "govlint results store")
# The newest migration (engine/store/migrations/versions): the schema engine.store.schema declares.
SCHEMA_REVISION = "0002"
# A fixed key for PostgreSQL's advisory lock around opening (and migrating) a store.
_OPEN_LOCK = 0x676F766C
# Rows per statement when looking up or inserting many: well under SQLite's 32,766 variables.
_BATCH = 500
# How long a SQLite writer waits for another's transaction to end before giving up.
_BUSY_MS = 120_000


class StoreError(GovlintError):
    """The store cannot be opened or used; the message is one line naming it."""


@dataclass(frozen=True)
class RunFinding:
    """A finding as a run recorded it: enough to say what changed between two runs."""

    fingerprint: str
    pack_id: str
    rule: str
    severity: str
    source: str
    line: int
    record: str
    message: str


@dataclass(frozen=True)
class Run:
    id: int
    command: str
    started_at: str
    finished_at: str
    papers: int
    findings: int


@dataclass(frozen=True)
class Trend:
    """What changed between a run and the previous run of its command: the findings closed and new."""

    previous: Run
    closed: list[RunFinding]
    new: list[RunFinding]


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def store_url(text: str) -> str:
    """The SQLAlchemy URL for `--store TEXT`: a bare path is a SQLite file; postgresql:// uses psycopg 3."""
    if "://" not in text:
        return "sqlite:///" + os.path.abspath(text)
    scheme, rest = text.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return "postgresql+psycopg://" + rest
    return text


def _reason(error: BaseException) -> str:
    """The first line of a driver's error, without SQLAlchemy's statement dump and links."""
    cause = getattr(error, "orig", None) or error
    return (str(cause).strip().splitlines() or [type(cause).__name__])[0]


class Store:
    """An open store; use `open_store`."""

    def __init__(self, engine, shown: str):
        self.engine = engine
        self.shown = shown

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    @contextmanager
    def _guard(self) -> Iterator[None]:
        from sqlalchemy.exc import SQLAlchemyError

        try:
            yield
        except (SQLAlchemyError, self.engine.dialect.dbapi.Error) as error:
            raise StoreError(f"{self.shown}: results store failed: {_reason(error)}") from None

    @contextmanager
    def _reading(self):
        with self._guard(), self.engine.connect() as connection:
            yield connection.execution_options(govlint_read=True)

    @contextmanager
    def _writing(self):
        with self._guard(), self.engine.begin() as connection:
            yield connection

    def _insert_ignoring_duplicates(self, table):
        if self.engine.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        return insert(table).on_conflict_do_nothing()

    # Papers -------------------------------------------------------------------------------

    def stored_papers(self, keys: list[str], reader_digest: str) -> dict[str, bytes]:
        """The stored records of those `keys` read by this reader, as kept (engine.store.papers.paper_blob)."""
        from sqlalchemy import select

        from govlint.engine.store.schema import papers

        found = {}
        with self._reading() as connection:
            for chunk in batched(dict.fromkeys(keys), _BATCH):
                query = select(papers.c.content_key, papers.c.records).where(
                    papers.c.reader_digest == reader_digest, papers.c.content_key.in_(chunk)
                )
                found.update((key, blob) for key, blob in connection.execute(query))
        return found

    def save_papers(self, items: list[tuple[str, bytes]], reader_digest: str) -> None:
        """Store (content key, records as kept) pairs; a key another run stored first is kept.

        Rows go in key order: two runs inserting the same new keys then wait on each other's
        keys in one order, never in a cycle (a deadlock, on PostgreSQL)."""
        from govlint.engine.store.schema import papers

        stamp = now()
        rows = [
            {"content_key": key, "reader_digest": reader_digest, "stored_at": stamp, "records": blob}
            for key, blob in sorted(dict(items).items())
        ]
        for chunk in batched(rows, _BATCH):
            with self._writing() as connection:
                connection.execute(self._insert_ignoring_duplicates(papers), list(chunk))

    # Runs ---------------------------------------------------------------------------------

    def record_run(
        self,
        command: str,
        scope: str,
        started_at: str,
        version: str,
        reader_digest: str,
        packs: list[tuple[str, str, str]],
        packs_digest: str,
        papers: list[tuple[str, str | None]],
        findings: list[RunFinding] | int,
    ) -> int:
        """A finished run, with its papers (source, content key or None when unreadable) and
        findings; `findings` as the id of an earlier run whose findings this one repeats."""
        from sqlalchemy import insert, literal, select

        from govlint.engine.store.schema import run_findings, run_papers, runs

        with self._writing() as connection:
            copied = findings if isinstance(findings, int) else None
            count = (
                connection.execute(select(runs.c.findings).where(runs.c.id == copied)).scalar_one()
                if copied is not None else len(findings)
            )
            run_id = connection.execute(
                insert(runs).values(
                    command=command, scope=scope, started_at=started_at, finished_at=now(), govlint_version=version,
                    reader_digest=reader_digest, packs_digest=packs_digest, packs=json.dumps(packs),
                    papers=sum(key is not None for _, key in papers), unreadable=sum(key is None for _, key in papers),
                    findings=count,
                )
            ).inserted_primary_key[0]
            for chunk in batched(enumerate(papers), _BATCH):
                connection.execute(insert(run_papers), [{"run_id": run_id, "seq": seq, "source": source, "content_key": key} for seq, (source, key) in chunk])
            if copied is not None:
                columns = [c.name for c in run_findings.columns if c.name != "run_id"]
                connection.execute(
                    insert(run_findings).from_select(
                        ["run_id", *columns],
                        select(literal(run_id), *(run_findings.c[name] for name in columns)).where(run_findings.c.run_id == copied),
                    )
                )
            else:
                for chunk in batched(enumerate(findings), _BATCH):
                    connection.execute(insert(run_findings), [{"run_id": run_id, "seq": seq, **vars(f)} for seq, f in chunk])
        return run_id

    def run(self, run_id: int) -> Run | None:
        from sqlalchemy import select

        from govlint.engine.store.schema import runs

        with self._reading() as connection:
            row = connection.execute(
                select(runs.c.id, runs.c.command, runs.c.started_at, runs.c.finished_at, runs.c.papers, runs.c.findings).where(runs.c.id == run_id)
            ).first()
        return Run(*row) if row else None

    def previous_run(self, run_id: int) -> Run | None:
        """The last run recorded before run `run_id` of its command on its scope."""
        from sqlalchemy import func, select

        from govlint.engine.store.schema import runs

        this = runs.alias("this")
        with self._reading() as connection:
            last = connection.execute(
                select(func.max(runs.c.id)).join(this, this.c.id == run_id).where(runs.c.command == this.c.command, runs.c.scope == this.c.scope, runs.c.id < run_id)
            ).scalar()
        return self.run(last) if last is not None else None

    def run_findings(self, run_id: int) -> list[RunFinding]:
        from sqlalchemy import select

        from govlint.engine.store.schema import run_findings

        columns = [c for c in run_findings.columns if c.name not in ("run_id", "seq")]
        with self._reading() as connection:
            rows = connection.execute(select(*columns).where(run_findings.c.run_id == run_id).order_by(run_findings.c.seq))
            return [RunFinding(*row) for row in rows]

    def changes(self, old: int, new: int) -> tuple[list[RunFinding], list[RunFinding]]:
        """Findings of run `old` that run `new` no longer has (closed), and those it has anew.

        Findings are matched by fingerprint (engine.checking.baseline), which survives a paper's
        lines moving; a fingerprint found twice in one run and once in the other counts once."""
        before, after = self.run_findings(old), self.run_findings(new)
        return _difference(before, after), _difference(after, before)

    def trend(self, run_id: int) -> Trend | None:
        """The changes since the run before run `run_id` (`previous_run`); None for the first."""
        previous = self.previous_run(run_id)
        return Trend(previous, *self.changes(previous.id, run_id)) if previous else None

    def prune(self, keep: int) -> tuple[int, int]:
        """Drop all but the `keep` newest runs of each command (their papers lists, findings and
        outputs with them), then the stored papers no run left refers to; (runs, papers) dropped.

        A paper is referred to by a run that covered its content with the same reader. A run
        still under way has not been recorded: the papers it stored may be dropped, and are read
        again by the next run that needs them, the only cost."""
        from sqlalchemy import delete, func, select, tuple_

        from govlint.engine.store.schema import papers, run_papers, runs

        later = runs.alias("later")
        newer = select(func.count()).select_from(later).where(later.c.command == runs.c.command, later.c.id > runs.c.id).correlate(runs).scalar_subquery()
        # One pass over the runs' papers (a correlated lookup per paper would scan them once a paper).
        # Unreadable papers (no key) are left out: a NULL would make NOT IN match nothing.
        referred = (
            select(run_papers.c.content_key, runs.c.reader_digest)
            .join(runs, runs.c.id == run_papers.c.run_id)
            .where(run_papers.c.content_key.is_not(None))
        )
        with self._writing() as connection:
            dropped_runs = connection.execute(delete(runs).where(newer >= keep)).rowcount
            dropped_papers = connection.execute(delete(papers).where(tuple_(papers.c.content_key, papers.c.reader_digest).not_in(referred))).rowcount
        return dropped_runs, dropped_papers

    # Outputs ------------------------------------------------------------------------------

    def stored_output(self, key: str) -> tuple[int, bytes] | None:
        """The run that wrote the output made from inputs digested as `key`, and the output."""
        from sqlalchemy import select

        from govlint.engine.store.schema import outputs

        with self._reading() as connection:
            row = connection.execute(select(outputs.c.run_id, outputs.c.content).where(outputs.c.key == key)).first()
        return (row[0], zlib.decompress(row[1])) if row else None

    def reuse_output(self, key: str, run_id: int) -> None:
        """The output under `key` written again by run `run_id`: it is now that run's, and is kept
        as long as that run is (`prune`)."""
        from sqlalchemy import update

        from govlint.engine.store.schema import outputs

        with self._writing() as connection:
            connection.execute(update(outputs).where(outputs.c.key == key).values(run_id=run_id))

    def save_output(self, key: str, run_id: int, content: bytes) -> None:
        from govlint.engine.store.schema import outputs

        with self._writing() as connection:
            connection.execute(self._insert_ignoring_duplicates(outputs), {"key": key, "run_id": run_id, "content": zlib.compress(content)})


def batched(items, size: int) -> Iterator[tuple]:
    """`items` in tuples of `size` (itertools.batched from Python 3.12)."""
    iterator = iter(items)
    while chunk := tuple(islice(iterator, size)):
        yield chunk


def _difference(these: list[RunFinding], those: list[RunFinding]) -> list[RunFinding]:
    """`these` less `those`, as multisets of fingerprints: the baseline's comparison."""
    from govlint.engine.checking.baseline import hide_known

    kept, _ = hide_known(tuple(these), Counter(f.fingerprint for f in those))
    return sorted(kept, key=lambda f: (f.source, f.line, f.pack_id, f.rule, f.record))


def open_store(text: str) -> Store:
    """The store at `text` (a path or URL), created or migrated as needed, else StoreError."""
    try:
        import sqlalchemy
        from sqlalchemy.engine import make_url
    except ImportError:
        raise StoreError("--store needs the store extra: pip install 'govlint[store]'") from None
    url = store_url(text)
    try:
        shown = make_url(url).render_as_string(hide_password=True) if "://" in text else text
    except (sqlalchemy.exc.ArgumentError, ValueError) as error:
        raise StoreError(f"{text}: not a store path or database URL: {_reason(error)}") from None
    try:
        engine = sqlalchemy.create_engine(url)
    except (sqlalchemy.exc.SQLAlchemyError, ImportError, ValueError) as error:
        raise StoreError(f"{shown}: cannot open the results store: {_reason(error)}") from None
    if engine.dialect.name == "sqlite":
        _serialise_sqlite(engine)
    store = Store(engine, shown)
    try:
        _prepare(store)
    except StoreError:
        store.close()
        raise
    return store


def _serialise_sqlite(engine) -> None:
    """pysqlite's own transaction handling begins late and never for DDL; take it over so every
    write transaction holds SQLite's write lock from its start."""
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        # Write-ahead logging: a reader never waits for a writer (kept in the file once set).
        # Switching to it takes the file's exclusive lock, which SQLite does not wait for: two
        # first runs on a new file both ask, and the one refused asks again.
        for _ in range(_BUSY_MS // 50):
            try:
                cursor.execute("PRAGMA journal_mode = WAL")
                break
            except dbapi_connection.OperationalError as error:
                if "locked" not in str(error):
                    raise
            time.sleep(0.05)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        connection.exec_driver_sql("BEGIN" if connection.get_execution_options().get("govlint_read") else "BEGIN IMMEDIATE")


def _prepare(store: Store) -> None:
    """Refuse a database that is not a store (or is a newer one); create or migrate a store."""
    from sqlalchemy import inspect, select, text

    from govlint.engine.store.schema import identity

    with store._writing() as connection:
        if store.engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _OPEN_LOCK})
        tables = set(inspect(connection).get_table_names())
        if tables:
            if identity.name not in tables or "alembic_version" not in tables:
                raise StoreError(f"{store.shown}: not a govlint results store (it holds other tables: {', '.join(sorted(tables)[:4])}); give a new or empty database")
            if connection.execute(select(identity.c.value).where(identity.c.name == IDENTITY[0])).scalar() != IDENTITY[1]:
                raise StoreError(f"{store.shown}: not a govlint results store (its govlint_store table does not say so)")
            # Read directly: most runs find the schema current and need not load Alembic at all.
            if connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_REVISION:
                return
        _migrate(store, connection)
        if not tables:
            connection.execute(identity.insert().values(name=IDENTITY[0], value=IDENTITY[1]))


def _migrate(store: Store, connection) -> None:
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", "govlint.engine.store:migrations")
    known = {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}
    revision = MigrationContext.configure(connection).get_current_revision()
    if revision is not None and revision not in known:
        raise StoreError(f"{store.shown}: the store's schema ({revision}) is newer than this govlint knows; use a newer govlint")
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
