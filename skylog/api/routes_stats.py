"""Selection statistics, the map layer and downloads of the web page (``/api/stats/*``, ``/api/export``).

Every endpoint takes the page's selection (the filters of ``/api/incidents``); the
overview and map answers are cached per store version in ``api.stats``.
"""

from __future__ import annotations

from dataclasses import astuple
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from skylog.api import stats
from skylog.api.errors import ApiError
from skylog.api.params import get_store, parse_bbox, selection
from skylog.api.security import reject_unknown_query, require_read
from skylog.store import Store

router = APIRouter(dependencies=[Depends(require_read), Depends(reject_unknown_query)], tags=["stats"])
MAP_PARTS = ("markers", "areas", "bounds")


def _overview(store: Store, f: stats.Filters) -> dict[str, Any]:
    return stats.cached(store, "overview", astuple(f), lambda: stats.overview(store, f))


@router.get("/api/stats/daily")
def stats_daily(f: stats.Filters = Depends(selection), store: Store = Depends(get_store)) -> dict[str, Any]:
    """Incidents per day by type for the selection (the filters of ``/api/incidents``), and
    how many of them have no known date."""
    o = _overview(store, f)
    return {"days": o["days"], "dated": o["dated"], "undated": o["undated"]}


@router.get("/api/stats/overview")
def stats_overview(
    f: stats.Filters = Depends(selection), store: Store = Depends(get_store)
) -> dict[str, Any]:
    """One pass over the selection: per-day counts by type, per-region table and totals,
    region- or country-level incidents per area, and the bounds of its points."""
    return _overview(store, f)


@router.get("/api/stats/regions")
def stats_regions(f: stats.Filters = Depends(selection), store: Store = Depends(get_store)) -> dict[str, Any]:
    """Per region: incidents, intercepted, killed, injured; and the selection's totals."""
    o = _overview(store, f)
    return {"regions": o["regions"], "totals": o["totals"]}


@router.get("/api/stats/map")
def stats_map(
    f: stats.Filters = Depends(selection),
    zoom: int = Query(5, ge=0, le=22, description="map zoom: grid clusters get finer as it grows"),
    view: str | None = Query(None, description="the map's view, min_lon,min_lat,max_lon,max_lat"),
    parts: str = Query("markers,areas", max_length=100, description="any of markers, areas, bounds"),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """The map layer for the selection: points (or grid clusters when many) inside ``view``,
    region- or country-level incidents counted per area (never drawn as points), and the
    bounds of the selection's points (to fit the first view)."""
    wanted = tuple(p.strip() for p in parts.split(",") if p.strip())
    unknown = set(wanted) - set(MAP_PARTS)
    if unknown:
        raise ApiError(400, f"unknown parts {sorted(unknown)!r}", {"allowed": list(MAP_PARTS)})
    box = parse_bbox(view)
    return stats.cached(
        store,
        "map",
        (astuple(f), zoom, box, wanted),
        lambda: stats.map_layer(store, f, zoom=zoom, view=box, parts=wanted),
    )


@router.get("/api/export")
def export_selection(
    f: stats.Filters = Depends(selection),
    format: str = Query("acled-csv", description="acled-csv or geojson"),  # noqa: A002
    store: Store = Depends(get_store),
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
        body, media, name = stats.csv_stream(stats.iter_selection(store, f)), "text/csv; charset=utf-8", "csv"
    return StreamingResponse(
        body,
        media_type=media,
        headers={"content-disposition": f'attachment; filename="skylog-incidents-{stamp}.{name}"'},
    )
