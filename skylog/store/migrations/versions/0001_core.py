"""Core tables: reports (+ FTS5 on SQLite), ingest errors, extractions, event mentions, quotes.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from skylog.store.schema import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _dt() -> UTCDateTime:
    return UTCDateTime(timezone=True)


FTS_SQLITE = [
    "CREATE VIRTUAL TABLE reports_fts USING fts5(title, text, content='reports', content_rowid='rowid',"
    " tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER reports_fts_ai AFTER INSERT ON reports BEGIN"
    " INSERT INTO reports_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    "CREATE TRIGGER reports_fts_ad AFTER DELETE ON reports BEGIN"
    " INSERT INTO reports_fts(reports_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);"
    " END",
    "CREATE TRIGGER reports_fts_au AFTER UPDATE OF title, text ON reports BEGIN"
    " INSERT INTO reports_fts(reports_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);"
    " INSERT INTO reports_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
]


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("source", sa.Text()),
        sa.Column("source_kind", sa.String(16), nullable=False),
        sa.Column("url", sa.Text()),
        sa.Column("title", sa.Text()),
        sa.Column("author", sa.Text()),
        sa.Column("published_at", _dt()),
        sa.Column("fetched_at", _dt()),
        sa.Column("ingested_at", _dt(), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("language_supported", sa.Boolean(), nullable=False),
        sa.Column("origin", sa.Text()),
        sa.Column("external_id", sa.Text()),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("superseded_by", sa.String(64)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("meta", sa.JSON()),
        sa.PrimaryKeyConstraint("id", name="pk_reports"),
    )
    op.create_index("ix_reports_external_id", "reports", ["external_id"])
    op.create_index("ix_reports_published_at", "reports", ["published_at"])
    op.create_index("ix_reports_language", "reports", ["language"])
    op.create_table(
        "ingest_errors",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("input", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", _dt(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ingest_errors"),
    )
    op.create_table(
        "extractions",
        sa.Column("report_id", sa.String(64), nullable=False),
        sa.Column("extractor_version", sa.String(64)),
        sa.Column("extracted_at", _dt(), nullable=False),
        sa.Column("relevant", sa.Boolean(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name="fk_extractions_report_id_reports", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("report_id", name="pk_extractions"),
    )
    op.create_table(
        "event_mentions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("report_id", sa.String(64), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("weapon", sa.String(32)),
        sa.Column("count", sa.Integer()),
        sa.Column("time_start", sa.String(40)),
        sa.Column("time_end", sa.String(40)),
        sa.Column("time_precision", sa.String(16)),
        sa.Column("country", sa.String(8)),
        sa.Column("admin1_code", sa.String(16)),
        sa.Column("admin1", sa.Text()),
        sa.Column("admin2", sa.Text()),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("precision", sa.Integer()),
        sa.Column("killed", sa.Integer()),
        sa.Column("injured", sa.Integer()),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name="fk_event_mentions_report_id_reports", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_event_mentions"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_event_mentions_report_id", "event_mentions", ["report_id"])
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("report_id", sa.String(64), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("speaker", sa.Text()),
        sa.Column("role", sa.Text()),
        sa.Column("cue", sa.Text()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer()),
        sa.Column("end", sa.Integer()),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name="fk_quotes_report_id_reports", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_quotes"),
    )
    op.create_index("ix_quotes_report_id", "quotes", ["report_id"])
    if op.get_bind().dialect.name == "sqlite":
        for stmt in FTS_SQLITE:
            op.execute(stmt)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("reports_fts_ai", "reports_fts_ad", "reports_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS reports_fts")
    for table in ("quotes", "event_mentions", "extractions", "ingest_errors", "reports"):
        op.drop_table(table)
