"""Extractions, event mentions and quotes: what extraction found in each report, and its reader.

One part of :class:`~skylog.store.core.Store` (a mixin): the SQL of the
``extractions``, ``event_mentions`` and ``quotes`` tables lives here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

import skylog
from skylog.records import Extraction
from skylog.store.database import Database
from skylog.store.reports import chunks, local_time, utc_now
from skylog.store.schema import event_mentions, extractions, quotes, reports


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


def whole_number(v: Any) -> int | None:
    """``v`` as an int where it is a whole number (``3``, ``3.0``); None for anything else (a bool too)."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return None


def _int_value(claim: dict[str, Any] | None) -> int | None:
    return whole_number(claim.get("value")) if claim else None


class MentionStore(Database):
    """The extraction part of the store (see :class:`~skylog.store.core.Store`)."""

    def save_extraction(self, ex: Extraction, extractor_version: str | None = None) -> list[int]:
        """Store an extraction, replacing any earlier one of that report; returns mention ids."""
        if extractor_version is None:
            extractor_version = _extractor_version()
        data = ex.to_dict()
        rid = ex.report.id
        with self.engine.begin() as conn:
            # Two ingests may extract one report at once (each saw it stored but not extracted):
            # the report's row lock makes them take turns, so the second replaces the first's rows
            # (the linker drops replaced mention ids) instead of inserting beside them.
            conn.execute(select(reports.c.id).where(reports.c.id == rid).with_for_update())
            conn.execute(delete(event_mentions).where(event_mentions.c.report_id == rid))
            conn.execute(delete(quotes).where(quotes.c.report_id == rid))
            conn.execute(delete(extractions).where(extractions.c.report_id == rid))
            conn.execute(
                insert(extractions).values(
                    report_id=rid,
                    extractor_version=extractor_version,
                    extracted_at=utc_now(),
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
                        time_part=time.get("part"),
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
            for chunk in chunks(ids):
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
                    published_at=local_time(row.published_at, row.meta),
                    mention=row.data,
                    report_title=row.title,
                    language=row.language,
                    url=row.url,
                )

    # ---- integrity -----------------------------------------------------------------------------


def _extractor_version() -> str:
    """The version stamped on stored mentions: the package's, which ships rules and model together."""
    return f"skylog-{skylog.__version__}"


def present_mentions(conn: Connection) -> dict[int, str]:
    """Mention id -> report id of the mentions ``iter_mentions`` yields (latest report versions)."""
    q = (
        select(event_mentions.c.id, event_mentions.c.report_id)
        .join(reports, reports.c.id == event_mentions.c.report_id)
        .where(reports.c.superseded_by.is_(None))
    )
    return {int(i): r for i, r in conn.execute(q)}
