"""The HTTP API and the web page, one FastAPI app (``skylog serve``).

Reading is open unless ``SKYLOG_READ_TOKEN`` is set; writing (``POST
/api/ingest``) needs ``SKYLOG_API_TOKEN`` and is off when it is unset. Every
error is a JSON body ``{"error": ..., "detail": ...}`` with a 4xx status, and
every response carries a strict Content-Security-Policy: report text is hostile
data, so the page builds its DOM from text nodes only and may load nothing but
its own bundled files.
"""

from __future__ import annotations

import hmac
import threading
from dataclasses import astuple
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from skylog import config
from skylog.api import data, models, stats

MAX_BODY_BYTES = 2 * 1024 * 1024
MAX_PAGE = 1000
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}


def static_dir() -> Path:
    return Path(str(resources.files("skylog.web") / "static"))


class ApiError(HTTPException):
    """A 4xx with a short message and optional structured detail."""

    def __init__(self, status: int, error: str, detail: Any = None) -> None:
        super().__init__(status_code=status, detail=error)
        self.error = error
        self.extra = detail


class LimitBody:
    """ASGI middleware: refuse request bodies over ``limit`` bytes with 413 (streamed count)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                too_big = int(length) > self.limit
            except ValueError:
                too_big = True
            if too_big:
                await _send_json(send, 413, {"error": f"request body over the {self.limit} byte limit"})
                return
        seen = 0
        refused = False

        async def limited() -> Message:
            # Count the body as it streams in; past the limit answer 413 ourselves and tell the
            # app the client went away (the framework turns a raised error into a 400).
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    refused = True
                    await _send_json(send, 413, {"error": f"request body over the {self.limit} byte limit"})
                    return {"type": "http.disconnect"}
            return msg

        async def guarded_send(msg: Message) -> None:
            if not refused:  # after a 413 the app's own answer is dropped
                await send(msg)

        try:
            await self.app(scope, limited, guarded_send)
        except Exception:
            if not refused:
                raise


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    import json

    raw = json.dumps(body).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(raw)).encode())]
    headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": raw})


class IngestRequest(BaseModel):
    """A report to ingest: its text, or a URL to fetch (feeds and articles)."""

    text: str | None = Field(None, description="report text (stored exactly; offsets index it)")
    url: str | None = Field(None, description="http(s) URL of an article or feed")
    title: str | None = None
    source: str | None = Field(None, description="who published it (outlet, channel)")
    source_kind: str | None = Field(None, description="official, media, ngo, social or unknown")
    published_at: str | None = Field(None, description="ISO 8601 date or datetime")


class SplitRequest(BaseModel):
    """An analyst's split: every mention of ``report_id`` leaves the incident for a new one."""

    report_id: str = Field(..., max_length=200, description="id of the report to split out")
    reason: str | None = Field(None, max_length=2000, description="why (kept in the incident log)")


class MergeRequest(BaseModel):
    """An analyst's merge: ``other`` is merged into ``incident``."""

    incident: str = Field(..., max_length=64, description="the incident that stays")
    other: str = Field(..., max_length=64, description="the incident merged into it")
    reason: str | None = Field(None, max_length=2000, description="why (kept in the incident log)")


def _token_ok(request: Request, expected: str) -> bool:
    auth = request.headers.get("authorization", "")
    given = auth[7:].strip() if auth.lower().startswith("bearer ") else None
    given = given or request.headers.get("x-skylog-token") or request.query_params.get("token")
    return bool(given) and hmac.compare_digest(given.encode(), expected.encode())


def require_read(request: Request) -> None:
    expected = config.read_token()
    if expected and not _token_ok(request, expected):
        raise ApiError(401, "a read token is required (Authorization: Bearer TOKEN)")


def reject_unknown_query(request: Request) -> None:
    """A query parameter the endpoint does not take is an error (``country=UA`` must not be
    silently ignored and answered with everything); the message lists the accepted ones."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    accepted = {"token"}
    todo = [dependant]
    while todo:  # the endpoint's own query parameters and its dependencies'
        d = todo.pop()
        accepted.update(p.alias for p in d.query_params)
        todo.extend(d.dependencies)
    unknown = sorted(k for k in request.query_params if k not in accepted)
    if unknown:
        raise ApiError(
            400,
            f"unknown query parameter(s): {', '.join(repr(k[:40]) for k in unknown[:5])}",
            {"accepted": sorted(accepted - {"token"})},
        )


def _region(store: Any, value: str | None) -> str | None:
    """admin1 filter as the CLI takes it (code, English/Russian/Ukrainian name or prefix) -> its code."""
    if not value:
        return None
    from skylog.filters import FilterError, known_regions, region_code

    known = known_regions(store)
    try:
        return region_code(value, known)
    except FilterError as exc:
        raise ApiError(400, str(exc).split(";")[0], {"allowed": [c for c, _ in known]}) from None


def require_write(request: Request) -> None:
    expected = config.api_token()
    if not expected:
        raise ApiError(403, "writing is disabled: set SKYLOG_API_TOKEN to enable POST /api/ingest")
    if not _token_ok(request, expected):
        raise ApiError(401, "a valid API token is required (Authorization: Bearer TOKEN)")


def _parse_day(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=UTC)
        return dt.astimezone(UTC).isoformat()
    except ValueError:
        raise ApiError(400, f"{name}: not an ISO 8601 date or datetime: {value[:40]!r}") from None
    except OverflowError:  # e.g. 0001-01-01T00:00:00+14:00 is before year 1 in UTC
        raise ApiError(400, f"{name}: date out of range: {value[:40]!r}") from None


def _check_posted(body: IngestRequest) -> None:
    """Refuse a posted field that could not be stored as given: lone surrogates (not
    Unicode), NUL characters, and a text that is only whitespace (as the CLI refuses it)."""
    import re

    for name in ("text", "url", "title", "source", "source_kind", "published_at"):
        value = getattr(body, name)
        if value is None:
            continue
        m = re.search("[\ud800-\udfff]", value)
        if m is not None:
            raise ApiError(400, f"{name}: not valid Unicode (lone surrogate at character {m.start()})")
        if "\x00" in value:
            raise ApiError(400, f"{name}: contains a NUL character")
    if body.text is not None and not body.text.strip():
        raise ApiError(400, "text is empty (only whitespace)")


def _parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    parts = value.split(",")
    try:
        if len(parts) != 4:
            raise ValueError
        w, s, e, n = (float(p) for p in parts)
    except ValueError:
        raise ApiError(400, "bbox must be 'min_lon,min_lat,max_lon,max_lat' (four numbers)") from None
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90) or w > e:
        raise ApiError(400, "bbox out of range: lon in [-180, 180], lat in [-90, 90], min <= max")
    return (w, s, e, n)


def _selection(
    start: str | None,
    end: str | None,
    bbox: str | None,
    admin1: str | None,
    country: str | None,
    type: str | None,  # noqa: A002 - the API's parameter name
    grade: str | None,
    q: str | None,
    dated: bool | None,
) -> stats.Filters:
    """Validated filters of the page's selection (400 on a bad value)."""
    from skylog.records import EVENT_TYPES

    if type is not None and type not in EVENT_TYPES:
        raise ApiError(400, f"unknown type {type[:40]!r}", {"allowed": list(EVENT_TYPES)})
    if grade is not None and grade not in data.grades():
        raise ApiError(400, f"unknown grade {grade[:40]!r}", {"allowed": list(data.grades())})
    s, e = _parse_day(start, "start"), _parse_day(end, "end")
    if s and e and s[:10] > e[:10]:
        raise ApiError(400, "start is after end")
    return stats.Filters(
        start=s,
        end=e,
        bbox=_parse_bbox(bbox),
        admin1=admin1 or None,
        country=country or None,
        type=type,
        grade=grade,
        q=q or None,
        dated=dated,
    )


def create_app(
    store: Any = None,
    *,
    db: str | None = None,
    max_body: int = MAX_BODY_BYTES,
    allow_private_urls: bool = False,
) -> FastAPI:
    """The app over ``store`` (or a Store opened on ``db`` / the default database)."""
    if store is None:
        from skylog.store import Store

        store = Store(db)
    app = FastAPI(
        title="skylog",
        summary="Sourced, geocoded incident log of aerial attacks: reports, incidents, evidence.",
        version=_version(),
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.ingest_lock = threading.Lock()

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("cache-control", "no-store")
        return response

    app.add_middleware(LimitBody, limit=max_body)

    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
        body: dict[str, Any] = {"error": exc.error}
        if exc.extra is not None:
            body["detail"] = exc.extra
        return JSONResponse(body, status_code=exc.status_code)

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code)

    from starlette.exceptions import HTTPException as StarletteHTTPException

    @app.exception_handler(StarletteHTTPException)
    async def starlette_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def unexpected_error(_request: Request, exc: Exception) -> JSONResponse:
        # Outside the middleware stack: the security headers are added here. No internals
        # go to the client; the server log has the traceback.
        import logging

        logging.getLogger("skylog.api").error("unexpected error", exc_info=exc)
        return JSONResponse(
            {"error": f"internal error ({exc.__class__.__name__})"}, status_code=500, headers=SECURITY_HEADERS
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg")}
            for e in exc.errors()
        ]
        first = problems[0] if problems else {"where": "?", "problem": "invalid"}
        return JSONResponse(
            {"error": f"invalid parameter {first['where']}: {first['problem']}", "detail": problems},
            status_code=400,
        )

    read = [Depends(require_read), Depends(reject_unknown_query)]
    errors = models.ERRORS

    def selection(
        start: str | None = Query(None, description="incident time on or after (ISO 8601 date)"),
        end: str | None = Query(None, description="incident time on or before (ISO 8601 date)"),
        bbox: str | None = Query(None, description="min_lon,min_lat,max_lon,max_lat"),
        admin1: str | None = Query(None, max_length=200, description="region name or ISO 3166-2 code"),
        country: str | None = Query(None, max_length=8, description="ISO 3166-1 alpha-2 country code"),
        type: str | None = Query(None, description="event type, e.g. interception"),  # noqa: A002
        grade: str | None = Query(None, description="corroboration grade"),
        q: str | None = Query(None, max_length=500, description="full-text query over report text"),
        dated: bool | None = Query(
            None, description="true: only incidents with a known time; false: only undated"
        ),
    ) -> stats.Filters:
        return _selection(start, end, bbox, admin1, country, type, grade, q, dated)

    # ---- reports --------------------------------------------------------------------------

    @app.get(
        "/api/reports",
        dependencies=read,
        tags=["reports"],
        response_model=models.ReportList,
        responses=errors,
    )
    def list_reports(
        q: str | None = Query(None, max_length=500, description="full-text query over report text"),
        language: str | None = Query(None, max_length=16),
        since: str | None = Query(None, description="published at or after (ISO 8601)"),
        limit: int = Query(50, ge=1, le=MAX_PAGE),
    ) -> dict[str, Any]:
        """Stored reports (headers only), newest first, or the best full-text matches for ``q``."""
        since_s = _parse_day(since, "since")
        if q:
            hits = store.search(q, limit=limit)
            return {"reports": [data.report_header(r) | {"snippet": snip} for r, snip in hits]}
        since_dt = datetime.fromisoformat(since_s) if since_s else None
        if since_dt is not None and since_dt.tzinfo is None:
            since_dt = since_dt.replace(tzinfo=UTC)
        items = store.iter_reports(language=language, since=since_dt, limit=limit)
        return {"reports": [data.report_header(r) for r in items]}

    @app.get(
        "/api/reports/{report_id}",
        dependencies=read,
        tags=["reports"],
        response_model=models.ReportFull,
        responses=errors | {404: {"model": models.ErrorBody, "description": "no such report"}},
    )
    def get_report(report_id: str) -> dict[str, Any]:
        """One report with its full text and its stored extraction (events, quotes, spans)."""
        report = store.get_report(report_id)
        if report is None:
            raise ApiError(404, f"no report {report_id[:80]!r}")
        out = data.report_full(report)
        out["extraction"] = store.get_extraction(report.id)
        return out

    # ---- incidents ------------------------------------------------------------------------

    @app.get(
        "/api/incidents",
        dependencies=read,
        tags=["incidents"],
        response_model=models.IncidentPage,
        responses=errors,
    )
    def list_incidents(
        start: str | None = Query(None, description="incident time on or after (ISO 8601 date)"),
        end: str | None = Query(None, description="incident time on or before (ISO 8601 date)"),
        bbox: str | None = Query(None, description="min_lon,min_lat,max_lon,max_lat"),
        admin1: str | None = Query(
            None,
            max_length=200,
            description="region: ISO 3166-2 code, English/Russian/Ukrainian name or prefix",
        ),
        type: str | None = Query(None, description="event type, e.g. interception"),
        grade: str | None = Query(None, description="corroboration grade"),
        q: str | None = Query(None, max_length=500, description="full-text query over report text"),
        since: str | None = Query(None, description="only incidents updated at or after (ISO 8601)"),
        limit: int = Query(100, ge=1, le=MAX_PAGE),
        cursor: str | None = Query(None, max_length=500, description="next_cursor of the previous page"),
        dated: bool | None = Query(
            None, description="true: only incidents with a known time; false: only undated"
        ),
        country: str | None = Query(None, max_length=8, description="ISO 3166-1 alpha-2 country code"),
    ) -> dict[str, Any]:
        """Incidents matching every filter given, one page at a time (``next_cursor``)."""
        from skylog.records import EVENT_TYPES

        if (dated is not None or country) and since is None:
            # the web page's list (dated first, then undated): paged in SQL with the stats filters
            f = _selection(start, end, bbox, admin1, country, type, grade, q, dated)
            try:
                return stats.incident_page(store, f, limit=limit, cursor=cursor)
            except ValueError as exc:
                raise ApiError(400, str(exc)[:200]) from None

        if type is not None and type not in EVENT_TYPES:
            raise ApiError(400, f"unknown type {type[:40]!r}", {"allowed": list(EVENT_TYPES)})
        grades = data.grades()
        if grade is not None and grade not in grades:
            raise ApiError(400, f"unknown grade {grade[:40]!r}", {"allowed": list(grades)})
        s, e = _parse_day(start, "start"), _parse_day(end, "end")
        if s and e and s[:10] > e[:10]:
            raise ApiError(400, "start is after end")
        try:
            return data.incident_page(
                store,
                start=s,
                end=e,
                bbox=_parse_bbox(bbox),
                admin1=_region(store, admin1),
                type=type,
                grade=grade,
                q=q,
                since=_parse_day(since, "since"),
                limit=limit,
                cursor=cursor,
            )
        except ValueError as exc:  # e.g. a cursor that was not made by us
            raise ApiError(400, str(exc)[:200]) from None

    @app.get(
        "/api/timeline",
        dependencies=read,
        tags=["incidents"],
        response_model=models.Timeline,
        responses=errors,
    )
    def timeline(
        start: str | None = Query(None, description="incident time on or after (ISO 8601 date)"),
        end: str | None = Query(None, description="incident time on or before (ISO 8601 date)"),
        bbox: str | None = Query(None, description="min_lon,min_lat,max_lon,max_lat"),
        admin1: str | None = Query(None, max_length=200),
        type: str | None = Query(None),
        grade: str | None = Query(None),
    ) -> dict[str, Any]:
        """Incidents per day (dated incidents only) over the whole store, with the list's filters."""
        from skylog.records import EVENT_TYPES

        if type is not None and type not in EVENT_TYPES:
            raise ApiError(400, f"unknown type {type[:40]!r}", {"allowed": list(EVENT_TYPES)})
        if grade is not None and grade not in data.grades():
            raise ApiError(400, f"unknown grade {grade[:40]!r}", {"allowed": list(data.grades())})
        return data.timeline(
            store,
            start=_parse_day(start, "start"),
            end=_parse_day(end, "end"),
            bbox=_parse_bbox(bbox),
            admin1=_region(store, admin1),
            type=type,
            grade=grade,
        )

    # ---- selection statistics, map layer and downloads (the web page) -------------------------

    def overview_of(f: stats.Filters) -> dict[str, Any]:
        return stats.cached(store, "overview", astuple(f), lambda: stats.overview(store, f))

    @app.get("/api/stats/daily", dependencies=read, tags=["stats"])
    def stats_daily(f: stats.Filters = Depends(selection)) -> dict[str, Any]:
        """Incidents per day by type for the selection (the filters of ``/api/incidents``), and
        how many of them have no known date."""
        o = overview_of(f)
        return {"days": o["days"], "dated": o["dated"], "undated": o["undated"]}

    @app.get("/api/stats/overview", dependencies=read, tags=["stats"])
    def stats_overview(f: stats.Filters = Depends(selection)) -> dict[str, Any]:
        """One pass over the selection: per-day counts by type, per-region table and totals,
        region- or country-level incidents per area, and the bounds of its points."""
        return overview_of(f)

    @app.get("/api/stats/regions", dependencies=read, tags=["stats"])
    def stats_regions(f: stats.Filters = Depends(selection)) -> dict[str, Any]:
        """Per region: incidents, intercepted, killed, injured; and the selection's totals."""
        o = overview_of(f)
        return {"regions": o["regions"], "totals": o["totals"]}

    @app.get("/api/stats/map", dependencies=read, tags=["stats"])
    def stats_map(
        f: stats.Filters = Depends(selection),
        zoom: int = Query(5, ge=0, le=22, description="map zoom: grid clusters get finer as it grows"),
        view: str | None = Query(None, description="the map's view, min_lon,min_lat,max_lon,max_lat"),
        parts: str = Query("markers,areas", max_length=100, description="any of markers, areas, bounds"),
    ) -> dict[str, Any]:
        """The map layer for the selection: points (or grid clusters when many) inside ``view``,
        region- or country-level incidents counted per area (never drawn as points), and the
        bounds of the selection's points (to fit the first view)."""
        wanted = tuple(p.strip() for p in parts.split(",") if p.strip())
        unknown = set(wanted) - {"markers", "areas", "bounds"}
        if unknown:
            raise ApiError(
                400, f"unknown parts {sorted(unknown)!r}", {"allowed": ["markers", "areas", "bounds"]}
            )
        box = _parse_bbox(view)
        return stats.cached(
            store,
            "map",
            (astuple(f), zoom, box, wanted),
            lambda: stats.map_layer(store, f, zoom=zoom, view=box, parts=wanted),
        )

    @app.get("/api/export", dependencies=read, tags=["stats"])
    def export_selection(
        f: stats.Filters = Depends(selection),
        format: str = Query("acled-csv", description="acled-csv or geojson"),  # noqa: A002
    ) -> StreamingResponse:
        """Download the selection (the filters of ``/api/incidents``) as ACLED-style CSV or GeoJSON."""
        if format not in ("acled-csv", "geojson"):
            raise ApiError(400, f"unknown format {format[:40]!r}", {"allowed": ["acled-csv", "geojson"]})
        stats.conditions(store, f)  # a bad filter is a 400 here, not a broken download
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        if format == "geojson":
            body, media, name = (
                stats.geojson_stream(stats.iter_selection(store, f)),
                "application/geo+json",
                "geojson",
            )
        else:
            body, media, name = (
                stats.csv_stream(stats.iter_selection(store, f)),
                "text/csv; charset=utf-8",
                "csv",
            )
        return StreamingResponse(
            body,
            media_type=media,
            headers={"content-disposition": f'attachment; filename="skylog-incidents-{stamp}.{name}"'},
        )

    @app.get(
        "/api/incidents/{incident_id}",
        dependencies=read,
        tags=["incidents"],
        response_model=models.IncidentDetail,
        responses=errors | {404: {"model": models.ErrorBody, "description": "no such incident"}},
    )
    def get_incident(incident_id: str) -> dict[str, Any]:
        """One incident: resolved fields, every claim with its evidence span, and the source texts."""
        inc = data.incident_detail(store, incident_id)
        if inc is None:
            raise ApiError(404, f"no incident {incident_id[:80]!r}")
        return inc

    @app.get(
        "/api/sources",
        dependencies=read,
        tags=["reports"],
        response_model=models.SourceList,
        responses=errors,
    )
    def list_sources() -> dict[str, Any]:
        """Who published the stored reports (name, kind, number of reports, first and last date), and
        ``registry``: the followed sources with their health (last poll, last success, last error,
        consecutive failures, items)."""
        return {"sources": data.sources(store), "registry": data.registry(store)}

    @app.get("/api/status", dependencies=read, tags=["meta"], response_model=models.Status, responses=errors)
    def status() -> dict[str, Any]:
        """Counts and a ``version`` that changes whenever reports or incidents change (for polling)."""
        return data.status(store)

    # ---- ingest ---------------------------------------------------------------------------

    @app.post(
        "/api/ingest",
        dependencies=[Depends(require_write), Depends(reject_unknown_query)],
        tags=["ingest"],
        status_code=201,
        response_model=models.IngestSummary,
        responses=errors | {403: {"model": models.ErrorBody, "description": "writing is disabled"}},
    )
    def ingest(body: IngestRequest) -> dict[str, Any]:
        """Ingest one report text or URL, extract and link it; returns the ingest summary."""
        if (body.text is not None) == bool(body.url):
            raise ApiError(400, "give exactly one of 'text' or 'url'")
        _check_posted(body)
        if body.url and not body.url.lower().startswith(("http://", "https://")):
            raise ApiError(400, "url must be http:// or https://")
        published = None
        if body.published_at:
            try:
                from skylog.ingest.common import parse_datetime

                published = parse_datetime(body.published_at)
                if published is not None:
                    published.astimezone(UTC)
            except ValueError as exc:
                raise ApiError(400, f"published_at: {exc}") from None
            except OverflowError:
                raise ApiError(400, f"published_at: date out of range: {body.published_at[:40]!r}") from None
        parsed = None
        if body.url:  # the network read happens outside the write lock (bounded by its deadline)
            from skylog.ingest import IngestOptions, ingest_input

            parsed = {body.url: list(ingest_input(body.url, IngestOptions(allow_private=allow_private_urls)))}
        with app.state.ingest_lock:
            summary = data.ingest(
                store,
                text=body.text,
                url=body.url,
                title=body.title,
                source=body.source,
                source_kind=body.source_kind,
                published_at=published,
                allow_private=allow_private_urls,
                parsed=parsed,
            )
        if summary.get("failed") and not (summary.get("new") or summary.get("duplicate")):
            raise ApiError(422, "nothing could be ingested", summary)
        return summary

    # ---- analyst overrides ----------------------------------------------------------------

    @app.post("/api/incidents/merge", dependencies=[Depends(require_write)], tags=["incidents"])
    def merge_incidents(body: MergeRequest) -> dict[str, Any]:
        """Merge one incident into another (an analyst's correction, logged and kept by later runs)."""
        from skylog.store.linking import merge_incidents as merge

        with app.state.ingest_lock:
            try:
                kept = merge(store, body.incident, body.other, reason=body.reason)
            except ValueError as exc:
                raise ApiError(404 if str(exc).startswith("no incident") else 400, str(exc)[:300]) from None
        return {"incident": kept, "merged": body.other, "detail": data.incident_detail(store, kept)}

    @app.post("/api/incidents/{incident_id}/split", dependencies=[Depends(require_write)], tags=["incidents"])
    def split_incident(incident_id: str, body: SplitRequest) -> dict[str, Any]:
        """Split one report out of an incident into a new one (logged, kept by later runs)."""
        from skylog.store.linking import split_incident as split

        with app.state.ingest_lock:
            try:
                new_id = split(store, incident_id, report_id=body.report_id, reason=body.reason)
            except ValueError as exc:
                raise ApiError(404 if str(exc).startswith("no incident") else 400, str(exc)[:300]) from None
        return {"incident": incident_id, "new_incident": new_id, "report_id": body.report_id}

    # ---- page and docs --------------------------------------------------------------------

    static = static_dir()
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(_DOCS_HTML)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    return app


_DOCS_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>skylog API</title>
<link rel="stylesheet" href="/static/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/static/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body></html>
"""


def _version() -> str:
    import skylog

    return str(getattr(skylog, "__version__", "0"))
