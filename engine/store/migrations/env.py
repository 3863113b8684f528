"""Alembic's entry point: migrations run on the connection the store opened, inside its
transaction, so that a migration and the check of what the database holds cannot interleave
with another process doing the same (engine.store.store takes the lock first)."""
from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
