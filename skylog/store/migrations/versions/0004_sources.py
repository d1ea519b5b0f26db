"""Source registry: the ``sources`` table and ``reports.source_id``.

Revision ID: 0004
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from skylog.store.schema import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _dt() -> UTCDateTime:
    return UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("country", sa.String(8)),
        sa.Column("language", sa.String(16)),
        sa.Column("official_of", sa.Text()),
        sa.Column("handle", sa.Text()),
        sa.Column("interval_s", sa.Float(), nullable=False),
        sa.Column("backfill_pages", sa.Integer(), nullable=False),
        sa.Column("added_at", _dt(), nullable=False),
        sa.Column("removed_at", _dt()),
        sa.Column("last_poll_at", _dt()),
        sa.Column("last_success_at", _dt()),
        sa.Column("last_new_at", _dt()),
        sa.Column("last_error", sa.Text()),
        sa.Column("last_error_at", _dt()),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("polls", sa.Integer(), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("next_poll_at", _dt()),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("state", sa.JSON()),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
        sa.UniqueConstraint("url", name="uq_sources_url"),
        sqlite_autoincrement=True,
    )
    # ADD COLUMN (not a batch table copy): the SQLite full-text triggers stay as they are
    op.add_column("reports", sa.Column("source_id", sa.Integer(), nullable=True))
    op.create_index("ix_reports_source_id", "reports", ["source_id"])


def downgrade() -> None:
    op.drop_index("ix_reports_source_id", table_name="reports")
    op.drop_column("reports", "source_id")  # ALTER TABLE DROP COLUMN (SQLite >= 3.35)
    op.drop_table("sources")
