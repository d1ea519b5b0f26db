"""PostgreSQL helpers for tests and benchmarks: a throw-away schema per use.

A schema (not a database) per test keeps tests independent on one server without
needing CREATEDB rights; the URL carries ``search_path`` so every connection — in
this process, in subprocesses, on Dask workers — lands in that schema.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ENV = "SKYLOG_TEST_PG_URL"


def with_driver(url: str) -> str:
    """``postgresql://`` with the installed driver spelled out (SQLAlchemy 2.1 defaults to psycopg 3)."""
    u = make_url(url)
    if u.drivername == "postgresql":
        u = u.set(drivername="postgresql+psycopg2")
    return u.render_as_string(hide_password=False)


def server_url() -> str | None:
    """The PostgreSQL server for tests (``$SKYLOG_TEST_PG_URL``), or None."""
    value = os.environ.get(ENV, "").strip()
    return value.splitlines()[-1].strip() if value else None


@contextmanager
def temp_schema(base_url: str, prefix: str = "t") -> Iterator[str]:
    """A URL whose connections use a fresh, empty schema; the schema is dropped afterwards."""
    base = with_driver(base_url)
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            c.execute(text(f'CREATE SCHEMA "{name}"'))
        sep = "&" if "?" in base else "?"
        yield f"{base}{sep}options={quote(f'-csearch_path={name}')}"
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        admin.dispose()
