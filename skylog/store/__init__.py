"""Storage of reports, extractions and mentions (SQLite by default, PostgreSQL by URL)."""

from skylog.store.core import IngestSummary, Store, StoredMention, make_engine, migrate

__all__ = ["IngestSummary", "Store", "StoredMention", "make_engine", "migrate"]
