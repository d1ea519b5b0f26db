"""The store: reports, ingest errors, extractions and their mentions, in one SQL database.

SQLite by default (WAL, foreign keys on), PostgreSQL by URL: everything here is
SQLAlchemy Core; the only dialect-specific parts (FTS5 search, PRAGMAs) sit
behind ``dialect.name`` checks. Areas above the store use only this API.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Engine,
    String,
    column,
    create_engine,
    delete,
    event,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, StatementError

from skylog.config import database_url
from skylog.records import Extraction, IngestError, Report
from skylog.store.schema import event_mentions, extractions, ingest_errors, quotes, reports

if TYPE_CHECKING:
    from skylog.store.sources import SourceRegistry

_ROW_ERRORS = (StatementError, ValueError, TypeError, RecursionError)
"""Errors one row's values can cause (bad text, unserialisable metadata); DBAPIErrors other
than DataError come from the database itself and are raised."""


def _reason(exc: BaseException) -> str:
    cause = getattr(exc, "orig", None) or exc
    msg = (str(cause).strip().splitlines() or [""])[0][:200]
    return f"{cause.__class__.__name__}: {msg}" if msg else cause.__class__.__name__


MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MAX_ID_LENGTH = 200  # longer than any report id: looked up as "not found"
_CHUNK = 500  # ids per IN (...) query (SQLite allows 999 bound parameters on old builds)
_MAX_BATCH_ATTEMPTS = 5  # retries of a batch that lost an insert race to another writer


@dataclass
class IngestSummary:
    """What a batch did: ids of new / duplicate / new-version reports, and failed inputs."""

    new: list[str] = field(default_factory=list)
    duplicate: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # new versions of an earlier report (edits)
    failed: list[IngestError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. extraction failed for a report
    extracted: int = 0
    mentions: int = 0

    def merge(self, other: IngestSummary) -> IngestSummary:
        self.new += other.new
        self.duplicate += other.duplicate
        self.updated += other.updated
        self.failed += other.failed
        self.warnings += other.warnings
        self.extracted += other.extracted
        self.mentions += other.mentions
        return self

    def to_dict(self) -> dict[str, Any]:
        return {
            "new": list(self.new),
            "duplicate": list(self.duplicate),
            "updated": list(self.updated),
            "failed": [{"input": e.input, "reason": e.reason} for e in self.failed],
            "warnings": list(self.warnings),
            "extracted": self.extracted,
            "mentions": self.mentions,
        }


@dataclass
class StoredMention:
    """One stored event mention with the report facts that linking needs."""

    id: int
    report_id: str
    source: str | None
    source_kind: str
    published_at: datetime | None
    mention: dict[str, Any]  # EventMention.to_dict()
    report_title: str | None = None
    language: str | None = None
    url: str | None = None


def _now() -> datetime:
    return datetime.now(UTC)


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


def _writable(path: Path) -> bool:
    """Whether we may write the SQLite file and the folder its journal files go in."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _head_revision() -> str | None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg).get_current_head()


def _current_revision(engine: Engine) -> str | None:
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

    if revision == "head" and _current_revision(engine) == _head_revision():
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


OFFSET_KEY = "published_utc_offset_s"
"""meta key keeping ``published_at``'s UTC offset: the column holds UTC, and the local
date of a post (01:00 in Moscow is the previous day in UTC) matters to extraction."""


def _local_time(value: datetime | None, meta: dict[str, Any] | None) -> datetime | None:
    off = (meta or {}).get(OFFSET_KEY)
    if value is None or not isinstance(off, int):
        return value
    return value.astimezone(timezone(timedelta(seconds=off)))


def _meta_for_store(r: Report) -> dict[str, Any] | None:
    meta = dict(r.meta or {})
    meta.pop("superseded_by", None)
    offset = r.published_at.utcoffset() if r.published_at is not None else None
    if offset:
        meta[OFFSET_KEY] = int(offset.total_seconds())
    return meta or None


def _row_to_report(row: Any) -> Report:
    m = row._mapping
    meta = dict(m["meta"] or {})
    published = _local_time(m["published_at"], meta)
    meta.pop(OFFSET_KEY, None)
    if m["superseded_by"]:
        meta["superseded_by"] = m["superseded_by"]
    return Report(
        id=m["id"],
        text=m["text"],
        source=m["source"],
        source_kind=m["source_kind"] or "unknown",
        url=m["url"],
        title=m["title"],
        author=m["author"],
        published_at=published,
        fetched_at=m["fetched_at"],
        language=m["language"],
        language_supported=bool(m["language_supported"]),
        origin=m["origin"],
        external_id=m["external_id"],
        version=m["version"],
        meta=meta,
        source_id=m.get("source_id"),
    )


def _int_value(claim: dict[str, Any] | None) -> int | None:
    if not claim:
        return None
    v = claim.get("value")
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return None


def _chunks(items: list[Any], n: int = _CHUNK) -> Iterator[list[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def fts_query(query: str) -> str:
    """User words -> a safe FTS5 query (each word quoted, all required; ``*`` suffix kept)."""
    terms = []
    for word in re.findall(r"\w[\w'’-]*\*?", query):
        star = word.endswith("*")
        word = word.rstrip("*").replace('"', '""')
        terms.append(f'"{word}"' + ("*" if star else ""))
    return " ".join(terms)


def _snippet(text_: str, query: str, width: int = 80) -> str:
    low = text_.lower()
    pos = -1
    for word in re.findall(r"\w+", query.lower()):
        pos = low.find(word)
        if pos >= 0:
            break
    if pos < 0:
        return text_[: 2 * width].replace("\n", " ")
    start = max(0, pos - width)
    end = min(len(text_), pos + width)
    return ("…" if start else "") + text_[start:end].replace("\n", " ") + ("…" if end < len(text_) else "")


class Store:
    """The database behind skylog; migrates to the newest schema on open."""

    def __init__(self, url: str | None = None, *, engine: Engine | None = None, migrate_on_open: bool = True):
        self.url = database_url(url)  # a plain path means a SQLite file
        path = sqlite_path(self.url) if engine is None else None
        # a SQLite file we may not write is opened read-only (immutable): reads work
        self.read_only = bool(path is not None and path.exists() and not _writable(path))
        self.engine: Engine = engine or make_engine(self.url, read_only=self.read_only)
        if self.read_only:
            if migrate_on_open and _current_revision(self.engine) != _head_revision():
                raise StoreError(
                    f"database is read-only and has an older schema: {path} (open it once where it is writable)"
                )
        elif migrate_on_open:
            migrate(self.engine)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

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

    # ---- reports -------------------------------------------------------------------------------

    def add_reports(self, items: Iterable[Report | IngestError]) -> IngestSummary:
        """Store a batch in one transaction: new ids inserted, known ids counted as duplicates.

        A report whose ``external_id`` (e.g. Telegram ``channel/123``) is already stored with
        other text is a new version: it gets the next version number and the previous
        latest version is marked ``superseded_by`` it (the old text stays). IngestErrors in
        ``items`` are logged and listed in ``failed``. Nothing stored is ever altered
        except that ``superseded_by`` link.
        """
        batch: list[Report] = []
        errors: list[IngestError] = []
        for item in items:
            if isinstance(item, IngestError):
                errors.append(item)
            else:
                batch.append(item)
        # Another writer may insert the same report between our read and our insert
        # (concurrent ingesters on one database); the batch then rolls back whole and is
        # retried, and the rows it lost the race for count as duplicates.
        for attempt in range(_MAX_BATCH_ATTEMPTS):
            summary = IngestSummary()
            try:
                with self.engine.begin() as conn:
                    if errors:
                        self._insert_errors(conn, errors)
                        summary.failed += errors
                    if batch:
                        self._add_batch(conn, batch, summary)
                return summary
            except IntegrityError:
                if attempt == _MAX_BATCH_ATTEMPTS - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
            except _ROW_ERRORS as exc:
                if isinstance(exc, DBAPIError) and not isinstance(exc, DataError):
                    raise  # the database itself (locked, full, damaged): not one row's fault
                return self._add_one_by_one(batch, errors)
        return summary

    def _add_one_by_one(self, batch: list[Report], errors: list[IngestError]) -> IngestSummary:
        """A batch that one bad row could not store: each report in its own transaction, so
        the bad one becomes an error naming it and every good one is stored."""
        summary = IngestSummary()
        for r in batch:
            try:
                summary.merge(self._add_single(r))
            except IntegrityError:  # another writer stored it meanwhile
                summary.duplicate.append(r.id)
            except _ROW_ERRORS as exc:
                if isinstance(exc, DBAPIError) and not isinstance(exc, DataError):
                    raise
                errors = [*errors, IngestError(r.origin or r.id, f"cannot store ({_reason(exc)})")]
        if errors:
            self.record_errors(errors)
            summary.failed += errors
        return summary

    def _add_single(self, r: Report) -> IngestSummary:
        summary = IngestSummary()
        with self.engine.begin() as conn:
            self._add_batch(conn, [r], summary)
        return summary

    def _add_batch(self, conn: Connection, batch: list[Report], summary: IngestSummary) -> None:
        ids = list({r.id for r in batch})
        existing: set[str] = set()
        for chunk in _chunks(ids):
            existing.update(conn.scalars(select(reports.c.id).where(reports.c.id.in_(chunk))))
        ext_ids = list({r.external_id for r in batch if r.external_id})
        latest: dict[str, tuple[str, int]] = {}  # external_id -> (id, version) of latest stored
        for chunk in _chunks(ext_ids):
            rows = conn.execute(
                select(reports.c.external_id, reports.c.id, reports.c.version).where(
                    reports.c.external_id.in_(chunk), reports.c.superseded_by.is_(None)
                )
            )
            for ext, rid, ver in rows:
                if ext not in latest or ver > latest[ext][1]:
                    latest[ext] = (rid, ver)
        now = _now()
        rows_out: list[dict[str, Any]] = []
        supersede: list[tuple[str, str]] = []  # (old id, new id)
        for r in batch:
            if r.id in existing:
                summary.duplicate.append(r.id)
                continue
            existing.add(r.id)
            version = max(1, r.version)
            if r.external_id and r.external_id in latest:
                old_id, old_version = latest[r.external_id]
                version = old_version + 1
                supersede.append((old_id, r.id))
                summary.updated.append(r.id)
            else:
                summary.new.append(r.id)
            if r.external_id:
                latest[r.external_id] = (r.id, version)
            r.version = version
            rows_out.append(
                {
                    "id": r.id,
                    "source": r.source,
                    "source_kind": r.source_kind or "unknown",
                    "url": r.url,
                    "title": r.title,
                    "author": r.author,
                    "published_at": r.published_at,
                    "fetched_at": r.fetched_at,
                    "ingested_at": now,
                    "language": r.language or "und",
                    "language_supported": bool(r.language_supported),
                    "origin": r.origin,
                    "external_id": r.external_id,
                    "version": version,
                    "superseded_by": None,
                    "text": r.text,
                    "meta": _meta_for_store(r),
                    "source_id": r.source_id,
                }
            )
        if rows_out:
            conn.execute(insert(reports), rows_out)
        for old_id, new_id in supersede:
            conn.execute(update(reports).where(reports.c.id == old_id).values(superseded_by=new_id))

    def record_errors(self, errors: list[IngestError]) -> None:
        """Log inputs that could not be ingested (kept for ``skylog check`` and review)."""
        if errors:
            with self.engine.begin() as conn:
                self._insert_errors(conn, errors)

    def _insert_errors(self, conn: Connection, errors: list[IngestError]) -> None:
        now = _now()
        conn.execute(
            insert(ingest_errors), [{"input": e.input, "reason": e.reason, "at": now} for e in errors]
        )

    def iter_errors(self, limit: int | None = None) -> Iterator[tuple[datetime, IngestError]]:
        q = select(ingest_errors).order_by(ingest_errors.c.id.desc())
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            for row in conn.execute(q):
                yield row.at, IngestError(row.input, row.reason)

    def get_report(self, report_id: str) -> Report | None:
        """The report with this id, or with this unique id prefix (6 characters or more)."""
        if not report_id or len(report_id) > MAX_ID_LENGTH:
            return None  # no stored id is that long (and SQLite refuses huge LIKE patterns)
        with self.engine.connect() as conn:
            row = conn.execute(select(reports).where(reports.c.id == report_id)).first()
            if row is None and len(report_id) >= 6:  # a unique id prefix, as git allows
                rows = conn.execute(
                    select(reports).where(reports.c.id.like(report_id.replace("%", "") + "%")).limit(2)
                ).all()
                row = rows[0] if len(rows) == 1 else None
        return _row_to_report(row) if row is not None else None

    def versions(self, external_id: str) -> list[Report]:
        """Every stored version of one external item (an edited post), oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(reports).where(reports.c.external_id == external_id).order_by(reports.c.version)
            )
            return [_row_to_report(r) for r in rows]

    def iter_reports(
        self,
        language: str | None = None,
        since: datetime | None = None,
        limit: int | None = None,
        *,
        include_superseded: bool = False,
    ) -> Iterator[Report]:
        """Stored reports, newest published first (unknown dates last); latest versions only."""
        q = select(reports)
        if language:
            q = q.where(reports.c.language == language)
        if since is not None:
            q = q.where(reports.c.published_at >= since)
        if not include_superseded:
            q = q.where(reports.c.superseded_by.is_(None))
        q = q.order_by(reports.c.published_at.is_(None), reports.c.published_at.desc(), reports.c.id)
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            for row in conn.execute(q).yield_per(500):
                yield _row_to_report(row)

    def count_reports(self) -> int:
        with self.engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(reports)) or 0

    def search(self, query: str, limit: int = 50) -> list[tuple[Report, str]]:
        """Full-text search over report titles and text: (report, snippet) best first."""
        if not query.strip():
            return []
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                match = fts_query(query)
                if not match:
                    return []
                cols = ", ".join(f"r.{c.name}" for c in reports.c)
                stmt = text(
                    f"SELECT {cols}, snippet(reports_fts, 1, '[', ']', '…', 16) AS snip "
                    "FROM reports_fts JOIN reports r ON r.rowid = reports_fts.rowid "
                    "WHERE reports_fts MATCH :q ORDER BY rank LIMIT :n"
                ).columns(*reports.c, column("snip", String))
                rows = conn.execute(stmt, {"q": match, "n": limit}).all()
                return [(_row_to_report(r), r.snip) for r in rows]
            words = re.findall(r"\w+", query)
            conds = [or_(reports.c.text.ilike(f"%{w}%"), reports.c.title.ilike(f"%{w}%")) for w in words]
            if not conds:
                return []
            rows = conn.execute(select(reports).where(*conds).limit(limit)).all()
            return [(_row_to_report(r), _snippet(r.text, query)) for r in rows]

    # ---- extractions ---------------------------------------------------------------------------

    def save_extraction(self, ex: Extraction, extractor_version: str | None = None) -> list[int]:
        """Store an extraction, replacing any earlier one of that report; returns mention ids."""
        if extractor_version is None:
            extractor_version = _extractor_version()
        data = ex.to_dict()
        rid = ex.report.id
        with self.engine.begin() as conn:
            conn.execute(delete(event_mentions).where(event_mentions.c.report_id == rid))
            conn.execute(delete(quotes).where(quotes.c.report_id == rid))
            conn.execute(delete(extractions).where(extractions.c.report_id == rid))
            conn.execute(
                insert(extractions).values(
                    report_id=rid,
                    extractor_version=extractor_version,
                    extracted_at=_now(),
                    relevant=bool(ex.relevant),
                    data=data,
                )
            )
            ids: list[int] = []
            for i, ev in enumerate(data["events"]):
                place = ev["places"][0] if ev.get("places") else {}
                time = ev.get("time") or {}
                res = conn.execute(
                    insert(event_mentions).values(
                        report_id=rid,
                        idx=i,
                        type=ev["type"],
                        weapon=ev.get("weapon"),
                        count=_int_value(ev.get("count")),
                        time_start=time.get("start"),
                        time_end=time.get("end"),
                        time_precision=time.get("precision"),
                        country=place.get("country"),
                        admin1_code=place.get("admin1_code"),
                        admin1=place.get("admin1"),
                        admin2=place.get("admin2"),
                        lat=place.get("lat"),
                        lon=place.get("lon"),
                        precision=place.get("precision"),
                        killed=_int_value(ev.get("killed")),
                        injured=_int_value(ev.get("injured")),
                        data=ev,
                    )
                )
                ids.append(int(res.inserted_primary_key[0]))
            qrows = [
                {
                    "report_id": rid,
                    "idx": i,
                    "speaker": q.get("speaker"),
                    "role": q.get("role"),
                    "cue": q.get("cue"),
                    "text": q.get("text") or "",
                    "start": (q.get("span") or [None, None])[0],
                    "end": (q.get("span") or [None, None])[1],
                    "data": q,
                }
                for i, q in enumerate(data["quotes"])
            ]
            if qrows:
                conn.execute(insert(quotes), qrows)
        return ids

    def without_extraction(self, report_ids: Iterable[str]) -> set[str]:
        """The ids among ``report_ids`` that are stored but have no extraction yet.

        A run killed between storing a batch and extracting it leaves such reports; the
        next run of the same inputs sees them as duplicates and must still extract them.
        """
        ids = list(dict.fromkeys(report_ids))
        if not ids:
            return set()
        have: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in _chunks(ids):
                have.update(
                    conn.scalars(select(extractions.c.report_id).where(extractions.c.report_id.in_(chunk)))
                )
        return set(ids) - have

    def get_extraction(self, report_id: str) -> dict[str, Any] | None:
        """The stored ``Extraction.to_dict()`` of a report, with ``extractor_version``."""
        with self.engine.connect() as conn:
            row = conn.execute(select(extractions).where(extractions.c.report_id == report_id)).first()
        if row is None:
            return None
        out = dict(row.data)
        out["extractor_version"] = row.extractor_version
        out["extracted_at"] = row.extracted_at.isoformat() if row.extracted_at else None
        return out

    def iter_mentions(
        self, since_id: int = 0, *, include_superseded: bool = False
    ) -> Iterator[StoredMention]:
        """Stored event mentions with id > ``since_id``, in id order (for incremental linking).

        Mentions of superseded report versions (edited posts) are left out by default.
        """
        q = (
            select(
                event_mentions.c.id,
                event_mentions.c.report_id,
                event_mentions.c.data,
                reports.c.source,
                reports.c.source_kind,
                reports.c.published_at,
                reports.c.title,
                reports.c.language,
                reports.c.url,
                reports.c.meta,
            )
            .join(reports, reports.c.id == event_mentions.c.report_id)
            .where(event_mentions.c.id > since_id)
            .order_by(event_mentions.c.id)
        )
        if not include_superseded:
            q = q.where(reports.c.superseded_by.is_(None))
        with self.engine.connect() as conn:
            for row in conn.execute(q).yield_per(1000):
                yield StoredMention(
                    id=row.id,
                    report_id=row.report_id,
                    source=row.source,
                    source_kind=row.source_kind or "unknown",
                    published_at=_local_time(row.published_at, row.meta),
                    mention=row.data,
                    report_title=row.title,
                    language=row.language,
                    url=row.url,
                )

    # ---- integrity -----------------------------------------------------------------------------

    def check(self) -> list[str]:
        """Integrity problems found (empty when all is well): orphans, FTS sync, SQLite checks."""
        problems: list[str] = []
        with self.engine.connect() as conn:
            for table in (extractions, event_mentions, quotes):
                n = conn.scalar(
                    select(func.count())
                    .select_from(table)
                    .where(~table.c.report_id.in_(select(reports.c.id)))
                )
                if n:
                    problems.append(f"{n} row(s) in {table.name} refer to a missing report")
            n = conn.scalar(
                select(func.count())
                .select_from(reports)
                .where(
                    reports.c.superseded_by.is_not(None),
                    ~reports.c.superseded_by.in_(select(reports.c.id)),
                )
            )
            if n:
                problems.append(f"{n} report(s) superseded by a missing report")
            n = self._unlinked_mentions(conn)
            if n:
                problems.append(
                    f"{n} event mention(s) not linked into incidents (a run stopped before linking?): "
                    "run `skylog link`"
                )
            if self.dialect == "sqlite":
                res = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
                if res != ["ok"]:
                    problems.append("integrity_check: " + "; ".join(map(str, res[:10])))
                fk = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                if fk:
                    problems.append(f"foreign_key_check: {len(fk)} violation(s), first {tuple(fk[0])}")
                try:
                    conn.exec_driver_sql(
                        "INSERT INTO reports_fts(reports_fts, rank) VALUES ('integrity-check', 1)"
                    )
                except Exception as exc:  # raised when the index and the reports differ
                    problems.append(f"full-text index out of sync with reports: {exc.__class__.__name__}")
                n_fts = conn.exec_driver_sql("SELECT count(*) FROM reports_fts").scalar()
                n_rep = conn.scalar(select(func.count()).select_from(reports))
                if n_fts != n_rep:
                    problems.append(f"full-text index has {n_fts} rows for {n_rep} reports")
                conn.rollback()
        return problems

    def _unlinked_mentions(self, conn: Connection) -> int:
        """Mentions of latest report versions that no incident holds (linking never ran on them)."""
        from sqlalchemy import inspect

        from skylog.store.incident_schema import incident_members

        if not inspect(conn).has_table(incident_members.name):
            return 0
        return (
            conn.scalar(
                select(func.count())
                .select_from(event_mentions.join(reports, reports.c.id == event_mentions.c.report_id))
                .where(
                    reports.c.superseded_by.is_(None),
                    event_mentions.c.type.is_not(None),
                    event_mentions.c.type != "",
                    ~event_mentions.c.id.in_(select(incident_members.c.mention_id)),
                )
            )
            or 0
        )

    def rebuild_fts(self) -> None:
        """Rebuild the SQLite full-text index from the reports table (repair for ``check``)."""
        if self.dialect == "sqlite":
            with self.engine.begin() as conn:
                conn.exec_driver_sql("INSERT INTO reports_fts(reports_fts) VALUES ('rebuild')")


def _extractor_version() -> str:
    import skylog

    try:
        import skylog.extract as ex

        v = getattr(ex, "__version__", None) or getattr(ex, "VERSION", None)
    except Exception:  # extraction not built yet
        v = None
    return str(v or f"skylog-{skylog.__version__}")
