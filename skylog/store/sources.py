"""The source registry: channels and feeds that ``skylog watch`` follows, with their health.

One row per followed URL with the properties analysts give it (kind, country,
language, the office an official channel speaks for), its poll schedule and what
the last polls did (success, error, consecutive failures, validators for
conditional requests, fingerprints of the items already seen). Reports polled
from a source carry its id (``reports.source_id``). Removing a source only marks
it removed: its reports keep pointing at it, and adding the URL again revives it.
All SQL about sources lives here (migration ``0004`` creates the table).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Column,
    Float,
    Integer,
    String,
    Table,
    Text,
    func,
    insert,
    select,
    update,
)

from skylog.store.schema import UTCDateTime, metadata, reports

if TYPE_CHECKING:
    from skylog.store.core import Store

SOURCE_KINDS = ("official", "media", "ngo", "social", "unknown")
FAILING_AFTER = 5
"""Consecutive failed polls after which a source is shown as ``failing`` (it is still
retried, at the longest back-off, never in a tight loop)."""


def _dt() -> UTCDateTime:
    return UTCDateTime(timezone=True)


sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False, default="unknown"),
    Column("country", String(8)),  # ISO 3166-1 alpha-2 of the publisher's home country
    Column("language", String(16)),
    Column("official_of", Text),  # e.g. "Governor of Kaluga Oblast"
    Column("handle", Text),  # Telegram handle or host name
    Column("interval_s", Float, nullable=False, default=60.0),
    Column("backfill_pages", Integer, nullable=False, default=0),
    Column("added_at", _dt(), nullable=False),
    Column("removed_at", _dt()),
    Column("last_poll_at", _dt()),
    Column("last_success_at", _dt()),
    Column("last_new_at", _dt()),
    Column("last_error", Text),
    Column("last_error_at", _dt()),
    Column("failures", Integer, nullable=False, default=0),  # consecutive
    Column("polls", Integer, nullable=False, default=0),
    Column("errors", Integer, nullable=False, default=0),  # all time
    Column("next_poll_at", _dt()),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("state", JSON),  # reader state: fingerprints of items seen, newest message id
    sqlite_autoincrement=True,
)


@dataclass
class RegisteredSource:
    """One row of the registry, with the number of stored reports polled from it."""

    id: int
    url: str
    name: str
    kind: str = "unknown"
    country: str | None = None
    language: str | None = None
    official_of: str | None = None
    handle: str | None = None
    interval_s: float = 60.0
    backfill_pages: int = 0
    added_at: datetime | None = None
    removed_at: datetime | None = None
    last_poll_at: datetime | None = None
    last_success_at: datetime | None = None
    last_new_at: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    failures: int = 0
    polls: int = 0
    errors: int = 0
    next_poll_at: datetime | None = None
    etag: str | None = None
    last_modified: str | None = None
    state: dict[str, Any] = field(default_factory=dict)
    items: int = 0

    @property
    def health(self) -> str:
        """``new`` (never polled), ``ok``, ``retrying`` (failed lately) or ``failing``; ``removed``."""
        if self.removed_at is not None:
            return "removed"
        if self.failures >= FAILING_AFTER:
            return "failing"
        if self.failures:
            return "retrying"
        return "ok" if self.last_success_at else "new"

    def to_dict(self) -> dict[str, Any]:
        def iso(v: datetime | None) -> str | None:
            return v.isoformat() if v else None

        return {
            "id": self.id,
            "url": self.url,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "language": self.language,
            "official_of": self.official_of,
            "handle": self.handle,
            "interval_s": self.interval_s,
            "backfill_pages": self.backfill_pages,
            "health": self.health,
            "added_at": iso(self.added_at),
            "removed_at": iso(self.removed_at),
            "last_poll_at": iso(self.last_poll_at),
            "last_success_at": iso(self.last_success_at),
            "last_new_at": iso(self.last_new_at),
            "last_error": self.last_error,
            "last_error_at": iso(self.last_error_at),
            "failures": self.failures,
            "polls": self.polls,
            "errors": self.errors,
            "next_poll_at": iso(self.next_poll_at),
            "items": self.items,
        }


def _now() -> datetime:
    return datetime.now(UTC)


def _row(row: Any, items: int = 0) -> RegisteredSource:
    m = dict(row._mapping)
    m.pop("items", None)
    m["state"] = m.get("state") or {}
    return RegisteredSource(**m, items=items)


class SourceRegistry:
    """Queries and updates of the ``sources`` table, on a Store's engine."""

    def __init__(self, store: Store) -> None:
        self.engine = store.engine

    def _select(self):  # noqa: ANN202 - a SQLAlchemy Select
        items = (
            select(func.count())
            .select_from(reports)
            .where(reports.c.source_id == sources.c.id, reports.c.superseded_by.is_(None))
            .scalar_subquery()
        )
        return select(sources, items.label("items"))

    def list(self, *, include_removed: bool = False) -> list[RegisteredSource]:
        """Registered sources in the order they were added."""
        q = self._select().order_by(sources.c.id)
        if not include_removed:
            q = q.where(sources.c.removed_at.is_(None))
        with self.engine.connect() as conn:
            return [_row(r, int(r.items or 0)) for r in conn.execute(q)]

    def get(self, ref: str | int, *, include_removed: bool = False) -> RegisteredSource | None:
        """A source by id, URL or name (case-insensitive); None when there is none or it is ambiguous."""
        conds = [sources.c.url == str(ref), func.lower(sources.c.name) == str(ref).lower()]
        if isinstance(ref, int) or str(ref).isdigit():
            conds.insert(0, sources.c.id == int(ref))
        with self.engine.connect() as conn:
            for cond in conds:
                q = self._select().where(cond)
                if not include_removed:
                    q = q.where(sources.c.removed_at.is_(None))
                rows = conn.execute(q.limit(2)).all()
                if len(rows) == 1:
                    return _row(rows[0], int(rows[0].items or 0))
        return None

    def add(self, url: str, *, name: str, **props: Any) -> tuple[RegisteredSource, bool]:
        """Register ``url`` (or update/revive it when known); returns (source, created).

        ``props``: kind, country, language, official_of, handle, interval_s, backfill_pages;
        a None value leaves a known source's property as it is.
        """
        kind = props.get("kind")
        if kind is not None and kind not in SOURCE_KINDS:
            raise ValueError(f"unknown source kind {kind!r} (one of {', '.join(SOURCE_KINDS)})")
        allowed = {"kind", "country", "language", "official_of", "handle", "interval_s", "backfill_pages"}
        unknown = set(props) - allowed
        if unknown:
            raise ValueError(f"unknown source properties: {', '.join(sorted(unknown))}")
        values = {k: v for k, v in props.items() if v is not None}
        with self.engine.begin() as conn:
            row = conn.execute(select(sources.c.id, sources.c.removed_at).where(sources.c.url == url)).first()
            if row is None:
                res = conn.execute(
                    insert(sources).values(
                        url=url,
                        name=name,
                        added_at=_now(),
                        failures=0,
                        polls=0,
                        errors=0,
                        **{"kind": "unknown", "interval_s": 60.0, "backfill_pages": 0, **values},
                    )
                )
                sid, created = int(res.inserted_primary_key[0]), True
            else:
                sid, created = int(row.id), row.removed_at is not None
                changes = dict(values, name=name, removed_at=None)
                if created:  # revived: polled again from scratch, history of errors cleared
                    changes.update(failures=0, next_poll_at=None, last_error=None, last_error_at=None)
                conn.execute(update(sources).where(sources.c.id == sid).values(**changes))
        src = self.get(sid)
        assert src is not None
        return src, created

    def remove(self, ref: str | int) -> RegisteredSource | None:
        """Stop following a source (marked removed; its reports keep their link)."""
        src = self.get(ref)
        if src is None:
            return None
        with self.engine.begin() as conn:
            conn.execute(update(sources).where(sources.c.id == src.id).values(removed_at=_now()))
        return self.get(src.id, include_removed=True)

    def due(self, now: datetime | None = None) -> list[RegisteredSource]:
        """Active sources whose next poll time has come (never-polled ones first)."""
        now = now or _now()
        q = (
            self._select()
            .where(sources.c.removed_at.is_(None))
            .where((sources.c.next_poll_at.is_(None)) | (sources.c.next_poll_at <= now))
            .order_by(sources.c.next_poll_at.is_not(None), sources.c.next_poll_at, sources.c.id)
        )
        with self.engine.connect() as conn:
            return [_row(r, int(r.items or 0)) for r in conn.execute(q)]

    def record_success(
        self,
        source_id: int,
        *,
        at: datetime,
        next_poll_at: datetime,
        new_items: int = 0,
        etag: str | None = None,
        last_modified: str | None = None,
        state: dict[str, Any] | None = None,
        name: str | None = None,
    ) -> None:
        """A poll that worked (also a 304 Not Modified): failures reset, validators kept."""
        values: dict[str, Any] = {
            "last_poll_at": at,
            "last_success_at": at,
            "failures": 0,
            "polls": sources.c.polls + 1,
            "next_poll_at": next_poll_at,
        }
        if new_items:
            values["last_new_at"] = at
        if etag is not None:
            values["etag"] = etag
        if last_modified is not None:
            values["last_modified"] = last_modified
        if state is not None:
            values["state"] = state
        if name:
            values["name"] = name
        with self.engine.begin() as conn:
            conn.execute(update(sources).where(sources.c.id == source_id).values(**values))

    def record_failure(self, source_id: int, *, at: datetime, error: str, next_poll_at: datetime) -> int:
        """A failed poll; returns the number of consecutive failures now."""
        with self.engine.begin() as conn:
            conn.execute(
                update(sources)
                .where(sources.c.id == source_id)
                .values(
                    last_poll_at=at,
                    last_error=error[:1000],
                    last_error_at=at,
                    failures=sources.c.failures + 1,
                    errors=sources.c.errors + 1,
                    polls=sources.c.polls + 1,
                    next_poll_at=next_poll_at,
                )
            )
            return int(conn.scalar(select(sources.c.failures).where(sources.c.id == source_id)) or 0)

    def claim(self, report_ids: list[str], source_id: int) -> int:
        """Link stored reports that have no source yet to ``source_id`` (a post ingested by hand
        before its channel was followed); returns how many were linked. Nothing else changes."""
        n = 0
        ids = list(dict.fromkeys(report_ids))
        with self.engine.begin() as conn:
            for i in range(0, len(ids), 500):
                res = conn.execute(
                    update(reports)
                    .where(reports.c.id.in_(ids[i : i + 500]), reports.c.source_id.is_(None))
                    .values(source_id=source_id)
                )
                n += res.rowcount or 0
        return n

    def by_ids(self, ids: list[int]) -> dict[int, RegisteredSource]:
        """Sources by id (removed ones included), for labelling reports."""
        if not ids:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(self._select().where(sources.c.id.in_(sorted(set(ids))))).all()
        return {int(r.id): _row(r, int(r.items or 0)) for r in rows}
