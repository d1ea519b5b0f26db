"""Read helpers over the incident tables, for the CLI, the HTTP API and the web page.

``list_incidents`` pages with an opaque keyset cursor (newest first by
``sort_time``, then id), so pages stay stable while new incidents arrive.
``get_incident`` returns the full resolved view: every field's claims with
their evidence (report id, spans, sentence), the sources, members and log.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select

from skylog.link.features import parse_time
from skylog.records import ACLED_SUB_EVENT

MAX_LIMIT = 1000


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
        dt = parse_time(t)
        if dt is None or not isinstance(iid, str):
            raise ValueError
        return dt, iid
    except Exception as exc:
        raise ValueError(f"invalid cursor {cursor[:40]!r}") from exc


def summary(row: Any) -> dict[str, Any]:
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


def list_incidents(
    store: Any,
    *,
    start: datetime | str | None = None,
    end: datetime | str | None = None,
    admin1: str | None = None,
    type: str | None = None,  # noqa: A002 - the contract's field name
    grade: str | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> dict[str, Any]:
    """One page of incidents, newest first: ``{"items", "next_cursor", "total"}``.

    ``start``/``end`` bound ``sort_time`` (the resolved start, else the first
    report); ``admin1`` matches an ISO 3166-2 code or a region name
    (case-insensitive); ``bbox`` is (min_lon, min_lat, max_lon, max_lat).
    """
    from skylog.store.incident_schema import incidents as t

    limit = max(1, min(int(limit), MAX_LIMIT))
    conds = []
    s, e = parse_time(start), parse_time(end)
    if start is not None and s is None or end is not None and e is None:
        raise ValueError("start/end must be ISO 8601 dates or datetimes")
    if s is not None:
        conds.append(t.c.sort_time >= s)
    if e is not None:
        if isinstance(end, str) and len(end) == 10:  # a date: include that whole day
            e = e.replace(hour=23, minute=59, second=59, microsecond=999999)
        conds.append(t.c.sort_time <= e)
    if admin1:
        conds.append(
            or_(func.lower(t.c.admin1_code) == admin1.lower(), func.lower(t.c.admin1) == admin1.lower())
        )
    if type:
        conds.append(t.c.type == type)
    if grade:
        conds.append(t.c.grade == grade)
    if bbox is not None:
        x0, y0, x1, y1 = (float(v) for v in bbox)
        conds.append(and_(t.c.lon >= x0, t.c.lon <= x1, t.c.lat >= y0, t.c.lat <= y1))
    page_conds = list(conds)
    if cursor:
        ct, cid = decode_cursor(cursor)
        page_conds.append(or_(t.c.sort_time < ct, and_(t.c.sort_time == ct, t.c.id < cid)))
    q = select(t).where(*page_conds).order_by(t.c.sort_time.desc(), t.c.id.desc()).limit(limit + 1)
    with store.engine.connect() as conn:
        rows = conn.execute(q).all()
        total = conn.scalar(select(func.count()).select_from(t).where(*conds)) or 0
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = encode_cursor(rows[-1].sort_time, rows[-1].id) if more and rows else None
    return {"items": [summary(r) for r in rows], "next_cursor": nxt, "total": total}


def get_incident(store: Any, incident_id: str) -> dict[str, Any] | None:
    """Full view of one incident (a unique id prefix works too), or None."""
    from skylog.store.incident_schema import incident_log, incident_members, incident_related, incidents
    from skylog.store.schema import event_mentions, reports

    with store.engine.connect() as conn:
        row = conn.execute(select(incidents).where(incidents.c.id == incident_id)).first()
        if row is None and len(incident_id) >= 6:
            like = incident_id.replace("%", "").replace("_", "") + "%"
            rows = conn.execute(select(incidents).where(incidents.c.id.like(like)).limit(2)).all()
            row = rows[0] if len(rows) == 1 else None
        if row is None:
            return None
        iid = row.id
        mem = conn.execute(
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
            "sources": data.get("sources", []),
            "members": [
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
                for m in mem
            ],
            "related": sorted(
                (
                    {"id": r.other_id if r.incident_id == iid else r.incident_id, "relation": r.relation}
                    for r in rel
                ),
                key=lambda d: d["id"],
            ),
            "log": [
                {
                    "at": _iso(e.at),
                    "action": e.action,
                    "incident_id": e.incident_id,
                    "other_id": e.other_id,
                    "mention_id": e.mention_id,
                    "score": e.score,
                    "detail": e.detail,
                }
                for e in logs
            ],
        }
    )
    return out


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
