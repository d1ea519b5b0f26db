"""Settings read from the environment, with the embedded defaults."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB_FILE = "skylog.db"


def database_url(db: str | None = None) -> str:
    """SQLAlchemy URL for ``--db``, ``$SKYLOG_DB`` or ./skylog.db.

    A plain path means a SQLite file; anything with ``://`` is used as a URL
    (``postgresql://...`` works wherever a file does).
    """
    value = db or os.environ.get("SKYLOG_DB") or DEFAULT_DB_FILE
    if "://" in value:
        if value.startswith("postgres://"):
            value = "postgresql://" + value[len("postgres://") :]
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def api_token() -> str | None:
    """Token that protects write endpoints of the HTTP API (None: writes disabled)."""
    return os.environ.get("SKYLOG_API_TOKEN") or None


def read_token() -> str | None:
    """Optional token for read endpoints (None: reading is open)."""
    return os.environ.get("SKYLOG_READ_TOKEN") or None
