"""Storage of reports, extractions and mentions (SQLite by default, PostgreSQL by URL)."""

from skylog.store.core import (
    IngestSummary,
    Store,
    StoredMention,
    StoreError,
    make_engine,
    migrate,
    store_problem,
)

__all__ = ["IngestSummary", "Store", "StoreError", "StoredMention", "make_engine", "migrate", "store_problem"]
