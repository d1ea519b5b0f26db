"""The store: reports, extractions, mentions and incidents, in one SQL database.

SQLite by default (WAL, foreign keys on), PostgreSQL by URL: everything is
SQLAlchemy Core; the only dialect-specific parts (FTS5 search, PRAGMAs) sit
behind ``dialect`` checks. The SQL lives in focused modules, one per group of
tables (``reports``, ``mentions``, ``incidents``, ``integrity``); :class:`Store`
joins them into the one typed object every area above the store receives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Engine

from skylog.config import database_url
from skylog.store.database import (
    MIGRATIONS,
    StoreError,
    current_revision,
    engine_url,
    head_revision,
    make_engine,
    migrate,
    sqlite_path,
    store_problem,
    writable,
)
from skylog.store.incidents import IncidentStore
from skylog.store.integrity import IntegrityChecks
from skylog.store.mentions import MentionStore, StoredMention
from skylog.store.reports import IngestSummary, fts_query

if TYPE_CHECKING:
    from skylog.store.sources import SourceRegistry

__all__ = [
    "MIGRATIONS",
    "IngestSummary",
    "Store",
    "StoreError",
    "StoredMention",
    "engine_url",
    "fts_query",
    "make_engine",
    "migrate",
    "sqlite_path",
    "store_problem",
]


class Store(IncidentStore, MentionStore, IntegrityChecks):
    """The database behind skylog; migrates to the newest schema on open.

    Its parts (reports, mentions, incidents, checks) live in their own modules; this is the
    one typed object that every area above the store receives (never ``Any``).
    """

    def __init__(self, url: str | None = None, *, engine: Engine | None = None, migrate_on_open: bool = True):
        self.url = database_url(url)  # a plain path means a SQLite file
        path = sqlite_path(self.url) if engine is None else None
        # a SQLite file we may not write is opened read-only (immutable): reads work
        self.read_only = bool(path is not None and path.exists() and not writable(path))
        self.engine: Engine = engine or make_engine(self.url, read_only=self.read_only)
        if self.read_only:
            if migrate_on_open and current_revision(self.engine) != head_revision():
                raise StoreError(
                    f"database is read-only and has an older schema: {path} (open it once where it is writable)"
                )
        elif migrate_on_open:
            migrate(self.engine)

    @property
    def sources(self) -> SourceRegistry:
        """The registry of followed sources (``skylog sources``; SQL in ``store/sources.py``)."""
        from skylog.store.sources import SourceRegistry

        return SourceRegistry(self)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
