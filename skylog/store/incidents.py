"""Reading incidents: pages, one incident's full view, and the lookups around them.

``incident_page`` pages with an opaque keyset cursor (newest first by
``sort_time``, then id), so pages stay stable while new incidents arrive; its
conditions come from the one incident filter (``skylog.store.filters``).
``get_incident`` returns the full resolved view: every field's claims with their
evidence (report id, spans, sentence), the sources, members, related incidents and log.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Collection, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.engine import Connection, Row

from skylog.records import ACLED_SUB_EVENT, iso_time
from skylog.store.filters import BBox, IncidentFilter, incident_conditions
from skylog.store.incident_schema import incident_log, incident_members, incident_related, incidents
from skylog.store.reports import CHUNK, ReportStore, chunks
from skylog.store.schema import event_mentions, reports

MAX_LIMIT = 1000
Q_REPORT_LIMIT = 5000  # report hits a full-text incident filter considers


def _iso(v: datetime | None) -> str | None:
    return v.isoformat() if v else None


def encode_cursor(sort_time: datetime, iid: str) -> str:
    raw = json.dumps([sort_time.isoformat(), iid]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    """Cursor -> (sort_time, id); ValueError on anything malformed."""
    try:
        pad = "=" * (-len(cursor) % 4)
        t, iid = json.loads(base64.urlsafe_b64decode(cursor + pad))
        dt = iso_time(t)
        if dt is None or not isinstance(iid, str):
            raise ValueError
        return dt, iid
    except Exception as exc:
        raise ValueError(f"invalid cursor {cursor[:40]!r}") from exc


def summary(row: Row[Any]) -> dict[str, Any]:
    """The list view of one incident row (stable JSON field names)."""
    m = row._mapping
    data = m["data"] or {}
    return {
        "id": m["id"],
        "type": m["type"],
        "acled_sub_event": ACLED_SUB_EVENT.get(m["type"]),
        "start": _iso(m["start"]),
        "end": _iso(m["end"]),
        "time_precision": m["time_precision"],
        "sort_time": _iso(m["sort_time"]),
        "place": {
            "name": m["place_name"],
            "country": m["country"],
            "admin1": m["admin1"],
            "admin1_code": m["admin1_code"],
            "admin2": m["admin2"],
            "lat": m["lat"],
            "lon": m["lon"],
            "precision": m["geo_precision"],
        },
        "grade": m["grade"],
        "grade_label": data.get("grade_label"),
        "n_mentions": m["n_mentions"],
        "n_reports": m["n_reports"],
        "n_sources": m["n_sources"],
        "count": m["count"],
        "killed": m["killed"],
        "killed_low": m["killed_low"],
        "killed_high": m["killed_high"],
        "injured": m["injured"],
        "conflicts": data.get("conflicts", []),
        "updated_at": _iso(m["updated_at"]),
        **_provenance(data),
    }


def _provenance(data: dict[str, Any]) -> dict[str, Any]:
    """Who says so (claimant, with role) and who published it (carrier): skylog.provenance."""
    from skylog.provenance import claimant_of

    p = data.get("provenance") or claimant_of(data.get("fields") or {}, data.get("sources") or [])
    return {"claimant": p["claimant"], "claimant_role": p["claimant_role"], "carrier": p["carrier"]}


def _page_after(cursor: str) -> ColumnElement[bool]:
    ct, cid = decode_cursor(cursor)
    t = incidents
    return or_(t.c.sort_time < ct, and_(t.c.sort_time == ct, t.c.id < cid))


class IncidentStore(ReportStore):
    """The incident reads of the store (see :class:`~skylog.store.core.Store`)."""

    def incidents_of_reports(self, report_ids: Iterable[str]) -> set[str]:
        """Ids of the incidents that have a member mention from one of ``report_ids``."""
        out: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in chunks(sorted(set(report_ids)), CHUNK):
                q = select(incident_members.c.incident_id).where(incident_members.c.report_id.in_(chunk))
                out.update(str(x) for x in conn.scalars(q))
        return out

    def incidents_matching(self, query: str) -> set[str]:
        """Ids of the incidents with a member report that the full-text ``query`` finds."""
        report_ids = {r.id for r, _ in self.search(query, limit=Q_REPORT_LIMIT)}
        return self.incidents_of_reports(report_ids) if report_ids else set()

    def incident_conditions(self, f: IncidentFilter) -> list[ColumnElement[bool]]:
        """The WHERE clause of ``f`` (its full-text part searched here); ValueError on a bad time."""
        return incident_conditions(f, self.incidents_matching(f.q) if f.q else None)

    def incident_page(
        self,
        f: IncidentFilter | None = None,
        *,
        limit: int = 50,
        cursor: str | None = None,
        with_total: bool = True,
    ) -> dict[str, Any]:
        """One page of incidents, newest first: ``{"items", "next_cursor", "total"}``.

        ``total`` (a count over the whole selection) is None unless ``with_total``.
        """
        t = incidents
        limit = max(1, min(int(limit), MAX_LIMIT))
        conds = self.incident_conditions(f or IncidentFilter())
        page = [*conds, _page_after(cursor)] if cursor else conds
        q = select(t).where(*page).order_by(t.c.sort_time.desc(), t.c.id.desc()).limit(limit + 1)
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
            total = conn.scalar(select(func.count()).select_from(t).where(*conds)) if with_total else None
        more = len(rows) > limit
        rows = rows[:limit]
        nxt = encode_cursor(rows[-1].sort_time, rows[-1].id) if more and rows else None
        return {"items": [summary(r) for r in rows], "next_cursor": nxt, "total": total}

    def get_incident(self, incident_id: str) -> dict[str, Any] | None:
        """Full view of one incident (a unique id prefix works too), or None."""
        with self.engine.connect() as conn:
            row = _incident_row(conn, incident_id)
            if row is None:
                return None
            iid = row.id
            members = _members(conn, iid)
            logs = conn.execute(
                select(incident_log)
                .where(or_(incident_log.c.incident_id == iid, incident_log.c.other_id == iid))
                .order_by(incident_log.c.id)
            ).all()
            rel = conn.execute(
                select(incident_related).where(
                    or_(incident_related.c.incident_id == iid, incident_related.c.other_id == iid)
                )
            ).all()
        out = summary(row)
        data = row.data or {}
        out.update(
            {
                "types": data.get("types"),
                "grade_reason": data.get("grade_reason"),
                "fields": data.get("fields", {}),
                "field_confidence": data.get("field_confidence"),
                "low_confidence": data.get("low_confidence"),
                "sources": data.get("sources", []),
                "members": members,
                "related": sorted(
                    (
                        {"id": r.other_id if r.incident_id == iid else r.incident_id, "relation": r.relation}
                        for r in rel
                    ),
                    key=lambda d: d["id"],
                ),
                "log": [_log_entry(e) for e in logs],
            }
        )
        return out

    def incident_data(self, incident_ids: Collection[str]) -> dict[str, dict[str, Any]]:
        """Incident id -> its resolved data (fields, sources, grade reason), in bounded queries."""
        out: dict[str, dict[str, Any]] = {}
        with self.engine.connect() as conn:
            for chunk in chunks(sorted(set(incident_ids)), CHUNK):
                q = select(incidents.c.id, incidents.c.data).where(incidents.c.id.in_(chunk))
                out.update((str(i), d or {}) for i, d in conn.execute(q))
        return out

    def known_regions(self) -> list[tuple[str, str]]:
        """(admin1 code, name) of the regions that have incidents, for error messages."""
        t = incidents
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.c.admin1_code, t.c.admin1).where(t.c.admin1_code.is_not(None)).distinct()
            ).all()
        return sorted({(c, n or c) for c, n in rows})


def list_incidents(
    store: IncidentStore,
    *,
    start: datetime | str | None = None,
    end: datetime | str | None = None,
    admin1: str | None = None,
    type: str | None = None,  # noqa: A002 - the contract's field name
    grade: str | None = None,
    bbox: BBox | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> dict[str, Any]:
    """One page of incidents by keyword filters (the CLI's vocabulary): see ``incident_page``."""
    f = IncidentFilter(start=start, end=end, admin1=admin1, type=type, grade=grade, bbox=bbox)
    return store.incident_page(f, limit=limit, cursor=cursor)


def get_incident(store: IncidentStore, incident_id: str) -> dict[str, Any] | None:
    """Full view of one incident (a unique id prefix works too), or None."""
    return store.get_incident(incident_id)


def _incident_row(conn: Connection, incident_id: str) -> Row[Any] | None:
    row = conn.execute(select(incidents).where(incidents.c.id == incident_id)).first()
    if row is None and len(incident_id) >= 6:
        like = incident_id.replace("%", "").replace("_", "") + "%"
        rows = conn.execute(select(incidents).where(incidents.c.id.like(like)).limit(2)).all()
        row = rows[0] if len(rows) == 1 else None
    return row


def _members(conn: Connection, iid: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(
            incident_members.c.mention_id,
            incident_members.c.report_id,
            incident_members.c.score,
            incident_members.c.evidence,
            incident_members.c.created_by,
            reports.c.source,
            reports.c.source_kind,
            reports.c.title,
            reports.c.url,
            reports.c.published_at,
            event_mentions.c.type,
            event_mentions.c.data,
        )
        .join(reports, reports.c.id == incident_members.c.report_id, isouter=True)
        .join(event_mentions, event_mentions.c.id == incident_members.c.mention_id, isouter=True)
        .where(incident_members.c.incident_id == iid)
        .order_by(reports.c.published_at, incident_members.c.mention_id)
    ).all()
    return [
        {
            "mention_id": m.mention_id,
            "report_id": m.report_id,
            "score": m.score,
            "source": m.source,
            "source_kind": m.source_kind,
            "title": m.title,
            "url": m.url,
            "published_at": _iso(m.published_at),
            "type": m.type,
            "weapon": (m.data or {}).get("weapon"),
            "spans": (m.data or {}).get("spans") or [],
            "evidence": member_evidence(m.evidence, m.score, m.created_by),
        }
        for m in rows
    ]


def _log_entry(e: Row[Any]) -> dict[str, Any]:
    return {
        "at": _iso(e.at),
        "action": e.action,
        "incident_id": e.incident_id,
        "other_id": e.other_id,
        "mention_id": e.mention_id,
        "score": e.score,
        "detail": e.detail,
    }


EVIDENCE_KEYS = ("score", "time", "place", "text_similarity", "reasons", "created_by")


def member_evidence(stored: Any, score: float | None, created_by: str | None) -> dict[str, Any]:
    """Why a member is in its incident, always with every key (older rows have no stored evidence)."""
    ev = dict(stored) if isinstance(stored, dict) else {}
    out = {k: ev.get(k) for k in EVIDENCE_KEYS}
    if out["score"] is None and score is not None and not ev:
        out["score"] = score
    out["reasons"] = [str(r) for r in out["reasons"] or []]
    out["created_by"] = out["created_by"] or created_by or "linker"
    return out


def geojson_feature(item: dict[str, Any]) -> dict[str, Any]:
    """A list item as a GeoJSON Feature (null geometry when the place has no point)."""
    p = item.get("place") or {}
    geom = None
    if p.get("lat") is not None and p.get("lon") is not None:
        geom = {"type": "Point", "coordinates": [p["lon"], p["lat"]]}
    props = {k: v for k, v in item.items() if k != "place"}
    props.update({f"place_{k}": v for k, v in p.items()})
    return {"type": "Feature", "id": item["id"], "geometry": geom, "properties": props}
