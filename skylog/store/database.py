"""Opening the database: engine URLs, SQLite tuning, read-only files, migrations and their lock.

Kept apart from the queries so that every query module shares one way to reach
the database, and so that a damaged or full database is named the same way
everywhere (``store_problem``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DBAPIError

from skylog.config import database_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def engine_url(url: str | None = None) -> str:
    """The SQLAlchemy URL for ``url``; a bare ``postgresql://`` picks the installed driver
    (psycopg 3 when present, else psycopg2) so that users can pass the usual URL."""
    url = database_url(url)
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        import importlib.util

        if importlib.util.find_spec("psycopg") is None and importlib.util.find_spec("psycopg2") is not None:
            url = parsed.set(drivername="postgresql+psycopg2").render_as_string(hide_password=False)
    return url


def make_engine(url: str | None = None, *, read_only: bool = False) -> Engine:
    """Engine for ``url`` (default: ``skylog.config.database_url()``), SQLite tuned for WAL.

    ``read_only`` opens a SQLite file in SQLite's read-only, immutable mode: a file
    (or folder) we may not write is still readable, with no journal or lock files.
    """
    url = engine_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if read_only and parsed.database and parsed.database != ":memory:":
            from urllib.parse import quote

            uri = f"sqlite:///file:{quote(parsed.database)}?mode=ro&immutable=1&uri=true"
            engine = create_engine(uri, connect_args={"timeout": 30})
            event.listen(engine, "connect", _sqlite_read_pragmas)
            return engine
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_read_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA query_only=ON")
    cur.close()


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases and in-memory SQLite)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database).expanduser()


def writable(path: Path) -> bool:
    """Whether we may write the SQLite file and the folder its journal files go in."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def head_revision() -> str | None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from sqlalchemy import inspect

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that holds the database's migration lock: a file lock
    (``flock``) on the SQLite file's folder, a transaction-level advisory lock on PostgreSQL. Any
    number of processes opening a new database then create the schema exactly once."""
    path = sqlite_path(str(engine.url))
    fd = None
    if path is not None:
        try:
            import fcntl

            # the folder, not the file: closing any descriptor of the database file would
            # drop SQLite's own POSIX locks on it in this process
            fd = os.open(path.parent, os.O_RDONLY)
            fcntl.flock(fd, fcntl.LOCK_EX)
        except ImportError:  # no flock (Windows): SQLite's own locking only
            fd = None
    try:
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(724513)")  # any fixed key
            yield conn
    finally:
        if fd is not None:
            os.close(fd)  # releases the flock


def migrate(engine: Engine, revision: str = "head") -> None:
    """``alembic upgrade head`` on ``engine``, programmatically (no alembic.ini needed), under
    the migration lock; nothing to do (and no lock taken) when the schema is current."""
    from alembic import command
    from alembic.config import Config

    if revision == "head" and current_revision(engine) == head_revision():
        return
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with _migration_lock(engine) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


class StoreError(Exception):
    """A problem of the database itself (damaged, full, read-only), fit to show as one line."""


def store_problem(exc: BaseException) -> str | None:
    """A one-line description when ``exc`` (or what caused it) is a problem of the database
    itself: damaged, disk full, read-only, cannot be opened; None otherwise."""
    import errno
    import sqlite3

    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        msg = (str(e).strip().splitlines() or [e.__class__.__name__])[0][:200]
        low = msg.lower()
        if isinstance(e, StoreError):
            return msg
        if (isinstance(e, OSError) and e.errno == errno.ENOSPC) or "database or disk is full" in low:
            return f"disk full: {msg} (batches stored before it are kept; free space and run again)"
        if isinstance(e, sqlite3.DatabaseError | DBAPIError | OSError):
            if "not a database" in low or "malformed" in low or "corrupt" in low:
                return (
                    f"database is damaged: {msg} (restore a backup, or recover what is left "
                    "with `sqlite3 DB .recover`)"
                )
            if "readonly" in low or "read-only" in low:
                return f"database is read-only: {msg}"
            if "unable to open database" in low:
                return f"cannot open the database: {msg}"
            if "disk i/o error" in low:
                return f"database I/O error: {msg}"
        todo += [getattr(e, "orig", None), e.__cause__, e.__context__]
    return None


class Database:
    """What every part of :class:`~skylog.store.core.Store` stands on: one SQLAlchemy engine."""

    engine: Engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name
