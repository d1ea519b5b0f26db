"""Read endpoints of reports, incidents, sources and status (``GET /api/...``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Depends, Query

from skylog.api import data, models, stats
from skylog.api.errors import ApiError
from skylog.api.params import (
    MAX_PAGE,
    check_type_and_grade,
    day_range,
    get_store,
    make_selection,
    parse_bbox,
    parse_day,
    region,
)
from skylog.api.security import reject_unknown_query, require_read
from skylog.store import Store

READ = [Depends(require_read), Depends(reject_unknown_query)]
ERRORS = models.ERRORS
router = APIRouter(dependencies=READ)


@router.get("/api/reports", tags=["reports"], response_model=models.ReportList, responses=ERRORS)
def list_reports(
    q: str | None = Query(None, max_length=500, description="full-text query over report text"),
    language: str | None = Query(None, max_length=16),
    since: str | None = Query(None, description="published at or after (ISO 8601)"),
    limit: int = Query(50, ge=1, le=MAX_PAGE),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Stored reports (headers only), newest first, or the best full-text matches for ``q``."""
    since_s = parse_day(since, "since")
    if q:
        hits = store.search(q, limit=limit)
        return {"reports": [data.report_header(r) | {"snippet": snip} for r, snip in hits]}
    since_dt = datetime.fromisoformat(since_s) if since_s else None
    if since_dt is not None and since_dt.tzinfo is None:
        since_dt = since_dt.replace(tzinfo=UTC)
    items = store.iter_reports(language=language, since=since_dt, limit=limit)
    return {"reports": [data.report_header(r) for r in items]}


@router.get(
    "/api/reports/{report_id}",
    tags=["reports"],
    response_model=models.ReportFull,
    responses=ERRORS | {404: {"model": models.ErrorBody, "description": "no such report"}},
)
def get_report(report_id: str, store: Store = Depends(get_store)) -> dict[str, Any]:
    """One report with its full text and its stored extraction (events, quotes, spans)."""
    report = store.get_report(report_id)
    if report is None:
        raise ApiError(404, f"no report {report_id[:80]!r}")
    out = data.report_full(report)
    out["extraction"] = store.get_extraction(report.id)
    return out


@router.get("/api/incidents", tags=["incidents"], response_model=models.IncidentPage, responses=ERRORS)
def list_incidents(
    start: str | None = Query(None, description="incident time on or after (ISO 8601 date)"),
    end: str | None = Query(None, description="incident time on or before (ISO 8601 date)"),
    bbox: str | None = Query(None, description="min_lon,min_lat,max_lon,max_lat"),
    admin1: str | None = Query(
        None,
        max_length=200,
        description="region: ISO 3166-2 code, English/Russian/Ukrainian name or prefix",
    ),
    type: str | None = Query(None, description="event type, e.g. interception"),  # noqa: A002
    grade: str | None = Query(None, description="corroboration grade"),
    q: str | None = Query(None, max_length=500, description="full-text query over report text"),
    since: str | None = Query(None, description="only incidents updated at or after (ISO 8601)"),
    limit: int = Query(100, ge=1, le=MAX_PAGE),
    cursor: str | None = Query(None, max_length=500, description="next_cursor of the previous page"),
    dated: bool | None = Query(
        None, description="true: only incidents with a known time; false: only undated"
    ),
    country: str | None = Query(None, max_length=8, description="ISO 3166-1 alpha-2 country code"),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Incidents matching every filter given, one page at a time (``next_cursor``)."""
    try:
        if (dated is not None or country) and since is None:
            # the web page's list (dated first, then undated): paged in SQL with the stats filters
            f = make_selection(start, end, bbox, admin1, country, type, grade, q, dated)
            return stats.incident_page(store, f, limit=limit, cursor=cursor)
        check_type_and_grade(type, grade)
        s, e = day_range(start, end)
        return data.incident_page(
            store,
            start=s,
            end=e,
            bbox=parse_bbox(bbox),
            admin1=region(store, admin1),
            type=type,
            grade=grade,
            q=q,
            since=parse_day(since, "since"),
            limit=limit,
            cursor=cursor,
        )
    except ValueError as exc:  # e.g. a cursor that was not made by us
        raise ApiError(400, str(exc)[:200]) from None


@router.get("/api/timeline", tags=["incidents"], response_model=models.Timeline, responses=ERRORS)
def timeline(
    start: str | None = Query(None, description="incident time on or after (ISO 8601 date)"),
    end: str | None = Query(None, description="incident time on or before (ISO 8601 date)"),
    bbox: str | None = Query(None, description="min_lon,min_lat,max_lon,max_lat"),
    admin1: str | None = Query(None, max_length=200),
    type: str | None = Query(None),  # noqa: A002
    grade: str | None = Query(None),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Incidents per day (dated incidents only) over the whole store, with the list's filters."""
    check_type_and_grade(type, grade)
    return data.timeline(
        store,
        start=parse_day(start, "start"),
        end=parse_day(end, "end"),
        bbox=parse_bbox(bbox),
        admin1=region(store, admin1),
        type=type,
        grade=grade,
    )


@router.get(
    "/api/incidents/{incident_id}",
    tags=["incidents"],
    response_model=models.IncidentDetail,
    responses=ERRORS | {404: {"model": models.ErrorBody, "description": "no such incident"}},
)
def get_incident(incident_id: str, store: Store = Depends(get_store)) -> dict[str, Any]:
    """One incident: resolved fields, every claim with its evidence span, and the source texts."""
    inc = data.incident_detail(store, incident_id)
    if inc is None:
        raise ApiError(404, f"no incident {incident_id[:80]!r}")
    return inc


@router.get("/api/sources", tags=["reports"], response_model=models.SourceList, responses=ERRORS)
def list_sources(store: Store = Depends(get_store)) -> dict[str, Any]:
    """Who published the stored reports (name, kind, number of reports, first and last date), and
    ``registry``: the followed sources with their health (last poll, last success, last error,
    consecutive failures, items)."""
    return {"sources": data.sources(store), "registry": data.registry(store)}


@router.get("/api/status", tags=["meta"], response_model=models.Status, responses=ERRORS)
def status(store: Store = Depends(get_store)) -> dict[str, Any]:
    """Counts and a ``version`` that changes whenever reports or incidents change (for polling)."""
    return data.status(store)
