"""Runs' scope: what a run was asked to cover, so that a report compares itself with the
previous report on the same papers, not with one on another council's.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Runs recorded before have none: no later run takes one of them for its previous run.
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("scope", sa.String(64), nullable=True))
