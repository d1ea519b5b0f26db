"""Reports and ingest errors: stored exactly as ingested, versioned by external id, searchable.

One part of :class:`~skylog.store.core.Store` (a mixin): the SQL of the ``reports``
and ``ingest_errors`` tables lives here and nowhere else.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import String, column, func, insert, or_, select, text, update
from sqlalchemy.engine import Connection, Row
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, StatementError

from skylog.records import IngestError, Report
from skylog.store.database import Database
from skylog.store.schema import ingest_errors, reports

_ROW_ERRORS = (StatementError, ValueError, TypeError, RecursionError)
"""Errors one row's values can cause (bad text, unserialisable metadata); DBAPIErrors other
than DataError come from the database itself and are raised."""


def _reason(exc: BaseException) -> str:
    cause = getattr(exc, "orig", None) or exc
    msg = (str(cause).strip().splitlines() or [""])[0][:200]
    return f"{cause.__class__.__name__}: {msg}" if msg else cause.__class__.__name__


MAX_ID_LENGTH = 200  # longer than any report id: looked up as "not found"
CHUNK = 500  # ids per IN (...) query (SQLite allows 999 bound parameters on old builds)
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


def utc_now() -> datetime:
    return datetime.now(UTC)


OFFSET_KEY = "published_utc_offset_s"
"""meta key keeping ``published_at``'s UTC offset: the column holds UTC, and the local
date of a post (01:00 in Moscow is the previous day in UTC) matters to extraction."""


def local_time(value: datetime | None, meta: dict[str, Any] | None) -> datetime | None:
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


def row_to_report(row: Row[Any] | Any) -> Report:
    m = row._mapping
    meta = dict(m["meta"] or {})
    published = local_time(m["published_at"], meta)
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


def chunks(items: list[Any], n: int = CHUNK) -> Iterator[list[Any]]:
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


class ReportStore(Database):
    """The reports part of the store (see :class:`~skylog.store.core.Store`)."""

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
        for chunk in chunks(ids):
            existing.update(conn.scalars(select(reports.c.id).where(reports.c.id.in_(chunk))))
        ext_ids = list({r.external_id for r in batch if r.external_id})
        latest: dict[str, tuple[str, int]] = {}  # external_id -> (id, version) of latest stored
        for chunk in chunks(ext_ids):
            rows = conn.execute(
                select(reports.c.external_id, reports.c.id, reports.c.version).where(
                    reports.c.external_id.in_(chunk), reports.c.superseded_by.is_(None)
                )
            )
            for ext, rid, ver in rows:
                if ext not in latest or ver > latest[ext][1]:
                    latest[ext] = (rid, ver)
        now = utc_now()
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
        now = utc_now()
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
        return row_to_report(row) if row is not None else None

    def versions(self, external_id: str) -> list[Report]:
        """Every stored version of one external item (an edited post), oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(reports).where(reports.c.external_id == external_id).order_by(reports.c.version)
            )
            return [row_to_report(r) for r in rows]

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
                yield row_to_report(row)

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
                return [(row_to_report(r), r.snip) for r in rows]
            words = re.findall(r"\w+", query)
            conds = [or_(reports.c.text.ilike(f"%{w}%"), reports.c.title.ilike(f"%{w}%")) for w in words]
            if not conds:
                return []
            rows = conn.execute(select(reports).where(*conds).limit(limit)).all()
            return [(row_to_report(r), _snippet(r.text, query)) for r in rows]

    # ---- extractions ---------------------------------------------------------------------------

    def report_urls(self, report_ids: Iterable[str]) -> dict[str, str]:
        """Report id -> URL, for those of ``report_ids`` that have one (bounded IN lists)."""
        out: dict[str, str] = {}
        with self.engine.connect() as conn:
            for chunk in chunks(sorted(set(report_ids))):
                q = select(reports.c.id, reports.c.url).where(reports.c.id.in_(chunk))
                out.update((rid, url) for rid, url in conn.execute(q) if url)
        return out

    def publishers(self) -> list[dict[str, Any]]:
        """Publishers of the latest report versions: name, kind, reports, first/last published
        (datetimes) and the registered source they were polled from, most reports first."""
        q = (
            select(
                reports.c.source,
                reports.c.source_kind,
                func.count().label("n"),
                func.min(reports.c.published_at).label("first"),
                func.max(reports.c.published_at).label("last"),
                func.max(reports.c.source_id).label("source_id"),
            )
            .where(reports.c.superseded_by.is_(None))
            .group_by(reports.c.source, reports.c.source_kind)
            .order_by(func.count().desc(), reports.c.source)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
        return [
            {
                "name": r.source,
                "kind": r.source_kind,
                "reports": int(r.n),
                "first_published": r.first,
                "last_published": r.last,
                "source_id": r.source_id,
            }
            for r in rows
        ]

    def report_texts(self, report_ids: Iterable[str]) -> dict[str, str]:
        """Report id -> its text, for ``report_ids`` (bounded IN lists)."""
        out: dict[str, str] = {}
        with self.engine.connect() as conn:
            for chunk in chunks(sorted(set(report_ids))):
                out.update(
                    conn.execute(select(reports.c.id, reports.c.text).where(reports.c.id.in_(chunk))).all()
                )
        return out
