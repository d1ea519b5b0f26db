"""Table definitions of the core store (reports, errors, extractions, mentions, quotes).

Every area that adds tables (linking: ``incident_schema.py``) defines them on
this same ``metadata`` so one Alembic history covers the whole database. The
tables here are what migration ``0001`` creates (``reports.source_id``: ``0004``;
``event_mentions.time_part``, the part of the day its time names: ``0005``); change both together.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)


class UTCDateTime(TypeDecorator):
    """Aware datetimes stored as UTC, read back aware (SQLite keeps no offset)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value if dialect.name == "postgresql" else value.replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def _dt() -> UTCDateTime:
    return UTCDateTime(timezone=True)


reports = Table(
    "reports",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("source", Text),
    Column("source_kind", String(16), nullable=False, default="unknown"),
    Column("url", Text),
    Column("title", Text),
    Column("author", Text),
    Column("published_at", _dt()),
    Column("fetched_at", _dt()),
    Column("ingested_at", _dt(), nullable=False),
    Column("language", String(16), nullable=False, default="und"),
    Column("language_supported", Boolean, nullable=False, default=False),
    Column("origin", Text),
    Column("external_id", Text),
    Column("version", Integer, nullable=False, default=1),
    Column("superseded_by", String(64)),  # id of the next version, None for the latest
    Column("text", Text, nullable=False),  # raw text, exactly as ingested (offsets index it)
    Column("meta", JSON),
    Column("source_id", Integer),  # registered source (``sources`` table, migration 0004), if any
    Index("ix_reports_external_id", "external_id"),
    Index("ix_reports_published_at", "published_at"),
    Index("ix_reports_language", "language"),
    Index("ix_reports_source_id", "source_id"),
)

ingest_errors = Table(
    "ingest_errors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("input", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", _dt(), nullable=False),
)

extractions = Table(
    "extractions",
    metadata,
    Column("report_id", String(64), ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    Column("extractor_version", String(64)),
    Column("extracted_at", _dt(), nullable=False),
    Column("relevant", Boolean, nullable=False, default=True),
    Column("data", JSON, nullable=False),  # Extraction.to_dict()
)

event_mentions = Table(
    "event_mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", String(64), ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("idx", Integer, nullable=False),  # position in the extraction's event list
    Column("type", String(32), nullable=False),
    Column("weapon", String(32)),
    Column("count", Integer),
    Column("time_start", String(40)),
    Column("time_end", String(40)),
    Column("time_precision", String(16)),
    Column("time_part", String(16)),  # night, morning, afternoon, evening or none (migration 0005)
    Column("country", String(8)),
    Column("admin1_code", String(16)),
    Column("admin1", Text),
    Column("admin2", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("precision", Integer),
    Column("killed", Integer),
    Column("injured", Integer),
    Column("data", JSON, nullable=False),  # EventMention.to_dict()
    sqlite_autoincrement=True,  # ids never reused, so ``iter_mentions(since_id)`` is incremental
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", String(64), ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("speaker", Text),
    Column("role", Text),
    Column("cue", Text),
    Column("text", Text, nullable=False),
    Column("start", Integer),
    Column("end", Integer),
    Column("data", JSON, nullable=False),  # Quote.to_dict()
)
