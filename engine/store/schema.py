"""The results store's tables (SQLAlchemy Core), one declaration for SQLite and PostgreSQL.

Alembic migrations (engine/store/migrations) create and change them; this module is what the
code reads and writes through, and must match the newest migration.
"""
from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, LargeBinary, MetaData, String, Table, Text

metadata = MetaData()

# One row naming the database as a govlint store: a database with tables but without this
# one is someone else's and is refused, never migrated.
identity = Table(
    "govlint_store",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)

# A paper's records as the reader produced them, under what they depend on: the paper's bytes
# and kind (content_key) and the reader that read them (reader_digest: govlint's version, its
# reader code and its shipped profiles).
papers = Table(
    "papers",
    metadata,
    Column("content_key", String(80), primary_key=True),
    Column("reader_digest", String(64), primary_key=True),
    Column("records", LargeBinary, nullable=False),  # zlib-compressed JSON of the ParsedPaper
    Column("stored_at", String(32), nullable=False),
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("command", String(20), nullable=False),
    # A digest of the paths the run was given (checks.scale.scope): a run's previous run is the
    # last of its command on the same scope.
    Column("scope", String(64)),
    Column("started_at", String(32), nullable=False),  # ISO 8601, UTC
    Column("finished_at", String(32), nullable=False),
    Column("govlint_version", String(40), nullable=False),
    Column("reader_digest", String(64), nullable=False),
    Column("packs_digest", String(64), nullable=False),
    Column("packs", Text, nullable=False),  # JSON: [[id, version, digest], ...]
    Column("papers", Integer, nullable=False),
    Column("unreadable", Integer, nullable=False),
    Column("findings", Integer, nullable=False),
)

run_papers = Table(
    "run_papers",
    metadata,
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("source", Text, nullable=False),
    Column("content_key", String(80)),  # null: the paper could not be read
)

run_findings = Table(
    "run_findings",
    metadata,
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("pack_id", Text, nullable=False),
    Column("rule", Text, nullable=False),
    Column("severity", String(20), nullable=False),
    Column("source", Text, nullable=False),
    Column("line", Integer, nullable=False),
    Column("record", Text, nullable=False),
    Column("message", Text, nullable=False),
)

# A whole command output, under a digest of everything it was made from: a re-run on the same
# papers, packs, config and day writes it back without reading, checking or rendering.
outputs = Table(
    "outputs",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
    Column("content", LargeBinary, nullable=False),  # zlib-compressed
)
