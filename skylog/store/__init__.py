"""Storage of reports, extractions, mentions and incidents (SQLite by default, PostgreSQL by URL).

The store owns all SQL: areas above it read and write through :class:`Store` and
the modules here (``incidents``, ``filters``, ``aggregates``, ``linking``), never
through tables of their own.
"""

from skylog.store.core import (
    IngestSummary,
    Store,
    StoredMention,
    StoreError,
    make_engine,
    migrate,
    store_problem,
)
from skylog.store.filters import IncidentFilter

__all__ = [
    "IncidentFilter",
    "IngestSummary",
    "Store",
    "StoreError",
    "StoredMention",
    "make_engine",
    "migrate",
    "store_problem",
]
